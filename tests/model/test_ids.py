"""Review IDs: the default one `cspr new` makes, and what an officer may type for one. Pure."""

from __future__ import annotations

import pytest

from cspr.model.ids import (
    ID_PATTERN,
    match_review_ids,
    nearest_ids,
    review_id_for,
    shorten,
    slugify,
)

IDS = ["2025-baby-r", "2026-child-a", "2026-child-ab", "2026-child-m"]


@pytest.mark.parametrize(("child", "made"), [
    ("Child A", "2026-child-a"),
    ("  Child   A  ", "2026-child-a"),
    ("Chïld É.", "2026-child-e"),
    ("Child_A/../B", "2026-child-a-b"),
    ("!!!", "2026"),
    ("Ω", "2026"),
    ("x" * 60, "2026-" + "x" * 48),
    ("a" * 47 + " b", "2026-" + "a" * 47),  # cut at 48 characters, never ending in '-'
])
def test_the_default_id_is_the_year_and_the_pseudonym_as_plain_letters(child, made):
    assert review_id_for(2026, child) == made
    assert ID_PATTERN.match(made)


def test_a_slug_is_lower_case_letters_and_digits_joined_by_single_dashes():
    assert slugify("--Child  B2 (2026)--") == "child-b2-2026"


def test_the_id_itself_in_any_case_wins_over_every_other_match():
    assert match_review_ids(" 2026-Child-A ", IDS) == ["2026-child-a"]
    assert match_review_ids("2026-child-a", [*IDS, "2026-child-a-2"]) == ["2026-child-a"]


def test_whole_parts_in_order_win_over_text_anywhere():
    assert match_review_ids("child a", IDS) == ["2026-child-a"]
    assert match_review_ids("a child", IDS) == []
    assert match_review_ids("2026", IDS) == ["2026-child-a", "2026-child-ab", "2026-child-m"]
    assert match_review_ids("child-m", IDS) == ["2026-child-m"]


def test_text_anywhere_in_an_id_as_typed_or_as_a_slug():
    assert match_review_ids("hild", IDS) == ["2026-child-a", "2026-child-ab", "2026-child-m"]
    assert match_review_ids("6-chi", IDS) == ["2026-child-a", "2026-child-ab", "2026-child-m"]
    assert match_review_ids("by-R", IDS) == ["2025-baby-r"]
    assert match_review_ids("BY R", IDS) == ["2025-baby-r"]


def test_a_pseudonym_is_matched_whole_before_in_part_and_only_when_no_id_matches():
    pseudonyms = {"2025-baby-r": "Baby Rosie", "2026-child-m": "Rosie", "2026-child-a": "Child A"}
    assert match_review_ids(" ROSIE ", IDS, pseudonyms) == ["2026-child-m"]
    assert match_review_ids("rosi", IDS, pseudonyms) == ["2025-baby-r", "2026-child-m"]
    assert match_review_ids("Baby Ro", IDS, pseudonyms) == ["2025-baby-r"]
    assert match_review_ids("nobody", IDS, pseudonyms) == []
    assert match_review_ids("nobody", IDS, {}) == []


def test_nothing_typed_matches_nothing():
    assert match_review_ids("   ", IDS, {"2026-child-a": " "}) == []


def test_the_nearest_ids_for_a_typo_in_the_id_or_in_the_pseudonym_alone():
    assert nearest_ids("2026-chlid-m", IDS) == ["2026-child-m", "2026-child-a", "2026-child-ab"]
    assert nearest_ids("2026-chlid-m", IDS, count=1) == ["2026-child-m"]
    assert nearest_ids(" 2026-CHLID-M ", ["2026-Child-M"]) == ["2026-Child-M"]
    assert nearest_ids("Baby Rx", IDS) == ["2025-baby-r"]
    assert nearest_ids("zzzz", IDS) == []


def test_a_long_text_is_cut_when_echoed():
    assert shorten("x" * 40) == "x" * 40
    assert shorten("x" * 41) == "x" * 40 + "..."
    assert shorten("abcdef", limit=3) == "abc..."
