"""`cspr sync`: several officers, one bare repository as the shared remote, a clone each."""

from __future__ import annotations

import json
import os
import stat

import pytest

from cspr.git.conflicts import conflicting_fields, key_path
from cspr.git.merge import changes, merge_texts
from tests.helpers.sharing import business_unit, snapshot


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setenv("CSPR_TODAY", "2026-06-01")


@pytest.fixture
def unit(tmp_path, runner):
    return business_unit(tmp_path, runner)


def stage(workspace, review_id, key):
    return next(s for s in workspace.json("show", review_id)["stages"] if s["key"] == key)


def test_first_sync_sends_the_new_workspace_to_an_empty_remote(unit):
    assert unit.remote_head() == unit.one.git("rev-parse", "HEAD").strip()
    assert unit.one.git("rev-parse", "--abbrev-ref", "main@{upstream}").strip() == "origin/main"
    assert (unit.two.root / "reviews" / "2026-child-a" / "review.yaml").is_file()


def test_nothing_to_do_says_so(unit):
    result = unit.two.run("sync")
    assert "Up to date with origin" in result.stdout
    assert unit.two.json("sync") == {"remote": "origin", "branch": "main", "arrived": [], "sent": [], "kept": []}


def test_sync_reports_what_arrived_by_review_and_officer_and_what_was_sent(unit):
    unit.two.run("complete", "2026-child-a", "notification", "--on", "2026-04-08")
    unit.two.run("new", "Child B", "--aware", "2026-05-01")
    unit.two.run("sync", "--quiet")
    unit.one.run("complete", "2026-child-a", "rapid-review", "--on", "2026-04-20")

    report = unit.one.json("sync")
    arrived = [(e["review"], e["officer"], e["action"]) for e in report["arrived"]]
    assert arrived == [("2026-child-b", "Officer Two", "new"), ("2026-child-a", "Officer Two", "complete")]
    assert [(e["review"], e["officer"], e["summary"]) for e in report["sent"]] == [
        ("2026-child-a", "Officer One", "rapid-review completed on Mon 20 Apr 2026")]
    assert unit.remote_head() == unit.one.git("rev-parse", "HEAD").strip()

    text = unit.three.run("sync").stdout
    assert "Arrived from origin: 3 changes: 2026-child-a (Officer One, Officer Two), 2026-child-b (Officer Two)" in text
    assert "rapid-review completed on Mon 20 Apr 2026" in text


def test_quiet_sync_prints_nothing(unit):
    unit.two.run("complete", "2026-child-a", "notification", "--on", "2026-04-08")
    result = unit.two.run("sync", "--quiet")
    assert result.stdout == "" and result.stderr == ""
    assert "notification" in unit.one.run("sync").stdout


def test_different_stages_and_agencies_of_one_review_merge_without_conflict(unit):
    one, two, three = unit.one, unit.two, unit.three
    one.run("decide", "2026-child-a", "local", "--on", "2026-04-21")
    one.run("sync")
    two.run("sync")
    three.run("sync")
    # Neighbouring blocks: the closest that independent changes get in the file.
    one.run("complete", "2026-child-a", "notification", "--on", "2026-04-08", "--note", "ref N-1")
    two.run("complete", "2026-child-a", "rapid-review", "--on", "2026-04-20", "--note", "met 20 April")
    three.run("complete", "2026-child-a", "panel-confirmed", "--on", "2026-04-22")
    one.run("complete", "2026-child-a", "agency-responses", "--agency", "Police", "--on", "2026-05-01", "--note", "signed off")
    two.run("complete", "2026-child-a", "agency-responses", "--agency", "Local authority children's services", "--on", "2026-05-02")
    three.run("complete", "2026-child-a", "agency-responses", "--agency", "Integrated Care Board", "--on", "2026-05-03")
    two.run("hold", "2026-child-a", "--reason", "criminal trial", "--from", "2026-05-04")
    three.run("new", "Child B", "--aware", "2026-05-01")

    for workspace in (two, one, three, two, one):
        workspace.run("sync")

    heads = {w.git("rev-parse", "HEAD").strip() for w in (one, two, three)}
    assert heads == {unit.remote_head()}
    for workspace in (one, two, three):
        assert workspace.git("status", "--porcelain") == ""
        assert workspace.run("check").exit_code == 0
        assert stage(workspace, "2026-child-a", "notification")["by"] == "Officer One"
        assert stage(workspace, "2026-child-a", "notification")["note"] == "ref N-1"
        assert stage(workspace, "2026-child-a", "rapid-review")["by"] == "Officer Two"
        assert stage(workspace, "2026-child-a", "panel-confirmed")["by"] == "Officer Three"
        agencies = {a["agency"]: a["by"] for a in stage(workspace, "2026-child-a", "agency-responses")["agencies"]}
        assert agencies == {"Local authority children's services": "Officer Two", "Police": "Officer One",
                            "Integrated Care Board": "Officer Three"}
        assert workspace.json("show", "2026-child-a")["holds"][0]["reason"] == "criminal trial"
        assert (workspace.root / "reviews" / "2026-child-b" / "review.yaml").is_file()
    # Every commit kept its author and its trailers through the rebases.
    authors = one.git("log", "--format=%an|%(trailers:key=Cspr-Action,valueonly)").split("\n")
    assert "Officer Three|new" in [a.strip() for a in authors]


