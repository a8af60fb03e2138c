"""Every command has help with an example, and the manual in docs/ documents it (as sqlite-utils checks its docs)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from cspr.cli import COMMANDS, cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
PAGES = sorted((ROOT / "docs").glob("*.md"))
MANUAL = "\n".join(page.read_text(encoding="utf-8") for page in PAGES)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_has_help_and_is_in_the_manual(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage: cli" in result.output or "Usage: cspr" in result.output
    body = result.output.split("\n\n", 2)
    assert len(body) > 1 and body[1].strip(), f"{name} has no help text"
    assert re.search(rf"Example:\s+cspr {name}\b", result.output), f"'cspr {name} --help' shows no example"
    assert f"cspr {name}" in MANUAL, f"no page under docs/ shows 'cspr {name}'"


@pytest.mark.parametrize("sub", ["add", "update"])
def test_subcommands_have_an_example_too(sub):
    result = CliRunner().invoke(cli, ["action", sub, "--help"])
    assert re.search(rf"Example:\s+cspr action {sub}\b", result.output)


def test_the_readme_links_every_page_of_the_manual():
    assert PAGES, "the manual is in docs/"
    for page in PAGES:
        assert f"(docs/{page.name})" in README, f"the README does not link docs/{page.name}"


def test_links_between_pages_lead_somewhere():
    for page in [ROOT / "README.md", *PAGES]:
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            assert (page.parent / target).exists(), f"{page.name} links {target}, which is not there"


def test_root_help_lists_every_command():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert f"  {name} " in result.output
