"""A process file checked stage by stage (`cspr check`): every mistake named with its key path and
what to write, exactly as the officer reads it. Pure; the command-line side (FILE:LINE:COL) is
tests/cli/test_process_validation.py's."""

from __future__ import annotations

import pytest

from cspr.errors import InvalidField
from cspr.model.process import Condition, parse_process

TRACKS = {"local": "Local review", "none": "No review"}
NOTIFY = {"key": "notification", "title": "Notified", "owner": "Local authority", "due": "5 working days after aware"}


def process(*stages, tracks=TRACKS, **top):
    return parse_process({"tracks": tracks, "stages": list(stages), **top})


def refusal(*stages, tracks=TRACKS, **top) -> tuple:
    with pytest.raises(InvalidField) as refused:
        process(*stages, tracks=tracks, **top)
    return refused.value.path, refused.value.message, refused.value.at_key


def test_a_stage_is_read_with_every_field_and_its_defaults():
    read = process(NOTIFY, {
        "key": "briefing", "title": " Briefing ", "owner": " Business unit ", "tracks": "local",
        "due": "3 months after notification", "per_agency": True, "optional": True, "paused_by_holds": True,
        "description": " Seven minutes ", "statutory": True, "source": " WT 2023 ", "when": "not looked-after",
        "replaces": "notification"}, name="Testshire")
    assert (read.name, dict(read.tracks)) == ("Testshire", TRACKS)
    notify, briefing = read.stages
    assert (notify.tracks, notify.per_agency, notify.optional, notify.paused_by_holds, notify.statutory) == (
        ("all",), False, False, False, False)
    assert (notify.description, notify.source, notify.when, notify.replaces, notify.every) == ("", "", None, None, None)
    assert (briefing.title, briefing.owner, briefing.tracks, str(briefing.due)) == (
        "Briefing", "Business unit", ("local",), "3 months after notification")
    assert (briefing.per_agency, briefing.optional, briefing.paused_by_holds, briefing.statutory) == (True,) * 4
    assert (briefing.description, briefing.source, briefing.replaces) == ("Seven minutes", "WT 2023", "notification")
    assert briefing.when == Condition("looked-after", True) and str(briefing.when) == "not looked-after"
    assert process(NOTIFY).name == "CSPR process"
    assert str(process({**NOTIFY, "when": "withheld"}).stages[0].when) == "withheld"


@pytest.mark.parametrize(("data", "path", "message", "at_key"), [
    ([], (), "a process file is a mapping with 'tracks' and 'stages'", False),
    ({"tracks": TRACKS, "stages": [NOTIFY], "colour": "red"}, ("colour",),
     "unknown key 'colour'; expected one of ['name', 'stages', 'tracks']", True),
    ({"tracks": TRACKS, "stages": []}, ("stages",), "'stages' must be a list of stages", False),
    ({"tracks": TRACKS}, ("stages",), "'stages' must be a list of stages", False),
    ({"tracks": {}, "stages": [NOTIFY]}, ("tracks",), "'tracks' must map each track key to its description", False),
    ({"tracks": ["local"], "stages": [NOTIFY]}, ("tracks",), "'tracks' must map each track key to its description",
     False),
    ({"tracks": {"all": "x"}, "stages": [NOTIFY]}, ("tracks", "all"), "'all' is not a usable track key", False),
    ({"tracks": {"Local": "x"}, "stages": [NOTIFY]}, ("tracks", "Local"), "'Local' is not a usable track key", False),
    ({"tracks": {3: "x"}, "stages": [NOTIFY]}, ("tracks", 3), "3 is not a usable track key", False),
    ({"tracks": {"local": " "}, "stages": [NOTIFY]}, ("tracks", "local"), "a track's description must be text", False),
])
def test_each_mistake_in_the_files_top_level_is_named(data, path, message, at_key):
    with pytest.raises(InvalidField) as refused:
        parse_process(data)
    assert (refused.value.path, refused.value.message, refused.value.at_key) == (path, message, at_key)


@pytest.mark.parametrize(("changes", "path", "message", "at_key"), [
    ({"colour": "red"}, ("colour",), "unknown key 'colour' in a stage", True),
    ({"key": None}, ("key",), "'key' must be text", False),
    ({"key": "Notify"}, ("key",), "'Notify': a stage key is lower case letters, digits and '-'", False),
    ({"key": "aware"}, ("key",), "stage key 'aware' is used twice", False),
    ({"title": ""}, ("title",), "'title' must be text", False),
    ({"owner": 3}, ("owner",), "'owner' must be text", False),
    ({"description": 3}, ("description",), "'description' must be text", False),
    ({"source": []}, ("source",), "'source' must be text", False),
    ({"replaces": 1}, ("replaces",), "'replaces' must be text", False),
    ({"per_agency": "yes-please"}, ("per_agency",), "must be true or false", False),
    ({"optional": 1}, ("optional",), "must be true or false", False),
    ({"paused_by_holds": "true"}, ("paused_by_holds",), "must be true or false", False),
    ({"statutory": "no"}, ("statutory",), "must be true or false", False),
    ({"tracks": []}, ("tracks",), "'tracks' is a list of track keys, or 'all'", False),
    ({"tracks": {"local": 1}}, ("tracks",), "'tracks' is a list of track keys, or 'all'", False),
    ({"tracks": ["local", "national"]}, ("tracks", 1), "unknown track 'national'; the process has local, none (or 'all')",
     False),
    ({"due": "soon"}, ("due",), "'soon' is not a deadline rule; write it as '5 working days after aware', "
                                "'7 working days before published' or 'with rapid-review'", False),
    ({"due": None, "every": "monthly"}, ("every",),
     "'monthly' is not a recurring rule; write it as '3 months from published until actions complete'", False),
    ({"every": "1 month from aware until actions complete"}, ("every",),
     "a stage has either 'due' or 'every', not both", False),
    ({"when": "looked after"}, ("when",),
     "'when' is one of 'withheld', 'not withheld' or 'looked-after', 'not looked-after'; found 'looked after'", False),
    ({"when": "not"}, ("when",),
     "'when' is one of 'withheld', 'not withheld' or 'looked-after', 'not looked-after'; found 'not'", False),
    ({"when": ["withheld"]}, ("when",),
     "'when' is one of 'withheld', 'not withheld' or 'looked-after', 'not looked-after'; found ['withheld']", False),
    ({"when": "never withheld"}, ("when",),
     "'when' is one of 'withheld', 'not withheld' or 'looked-after', 'not looked-after'; found 'never withheld'",
     False),
])
def test_each_mistake_in_a_stage_is_named_with_its_key_path(changes, path, message, at_key):
    assert refusal({**NOTIFY, **changes}) == (("stages", 0, *path), message, at_key)


