"""The process as data: the default process, rules, validation with lines, a workspace's own."""

from __future__ import annotations

import pytest

from cspr.errors import InvalidField
from cspr.model.process import parse_process, parse_rule
from cspr.storage.yamlio import load_data
from tests.helpers.workspace import OFFICER, REPO

DEFAULT = REPO / "cspr" / "process.yaml"

LOCAL_KEYS = [
    "panel-confirmed", "reviewer-commissioned", "tor-agreed", "draft-circulated", "final-draft",
    "agency-responses", "subgroup-approval", "board-signoff", "pre-publication-notice",
    "cabinet-member-notified", "published", "briefing-circulated", "practitioner-briefing",
    "learning-shared",
]


def test_default_process_keeps_the_interface_keys_in_the_seed_order():
    process = parse_process(load_data(DEFAULT))
    start = ["notification", "rapid-review", "decision", "panel-response"]
    assert [s.key for s in process.stages_for(None)] == start
    local = [s.key for s in process.stages_for("local") if s.every is None]
    assert local == [*start, *LOCAL_KEYS]
    national = [s.key for s in process.stages_for("national")]
    assert national == [*start, "national-review", "national-published"]
    assert [s.key for s in process.stages_for("none")] == start
    looked_after = [s.key for s in process.stages_for(None, {"looked-after"})]
    assert looked_after == ["notification", "sos-ofsted-notified", "rapid-review", "decision", "panel-response"]
    withheld = [s.key for s in process.stages_for("local", {"withheld"}) if s.every is None]
    assert "published" not in withheld and "withheld-reasons-sent" in withheld
    assert "pre-publication-notice" not in withheld and "cabinet-member-notified" not in withheld
    rules = {s.key: str(s.due) for s in process.stages if s.due}
    assert rules == {
        "notification": "5 working days after aware",
        "rapid-review": "15 working days after notification",
        "agency-responses": "14 days after final-draft",
        "pre-publication-notice": "7 working days before published",
        "cabinet-member-notified": "7 working days before published",
        "published": "6 months after decision",
        "sos-ofsted-notified": "with notification",
        "decision": "with rapid-review",
        "withheld-reasons-sent": "with published",
    }
    assert process.stage("practitioner-briefing").optional
    assert process.stage("panel-response").optional and process.stage("panel-response").owner == "National Panel"
    assert process.stage("agency-responses").per_agency
    assert {s.key for s in process.stages if s.paused_by_holds} == {
        "published", "pre-publication-notice", "cabinet-member-notified", "withheld-reasons-sent"}
    statutory = {s.key for s in process.stages if s.statutory}
    assert statutory == {"notification", "sos-ofsted-notified", "rapid-review", "decision",
                         "pre-publication-notice", "withheld-reasons-sent"}
    assert all("Working Together to Safeguard Children 2023" in process.stage(key).source for key in statutory)


@pytest.mark.parametrize(
    ("text", "unit", "direction", "anchor"),
    [("5 working days after aware", "working-days", "after", "aware"),
     ("1 working day after notification", "working-days", "after", "notification"),
     ("6 months after decision", "months", "after", "decision"),
     ("2 weeks after tor-agreed", "weeks", "after", "tor-agreed"),
     ("7 Working Days before published", "working-days", "before", "published")],
)
def test_rules_read_as_a_person_would_say_them(text, unit, direction, anchor):
    rule = parse_rule(text)
    assert (rule.unit, rule.direction, rule.anchor) == (unit, direction, anchor)


@pytest.mark.parametrize("text", ["5 fortnights after aware", "soon", "7 days before published", "after aware"])
def test_bad_rules_are_refused(text):
    with pytest.raises(ValueError):
        parse_rule(text)


def _process(stages: str) -> str:
    return "tracks:\n  local: Local review\nstages:\n" + stages


