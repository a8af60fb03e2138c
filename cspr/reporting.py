"""Judging many reviews at once: every readable review's schedule on one day."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from cspr.errors import DataError

if TYPE_CHECKING:  # the deadline engine is imported only where reviews are judged
    from cspr.deadlines import ReviewSchedule
    from cspr.workspace import Workspace


def schedules(
    workspace: Workspace, as_of: dt.date, review_ids: list[str] | None = None
) -> tuple[list[ReviewSchedule], list[DataError]]:
    """A ReviewSchedule for each review that can be read, and the errors for those that cannot."""
    from cspr.deadlines import ReviewSchedule
    from cspr.review_reader import load_reviews

    ids = workspace.review_ids() if review_ids is None else review_ids
    reviews, errors = load_reviews(workspace, ids)
    process, calendar = workspace.process, workspace.calendar
    return [ReviewSchedule(process, review, calendar, as_of) for review in reviews], errors


def agendas(
    workspace: Workspace, today: dt.date, review_ids: list[str] | None = None
) -> tuple[list, list[DataError]]:
    """The agenda of each review that can be read (through the agenda cache), and the errors."""
    from cspr.agenda_cache import load_agendas

    if review_ids is None:  # every folder; one without a review.yaml is not a review
        return load_agendas(workspace, workspace.review_folders(), today, skip_missing=True)
    return load_agendas(workspace, review_ids, today)


def schedule_for(workspace: Workspace, review_id: str, as_of: dt.date) -> ReviewSchedule:
    from cspr.deadlines import ReviewSchedule

    review = workspace.load_review(review_id)
    return ReviewSchedule(workspace.process, review, workspace.calendar, as_of)
