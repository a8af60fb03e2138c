"""Correcting the record: every fix an officer makes is a `cspr` command, one commit by the officer.

Each test runs the real CLI against a real git repository that has no git identity of its
own, so the only author a commit can have is the officer: `--by`, else `CSPR_OFFICER`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from cspr.cli import cli
from tests.helpers.workspace import Workspace, git

RID = "2026-child-a"
ONE = "Officer One <officer.one@example.org>"
TWO = "Officer Two <officer.two@example.org>"


@pytest.fixture
def ws(tmp_path, monkeypatch) -> Workspace:
    """A workspace in a repository with no git identity; today is pinned to 30 June 2026."""
    root = tmp_path / "ws"
    root.mkdir()
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "config", "commit.gpgSign", "false")
    monkeypatch.setenv("CSPR_TODAY", "2026-06-30")
    runner = CliRunner()
    result = runner.invoke(cli, ["init", str(root), "--partnership", "Testshire", "--by", ONE])
    assert result.exit_code == 0, result.output
    workspace = Workspace(root, runner)
    workspace.run("new", "Child A", "--aware", "2026-04-01", "--by", ONE,
                  "--agency", "Police", "--agency", "Health")
    return workspace


def head(ws: Workspace) -> str:
    return ws.git("rev-parse", "HEAD").strip()


def snapshot(ws: Workspace) -> dict[str, bytes]:
    return {str(p.relative_to(ws.root)): p.read_bytes() for p in sorted((ws.root / "reviews").rglob("*")) if p.is_file()}


def by(ws: Workspace, officer: str, *args: str):
    """Run a command as `officer`, alternately through --by and CSPR_OFFICER."""
    if officer == ONE:
        return ws.run(*args, "--by", ONE)
    return ws.run(*args, env={"CSPR_OFFICER": officer})


def assert_committed(ws: Workspace, before: str, action: str, officer: str = ONE, review: str = RID,
                     also: tuple[str, ...] = ()) -> str:
    """One new commit, by the officer, touching only the review's files, with the trailers."""
    assert ws.git("rev-list", "--count", f"{before}..HEAD").strip() == "1"
    name, _, email = officer.partition(" <")
    author = ws.git("log", "-1", "--format=%an <%ae>|%cn <%ce>").strip()
    assert author == f"{officer}|{officer}", author
    files = ws.git("show", "--name-only", "--format=", "HEAD").split()
    folders = {f"reviews/{review}/", *(f"reviews/{name}/" for name in also)}
    assert files and all(any(f.startswith(folder) for folder in folders) for f in files), files
    message = ws.git("log", "-1", "--format=%B")
    assert f"Review: {review}\n" in message and f"Cspr-Action: {action}\n" in message, message
    assert ws.git("status", "--porcelain") == ""
    return message


def refused(ws: Workspace, *args: str, says: str) -> str:
    """Exit 1, one line on stderr, nothing written and nothing committed."""
    before, files = head(ws), snapshot(ws)
    result = ws.run(*args, "--by", ONE, ok=False)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("cspr: error: "), result.stderr
    assert says in lines[0], lines[0]
    assert head(ws) == before and snapshot(ws) == files
    assert ws.git("status", "--porcelain") == ""
    return lines[0]


def show(ws: Workspace, review: str = RID) -> dict:
    return json.loads(ws.run("show", review, "--format", "json").stdout)


def stage(ws: Workspace, key: str, review: str = RID) -> dict:
    return next(s for s in show(ws, review)["stages"] if s["key"] == key)


def decided(ws: Workspace) -> None:
    ws.run("complete", RID, "notification", "--on", "2026-04-03", "--note", "Ofsted form 123", "--by", ONE)
    ws.run("complete", RID, "rapid-review", "--on", "2026-04-17", "--by", ONE)
    ws.run("decide", RID, "local", "--on", "2026-04-20", "--by", ONE)


# -- complete --amend, and recording twice ---------------------------------------------------

