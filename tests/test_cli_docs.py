"""Every command has help, and the README documents it (as sqlite-utils checks its docs)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cspr.cli import COMMANDS, cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_has_help_and_is_in_the_readme(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage: cli" in result.output or "Usage: cspr" in result.output
    body = result.output.split("\n\n", 2)
    assert len(body) > 1 and body[1].strip(), f"{name} has no help text"
    assert f"cspr {name}" in README, f"the README does not show 'cspr {name}'"


def test_root_help_lists_every_command():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert f"  {name} " in result.output
