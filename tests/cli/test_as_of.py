"""`--as-of` (the record as it stood) and `--as-recorded` (as committed that evening), over a
history built through the CLI with commits on different days. Times are Europe/London."""

from __future__ import annotations

import pytest

from tests.helpers.shared_workspace import module_workspace
from tests.helpers.workspace import OFFICER

RID = "2026-child-h"


def at(workspace, when: str, *args: str) -> None:
    """Run a cspr change as committed at `when` (an ISO time), on that day."""
    env = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "CSPR_TODAY": when[:10]}
    workspace.run(*args, "--by", OFFICER, env=env)


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    with module_workspace(tmp_path_factory, "as-of") as workspace:
        at(workspace, "2026-04-01T10:00:00+01:00", "new", "Child H", "--aware", "2026-04-01")
        # Notified on 8 Apr, recorded at 23:30 UTC: 00:30 on 9 Apr in London.
        at(workspace, "2026-04-08T23:30:00+00:00", "complete", RID, "notification", "--on", "2026-04-08")
        # Rapid review done on Fri 24 Apr, recorded only on the morning of Fri 1 May.
        at(workspace, "2026-05-01T09:00:00+01:00", "complete", RID, "rapid-review", "--on", "2026-04-24")
        at(workspace, "2026-05-05T11:00:00+01:00", "decide", RID, "local", "--on", "2026-05-05")
        at(workspace, "2026-06-01T12:00:00+01:00", "hold", RID, "--reason", "Criminal trial", "--from", "2026-06-01")
        yield workspace


def show(workspace, *args: str) -> dict:
    shown = workspace.run("show", RID, *args, "--format", "json", env={"CSPR_TODAY": "2026-06-02"})
    import json

    return {s["key"]: s for s in json.loads(shown.stdout)["stages"]}


def overdue(workspace, *args: str) -> list[tuple]:
    import json

    found = workspace.run("overdue", "--within", "0", "--format", "json", *args, env={"CSPR_TODAY": "2026-06-02"})
    return [(i["stage"], i["due"], i["status"], i["days_overdue"]) for i in json.loads(found.stdout)["items"]]


def test_show_as_things_stood_leaves_out_later_records(history):
    # On Tue 7 Apr nothing was done: notification due Fri 10 Apr; rapid review provisionally
    # 15 working days after it, Fri 1 May.
    s = show(history, "--as-of", "2026-04-07")
    assert (s["notification"]["state"], s["notification"]["done"]) == ("due", None)
    assert (s["rapid-review"]["due"], s["rapid-review"]["provisional"]) == ("2026-05-01", True)
    # On Wed 29 Apr the record (dated 24 Apr) has the rapid review done; as recorded that
    # evening it was not, and it was due that day (15 working days after Wed 8 Apr).
    assert show(history, "--as-of", "2026-04-29")["rapid-review"]["done"] == "2026-04-24"
    recorded = show(history, "--as-of", "2026-04-29", "--as-recorded")["rapid-review"]
    assert (recorded["state"], recorded["due"], recorded["done"]) == ("due", "2026-04-29", None)


def test_as_recorded_counts_the_day_in_london(history):
    # Committed at 23:30 UTC on 8 Apr, which was already 9 Apr in London.
    assert show(history, "--as-of", "2026-04-08", "--as-recorded")["notification"]["done"] is None
    assert show(history, "--as-of", "2026-04-09", "--as-recorded")["notification"]["done"] == "2026-04-08"


def test_overdue_as_of_a_past_day_and_as_recorded(history):
    # Thu 30 Apr: the decision was due with the rapid review on Wed 29 Apr.
    assert overdue(history, "--as-of", "2026-04-30") == [("decision", "2026-04-29", "overdue", 1)]
    assert overdue(history, "--as-of", "2026-04-30", "--as-recorded") == [
        ("rapid-review", "2026-04-29", "overdue", 1), ("decision", "2026-04-29", "overdue", 1)]
    # Today (2 Jun) the decision is made and publication is on hold.
    assert [item[0] for item in overdue(history)] == ["pre-publication-notice", "cabinet-member-notified", "published"]


def test_list_knows_only_what_was_known(history):
    import json

    def listed(*args):
        out = history.run("list", "--format", "json", *args, env={"CSPR_TODAY": "2026-06-02"}).stdout
        return [(r["id"], r["status"], r["track"]) for r in json.loads(out)]

    assert listed("--as-of", "2026-03-31") == []
    assert listed("--as-of", "2026-05-20") == [(RID, "open", "local")]
    assert listed("--as-of", "2026-05-04") == [(RID, "open", None)]
    assert listed("--as-of", "2026-06-15") == [(RID, "on-hold", "local")]
    assert listed("--as-of", "2026-03-31", "--as-recorded") == []


