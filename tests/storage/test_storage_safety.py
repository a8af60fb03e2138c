"""The safety nets of every change: nothing invalid written, nothing left behind, modes kept."""

from __future__ import annotations

import stat

import pytest

from cspr.errors import DataError
from cspr.git.change import change_review
from cspr.model.officer import Officer
from cspr.storage.workspace import Workspace as DiskWorkspace
from cspr.storage.yamlio import atomic_write
from tests.helpers.workspace import OFFICER

REVIEW = "2026-child-a"


def _new(workspace) -> None:
    workspace.run("new", "Child A", "--aware", "2026-04-01", "--by", OFFICER)


def _unchanged(workspace, head: str, text: str) -> None:
    assert workspace.git("rev-parse", "HEAD") == head
    assert workspace.git("status", "--porcelain", "--untracked-files=all") == ""
    assert workspace.review_file(REVIEW).read_text() == text


@pytest.mark.parametrize("fault", [
    lambda document: document.__setitem__("aware", "soon"),
    lambda document: document.__setitem__("child", None),
    lambda document: document.__setitem__("holds", [{"reason": "Trial", "from": "yesterday"}]),
])
def test_a_change_that_would_leave_an_invalid_review_is_refused(workspace, fault):
    """The last safety net: whatever a recording rule does, an invalid review is never committed."""
    _new(workspace)
    head, text = workspace.git("rev-parse", "HEAD"), workspace.review_file(REVIEW).read_text()

    def faulty_edit(review, document):
        fault(document)
        return "a faulty change"

    officer = Officer("Officer One", "officer.one@example.org")
    with pytest.raises(DataError) as caught:
        change_review(DiskWorkspace(workspace.root), REVIEW, officer, "set", faulty_edit)
    assert "review.yaml:" in str(caught.value)
    _unchanged(workspace, head, text)


def test_a_failed_commit_leaves_no_new_file_behind(workspace):
    _new(workspace)
    head = workspace.git("rev-parse", "HEAD")
    # Make git itself refuse (hooks are skipped): an index lock held by "another git".
    (workspace.root / ".git" / "index.lock").write_text("")
    result = workspace.run("new", "Child B", "--aware", "2026-04-02", "--by", OFFICER, ok=False)
    (workspace.root / ".git" / "index.lock").unlink()
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert workspace.git("rev-parse", "HEAD") == head
    assert not (workspace.root / "reviews" / "2026-child-b" / "review.yaml").exists()
    assert workspace.git("status", "--porcelain", "--untracked-files=all") == ""
    # and the same review can then be made
    workspace.run("new", "Child B", "--aware", "2026-04-02", "--by", OFFICER)
    assert workspace.review_file("2026-child-b").is_file()


def test_rewriting_a_review_keeps_its_permissions(workspace):
    _new(workspace)
    path = workspace.review_file(REVIEW)
    path.chmod(0o600)  # git keeps only the executable bit, so this is no uncommitted change
    workspace.run("complete", REVIEW, "notification", "--on", "2026-04-02", "--by", OFFICER)
    assert "notification" in path.read_text()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_new_file_is_readable_by_everyone_who_can_read_the_folder(tmp_path):
    path = tmp_path / "reviews" / "2026-child-a" / "notes.md"
    atomic_write(path, "Notes\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    path.chmod(0o640)
    atomic_write(path, b"Notes, again\n", durable=False)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640 and path.read_text() == "Notes, again\n"
    assert [p.name for p in path.parent.iterdir()] == ["notes.md"]  # no temporary file left


def test_a_write_that_fails_leaves_the_old_file_and_no_temporary_file(tmp_path):
    path = tmp_path / "review.yaml"
    path.write_text("id: 2026-child-a\n")
    with pytest.raises(TypeError):
        atomic_write(path, 42)  # type: ignore[arg-type]
    assert path.read_text() == "id: 2026-child-a\n"
    assert [p.name for p in tmp_path.iterdir()] == ["review.yaml"]


def test_a_write_into_a_missing_folder_is_refused_unless_asked_to_make_it(tmp_path):
    with pytest.raises(FileNotFoundError):
        atomic_write(tmp_path / "missing" / "board.md", "# Board\n", make_folders=False)
    assert list(tmp_path.iterdir()) == []
    atomic_write(tmp_path / "made" / "deeper" / "board.md", "# Board\n")
    assert (tmp_path / "made" / "deeper" / "board.md").read_text() == "# Board\n"


def test_a_write_over_a_folder_fails_and_leaves_no_temporary_file(tmp_path):
    (tmp_path / "board.md" / "inside").mkdir(parents=True)
    with pytest.raises(IsADirectoryError):
        atomic_write(tmp_path / "board.md", "# Board\n")
    assert [p.name for p in tmp_path.iterdir()] == ["board.md"]
