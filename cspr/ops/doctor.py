"""`cspr doctor`: check a workspace's set-up and say what to fix, one line per check."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass

from cspr.errors import CsprError

MIN_GIT = (2, 28)  # `git init --initial-branch`, which the shared set-up uses on the server


@dataclass(frozen=True)
class Finding:
    check: str
    ok: bool
    says: str  # what was found; for a problem, also what to do


def _git_version() -> Finding:
    found = shutil.which("git")
    if found is None:
        return Finding("git", False, f"git is not on PATH ({os.environ.get('PATH', '')}); install git, "
                                     "or give cron a PATH that finds it (PATH=/usr/local/bin:/usr/bin:/bin)")
    out = subprocess.run([found, "--version"], capture_output=True, text=True).stdout.strip()
    match = re.search(r"(\d+)\.(\d+)", out)
    version = (int(match.group(1)), int(match.group(2))) if match else (0, 0)
    if version < MIN_GIT:
        return Finding("git", False, f"{out} is older than {MIN_GIT[0]}.{MIN_GIT[1]}; upgrade git")
    return Finding("git", True, f"{out} ({found})")


def _workspace(workspace_option: str | None):
    from cspr.storage.workspace import find_workspace

    workspace = find_workspace(workspace_option)
    workspace.config  # noqa: B018 - read now, so that a broken cspr.yaml is this check's problem
    return workspace


def _repository(workspace) -> Finding:
    from cspr.git.run import current_branch, head, operation_in_progress

    root = workspace.root
    unfinished = operation_in_progress(root)
    if unfinished:
        return Finding("repository", False, f"a git {unfinished} is unfinished; finish it (git {unfinished} "
                                            f"--continue) or abandon it (git {unfinished} --abort)")
    branch = current_branch(root)
    if branch is None:
        return Finding("repository", False, "not on a branch (HEAD is detached); go back with 'git checkout main'")
    if head(root) is None:
        return Finding("repository", False, f"branch {branch} has no commits; run 'cspr init' or 'cspr sync'")
    return Finding("repository", True, f"{root}, on branch {branch}")


def _identity(workspace) -> Finding:
    from cspr.git.repo import officer_for

    officer = officer_for(workspace.root, None)
    source = "CSPR_OFFICER" if os.environ.get("CSPR_OFFICER") else "git's user.name and user.email"
    return Finding("identity", True, f"changes are recorded as {officer} (from {source})")


def _remote(workspace) -> Finding:
    from cspr.git.run import current_branch, git, head, is_ancestor, ref_exists

    root, remote = workspace.root, workspace.config.remote
    if remote not in git(root, "remote").out.split():
        return Finding("remote", True, f"no git remote {remote!r}: a workspace of one (to share it, see "
                                       "'Setting up a shared workspace' in the README)")
    url = git(root, "remote", "get-url", remote).out.strip()
    # never wait at a password or host-key prompt: from cron nobody is there to answer
    env = {"GIT_SSH_COMMAND": os.environ.get("GIT_SSH_COMMAND", "ssh -o BatchMode=yes")}
    listed = git(root, "ls-remote", "--heads", remote, env=env, check=False)
    if not listed.ok:
        return Finding("remote", False, f"cannot reach {remote} ({url}): {listed.detail}; check the address "
                                        "and that this user's SSH key is accepted")
    branch = current_branch(root) or "main"
    theirs = next((line.split()[0] for line in listed.out.splitlines()
                   if line.endswith(f"refs/heads/{branch}")), None)
    mine = head(root)
    if theirs is None:
        return Finding("remote", False, f"{remote} ({url}) has no branch {branch} yet; run 'cspr sync' to send it")
    if theirs == mine:
        return Finding("remote", True, f"{remote} ({url}) reachable, in step")
    if not ref_exists(root, theirs):
        return Finding("remote", False, f"{remote} ({url}) has changes this clone has not seen; run 'cspr sync'")
    if mine and is_ancestor(root, theirs, mine):
        count = git(root, "rev-list", "--count", f"{theirs}..{mine}").out.strip()
        return Finding("remote", False, f"{count} change(s) here not yet sent to {remote}; run 'cspr sync'")
    return Finding("remote", False, f"this clone and {remote} have each moved on; run 'cspr sync'")


def _private(workspace) -> Finding:
    from cspr.git.run import git
    from cspr.storage.paths import PRIVATE_DIR

    root = workspace.root
    tracked = git(root, "ls-files", "--", PRIVATE_DIR).out.split()
    if tracked:
        return Finding("private", False, f"{', '.join(tracked)} committed to git: real names must never be "
                                         f"shared; 'git rm --cached -r {PRIVATE_DIR}', commit, and ask the "
                                         "server's administrator to purge them from the history")
    if not git(root, "check-ignore", "-q", f"{PRIVATE_DIR}/restricted-terms.txt", check=False).ok:
        return Finding("private", False, f"{PRIVATE_DIR}/ is not ignored by git; add '/{PRIVATE_DIR}/' to .gitignore")
    terms = root / PRIVATE_DIR / "restricted-terms.txt"
    if not terms.is_file():
        return Finding("private", True, f"{PRIVATE_DIR}/ ignored by git; no restricted-terms.txt here yet "
                                        "(copy it from another clone before rendering briefings)")
    return Finding("private", True, f"{PRIVATE_DIR}/ ignored by git; {PRIVATE_DIR}/restricted-terms.txt present")


def _caches(workspace) -> Finding:
    from cspr.git.run import git
    from cspr.storage.paths import STATE_DIR

    state = workspace.state_dir
    if state.exists() and not os.access(state, os.W_OK):
        return Finding("caches", False, f"{state} cannot be written: reports work, slowly; let this user write it")
    if not git(workspace.root, "check-ignore", "-q", f"{STATE_DIR}/x", check=False).ok:
        return Finding("caches", False, f"{STATE_DIR}/ is not ignored by git; add '/{STATE_DIR}/' to .gitignore")
    reviews, errors = workspace.load_all()  # through the caches, which are rebuilt when stale
    if errors:
        return Finding("caches", False, f"{len(errors)} review file(s) cannot be read, e.g. {errors[0]}; "
                                        "run 'cspr check'")
    return Finding("caches", True, f"{len(reviews)} reviews read through the caches in {STATE_DIR}/")


def _environment(workspace_option: str | None) -> Finding:
    where = "CSPR_WORKSPACE" if os.environ.get("CSPR_WORKSPACE") else ("--workspace" if workspace_option else "the current folder")
    encoding = (sys.stdout.encoding or "").lower().replace("-", "")
    if encoding and encoding != "utf8":
        return Finding("environment", False, f"output is written as {sys.stdout.encoding}; set LANG=C.UTF-8 "
                                             "(in the crontab, for cron)")
    if sys.stdin is not None and sys.stdin.isatty():
        return Finding("environment", True, f"at a terminal, workspace from {where}; run 'cspr doctor' once "
                                            "from cron too, to check cron's environment")
    return Finding("environment", True, f"no terminal (as from cron): PATH={os.environ.get('PATH', '')}, "
                                        f"workspace from {where}")


def doctor(workspace_option: str | None) -> list[Finding]:
    """Every check, in order; the checks that need a workspace are skipped without one."""
    findings = [_git_version()]
    try:
        workspace = _workspace(workspace_option)
    except CsprError as exc:
        return [*findings, Finding("workspace", False, str(exc))]
    findings.append(Finding("workspace", True, f"{workspace.root} ({workspace.config.partnership})"))
    checks: list[Callable] = [_repository, _identity, _remote, _private, _caches]
    for check in checks:
        name = check.__name__.strip("_")
        try:
            findings.append(check(workspace))
        except CsprError as exc:
            findings.append(Finding(name, False, str(exc)))
    findings.append(_environment(workspace_option))
    return findings