def test_the_same_field_stops_sync_and_leaves_the_workspace_as_it_was(unit):
    unit.two.run("complete", "2026-child-a", "notification", "--on", "2026-04-08")
    unit.two.run("sync")
    unit.one.run("complete", "2026-child-a", "notification", "--on", "2026-04-09")
    unit.one.run("complete", "2026-child-a", "rapid-review", "--on", "2026-04-20")
    before = snapshot(unit.one)
    remote_before = unit.remote_head()

    result = unit.one.run("sync", ok=False)

    assert result.exit_code == 1
    message = result.stderr
    assert message.startswith("cspr: error: sync stopped: review 2026-child-a: stages.notification.done")
    assert "Officer Two" in message and "notification completed on Wed 8 Apr 2026" in message
    assert "cspr sync --keep theirs" in message and "cspr sync --keep mine" in message
    assert "Traceback" not in message and len(message.strip().splitlines()) == 1
    assert snapshot(unit.one) == before
    assert not (unit.one.root / ".git" / "rebase-merge").exists()
    assert unit.remote_head() == remote_before
    assert stage(unit.one, "2026-child-a", "notification")["done"] == "2026-04-09"


def test_neighbouring_fields_that_clash_as_lines_merge_as_fields(unit):
    # Both plans land at the end of `plans`: git sees one clash, but they are different fields.
    unit.one.run("decide", "2026-child-a", "local", "--on", "2026-04-21")
    unit.one.run("sync")
    unit.two.run("sync")
    unit.one.run("plan", "2026-child-a", "tor-agreed", "2026-07-01")
    unit.one.run("sync")
    unit.two.run("plan", "2026-child-a", "draft-circulated", "2026-08-01")

    report = unit.two.json("sync")

    assert report["kept"] == [] and [e["action"] for e in report["sent"]] == ["plan"]
    unit.one.run("sync")
    for workspace in (unit.one, unit.two):
        stages = {s["key"]: s for s in workspace.json("show", "2026-child-a")["stages"]}
        assert stages["tor-agreed"]["planned"] == "2026-07-01"
        assert stages["draft-circulated"]["planned"] == "2026-08-01"
        assert workspace.run("check").exit_code == 0


def test_the_conflict_names_the_commit_that_changed_the_field(unit):
    unit.two.run("complete", "2026-child-a", "notification", "--on", "2026-04-08")
    unit.two.run("complete", "2026-child-a", "rapid-review", "--on", "2026-04-20")  # later, same file
    unit.two.run("sync")
    unit.one.run("complete", "2026-child-a", "notification", "--on", "2026-04-09")
    result = unit.one.run("sync", ok=False)
    assert "Officer Two (" in result.stderr and "notification completed on Wed 8 Apr 2026" in result.stderr
    assert "rapid-review" not in result.stderr


