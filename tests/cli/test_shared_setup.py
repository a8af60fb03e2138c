"""The README's shared set-up, followed word for word by three officers on a machine with no
git identity: a bare repository, the first officer sending the workspace, two others cloning."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.workspace import REPO

SERVER_URL = "ssh://cspr@git.northbrook.example/srv/git/northbrook-cspr.git"
SERVER_PATH = "/srv/git/northbrook-cspr.git"


def readme_setup() -> dict[str, str]:
    """The README's set-up commands, by the comment that opens each part."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Setting up a shared workspace", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    parts: dict[str, str] = {}
    heading = None
    for line in block.splitlines():
        if line.startswith("# "):
            heading = line[2:]
            parts[heading] = ""
        elif heading and line.strip():
            parts[heading] += line + "\n"
    return parts


@pytest.fixture
def machine(tmp_path):
    """A `cspr` on PATH, a server folder, and a home per officer with no git identity."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "cspr").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m cspr "$@"\n')
    (bin_dir / "cspr").chmod(0o755)
    server = tmp_path / "server" / "northbrook-cspr.git"
    server.parent.mkdir()
    return tmp_path, bin_dir, server


def officer(machine, name: str, script: str) -> subprocess.CompletedProcess:
    tmp_path, bin_dir, server = machine
    home = tmp_path / name
    home.mkdir(exist_ok=True)
    (home / ".gitconfig").touch()  # a global git config with no identity in it
    script = script.replace(SERVER_URL, f"file://{server}").replace(SERVER_PATH, str(server))
    env = {
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "HOME": str(home),
        "GIT_CONFIG_GLOBAL": str(home / ".gitconfig"), "GIT_CONFIG_NOSYSTEM": "1", "NO_COLOR": "1",
        "PYTHONPATH": str(REPO), "CSPR_TODAY": "2026-05-01",
    }
    return subprocess.run(["bash", "-e", "-c", script], capture_output=True, text=True, env=env, cwd=home)


def test_the_readme_set_up_works_word_for_word_for_three_officers(machine):
    parts = readme_setup()
    server_part, first_part, other_part = (parts[k] for k in parts)
    assert "git init --bare" in server_part and "cspr init" in first_part and "git clone" in other_part

    done = officer(machine, "server", server_part)
    assert done.returncode == 0, done.stderr
    done = officer(machine, "one", first_part)
    assert done.returncode == 0, done.stderr
    assert "Sent to origin" in done.stdout
    done = officer(machine, "two", other_part)
    assert done.returncode == 0, done.stderr
    third = other_part.replace("Officer Two", "Officer Three").replace("officer.two", "officer.three")
    done = officer(machine, "three", third)
    assert done.returncode == 0, done.stderr

    tmp_path = machine[0]
    for name in ("one", "two", "three"):
        clone = tmp_path / name / "cspr-work"
        assert (clone / "cspr.yaml").is_file(), f"officer {name}'s clone is empty"
        branch = subprocess.run(["git", "branch", "--show-current"], cwd=clone, capture_output=True, text=True)
        assert branch.stdout.strip() == "main"

    # and they work together: officer two records a review, officer three receives it
    done = officer(machine, "two", 'cd ~/cspr-work && cspr new "Child A" --aware 2026-04-01 && cspr sync')
    assert done.returncode == 0, done.stderr
    done = officer(machine, "three", "cd ~/cspr-work && cspr sync && cspr show child-a --format json")
    assert done.returncode == 0, done.stderr
    assert "Arrived from origin: 1 change: 2026-child-a (Officer Two)" in done.stdout
    assert '"id": "2026-child-a"' in done.stdout


def test_a_clone_made_before_the_workspace_was_sent_says_so_then_catches_up(machine):
    parts = list(readme_setup().values())
    assert officer(machine, "server", parts[0]).returncode == 0
    early = officer(machine, "two", parts[2])
    assert early.returncode == 1
    said = early.stderr.splitlines()[-1]  # after git clone's own warning about an empty repository
    assert said.startswith("cspr: error: this clone has no commits, and nor has origin")
    assert "Ask them to run 'cspr sync'" in said and "Traceback" not in early.stderr
    show = officer(machine, "two", "cd ~/cspr-work && cspr list")
    assert "is a git clone with no commits yet" in show.stderr and show.returncode == 1

    assert officer(machine, "one", parts[1]).returncode == 0
    caught_up = officer(machine, "two", "cd ~/cspr-work && cspr sync && cspr list")
    assert caught_up.returncode == 0, caught_up.stderr
    assert "This clone was empty; the workspace arrived from origin: 1 change." in caught_up.stdout
    assert Path(machine[0] / "two" / "cspr-work" / "cspr.yaml").is_file()