BROKEN_PROCESSES = [
    ("  - key: a\n    title: A\n    owner: B\n    due: 5 working days after nowhere\n",
     "process.yaml:7:10", "unknown stage or date 'nowhere'"),
    ("  - key: a\n    title: A\n    owner: B\n    due: 5 fortnights after aware\n",
     "process.yaml:7:10", "unknown unit 'fortnights'"),
    ("  - key: a\n    title: A\n    owner: B\n    due: 5 days after b\n"
     "  - key: b\n    title: B\n    owner: B\n    due: 5 days after a\n",
     "process.yaml:7:10", "go round in a circle: a -> b -> a"),
    ("  - key: a\n    title: A\n    owner: B\n    tracks: [regional]\n",
     "process.yaml:7:14", "unknown track 'regional'"),
    ("  - key: a\n    title: A\n    owner: B\n    colour: red\n",
     "process.yaml:7:5", "unknown key 'colour'"),
    ("  - key: a\n    title: A\n    owner: B\n  - key: a\n    title: A again\n    owner: B\n",
     "process.yaml:7:10", "used twice"),
]


@pytest.mark.parametrize(("stages", "where", "message"), BROKEN_PROCESSES)
def test_check_reports_a_broken_process_with_its_line(workspace, stages, where, message):
    (workspace.root / "process.yaml").write_text(_process(stages))
    result = workspace.run("check", ok=False)
    assert result.exit_code == 1
    assert where in result.stderr and message in result.stderr, result.stderr
    # every other command says the same, in one line, without a traceback
    shown = workspace.run("overdue", ok=False)
    assert where in shown.stderr and "Traceback" not in shown.stderr


def test_parse_process_names_the_key_path():
    with pytest.raises(InvalidField) as caught:
        parse_process({"tracks": {"local": "x"}, "stages": [{"key": "a", "title": "A"}]})
    assert caught.value.path == ("stages", 0, "owner")


CUSTOM = """\
# Northbrook runs a scoping meeting before commissioning, within 10 working days of the decision.
tracks:
  local: Local review
  none: No review
stages:
  - key: notification
    title: National Panel notified
    owner: Local authority
    tracks: all
    due: 5 working days after aware
  - key: rapid-review
    title: Rapid review sent to the National Panel
    owner: Safeguarding partners
    tracks: all
    due: 15 working days after notification
  - key: scoping-meeting
    title: Scoping meeting held with the independent reviewer and a very long title that goes on and on
    owner: Business unit
    tracks: [local]
    due: 10 working days after decision
  - key: published
    title: Published
    owner: Business unit
    tracks: [local]
    due: 20 weeks after scoping-meeting
"""


def review_under_custom_process(workspace) -> str:
    """Northbrook's own process committed, and a local review decided on Mon 20 Apr 2026."""
    (workspace.root / "process.yaml").write_text(CUSTOM)
    workspace.git("add", "process.yaml")
    workspace.git("commit", "-qm", "Northbrook's own process")
    workspace.run("new", "Child E", "--aware", "2026-04-01", "--by", OFFICER)
    workspace.run("decide", "2026-child-e", "local", "--on", "2026-04-20", "--by", OFFICER)
    return "2026-child-e"


def test_a_workspace_process_with_an_extra_local_stage_needs_no_code(workspace, monkeypatch):
    monkeypatch.setenv("CSPR_TODAY", "2026-06-30")
    review_under_custom_process(workspace)
    stages = {s["key"]: s for s in workspace.json("show", "2026-child-e", "--as-of", "2026-04-21")["stages"]}
    assert list(stages) == ["notification", "rapid-review", "scoping-meeting", "published"]
    # 10 working days after Mon 20 Apr 2026 (May Day is 4 May): Tue 5 May 2026
    assert stages["scoping-meeting"]["due"] == "2026-05-05"
    # Provisional until the scoping meeting is held: 20 weeks after its deadline (Tue 5 May).
    assert (stages["published"]["due"], stages["published"]["provisional"]) == ("2026-09-22", True)
    workspace.run("complete", "2026-child-e", "scoping-meeting", "--on", "2026-05-01", "--by", OFFICER)
    stages = {s["key"]: s for s in workspace.json("show", "2026-child-e", "--as-of", "2026-05-02")["stages"]}
    assert stages["published"]["due"] == "2026-09-18"  # 20 weeks after Fri 1 May
    assert workspace.run("check").exit_code == 0
