"""What typed text may hold, and who is making a change: the pure rules behind `--note`,
`--reason`, `--by` and CSPR_OFFICER. No disk, no git."""

from __future__ import annotations

import pytest

from cspr.errors import UsageError
from cspr.model.hygiene import LONGEST_VALUE, control_character, refuse_control_characters
from cspr.model.officer import Officer, parse_officer


@pytest.mark.parametrize(("text", "found"), [
    ("Child A", None),
    ("Ünïcode and a tab-free — dash", None),
    ("Child\nA", "U+000A"),
    ("Child\rA", "U+000D"),
    ("Child \x1b[2JA", "U+001B"),
    ("Child \x7fA", "U+007F"),
    ("Child \x85A", "U+0085"),  # a C1 control
    ("Child \u202eA", "U+202E"),  # a bidi override is not a control character to Unicode
    ("Child \u2066A\u2069", "U+2066"),  # the first one is named
])
def test_a_control_character_or_bidi_control_is_found_and_named(text, found):
    assert control_character(text) == found


def test_a_line_break_is_called_a_line_break_and_names_the_option():
    with pytest.raises(UsageError) as refused:
        refuse_control_characters({"--note": "first line\nsecond line"})
    assert str(refused.value) == "--note holds a line break; write it on one line of plain text"
    with pytest.raises(UsageError, match=r"^--note holds a line break;"):
        refuse_control_characters({"--note": "a carriage return\r"})


def test_any_other_control_character_is_named_by_its_code_point():
    with pytest.raises(UsageError) as refused:
        refuse_control_characters({"--reason": None, "--note": "fine", "--by": "Child \x1bA"})
    assert str(refused.value) == ("--by holds the control character U+001B; "
                                  "write it on one line of plain text")


def test_a_value_longer_than_anyone_would_type_is_refused_with_its_length():
    refuse_control_characters({"--note": "x" * LONGEST_VALUE})
    with pytest.raises(UsageError) as refused:
        refuse_control_characters({"--note": "x" * (LONGEST_VALUE + 1)})
    assert str(refused.value) == ("--note is 10,001 characters long; keep it under 10,000 "
                                  "(put longer text in the review's notes.md)")


def test_missing_values_are_skipped_and_every_field_is_checked():
    refuse_control_characters({"--note": None, "--reason": "plain"})
    with pytest.raises(UsageError, match=r"^--reason holds"):
        refuse_control_characters({"--note": None, "--reason": "tab\there"})


def test_an_identity_is_a_name_and_an_email_in_angle_brackets():
    officer = parse_officer("  Sam Officer   <sam@example.org> ", "--by")
    assert officer == Officer("Sam Officer", "sam@example.org")
    assert str(officer) == "Sam Officer <sam@example.org>"


@pytest.mark.parametrize("text", ["Sam Officer", "<sam@example.org>", "Sam <sam example.org>",
                                  "Sam <sam@example.org> extra", "Sam <a@b> <c@d>"])
def test_anything_else_is_not_an_identity(text):
    with pytest.raises(UsageError) as refused:
        parse_officer(text, "CSPR_OFFICER")
    assert str(refused.value) == (f"CSPR_OFFICER: {text!r} is not an identity; "
                                  "write it as \"Name <name@example.org>\"")


def test_an_identity_with_a_control_character_is_refused_naming_where_it_came_from():
    with pytest.raises(UsageError) as refused:
        parse_officer("Sam\u202e <sam@example.org>", "--by")
    assert str(refused.value) == ("--by holds the control character U+202E; "
                                  "write it as \"Name <name@example.org>\" on one line")