def test_amend_changes_only_what_is_given(ws):
    ws.run("complete", RID, "notification", "--on", "2026-04-03", "--note", "Ofsted form 123", "--by", ONE)
    before = head(ws)
    by(ws, TWO, "complete", RID, "notification", "--amend", "--on", "2026-04-02")
    assert_committed(ws, before, "complete", TWO)
    notification = stage(ws, "notification")
    assert (notification["done"], notification["note"], notification["by"]) == ("2026-04-02", "Ofsted form 123", "Officer One")

    before = head(ws)
    by(ws, ONE, "complete", RID, "notification", "--amend", "--note", "Ofsted form 124")
    assert_committed(ws, before, "complete", ONE)
    notification = stage(ws, "notification")
    assert (notification["done"], notification["note"]) == ("2026-04-02", "Ofsted form 124")
    refused(ws, "complete", RID, "notification", "--amend", says="give --on DATE, --note TEXT")


def test_amend_a_per_agency_confirmation_keeps_its_note(ws):
    decided(ws)
    ws.run("complete", RID, "agency-responses", "--agency", "Police", "--on", "2026-06-01", "--note", "Email", "--by", ONE)
    ws.run("complete", RID, "agency-responses", "--agency", "Police", "--amend", "--on", "2026-06-02", "--by", ONE)
    data = (ws.review_file(RID)).read_text()
    assert "done: 2026-06-02" in data and "note: Email" in data


def test_amend_a_recurring_stage_changes_a_record_and_never_adds_one(ws):
    decided(ws)
    ws.run("complete", RID, "progress-check", "--on", "2026-05-20", "--by", ONE)
    ws.run("complete", RID, "progress-check", "--on", "2026-06-20", "--note", "Subgroup", "--by", ONE)
    assert stage(ws, "progress-check")["recorded"] == 2

    before = head(ws)
    by(ws, TWO, "complete", RID, "progress-check", "--amend", "--on", "2026-06-21")
    assert_committed(ws, before, "complete", TWO)
    by(ws, ONE, "complete", RID, "progress-check", "--amend", "--occurrence", "2026-05-20", "--note", "Late")
    check = stage(ws, "progress-check")
    assert check["recorded"] == 2
    text = ws.review_file(RID).read_text()
    assert "done: 2026-06-21" in text and "note: Subgroup" in text and "note: Late" in text
    refused(ws, "complete", RID, "progress-check", "--amend", "--occurrence", "2026-01-01", "--on", "2026-06-22",
            says="matches no recorded occurrence")


def test_recording_a_recurring_stage_twice_on_one_date_is_refused(ws):
    decided(ws)
    ws.run("complete", RID, "progress-check", "--on", "2026-06-20", "--by", ONE)
    refused(ws, "complete", RID, "progress-check", "--on", "2026-06-20", says="already recorded on 2026-06-20")


# -- changing nothing ------------------------------------------------------------------------

def test_a_command_that_changes_nothing_says_so_and_commits_nothing(ws):
    decided(ws)
    ws.run("plan", RID, "final-draft", "2026-09-01", "--by", ONE)
    ws.run("set", RID, "lead-reviewer", "A. Reviewer", "--by", ONE)
    for args in (["plan", RID, "final-draft", "01/09/2026"], ["set", RID, "lead-reviewer", "A. Reviewer"]):
        before, files = head(ws), snapshot(ws)
        result = ws.run(*args, "--by", ONE)
        assert result.exit_code == 0
        assert len(result.stderr.splitlines()) == 1 and "nothing to change" in result.stderr
        assert head(ws) == before and snapshot(ws) == files


# -- plan ------------------------------------------------------------------------------------

def test_plan_refuses_dates_before_aware_or_the_decision_and_warns_after_the_deadline(ws):
    refused(ws, "plan", RID, "rapid-review", "2026-03-01", says="before 2026-child-a became known")
    decided(ws)
    refused(ws, "plan", RID, "final-draft", "2026-04-10", says="before the decision (2026-04-20)")
    before = head(ws)
    result = ws.run("plan", RID, "published", "2027-01-15", "--by", ONE)
    assert_committed(ws, before, "plan")
    assert "after its deadline (Tue 20 Oct 2026)" in result.stderr


# -- holds -----------------------------------------------------------------------------------

