"""Where each action answering a review's recommendations stands: red, amber or green. Pure.

The rule (stated in `cspr actions --help` and docs/actions.md):

- red: not complete and past its due date (due before the day judged, as for any deadline);
- amber: not complete, and due within the next `within` days (today included), or with no
  update on or after the last assurance point: the latest scheduled date of the assurance
  stage on or before the day judged, whether or not that assurance was recorded;
- green: complete, or on track (none of the above).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cspr.model.dates import lateness
from cspr.model.deadlines import ReviewSchedule
from cspr.model.process import ACTIONS_COMPLETE
from cspr.model.review import Action, Recommendation
from cspr.model.statuses import ActionStatus, Rag

DEFAULT_WITHIN = 14


@dataclass(frozen=True)
class ActionState:
    """One action of one review, judged on one day."""

    review: str
    child: str
    recommendation: Recommendation
    action: Action
    rag: str
    reason: str
    assurance_point: dt.date | None
    days_overdue: int | None  # as_of minus due while not complete; None once complete


def is_overdue(action: Action, as_of: dt.date) -> bool:
    return action.status != ActionStatus.COMPLETE and as_of > action.due


def is_due_soon(action: Action, as_of: dt.date, within: int) -> bool:
    return action.status != ActionStatus.COMPLETE and as_of <= action.due <= as_of + dt.timedelta(days=within)


def assurance_point(schedule: ReviewSchedule) -> dt.date | None:
    """The latest scheduled assurance date on or before as_of, across the review's recurring
    stages that run until its actions are complete (the process names them, not this code)."""
    points = [
        schedule.last_scheduled(stage, schedule.as_of)
        for stage in schedule.process.stages_for(schedule.review.track)
        if stage.every is not None and stage.every.until == ACTIONS_COMPLETE
    ]
    found = [point for point in points if point is not None]
    return max(found) if found else None


def judge(action: Action, as_of: dt.date, within: int, point: dt.date | None) -> tuple[str, str]:
    """(rag, why) for one action on `as_of`."""
    if action.status == ActionStatus.COMPLETE:
        return Rag.GREEN, f"complete {action.completed_on.isoformat()}" if action.completed_on else "complete"
    if is_overdue(action, as_of):
        return Rag.RED, lateness((as_of - action.due).days)
    reasons = []
    if is_due_soon(action, as_of, within):
        reasons.append(lateness((as_of - action.due).days))
    last = action.last_update
    if point is not None and (last is None or last.on < point):
        reasons.append(f"no update since assurance point {point.isoformat()}")
    if reasons:
        return Rag.AMBER, "; ".join(reasons)
    return Rag.GREEN, "on track"


def action_states(schedule: ReviewSchedule, within: int = DEFAULT_WITHIN) -> list[ActionState]:
    """Every action of one review, in the order of its recommendations and actions."""
    review, as_of = schedule.review, schedule.as_of
    point = assurance_point(schedule)
    states = []
    for recommendation in review.recommendations:
        for action in recommendation.actions:
            rag, reason = judge(action, as_of, within, point)
            late = None if action.status == ActionStatus.COMPLETE else (as_of - action.due).days
            states.append(ActionState(review.id, review.child, recommendation, action, rag, reason, point, late))
    return states