def test_as_recorded_needs_as_of_and_an_unknown_review_is_refused(history):
    result = history.run("list", "--as-recorded", ok=False, env={"CSPR_TODAY": "2026-06-02"})
    assert result.exit_code == 1 and "--as-recorded needs --as-of" in result.stderr
    result = history.run("show", RID, "--as-of", "2026-03-01", ok=False, env={"CSPR_TODAY": "2026-06-02"})
    assert "was not yet known on 2026-03-01" in result.stderr and "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def year_end(tmp_path_factory):
    """Child Y: aware Mon 2 Mar 2026, notified Fri 6 Mar; rapid review done Fri 27 Mar (on time:
    15 working days after 6 Mar) but recorded on Tue 14 Apr, after the year's figures went out."""
    with module_workspace(tmp_path_factory, "year-end") as workspace:
        at(workspace, "2026-03-02T09:00:00+00:00", "new", "Child Y", "--aware", "2026-03-02")
        at(workspace, "2026-03-06T09:00:00+00:00", "complete", "2026-child-y", "notification", "--on", "2026-03-06")
        at(workspace, "2026-03-09T09:00:00+00:00", "recommend", "2026-child-y", "Share records when a family moves.")
        at(workspace, "2026-03-09T09:05:00+00:00", "action", "add", "2026-child-y", "R1", "Audit transfers.",
           "--agency", "Police", "--due", "2026-06-30")
        at(workspace, "2026-04-14T09:00:00+01:00", "complete", "2026-child-y", "rapid-review", "--on", "2026-03-27")
        at(workspace, "2026-05-11T09:00:00+01:00", "action", "update", "2026-child-y", "R1.1", "--status", "complete", "--note", "Audit report seen",
           "--on", "2026-05-11")
        yield workspace


def figures(workspace, *args: str) -> dict:
    import json

    out = workspace.run("stats", "--year", "2025", "--format", "json", *args, env={"CSPR_TODAY": "2026-06-01"}).stdout
    found = json.loads(out)
    return {key: (found[key]["count"], found[key]["on_time"]) for key in ("notifications", "rapid_reviews")}


def test_stats_as_recorded_reproduces_the_figure_reported_that_day(year_end):
    # Reported on Fri 10 Apr: one notification, and no rapid review yet on record.
    assert figures(year_end, "--as-of", "2026-04-10", "--as-recorded") == {"notifications": (1, 1), "rapid_reviews": (0, 0)}
    # The record as it stands says the rapid review was done on 27 Mar, in the year.
    assert figures(year_end, "--as-of", "2026-04-10") == {"notifications": (1, 1), "rapid_reviews": (1, 1)}
    assert figures(year_end) == {"notifications": (1, 1), "rapid_reviews": (1, 1)}


def test_actions_as_of_leave_out_later_updates(year_end):
    import json

    def status(*args):
        out = year_end.run("actions", "2026-child-y", "--format", "json", *args, env={"CSPR_TODAY": "2026-06-01"}).stdout
        return [(a["action"], a["status"]) for a in json.loads(out)["actions"]]

    assert status() == [("R1.1", "complete")]
    assert status("--as-of", "2026-05-01") == [("R1.1", "not-started")]
    assert status("--as-of", "2026-03-06") == []  # agreed on 9 Mar
    assert status("--as-of", "2026-05-01", "--as-recorded") == [("R1.1", "not-started")]


def test_timeline_and_calendar_as_of(year_end):
    env = {"CSPR_TODAY": "2026-06-01"}
    drawn = year_end.run("timeline", "2026-child-y", "--as-of", "2026-04-10", "--as-recorded", env=env).stdout
    assert "as of Fri 10 Apr 2026" in drawn and "rapid-review" in drawn
    exported = year_end.run("calendar", "--as-of", "2026-04-10", "--as-recorded", env=env).stdout
    # As recorded that evening the rapid review was still pending (due Fri 27 Mar).
    assert "2026-child-y: rapid-review due" in exported
    assert "2026-child-y: rapid-review due" not in year_end.run("calendar", "--as-of", "2026-04-10", env=env).stdout


def test_as_recorded_reads_what_was_committed_not_an_uncommitted_edit(workspace):
    at(workspace, "2026-04-01T10:00:00+01:00", "new", "Child E", "--aware", "2026-04-01")
    at(workspace, "2026-04-02T10:00:00+01:00", "complete", "2026-child-e", "notification", "--on", "2026-04-02")
    path = workspace.review_file("2026-child-e")
    path.write_text(path.read_text().replace("done: 2026-04-02", "done: 2026-04-01"))  # not committed

    def notified(*args):
        import json

        out = workspace.run("show", "2026-child-e", "--format", "json", *args, env={"CSPR_TODAY": "2026-04-03"}).stdout
        return next(s["done"] for s in json.loads(out)["stages"] if s["key"] == "notification")

    assert notified() == "2026-04-01"
    assert notified("--as-of", "2026-04-03", "--as-recorded") == "2026-04-02"
    assert notified("--as-of", "2026-04-01", "--as-recorded") is None
    result = workspace.run("overdue", "--as-of", "2026-04-03", "--as-recorded", "--format", "json",
                           env={"CSPR_TODAY": "2026-04-03"})
    assert "notification" not in result.stdout  # done, as committed
