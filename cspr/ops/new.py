"""Creating a review's folder and first commit."""

from __future__ import annotations

import contextlib
import datetime as dt

from cspr.errors import StateError, UsageError
from cspr.storage.paths import NOTES_FILE, REVIEW_FILE, check_id
from cspr.storage.workspace import Workspace


def create_review(
    workspace: Workspace, child: str, aware: dt.date, *, today: dt.date,
    review_id: str | None = None, incident: dt.date | None = None,
    agencies: list[str] | None = None, themes: list[str] | None = None, by: str | None = None,
    looked_after: bool = False,
) -> str:
    from cspr.git import repo as gitrepo
    from cspr.git.change import Change, refuse_unsafe_input, serialise_review, workspace_lock
    from cspr.model.dates import long_date
    from cspr.model.ids import review_id_for, slugify
    from cspr.record.new_review import new_review_text
    from cspr.storage.yamlio import parse_text

    refuse_unsafe_input(workspace, {"CHILD (the pseudonym)": child, "--id": review_id, "--by": by,
                                    **{f"--agency {n}": a for n, a in enumerate(agencies or [], 1)},
                                    **{f"--theme {n}": t for n, t in enumerate(themes or [], 1)}})
    child = child.strip()
    if not child:
        raise UsageError("CHILD must be the pseudonym, such as \"Child H\"")
    if review_id is None and not slugify(child):
        raise UsageError(f"CHILD {child!r} gives no letters or digits for the review's ID; "
                         "give the ID with --id (for example --id 2026-child-h)")
    if aware > today:
        raise UsageError(f"--aware {aware.isoformat()} is in the future; use the date the LA became aware")
    if incident and incident > aware:
        raise UsageError("--incident cannot be after --aware (the LA becomes aware of an incident after it happens)")
    review_id = check_id(review_id if review_id is not None else review_id_for(aware.year, child))
    agencies = unique(agencies or list(workspace.config.agencies))
    officer = gitrepo.officer_for(workspace.root, by)
    process = workspace.process

    folder = workspace.review_dir(review_id)
    with workspace_lock(workspace):
        if folder.exists():
            raise StateError(
                f"review ID {review_id!r} is already in use ({folder}); choose another with --id"
            )
        text = new_review_text(process, review_id, child, aware, incident=incident,
                               agencies=agencies, themes=unique(themes or []), looked_after=looked_after)
        path = folder / REVIEW_FILE
        serialise_review(path, parse_text(text, path), review_id)  # check before writing
        change = Change(workspace, officer, review_id, "new")
        change.write(path, text)
        for extra_path, extra_text in new_review_files(workspace, review_id, child):
            change.write(extra_path, extra_text)
        try:
            change.commit(f"new review for {child} (aware {long_date(aware)})")
        except BaseException:
            _remove_if_empty(folder)
            raise
    return review_id


def new_review_files(workspace: Workspace, review_id: str, child: str) -> list:
    """The files a new review starts with beside its record: the notes, and the 7-minute
    briefing's learning file."""
    from cspr.model.briefing import BRIEFING_FILE, skeleton_text
    from cspr.record.new_review import notes_text

    folder = workspace.review_dir(review_id)
    return [(folder / NOTES_FILE, notes_text(child, review_id)),
            (folder / BRIEFING_FILE, skeleton_text(child, review_id))]


def unique(items: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for item in items:
        item = item.strip()
        if item and item.casefold() not in seen:
            seen[item.casefold()] = item
    return list(seen.values())


def _remove_if_empty(folder) -> None:
    with contextlib.suppress(OSError):
        folder.rmdir()
