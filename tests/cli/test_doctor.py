"""`cspr doctor`: one line per check, what to fix, exit 1 when anything is a problem."""

from __future__ import annotations

import subprocess

from tests.helpers.workspace import OFFICER, git


def lines(result) -> dict[str, str]:
    return {line.split()[1].rstrip(":"): line for line in result.stdout.splitlines()}


def test_a_new_workspace_is_healthy(workspace):
    result = workspace.run("doctor")
    found = lines(result)
    assert set(found) == {"git", "workspace", "repository", "identity", "remote", "private", "caches", "environment"}
    assert all(line.startswith("ok ") for line in found.values()), result.stdout
    assert "on branch main" in found["repository"]
    assert "Officer One <officer.one@example.org>" in found["identity"]


def test_problems_are_named_with_what_to_fix(workspace, tmp_path):
    workspace.git("config", "--unset", "user.name")
    workspace.git("config", "--unset", "user.email")
    (workspace.root / ".gitignore").write_text("/.cspr/\n")
    workspace.git("add", "-f", "private/restricted-terms.txt", ".gitignore")
    workspace.git("-c", "user.name=Officer One", "-c", "user.email=one@example.org", "commit", "-qm", "Oops")
    workspace.git("remote", "add", "origin", str(tmp_path / "nowhere.git"))
    result = workspace.run("doctor", ok=False)
    assert result.exit_code == 1
    found = lines(result)
    assert found["identity"].startswith("problem") and "CSPR_OFFICER" in found["identity"]
    assert found["private"].startswith("problem") and "git rm --cached" in found["private"]
    assert found["remote"].startswith("problem") and "cannot reach origin" in found["remote"]
    assert found["git"].startswith("ok") and found["caches"].startswith("ok")
    assert result.stderr.strip() == "cspr: 3 problems to fix"


def test_the_remote_in_step_or_not(workspace, tmp_path, monkeypatch):
    server = tmp_path / "server.git"
    subprocess.run(["git", "init", "-q", "--bare", "--initial-branch=main", str(server)], check=True)
    workspace.git("remote", "add", "origin", str(server))
    assert "has no branch main yet" in lines(workspace.run("doctor", ok=False))["remote"]
    workspace.run("sync")
    assert lines(workspace.run("doctor"))["remote"].endswith("reachable, in step")
    monkeypatch.setenv("CSPR_TODAY", "2026-05-01")
    workspace.run("new", "Child A", "--aware", "2026-04-01", "--by", OFFICER)
    assert "1 change(s) here not yet sent to origin; run 'cspr sync'" in lines(workspace.run("doctor", ok=False))["remote"]
    assert git(workspace.root, "branch", "--show-current").strip() == "main"


def test_outside_a_workspace_it_says_so(runner, tmp_path, monkeypatch):
    from cspr.cli import cli

    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["doctor"])
    assert result.exit_code == 1
    assert lines(result)["workspace"].startswith("problem") and "cspr init" in result.stdout
