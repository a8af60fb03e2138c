"""Reading the learning an officer wrote in `briefing.yaml`: every field checked, every problem
named with its key path and what to write. Pure: no disk, no git (the command-line tests in
tests/cli/test_briefing.py turn the paths into FILE:LINE:COL)."""

from __future__ import annotations

import pytest

from cspr.errors import InvalidField
from cspr.model.briefing import Learning, is_placeholder, paragraphs, parse_learning, skeleton_text
from cspr.storage.yamlio import parse_text

WRITTEN = {
    "background": "Child A lived with a parent.\r\n\r\nThe family moved   home\nthree times.\n",
    "why_it_matters": "Neglect is cumulative.\n",
    "learning": ["Missed appointments\nmatter.\n", "A new adult must be known.", "Records move with families."],
    "remember": "Who lives in the household?",
    "what_to_do": ["Record 'was not brought'.\n\nFollow the procedure."],
}


def refusal(**changes) -> InvalidField:
    data = {**WRITTEN, **changes}
    data = {key: value for key, value in data.items() if value is not DROP}
    with pytest.raises(InvalidField) as refused:
        parse_learning(data)
    return refused.value


DROP = object()


def test_the_learning_is_read_as_paragraphs_and_points():
    assert parse_learning(WRITTEN) == Learning(
        background=("Child A lived with a parent.", "The family moved home three times."),
        why_it_matters=("Neglect is cumulative.",),
        learning=("Missed appointments matter.", "A new adult must be known.", "Records move with families."),
        remember=("Who lives in the household?",),
        what_to_do=("Record 'was not brought'. Follow the procedure.",),
        further_reading=(),
    )
    assert parse_learning({**WRITTEN, "further_reading": ["Working Together 2023"]}).further_reading == (
        "Working Together 2023",)
    assert parse_learning({**WRITTEN, "further_reading": None}).further_reading == ()


def test_blank_lines_part_paragraphs_and_other_line_breaks_are_spaces():
    assert paragraphs("one\ntwo\n\n\n  three  \n\n") == ("one two", "three")
    assert paragraphs("a\r\n\r\nb") == ("a", "b")
    assert paragraphs("   \n\n") == ()


def test_the_skeleton_is_refused_until_every_part_is_written():
    skeleton = parse_text(skeleton_text("Child A", "2026-child-a"), "briefing.yaml", round_trip=False)
    with pytest.raises(InvalidField) as refused:
        parse_learning(skeleton)
    assert (refused.value.path, refused.value.message) == (
        ("background",), "1. Background still says 'TO WRITE': write it (pseudonyms only)")
    assert "Child A (2026-child-a)" in skeleton_text("Child A", "2026-child-a")


def test_a_placeholder_is_found_in_any_case_after_spaces():
    assert is_placeholder("  to write: the first point")
    assert not is_placeholder("Nothing TO WRITE here")


@pytest.mark.parametrize(("changes", "path", "message", "at_key"), [
    ({"colour": "red"}, ("colour",),
     "unknown key 'colour'; expected one of: background, why_it_matters, learning, remember, what_to_do, "
     "further_reading", True),
    ({"background": DROP}, ("background",), "1. Background: expected text written after `|`, found nothing", False),
    ({"background": "  \n"}, ("background",), "1. Background: expected text written after `|`, found '  \\n'", False),
    ({"why_it_matters": ["a list"]}, ("why_it_matters",),
     "2. Why it matters: expected text written after `|`, found ['a list']", False),
    ({"why_it_matters": "TO WRITE: why"}, ("why_it_matters",),
     "2. Why it matters still says 'TO WRITE': write it (pseudonyms only)", False),
    ({"learning": ["one", "two"]}, ("learning",),
     "3-5. Key points of learning: 2 points written; a briefing has three to five", True),
    ({"learning": "one"}, ("learning",),
     "3-5. Key points of learning: 1 point written; a briefing has three to five", True),
    ({"learning": ["1", "2", "3", "4", "5", "6"]}, ("learning",),
     "3-5. Key points of learning: 6 points written; a briefing has three to five", True),
    ({"learning": []}, ("learning",),
     "3-5. Key points of learning: expected a list of points, each starting with `- |`", False),
    ({"remember": DROP}, ("remember",),
     "6. Things to note and remember: expected a list of points, each starting with `- |`", False),
    ({"what_to_do": {"a": "b"}}, ("what_to_do",),
     "7. What to do: expected a list of points, each starting with `- |`", False),
    ({"learning": ["one", None, "three"]}, ("learning", 1),
     "3-5. Key points of learning, point 2: expected text, found nothing", False),
    ({"learning": ["one", "two", " "]}, ("learning", 2),
     "3-5. Key points of learning, point 3: expected text, found ' '", False),
    ({"remember": ["fine", 7]}, ("remember", 1), "6. Things to note and remember, point 2: expected text, found 7",
     False),
    ({"what_to_do": ["to write: what"]}, ("what_to_do", 0),
     "7. What to do, point 1 still says 'TO WRITE': write it (pseudonyms only) or delete the point", False),
    ({"further_reading": []}, None, None, None),
    ({"further_reading": "TO WRITE"}, ("further_reading", 0),
     "Further reading, point 1 still says 'TO WRITE': write it (pseudonyms only) or delete the point", False),
])
def test_each_problem_is_named_with_its_key_path(changes, path, message, at_key):
    if path is None:
        assert parse_learning({**WRITTEN, **changes}).further_reading == ()
        return
    refused = refusal(**changes)
    assert (refused.path, refused.message, refused.at_key) == (path, message, at_key)


def test_a_briefing_file_is_a_mapping():
    with pytest.raises(InvalidField) as refused:
        parse_learning(["background"])
    assert (refused.value.path, refused.value.message) == (
        (), "a briefing file is a mapping of: background, why_it_matters, learning, remember, what_to_do, "
            "further_reading")


def test_the_first_problem_in_the_files_order_is_the_one_reported():
    refused = refusal(background="TO WRITE", learning=["one"], remember=None)
    assert refused.path == ("background",)
    refused = refusal(learning=["one"], remember=None)
    assert refused.path == ("learning",)
