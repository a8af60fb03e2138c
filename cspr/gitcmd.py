"""Running git where the exit status is part of the answer (fetch, rebase, push, revert).

`gitrepo._run` turns every failure into a GitError, which suits a commit. History and sync
need to look at a failure first (a conflict, a rejected push, an unreachable remote) and
decide what to tell the officer, so they run git through here.
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
    """Run `git args` in the workspace; with `check`, a failure is a GitError naming the command."""
    from cspr.gitrepo import _repo

    repo = _repo(root)
    status, out, err = repo.git.execute(
        ["git", *args], with_extended_output=True, with_exceptions=False,
        env={**QUIET_ENV, **(env or {})}, strip_newline_in_stdout=False,
    )
    outcome = Outcome(int(status), out or "", err or "")
    if check and not outcome.ok:
        raise GitError(f"git {args[0]} failed: {outcome.detail}")
    return outcome


def git_dir(root: Path) -> Path:
    out = git(root, "rev-parse", "--absolute-git-dir").out.strip()
    return Path(out)


def operation_in_progress(root: Path) -> str | None:
    """A rebase, merge, revert or cherry-pick left unfinished in this clone, if any."""
    folder = git_dir(root)
    for marker, name in (("rebase-merge", "rebase"), ("rebase-apply", "rebase"), ("MERGE_HEAD", "merge"),
                         ("REVERT_HEAD", "revert"), ("CHERRY_PICK_HEAD", "cherry-pick")):
        if (folder / marker).exists():
            return name
    return None


def refuse_unfinished(root: Path) -> None:
    name = operation_in_progress(root)
    if name:
        raise GitError(
            f"a git {name} is unfinished in {root}; finish it (git {name} --continue) or "
            f"abandon it (git {name} --abort), then run the command again"
        )


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
