"""`cspr log` (the audit trail from git) and `cspr undo` (take back one's own last change)."""

from __future__ import annotations

import csv
import io

import pytest

from cspr.cli import cli
from cspr.git.history import parse_message
from tests.helpers.sharing import business_unit, snapshot
from tests.helpers.workspace import Workspace, make_repo

TWO = "Officer Two <officer.two@example.org>"


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setenv("CSPR_TODAY", "2026-06-01")


def at(when: str) -> dict[str, str]:
    """Pin git's author date for one command, so --since has something to tell apart."""
    return {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}


def notification(workspace) -> dict:
    return next(s for s in workspace.json("show", "2026-child-a")["stages"] if s["key"] == "notification")


# -- log -----------------------------------------------------------------------------------------

def test_log_shows_who_did_what_newest_first(workspace):
    workspace.run("new", "Child A", "--aware", "2026-04-01", env=at("2026-04-02T09:00:00+01:00"))
    workspace.run("complete", "2026-child-a", "notification", "--on", "2026-04-08", "--by", TWO,
                  env=at("2026-04-08T15:30:00+01:00"))

    entries = workspace.json("log")

    assert [(e["officer"], e["review"], e["action"]) for e in entries] == [
        ("Officer Two", "2026-child-a", "complete"),
        ("Officer One", "2026-child-a", "new"),
        ("Officer One", None, "init"),
    ]
    first = entries[0]
    assert first["summary"] == "notification completed on Wed 8 Apr 2026"
    assert first["date"] == "2026-04-08T15:30:00+01:00"
    assert first["email"] == "officer.two@example.org" and first["reverts"] is None
    assert first["commit"] == workspace.git("rev-parse", "HEAD").strip()

    table = workspace.run("log").stdout
    assert table.splitlines()[0].split() == ["When", "Officer", "Review", "Action", "What"]
    assert table.splitlines()[1].split() == [
        "Wed", "8", "Apr", "2026", "15:30", "Officer", "Two", "2026-child-a", "complete",
        "notification", "completed", "on", "Wed", "8", "Apr", "2026"]
    assert table.rstrip().endswith("3 changes")


def test_log_csv_has_the_documented_columns(workspace):
    workspace.run("new", "Child A", "--aware", "2026-04-01")
    rows = list(csv.DictReader(io.StringIO(workspace.run("log", "--format", "csv").stdout)))
    assert list(rows[0]) == ["commit", "date", "officer", "email", "review", "action", "summary", "reverts"]
    assert rows[0]["action"] == "new" and rows[1]["review"] == "" and rows[1]["action"] == "init"


def test_log_for_one_review_and_since_a_date(tmp_path, runner):
    root = make_repo(tmp_path / "ws")
    assert runner.invoke(cli, ["init", str(root)], env=at("2026-04-01T09:00:00+01:00")).exit_code == 0
    workspace = Workspace(root, runner)
    workspace.run("new", "Child A", "--aware", "2026-04-01", env=at("2026-04-02T09:00:00+01:00"))
    workspace.run("new", "Child B", "--aware", "2026-04-01", env=at("2026-04-03T09:00:00+01:00"))
    workspace.run("complete", "2026-child-a", "notification", "--on", "2026-04-08", env=at("2026-04-09T09:00:00+01:00"))

    assert [e["action"] for e in workspace.json("log", "2026-child-a")] == ["complete", "new"]
    assert [e["review"] for e in workspace.json("log", "--since", "2026-04-03")] == ["2026-child-a", "2026-child-b"]
    assert [e["action"] for e in workspace.json("log", "2026-child-a", "--since", "03/04/2026")] == ["complete"]
    assert "No changes recorded for 2026-child-b since 2026-04-04." in workspace.run(
        "log", "2026-child-b", "--since", "2026-04-04").stdout
    assert workspace.run("log", "../x", ok=False).exit_code == 1


