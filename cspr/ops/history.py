"""The audit trail and shared working: log, undo and sync."""

from __future__ import annotations

import datetime as dt

from cspr.git import repo as gitrepo
from cspr.git.history import Entry, audit_trail
from cspr.git.sync import SyncReport
from cspr.git.sync import sync as run_sync
from cspr.git.undo import Undone, undo_last
from cspr.storage.paths import check_id
from cspr.storage.workspace import Workspace


def log(workspace: Workspace, review_id: str | None, since: dt.date | None) -> list[Entry]:
    if review_id is not None:
        check_id(review_id)
    return audit_trail(workspace.root, review_id, since)


def undo(workspace: Workspace, by: str | None) -> Undone:
    return undo_last(workspace, gitrepo.officer_for(workspace.root, by))


def sync(workspace: Workspace, keep: str | None) -> SyncReport:
    return run_sync(workspace, keep=keep)


def fill_if_empty_clone(workspace_option: str | None) -> str | None:
    """In a clone with no commits (cloned before the first officer sent the workspace): bring
    the workspace in if it has been sent since, or say why not. None anywhere else."""
    from pathlib import Path

    from cspr.git.sync import fill_empty_clone
    from cspr.storage.paths import CONFIG_FILE
    from cspr.storage.workspace import empty_clone

    start = Path(workspace_option).expanduser().resolve() if workspace_option else Path.cwd().resolve()
    if any((folder / CONFIG_FILE).is_file() for folder in (start, *start.parents)):
        return None
    clone = empty_clone(start)
    return fill_empty_clone(clone) if clone is not None else None