def test_keep_theirs_takes_their_value_and_keeps_every_other_change(unit):
    unit.two.run("complete", "2026-child-a", "notification", "--on", "2026-04-08")
    unit.two.run("sync")
    unit.one.run("complete", "2026-child-a", "notification", "--on", "2026-04-09")
    unit.one.run("complete", "2026-child-a", "rapid-review", "--on", "2026-04-20")
    unit.one.run("sync", ok=False)

    report = unit.one.json("sync", "--keep", "theirs")

    assert report["kept"] == [{"side": "theirs", "path": "reviews/2026-child-a/review.yaml",
                               "review": "2026-child-a", "fields": ["stages.notification.done", "stages.notification.by"]}]
    # Nothing is dropped: Officer One's completion stays in the trail, then the settlement.
    assert [e["summary"] for e in report["sent"]] == [
        "rapid-review completed on Mon 20 Apr 2026",
        "sync kept Officer Two's stages.notification.done, stages.notification.by (cspr sync --keep theirs)",
        "notification completed on Thu 9 Apr 2026",
    ]
    trail = [(e["officer"], e["action"], e["summary"]) for e in unit.one.json("log", "2026-child-a")]
    assert trail[:4] == [
        ("Officer One", "complete", "rapid-review completed on Mon 20 Apr 2026"),
        ("Officer One", "sync", "sync kept Officer Two's stages.notification.done, stages.notification.by "
                                "(cspr sync --keep theirs)"),
        ("Officer One", "complete", "notification completed on Thu 9 Apr 2026"),
        ("Officer Two", "complete", "notification completed on Wed 8 Apr 2026"),
    ]
    notification = stage(unit.one, "2026-child-a", "notification")
    assert (notification["done"], notification["by"]) == ("2026-04-08", "Officer Two")
    assert stage(unit.one, "2026-child-a", "rapid-review")["by"] == "Officer One"
    assert unit.remote_head() == unit.one.git("rev-parse", "HEAD").strip()


def test_keep_mine_replaces_their_value(unit):
    unit.two.run("decide", "2026-child-a", "national", "--on", "2026-04-21")
    unit.two.run("sync")
    unit.one.run("decide", "2026-child-a", "local", "--on", "2026-04-22")
    stopped = unit.one.run("sync", ok=False)
    assert "decision.track" in stopped.stderr

    unit.one.run("sync", "--keep", "mine")

    unit.two.run("sync")
    decision = unit.two.json("show", "2026-child-a")["decision"]
    assert (decision["track"], decision["on"], decision["by"]) == ("local", "2026-04-22", "Officer One")
    # Both decisions stay in the audit trail.
    actions = [(e["officer"], e["action"]) for e in unit.two.json("log", "2026-child-a")]
    assert actions[:2] == [("Officer One", "decide"), ("Officer Two", "decide")]


def test_the_same_review_created_in_two_clones_is_a_conflict(unit):
    unit.two.run("new", "Child B", "--aware", "2026-05-01")
    unit.two.run("sync")
    unit.three.run("new", "Child B", "--aware", "2026-05-02", "--agency", "Police")
    unit.three.run("complete", "2026-child-b", "notification", "--on", "2026-05-06")
    before = snapshot(unit.three)

    result = unit.three.run("sync", ok=False)
    assert "review 2026-child-b was created both here" in result.stderr
    assert "Officer Two" in result.stderr and "--keep theirs" in result.stderr
    assert snapshot(unit.three) == before

    refused = unit.three.run("sync", "--keep", "mine", ok=False)
    assert "cannot settle a file created on both sides" in refused.stderr
    assert snapshot(unit.three) == before

    # The same incident recorded twice: keep theirs, and the later completion applies to it.
    report = unit.three.json("sync", "--keep", "theirs")
    # Officer Three's own record stays in the trail, each settlement after it.
    assert [e["action"] for e in report["sent"]] == ["sync", "complete", "sync", "new"]
    shown = unit.three.json("show", "2026-child-b")
    assert shown["aware"] == "2026-05-01" and len(shown["agencies"]) == 3
    assert stage(unit.three, "2026-child-b", "notification")["by"] == "Officer Three"


def test_no_remote_is_a_clear_error(workspace):
    result = workspace.run("sync", ok=False)
    assert result.exit_code == 1
    assert "no git remote 'origin'" in result.stderr and "git remote add origin URL" in result.stderr


def test_the_remote_named_in_cspr_yaml_is_used(unit):
    config = unit.two.root / "cspr.yaml"
    config.write_text(config.read_text().replace("remote: origin", "remote: county"))
    unit.two.git("commit", "--quiet", "-am", "use the county server")
    result = unit.two.run("sync", ok=False)
    assert "no git remote 'county'" in result.stderr
    unit.two.git("remote", "rename", "origin", "county")
    assert "Sent to county: 1 change" in unit.two.run("sync").stdout


