"""The restricted-term matcher sees through Unicode tricks, Markdown and HTML (pure: no disk)."""

from __future__ import annotations

import pytest

from cspr.model.restricted import (
    find_terms,
    fold,
    folded_text,
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


def _folded_one_by_one(text: str) -> tuple[str, tuple[int, ...]]:
    """Folding as it was first written: every character on its own, entities decoded to their place."""
    import html
    import re

    from cspr.model.restricted import _fold_char

    pairs: list[tuple[int, str]] = []
    at = 0
    for match in re.finditer(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});", text):
        pairs += [(i, text[i]) for i in range(at, match.start())]
        decoded = html.unescape(match.group())
        pairs += ([(i, text[i]) for i in range(match.start(), match.end())] if decoded == match.group()
                  else [(match.start(), char) for char in decoded])
        at = match.end()
    pairs += [(i, text[i]) for i in range(at, len(text))]
    chars = [(index, piece) for index, char in pairs for piece in _fold_char(char)]
    return "".join(piece for _, piece in chars), tuple(index for index, _ in chars)


def test_folding_a_mostly_plain_page_by_runs_gives_what_folding_each_character_gives():
    import random

    rng = random.Random(19)
    parts = ["Child A ", "met ", "Jo\u200bhn", " – ", "&amp;", "&#74;", "&#x4A;", "&nbsp;", "&bogus;", "&&amp;", "&",
             "**Smi**th", "_O’Brien_", "`x`", "ｆｕｌｌ", "Jоhn", "Zoë", "ﬁle", "ß", "\n", "é", "<b>", "~~", "1", "."]
    for _ in range(300):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(1, 30)))
        folded = fold(text)
        origins = folded.origins if folded.origins is not None else tuple(range(len(folded.text)))
        assert (folded.text, origins) == _folded_one_by_one(text), text
        assert folded_text(text) == folded.text


def test_the_quick_look_before_each_pattern_never_misses_a_term():
    import random

    from cspr.model.restricted import _pattern

    rng = random.Random(20)
    terms = ["Jo Smith", "O'Brien", "St. Mary's", "Zoë Ng", "Jo", "x_y", "Ана", "12 High St", "smith-jones", "张伟"]
    parts = ["Jo", "jo ", "Smith", " smith", "o'brien", "O’Brien", "st.", " st ", "mary's", "Zoe", " ng", "x_y", "x",
             "_y", "Ана", "Aнa", "12", " high", " st", "-", ".", " ", "\n", "·", "–", "张伟", "张", "\u00a0", "&amp;",
             "**", "é", "<b>", "smithjones", "smith-jones", "Smith–Jones"]
    for _ in range(2000):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(1, 12)))
        expected = [term for term in terms if _pattern(term).search(fold(text).text)]
        assert terms_in(text, terms) == expected, text
