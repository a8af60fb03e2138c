"""Finding the workspace a command works in: `--workspace`, else the nearest folder up with a
cspr.yaml; and, when there is none, telling a clone of a still-empty shared repository from a
folder that is no workspace at all. Real folders in tmp_path; real git where a clone is meant."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from cspr.errors import WorkspaceError
from cspr.storage.workspace import Workspace, empty_clone, find_workspace


def workspace_at(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "cspr.yaml").write_text("partnership: Testshire Safeguarding Partnership\n", encoding="utf-8")
    return folder


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def empty_repository(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    git(folder, "init", "--quiet", "--initial-branch=main")
    return folder


def committed_repository(folder: Path, branch: str = "main") -> Path:
    empty_repository(folder)
    git(folder, "checkout", "--quiet", "-b", branch)
    git(folder, "-c", "user.name=Officer One", "-c", "user.email=officer.one@example.org",
        "-c", "commit.gpgSign=false", "commit", "--quiet", "--allow-empty", "-m", "Start")
    return folder


def test_the_workspace_named_is_used_and_must_have_a_settings_file(tmp_path, monkeypatch):
    root = workspace_at(tmp_path / "ws")
    monkeypatch.chdir(tmp_path)
    assert find_workspace("ws") == Workspace(root)
    assert find_workspace(root, start=tmp_path / "elsewhere") == Workspace(root)
    (tmp_path / "plain").mkdir()
    with pytest.raises(WorkspaceError) as refused:
        find_workspace("plain")
    assert str(refused.value) == (f"{tmp_path / 'plain'} is not a cspr workspace (no cspr.yaml); "
                                  "make one with 'cspr init plain'")


def test_a_folder_named_cspr_yaml_is_no_workspace(tmp_path):
    (tmp_path / "ws" / "cspr.yaml").mkdir(parents=True)
    with pytest.raises(WorkspaceError, match="is not a cspr workspace"):
        find_workspace(tmp_path / "ws")
    with pytest.raises(WorkspaceError, match="^not inside a cspr workspace"):
        find_workspace(None, start=tmp_path / "ws")


def test_the_nearest_workspace_up_is_found_from_the_start_or_the_current_folder(tmp_path, monkeypatch):
    outer = workspace_at(tmp_path / "outer")
    inner = workspace_at(outer / "reviews" / "inner")
    (inner / "deep" / "deeper").mkdir(parents=True)
    (outer / "notes").mkdir()
    assert find_workspace(None, start=inner / "deep" / "deeper") == Workspace(inner)
    assert find_workspace("", start=outer / "notes") == Workspace(outer)
    assert find_workspace(None, start=outer) == Workspace(outer)
    monkeypatch.chdir(inner / "deep")
    assert find_workspace(None) == Workspace(inner)


def test_outside_any_workspace_the_officer_is_told_how_to_make_or_name_one(tmp_path):
    (tmp_path / "somewhere").mkdir()
    with pytest.raises(WorkspaceError) as refused:
        find_workspace(None, start=tmp_path / "somewhere")
    assert str(refused.value) == (
        f"not inside a cspr workspace (no cspr.yaml here or above {tmp_path / 'somewhere'}); "
        "make one with 'cspr init DIR', or point to one with --workspace DIR or CSPR_WORKSPACE")


def test_a_clone_of_an_empty_repository_is_told_to_sync_once_the_workspace_is_sent(tmp_path):
    clone = empty_repository(tmp_path / "clone")
    (clone / "sub").mkdir()
    with pytest.raises(WorkspaceError) as refused:
        find_workspace(None, start=clone / "sub")
    assert str(refused.value) == (
        f"{clone} is a git clone with no commits yet: the shared repository was empty when it was cloned "
        "(the first officer had not yet sent the workspace with 'cspr sync'); once they have, run 'cspr sync' "
        "here to bring it in")


def test_an_empty_clone_is_the_nearest_repository_up_with_no_branch(tmp_path):
    clone = empty_repository(tmp_path / "clone")
    (clone / "a" / "b").mkdir(parents=True)
    assert empty_clone(clone) == clone
    assert empty_clone(clone / "a" / "b") == clone
    assert empty_clone(tmp_path) is None  # no repository here or above


def test_a_repository_with_a_branch_loose_nested_or_packed_is_no_empty_clone(tmp_path):
    loose = committed_repository(tmp_path / "loose")
    assert empty_clone(loose) is None
    nested = committed_repository(tmp_path / "nested", branch="officer/one")
    assert sorted(p.name for p in (nested / ".git" / "refs" / "heads").iterdir()) == ["officer"]
    assert empty_clone(nested) is None
    packed = committed_repository(tmp_path / "packed")
    git(packed, "pack-refs", "--all")
    assert not any(p.is_file() for p in (packed / ".git" / "refs" / "heads").rglob("*"))
    assert empty_clone(packed) is None


def test_a_packed_tag_alone_leaves_a_clone_empty(tmp_path):
    clone = empty_repository(tmp_path / "clone")
    (clone / ".git" / "packed-refs").write_text(
        "# pack-refs with: peeled fully-peeled sorted\n" + "0" * 40 + " refs/tags/v1\n", encoding="utf-8")
    assert empty_clone(clone) == clone


def test_a_worktree_or_submodule_inside_an_empty_repository_is_no_empty_clone(tmp_path):
    outer = empty_repository(tmp_path / "outer")
    inner = outer / "inner"
    inner.mkdir()
    (inner / ".git").write_text("gitdir: ../.git/worktrees/inner\n", encoding="utf-8")
    assert empty_clone(inner) is None
    assert empty_clone(outer) == outer


def test_a_bad_setting_is_reported_at_its_line_and_the_process_is_the_workspaces_own_if_it_has_one(tmp_path, monkeypatch):
    from cspr.errors import DataError
    from cspr.storage.paths import DEFAULT_PROCESS

    monkeypatch.chdir(tmp_path)
    root = workspace_at(tmp_path / "ws")
    (root / "cspr.yaml").write_text("partnership: Testshire\nneeds_timeline_after: soon\n", encoding="utf-8")
    with pytest.raises(DataError) as refused:
        Workspace(root).config  # noqa: B018
    assert str(refused.value) == (
        "ws/cspr.yaml:2:23: 'needs_timeline_after' is a number of working days, such as 20")
    assert Workspace(root).process_path == DEFAULT_PROCESS
    (root / "process.yaml").write_text("stages: []\n", encoding="utf-8")
    assert Workspace(root).process_path == root / "process.yaml"


def test_packed_refs_that_are_not_utf8_still_show_the_branch(tmp_path):
    clone = empty_repository(tmp_path / "clone")
    (clone / ".git" / "packed-refs").write_bytes(
        b"# pack-refs with: peeled fully-peeled sorted\n" + b"0" * 40 + b" refs/heads/caf\xe9\n")
    assert empty_clone(clone) is None
