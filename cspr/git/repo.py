"""Git, the audit trail: one commit per change, authored by the officer who made it.

Every step of a change (the hand-edit check, the commit, the officer's identity) goes through
`cspr.git.run.git`, and so through GitPython; `init` uses `git.Repo` to find the repository a
new workspace belongs to, or make one.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from cspr.errors import GitError
from cspr.git.run import git
from cspr.model.officer import HOW_TO_SET, Officer, parse_officer


def officer_for(root: Path, by: str | None) -> Officer:
    """The officer making this change: --by, else CSPR_OFFICER, else git's identity."""
    if by:
        return parse_officer(by, "--by")
    env_value = os.environ.get("CSPR_OFFICER")
    if env_value:
        return parse_officer(env_value, "CSPR_OFFICER")
    out = git(root, "config", "--get-regexp", r"^user\.(name|email)$", check=False).out
    found = dict(line.partition(" ")[::2] for line in out.splitlines())  # the last value wins
    name, email = found.get("user.name", "").strip(), found.get("user.email", "").strip()
    if name and email:
        return Officer(str(name), str(email))
    raise GitError(f"no officer identity: {HOW_TO_SET}")


def uncommitted(root: Path, paths: Sequence[Path]) -> list[Path]:
    """Which of `paths` have changes git has not committed (hand edits)."""
    names = [os.path.relpath(p, root) for p in paths]
    out = git(root, "status", "--porcelain", "--untracked-files=all", "--", *names).out
    changed = []
    for line in out.splitlines():
        name = line[3:].strip().strip('"')
        if " -> " in name:
            name = name.split(" -> ", 1)[1]
        changed.append(Path(root) / name)
    return changed


def tracked_files(root: Path) -> list[Path]:
    """Every file git tracks in the workspace's folder (and below it)."""
    out = git(root, "ls-files", "-z", "--full-name", "--", ".").out
    top = Path(git(root, "rev-parse", "--show-toplevel").out.strip())
    return [top / name for name in out.split("\0") if name]


def commit(root: Path, paths: Sequence[Path], message: str, officer: Officer) -> str:
    """Commit exactly `paths` (and nothing else staged) as the officer; return the commit id."""
    names = [os.path.relpath(p, root) for p in paths]
    env = {
        "GIT_AUTHOR_NAME": officer.name,
        "GIT_AUTHOR_EMAIL": officer.email,
        "GIT_COMMITTER_NAME": officer.name,
        "GIT_COMMITTER_EMAIL": officer.email,
    }
    present = [name for name, path in zip(names, paths, strict=True) if Path(root, path).exists()]
    gone = [name for name in names if name not in present]  # a folder moved or removed
    if present:
        git(root, "add", "--all", "--", *present)
    if gone:
        git(root, "rm", "-r", "-q", "--cached", "--ignore-unmatch", "--", *gone)
    # With a path list, git commits "only" those paths: it builds a second index from HEAD and
    # hashes every folder's tree again, 0.2 s over 10,000 reviews. When nothing else is staged
    # (the usual case) the plain commit is the same commit, and reuses the index's trees.
    # git names staged files from the top of the repository, which may be above the workspace
    prefix = git(root, "rev-parse", "--show-prefix").out.rstrip("\n")
    staged = git(root, "diff", "--cached", "--name-only", "--no-renames", "-z").out.split("\0")
    ours = [prefix + name.replace(os.sep, "/") for name in names]
    only = [] if all(_within(name, ours) for name in staged if name) else ["--", *names]
    try:
        git(root, "commit", "--quiet", "--no-verify", "-m", message, *only, env=env)
    except GitError:
        if git(root, "rev-parse", "--verify", "--quiet", "HEAD", check=False).ok:
            git(root, "reset", "--quiet", "--", *names)
        raise
    return git(root, "rev-parse", "HEAD").out.strip()


def _within(staged: str, names: Sequence[str]) -> bool:
    """Whether a staged path is one of `names`, or inside one of them (a review's folder)."""
    return any(staged == name or staged.startswith(name.rstrip("/") + "/") for name in names)


BRANCH = "main"  # the branch a new workspace starts on, whatever git's own default


def init(root: Path) -> bool:
    """`git init` on branch main, unless the folder is already inside a repository; True when
    it made one."""
    import git as gitpython

    try:
        gitpython.Repo(root, search_parent_directories=True)
    except gitpython.InvalidGitRepositoryError:
        gitpython.Repo.init(root)
        # not --initial-branch: git before 2.28 lacks it, and an unborn HEAD may simply be moved
        git(root, "symbolic-ref", "HEAD", f"refs/heads/{BRANCH}")
        return True
    return False


def message(review_id: str | None, summary: str, action: str, body: str | None = None) -> str:
    """The commit message: '<id>: <what happened>', an optional body, then the trailers.

    The trailers (`Review:`, `Cspr-Action:`) are what `cspr log` and scripts read.
    """
    trailers = f"Cspr-Action: {action}"
    if review_id is None:
        parts = [summary]
    else:
        parts = [f"{review_id}: {summary}"]
        trailers = f"Review: {review_id}\n{trailers}"
    if body:
        parts.append(body)
    parts.append(trailers)
    return "\n\n".join(parts) + "\n"
