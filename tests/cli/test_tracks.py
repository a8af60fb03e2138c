"""Whole reviews walked through each track with the CLI; every due date worked out by hand.

The dates below were counted on a calendar, not computed: England's bank holidays around
Easter 2026, Christmas 2022, the state funeral (19 Sep 2022) and the coronation (8 May 2023).
"""

from __future__ import annotations

import pytest

from tests.helpers.workspace import OFFICER


def stages(workspace, review_id, as_of):
    shown = workspace.json("show", review_id, "--as-of", as_of)
    return {s["key"]: s for s in shown["stages"]}


def run(workspace, *args):
    return workspace.run(*args, "--by", OFFICER)


@pytest.fixture
def today_2027(monkeypatch):
    monkeypatch.setenv("CSPR_TODAY", "2027-06-30")


def test_local_review_around_the_coronation_and_christmas(workspace, today_2027):
    run(workspace, "new", "Child K", "--aware", "2023-04-27", "--agency", "Police", "--agency", "Health")
    rid = "2023-child-k"
    s = stages(workspace, rid, "2023-04-28")
    # Thu 27 Apr 2023 + 5 working days, skipping the May Day holiday (1 May): Fri 5 May.
    assert s["notification"]["due"] == "2023-05-05" and s["notification"]["state"] == "due"
    # Counted provisionally from the notification's deadline until it is done.
    assert (s["rapid-review"]["state"], s["rapid-review"]["due"], s["rapid-review"]["provisional"]) == (
        "due", "2023-05-30", True)
    assert s["decision"]["due"] == "2023-05-30" and s["decision"]["provisional"]
    assert "panel-confirmed" not in s  # local stages only once decided

    run(workspace, "complete", rid, "notification", "--on", "2023-05-05")
    s = stages(workspace, rid, "2023-05-09")
    # 15 working days after Fri 5 May, skipping the coronation (8 May) and the spring bank
    # holiday (29 May): Tue 30 May.
    assert s["rapid-review"]["due"] == "2023-05-30"
    assert s["notification"]["state"] == "done" and s["notification"]["by"] == "Officer One"

    run(workspace, "complete", rid, "rapid-review", "--on", "2023-05-26")
    run(workspace, "decide", rid, "local", "--on", "2023-05-31")
    s = stages(workspace, rid, "2023-06-01")
    assert s["published"]["due"] == "2023-11-30"  # 6 months after Wed 31 May
    # 7 working days before Thu 30 Nov 2023: Tue 21 Nov.
    assert s["pre-publication-notice"]["due"] == "2023-11-21"
    assert s["cabinet-member-notified"]["due"] == "2023-11-21"
    assert s["tor-agreed"]["state"] == "no-deadline" and s["tor-agreed"]["due"] is None
    assert s["agency-responses"]["state"] == "waiting"

    run(workspace, "plan", rid, "tor-agreed", "2023-07-14")
    run(workspace, "complete", rid, "final-draft", "--on", "2023-10-02")
    s = stages(workspace, rid, "2023-10-17")
    assert s["tor-agreed"]["due"] == "2023-07-14" and s["tor-agreed"]["state"] == "overdue"
    assert s["agency-responses"]["due"] == "2023-10-16"  # 14 calendar days after Mon 2 Oct
    assert s["agency-responses"]["state"] == "overdue"
    assert [a["agency"] for a in s["agency-responses"]["agencies"]] == ["Police", "Health"]
    assert stages(workspace, rid, "2023-10-16")["agency-responses"]["state"] == "due"  # on time on the day

    run(workspace, "complete", rid, "agency-responses", "--agency", "police", "--on", "2023-10-10")
    s = stages(workspace, rid, "2023-10-17")
    assert s["agency-responses"]["state"] == "overdue"
    assert {a["agency"]: a["done"] for a in s["agency-responses"]["agencies"]} == {
        "Police": "2023-10-10", "Health": None}
    run(workspace, "complete", rid, "agency-responses", "--agency", "Health", "--on", "2023-10-17")
    s = stages(workspace, rid, "2023-10-18")
    assert s["agency-responses"]["state"] == "done" and s["agency-responses"]["done"] == "2023-10-17"

    # Publication planned for Mon 8 Jan 2024, beyond the statutory 30 Nov: allowed, and shown.
    run(workspace, "plan", rid, "published", "2024-01-08")
    s = stages(workspace, rid, "2023-11-01")
    assert s["published"]["due"] == "2023-11-30" and s["published"]["planned"] == "2024-01-08"
    assert s["published"]["beyond_deadline"] is True
    # 7 working days before Mon 8 Jan 2024, skipping New Year's Day, Christmas and Boxing Day:
    # Wed 27 Dec 2023.
    assert s["pre-publication-notice"]["due"] == "2023-12-27"
    table = workspace.run("show", rid, "--as-of", "2023-11-01").stdout
    assert "beyond the deadline" in table

    for key, day in [("panel-confirmed", "2023-06-05"), ("reviewer-commissioned", "2023-06-20"),
                     ("tor-agreed", "2023-07-20"), ("draft-circulated", "2023-09-01"),
                     ("subgroup-approval", "2023-11-20"), ("board-signoff", "2023-12-04"),
                     ("pre-publication-notice", "2023-12-22"), ("cabinet-member-notified", "2023-12-22"),
                     ("published", "2024-01-08"), ("briefing-circulated", "2024-01-15")]:
        run(workspace, "complete", rid, key, "--on", day)
    assert workspace.json("show", rid, "--as-of", "2024-01-16")["status"] == "open"
    run(workspace, "complete", rid, "learning-shared", "--on", "2024-02-01")
    # practitioner-briefing is optional ("where possible") and does not hold the review open
    shown = workspace.json("show", rid, "--as-of", "2024-02-02")
    assert shown["status"] == "closed"
    assert "2023-child-k" not in [r["id"] for r in workspace.json("list", "--as-of", "2024-02-02")]
    assert "2023-child-k" in [r["id"] for r in workspace.json("list", "--all", "--as-of", "2024-02-02")]