def test_overlapping_holds_move_deadlines_by_their_union(ws):
    decided(ws)  # published due 20 October 2026 (6 months after the decision)
    ws.run("hold", RID, "--reason", "Criminal trial", "--from", "2026-05-01", "--by", ONE)
    ws.run("hold", RID, "--reason", "Coroner's inquest", "--from", "2026-05-11", "--by", ONE)
    refused(ws, "resume", RID, "--on", "2026-05-21", says="say which ends with --hold")
    ws.run("resume", RID, "--hold", "trial", "--on", "2026-05-21", "--by", ONE)
    assert stage(ws, "published")["state"] == "on-hold"  # the inquest goes on
    ws.run("resume", RID, "--on", "2026-06-01", "--by", ONE)
    holds = show(ws)["holds"]
    assert [(h["reason"], h["from"], h["to"]) for h in holds] == [
        ("Criminal trial", "2026-05-01", "2026-05-21"), ("Coroner's inquest", "2026-05-11", "2026-06-01")]
    published = stage(ws, "published")
    # 1 May to 1 June is 31 days, counted once although the holds overlap for 10 of them.
    assert (published["held_days"], published["due"]) == (31, "2026-11-20")


# -- uncomplete and skip ---------------------------------------------------------------------

def test_uncomplete_takes_back_a_completion_with_the_reason(ws):
    decided(ws)
    ws.run("complete", RID, "panel-confirmed", "--on", "2026-05-01", "--by", ONE)
    before = head(ws)
    by(ws, TWO, "uncomplete", RID, "panel-confirmed", "--reason", "recorded on the wrong review")
    message = assert_committed(ws, before, "uncomplete", TWO)
    assert "recorded on the wrong review" in message
    assert stage(ws, "panel-confirmed")["state"] != "done"
    refused(ws, "uncomplete", RID, "panel-confirmed", "--reason", "again", says="nothing to take back")


def test_uncomplete_one_agency_and_one_occurrence(ws):
    decided(ws)
    ws.run("complete", RID, "agency-responses", "--agency", "Police", "--on", "2026-06-01", "--by", ONE)
    refused(ws, "uncomplete", RID, "agency-responses", "--reason", "error", says="name the one with --agency")
    before = head(ws)
    by(ws, ONE, "uncomplete", RID, "agency-responses", "--agency", "police", "--reason", "it was Health")
    assert_committed(ws, before, "uncomplete")
    assert all(a["done"] is None for a in stage(ws, "agency-responses")["agencies"])

    ws.run("complete", RID, "progress-check", "--on", "2026-05-20", "--by", ONE)
    ws.run("complete", RID, "progress-check", "--on", "2026-06-20", "--by", ONE)
    ws.run("uncomplete", RID, "progress-check", "--occurrence", "2026-05-20", "--reason", "no meeting", "--by", ONE)
    text = ws.review_file(RID).read_text()
    assert "done: 2026-05-20" not in text and "done: 2026-06-20" in text


def test_skip_an_optional_stage(ws):
    decided(ws)
    refused(ws, "skip", RID, "final-draft", "--reason", "not needed", says="is not optional")
    before = head(ws)
    by(ws, TWO, "skip", RID, "practitioner-briefing", "--reason", "not needed: shared at L&D subgroup")
    assert_committed(ws, before, "skip", TWO)
    skipped = stage(ws, "practitioner-briefing")
    assert skipped["state"] == "skipped" and "shared at L&D subgroup" in skipped["note"]
    assert "not needed" in ws.run("show", RID).stdout
    refused(ws, "complete", RID, "practitioner-briefing", says="marked not needed")
    ws.run("uncomplete", RID, "practitioner-briefing", "--reason", "it will happen after all", "--by", ONE)
    assert stage(ws, "practitioner-briefing")["state"] != "skipped"


# -- decide --change -------------------------------------------------------------------------

def test_a_changed_decision_keeps_the_earlier_one(ws):
    decided(ws)
    ws.run("complete", RID, "panel-confirmed", "--on", "2026-05-01", "--by", ONE)
    refused(ws, "decide", RID, "national", says="--change --reason")
    refused(ws, "decide", RID, "local", "--change", "--reason", "again", says="already on the local track")
    refused(ws, "decide", RID, "national", "--change", "--on", "2026-04-19", "--reason", "x",
            says="before the decision it changes")
    before = head(ws)
    by(ws, TWO, "decide", RID, "national", "--change", "--on", "2026-05-06", "--reason", "National Panel to review")
    message = assert_committed(ws, before, "decide", TWO)
    assert "from local to national" in message and "National Panel to review" in message
    decision = show(ws)["decision"]
    assert (decision["track"], decision["on"], decision["changed"]) == ("national", "2026-05-06", True)
    assert decision["history"] == [{"track": "local", "on": "2026-04-20", "by": "Officer One", "reason": None}]
    assert "changed from local (decided Mon 20 Apr 2026)" in ws.run("show", RID).stdout
    assert "panel-confirmed:\n    done: 2026-05-01" in ws.review_file(RID).read_text()
    assert show(ws)["track"] == "national"


