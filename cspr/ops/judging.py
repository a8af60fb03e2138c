"""Judging many reviews at once: every readable review's schedule on one day."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from cspr.errors import DataError

if TYPE_CHECKING:  # the deadline engine is imported only where reviews are judged
    from cspr.model.deadlines import ReviewSchedule
    from cspr.storage.workspace import Workspace


def schedules(
    workspace: Workspace, as_of: dt.date, review_ids: list[str] | None = None
) -> tuple[list[ReviewSchedule], list[DataError]]:
    """A ReviewSchedule for each review that can be read, and the errors for those that cannot."""
    from cspr.model.deadlines import ReviewSchedule
    from cspr.storage.review_reader import load_reviews

    ids = workspace.review_ids() if review_ids is None else review_ids
    reviews, errors = load_reviews(workspace, ids)
    process, calendar = workspace.process, workspace.calendar
    return [ReviewSchedule(process, review, calendar, as_of) for review in reviews], errors


def agendas(
    workspace: Workspace, today: dt.date, review_ids: list[str] | None = None
) -> tuple[list, list[DataError]]:
    """The agenda of each review that can be read (through the agenda cache), and the errors."""
    from cspr.storage.agenda_cache import load_agendas

    if review_ids is None:  # every folder; one without a review.yaml is not a review
        return load_agendas(workspace, workspace.review_folders(), today, skip_missing=True)
    return load_agendas(workspace, review_ids, today)


def named_reviews(workspace: Workspace, review_ids: tuple[str, ...] | list[str]) -> list[str] | None:
    """The review IDs asked for with --review, each checked to exist; None when none was named."""
    from cspr.storage.paths import check_id

    if not review_ids:
        return None
    ids = [check_id(review_id) for review_id in review_ids]
    for review_id in ids:
        if not workspace.review_path(review_id).is_file():
            workspace.load_review(review_id)  # raises: no such review, and what to do
    return ids


def schedule_for(workspace: Workspace, review_id: str, as_of: dt.date) -> ReviewSchedule:
    from cspr.model.deadlines import ReviewSchedule

    review = workspace.load_review(review_id)
    return ReviewSchedule(workspace.process, review, workspace.calendar, as_of)