def test_holds_move_publication_deadlines(workspace, today_2027):
    run(workspace, "new", "Baby H", "--aware", "2023-04-27")
    rid = "2023-baby-h"
    run(workspace, "complete", rid, "notification", "--on", "2023-05-02")
    run(workspace, "complete", rid, "rapid-review", "--on", "2023-05-20")
    run(workspace, "decide", rid, "local", "--on", "2023-05-31")
    run(workspace, "hold", rid, "--reason", "Criminal trial", "--from", "2023-10-01")
    s = stages(workspace, rid, "2023-12-15")
    for key in ("published", "pre-publication-notice", "cabinet-member-notified"):
        assert s[key]["state"] == "on-hold", key
    assert s["tor-agreed"]["state"] == "no-deadline"  # other stages are not held
    items = workspace.json("overdue", "--as-of", "2023-12-15")["items"]
    assert {i["stage"] for i in items if i["status"] == "on-hold"} == {
        "published", "pre-publication-notice", "cabinet-member-notified"}
    assert all(i["status"] != "overdue" or i["stage"] not in ("published",) for i in items)
    assert {i["reason"] for i in items if i["status"] == "on-hold"} == {"Criminal trial"}

    run(workspace, "resume", rid, "--on", "2023-10-31")
    s = stages(workspace, rid, "2023-11-01")
    # 30 Nov 2023 + 30 days held (1 Oct to 31 Oct) = Sat 30 Dec 2023
    assert s["published"]["due"] == "2023-12-30" and s["published"]["held_days"] == 30
    # 7 working days before Sat 30 Dec, skipping Christmas and Boxing Day: Tue 19 Dec 2023.
    assert s["pre-publication-notice"]["due"] == "2023-12-19"

    # a second hold adds up: 2 Jan to 12 Jan 2024 is 10 more days
    run(workspace, "hold", rid, "--reason", "Coroner's inquest", "--from", "2024-01-02")
    run(workspace, "resume", rid, "--on", "2024-01-12")
    s = stages(workspace, rid, "2024-01-15")
    assert s["published"]["due"] == "2024-01-09" and s["published"]["held_days"] == 40
    shown = workspace.json("show", rid, "--as-of", "2024-01-15")
    assert [(h["from"], h["to"], h["days"]) for h in shown["holds"]] == [
        ("2023-10-01", "2023-10-31", 30), ("2024-01-02", "2024-01-12", 10)]