def test_decide_change_without_a_decision_is_refused(ws):
    refused(ws, "decide", RID, "local", "--change", "--reason", "x", says="no decision to change")


# -- set, agencies and themes ----------------------------------------------------------------

def test_set_corrects_facts_with_a_reason(ws):
    before = head(ws)
    by(ws, TWO, "set", RID, "aware", "31/03/2026", "--reason", "the LA log shows 31 March")
    message = assert_committed(ws, before, "set", TWO)
    assert "aware changed from Wed 1 Apr 2026 to Tue 31 Mar 2026: the LA log shows 31 March" in message
    by(ws, ONE, "set", RID, "pseudonym", "Child B")
    assert show(ws)["child"] == "Child B" and show(ws)["aware"] == "2026-03-31"
    ws.run("complete", RID, "notification", "--on", "2026-04-02", "--by", ONE)
    refused(ws, "set", RID, "aware", "2026-04-03", says="after notification was recorded (2026-04-02)")
    refused(ws, "set", RID, "aware", "2026-07-03", says="in the future")
    refused(ws, "set", RID, "colour", "blue", says="cannot set 'colour'")


def test_agencies_and_themes(ws):
    before = head(ws)
    by(ws, TWO, "agency", "add", RID, "Probation Service")
    assert_committed(ws, before, "agency add", TWO)
    refused(ws, "agency", "add", RID, "probation service", says="already takes part")
    by(ws, ONE, "theme", "add", RID, "neglect")
    refused(ws, "theme", "add", RID, "Neglect", says="already has the theme")
    assert (show(ws)["agencies"], show(ws)["themes"]) == (["Police", "Health", "Probation Service"], ["neglect"])

    decided(ws)
    ws.run("complete", RID, "agency-responses", "--agency", "Police", "--on", "2026-06-01", "--by", ONE)
    refused(ws, "agency", "remove", RID, "Police", says="take that back first with 'cspr uncomplete")
    before = head(ws)
    by(ws, ONE, "agency", "remove", RID, "probation service", "--reason", "added in error")
    message = assert_committed(ws, before, "agency remove")
    assert "added in error" in message
    by(ws, TWO, "theme", "remove", RID, "NEGLECT")
    assert (show(ws)["agencies"], show(ws)["themes"]) == (["Police", "Health"], [])
    refused(ws, "theme", "remove", RID, "neglect", says="has no theme")


def test_a_review_file_with_comments_keeps_them(ws):
    path: Path = ws.review_file(RID)
    path.write_text(path.read_text() + "# Officer's note: the school is not on the panel.\n")
    ws.git("-c", "user.name=Officer One", "-c", "user.email=officer.one@example.org", "commit", "-qam", "note")
    ws.run("agency", "add", RID, "School", "--by", ONE)
    assert "# Officer's note: the school is not on the panel." in path.read_text()


# -- recommendations and actions -------------------------------------------------------------

def with_an_action(ws: Workspace) -> None:
    decided(ws)
    ws.run("recommend", "add", RID, "Agencies share records when a family moves.", "--by", ONE)
    ws.run("recommend", RID, "Recorded twice.", "--by", ONE)  # the form before `add` still works
    ws.run("action", "add", RID, "R1", "--agency", "Police", "--due", "2026-09-30", "--on", "2026-06-01",
           "Share the move within a day.", "--by", ONE)


def test_recommendations_are_corrected_and_removed(ws):
    with_an_action(ws)
    before = head(ws)
    by(ws, TWO, "recommend", "edit", RID, "r1", "Agencies share records within a day of a move.")
    assert_committed(ws, before, "recommend edit", TWO)
    refused(ws, "recommend", "remove", RID, "R1", "--reason", "wrong", says="has actions (R1.1)")
    before = head(ws)
    by(ws, ONE, "recommend", "remove", RID, "R2", "--reason", "recorded twice")
    message = assert_committed(ws, before, "recommend remove")
    assert "recorded twice" in message
    listed = json.loads(ws.run("actions", RID, "--format", "json").stdout)["actions"]
    assert [a["recommendation_text"] for a in listed] == ["Agencies share records within a day of a move."]
    assert "R2:" not in ws.review_file(RID).read_text()


