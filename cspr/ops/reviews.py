"""Reading reviews for people: the list of reviews and one review's stages."""

from __future__ import annotations

import datetime as dt

from cspr.errors import DataError
from cspr.model.deadlines import ReviewSchedule
from cspr.ops.judging import schedule_for, schedules
from cspr.storage.workspace import Workspace


def list_reviews(workspace: Workspace, as_of: dt.date, *, show_all: bool,
                 as_recorded: bool = False) -> tuple[list[ReviewSchedule], list[DataError]]:
    """Open reviews (every review with show_all), as they stood on as_of, and the unreadable ones."""
    found, errors = schedules(workspace, as_of, as_recorded=as_recorded)
    if not show_all:
        found = [s for s in found if not s.is_closed]
    return found, errors


def show(workspace: Workspace, review_id: str, as_of: dt.date, *, as_recorded: bool = False) -> ReviewSchedule:
    return schedule_for(workspace, review_id, as_of, as_recorded=as_recorded)
