"""Recommendations, actions, assurance and progress checks, and closing a review.

The long test drives one local review from the decision to its closing, two years later,
through the real CLI with "today" pinned by CSPR_TODAY; every date it expects was worked out
by hand (decision Fri 31 Oct 2025, so monthly checks fall on month ends, clamped; publication
Fri 24 Apr 2026, so assurance falls on the 24th every three months).
"""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from cspr.cli import cli
from tests.helpers.workspace import REPO

RID = "2025-child-t"
LA = "Local authority children's services"
ICB = "Integrated Care Board"


def write(ws, today: str, *args: str, ok: bool | None = True):
    """Run a command with 'today' pinned (so --on defaults to it and future dates are refused)."""
    return ws.run(*args, env={"CSPR_TODAY": today}, ok=ok)


def done(ws, day: str, *args: str):
    """Record something that happened on `day`, on that day."""
    return write(ws, day, *args, "--on", day)


def read(ws, today: str, *args: str):
    return json.loads(ws.run(*args, "--format", "json", env={"CSPR_TODAY": today}).stdout)


def overdue_items(ws, today: str) -> list[tuple]:
    items = read(ws, today, "overdue")["items"]
    return [(i["stage"], i["owner"], i["due"], i["status"], i["days_overdue"]) for i in items if i["review"] == RID]


def stage(ws, today: str, key: str, review: str = RID) -> dict:
    return next(s for s in read(ws, today, "show", review)["stages"] if s["key"] == key)


def rag(ws, today: str, review: str = RID) -> list[tuple]:
    listed = read(ws, today, "actions", review)
    assert listed["as_of"] == today
    return [(a["action"], a["rag"], a["reason"]) for a in listed["actions"]]


def commits(ws) -> int:
    return int(ws.git("rev-list", "--count", "HEAD"))