def test_an_action_extension_keeps_the_date_first_agreed(ws):
    with_an_action(ws)
    refused(ws, "action", "update", RID, "R1.1", "--due", "2026-12-31", says="--due needs --reason")
    refused(ws, "action", "update", RID, "R1.1", says="say what changed")
    before = head(ws)
    by(ws, TWO, "action", "update", RID, "R1.1", "--due", "2026-12-31", "--reason", "awaiting the new system")
    message = assert_committed(ws, before, "action update", TWO)
    assert "awaiting the new system" in message
    by(ws, ONE, "action", "update", RID, "R1.1", "--agency", "health", "--text", "Share it the same day.",
       "--status", "in-progress", "--note", "Protocol drafted")
    action = json.loads(ws.run("actions", RID, "--format", "json").stdout)["actions"][0]
    assert (action["due"], action["original_due"], action["agency"], action["text"], action["status"]) == (
        "2026-12-31", "2026-09-30", "Health", "Share it the same day.", "in-progress")
    assert [(c["due"], c["agency"], c["reason"], c["by"]) for c in action["changes"]] == [
        ("2026-09-30", None, "awaiting the new system", "Officer Two"),
        (None, "Police", None, "Officer One"),
    ]
    # RAG goes by the current due date: on 1 October it is not overdue.
    rag = json.loads(ws.run("actions", RID, "--as-of", "2026-10-01", "--format", "json").stdout)["actions"][0]["rag"]
    assert rag != "red"


# -- rename and delete -----------------------------------------------------------------------

def test_rename_moves_the_folder_and_the_ids_and_the_log_follows(ws):
    decided(ws)
    before = head(ws)
    result = by(ws, TWO, "rename", RID, "2026-baby-a")
    message = assert_committed(ws, before, "rename", TWO, review="2026-baby-a", also=(RID,))
    assert "renamed from 2026-child-a to 2026-baby-a" in message and "2026-baby-a" in result.stderr
    assert not (ws.root / "reviews" / RID).exists()
    text = ws.review_file("2026-baby-a").read_text()
    assert "id: \"2026-baby-a\"" in text and RID not in text
    assert RID not in (ws.root / "reviews" / "2026-baby-a" / "notes.md").read_text()
    moved = ws.git("show", "--name-status", "--format=", "-M", "HEAD")  # git sees a rename, not a new review
    assert re.search(r"^R\d+\treviews/2026-child-a/review.yaml\treviews/2026-baby-a/review.yaml$", moved, re.M), moved
    trail = json.loads(ws.run("log", "2026-baby-a", "--format", "json").stdout)
    assert [e["action"] for e in trail] == ["rename", "decide", "complete", "complete", "new"]
    ws.run("complete", "2026-baby-a", "panel-confirmed", "--on", "2026-05-01", "--by", ONE)
    assert show(ws, "2026-baby-a")["track"] == "local"
    refused(ws, "rename", "2026-baby-a", "2026-baby-a", says="nothing to rename")


def test_rename_refusals_change_nothing(ws):
    ws.run("new", "Child B", "--aware", "2026-04-02", "--by", ONE)
    refused(ws, "rename", RID, "2026-child-b", says="already exists")
    refused(ws, "rename", RID, "../elsewhere", says="not a usable review ID")
    ws.review_file(RID).write_text(ws.review_file(RID).read_text() + "# a hand edit\n")
    result = ws.run("rename", RID, "2026-baby-a", "--by", ONE, ok=False)
    assert "not committed" in result.stderr and (ws.root / "reviews" / RID).is_dir()


def test_delete_a_review_created_in_error(ws):
    ws.run("new", "Child B", "--aware", "2026-04-02", "--by", ONE)
    ws.run("complete", "2026-child-b", "notification", "--on", "2026-04-03", "--by", ONE)
    before = head(ws)
    by(ws, TWO, "delete", "2026-child-b", "--reason", "a duplicate of 2026-child-a")
    message = assert_committed(ws, before, "delete", TWO, review="2026-child-b")
    assert "a duplicate of 2026-child-a" in message
    assert not (ws.root / "reviews" / "2026-child-b").exists()
    assert [r["id"] for r in json.loads(ws.run("list", "--all", "--format", "json").stdout)] == [RID]

    decided(ws)
    refused(ws, "delete", RID, "--reason", "error", says="already records rapid-review, decision")
    ws.run("delete", RID, "--reason", "entered on the wrong workspace", "--force", "--by", ONE)
    assert not (ws.root / "reviews" / RID).exists()
    ws.run("undo", "--by", ONE)  # git kept it
    assert show(ws)["track"] == "local"


