"""Nothing lost: odd git states are refused, `init` keeps the user's files, advice that works."""

from __future__ import annotations

import subprocess

import pytest

from cspr.cli import cli
from tests.helpers.workspace import OFFICER, git, make_repo


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setenv("CSPR_TODAY", "2026-06-01")


def one_error_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("cspr: error: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def snapshot(ws) -> dict[str, object]:
    """HEAD, git's status and every tracked file's bytes (HEAD may be detached here)."""
    files = {name: (ws.root / name).read_bytes()
             for name in ws.git("ls-files").splitlines() if (ws.root / name).is_file()}
    return {"head": ws.git("rev-parse", "HEAD").strip(), "status": ws.git("status", "--porcelain"),
            "files": files, "commits": ws.git("rev-list", "--all", "--count")}


@pytest.fixture
def with_review(workspace):
    workspace.run("new", "Child A", "--aware", "2026-04-01")
    return workspace


def start_conflicting_merge(ws) -> None:
    notes = ws.root / "reviews" / "2026-child-a" / "notes.md"
    ws.git("switch", "--quiet", "-c", "side")
    notes.write_text("side\n")
    ws.git("commit", "--quiet", "-am", "side")
    ws.git("switch", "--quiet", "main")
    notes.write_text("main\n")
    ws.git("commit", "--quiet", "-am", "main")


RECORDING = [
    ("complete", "2026-child-a", "notification", "--on", "2026-04-08"),
    ("hold", "2026-child-a", "--reason", "criminal trial", "--from", "2026-05-01"),
    ("new", "Child B", "--aware", "2026-05-01"),
    ("set", "2026-child-a", "lead-reviewer", "Reviewer R"),
]


@pytest.mark.parametrize("command", RECORDING, ids=lambda c: c[0])
def test_an_unfinished_merge_is_refused_and_nothing_is_written(with_review, command):
    start_conflicting_merge(with_review)
    assert subprocess.run(["git", "merge", "side"], cwd=with_review.root, capture_output=True).returncode != 0
    before = snapshot(with_review)

    line = one_error_line(with_review.run(*command, ok=False))

    assert "a git merge is unfinished" in line and "git merge --abort" in line
    assert snapshot(with_review) == before
    assert not (with_review.root / "reviews" / "2026-child-b").exists()


def test_an_unfinished_rebase_is_refused(with_review):
    start_conflicting_merge(with_review)
    assert subprocess.run(["git", "rebase", "side"], cwd=with_review.root, capture_output=True).returncode != 0
    before = snapshot(with_review)

    result = with_review.run("complete", "2026-child-a", "notification", "--on", "2026-04-08", ok=False)

    assert "a git rebase is unfinished" in one_error_line(result)
    assert result.exit_code == 1
    assert snapshot(with_review) == before


def test_an_unfinished_cherry_pick_is_refused(with_review):
    start_conflicting_merge(with_review)
    assert subprocess.run(["git", "cherry-pick", "side"], cwd=with_review.root, capture_output=True).returncode != 0
    result = with_review.run("decide", "2026-child-a", "local", "--on", "2026-04-20", ok=False)
    assert "a git cherry-pick is unfinished" in one_error_line(result)


def test_a_detached_head_is_refused(with_review):
    with_review.git("checkout", "--quiet", "--detach")
    before = snapshot(with_review)
    for command in RECORDING + [("undo",)]:
        result = with_review.run(*command, ok=False)
        line = one_error_line(result)
        assert "HEAD is detached" in line and "git switch" in line
    assert snapshot(with_review) == before


def test_advice_for_a_staged_change_works(with_review):
    path = with_review.review_file("2026-child-a")
    path.write_text(path.read_text() + "# a stray line\n")
    with_review.git("add", str(path))
    path.write_text(path.read_text() + "# and another\n")

    line = one_error_line(with_review.run("complete", "2026-child-a", "notification", ok=False))

    advice = line.split("discard them (", 1)[1].split(")", 1)[0]
    assert advice == "git restore --staged --worktree reviews/2026-child-a/review.yaml"
    subprocess.run(advice.split(), cwd=with_review.root, check=True)
    with_review.run("complete", "2026-child-a", "notification", "--on", "2026-04-08")
    assert with_review.git("status", "--porcelain") == ""


# -- cspr init on a folder that has things in it ------------------------------------------


def test_init_keeps_the_users_gitignore_and_templates(tmp_path, runner):
    root = make_repo(tmp_path / "ws")
    (root / ".gitignore").write_text("*.bak\n")
    (root / "templates").mkdir()
    (root / "templates" / "briefing.md.j2").write_text("My own briefing\n")
    git(root, "add", ".")
    git(root, "commit", "--quiet", "-m", "mine")

    result = runner.invoke(cli, ["init", str(root), "--by", OFFICER])

    assert result.exit_code == 0, result.output
    assert (root / "templates" / "briefing.md.j2").read_text() == "My own briefing\n"
    ignore = (root / ".gitignore").read_text()
    assert ignore.startswith("*.bak\n") and "/private/" in ignore and "/.cspr/" in ignore
    assert git(root, "status", "--porcelain") == ""
    assert git(root, "rev-list", "--count", "HEAD").strip() == "2"


def test_a_failed_init_leaves_the_folder_as_it_was(tmp_path, runner, monkeypatch):
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "letter.txt").write_text("keep me\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "empty.gitconfig"))  # nobody to author it

    result = runner.invoke(cli, ["init", str(folder)])

    assert result.exit_code == 1
    assert "no officer identity" in one_error_line(result)
    assert sorted(p.name for p in folder.iterdir()) == ["letter.txt"]

    missing = tmp_path / "new-folder"
    assert runner.invoke(cli, ["init", str(missing)]).exit_code == 1
    assert not missing.exists()


def test_outside_git_the_advice_is_git_init(tmp_path, runner):
    root = tmp_path / "copy"
    result = runner.invoke(cli, ["init", str(root), "--by", OFFICER])
    assert result.exit_code == 0, result.output
    subprocess.run(["rm", "-rf", str(root / ".git")], check=True)

    result = runner.invoke(cli, ["--workspace", str(root), "new", "Child A", "--aware", "2026-04-01",
                                 "--by", OFFICER])

    line = one_error_line(result)
    assert "git init" in line and "cspr init" not in line
    assert not (root / "reviews" / "2026-child-a").exists()


@pytest.mark.parametrize("command", [RECORDING[0], ("rename", "2026-child-a", "2026-child-z")], ids=lambda c: c[0])
def test_a_change_staged_by_hand_is_left_staged_not_swept_into_the_commit(with_review, command):
    (with_review.root / "minutes.md").write_text("Board minutes, not yet agreed.\n")
    with_review.git("add", "minutes.md")
    with_review.run(*command)
    assert "minutes.md" not in with_review.git("show", "--name-only", "--format=", "HEAD").split()
    assert with_review.git("diff", "--cached", "--name-only").split() == ["minutes.md"]


def test_the_commit_holds_the_review_file_alone_when_nothing_else_is_staged(with_review):
    with_review.run(*RECORDING[0])
    assert with_review.git("show", "--name-only", "--format=", "HEAD").split() == ["reviews/2026-child-a/review.yaml"]
    assert with_review.git("status", "--porcelain") == ""


def test_in_a_workspace_below_the_top_of_its_repository_a_file_staged_above_is_left_staged(tmp_path, runner):
    from tests.helpers.workspace import Workspace

    outer = make_repo(tmp_path / "outer")
    result = runner.invoke(cli, ["init", str(outer / "cspr"), "--partnership", "Testshire Safeguarding Partnership"])
    assert result.exit_code == 0, result.output
    ws = Workspace(outer / "cspr", runner)
    ws.run("new", "Child A", "--aware", "2026-04-01")
    # the same path as the review's, but from the top of the repository: not the workspace's file
    above = outer / "reviews" / "2026-child-a" / "review.yaml"
    above.parent.mkdir(parents=True)
    above.write_text("minutes: not a review\n")
    git(outer, "add", "reviews")
    ws.run(*RECORDING[0])
    assert git(outer, "show", "--name-only", "--format=", "HEAD").split() == ["cspr/reviews/2026-child-a/review.yaml"]
    assert git(outer, "diff", "--cached", "--name-only").split() == ["reviews/2026-child-a/review.yaml"]