def test_national_track_has_no_statutory_deadlines(workspace, today_2027):
    run(workspace, "new", "Child N", "--aware", "2022-09-16")
    rid = "2022-child-n"
    s = stages(workspace, rid, "2022-09-20")
    assert s["notification"]["due"] == "2022-09-26"  # the state funeral on 19 Sep skipped
    run(workspace, "complete", rid, "notification", "--on", "2022-09-26")
    s = stages(workspace, rid, "2022-09-27")
    assert s["rapid-review"]["due"] == "2022-10-17"  # 15 working days after Mon 26 Sep
    run(workspace, "complete", rid, "rapid-review", "--on", "2022-10-14")
    run(workspace, "decide", rid, "national", "--on", "2022-10-20")
    s = stages(workspace, rid, "2022-11-01")
    assert list(s) == ["notification", "rapid-review", "decision", "panel-response", "national-review",
                       "national-published"]
    assert s["national-review"]["state"] == "no-deadline"
    run(workspace, "complete", rid, "national-review", "--on", "2023-06-01")
    assert workspace.json("show", rid, "--as-of", "2023-07-01")["status"] == "open"
    run(workspace, "complete", rid, "national-published", "--on", "2023-07-03")
    assert workspace.json("show", rid, "--as-of", "2023-07-04")["status"] == "closed"


def test_none_track_closes_once_the_rapid_review_is_complete(workspace, today_2027):
    run(workspace, "new", "Child C", "--aware", "2022-12-16")
    rid = "2022-child-c"
    s = stages(workspace, rid, "2022-12-19")
    assert s["notification"]["due"] == "2022-12-23"
    run(workspace, "complete", rid, "notification", "--on", "2022-12-23")
    s = stages(workspace, rid, "2022-12-28")
    # 15 working days after Fri 23 Dec 2022, skipping 26 and 27 Dec and 2 Jan: Wed 18 Jan 2023.
    assert s["rapid-review"]["due"] == "2023-01-18"
    run(workspace, "decide", rid, "none", "--on", "2023-01-10")
    assert workspace.json("show", rid, "--as-of", "2023-01-11")["status"] == "open"
    run(workspace, "complete", rid, "rapid-review", "--on", "2023-01-10")
    shown = workspace.json("show", rid, "--as-of", "2023-01-11")
    assert shown["status"] == "closed" and [s["key"] for s in shown["stages"]] == [
        "notification", "rapid-review", "decision", "panel-response"]


def test_every_change_is_one_commit_with_trailers(workspace, today_2027):
    run(workspace, "new", "Child T", "--aware", "2026-04-01")
    run(workspace, "complete", "2026-child-t", "notification", "--on", "2026-04-02", "--note", "ref 123")
    run(workspace, "decide", "2026-child-t", "local", "--on", "2026-04-20")
    run(workspace, "plan", "2026-child-t", "published", "2026-10-01")
    run(workspace, "hold", "2026-child-t", "--reason", "Trial", "--from", "2026-05-01")
    run(workspace, "resume", "2026-child-t", "--on", "2026-05-11")
    log = workspace.git("log", "--format=%s|%(trailers:key=Cspr-Action,valueonly,separator=)|%an", "-6")
    actions = [line.split("|")[1] for line in log.splitlines()]
    assert actions == ["resume", "hold", "plan", "decide", "complete", "new"]
    subjects = [line.split("|")[0] for line in log.splitlines()]
    assert all(s.startswith("2026-child-t: ") for s in subjects)
    assert subjects[4] == "2026-child-t: notification completed on Thu 2 Apr 2026"
    for commit in workspace.git("log", "--format=%H", "-5").split():
        files = workspace.git("show", "--name-only", "--format=", commit).split()
        assert files == ["reviews/2026-child-t/review.yaml"]


REFUSALS = [
    (["complete", "2026-child-r", "notifcation"], "did you mean 'notification'"),
    (["complete", "2026-child-r", "published"], "no decision yet"),
    (["complete", "2026-child-r", "notification", "--on", "2026-07-01"], "in the future"),
    (["complete", "2026-child-r", "notification", "--on", "2026-03-01"], "before 2026-child-r became known"),
    (["complete", "2026-child-r", "rapid-review", "--on", "2026-04-20"], "already completed on 2026-04-20"),
    (["resume", "2026-child-r"], "not on hold"),
    (["plan", "2026-child-r", "published", "2026-12-01"], "no decision yet"),
    (["decide", "2026-child-r", "regional"], "unknown track 'regional'"),
]


