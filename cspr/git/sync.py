"""`cspr sync`: bring in the other officers' changes from the shared remote, then send ours.

The officer's commits that are not on the remote yet are replayed onto it (`rebase.py`:
history stays a straight line, every commit keeps its author and trailers), then pushed.
Nothing is ever lost: an unreachable remote or a refused push leaves the commits here for
the next sync, and a conflict leaves the clone exactly as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cspr.errors import GitError
from cspr.git.history import Entry
from cspr.git.rebase import Kept
from cspr.storage.workspace import Workspace

PUSH_ATTEMPTS = 3  # another officer may push between our fetch and our push


@dataclass
class SyncReport:
    remote: str
    branch: str
    arrived: list[Entry] = field(default_factory=list)
    sent: list[Entry] = field(default_factory=list)
    kept: list[Kept] = field(default_factory=list)


def sync(workspace: Workspace, keep: str | None = None) -> SyncReport:
    from cspr.git import history
    from cspr.git.change import workspace_lock
    from cspr.git.rebase import replay
    from cspr.git.run import current_branch, git, head, ref_exists, refuse_odd_state

    root = workspace.root
    remote = workspace.config.remote
    with workspace_lock(workspace):
        refuse_odd_state(root)
        url = remote_url(root, remote)
        branch = current_branch(root) or ""
        remote_branch = _remote_branch(root, branch, remote)
        refuse_uncommitted(root)
        env = _committer_env(root)
        report = SyncReport(remote, remote_branch)
        tracking = f"refs/remotes/{remote}/{remote_branch}"
        for _attempt in range(PUSH_ATTEMPTS):
            fetched = git(root, "fetch", "--quiet", remote, check=False)
            if not fetched.ok:
                raise GitError(
                    f"could not reach the remote {remote!r} ({url}): {fetched.detail}. Nothing has "
                    "changed here: your changes stay committed in this clone and the next 'cspr sync' sends them"
                )
            before = head(root)
            if ref_exists(root, tracking):
                report.arrived += history.read(root, f"{before}..{tracking}" if before else tracking)
                if not _contains(root, tracking):
                    report.kept += replay(root, tracking, before, remote, keep, env)
                outgoing = history.read(root, f"{tracking}..HEAD")
            else:
                outgoing = history.read(root, "HEAD")  # the remote is empty: this is the first push
            if not outgoing:
                return report
            pushed = _push(root, remote, remote_branch, branch)
            if pushed.ok:
                report.sent = outgoing
                return report
            if not _moved_on(pushed):
                raise GitError(
                    f"{remote} refused the changes ({pushed.detail}). Nothing is lost: they are committed "
                    "in this clone, with whatever arrived; the next 'cspr sync' sends them once that is fixed"
                )
        raise GitError(
            f"{remote} kept changing while this sync ran; nothing is lost: run 'cspr sync' again"
        )


def remote_url(root: Path, remote: str) -> str:
    from cspr.git.run import git

    if remote not in git(root, "remote").out.split():
        raise GitError(
            f"this workspace has no git remote {remote!r} to sync with (cspr.yaml 'remote:'); add the "
            f"business unit's shared repository with 'git remote add {remote} URL', then run 'cspr sync' again"
        )
    return git(root, "remote", "get-url", remote).out.strip()


def refuse_uncommitted(root: Path) -> None:
    from cspr.git.run import git

    changed = [line[3:] for line in git(root, "status", "--porcelain", "--untracked-files=no").out.splitlines() if line]
    if changed:
        from cspr.git.run import discard_advice

        name = changed[0].strip('"')
        more = f" (and {len(changed) - 1} more)" if len(changed) > 1 else ""
        raise GitError(
            f"{name}{more} has changes that are not committed, and sync would mix them with the other "
            f"officers' changes; {discard_advice(root, name)}, then run 'cspr sync' again"
        )


def _remote_branch(root: Path, branch: str, remote: str) -> str:
    from cspr.git.run import git

    configured_remote = git(root, "config", f"branch.{branch}.remote", check=False).out.strip()
    merge = git(root, "config", f"branch.{branch}.merge", check=False).out.strip()
    if configured_remote == remote and merge.startswith("refs/heads/"):
        return merge.removeprefix("refs/heads/")
    return branch


def _committer_env(root: Path) -> dict[str, str]:
    """Rebased commits keep their authors; the officer syncing is their committer."""
    from cspr.errors import CsprError
    from cspr.git.repo import officer_for

    try:
        officer = officer_for(root, None)
    except CsprError:
        return {}  # git's own identity rules apply (and git says if there is none)
    return {"GIT_COMMITTER_NAME": officer.name, "GIT_COMMITTER_EMAIL": officer.email}


def _contains(root: Path, ref: str) -> bool:
    from cspr.git.run import is_ancestor

    return is_ancestor(root, ref, "HEAD")


def _push(root: Path, remote: str, remote_branch: str, branch: str):
    from cspr.git.run import git

    has_upstream = git(root, "config", f"branch.{branch}.remote", check=False).ok
    args = ["push", "--porcelain", *([] if has_upstream else ["--set-upstream"]), remote, f"HEAD:refs/heads/{remote_branch}"]
    return git(root, *args, check=False)


def _moved_on(pushed) -> bool:
    """A push refused only because someone pushed first: fetch, rebase and try again."""
    text = pushed.out + pushed.err
    if "[rejected]" in text and ("fetch first" in text or "non-fast-forward" in text):
        return True
    # The remote's branch moved while this push was being received.
    return "cannot lock ref" in text and "but expected" in text


def fill_empty_clone(root: Path, remote: str = "origin") -> str:
    """In a clone made while the shared repository was still empty: fetch, and check out the
    workspace if the first officer has sent it since. Says what happened either way."""
    from cspr.git.repo import BRANCH
    from cspr.git.run import git

    url = remote_url(root, remote)
    fetched = git(root, "fetch", "--quiet", remote, check=False)
    if not fetched.ok:
        raise GitError(f"could not reach the remote {remote!r} ({url}): {fetched.detail}")
    branches = [line.split("refs/remotes/" + remote + "/", 1)[1] for line in
                git(root, "for-each-ref", "--format=%(refname)", f"refs/remotes/{remote}/").out.split()
                if not line.endswith("/HEAD")]
    if BRANCH not in branches:
        if branches:
            raise GitError(
                f"{remote} has no branch {BRANCH!r} (it has {', '.join(branches)}): the workspace was sent "
                f"from a branch of another name; the first officer can send it as {BRANCH} with "
                f"'git push {remote} HEAD:{BRANCH}', then run 'cspr sync' here again"
            )
        raise GitError(
            f"this clone has no commits, and nor has {remote} ({url}) yet: the first officer has not sent "
            "the workspace. Ask them to run 'cspr sync' in theirs, then run 'cspr sync' here again"
        )
    git(root, "checkout", "--quiet", "-B", BRANCH, "--track", f"{remote}/{BRANCH}")
    count = git(root, "rev-list", "--count", "HEAD").out.strip()
    return f"This clone was empty; the workspace arrived from {remote}: {count} change{'s' if count != '1' else ''}."
