"""A workspace built once for a whole test module (for reports that read many records)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from cspr.cli import cli
from tests.helpers.workspace import Workspace, make_repo, pin_environment


@contextlib.contextmanager
def module_workspace(tmp_path_factory, name: str) -> Iterator[Workspace]:
    """`cspr init` in a fresh repository, with the same pinned environment as every test.

    The autouse fixture in conftest pins the environment per test, after module fixtures
    run, so this pins it again while the module's records are built.
    """
    with pytest.MonkeyPatch.context() as patch:
        pin_environment(patch, tmp_path_factory.mktemp("home"))
        root = make_repo(tmp_path_factory.mktemp(name) / "ws")
        runner = CliRunner()
        result = runner.invoke(cli, ["init", str(root), "--partnership", "Testshire Safeguarding Partnership"])
        assert result.exit_code == 0, result.output
        yield Workspace(root, runner)
