"""Test helpers for shared working: a bare repository as the remote and one clone per officer."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from cspr.cli import cli
from tests.helpers.workspace import Workspace, git, make_repo

OFFICERS = {
    "one": ("Officer One", "officer.one@example.org"),
    "two": ("Officer Two", "officer.two@example.org"),
    "three": ("Officer Three", "officer.three@example.org"),
}


def identify(path: Path, who: str) -> None:
    name, email = OFFICERS[who]
    git(path, "config", "user.name", name)
    git(path, "config", "user.email", email)
    git(path, "config", "commit.gpgSign", "false")


def clone(bare: Path, path: Path, who: str, runner: CliRunner) -> Workspace:
    git(bare.parent, "clone", "--quiet", str(bare), str(path))
    identify(path, who)
    return Workspace(path, runner)


@dataclass
class Unit:
    """A business unit: the shared bare repository and each officer's clone."""

    remote: Path
    one: Workspace
    two: Workspace
    three: Workspace

    def remote_head(self) -> str:
        return git(self.remote, "rev-parse", "main").strip()


def business_unit(tmp_path: Path, runner: CliRunner, review: bool = True) -> Unit:
    """Officer One makes the workspace (and review 2026-child-a) and syncs; the others clone it."""
    remote = tmp_path / "shared.git"
    git(tmp_path, "init", "--quiet", "--bare", "--initial-branch=main", str(remote))
    root = make_repo(tmp_path / "one")
    result = runner.invoke(cli, ["init", str(root), "--partnership", "Testshire Safeguarding Partnership"])
    assert result.exit_code == 0, result.output
    one = Workspace(root, runner)
    one.git("remote", "add", "origin", str(remote))
    if review:
        one.run("new", "Child A", "--aware", "2026-04-01")
    one.run("sync")
    return Unit(remote, one, clone(remote, tmp_path / "two", "two", runner),
                clone(remote, tmp_path / "three", "three", runner))


def snapshot(workspace: Workspace) -> dict[str, object]:
    """HEAD, the branch, git's status and every tracked file's bytes: 'the workspace as it was'."""
    files = {name: (workspace.root / name).read_bytes()
             for name in workspace.git("ls-files").splitlines() if (workspace.root / name).is_file()}
    return {
        "head": workspace.git("rev-parse", "HEAD").strip(),
        "branch": workspace.git("symbolic-ref", "HEAD").strip(),
        "status": workspace.git("status", "--porcelain"),
        "files": files,
    }
