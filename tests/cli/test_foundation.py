"""The foundation: workspaces, reviews, commits, locking, atomic writes and `cspr check`."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from click.testing import CliRunner

from cspr.cli import cli
from tests.helpers.workspace import OFFICER, REPO, git, make_repo


def test_init_makes_a_committed_workspace(workspace):
    root = workspace.root
    assert (root / "cspr.yaml").is_file()
    assert (root / "reviews").is_dir()
    assert "/private/" in (root / ".gitignore").read_text()
    assert (root / "private" / "restricted-terms.txt").is_file()
    assert workspace.git("status", "--porcelain") == ""  # private/ is ignored, all else committed
    log = workspace.git("log", "--format=%an|%s%n%b")
    assert log.startswith("Officer One|new workspace for Testshire Safeguarding Partnership")
    assert "Cspr-Action: init" in log


def test_init_runs_git_init_when_needed(tmp_path, runner):
    result = runner.invoke(cli, ["init", str(tmp_path / "fresh"), "--by", OFFICER])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "fresh" / ".git").is_dir()
    assert git(tmp_path / "fresh", "log", "--format=%ae").strip() == "officer.one@example.org"


def test_a_workspace_can_live_in_a_folder_of_a_larger_repository(tmp_path, runner):
    repo = make_repo(tmp_path / "unit-files")
    (repo / "README.txt").write_text("The business unit's shared files.\n")
    git(repo, "add", "README.txt")
    git(repo, "commit", "-qm", "start")
    workspace = repo / "cspr"
    assert runner.invoke(cli, ["init", str(workspace)]).exit_code == 0
    assert not (workspace / ".git").exists()  # the existing repository holds it
    made = runner.invoke(cli, ["--workspace", str(workspace), "new", "Child A", "--aware", "2026-04-01"])
    assert made.exit_code == 0, made.stderr
    assert git(repo, "show", "--name-only", "--format=", "HEAD").split() == [
        "cspr/reviews/2026-child-a/briefing.yaml", "cspr/reviews/2026-child-a/notes.md",
        "cspr/reviews/2026-child-a/review.yaml"]


def test_new_creates_files_commits_and_prints_the_id(workspace):
    result = workspace.run("new", "Child H", "--aware", "2026-04-01", "--agency", "Police",
                           "--agency", "Health", "--theme", "neglect", "--by", OFFICER)
    assert result.stdout == "2026-child-h\n"
    folder = workspace.root / "reviews" / "2026-child-h"
    assert (folder / "review.yaml").is_file() and (folder / "notes.md").is_file()
    files = workspace.git("show", "--name-only", "--format=", "HEAD").split()
    assert "reviews/2026-child-h/review.yaml" in files and "reviews/2026-child-h/notes.md" in files
    message = workspace.git("log", "-1", "--format=%B")
    assert message.startswith("2026-child-h: new review for Child H")
    assert "Review: 2026-child-h" in message and "Cspr-Action: new" in message
    shown = workspace.json("show", "2026-child-h")
    assert shown["child"] == "Child H" and shown["agencies"] == ["Police", "Health"]
    assert shown["themes"] == ["neglect"]


def test_new_accepts_uk_dates_and_an_explicit_id(workspace):
    result = workspace.run("new", "Baby B", "--aware", "01/04/2026", "--id", "bb-1", "--by", OFFICER)
    assert result.stdout.strip() == "bb-1"
    assert workspace.json("show", "bb-1")["aware"] == "2026-04-01"


def test_month_first_or_nonsense_dates_are_refused(workspace):
    result = workspace.run("new", "Child C", "--aware", "04/31/2026", "--by", OFFICER, ok=False)
    assert result.exit_code == 1 and len(result.stderr.strip().splitlines()) == 1
    assert "2026-04-01" in result.stderr and "Traceback" not in result.stderr
    assert not (workspace.root / "reviews" / "2026-child-c").exists()


def test_ids_in_use_or_unsafe_are_refused(workspace):
    workspace.run("new", "Child H", "--aware", "2026-04-01", "--by", OFFICER)
    again = workspace.run("new", "Child H", "--aware", "2026-05-01", "--by", OFFICER, ok=False)
    assert again.exit_code == 1 and "already in use" in again.stderr
    for bad in ("../escape", "a/b", ".hidden", ""):
        result = workspace.run("new", "Child Z", "--aware", "2026-04-01", "--id", bad, "--by", OFFICER, ok=False)
        assert result.exit_code == 1 and "not a usable review ID" in result.stderr
    assert not (workspace.root / "escape").exists()


def test_author_comes_from_by_then_env_then_git(workspace):
    workspace.run("new", "Child A", "--aware", "2026-04-01", "--by", "Officer Two <two@example.org>")
    assert workspace.git("log", "-1", "--format=%an <%ae>|%cn <%ce>").strip() == \
        "Officer Two <two@example.org>|Officer Two <two@example.org>"
    workspace.run("new", "Child B", "--aware", "2026-04-01", env={"CSPR_OFFICER": "Officer Three <three@example.org>"})
    assert workspace.git("log", "-1", "--format=%an").strip() == "Officer Three"
    workspace.run("new", "Child C", "--aware", "2026-04-01")
    assert workspace.git("log", "-1", "--format=%an").strip() == "Officer One"


def test_no_identity_is_a_clear_error(workspace):
    workspace.git("config", "--unset", "user.name")
    workspace.git("config", "--unset", "user.email")
    result = workspace.run("new", "Child A", "--aware", "2026-04-01", ok=False)
    assert result.exit_code == 1
    assert "--by" in result.stderr and "CSPR_OFFICER" in result.stderr
    assert not (workspace.root / "reviews" / "2026-child-a").exists()


def test_read_only_commands_need_no_identity(workspace):
    workspace.run("new", "Child A", "--aware", "2026-04-01", "--by", OFFICER)
    workspace.git("config", "--unset", "user.name")
    workspace.git("config", "--unset", "user.email")
    workspace.run("list")
    workspace.run("show", "2026-child-a")
    workspace.run("overdue")


def test_list_formats(workspace):
    workspace.run("new", "Child A", "--aware", "2026-04-01", "--by", OFFICER)
    workspace.run("new", "Child B", "--aware", "2026-05-01", "--by", OFFICER)
    records = workspace.json("list")
    assert [r["id"] for r in records] == ["2026-child-a", "2026-child-b"]
    assert records[0]["status"] == "open" and records[0]["track"] is None
    csv_text = workspace.run("list", "--format", "csv").stdout
    assert csv_text.splitlines()[0] == "id,child,aware,track,decided,status,overdue,next_stage,next_due"
    table = workspace.run("list").stdout
    assert "Child A" in table and "\x1b[" not in table


def test_hand_edited_file_is_refused_and_kept(workspace):
    workspace.run("new", "Child A", "--aware", "2026-04-01", "--by", OFFICER)
    path = workspace.review_file("2026-child-a")
    edited = path.read_text() + "# an officer's uncommitted note\n"
    path.write_text(edited)
    head = workspace.git("rev-parse", "HEAD")
    result = workspace.run("complete", "2026-child-a", "notification", "--on", "2026-04-02", "--by", OFFICER, ok=False)
    assert result.exit_code == 1
    assert "reviews/2026-child-a/review.yaml" in result.stderr and "commit" in result.stderr
    assert path.read_text() == edited
    assert workspace.git("rev-parse", "HEAD") == head


def test_round_trip_keeps_comments_and_key_order(workspace):
    workspace.run("new", "Child A", "--aware", "2026-04-01", "--by", OFFICER)
    path = workspace.review_file("2026-child-a")
    text = path.read_text().replace("lead_reviewer:", "lead_reviewer:  # to be commissioned in May")
    text = text.replace("child: Child A", "child: Child A   # pseudonym agreed at the rapid review")
    path.write_text(text)
    workspace.git("commit", "-qam", "hand note")
    workspace.run("complete", "2026-child-a", "notification", "--on", "2026-04-02", "--by", OFFICER)
    after = path.read_text()
    assert "# to be commissioned in May" in after
    assert "# pseudonym agreed at the rapid review" in after
    keys = [line.split(":")[0] for line in after.splitlines() if line and line[0].isalpha()]
    assert keys[:4] == ["id", "child", "aware", "incident"]
    assert workspace.git("show", "--stat", "--format=", "HEAD").count("|") == 1  # only that file


def test_two_processes_at_once_are_serialised_and_both_kept(workspace):
    """Two real `cspr` processes changing one review at the same moment: both changes land."""
    workspace.run("new", "Child A", "--aware", "2026-04-01", "--agency", "Police", "--agency", "Health",
                  "--by", OFFICER)
    workspace.run("decide", "2026-child-a", "local", "--on", "2026-04-20", "--by", OFFICER)
    env = {**os.environ, "CSPR_OFFICER": OFFICER, "CSPR_WORKSPACE": str(workspace.root)}
    procs = [
        subprocess.Popen([sys.executable, "-m", "cspr", "complete", "2026-child-a", "agency-responses",
                          "--agency", agency, "--on", "2026-05-01"], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for agency in ("Police", "Health")
    ]
    for proc in procs:
        _out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
    agencies = {a["agency"]: a["done"] for a in _stage(workspace, "2026-child-a", "agency-responses")["agencies"]}
    assert agencies == {"Police": "2026-05-01", "Health": "2026-05-01"}
    assert workspace.git("status", "--porcelain") == ""
    assert len(workspace.git("log", "--format=%H", "--", "reviews/2026-child-a").split()) == 4


def _stage(workspace, review_id, key):
    return next(s for s in workspace.json("show", review_id)["stages"] if s["key"] == key)


def test_interrupted_write_leaves_the_old_file_whole(workspace):
    """A process killed in the middle of writing never leaves half a review file."""
    workspace.run("new", "Child A", "--aware", "2026-04-01", "--by", OFFICER)
    path = workspace.review_file("2026-child-a")
    before = path.read_text()
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "import cspr.storage.yamlio as y\n"
        "real_fsync = os.fsync\n"
        "def crash(fd):\n"
        "    os._exit(9)  # the machine dies after writing the temporary file, before the rename\n"
        "os.fsync = crash\n"
        f"y.atomic_write(Path({str(path)!r}), 'half a fi')\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == 9
    assert path.read_text() == before
    # the next command works normally, and the leftover temporary file is never read as a review
    workspace.run("complete", "2026-child-a", "notification", "--on", "2026-04-02", "--by", OFFICER)
    assert workspace.json("show", "2026-child-a")["stages"][0]["done"] == "2026-04-02"


def test_failed_commit_puts_every_file_back(workspace):
    workspace.run("new", "Child A", "--aware", "2026-04-01", "--by", OFFICER)
    path = workspace.review_file("2026-child-a")
    before = path.read_text()
    head = workspace.git("rev-parse", "HEAD")
    # --no-verify skips hooks, so make git itself refuse: an index lock held by "another git".
    (workspace.root / ".git" / "index.lock").write_text("")
    result = workspace.run("complete", "2026-child-a", "notification", "--on", "2026-04-02", "--by", OFFICER, ok=False)
    (workspace.root / ".git" / "index.lock").unlink()
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert path.read_text() == before
    assert workspace.git("rev-parse", "HEAD") == head


def test_workspace_found_by_walking_up_and_by_env(workspace, tmp_path):
    workspace.run("new", "Child A", "--aware", "2026-04-01", "--by", OFFICER)
    runner = CliRunner()
    inner = workspace.root / "reviews" / "2026-child-a"
    cwd = os.getcwd()
    try:
        os.chdir(inner)
        assert "2026-child-a" in runner.invoke(cli, ["list"]).stdout
        os.chdir(tmp_path)
        outside = runner.invoke(cli, ["list"])
        assert outside.exit_code == 1
        assert "not inside a cspr workspace" in outside.stderr and "cspr init" in outside.stderr
        by_env = runner.invoke(cli, ["list"], env={"CSPR_WORKSPACE": str(workspace.root)})
        assert "2026-child-a" in by_env.stdout
    finally:
        os.chdir(cwd)


BROKEN = {
    "bad-syntax": ("id: bad-syntax\nchild: [unclosed\n", "bad-syntax/review.yaml:3:1"),
    "bad-date": ("id: bad-date\nchild: Child D\naware: 2026-13-45\n", "bad-date/review.yaml:3:8"),
    "missing": ("id: missing\naware: 2026-04-01\n", "missing/review.yaml:1:1"),
    "unknown-key": ("id: unknown-key\nchild: Child U\naware: 2026-04-01\nfavourite: blue\n",
                    "unknown-key/review.yaml:4:1"),
    "python-tag": ("id: python-tag\nchild: !!python/object/apply:os.system [echo hi]\naware: 2026-04-01\n",
                   "python-tag/review.yaml:2:8"),
    "wrong-type": ("id: wrong-type\nchild: Child W\naware: 2026-04-01\nagencies: Police\n",
                   "wrong-type/review.yaml:4:11"),
}


def test_check_reports_every_broken_file_with_its_line(workspace):
    workspace.run("new", "Child A", "--aware", "2026-04-01", "--by", OFFICER)
    for name, (text, _where) in BROKEN.items():
        folder = workspace.root / "reviews" / name
        folder.mkdir()
        (folder / "review.yaml").write_text(text)
    result = workspace.run("check", ok=False)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    for _name, (_text, where) in BROKEN.items():
        assert any(where in line for line in lines), (where, result.stderr)
    assert f"{len(BROKEN)} problems found" in result.stderr
    assert "Traceback" not in result.stderr
    # the good review is still listed, and the broken ones are named on stderr
    listed = workspace.run("list", ok=False)
    assert listed.exit_code == 1 and "2026-child-a" in listed.stdout and "bad-date" in listed.stderr


def test_check_passes_on_a_clean_workspace(workspace):
    workspace.run("new", "Child A", "--aware", "2026-04-01", "--by", OFFICER)
    assert workspace.run("check").exit_code == 0


def test_debug_shows_the_traceback(workspace):
    result = workspace.runner.invoke(cli, ["--debug", "--workspace", str(workspace.root), "show", "nope"])
    assert result.exit_code == 1
    assert result.exception is not None  # raised, not reduced to one line


def test_version_and_module_entry_point():
    proc = subprocess.run([sys.executable, "-m", "cspr", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.startswith("cspr ")


def test_demo_workspace_checks_out_and_lists():
    repo = REPO
    runner = CliRunner()
    checked = runner.invoke(cli, ["--workspace", str(repo), "check"])
    assert checked.exit_code == 0, checked.stderr
    listed = json.loads(runner.invoke(cli, ["--workspace", str(repo), "list", "--all", "--format", "json",
                                            "--as-of", "2026-11-27"]).stdout)
    assert len(listed) >= 5