def test_a_local_review_from_decision_to_closing_itself(workspace):
    ws = workspace
    write(ws, "2025-10-06", "new", "Child T", "--aware", "2025-10-06")
    done(ws, "2025-10-08", "complete", RID, "notification")
    done(ws, "2025-10-24", "complete", RID, "rapid-review")
    done(ws, "2025-10-31", "decide", RID, "local")

    # Progress checks fall due monthly from the decision, clamped to month ends without drift.
    check = stage(ws, "2025-11-01", "progress-check")
    assert (check["state"], check["due"], check["outstanding"]) == ("due", "2025-11-30", ["2025-11-30"])
    done(ws, "2025-12-01", "complete", RID, "progress-check")  # a day late
    check = stage(ws, "2025-12-01", "progress-check")
    assert (check["due"], check["outstanding"], check["recorded"]) == ("2025-12-31", ["2025-12-31"], 1)

    # A missed check is overdue; recording it answers that date, and the next keeps its own.
    # No panel and no plan 20 working days after Fri 31 Oct 2025: a timeline is needed (28 Nov).
    assert overdue_items(ws, "2026-01-05") == [("needs-timeline", "Business unit", "2025-11-28", "overdue", 38),
                                               ("progress-check", "Practice review subgroup", "2025-12-31", "overdue", 5)]
    done(ws, "2026-01-06", "complete", RID, "progress-check")
    assert stage(ws, "2026-01-06", "progress-check")["due"] == "2026-01-31"
    done(ws, "2026-01-30", "complete", RID, "progress-check")  # early: answers 31 January
    assert stage(ws, "2026-01-30", "progress-check")["outstanding"] == ["2026-02-28"]

    for key, day in [("panel-confirmed", "2025-11-10"), ("reviewer-commissioned", "2025-11-20"),
                     ("tor-agreed", "2025-12-05"), ("draft-circulated", "2026-02-20"),
                     ("final-draft", "2026-03-13")]:
        done(ws, day, "complete", RID, key)
    for agency in (LA, "Police", ICB):
        done(ws, "2026-03-25", "complete", RID, "agency-responses", "--agency", agency)
    # The timeline's next dates agreed, so the review no longer needs one.
    write(ws, "2026-03-25", "plan", RID, "subgroup-approval", "2026-06-30")

    # February and March both missed: the earliest stays overdue until it is recorded.
    assert overdue_items(ws, "2026-04-01") == [
        ("progress-check", "Practice review subgroup", "2026-02-28", "overdue", 32),
    ]
    assert stage(ws, "2026-04-01", "progress-check")["outstanding"] == ["2026-02-28", "2026-03-31", "2026-04-30"]
    done(ws, "2026-04-02", "complete", RID, "progress-check")
    assert overdue_items(ws, "2026-04-02") == [
        ("progress-check", "Practice review subgroup", "2026-03-31", "overdue", 2),
    ]
    # A second check on the same day is refused unless it names the missed occurrence it answers.
    write(ws, "2026-04-02", "complete", RID, "progress-check", "--on", "2026-04-02", ok=False)
    done(ws, "2026-04-02", "complete", RID, "progress-check", "--occurrence", "2026-03-31")
    occurrences = read(ws, "2026-04-02", "show", RID)
    assert overdue_items(ws, "2026-04-02") == []
    assert [s for s in occurrences["stages"] if s["key"] == "progress-check"][0]["outstanding"] == ["2026-04-30"]

    for key, day in [("subgroup-approval", "2026-04-02"), ("board-signoff", "2026-04-09"),
                     ("pre-publication-notice", "2026-04-14"), ("cabinet-member-notified", "2026-04-14"),
                     ("published", "2026-04-24")]:
        done(ws, day, "complete", RID, key)

    # Publication ends the progress checks (30 April is never due) and starts assurance.
    check = stage(ws, "2026-04-24", "progress-check")
    assert (check["state"], check["outstanding"], check["recorded"]) == ("done", [], 5)
    assurance = stage(ws, "2026-04-24", "assurance")
    assert (assurance["state"], assurance["due"]) == ("due", "2026-07-24")

    write(ws, "2026-04-24", "recommend", RID, "Police and health share concerns about neglect at once.")
    write(ws, "2026-04-24", "recommend", RID, "Children's services test the quality of neglect assessments.")
    done(ws, "2026-04-24", "action", "add", RID, "R1", "--agency", "police", "--due", "2026-09-30",
         "Neglect training for response officers.")
    done(ws, "2026-04-24", "action", "add", RID, "R1", "--agency", ICB, "--due", "2028-03-31",
         "Named GPs review every neglect referral each quarter.")
    done(ws, "2026-04-24", "action", "add", RID, "R2", "--agency", LA, "--due", "2026-12-31",
         "Audit twenty neglect assessments.")
    for day in ("2026-05-01", "2026-05-12"):
        key = "briefing-circulated" if day == "2026-05-01" else "learning-shared"
        done(ws, day, "complete", RID, key)

    # On the assurance date: an action not updated since then is amber; the assurance is due today.
    done(ws, "2026-07-24", "action", "update", RID, "R1.1", "--status", "in-progress", "--note", "Two sessions held.")
    done(ws, "2026-07-24", "action", "update", RID, "R2.1", "--status", "in-progress", "--note", "Tool agreed.")
    assert rag(ws, "2026-07-24") == [
        ("R1.1", "green", "on track"),
        ("R1.2", "amber", "no update since assurance point 2026-07-24"),
        ("R2.1", "green", "on track"),
    ]
    assert overdue_items(ws, "2026-07-24") == [
        ("assurance", "Quality of Practice and Performance subgroup", "2026-07-24", "due-soon", 0),
    ]
    done(ws, "2026-07-27", "complete", RID, "assurance", "--note", "Updates to the QPP subgroup.")

    # October's assurance is missed and R1.1 goes red.
    assert overdue_items(ws, "2026-10-30") == [
        ("action:R1.1", "Police", "2026-09-30", "overdue", 30),
        ("assurance", "Quality of Practice and Performance subgroup", "2026-10-24", "overdue", 6),
    ]
    assert rag(ws, "2026-10-30") == [
        ("R1.1", "red", "30 days overdue"),
        ("R1.2", "amber", "no update since assurance point 2026-10-24"),
        ("R2.1", "amber", "no update since assurance point 2026-10-24"),
    ]
    assert overdue_items(ws, "2027-01-25") == [
        ("action:R1.1", "Police", "2026-09-30", "overdue", 117),
        ("assurance", "Quality of Practice and Performance subgroup", "2026-10-24", "overdue", 93),
        ("action:R2.1", LA, "2026-12-31", "overdue", 25),
    ]
    done(ws, "2027-01-26", "action", "update", RID, "R1.1", "--status", "complete",
         "--note", "All five sessions held; attendance register to QPP.")
    done(ws, "2027-01-28", "complete", RID, "assurance")  # answers the missed 24 October
    assert overdue_items(ws, "2027-01-28") == [
        ("action:R2.1", LA, "2026-12-31", "overdue", 28),
        ("assurance", "Quality of Practice and Performance subgroup", "2027-01-24", "overdue", 4),
    ]
    done(ws, "2027-01-28", "complete", RID, "assurance", "--occurrence", "2027-01-24")
    done(ws, "2027-02-15", "action", "update", RID, "R2.1", "--status", "complete", "--note", "Audit reported.")
    assert overdue_items(ws, "2027-02-15") == []
    assert rag(ws, "2027-02-15") == [
        ("R1.1", "green", "complete 2027-01-26"),
        ("R1.2", "amber", "no update since assurance point 2027-01-24"),
        ("R2.1", "green", "complete 2027-02-15"),
    ]

    # The second year: assurance keeps to the 24th however late the last one was recorded.
    for due, day in [("2027-04-24", "2027-04-26"), ("2027-07-24", "2027-07-24"),
                     ("2027-10-24", "2027-10-25"), ("2028-01-24", "2028-01-24")]:
        assert stage(ws, day, "assurance")["due"] == due
        done(ws, day, "action", "update", RID, "R1.2", "--status", "in-progress", "--note", "Quarterly review held.")
        done(ws, day, "complete", RID, "assurance")
    assert stage(ws, "2028-01-24", "assurance")["outstanding"] == ["2028-04-24"]

    assert overdue_items(ws, "2028-04-01") == [("action:R1.2", ICB, "2028-03-31", "overdue", 1)]
    assert rag(ws, "2028-04-01")[1] == ("R1.2", "red", "1 day overdue")
    assert [r["id"] for r in read(ws, "2028-04-01", "list")] == [RID]

    # The last action completes: assurance stops, and the review closes itself.
    done(ws, "2028-04-10", "action", "update", RID, "R1.2", "--status", "complete", "--note", "Embedded in audit cycle.")
    assurance = stage(ws, "2028-04-10", "assurance")
    assert (assurance["state"], assurance["outstanding"], assurance["recorded"]) == ("done", [], 7)
    assert read(ws, "2028-04-10", "show", RID)["status"] == "closed"
    assert read(ws, "2028-04-10", "list") == []
    assert [(r["id"], r["status"]) for r in read(ws, "2028-04-10", "list", "--all")] == [(RID, "closed")]
    assert overdue_items(ws, "2028-06-01") == []

    # What was written: occurrences answer their scheduled dates; action history only grows.
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(ws.review_file(RID).read_text())
    assert [(str(o["due"]), str(o["done"])) for o in data["stages"]["assurance"]["occurrences"]] == [
        ("2026-07-24", "2026-07-27"), ("2026-10-24", "2027-01-28"), ("2027-01-24", "2027-01-28"),
        ("2027-04-24", "2027-04-26"), ("2027-07-24", "2027-07-24"), ("2027-10-24", "2027-10-25"),
        ("2028-01-24", "2028-01-24"),
    ]
    assert [str(o["due"]) for o in data["stages"]["progress-check"]["occurrences"]] == [
        "2025-11-30", "2025-12-31", "2026-01-31", "2026-02-28", "2026-03-31",
    ]
    r12 = data["recommendations"]["R1"]["actions"]["R1.2"]
    assert r12["agency"] == ICB
    assert [(str(u["on"]), u["status"]) for u in r12["updates"]] == [
        ("2026-04-24", "not-started"), ("2027-04-26", "in-progress"), ("2027-07-24", "in-progress"),
        ("2027-10-25", "in-progress"), ("2028-01-24", "in-progress"), ("2028-04-10", "complete"),
    ]
    assert data["recommendations"]["R1"]["actions"]["R1.1"]["agency"] == "Police"  # the workspace's spelling
    message = ws.git("log", "-1", "--format=%an|%B")
    assert message.startswith("Officer One|2025-child-t: action R1.2 (Integrated Care Board) in-progress -> complete")
    assert "Cspr-Action: action update" in message


