"""Replaying the officer's unsent commits onto the remote's, for `cspr sync`.

Git merges line by line. Where its lines clash inside a YAML file, the three versions are
merged field by field instead (`review_merge`), so changes to different fields of one
review never stop a sync. What is left is a real conflict: both sides set the same field
differently, both created the same review, or one removed a file the other changed.

A real conflict is never settled silently. Without `keep` the rebase is abandoned (`git rebase
--abort` puts HEAD, the index and every file back), and a SyncConflict names the review, the
fields, and the two commits. With `keep` ("theirs" or "mine") each conflicting field is
settled for that side and every other change from both sides is kept. No commit is dropped:
with "theirs" the officer's commit is replayed as made and a further commit puts the other
side's values back, so the trail shows both changes and how they were settled.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from cspr.errors import GitError
from cspr.git.history import Entry
from cspr.storage.paths import REVIEW_FILE

THEIRS, MINE = "theirs", "mine"

# `git status --porcelain` codes for unmerged paths. During a rebase "us" (stage 2) is the
# remote's side and "them" (stage 3) the officer's own commit being replayed.
CHANGED_BOTH, CREATED_BOTH, DELETED_THEIRS, DELETED_MINE = "changed", "created", "deleted-on-remote", "deleted-here"
_KINDS = {"UU": CHANGED_BOTH, "AA": CREATED_BOTH, "DU": DELETED_THEIRS, "UD": DELETED_MINE,
          "AU": CHANGED_BOTH, "UA": CHANGED_BOTH, "DD": CHANGED_BOTH}
REMOTE_STAGE, BASE_STAGE, MINE_STAGE = 2, 1, 3


@dataclass(frozen=True)
class Clash:
    """Something both sides changed that cannot be merged: which file, review and fields."""

    path: str
    kind: str
    review: str | None
    fields: tuple[str, ...]
    mine: Entry | None
    theirs: Entry | None


@dataclass(frozen=True)
class Kept:
    """A conflict settled by `--keep` for one side."""

    clash: Clash
    side: str


class SyncConflict(GitError):
    """Sync stopped on a conflict; the workspace is as it was before."""

    def __init__(self, message: str, clash: Clash):
        super().__init__(message)
        self.clash = clash


def replay(root: Path, onto: str, before: str, remote: str, keep: str | None, env: dict[str, str]) -> list[Kept]:
    """Rebase HEAD onto `onto`; return the conflicts settled by `keep`, or raise with HEAD back at `before`."""
    from cspr.git.run import git, head, operation_in_progress

    step = git(root, "-c", "merge.conflictStyle=merge", "rebase", "--no-autostash", onto, env=env, check=False)
    if step.ok:
        return []
    if operation_in_progress(root) != "rebase":
        raise GitError(f"git could not bring in the changes from {remote}: {step.detail}. Nothing has changed here")
    kept: list[Kept] = []
    while operation_in_progress(root) == "rebase":
        context = _Stop(root, onto, before)
        if keep == THEIRS:
            settled = _keep_both_commits(root, context, remote, env)
            if settled:  # both commits are made: go on to the next
                kept += settled
                step = git(root, "-c", "merge.conflictStyle=merge", "rebase", "--continue", env=env, check=False)
                continue
            if settled is not None:  # merged without a real conflict
                step = _go_on(root, env)
                continue
        left: list[Clash] = []
        for path, kind in context.unmerged():
            settled = context.merge_fields(path, kind, keep)
            if isinstance(settled, Kept):
                kept.append(settled)
            elif settled is not None:
                left.append(settled)
        refusal = _why_not_keep(left, keep) if left else None
        if refusal is None and not left and context.nothing_unmerged_named:
            refusal = "no conflict named"
        if refusal is not None:
            git(root, "rebase", "--abort", check=False)
            if head(root) != before:  # never expected; say so rather than hide it
                raise GitError(f"sync stopped and could not put HEAD back to {before}; check 'git status'")
            if not left:
                raise GitError(f"sync stopped: {step.detail}. Nothing has changed here")
            raise SyncConflict(describe(left[0], remote, refusal), left[0])
        for clash in left:
            _settle(root, clash, keep)
            kept.append(Kept(clash, keep or THEIRS))
        step = _go_on(root, env)
    return kept


def _go_on(root: Path, env: dict[str, str]):
    """Continue the rebase with the settled commit, or skip it when nothing of it is left."""
    from cspr.git.run import git

    if git(root, "diff", "--cached", "--quiet", check=False).ok:
        return git(root, "rebase", "--skip", env=env, check=False)  # nothing of this commit is left
    return git(root, "-c", "merge.conflictStyle=merge", "rebase", "--continue", env=env, check=False)


def _keep_both_commits(root: Path, stop: _Stop, remote: str, env: dict[str, str]) -> list[Kept] | None:
    """Settle one stop for --keep theirs without dropping the officer's commit.

    The officer's commit is replayed as they made it (their values win inside it), then a
    second commit by the officer syncing puts the other side's values back: the trail shows
    both officers' changes and the resolution. None when this stop has no real conflict
    (nothing unmerged: the usual path reports it), [] when the field merge settled it all.
    """
    from cspr.git import repo as gitrepo
    from cspr.git.run import git

    unmerged = stop.unmerged()
    if not unmerged:
        return None
    versions = {path: {s: stop.version(s, path) for s in (BASE_STAGE, REMOTE_STAGE, MINE_STAGE)}
                for path, _ in unmerged}
    clashes: list[Clash] = []
    for path, kind in unmerged:
        settled = stop.merge_fields(path, kind, MINE)
        if isinstance(settled, Kept):
            clashes.append(settled.clash)
        elif settled is not None:
            _settle(root, settled, MINE)
            clashes.append(settled)
    if not clashes:
        return []
    git(root, "commit", "--quiet", "--no-verify", "--allow-empty", "-C", stop.mine_commit, env=env)
    for clash in clashes:
        _put_back_theirs(root, clash, versions[clash.path])
    if not git(root, "diff", "--cached", "--quiet", check=False).ok:
        first = clashes[0]
        who = first.theirs.officer if first.theirs else f"the version on {remote}"
        what = ", ".join(f for c in clashes for f in c.fields) or ", ".join(c.path for c in clashes)
        summary = f"sync kept {who}'s {what} (cspr sync --keep theirs)"
        message = gitrepo.message(first.review, summary, "sync")
        officer = {"GIT_AUTHOR_NAME": env.get("GIT_COMMITTER_NAME", ""),
                   "GIT_AUTHOR_EMAIL": env.get("GIT_COMMITTER_EMAIL", "")} if env else {}
        git(root, "commit", "--quiet", "--no-verify", "-m", message, env={**env, **officer})
    return [Kept(clash, THEIRS) for clash in clashes]


def _put_back_theirs(root: Path, clash: Clash, versions: dict[int, str | None]) -> None:
    """Stage the other side's version of a clashing file over the officer's own."""
    from cspr.git.merge import merge_texts
    from cspr.git.run import git

    path = clash.path
    base, theirs, mine = versions[BASE_STAGE], versions[REMOTE_STAGE], versions[MINE_STAGE]
    if theirs is None:  # they removed it
        git(root, "rm", "--quiet", "--ignore-unmatch", "--", path)
        return
    text = theirs
    if clash.kind == CHANGED_BOTH and base is not None and mine is not None:
        merged = merge_texts(base, theirs, mine, name=path, prefer="remote")
        if merged.text is not None and _reads_as_review(path, merged.text):
            text = merged.text
        else:
            text = _merge_file(root, base, theirs, mine)
            if not _reads_as_review(path, text):
                text = theirs
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).write_text(text, encoding="utf-8")
    git(root, "add", "--", path)


def _merge_file(root: Path, base: str, theirs: str, mine: str) -> str:
    """git's line merge of the three versions, their side winning where lines clash."""
    from cspr.git.run import git

    with tempfile.TemporaryDirectory() as folder:
        names = []
        for name, text in (("remote", theirs), ("base", base), ("mine", mine)):
            (Path(folder) / name).write_text(text, encoding="utf-8")
            names.append(str(Path(folder) / name))
        return git(root, "merge-file", "-p", "--ours", *names, check=False).out


