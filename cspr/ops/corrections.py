"""Corrections to a whole review: rename it, delete one created in error, edit its files.

Each is one commit by the officer with the usual `Review:` and `Cspr-Action:` trailers; git
keeps what was there before.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from pathlib import Path

from cspr.errors import DataError, StateError, UsageError
from cspr.git import repo as gitrepo
from cspr.git.change import change_review_folder
from cspr.model.review import Review
from cspr.storage.workspace import Workspace


def _reason(reason: str) -> str:
    text = " ".join(reason.split())
    if not text:
        raise UsageError("--reason is empty; say why, in words (it goes into the audit trail)")
    return text


def rename_review(workspace: Workspace, old_id: str, new_id: str, *, by: str | None = None) -> str:
    """Move reviews/OLD to reviews/NEW and change the ID inside its files, in one commit."""
    from cspr.storage.paths import check_id

    check_id(new_id)
    if new_id == old_id:
        raise UsageError(f"{old_id} is already called {new_id}; nothing to rename")
    workspace.load_review(old_id)
    officer = gitrepo.officer_for(workspace.root, by)
    # The ID as a whole word: 2026-child-a, never the start of 2026-child-ab.
    pattern = re.compile(rf"(?<![\w.-]){re.escape(old_id)}(?![\w.-])")

    def rewrite(folder: Path) -> None:
        from cspr.storage import yamlio

        for path in sorted(folder.rglob("*")):
            if not path.is_file():
                continue
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue  # a document the officer keeps beside the record: moved, not changed
            changed = pattern.sub(new_id, text)
            if changed != text:
                yamlio.atomic_write(path, changed)
        workspace.load_review(new_id)  # the moved record must still read as review NEW

    return change_review_folder(workspace, old_id, officer, "rename", f"renamed from {old_id} to {new_id}",
                                move_to=new_id, rewrite=rewrite)


def recorded_beyond_notification(review: Review) -> list[str]:
    """What a review records besides its notification: why deleting it needs --force."""
    found = [key for key in review.completions if key != "notification"]
    found += [key for key, by in review.agency_completions.items() if by]
    found += [key for key, occurrences in review.occurrences.items() if occurrences]
    found += list(review.skipped)
    if review.decision is not None:
        found.append("decision")
    if review.holds:
        found.append("holds")
    if review.recommendations:
        found.append("recommendations")
    if review.closed is not None:
        found.append("closure")
    return found


def delete_review(workspace: Workspace, review_id: str, *, reason: str, force: bool = False,
                  by: str | None = None) -> str:
    """Remove a review created in error, in one commit (git keeps it)."""
    reason = _reason(reason)
    review = workspace.load_review(review_id)
    recorded = recorded_beyond_notification(review)
    if recorded and not force:
        raise StateError(
            f"{review_id} already records {', '.join(recorded)}; it is more than a review created in error. "
            f"Correct it with 'cspr uncomplete' or 'cspr set', or delete it anyway with --force"
        )
    officer = gitrepo.officer_for(workspace.root, by)
    return change_review_folder(workspace, review_id, officer, "delete", f"deleted ({review.child}): {reason}")


EDITABLE = {"review": "review.yaml", "notes": "notes.md", "briefing": "briefing.yaml"}


def check_edited(workspace: Workspace, review_id: str, which: str, path: Path) -> None:
    """Validate an edited file as `cspr check` does (the briefing as `cspr brief` does); a
    problem is a DataError with FILE:LINE:COL."""
    from cspr.errors import InvalidField
    from cspr.model.briefing import parse_learning
    from cspr.model.review import parse_review
    from cspr.reports.problems import review_problems
    from cspr.storage import yamlio

    if which == "notes":
        return  # free text: any words are a valid note
    text = yamlio.read_text(path)
    # Checked as reports read it (the fast reader: a 20 MB review in about a second); read
    # with positions only for an error, part by part when the file is large.
    values = yamlio.parse_text(text, path, round_trip=False)
    try:
        if which == "review":
            review = parse_review(values, review_id)
            for problem in review_problems(workspace.process, review):
                raise problem
        else:
            parse_learning(values)
    except InvalidField as exc:
        document = None
        with contextlib.suppress(DataError):
            document = yamlio.parse_document(text, path)
        raise yamlio.data_error(path, exc, document) from None


def edit_file(workspace: Workspace, review_id: str, which: str, *, editor: Callable[[Path], None] | None,
              again: Callable[[DataError], bool], by: str | None = None) -> str:
    """Open one of a review's files in the officer's editor (or take the edits already made by
    hand, with `editor` None), validate it, and commit it as the officer. On a problem,
    `again(problem)` says whether to edit again; abandoning puts back the exact bytes."""
    from cspr.git.change import Change, workspace_lock
    from cspr.storage import yamlio
    from cspr.storage.paths import relative

    if which not in EDITABLE:
        raise UsageError(f"cannot edit {which!r}; choose one of: {', '.join(EDITABLE)}")
    path = workspace.review_dir(review_id) / EDITABLE[which]
    if not path.is_file():
        if not workspace.review_path(review_id).is_file():
            workspace.load_review(review_id)  # the usual "no review" error
        raise UsageError(f"{relative(path)} does not exist; 'cspr brief {review_id} --skeleton' starts a briefing")
    officer = gitrepo.officer_for(workspace.root, by)  # before the editor opens, not after
    name = relative(path)
    if editor is not None:
        if gitrepo.uncommitted(workspace.root, [path]):
            raise StateError(
                f"{name} already has changes that are not committed; check and commit them with "
                f"'cspr edit {review_id} {which} --no-editor', or discard them (git checkout -- {name})"
            )
        original = path.read_bytes()
        while True:
            editor(path)
            try:
                check_edited(workspace, review_id, which, path)
                break
            except DataError as problem:
                if again(problem):
                    continue
                yamlio.atomic_write(path, original)
                raise DataError(problem.location,
                                f"{problem.message}; edit abandoned, {name} is as it was") from None
    else:
        check_edited(workspace, review_id, which, path)
    if not gitrepo.uncommitted(workspace.root, [path]):
        return f"{name} unchanged; no commit made"
    with workspace_lock(workspace):
        change = Change(workspace, officer, review_id, "edit")
        change.write(path, path.read_text(encoding="utf-8"))
        summary = f"{EDITABLE[which]} edited by hand"
        change.commit(summary)
    return summary