def _published_review(ws, review: str = RID) -> None:
    """A local review published on Fri 24 Apr 2026 with one open action, R1.1 (Police, due 30 Sep)."""
    write(ws, "2026-01-05", "new", "Child T", "--aware", "2026-01-05", "--id", review)
    done(ws, "2026-01-30", "decide", review, "local")
    done(ws, "2026-04-24", "complete", review, "published")
    write(ws, "2026-04-24", "recommend", review, "Share concerns about neglect at once.")
    done(ws, "2026-04-24", "action", "add", review, "R1", "--agency", "Police", "--due", "2026-09-30", "Train officers.")


def test_agreed_interval_moves_assurance_and_the_amber_point(workspace):
    ws = workspace
    _published_review(ws)
    write(ws, "2026-05-01", "plan", RID, "assurance", "--every", "6m")
    assert stage(ws, "2026-05-01", "assurance")["due"] == "2026-10-24"
    # 24 July is no longer an assurance point, so the action is not amber for lack of an update.
    assert rag(ws, "2026-08-01") == [("R1.1", "green", "on track")]
    assert rag(ws, "2026-09-20") == [("R1.1", "amber", "due in 10 days")]
    write(ws, "2026-05-02", "plan", RID, "assurance", "--every", "2w")
    assert stage(ws, "2026-05-02", "assurance")["due"] == "2026-05-08"


