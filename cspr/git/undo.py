"""`cspr undo`: reverse an officer's most recent cspr change with a new commit.

History is never rewritten: the undo is a commit of its own (`Cspr-Action: undo`) that says
which commit it reverses, made with `git revert` so only that change is taken back.

Which change: the officer's most recent cspr commit that is not itself an undo and has not
been undone already, so running `cspr undo` twice takes back the last two changes. `init` is
never undone (it would remove the workspace).

When it is refused:
- the files it touched have uncommitted edits (the undo would mix with them);
- the change has been shared (it is on the remote-tracking branch, as of the last sync) and
  someone else has since changed the same files, on the remote or here: they built on it, so
  taking it back would pull the ground from under their change. Record the correction with a
  new cspr command instead (for example `cspr complete ID STAGE --amend`).
- git cannot reverse it cleanly because later changes touch the same lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cspr.errors import GitError, StateError
from cspr.git.history import HAND_EDIT, UNDO, Entry
from cspr.model.officer import Officer
from cspr.storage.workspace import Workspace

NEVER_UNDONE = {"init", HAND_EDIT, UNDO}


@dataclass(frozen=True)
class Undone:
    undone: Entry
    commit: str


def undo_summary(target: Entry) -> str:
    return f'undo "{target.summary}"'


def _review_of(target: Entry) -> str | None:
    """The review an undo names: none when the change touched several (an import), so the
    undo, like the change, is in the trail of each of them."""
    from cspr.git.history import reviews_touched

    return target.review if len(reviews_touched(target.files)) <= 1 else None


def same_officer(entry: Entry, officer: Officer) -> bool:
    return entry.email.casefold() == officer.email.casefold()


def last_change(trail: list[Entry], officer: Officer) -> Entry | None:
    """The officer's most recent cspr change still standing (trail newest first)."""
    undone = {e.reverts for e in trail if e.reverts}
    # A sync may have rebased both the change and its undo: then match by author and date.
    undone_by_author = {(e.undoes[0].casefold(), e.undoes[1], e.summary) for e in trail if e.undoes}
    for entry in trail:
        if entry.action in NEVER_UNDONE or entry.commit in undone:
            continue
        if (entry.email.casefold(), entry.when.isoformat(), undo_summary(entry)) in undone_by_author:
            continue
        if same_officer(entry, officer):
            return entry
    return None


def tracking_ref(workspace: Workspace) -> str | None:
    """The remote-tracking branch this clone syncs with, if it has one yet."""
    from cspr.git.run import current_branch, git, ref_exists

    upstream = git(workspace.root, "rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}", check=False)
    if upstream.ok and upstream.out.strip():
        return upstream.out.strip()
    branch = current_branch(workspace.root)
    if branch is None:
        return None
    candidate = f"{workspace.config.remote}/{branch}"
    return candidate if ref_exists(workspace.root, candidate) else None


def refuse_if_built_on(workspace: Workspace, target: Entry, officer: Officer) -> None:
    from cspr.git import history
    from cspr.git.run import is_ancestor

    shared_on = tracking_ref(workspace)
    if shared_on is None or not is_ancestor(workspace.root, target.commit, shared_on):
        return  # only in this clone: nobody else can have built on it
    later = history.read(workspace.root, f"^{target.commit}", "HEAD", shared_on, paths=target.files)
    others = [e for e in later if not same_officer(e, officer)]
    if others:
        other = others[-1]  # the first to build on it
        raise StateError(
            f"cannot undo {target.short} ({_what(target)}): it has been shared (it is on {shared_on}) "
            f"and {other.officer} has changed the same review since ({other.short}: {other.summary}); "
            f"record the correction instead: {correction_for(target)}"
        )


