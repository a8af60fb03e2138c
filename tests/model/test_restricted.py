"""The restricted-term matcher sees through Unicode tricks, Markdown and HTML (pure: no disk)."""

from __future__ import annotations

import pytest

from cspr.model.restricted import (
    find_terms,
    fold,
    lines_holding,
    lines_holding_any,
    parse_terms,
    terms_in,
)

TERMS = ["John Smith", "O'Brien", "Greenfield Primary"]


def caught(text: str) -> list[str]:
    return terms_in(text, TERMS)


def test_plain_whole_words_any_case_across_a_line_break():
    assert caught("met JOHN smith today") == ["John Smith"]
    assert caught("John\nSmith") == ["John Smith"]
    assert caught("Johnsmith and Smithson") == []
    assert caught("o'brien's school") == ["O'Brien"]


@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u202e", "\u2066"])
def test_invisible_characters_inside_a_word_are_ignored(invisible):
    assert caught(f"Jo{invisible}hn Sm{invisible}{invisible}ith") == ["John Smith"]
    assert caught(f"{invisible}O'Bri{invisible}en") == ["O'Brien"]


@pytest.mark.parametrize("apostrophe", ["\u2019", "\u2018", "\u02bc", "\u2032", "\uff07", "`", "&#39;", "&rsquo;", "&apos;"])
def test_typographic_apostrophes_are_the_plain_one(apostrophe):
    assert caught(f"Mr O{apostrophe}Brien") == ["O'Brien"]


def test_a_term_written_with_a_curly_apostrophe_matches_the_plain_one():
    assert terms_in("Mr O'Brien", ["O\u2019Brien"]) == ["O\u2019Brien"]


@pytest.mark.parametrize("text", [
    "\uff2a\uff4f\uff48\uff4e \uff33\uff4d\uff49\uff54\uff48",  # full-width
    "\U0001d409\U0001d428\U0001d421\U0001d427 Smith",  # mathematical bold
    "J\u00f6hn Sm\u00eeth",  # accents
    "Jo\u0302hn Smith",  # a combining mark
    "JOHN SMITH",
    "\u24bf\u24de\u24d7\u24dd Smith",  # circled letters
])
def test_compatibility_forms_case_and_accents_fold_away(text):
    assert caught(text) == ["John Smith"]


@pytest.mark.parametrize("text", [
    "J\u043ehn Smith",  # Cyrillic о
    "John Sm\u0456th",  # Cyrillic і
    "\u0408ohn Smith",  # Cyrillic Ј
    "John \u0405mith",  # Cyrillic Ѕ
    "J\u03bfhn Smith",  # Greek ο
    "John Smi\u03c4h",  # Greek τ
    "\u0408\u039f\u041d\u039d \u0405\u041c\u0406\u0422\u041d",  # capitals of both scripts
    "Gr\u0435\u0435nfi\u0435ld Prim\u0430ry",  # Cyrillic е and а
    "Greenfield \u0420rim\u0430\u0433y",  # Р, а, г
])
def test_look_alike_letters_of_other_scripts_are_caught(text):
    assert caught(text) != []


@pytest.mark.parametrize("text", ["**John** Smith", "*John Smith*", "J**oh**n _Smith_", "__John__ ~~Smith~~", "J*o*h*n S_m_i_t_h"])
def test_markdown_emphasis_is_seen_through(text):
    assert caught(text) == ["John Smith"]


@pytest.mark.parametrize("text", ["&#74;ohn Smith", "J&#x6F;hn Smith", "John&nbsp;Smith", "John &#83;&#109;ith", "O&#x27;Brien"])
def test_html_entities_are_decoded(text):
    assert caught(text) != []


def test_unknown_entities_and_ampersands_are_text():
    assert caught("Smith & Jones &nosuch; John Smith") == ["John Smith"]
    assert caught("AT&T") == []


def test_lines_still_point_at_the_original_text():
    text = "first\n**Jo\u200bhn**\nSm\u0456th\nJohn Smith\n"
    assert lines_holding(text, "John Smith") == [2, 4]
    assert lines_holding("a\n&#74;ohn Smith", "john smith") == [2]


def test_find_terms_names_the_section_and_the_term_as_listed():
    found = find_terms([("notes", "Jo\u200bhn Smith"), ("other", "nothing")], TERMS)
    assert [(f.term, f.section) for f in found] == [("John Smith", "notes")]


def test_a_byte_order_mark_does_not_disable_the_first_term():
    assert parse_terms("\ufeffJohn Smith\nO'Brien\n") == ["John Smith", "O'Brien"]
    assert parse_terms("\ufeff# a comment\nJohn Smith\n") == ["John Smith"]
    assert terms_in("John Smith", parse_terms("\ufeffJohn Smith\n")) == ["John Smith"]


def test_terms_that_fold_alike_are_listed_once_and_empty_ones_dropped():
    assert parse_terms("John Smith\nJOHN  SMITH\nJ\u043ehn Smith\n\u200b\n**\n") == ["John Smith"]


def test_folding_keeps_plain_ascii_as_it_is_but_lower_case():
    assert fold("Child A, 2026").text == "child a, 2026"
    assert fold("Child A, 2026").origins is None


def test_lines_holding_any_term_once_each():
    text = "John Smith\nnothing\nO\u2019Brien and J\u043ehn Smith\n"
    assert lines_holding_any(text, TERMS) == [1, 3]
    assert lines_holding_any(text, []) == []


def test_words_of_a_term_may_be_parted_as_in_an_id():
    assert terms_in("reviews/2026-jane-doe/review.yaml", ["Jane Doe"]) == ["Jane Doe"]
    assert terms_in("jane.doe@example.org", ["Jane Doe"]) == ["Jane Doe"]
    assert terms_in("Jane, Doe", ["Jane Doe"]) == []
