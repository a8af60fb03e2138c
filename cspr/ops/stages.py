"""Recording what happened to a review: complete, decide, plan, hold, resume and set.

Each function checks the change against the review as it stands, applies it to the review's
YAML through `cspr.record`, and commits it as the officer (`cspr.git.change.change_review`).
Each returns the one-line summary that went into the commit message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from cspr.errors import UsageError
from cspr.git import repo as gitrepo
from cspr.git.change import change_review
from cspr.model.review import Review
from cspr.record import stages as recording
from cspr.storage.workspace import Workspace

Edit = Callable[[Review, Any, str], str]  # (review, round-trip document, officer's name) -> summary


def record(workspace: Workspace, review_id: str, by: str | None, action: str, edit: Edit) -> str:
    """Apply one recording function to a review and commit it as the officer."""
    officer = gitrepo.officer_for(workspace.root, by)
    return change_review(workspace, review_id, officer, action,
                         lambda review, document: edit(review, document, officer.name))


def complete(workspace: Workspace, review_id: str, stage: str, *, on: dt.date | None, today: dt.date,
             agency: str | None = None, note: str | None = None, amend: bool = False,
             by: str | None = None) -> str:
    from cspr.model.deadlines import ReviewSchedule

    def edit(review: Review, document: Any, who: str) -> str:
        scheduled = None
        process_stage = recording.find_stage(workspace.process, stage)
        if process_stage.every is not None:
            schedule = ReviewSchedule(workspace.process, review, workspace.calendar, today)
            state = schedule.state(stage)
            scheduled = state.outstanding[0] if state and state.outstanding else None
        return recording.complete(
            workspace.process, review, document, stage, on=on or today, today=today, by=who,
            agency=agency, note=note, amend=amend, scheduled=scheduled,
        )

    return record(workspace, review_id, by, "complete", edit)


def decide(workspace: Workspace, review_id: str, track: str, *, on: dt.date | None, today: dt.date,
           by: str | None = None) -> str:
    return record(workspace, review_id, by, "decide", lambda review, doc, who: recording.decide(
        workspace.process, review, doc, track, on=on or today, today=today, by=who))


def plan(workspace: Workspace, review_id: str, stage: str, *, date: dt.date | None, every: str | None,
         by: str | None = None) -> str:
    if (date is None) == (every is None):
        raise UsageError("give either a DATE (cspr plan ID STAGE 2026-10-01) or --every (cspr plan ID assurance --every 6m)")
    if every is not None:
        return record(workspace, review_id, by, "plan", lambda review, doc, who: recording.plan_interval(
            workspace.process, review, doc, stage, every))
    return record(workspace, review_id, by, "plan", lambda review, doc, who: recording.plan(
        workspace.process, review, doc, stage, date))


def hold(workspace: Workspace, review_id: str, reason: str, *, start: dt.date | None, today: dt.date,
         by: str | None = None) -> str:
    return record(workspace, review_id, by, "hold", lambda review, doc, who: recording.hold(
        review, doc, reason, start=start or today, today=today, by=who))


def resume(workspace: Workspace, review_id: str, *, on: dt.date | None, today: dt.date,
           by: str | None = None) -> str:
    return record(workspace, review_id, by, "resume", lambda review, doc, who: recording.resume(
        review, doc, on=on or today, today=today, by=who))


def set_fact(workspace: Workspace, review_id: str, field: str, value: str, *, today: dt.date,
             by: str | None = None) -> str:
    return record(workspace, review_id, by, "set", lambda review, doc, who: recording.set_field(
        review, doc, field, value, today=today))


def withhold(workspace: Workspace, review_id: str, reason: str, *, on: dt.date | None, today: dt.date,
             by: str | None = None) -> str:
    return record(workspace, review_id, by, "withhold", lambda review, doc, who: recording.withhold(
        workspace.process, review, doc, reason, on=on or today, today=today, by=who))


def close(workspace: Workspace, review_id: str, reason: str, *, on: dt.date | None, today: dt.date,
          by: str | None = None) -> str:
    from cspr.model.deadlines import ReviewSchedule

    def edit(review: Review, document: Any, who: str) -> str:
        closed = ReviewSchedule(workspace.process, review, workspace.calendar, today).is_closed
        return recording.close(review, document, reason, on=on or today, today=today, by=who,
                               closed_by_itself=closed and review.closed is None)

    return record(workspace, review_id, by, "close", edit)


def reopen(workspace: Workspace, review_id: str, *, by: str | None = None) -> str:
    return record(workspace, review_id, by, "reopen", lambda review, doc, who: recording.reopen(review, doc))
