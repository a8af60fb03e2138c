"""Shell completion from the workspace, and output piped into a reader that quits early."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.helpers.workspace import OFFICER


def cspr(args: list[str], workspace, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cspr", *args], capture_output=True, text=True,
                          cwd=workspace.root, env={**os.environ, **env})


def complete(workspace, words: str) -> list[str]:
    """What the shell would offer after `words` (bash's protocol: 'type,value' lines)."""
    parts = words.split(" ")
    done = cspr([], workspace, COMP_WORDS=words, COMP_CWORD=str(len(parts) - 1), _CSPR_COMPLETE="bash_complete")
    assert done.returncode == 0, done.stderr
    return [line.split(",", 1)[1] for line in done.stdout.splitlines()]


@pytest.fixture
def reviews(workspace, monkeypatch):
    monkeypatch.setenv("CSPR_TODAY", "2026-05-01")
    workspace.run("new", "Child A", "--aware", "2026-04-01", "--agency", "Police", "--agency", "Health",
                  "--by", OFFICER)
    workspace.run("new", "Baby B", "--aware", "2026-04-01", "--by", OFFICER)
    workspace.run("complete", "2026-child-a", "notification", "--on", "2026-04-02", "--by", OFFICER)
    workspace.run("complete", "2026-child-a", "rapid-review", "--on", "2026-04-20", "--by", OFFICER)
    workspace.run("decide", "2026-child-a", "national", "--on", "2026-04-21", "--by", OFFICER)
    workspace.run("recommend", "2026-child-a", "Share records of missed appointments.", "--by", OFFICER)
    workspace.run("action", "add", "2026-child-a", "R1", "--agency", "Police", "--due", "2026-09-30",
                  "Train response officers.", "--by", OFFICER)
    return workspace


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_prints_the_script(workspace, shell):
    done = cspr(["completion", shell], workspace)
    assert done.returncode == 0
    assert "_CSPR_COMPLETE" in done.stdout and f"{shell}_complete" in done.stdout


def test_review_ids_stage_keys_agencies_and_actions_complete(reviews):
    assert complete(reviews, "cspr show ") == ["2026-baby-b", "2026-child-a"]
    assert complete(reviews, "cspr show 2026-c") == ["2026-child-a"]
    assert complete(reviews, "cspr show baby") == ["2026-baby-b"]
    # only the stages of the national track, which Child A is on
    stages = complete(reviews, "cspr complete 2026-child-a ")
    assert "national-review" in stages and "published" not in stages and "tor-agreed" not in stages
    assert complete(reviews, "cspr plan child-a national-p") == ["national-published"]
    agencies = complete(reviews, "cspr complete 2026-child-a national-review --agency ")
    assert agencies[:2] == ["Police", "Health"], agencies
    assert complete(reviews, "cspr action update 2026-child-a ") == ["R1.1"]


def test_piping_into_head_ends_quietly(reviews):
    for number in range(60):  # enough output that the pipe fills and head quits mid-way
        reviews.run("new", f"Child {number:03d}", "--aware", "2026-04-01", "--by", OFFICER)
    for args in (["overdue", "--as-of", "2026-05-01"], ["overdue", "--format", "json"], ["log"]):
        pipeline = subprocess.run(
            f"{sys.executable} -m cspr {' '.join(args)} | head -n 1; exit ${{PIPESTATUS[0]}}",
            shell=True, executable="/bin/bash", capture_output=True, text=True, cwd=reviews.root,
        )
        assert pipeline.returncode == 0, pipeline.stderr
        assert pipeline.stderr == "", pipeline.stderr
        assert len(pipeline.stdout.splitlines()) == 1