class _Stop:
    """One stop of the rebase: the commit being replayed and its unmerged paths."""

    def __init__(self, root: Path, onto: str, before: str):
        from cspr.git.run import git

        self.root = root
        self.arrived_range = f"{before}..{onto}"
        self.mine_commit = git(root, "rev-parse", "--verify", "--quiet", "REBASE_HEAD", check=False).out.strip()
        self.nothing_unmerged_named = False

    def unmerged(self) -> list[tuple[str, str]]:
        from cspr.git.run import git

        found = []
        for line in git(self.root, "status", "--porcelain", "--untracked-files=no").out.splitlines():
            if line[:2] in _KINDS:
                found.append((line[3:].strip('"'), _KINDS[line[:2]]))
        self.nothing_unmerged_named = not found
        return found

    def version(self, stage: int, path: str) -> str | None:
        from cspr.git.run import git

        shown = git(self.root, "show", f":{stage}:{path}", check=False)
        return shown.out if shown.ok else None

    def merge_fields(self, path: str, kind: str, keep: str | None) -> Clash | Kept | None:
        """Merge a YAML file field by field where that is safe: None when merged, else the clash."""
        from cspr.git.conflicts import conflicting_fields, conflicting_lines
        from cspr.git.merge import merge_texts
        from cspr.git.run import git

        fields: tuple[str, ...] = ()
        if kind == CHANGED_BOTH and path.endswith((".yaml", ".yml")):
            base, remote, mine = (self.version(s, path) for s in (BASE_STAGE, REMOTE_STAGE, MINE_STAGE))
            if None not in (base, remote, mine):
                prefer = {THEIRS: "remote", MINE: "mine"}.get(keep or "")
                merged = merge_texts(base, remote, mine, name=path, prefer=prefer)
                fields = tuple(".".join(p) for p in merged.clashes)
                if merged.text is not None and _reads_as_review(path, merged.text):
                    (self.root / path).write_text(merged.text, encoding="utf-8")
                    git(self.root, "add", "--", path)
                    return Kept(self._clash(path, kind, fields), keep) if merged.clashes and keep else None
                if merged.usable and not merged.clashes:
                    fields = ()
        if not fields and kind in (CHANGED_BOTH, CREATED_BOTH) and (self.root / path).is_file():
            text = (self.root / path).read_text(encoding="utf-8", errors="replace")
            fields = tuple(conflicting_fields(text) if path.endswith((".yaml", ".yml")) else conflicting_lines(text))
        return self._clash(path, kind, fields)

    def _clash(self, path: str, kind: str, fields: tuple[str, ...]) -> Clash:
        from cspr.git import history

        reviews = history.reviews_touched([path])
        review = reviews[0] if reviews else None
        mine = _pick(history.read(self.root, "-1", self.mine_commit), review) if self.mine_commit else None
        return Clash(path, kind, review, fields, mine, self._who_changed(path, fields, review))

    def _who_changed(self, path: str, fields: tuple[str, ...], review: str | None) -> Entry | None:
        """The newest arrived commit that changed one of `fields` in `path` (else the file)."""
        from cspr.git import history

        candidates = history.read(self.root, self.arrived_range, paths=[path])
        if fields and path.endswith((".yaml", ".yml")):
            for entry in candidates:
                if _changed_fields(self.root, entry.commit, path, fields):
                    return entry
        return _pick(candidates, review)