# -- edit ------------------------------------------------------------------------------------

EDITOR_SCRIPT = """\
import os, sys
path = sys.argv[-1]
text = open(path, encoding="utf-8").read()
open(path, "w", encoding="utf-8").write(text.replace(os.environ["FIND"], os.environ["PUT"]))
"""


def editor(tmp_path: Path, find: str, put: str) -> dict[str, str]:
    """An editor that is a script: replaces FIND with PUT in the file it is given."""
    import sys

    script = tmp_path / "editor.py"
    script.write_text(EDITOR_SCRIPT)
    return {"VISUAL": f"{sys.executable} {script}", "FIND": find, "PUT": put}


def test_edit_commits_a_valid_change_as_the_officer(ws, tmp_path):
    before = head(ws)
    env = {**editor(tmp_path, "child: Child A", "child: Child B"), "CSPR_OFFICER": TWO}
    ws.run("edit", RID, env=env)
    message = assert_committed(ws, before, "edit", TWO)
    assert "review.yaml edited by hand" in message and show(ws)["child"] == "Child B"

    before = head(ws)
    ws.run("edit", RID, "notes", "--by", ONE, env=editor(tmp_path, "# ", "# Checked. "))
    assert_committed(ws, before, "edit", ONE)


def test_an_invalid_edit_is_abandoned_leaving_the_exact_bytes(ws, tmp_path):
    path = ws.review_file(RID)
    original, before = path.read_bytes(), head(ws)
    result = ws.run("edit", RID, "--by", ONE, env=editor(tmp_path, "aware: 2026-04-01", "aware: 1 April"), ok=False)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and re.search(r"review\.yaml:\d+:\d+: .*edit abandoned", lines[0]), result.stderr
    assert path.read_bytes() == original and head(ws) == before and ws.git("status", "--porcelain") == ""

    result = ws.run("edit", RID, "briefing", "--by", ONE, env=editor(tmp_path, "learning:", "learnings:"), ok=False)
    assert re.search(r"briefing\.yaml:\d+:\d+: unknown key 'learnings'", result.stderr), result.stderr
    assert head(ws) == before and ws.git("status", "--porcelain") == ""


def test_edit_no_editor_commits_edits_made_by_hand(ws, tmp_path):
    path = ws.review_file(RID)
    path.write_text(path.read_text().replace("child: Child A", "child: Child C"))
    for args in (["complete", RID, "notification"], ["edit", RID]):  # only --no-editor takes hand edits
        result = ws.run(*args, "--by", ONE, ok=False)
        assert "not committed" in result.stderr and f"cspr edit {RID}" in result.stderr, result.stderr
    before = head(ws)
    ws.run("edit", RID, "--no-editor", env={"CSPR_OFFICER": TWO})
    assert_committed(ws, before, "edit", TWO)
    # With nothing changed: no commit, exit 0.
    result = ws.run("edit", RID, "--no-editor", "--by", ONE)
    assert "unchanged; no commit made" in result.stderr and head(ws) != before
    assert ws.git("rev-list", "--count", f"{before}..HEAD").strip() == "1"
    result = ws.run("edit", RID, "--by", ONE, env=editor(tmp_path, "no such text", ""))
    assert "unchanged" in result.stderr


def test_edit_no_editor_refuses_an_invalid_hand_edit(ws):
    path = ws.review_file(RID)
    path.write_text(path.read_text().replace("aware: 2026-04-01", "awair: 2026-04-01"))
    before = head(ws)
    result = ws.run("edit", RID, "--no-editor", "--by", ONE, ok=False)
    assert re.search(r"review\.yaml:\d+:\d+: unknown key 'awair'", result.stderr) and head(ws) == before


def test_undo_refused_names_only_commands_that_correct_that_change(ws):
    ws.run("set", RID, "lead-reviewer", "A. Reviewer", "--by", ONE)
    ws.run("set", RID, "lead-reviewer", "B. Reviewer", "--by", TWO)  # the same line, built on
    message = refused(ws, "undo", says="record the correction instead")
    assert f"'cspr set {RID} FIELD VALUE --reason TEXT'" in message and "complete" not in message
