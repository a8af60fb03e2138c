"""Reading reviews for people: the list of reviews and one review's stages."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from cspr.errors import DataError
from cspr.ops.judging import cached_facts, schedule_for
from cspr.reports.index import ReviewIndex
from cspr.storage.workspace import Workspace

if TYPE_CHECKING:  # the deadline engine is loaded only for one review's stages
    from cspr.model.deadlines import ReviewSchedule


def list_reviews(workspace: Workspace, as_of: dt.date, *, show_all: bool,
                 as_recorded: bool = False) -> tuple[list[ReviewIndex], list[DataError]]:
    """The index (reports/index.py) of each open review (every review with show_all), as they
    stood on as_of, and the unreadable ones."""
    from cspr.storage.index_cache import INDEXES

    found, errors = cached_facts(workspace, INDEXES, as_of, as_recorded=as_recorded)
    if not show_all:
        found = [index for index in found if not index.closed]
    return found, errors


def show(workspace: Workspace, review_id: str, as_of: dt.date, *, as_recorded: bool = False) -> ReviewSchedule:
    return schedule_for(workspace, review_id, as_of, as_recorded=as_recorded)
