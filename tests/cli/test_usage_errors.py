"""Click's own errors are bad input like any other: one line on stderr naming the option, exit 1."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.helpers.workspace import REPO


def cspr(*args: str, cwd) -> subprocess.CompletedProcess:
    """The real program in its own process, as cron or a shell runs it (this checkout's code)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "cspr", *args], cwd=cwd, capture_output=True, text=True, env=env)


def test_a_bad_option_value_is_one_line_naming_the_option(workspace):
    result = cspr("--workspace", str(workspace.root), "overdue", "--within", "99999", cwd=workspace.root)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        result.stderr.strip()] and result.stderr.startswith("cspr: error: Invalid value for '--within'")
    assert "see 'cspr overdue --help'" in result.stderr and result.stdout == ""


def test_a_missing_argument_and_an_unknown_command_are_one_line(workspace):
    missing = cspr("--workspace", str(workspace.root), "complete", cwd=workspace.root)
    assert missing.returncode == 1 and missing.stderr == "cspr: error: Missing argument 'ID'; see 'cspr complete --help'\n"
    unknown = cspr("frobnicate", cwd=workspace.root)
    assert unknown.returncode == 1 and len(unknown.stderr.splitlines()) == 1 and "frobnicate" in unknown.stderr


def test_a_group_alone_prints_its_help(workspace):
    alone = cspr(cwd=workspace.root)
    assert alone.returncode == 0 and alone.stdout.startswith("Usage: cspr") and alone.stderr == ""
    group = cspr("action", cwd=workspace.root)
    assert group.returncode == 0 and "update" in group.stdout


def test_help_is_wrapped_to_the_terminal_up_to_80_columns(workspace):
    for columns, widest in (("60", 58), ("200", 78), ("", 78), ("nonsense", 78)):
        lines = [len(line) for args in (["--help"], ["overdue", "--help"], ["action", "add", "--help"])
                 for line in workspace.run(*args, env={"COLUMNS": columns}).stdout.splitlines()
                 if not line.startswith("    cspr ")]  # examples are kept whole
        assert max(lines) == widest, columns  # long paragraphs fill the width
