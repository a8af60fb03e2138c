"""Talking to git: every git command cspr runs goes through `git()`, which runs it through
GitPython's `git.Git` (the design card's library, imported only when a command needs git).

With `check` a failure is a GitError, which suits a commit; history and sync look at a failure
first (a conflict, a rejected push, an unreachable remote) and decide what to tell the officer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cspr.errors import GitError

# Never wait at a password prompt: sync runs from cron with nobody to answer it.
QUIET_ENV = {"GIT_TERMINAL_PROMPT": "0", "GIT_EDITOR": "true", "GIT_MERGE_AUTOEDIT": "no"}


@dataclass(frozen=True)
class Outcome:
    status: int
    out: str
    err: str

    @property
    def ok(self) -> bool:
        return self.status == 0

    @property
    def detail(self) -> str:
        """Git's own explanation, on one line, for an error message."""
        text = (self.err or self.out).strip()
        lines = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("hint:")]
        return " ".join(lines)


def git(root: Path, *args: str, env: dict[str, str] | None = None, check: bool = True) -> Outcome:
    """Run `git args` in the workspace; with `check`, a failure is a GitError naming the command.

    Output is kept exactly as git wrote it (GitPython would strip the last newline), and git
    never reads from the terminal: stdin is closed and prompts are off (QUIET_ENV).
    """
    import git as gitpython  # about 90 ms: only commands that touch the history pay for it

    try:
        status, out, err = gitpython.Git(root).execute(
            ["git", *args], with_extended_output=True, with_exceptions=False,
            strip_newline_in_stdout=False, env={**QUIET_ENV, **(env or {})},
        )
    except gitpython.GitCommandNotFound:
        raise GitError("git is not installed (or not on PATH); install it and run the command again") from None
    outcome = Outcome(status, out or "", err or "")
    if not outcome.ok and "not a git repository" in outcome.err:
        raise GitError(f"{root} is not in a git repository; make it one with 'git init' in {root}, "
                       "then run the command again")
    if check and not outcome.ok:
        raise GitError(f"git {args[0]} failed: {outcome.detail}")
    return outcome


def git_dir(root: Path) -> Path:
    out = git(root, "rev-parse", "--absolute-git-dir").out.strip()
    return Path(out)


def operation_in_progress(root: Path, folder: Path | None = None) -> str | None:
    """A rebase, merge, revert or cherry-pick left unfinished in this clone, if any."""
    folder = folder or git_dir(root)
    for marker, name in (("rebase-merge", "rebase"), ("rebase-apply", "rebase"), ("MERGE_HEAD", "merge"),
                         ("REVERT_HEAD", "revert"), ("CHERRY_PICK_HEAD", "cherry-pick")):
        if (folder / marker).exists():
            return name
    return None


def refuse_unfinished(root: Path, folder: Path | None = None) -> None:
    name = operation_in_progress(root, folder)
    if name:
        raise GitError(
            f"a git {name} is unfinished in {root}; finish it (git {name} --continue) or "
            f"abandon it (git {name} --abort), then run the command again"
        )


def refuse_odd_state(root: Path) -> None:
    """Refuse to commit where git could throw the commit away: an unfinished rebase, merge,
    revert or cherry-pick (its --abort discards it) or a detached HEAD (no branch keeps it)."""
    folder = git_dir(root)
    refuse_unfinished(root, folder)
    try:  # HEAD names a branch ("ref: refs/heads/main"), or holds a commit id when detached
        on_branch = (folder / "HEAD").read_text(encoding="utf-8").startswith("ref:")
    except OSError:
        on_branch = current_branch(root) is not None
    if not on_branch:
        raise GitError(
            f"this clone is not on a branch (HEAD is detached) in {root}, so a commit made now would be "
            "lost; go back to your branch with 'git switch main' ('git branch' lists them), then run "
            "the command again"
        )


def discard_advice(root: Path, name: str) -> str:
    """How to commit or throw away the uncommitted changes to one file, staged or not."""
    status = git(root, "status", "--porcelain", "--", name, check=False).out[:2]
    if status == "??":
        return f"commit it yourself (git add {name} && git commit) or remove it (rm {name})"
    return (f"commit them yourself (git commit {name}) or discard them "
            f"(git restore --staged --worktree {name})")


def head(root: Path) -> str | None:
    outcome = git(root, "rev-parse", "--verify", "--quiet", "HEAD", check=False)
    return outcome.out.strip() if outcome.ok else None


def current_branch(root: Path) -> str | None:
    outcome = git(root, "symbolic-ref", "--quiet", "--short", "HEAD", check=False)
    return outcome.out.strip() if outcome.ok else None


def ref_exists(root: Path, ref: str) -> bool:
    return git(root, "rev-parse", "--verify", "--quiet", ref, check=False).ok


def is_ancestor(root: Path, commit: str, of: str) -> bool:
    return git(root, "merge-base", "--is-ancestor", commit, of, check=False).ok