def test_a_stage_is_a_mapping_and_its_key_is_used_once():
    assert refusal("notification") == (("stages", 0), "each stage is a mapping with key, title and owner", False)
    assert refusal(NOTIFY, NOTIFY) == (("stages", 1, "key"), "stage key 'notification' is used twice", False)
    assert process({**NOTIFY, "key": "decision"}).stages[0].key == "decision"  # the one review date that is a stage
    assert refusal({**NOTIFY, "key": "decision", "due": None, "every": "1 month from aware until actions complete"}) == (
        ("stages", 0, "every"), "the decision is made once; it cannot recur", False)


@pytest.mark.parametrize(("stage", "where", "message"), [
    ({"due": "5 working days after notifcation"}, "due",
     "unknown stage or date 'notifcation' (did you mean 'notification'?)"),
    ({"due": "5 working days after zzzzzz"}, "due", "unknown stage or date 'zzzzzz'"),
    ({"due": None, "every": "1 month from notification until decision"}, "every",
     "unknown stage 'decision' after 'until' ('decision' is not a stage of this process)"),
    ({"due": "7 working days before aware"}, "due", "'before' counts back from a stage's planned date, not 'aware'"),
    ({"due": "with decision"}, "due", "'with' names a stage, not 'decision'"),
    ({"due": "5 working days after briefing"}, "due", "stage 'briefing' cannot count from itself"),
    ({"due": None, "every": "1 month from briefing until actions complete"}, "every",
     "stage 'briefing' cannot count from itself"),
    ({"due": None, "every": "1 month from notification until publishd"}, "every",
     "unknown stage 'publishd' after 'until'"),
    ({"due": None, "every": "1 month from notification until notifcation"}, "every",
     "unknown stage 'notifcation' after 'until' (did you mean 'notification'?)"),
    ({"due": None, "every": "1 month from zzzzzz until notification"}, "every", "unknown stage or date 'zzzzzz'"),
    ({"replaces": "notifcation"}, "replaces", "unknown stage 'notifcation' (did you mean 'notification'?)"),
])
def test_every_rule_names_a_known_stage_or_date_and_never_its_own(stage, where, message):
    briefing = {"key": "briefing", "title": "Briefing", "owner": "BU", "due": "1 month after notification", **stage}
    assert refusal(NOTIFY, briefing) == (("stages", 1, where), message, False)


def test_rules_that_go_round_in_a_circle_are_refused_at_the_first_of_them():
    first = {"key": "first", "title": "F", "owner": "O", "due": "5 working days after second"}
    second = {"key": "second", "title": "S", "owner": "O", "due": None, "every": "1 month from third until actions complete"}
    third = {"key": "third", "title": "T", "owner": "O", "due": "with first"}
    assert refusal(first, second, third) == (
        ("stages", 0, "due"), "deadline rules go round in a circle: first -> second -> third -> first", False)
    assert refusal(second, third, first) == (
        ("stages", 0, "every"), "deadline rules go round in a circle: second -> third -> first -> second", False)
    chain = [{"key": "a", "title": "A", "owner": "O", "due": "1 working day after aware"},
             {"key": "b", "title": "B", "owner": "O", "due": "with a"},
             {"key": "c", "title": "C", "owner": "O", "due": "with b"},
             {"key": "d", "title": "D", "owner": "O", "due": "with b"}]
    assert [s.key for s in process(*chain).stages] == ["a", "b", "c", "d"]


def test_the_stages_for_a_track_and_facts_are_each_stage_that_applies_however_often_asked():
    """`stages_for` is worked out once per track and facts (a report asks for every review)."""
    read = process(NOTIFY, {"key": "local-only", "title": "T", "owner": "O", "tracks": "local"},
                   {"key": "publish", "title": "P", "owner": "O", "when": "not withheld"},
                   {"key": "reasons", "title": "R", "owner": "O", "tracks": ["local"], "when": "withheld",
                    "replaces": "publish"})
    for track in (None, "local", "none"):
        for facts in (frozenset(), frozenset({"withheld"}), {"withheld", "looked-after"}, {"looked-after"}):
            expected = [stage for stage in read.stages if stage.applies_given(track, facts)]
            for _ in range(2):
                found = read.stages_for(track, facts)
                assert found == expected
                assert read.keys_applying(track, facts) == {stage.key for stage in expected}
                found.clear()  # the caller's own list: nothing kept is changed
    assert [s.key for s in read.stages_for("local", {"withheld"})] == ["notification", "local-only", "reasons"]
    assert [s.key for s in read.stages_for(None)] == ["notification", "publish"]