def _changed_fields(root: Path, commit: str, path: str, fields: tuple[str, ...]) -> bool:
    from cspr.errors import DataError
    from cspr.git.run import git
    from cspr.storage import yamlio

    values = []
    for revision in (commit, f"{commit}^"):
        shown = git(root, "show", f"{revision}:{path}", check=False)
        try:
            values.append(yamlio.parse_text(shown.out, path, round_trip=False) if shown.ok else None)
        except DataError:
            return False

    def at(data, field_name):
        for key in field_name.split("."):
            if not isinstance(data, dict) or key not in data:
                return None
            data = data[key]
        return data

    return any(at(values[0], f) != at(values[1], f) for f in fields)


def _pick(entries: list[Entry], review: str | None) -> Entry | None:
    for entry in entries:
        if entry.review == review:
            return entry
    return entries[0] if entries else None


def _reads_as_review(path: str, text: str) -> bool:
    """A merged review file must still read as a review (any other YAML file just as YAML)."""
    from cspr.errors import DataError, InvalidField
    from cspr.git import history
    from cspr.model.review import parse_review
    from cspr.storage import yamlio

    try:
        data = yamlio.parse_text(text, path)
        reviews = history.reviews_touched([path])
        if reviews and path.endswith(REVIEW_FILE):
            parse_review(data, reviews[0])
    except (DataError, InvalidField):
        return False
    return True


