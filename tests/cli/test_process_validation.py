"""A process file that cannot be followed is refused by `cspr check`, with its line and column."""

from __future__ import annotations

import pytest

from cspr.errors import InvalidField
from cspr.model.process import parse_interval, parse_process, parse_recurrence

STAGE_A = "  - key: a\n    title: A\n    owner: B\n"


def _process(extra: str, *, top: str = "") -> str:
    return "tracks:\n  local: Local review\n" + top + "stages:\n" + STAGE_A + extra


# (what the stage says, where cspr check points, what it says)
REFUSED = [
    ("    every: 0 months from decision until published\n", "process.yaml:7:12", "'0 months' is not an interval"),
    ("    due: 5 days after a\n", "process.yaml:7:10", "stage 'a' cannot count from itself"),
    ("    due: 7 working days before a\n", "process.yaml:7:10", "stage 'a' cannot count from itself"),
    ("    every: 1 month from a until actions complete\n", "process.yaml:7:12", "stage 'a' cannot count from itself"),
    ("    due: 5 days after aware\n    every: 1 month from decision until a\n",
     "process.yaml:8:12", "either 'due' or 'every', not both"),
    ("    per_agency: yes-please\n", "process.yaml:7:17", "must be true or false"),
    ("    optional: 1\n", "process.yaml:7:15", "must be true or false"),
    ("    paused_by_holds: 'true'\n", "process.yaml:7:22", "must be true or false"),
    ("    every: 1 month from decision until nowhere\n", "process.yaml:7:12", "unknown stage 'nowhere' after 'until'"),
    ("    due: 7 working days before aware\n", "process.yaml:7:10", "'before' counts back from a stage's planned date"),
]


@pytest.mark.parametrize(("stage", "where", "message"), REFUSED)
def test_check_refuses_a_stage_that_cannot_be_followed(workspace, stage, where, message):
    (workspace.root / "process.yaml").write_text(_process(stage))
    result = workspace.run("check", ok=False)
    assert result.exit_code == 1
    assert f"{where}: " in result.stderr and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_check_refuses_an_unknown_top_level_key_at_its_line(workspace):
    (workspace.root / "process.yaml").write_text(_process("", top="colour: red\n"))
    result = workspace.run("check", ok=False)
    assert "process.yaml:3:1: unknown key 'colour'" in result.stderr, result.stderr


def test_the_same_stages_written_correctly_check_out(workspace):
    correct = ("    due: 5 days after aware\n    per_agency: true\n    optional: false\n"
               "  - key: b\n    title: B\n    owner: B\n    every: 1 month from decision until a\n")
    (workspace.root / "process.yaml").write_text(_process(correct, top="name: Testshire process\n"))
    assert "the process check out" in workspace.run("check").stderr


# -- the same rules, at the level of the parsed data -------------------------------------------

def _stage(**fields) -> dict:
    return {"tracks": {"local": "Local review"},
            "stages": [{"key": "a", "title": "A", "owner": "B", **fields},
                       {"key": "b", "title": "B", "owner": "B"}]}


@pytest.mark.parametrize(("fields", "path"), [
    ({"every": "0 weeks from decision until b"}, ("stages", 0, "every")),
    ({"due": "5 days after a"}, ("stages", 0, "due")),
    ({"due": "5 days after aware", "every": "1 month from decision until b"}, ("stages", 0, "every")),
    ({"per_agency": "yes-please"}, ("stages", 0, "per_agency")),
    ({"optional": 0}, ("stages", 0, "optional")),
    ({"paused_by_holds": "no"}, ("stages", 0, "paused_by_holds")),
    ({"every": "1 month from decision until c"}, ("stages", 0, "every")),
    ({"every": "1 month from nowhere until b"}, ("stages", 0, "every")),
    ({"description": 5}, ("stages", 0, "description")),
])
def test_a_refused_stage_names_the_key_at_fault(fields, path):
    with pytest.raises(InvalidField) as caught:
        parse_process(_stage(**fields))
    assert caught.value.path == path


def test_unknown_top_level_keys_are_refused():
    data = {**_stage(), "colour": "red"}
    with pytest.raises(InvalidField) as caught:
        parse_process(data)
    assert caught.value.path == ("colour",)


def test_flags_and_a_name_are_read():
    process = parse_process({**_stage(per_agency=True, optional=True, paused_by_holds=True), "name": "Ours"})
    stage = process.stage("a")
    assert (stage.per_agency, stage.optional, stage.paused_by_holds) == (True, True, True)
    assert process.stage("b").per_agency is False and process.name == "Ours"
    assert parse_process(_stage()).name == "CSPR process"


@pytest.mark.parametrize("text", ["0m", "0 weeks", "-1 months", "6", "six months", "3 days"])
def test_an_interval_is_at_least_one_week_or_month(text):
    with pytest.raises(ValueError):
        parse_interval(text)


@pytest.mark.parametrize(("text", "shown"), [("1m", "1 month"), ("2 W", "2 weeks"), ("3 Months", "3 months")])
def test_intervals_read_as_a_person_writes_them(text, shown):
    assert str(parse_interval(text)) == shown


def test_a_recurrence_keeps_its_until_in_plain_words():
    every = parse_recurrence("3 months from published until  actions   complete")
    assert (str(every.interval), every.anchor, every.until) == ("3 months", "published", "actions complete")
