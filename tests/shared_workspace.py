"""A workspace built once for a whole test module (for reports that read many records)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from cspr.cli import cli
from tests.conftest import Workspace, make_repo


@contextlib.contextmanager
def module_workspace(tmp_path_factory, name: str) -> Iterator[Workspace]:
    """`cspr init` in a fresh repository, with the same pinned environment as every test.

    The autouse fixture in conftest pins the environment per test, after module fixtures
    run, so this pins it again while the module's records are built.
    """
    with pytest.MonkeyPatch.context() as patch:
        home = tmp_path_factory.mktemp("home")
        patch.setenv("HOME", str(home))
        patch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
        patch.setenv("GIT_CONFIG_NOSYSTEM", "1")
        patch.setenv("NO_COLOR", "1")
        patch.setenv("COLUMNS", "200")
        for variable in ("CSPR_WORKSPACE", "CSPR_OFFICER", "CSPR_TODAY", "FORCE_COLOR"):
            patch.delenv(variable, raising=False)
        root = make_repo(tmp_path_factory.mktemp(name) / "ws")
        runner = CliRunner()
        result = runner.invoke(cli, ["init", str(root), "--partnership", "Testshire Safeguarding Partnership"])
        assert result.exit_code == 0, result.output
        yield Workspace(root, runner)
