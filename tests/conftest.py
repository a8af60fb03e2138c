"""Shared fixtures: a pinned environment, real git workspaces in tmp_path, and the real CLI.

The helpers behind them live in tests/helpers/.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from cspr.cli import cli
from tests.helpers.workspace import OFFICER, Workspace, git, make_repo, pin_environment  # noqa: F401


@pytest.fixture(autouse=True)
def pinned_environment(monkeypatch, tmp_path_factory):
    pin_environment(monkeypatch, tmp_path_factory.mktemp("home"))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def workspace(tmp_path, runner) -> Workspace:
    """`cspr init` in a fresh git repository with a local identity."""
    root = make_repo(tmp_path / "ws")
    result = runner.invoke(cli, ["init", str(root), "--partnership", "Testshire Safeguarding Partnership"])
    assert result.exit_code == 0, result.output
    return Workspace(root, runner)