@pytest.mark.parametrize(("args", "message"), REFUSALS)
def test_bad_input_is_refused_and_nothing_is_written(workspace, monkeypatch, args, message):
    monkeypatch.setenv("CSPR_TODAY", "2026-06-30")
    run(workspace, "new", "Child R", "--aware", "2026-04-01", "--agency", "Police")
    run(workspace, "complete", "2026-child-r", "rapid-review", "--on", "2026-04-20")
    path = workspace.review_file("2026-child-r")
    before, head = path.read_text(), workspace.git("rev-parse", "HEAD")
    result = workspace.run(*args, "--by", OFFICER, ok=False)
    assert result.exit_code == 1
    assert message in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert path.read_text() == before and workspace.git("rev-parse", "HEAD") == head


def test_decided_review_refusals(workspace, monkeypatch):
    monkeypatch.setenv("CSPR_TODAY", "2026-06-30")
    run(workspace, "new", "Child R", "--aware", "2026-04-01", "--agency", "Police")
    run(workspace, "decide", "2026-child-r", "national", "--on", "2026-04-20")
    run(workspace, "hold", "2026-child-r", "--reason", "Inquest", "--from", "2026-05-01")
    path = workspace.review_file("2026-child-r")
    before = path.read_text()
    cases = [
        (["decide", "2026-child-r", "local"], "already has a decision"),
        (["complete", "2026-child-r", "published"], "on the national track"),
        (["hold", "2026-child-r", "--reason", "inquest", "--from", "2026-06-01"], "already on hold for Inquest"),
        (["resume", "2026-child-r", "--on", "2026-04-30"], "before the hold began"),
    ]
    for args, message in cases:
        result = workspace.run(*args, "--by", OFFICER, ok=False)
        assert result.exit_code == 1 and message in result.stderr, (args, result.stderr)
    assert path.read_text() == before


def test_per_agency_refusals_and_amend(workspace, monkeypatch):
    monkeypatch.setenv("CSPR_TODAY", "2026-06-30")
    run(workspace, "new", "Child R", "--aware", "2026-04-01", "--agency", "Police", "--agency", "Health")
    run(workspace, "decide", "2026-child-r", "local", "--on", "2026-04-20")
    result = workspace.run("complete", "2026-child-r", "agency-responses", "--agency", "Probation",
                           "--by", OFFICER, ok=False)
    assert "'Probation' is not taking part" in result.stderr and "Police, Health" in result.stderr
    result = workspace.run("complete", "2026-child-r", "agency-responses", "--by", OFFICER, ok=False)
    assert "--agency" in result.stderr and "Police, Health" in result.stderr
    run(workspace, "complete", "2026-child-r", "agency-responses", "--agency", "Police", "--on", "2026-05-01")
    again = workspace.run("complete", "2026-child-r", "agency-responses", "--agency", "Police",
                          "--by", OFFICER, ok=False)
    assert "already confirmed" in again.stderr and "--amend" in again.stderr
    run(workspace, "complete", "2026-child-r", "tor-agreed", "--on", "2026-05-01")
    run(workspace, "complete", "2026-child-r", "tor-agreed", "--on", "2026-05-04", "--amend", "--note", "date corrected")
    tor = stages(workspace, "2026-child-r", "2026-06-30")["tor-agreed"]
    assert tor["done"] == "2026-05-04" and tor["note"] == "date corrected"


def test_set_records_facts_learnt_along_the_way(workspace, today_2027):
    run(workspace, "new", "Child F", "--aware", "2026-04-01")
    rid = "2026-child-f"
    run(workspace, "set", rid, "lead-reviewer", "Independent Reviewer One")
    run(workspace, "set", rid, "publication-address", "https://example.org/cspr/child-f")
    run(workspace, "set", rid, "incident", "28/03/2026")
    shown = workspace.json("show", rid)
    assert shown["lead_reviewer"] == "Independent Reviewer One"
    assert shown["publication_address"] == "https://example.org/cspr/child-f"
    assert shown["incident"] == "2026-03-28"
    assert workspace.git("log", "-1", "--format=%s") == f"{rid}: incident set to Sat 28 Mar 2026\n"
    before = workspace.review_file(rid).read_text()
    for args, message in [(["set", rid, "colour", "blue"], "cannot set 'colour'"),
                          (["set", rid, "incident", "2026-04-02"], "cannot be after"),
                          (["set", rid, "lead-reviewer", "  "], "is empty")]:
        result = workspace.run(*args, "--by", OFFICER, ok=False)
        assert result.exit_code == 1 and message in result.stderr, result.stderr
    assert workspace.review_file(rid).read_text() == before