def test_an_unreachable_remote_loses_nothing(unit, tmp_path):
    unit.one.git("remote", "set-url", "origin", str(tmp_path / "no-such-server.git"))
    unit.one.run("complete", "2026-child-a", "notification", "--on", "2026-04-08")
    before = snapshot(unit.one)

    result = unit.one.run("sync", ok=False)

    assert result.exit_code == 1
    assert "could not reach the remote 'origin'" in result.stderr
    assert "no-such-server.git" in result.stderr and "next 'cspr sync' sends them" in result.stderr
    assert snapshot(unit.one) == before


def test_a_rejected_push_loses_nothing(unit):
    hook = unit.remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'the server is read-only today' >&2\nexit 1\n")
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR)
    unit.two.run("complete", "2026-child-a", "notification", "--on", "2026-04-08")
    head = unit.two.git("rev-parse", "HEAD").strip()

    result = unit.two.run("sync", ok=False)

    assert "origin refused the changes" in result.stderr and "read-only today" in result.stderr
    assert unit.two.git("rev-parse", "HEAD").strip() == head
    hook.unlink()
    assert "Sent to origin: 1 change" in unit.two.run("sync").stdout


def test_a_push_that_loses_a_race_fetches_and_tries_again(unit):
    # Officer Three pushes between Officer Two's fetch and push (from Two's pre-push hook).
    unit.three.run("complete", "2026-child-a", "rapid-review", "--on", "2026-04-20")
    hook = unit.two.root / ".git" / "hooks" / "pre-push"
    marker = unit.two.root / ".git" / "raced"
    hook.write_text(
        "#!/bin/sh\n"
        f"if [ ! -e '{marker}' ]; then touch '{marker}'; "
        f"env -u GIT_DIR -u GIT_WORK_TREE -u GIT_INDEX_FILE git -C '{unit.three.root}' push -q origin HEAD:main; fi\n"
    )
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR)
    unit.two.run("complete", "2026-child-a", "notification", "--on", "2026-04-08")

    report = unit.two.json("sync")

    assert marker.exists()
    assert [(e["officer"], e["action"]) for e in report["arrived"]] == [("Officer Three", "complete")]
    assert [e["summary"] for e in report["sent"]] == ["notification completed on Wed 8 Apr 2026"]
    assert unit.remote_head() == unit.two.git("rev-parse", "HEAD").strip()


def test_uncommitted_hand_edits_stop_sync_before_anything_happens(unit):
    unit.two.run("complete", "2026-child-a", "notification", "--on", "2026-04-08")
    unit.two.run("sync")
    notes = unit.one.root / "reviews" / "2026-child-a" / "notes.md"
    notes.write_text(notes.read_text() + "\nA hand note.\n")
    before = snapshot(unit.one)

    result = unit.one.run("sync", ok=False)

    assert "reviews/2026-child-a/notes.md has changes that are not committed" in result.stderr
    assert snapshot(unit.one) == before


def test_a_detached_head_is_refused(unit):
    unit.two.git("checkout", "--quiet", "--detach")
    assert "not on a branch" in unit.two.run("sync", ok=False).stderr


def test_sync_json_is_the_documented_shape(unit):
    unit.two.run("complete", "2026-child-a", "notification", "--on", "2026-04-08")
    report = json.loads(unit.two.run("sync", "--format", "json").stdout)
    assert set(report) == {"remote", "branch", "arrived", "sent", "kept"}
    assert set(report["sent"][0]) == {"commit", "date", "officer", "email", "review", "action", "summary", "reverts"}


# -- merging field by field (pure) ----------------------------------------------------------------

BASE = "# a comment kept\nplans: {}\ndecision:\n  track:\n  by:\n"


def test_field_merge_combines_different_fields():
    remote = "# a comment kept\nplans:\n  tor-agreed: 2026-07-01\ndecision:\n  track:\n  by:\n"
    mine = "# a comment kept\nplans: {}\ndecision:\n  track: local\n  by: Officer One\n"
    merged = merge_texts(BASE, remote, mine, name="r.yaml")
    assert merged.clashes == ()
    assert merged.text == "# a comment kept\nplans:\n  tor-agreed: 2026-07-01\ndecision:\n  track: local\n  by: Officer One\n"


