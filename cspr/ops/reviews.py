"""Reading reviews for people: the list of reviews and one review's stages."""

from __future__ import annotations

import datetime as dt

from cspr.errors import DataError
from cspr.model.agenda import Agenda
from cspr.model.deadlines import ReviewSchedule
from cspr.ops.judging import agendas, schedule_for
from cspr.storage.workspace import Workspace


def list_reviews(workspace: Workspace, as_of: dt.date, *, show_all: bool,
                 as_recorded: bool = False) -> tuple[list[Agenda], list[DataError]]:
    """The agendas of the open reviews (every review with show_all), as they stood on as_of, and
    the unreadable ones."""
    found, errors = agendas(workspace, as_of, as_recorded=as_recorded)
    if not show_all:
        found = [a for a in found if not a.closed]
    return found, errors


def show(workspace: Workspace, review_id: str, as_of: dt.date, *, as_recorded: bool = False) -> ReviewSchedule:
    return schedule_for(workspace, review_id, as_of, as_recorded=as_recorded)
