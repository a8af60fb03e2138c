"""Test helpers: a pinned environment, real git repositories and workspaces, the real CLI."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cspr.cli import cli

OFFICER = "Officer One <officer.one@example.org>"


def pin_environment(patch: pytest.MonkeyPatch, home: Path) -> None:
    """Same colour, width, identity and git config, whoever runs the tests and wherever."""
    patch.setenv("HOME", str(home))
    patch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    patch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    patch.setenv("NO_COLOR", "1")
    patch.setenv("COLUMNS", "200")
    for name in ("CSPR_WORKSPACE", "CSPR_OFFICER", "CSPR_TODAY", "FORCE_COLOR"):
        patch.delenv(name, raising=False)


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def make_repo(path: Path, name: str = "Officer One", email: str = "officer.one@example.org") -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "--quiet", "--initial-branch=main")
    git(path, "config", "user.name", name)
    git(path, "config", "user.email", email)
    git(path, "config", "commit.gpgSign", "false")
    return path


@dataclass
class Workspace:
    """A real workspace in tmp_path and a way to run the real CLI against it."""

    root: Path
    runner: CliRunner

    def run(self, *args: str, ok: bool | None = True, env: dict | None = None) -> Result:
        result = self.runner.invoke(cli, ["--workspace", str(self.root), *args], env=env, catch_exceptions=False)
        if ok is True:
            assert result.exit_code == 0, f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
        elif ok is False:
            assert result.exit_code != 0, f"expected failure\nstdout: {result.stdout}"
        return result

    def json(self, *args: str):
        import json

        return json.loads(self.run(*args, "--format", "json").stdout)

    def git(self, *args: str) -> str:
        return git(self.root, *args)

    def review_file(self, review_id: str) -> Path:
        return self.root / "reviews" / review_id / "review.yaml"


REPO = Path(__file__).resolve().parents[2]  # the checkout: cspr/, templates/, README.md