def test_assurance_is_not_due_while_every_action_was_complete(workspace):
    ws = workspace
    _published_review(ws)
    done(ws, "2026-06-01", "action", "update", RID, "R1.1", "--status", "complete", "--note", "Trained.")
    assurance = stage(ws, "2026-11-01", "assurance")
    assert (assurance["state"], assurance["outstanding"]) == ("done", [])
    # A new action agreed on 2 November: 24 July and 24 October were never due (nothing was
    # open then); the series picks up at the next date on its schedule.
    write(ws, "2026-11-02", "recommend", RID, "Follow-up from the audit.")
    done(ws, "2026-11-02", "action", "add", RID, "R2", "--agency", "Police", "--due", "2027-03-31", "Re-audit.")
    assurance = stage(ws, "2026-11-02", "assurance")
    assert (assurance["state"], assurance["due"], assurance["outstanding"]) == ("due", "2027-01-24", ["2027-01-24"])
    assert "assurance" not in [i["stage"] for i in read(ws, "2026-11-02", "overdue")["items"]]


def test_actions_listing_filters_and_shapes(workspace):
    ws = workspace
    _published_review(ws)
    done(ws, "2026-04-24", "action", "add", RID, "R1", "--agency", "Northbrook Academy Trust", "--new-agency",
         "--due", "2026-12-31", "Designated safeguarding leads briefed.")
    env = {"CSPR_TODAY": "2026-10-01"}
    listed = json.loads(ws.run("actions", "--agency", "academy", "--format", "json", env=env).stdout)
    assert listed["within"] == 14
    (only,) = listed["actions"]
    assert only == {
        "review": RID, "child": "Child T", "recommendation": "R1",
        "recommendation_text": "Share concerns about neglect at once.", "action": "R1.2",
        "agency": "Northbrook Academy Trust", "text": "Designated safeguarding leads briefed.",
        "due": "2026-12-31", "status": "not-started", "last_update": "2026-04-24",
        "last_note": "Action agreed", "rag": "amber", "reason": "no update since assurance point 2026-07-24",
        "days_overdue": -91, "assurance_point": "2026-07-24",
        "updates": [{"on": "2026-04-24", "status": "not-started", "note": "Action agreed", "by": "Officer One"}],
        "original_due": None, "changes": [],
    }
    rows = list(csv.DictReader(io.StringIO(ws.run("actions", "--format", "csv", env=env).stdout)))
    assert list(rows[0]) == ["review", "child", "recommendation", "action", "agency", "text", "due", "status",
                             "last_update", "last_note", "rag", "reason", "days_overdue", "assurance_point"]
    assert [(r["action"], r["rag"], r["days_overdue"]) for r in rows] == [("R1.1", "red", "1"), ("R1.2", "amber", "-91")]
    table = ws.run("actions", RID, "--within", "100", env=env).stdout
    assert "R1.2" in table and "due in 91 days" in table and "1 red, 1 amber, 0 green" in table
    assert "| Review | Action |" in ws.run("actions", "--format", "markdown", env=env).stdout
    assert "amber" in ws.run("actions", "--help").stdout  # the rule is stated


