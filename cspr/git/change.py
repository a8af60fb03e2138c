"""Changing the workspace safely: lock, refuse hand-edited files, write atomically, commit.

Every change follows one path (`Change`): take the workspace lock, refuse when a file the
command must change has uncommitted edits, read with the round-trip loader so comments and
key order survive (a large file part by part, `cspr.storage.partial_yaml`), check the result still parses as a review, write each file atomically,
then make exactly one commit of exactly those files. If anything fails, every file is put
back as it was.
"""

from __future__ import annotations

import contextlib
import fcntl
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cspr.errors import GitError, InvalidField, StateError, WorkspaceError
from cspr.model.officer import Officer
from cspr.model.review import Review
from cspr.storage.paths import STATE_DIR, relative
from cspr.storage.workspace import Workspace
from cspr.storage.yamlio import data_error

LOCK_WAIT_SECONDS = 60


@contextlib.contextmanager
def workspace_lock(workspace: Workspace, wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Serialise changes to one workspace between processes (an advisory lock file)."""
    lock_dir = workspace.root / STATE_DIR
    try:
        lock_dir.mkdir(exist_ok=True)
        handle = open(lock_dir / "lock", "a+")  # noqa: SIM115 - closed by the with below
    except (FileExistsError, NotADirectoryError):
        raise WorkspaceError(f"{relative(lock_dir)} is not a folder (a file, or a link to nothing), and cspr "
                             "keeps its lock and cache there: remove it (git ignores it), then run the command again") from None
    except OSError as exc:
        raise WorkspaceError(f"cannot use {relative(lock_dir)} for the workspace lock ({exc.strerror}); "
                             "check that folder's permissions, then run the command again") from None
    with handle:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise StateError(
                        f"another cspr command has held the workspace lock for {wait:.0f}s; "
                        "wait for it to finish and try again"
                    ) from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@dataclass
class Change:
    """The files one command writes, committed together as one change."""

    workspace: Workspace
    officer: Officer
    review_id: str | None
    action: str
    files: dict[Path, str | bytes | None] = field(default_factory=dict)  # path -> new text (or bytes)
    _before: dict[Path, bytes | None] = field(default_factory=dict)

    def write(self, path: Path, text: str | bytes) -> None:
        self.files[path] = text

    def commit(self, summary: str, body: str | None = None) -> str:
        from cspr.git import repo as gitrepo
        from cspr.git.run import refuse_odd_state
        from cspr.storage import yamlio

        refuse_odd_state(self.workspace.root)  # checked again here: no commit escapes it
        paths = list(self.files)
        for path in paths:
            # As bytes, so a file is put back exactly as it was (a Word template too).
            self._before[path] = path.read_bytes() if path.exists() else None
        message = gitrepo.message(self.review_id, summary, self.action, body)
        _refuse_new_terms(self.workspace, message, self._before, self.files)
        self.workspace.forget_scan()  # a review folder may come or go
        try:
            for path, text in self.files.items():
                if text is not None:
                    try:
                        yamlio.atomic_write(path, text)
                    except OSError as exc:
                        raise WorkspaceError(f"cannot write {relative(path)} ({exc.strerror}); check the "
                                             "folder's permissions and free space, then run the command again; "
                                             "nothing was changed") from None
            return gitrepo.commit(self.workspace.root, paths, message, self.officer)
        except BaseException:
            self._restore()
            raise

    def _restore(self) -> None:
        from cspr.storage import yamlio

        for path, text in self._before.items():
            if text is None:
                with contextlib.suppress(OSError):
                    path.unlink()
            elif path.exists() and path.read_bytes() == text:
                continue  # never written (or written back already): nothing to put back
            else:
                yamlio.atomic_write(path, text)


def refuse_unsafe_input(workspace: Workspace, fields: Mapping[str, str | None]) -> None:
    """Refuse, before anything is written, a value typed for the record that holds a control
    character or a restricted term; `fields` maps the option's name (--note) to its value.

    A term is refused when recording, not only when rendering: once committed and synced to
    the other officers' clones it cannot be taken back. The message names the field, never
    the term, since error output can end up in a cron mail or a log.
    """
    from cspr.errors import RestrictedTermFound
    from cspr.model.hygiene import refuse_control_characters
    from cspr.model.restricted import terms_in
    from cspr.storage.private import read_terms

    refuse_control_characters(fields)
    terms = read_terms(workspace.root)
    if not terms:
        return
    for label, value in fields.items():
        if value and terms_in(value, terms):
            raise RestrictedTermFound(
                f"{label} holds a restricted term (listed in private/restricted-terms.txt), and nothing "
                "was written; use the pseudonym or a description instead"
            )


def _refuse_new_terms(workspace: Workspace, message: str, before: dict[Path, bytes | None],
                      after: dict[Path, str | bytes | None]) -> None:
    """The last line of defence: no commit adds a restricted term to a file or its message."""
    from cspr.errors import RestrictedTermFound
    from cspr.model.restricted import lines_holding
    from cspr.storage.private import read_terms

    terms = read_terms(workspace.root)
    if not terms:
        return
    for term in terms:
        if lines_holding(message, term):
            raise RestrictedTermFound("the commit message holds a restricted term (listed in "
                                      "private/restricted-terms.txt), and nothing was written; use pseudonyms only")
    for path, new in after.items():
        if new is None or (isinstance(new, bytes) and b"\0" in new[:8000]):
            continue  # removed, or binary (a Word template): no text a term could be read in
        text = new.decode("utf-8", errors="replace") if isinstance(new, bytes) else new
        old = (before.get(path) or b"").decode("utf-8", errors="replace")
        text, old, first_line = changed_part(text, old)
        for term in terms:
            now, was = lines_holding(text, term), lines_holding(old, term)
            if len(now) > len(was):
                line = next((n for n in now if n not in was), now[-1]) + first_line - 1
                raise RestrictedTermFound(
                    f"{relative(path)}:{line}: this change would write a restricted term (listed in "
                    "private/restricted-terms.txt), and nothing was written; use pseudonyms only"
                )


# Text this long is searched for restricted terms only where the change is: the unchanged
# start and end hold the same terms before and after, and searching 20 MB twice for every
# term (each search folds the text into a copy) takes seconds and gigabytes.
SEARCH_WHOLE_BELOW = 1_000_000  # characters
CONTEXT = 4_096  # unchanged characters searched on each side, so a term across the edge is seen


def changed_part(new: str, old: str) -> tuple[str, str, int]:
    """The lines of `new` and `old` around what differs (whole lines, with CONTEXT characters
    of unchanged text on each side), and the line number the part starts at in `new`."""
    if len(new) + len(old) < SEARCH_WHOLE_BELOW:
        return new, old, 1
    same_start = _common_length(new, old, 1)
    same_end = min(_common_length(new, old, -1), min(len(new), len(old)) - same_start)
    start = new.rfind("\n", 0, max(0, same_start - CONTEXT)) + 1
    ends = []
    for text in (new, old):
        end = text.find("\n", min(len(text), len(text) - same_end + CONTEXT))
        ends.append(len(text) if end < 0 else end + 1)
    return new[start:ends[0]], old[start:ends[1]], new.count("\n", 0, start) + 1


def _common_length(a: str, b: str, step: int) -> int:
    """How many characters `a` and `b` share at the start (step 1) or at the end (step -1)."""
    low, high = 0, min(len(a), len(b))
    while low < high:  # a[:low] == b[:low] throughout (or the same from the end)
        middle = (low + high + 1) // 2
        if step == 1:
            same = a[low:middle] == b[low:middle]
        else:
            same = a[len(a) - middle:len(a) - low] == b[len(b) - middle:len(b) - low]
        if same:
            low = middle
        else:
            high = middle - 1
    return low


def refuse_hand_edits(workspace: Workspace, paths: list[Path]) -> None:
    import os

    from cspr.git import repo as gitrepo
    from cspr.git.run import discard_advice

    changed = gitrepo.uncommitted(workspace.root, paths)
    if changed:
        name = relative(changed[0])
        folder = changed[0].parent
        which = {"review.yaml": "review", "notes.md": "notes", "briefing.yaml": "briefing"}.get(changed[0].name)
        in_git = os.path.relpath(changed[0], workspace.root)
        if which and folder.parent == workspace.reviews_dir:
            # staged or not, `git restore --staged --worktree` throws both away (git checkout -- does not)
            advice = (f"check and commit them with 'cspr edit {folder.name} {which} --no-editor' or discard "
                      f"them (git restore --staged --worktree {in_git})")
        else:
            advice = discard_advice(workspace.root, in_git)
        raise GitError(f"{name} has changes that are not committed; {advice}, then run the command again")


def change_review(
    workspace: Workspace,
    review_id: str,
    officer: Officer,
    action: str,
    edit: Callable[[Review, Any], str],
) -> str:
    """Apply `edit(review, document)` to one review and commit it; return the summary.

    `edit` checks the change against the review as it stands (raising a CsprError to refuse
    it, with nothing written), changes the round-trip document in place, and returns a
    one-line summary for the commit message.
    """
    from cspr.git.run import refuse_odd_state
    from cspr.model.review import parse_review
    from cspr.storage import yamlio

    path = workspace.review_path(review_id)
    with workspace_lock(workspace):
        if not path.is_file():
            workspace.load_review(review_id)  # raises the usual "no review" error
        refuse_odd_state(workspace.root)
        refuse_hand_edits(workspace, [path])
        before = path.read_text(encoding="utf-8")
        document = yamlio.load_document(path)
        try:
            review = parse_review(yamlio.values_of(document), review_id)
        except InvalidField as exc:
            raise data_error(path, exc, document) from None
        summary = edit(review, document)
        text = serialise_review(path, document, review_id)
        if text == before:
            return unchanged(summary)
        change = Change(workspace, officer, review_id, action)
        change.write(path, text)
        change.commit(summary)
        return summary


def unchanged(summary: str) -> str:
    """What a command says when the record already says what it would write: no commit."""
    return f"nothing to change, the record already says so ({summary}); no commit made"


def serialise_review(path: Path, document: Any, review_id: str) -> str:
    """Dump a round-trip document, refusing it when it no longer parses as a review."""
    from cspr.model.review import parse_review
    from cspr.storage import yamlio

    text = yamlio.dump_document(document)
    # Checked as reports will read it (the fast safe read); positions only for an error.
    reparsed = yamlio.parse_text(text, path, round_trip=False)
    try:
        parse_review(reparsed, review_id)
    except InvalidField as exc:
        raise data_error(path, exc, yamlio.parse_document(text, path)) from None
    return text


def change_review_folder(workspace: Workspace, review_id: str, officer: Officer, action: str,
                         summary: str, *, move_to: str | None = None,
                         rewrite: Callable[[Path], None] | None = None) -> str:
    """Delete a review's folder, or move it to `move_to` (then `rewrite(new_folder)` updates the
    IDs inside), in one commit of exactly the old and new folders. Git keeps the files; if
    anything fails, the folder is put back as it was committed."""
    import shutil

    from cspr.git import repo as gitrepo
    from cspr.git.run import git, refuse_unfinished

    old = workspace.review_dir(review_id)
    new = workspace.review_dir(move_to) if move_to else None
    folders = [old] if new is None else [old, new]
    names = [str(folder.relative_to(workspace.root)) for folder in folders]
    workspace.forget_scan()
    with workspace_lock(workspace):
        refuse_unfinished(workspace.root)
        if not workspace.review_path(review_id).is_file():
            workspace.load_review(review_id)  # raises the usual "no review" error
        refuse_hand_edits(workspace, [old])
        if new is not None and new.exists():
            raise StateError(f"{relative(new)} already exists; choose another ID")
        try:
            if new is None:
                git(workspace.root, "rm", "-r", "-q", "--", names[0])
            else:
                git(workspace.root, "mv", "--", names[0], names[1])
                if rewrite is not None:
                    rewrite(new)
            gitrepo.commit(workspace.root, folders, gitrepo.message(move_to or review_id, summary, action), officer)
        except BaseException:
            git(workspace.root, "reset", "-q", "--", *names, check=False)
            if new is not None and new.exists():
                shutil.rmtree(new)
            git(workspace.root, "checkout", "HEAD", "--", names[0], check=False)
            raise
    return summary