def test_hand_commits_to_a_review_appear_as_hand_edits(workspace):
    workspace.run("new", "Child A", "--aware", "2026-04-01")
    workspace.run("new", "Child B", "--aware", "2026-04-01")
    for review_id in ("2026-child-a", "2026-child-b"):
        notes = workspace.root / "reviews" / review_id / "notes.md"
        notes.write_text(notes.read_text() + "\nChased the school nurse.\n")
    workspace.git("commit", "--quiet", "-am", "notes from the panel meeting")

    entries = workspace.json("log")
    hand = [(e["review"], e["action"], e["summary"]) for e in entries if e["action"] == "hand-edit"]
    assert hand == [("2026-child-a", "hand-edit", "notes from the panel meeting"),
                    ("2026-child-b", "hand-edit", "notes from the panel meeting")]
    assert [e["action"] for e in workspace.json("log", "2026-child-b")] == ["hand-edit", "new"]
    assert "2 of them by hand" in workspace.run("log").stdout


def test_log_shows_officers_across_clones(tmp_path, runner):
    unit = business_unit(tmp_path, runner)
    unit.two.run("complete", "2026-child-a", "notification", "--on", "2026-04-08")
    unit.two.run("sync")
    unit.three.run("complete", "2026-child-a", "rapid-review", "--on", "2026-04-20")
    unit.three.run("sync")
    unit.one.run("sync")
    assert [(e["officer"], e["action"]) for e in unit.one.json("log", "2026-child-a")] == [
        ("Officer Three", "complete"), ("Officer Two", "complete"), ("Officer One", "new")]


def test_trailers_are_read_from_the_last_paragraph_only():
    message = parse_message("2026-child-a: note\n\nReview: not-a-trailer here\nbecause prose\n\nReview: 2026-child-a\nCspr-Action: complete\n")
    assert message.subject == "2026-child-a: note"
    assert message.trailers == {"review": "2026-child-a", "cspr-action": "complete"}
    assert parse_message("just a subject").trailers == {}


# -- undo ----------------------------------------------------------------------------------------

def test_undo_reverses_the_last_change_with_a_new_commit(workspace):
    workspace.run("new", "Child A", "--aware", "2026-04-01")
    before = workspace.review_file("2026-child-a").read_text()
    workspace.run("complete", "2026-child-a", "notification", "--on", "2026-04-08")
    completed = workspace.git("rev-parse", "HEAD").strip()
    commits_before = int(workspace.git("rev-list", "--count", "HEAD"))

    result = workspace.run("undo")

    assert 'undid complete "notification completed on Wed 8 Apr 2026"' in result.stderr
    assert workspace.review_file("2026-child-a").read_text() == before
    assert int(workspace.git("rev-list", "--count", "HEAD")) == commits_before + 1  # nothing rewritten
    message = workspace.git("log", "-1", "--format=%B")
    assert message.startswith('2026-child-a: undo "notification completed on Wed 8 Apr 2026"')
    assert f"This reverts commit {completed}." in message
    assert "Review: 2026-child-a" in message and "Cspr-Action: undo" in message
    assert workspace.git("status", "--porcelain") == ""
    assert not (workspace.root / ".git" / "REVERT_HEAD").exists()
    latest = workspace.json("log")[0]
    assert (latest["action"], latest["reverts"], latest["officer"]) == ("undo", completed, "Officer One")
    assert notification(workspace)["done"] is None


def test_undo_again_takes_back_the_change_before(workspace):
    workspace.run("new", "Child A", "--aware", "2026-04-01")
    workspace.run("complete", "2026-child-a", "notification", "--on", "2026-04-08")
    workspace.run("undo")
    workspace.run("undo")
    assert not (workspace.root / "reviews" / "2026-child-a").exists()
    result = workspace.run("undo", ok=False)
    assert "nothing to undo: no cspr change by Officer One <officer.one@example.org>" in result.stderr
    assert (workspace.root / "cspr.yaml").is_file()  # init is never undone


def test_an_undone_change_stays_undone_after_sync_rebases_both(tmp_path, runner):
    unit = business_unit(tmp_path, runner)
    unit.one.run("new", "Child B", "--aware", "2026-05-01")
    unit.one.run("complete", "2026-child-b", "notification", "--on", "2026-05-06")
    unit.one.run("undo")
    unit.two.run("complete", "2026-child-a", "notification", "--on", "2026-04-08")
    unit.two.run("sync")
    unit.one.run("sync")  # the three local commits are rebased: new ids
    reverted = unit.one.json("log")[0]["reverts"]
    assert unit.one.git("cat-file", "-t", reverted).strip() == "commit"  # the old id, no longer in history
    assert reverted not in unit.one.git("log", "--format=%H")

    result = unit.one.run("undo")

    assert 'undid new "new review for Child B' in result.stderr
    assert not (unit.one.root / "reviews" / "2026-child-b").exists()