def test_close_and_reopen(workspace):
    ws = workspace
    _published_review(ws)
    before = commits(ws)
    write(ws, "2026-06-01", "close", RID, "--reason", "Merged into the national review of Child U", "--on", "2026-05-29")
    assert commits(ws) == before + 1
    assert "Cspr-Action: close" in ws.git("log", "-1", "--format=%B")
    shown = read(ws, "2026-06-01", "show", RID)
    assert shown["status"] == "closed"
    assert shown["closed"] == {"on": "2026-05-29", "reason": "Merged into the national review of Child U",
                               "by": "Officer One"}
    assert read(ws, "2026-10-01", "list") == []
    assert [r["status"] for r in read(ws, "2026-10-01", "list", "--all")] == ["closed"]
    assert read(ws, "2026-10-01", "overdue")["items"] == []  # R1.1 is overdue, but the review is closed
    assert read(ws, "2026-10-01", "actions")["actions"] == []
    assert [a["action"] for a in read(ws, "2026-10-01", "actions", "--all")["actions"]] == ["R1.1"]

    again = write(ws, "2026-06-01", "close", RID, "--reason", "again", ok=False)
    assert "already closed on 2026-05-29" in again.stderr
    refused = write(ws, "2026-06-01", "recommend", RID, "More.", ok=False)
    assert "cspr reopen 2025-child-t" in refused.stderr

    write(ws, "2026-06-02", "reopen", RID)
    assert "Cspr-Action: reopen" in ws.git("log", "-1", "--format=%B")
    assert read(ws, "2026-06-02", "show", RID)["closed"] is None
    assert "action:R1.1" in [i["stage"] for i in read(ws, "2026-10-01", "overdue")["items"]]
    nothing = write(ws, "2026-06-02", "reopen", RID, ok=False)
    assert "nothing to reopen" in nothing.stderr