def test_field_merge_names_clashes_and_settles_them_only_when_asked():
    remote = "# a comment kept\nplans: {}\ndecision:\n  track: national\n  by: Officer Two\n"
    mine = "# a comment kept\nplans: {}\ndecision:\n  track: local\n  by: Officer One\n"
    merged = merge_texts(BASE, remote, mine, name="r.yaml")
    assert merged.text is None and merged.usable
    assert merged.clashes == (("decision", "track"), ("decision", "by"))
    assert "track: local" in merge_texts(BASE, remote, mine, name="r.yaml", prefer="mine").text
    assert "track: national" in merge_texts(BASE, remote, mine, name="r.yaml", prefer="remote").text


def test_field_merge_is_not_used_when_it_would_drop_a_hand_edited_comment():
    remote = "# a comment kept\nplans: {}\ndecision:\n  track: national\n  by:\n"
    mine = "# a comment changed by hand\nplans: {}\ndecision:\n  track:\n  by: Officer One\n"
    merged = merge_texts(BASE, remote, mine, name="r.yaml")
    assert merged.text is None and not merged.usable


def test_the_same_change_on_both_sides_is_no_clash():
    same = "# a comment kept\nplans: {}\ndecision:\n  track: local\n  by:\n"
    assert changes({"a": {"b": 1}}, {"a": {"b": 2}, "c": 3}) == {("a", "b"): 2, ("c",): 3}
    assert merge_texts(BASE, same, same, name="r.yaml").text == same


# -- naming the field from git's conflict markers (pure) -----------------------------------------

CONFLICTED = """\
decision:
  track: local
stages:
  notification:
<<<<<<< HEAD
    done: 2026-04-08
    by: Officer Two
=======
    done: 2026-04-09
    by: Officer One
>>>>>>> 1234567 (2026-child-a: notification completed on Thu 9 Apr 2026)
    note:
  agency-responses:
    agencies:
      "Local authority children's services":
<<<<<<< HEAD
        done: 2026-05-01
||||||| base
        done:
=======
        done: 2026-05-02
>>>>>>> 1234567
  assurance:
    occurrences:
      - due: 2026-09-01
<<<<<<< HEAD
        done: 2026-09-02
=======
        done: 2026-09-03
        note: late
>>>>>>> 1234567
"""


def test_conflict_markers_map_to_key_paths():
    assert conflicting_fields(CONFLICTED) == [
        "stages.notification.done",
        "stages.notification.by",
        "stages.agency-responses.agencies.Local authority children's services.done",
        "stages.assurance.occurrences.done",
        "stages.assurance.occurrences.note",
    ]


def test_key_path_climbs_lists_and_skips_comments():
    lines = ["agencies:", "  # the usual three", "  - Police", "holds:", "  - reason: trial", "    start: 2026-01-01"]
    assert key_path(lines, 2) == ("agencies",)
    assert key_path(lines, 5) == ("holds", "start")
    assert key_path(lines, 0) == ("agencies",)


def test_git_is_not_left_waiting_for_a_password(unit, monkeypatch):
    # An https remote that would ask for credentials must fail at once, not hang at a prompt.
    monkeypatch.delenv("GIT_ASKPASS", raising=False)
    monkeypatch.delenv("SSH_ASKPASS", raising=False)
    unit.two.git("remote", "set-url", "origin", "http://127.0.0.1:9/shared.git")
    result = unit.two.run("sync", ok=False)
    assert "could not reach the remote 'origin'" in result.stderr
    assert os.environ.get("GIT_TERMINAL_PROMPT") is None  # only git's own environment is changed


def test_keep_theirs_over_a_removed_review_keeps_the_officers_commit(unit):
    unit.two.git("rm", "--quiet", "-r", "reviews/2026-child-a")
    unit.two.git("commit", "--quiet", "-m", "remove a duplicate review")
    unit.two.run("sync")
    unit.one.run("complete", "2026-child-a", "notification", "--on", "2026-04-09")
    mine = unit.one.git("log", "-1", "--format=%an|%s").strip()
    assert "removed on origin" in unit.one.run("sync", ok=False).stderr

    unit.one.run("sync", "--keep", "theirs")

    assert not (unit.one.root / "reviews" / "2026-child-a" / "review.yaml").exists()
    subjects = unit.one.git("log", "--format=%an|%s").splitlines()
    assert mine in subjects  # the officer's completion is still in the history
    assert subjects[0].startswith("Officer One|2026-child-a: sync kept")
    assert unit.remote_head() == unit.one.git("rev-parse", "HEAD").strip()
