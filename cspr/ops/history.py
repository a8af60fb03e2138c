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
