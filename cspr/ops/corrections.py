"""Corrections to a whole review: rename it, delete one created in error, edit a file by hand.

Each is one commit by the officer with the usual `Review:` and `Cspr-Action:` trailers; git
keeps what was there before.
"""

from __future__ import annotations

import re
from pathlib import Path

from cspr.errors import StateError, UsageError
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