# What to run instead of undoing a change that cannot be undone: only commands that correct
# what that kind of change recorded.
_CORRECTIONS = {
    "new": "'cspr delete {id} --reason TEXT' (or 'cspr rename {id} NEW-ID', 'cspr set {id} FIELD VALUE')",
    "complete": "'cspr complete {id} STAGE --amend --on DATE' or 'cspr uncomplete {id} STAGE --reason TEXT'",
    "uncomplete": "'cspr complete {id} STAGE'",
    "skip": "'cspr uncomplete {id} STAGE --reason TEXT'",
    "decide": "'cspr decide {id} TRACK --change --reason TEXT'",
    "plan": "'cspr plan {id} STAGE DATE' with the right date",
    "hold": "'cspr resume {id} --on DATE', or 'cspr edit {id}' for a hold recorded in error",
    "resume": "'cspr edit {id}' to correct the hold's dates",
    "set": "'cspr set {id} FIELD VALUE --reason TEXT'",
    "agency add": "'cspr agency remove {id} NAME'",
    "agency remove": "'cspr agency add {id} NAME'",
    "theme add": "'cspr theme remove {id} THEME'",
    "theme remove": "'cspr theme add {id} THEME'",
    "recommend": "'cspr recommend edit {id} REC TEXT' or 'cspr recommend remove {id} REC --reason TEXT'",
    "recommend edit": "'cspr recommend edit {id} REC TEXT'",
    "recommend remove": "'cspr recommend add {id} TEXT --id REC'",
    "action add": "'cspr action update {id} ACTION --due DATE --reason TEXT' (or --agency, --text)",
    "action update": "a later 'cspr action update {id} ACTION ...'",
    "close": "'cspr reopen {id}'",
    "reopen": "'cspr close {id} --reason TEXT'",
    "rename": "'cspr rename {id} OLD-ID'",
}


def correction_for(entry: Entry) -> str:
    """The commands that correct what `entry` recorded, for a refusal to undo it."""
    if entry.review is None:
        return "a new cspr command"
    advice = _CORRECTIONS.get(entry.action, "'cspr edit {id}' (the file, checked and committed as you)")
    return advice.format(id=entry.review)


def _what(entry: Entry) -> str:
    return f"{entry.review}: {entry.summary}" if entry.review else entry.summary


def undo_last(workspace: Workspace, officer: Officer) -> Undone:
    from cspr.git import history
    from cspr.git import repo as gitrepo
    from cspr.git.change import workspace_lock
    from cspr.git.run import discard_advice, git, refuse_odd_state

    root = workspace.root
    with workspace_lock(workspace):
        refuse_odd_state(root)
        target = last_change(history.read(root), officer)
        if target is None:
            raise StateError(f"nothing to undo: no cspr change by {officer} in this workspace's history")
        paths = [root / name for name in target.files]
        dirty = gitrepo.uncommitted(root, paths)
        if dirty:
            name = Path(dirty[0]).relative_to(root)
            raise GitError(
                f"cannot undo {target.short} ({_what(target)}): {name} has changes that are not "
                f"committed; {discard_advice(root, str(name))} first"
            )
        refuse_if_built_on(workspace, target, officer)

        reverted = git(root, "revert", "--no-commit", target.commit, check=False)
        if not reverted.ok:
            git(root, "revert", "--abort", check=False)
            raise StateError(
                f"cannot undo {target.short} ({_what(target)}): later changes to the same lines are in "
                f"the way; record the correction instead: {correction_for(target)}"
            )
        if git(root, "diff", "--cached", "--quiet", "--", *target.files, check=False).ok:
            git(root, "revert", "--abort", check=False)
            raise StateError(
                f"nothing to undo in {target.short} ({_what(target)}): its files are already as they "
                "were before it (a later change put them back)"
            )
        summary = undo_summary(target)
        body = (f"This reverts commit {target.commit}.\n"
                f"Undone: {target.action} by {target.officer} <{target.email}> on {target.when.isoformat()}.")
        env = {
            "GIT_AUTHOR_NAME": officer.name, "GIT_AUTHOR_EMAIL": officer.email,
            "GIT_COMMITTER_NAME": officer.name, "GIT_COMMITTER_EMAIL": officer.email,
        }
        committed = git(root, "commit", "--quiet", "--no-verify", "-m",
                        gitrepo.message(_review_of(target), summary, UNDO, body), "--", *target.files,
                        env=env, check=False)
        if not committed.ok:
            # Put the files back as they were (they were clean: checked above).
            git(root, "revert", "--quit", check=False)
            git(root, "reset", "--quiet", "--", *target.files, check=False)
            git(root, "checkout", "HEAD", "--", *target.files, check=False)
            raise GitError(f"cannot undo {target.short}: git commit failed: {committed.detail}")
        git(root, "revert", "--quit", check=False)  # forget any sequencer state the revert left
        return Undone(target, git(root, "rev-parse", "HEAD").out.strip())