def test_refusals_change_nothing(workspace):
    ws = workspace
    _published_review(ws)
    path = ws.review_file(RID)
    text, count = path.read_text(), commits(ws)
    today = "2026-06-01"
    cases = [
        (("action", "add", "nope", "R1", "--agency", "Police", "--due", "2026-09-30", "x"), "nope"),
        (("action", "add", RID, "R9", "--agency", "Police", "--due", "2026-09-30", "x"), "no recommendation 'R9'"),
        (("action", "add", RID, "R1", "--agency", "Polise", "--due", "2026-09-30", "x"), "did you mean 'Police'?"),
        (("action", "add", RID, "R1", "--agency", "Police", "--due", "2026-04-01", "x"), "before the action was agreed"),
        (("action", "add", RID, "R1", "--agency", "Police", "--due", "2026-09-30", "--on", "2026-06-02", "x"),
         "in the future"),
        (("action", "update", RID, "R1.9", "--status", "open"), "no action 'R1.9'"),
        (("action", "update", RID, "R1.1", "--status", "open", "--on", "2026-06-02"), "in the future"),
        (("action", "update", RID, "R1.1", "--status", "open", "--on", "2026-04-20"), "last update (2026-04-24)"),
        (("action", "update", RID, "R1.1", "--status", "complete"), "--note is needed"),
        (("recommend", RID, "Same key.", "--id", "r1"), "already has recommendation R1"),
        (("recommend", RID, "Dotted.", "--id", "R1.1"), "cannot name a recommendation"),
        (("recommend", RID, "   "), "TEXT is empty"),
        (("close", RID, "--reason", "x", "--on", "2026-06-02"), "in the future"),
        (("close", RID, "--reason", " "), "--reason is empty"),
    ]
    for args, expected in cases:
        result = write(ws, today, *args, ok=False)
        assert result.exit_code == 1, (args, result.stderr)
        assert expected in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    bad_status = write(ws, today, "action", "update", RID, "R1.1", "--status", "done", ok=False)
    assert bad_status.exit_code == 1 and "--status" in bad_status.stderr
    assert path.read_text() == text and commits(ws) == count


def test_weekly_and_fortnightly_checks_in_a_workspace_process(workspace):
    """A workspace's own process: weekly checks until publication, fortnightly assurance."""
    ws = workspace
    (ws.root / "process.yaml").write_text(
        "tracks: {local: Local review}\n"
        "stages:\n"
        "  - {key: published, title: Published, owner: Business unit, tracks: [local]}\n"
        "  - {key: progress-check, title: Checked, owner: Subgroup, tracks: [local],"
        " every: 1 week from decision until published}\n"
        "  - {key: assurance, title: Assured, owner: QPP, tracks: [local], every: 2 weeks from published until actions complete}\n"
    )
    write(ws, "2026-03-02", "new", "Child V", "--aware", "2026-03-02")
    rid = "2026-child-v"
    done(ws, "2026-03-02", "decide", rid, "local")  # Mon: checks due 9, 16, 23 March
    done(ws, "2026-03-10", "complete", rid, "progress-check")
    done(ws, "2026-03-20", "complete", rid, "published")  # 16 March missed; 23 March never due
    write(ws, "2026-03-20", "recommend", rid, "Learn.")
    done(ws, "2026-03-20", "action", "add", rid, "R1", "--agency", "Police", "--due", "2026-06-30", "Act.")

    def items(today):
        return [(i["stage"], i["due"], i["status"], i["days_overdue"]) for i in read(ws, today, "overdue")["items"]]

    # The missed check outlives publication; assurance falls due fortnightly from 20 March.
    assert items("2026-04-10") == [("progress-check", "2026-03-16", "overdue", 25), ("assurance", "2026-04-03", "overdue", 7)]
    done(ws, "2026-04-10", "complete", rid, "progress-check")
    done(ws, "2026-04-10", "complete", rid, "assurance")
    assert items("2026-04-10") == [("assurance", "2026-04-17", "due-soon", -7)]
    nothing = write(ws, "2026-04-10", "complete", rid, "progress-check", ok=False)
    assert "no occurrence waiting" in nothing.stderr

    # The only action completes before 17 April: assurance ends and the review closes itself.
    done(ws, "2026-04-14", "action", "update", rid, "R1.1", "--status", "complete", "--note", "Done.")
    shown = read(ws, "2026-04-20", "show", rid)
    assurance = next(s for s in shown["stages"] if s["key"] == "assurance")
    assert (shown["status"], assurance["state"], assurance["recorded"]) == ("closed", "done", 1)
    assert items("2026-04-20") == []


def test_demo_review_has_an_action_in_each_rag_state():
    repo = REPO
    result = CliRunner().invoke(cli, ["--workspace", str(repo), "actions", "2025-child-s", "--as-of", "2026-11-27",
                                      "--format", "json"])
    assert result.exit_code == 0, result.stderr
    ratings = {a["rag"] for a in json.loads(result.stdout)["actions"]}
    assert ratings == {"red", "amber", "green"}