def _why_not_keep(clashes: list[Clash], keep: str | None) -> str | None:
    """None when `keep` settles every clash; otherwise why not ("" when no --keep was given)."""
    if keep is None:
        return ""
    for clash in clashes:
        if clash.kind == CREATED_BOTH and keep == MINE:
            return "--keep mine cannot settle a file created on both sides: it would mix two records"
    return None


def _settle(root: Path, clash: Clash, keep: str | None) -> None:
    """Settle one unmerged path for `keep` where field-by-field merging was not possible."""
    from cspr.git.run import git

    path = clash.path
    if clash.kind == CREATED_BOTH:  # take one side's file whole (never a mix of two records)
        git(root, "checkout", "--ours" if keep == THEIRS else "--theirs", "--", path)
        git(root, "add", "--", path)
        return
    if clash.kind == DELETED_THEIRS:
        git(root, "rm", "--quiet", "--", path) if keep == THEIRS else git(root, "add", "--", path)
        return
    if clash.kind == DELETED_MINE:
        if keep == THEIRS:
            git(root, "checkout", "--ours", "--", path)
            git(root, "add", "--", path)
        else:
            git(root, "rm", "--quiet", "--", path)
        return
    with tempfile.TemporaryDirectory() as folder:
        versions = []
        for stage, name in ((REMOTE_STAGE, "remote"), (BASE_STAGE, "base"), (MINE_STAGE, "mine")):
            shown = git(root, "show", f":{stage}:{path}", check=False)
            version = Path(folder) / name
            version.write_text(shown.out if shown.ok else "", encoding="utf-8")
            versions.append(str(version))
        side = "--ours" if keep == THEIRS else "--theirs"  # the first file given is the remote's
        merged = git(root, "merge-file", "-p", side, *versions, check=False).out
    if not _reads_as_review(path, merged):
        git(root, "rebase", "--abort", check=False)
        raise GitError(
            f"sync stopped: keeping one side would leave {path} unreadable; nothing has changed here; "
            "settle it by hand (see 'When sync stops' in docs/history-and-sync.md)"
        )
    (root / path).write_text(merged, encoding="utf-8")
    git(root, "add", "--", path)


def describe(clash: Clash, remote: str, refusal: str | None = "") -> str:
    """The one-line error for a conflict: what clashed, whose changes, and what to do."""
    theirs = clash.theirs
    who = theirs.officer if theirs else f"someone on {remote}"
    their_part = f"{who} ({theirs.short}: {theirs.summary})" if theirs else who
    mine = f"yours ({clash.mine.short}: {clash.mine.summary})" if clash.mine else "yours"
    subject = f"review {clash.review}" if clash.review else clash.path
    intact = "Nothing has changed here: this clone is as it was before the sync"
    if clash.kind == CREATED_BOTH:
        what = f"{subject} was created" if clash.review else f"{clash.path} was created"
        text = (
            f"sync stopped: {what} both here, {mine}, and on {remote} by {their_part}. {intact}. "
            "If it is the same incident, 'cspr sync --keep theirs' keeps their record and applies your "
            "later changes to it; if it is a different child, the pseudonym is taken: see 'When sync stops' in docs/history-and-sync.md"
        )
    elif clash.kind in (DELETED_THEIRS, DELETED_MINE):
        gone = f"removed on {remote} by {who}" if clash.kind == DELETED_THEIRS else "removed here"
        text = (
            f"sync stopped: {clash.path} was {gone} and changed on the other side ({mine}; {their_part}). {intact}. "
            "Agree which is right, then run 'cspr sync --keep theirs' or 'cspr sync --keep mine'"
        )
    else:
        fields = ", ".join(clash.fields) if clash.fields else "the same lines"
        text = (
            f"sync stopped: {subject}: {fields} changed both here and on {remote}: {mine}; {their_part}. {intact}. "
            f"Agree with {who} which is right, then run 'cspr sync --keep theirs' to take their "
            f"{'value' if len(clash.fields) == 1 else 'values'} or 'cspr sync --keep mine' to keep yours "
            "(every other change, from both sides, is kept)"
        )
    if refusal:
        text += f" ({refusal})"
    return text