def test_undo_takes_back_only_the_officers_own_change(workspace):
    workspace.run("new", "Child A", "--aware", "2026-04-01")
    workspace.run("complete", "2026-child-a", "notification", "--on", "2026-04-08")
    workspace.run("complete", "2026-child-a", "rapid-review", "--on", "2026-04-20", "--by", TWO)
    workspace.run("undo")  # Officer One's: the notification
    assert notification(workspace)["done"] is None
    stages = {s["key"]: s for s in workspace.json("show", "2026-child-a")["stages"]}
    assert stages["rapid-review"]["by"] == "Officer Two"
    workspace.run("undo", "--by", TWO)
    assert workspace.git("log", "-1", "--format=%an").strip() == "Officer Two"
    assert {s["key"]: s for s in workspace.json("show", "2026-child-a")["stages"]}["rapid-review"]["done"] is None


def test_undo_refuses_when_the_files_have_uncommitted_edits(workspace):
    workspace.run("new", "Child A", "--aware", "2026-04-01")
    workspace.run("complete", "2026-child-a", "notification", "--on", "2026-04-08")
    path = workspace.review_file("2026-child-a")
    path.write_text(path.read_text().replace("lead_reviewer:", "lead_reviewer: Reviewer R"))
    before = snapshot(workspace)
    result = workspace.run("undo", ok=False)
    assert "reviews/2026-child-a/review.yaml has changes that are not committed" in result.stderr
    assert snapshot(workspace) == before


def test_undo_refuses_when_later_changes_touch_the_same_lines(workspace):
    workspace.run("new", "Child A", "--aware", "2026-04-01")
    workspace.run("complete", "2026-child-a", "notification", "--on", "2026-04-08")
    path = workspace.review_file("2026-child-a")
    path.write_text(path.read_text().replace("done: 2026-04-08", "done: 2026-04-07"))
    workspace.git("commit", "--quiet", "-am", "correct the date by hand")
    before = snapshot(workspace)
    result = workspace.run("undo", ok=False)
    assert "later changes to the same lines are in the way" in result.stderr
    assert snapshot(workspace) == before
    assert not (workspace.root / ".git" / "REVERT_HEAD").exists()


def test_undo_of_a_change_already_put_back_by_hand_says_so(workspace):
    workspace.run("new", "Child A", "--aware", "2026-04-01")
    path = workspace.review_file("2026-child-a")
    original = path.read_text()
    workspace.run("complete", "2026-child-a", "notification", "--on", "2026-04-08")
    path.write_text(original)
    workspace.git("commit", "--quiet", "-am", "take the completion out by hand")
    before = snapshot(workspace)
    result = workspace.run("undo", ok=False)
    assert "its files are already as they were before it" in result.stderr
    assert snapshot(workspace) == before
    assert not (workspace.root / ".git" / "REVERT_HEAD").exists()


def test_undo_of_a_shared_change_nobody_built_on_is_allowed(tmp_path, runner):
    unit = business_unit(tmp_path, runner)
    unit.two.run("complete", "2026-child-a", "notification", "--on", "2026-04-08")
    unit.two.run("sync")
    unit.two.run("undo")
    unit.two.run("sync")
    unit.one.run("sync")
    assert notification(unit.one)["done"] is None
    assert unit.one.json("log")[0]["action"] == "undo"


def test_undo_refuses_a_shared_change_others_built_on(tmp_path, runner):
    unit = business_unit(tmp_path, runner)
    unit.two.run("complete", "2026-child-a", "notification", "--on", "2026-04-08")
    unit.two.run("sync")
    unit.three.run("sync")
    unit.three.run("complete", "2026-child-a", "rapid-review", "--on", "2026-04-20")
    unit.three.run("sync")
    unit.two.run("sync")
    before = snapshot(unit.two)

    result = unit.two.run("undo", ok=False)

    assert result.exit_code == 1
    message = result.stderr
    assert "cannot undo" in message and "notification completed on Wed 8 Apr 2026" in message
    assert "has been shared (it is on origin/main)" in message
    assert "Officer Three has changed the same review since" in message
    assert "--amend" in message
    assert snapshot(unit.two) == before
