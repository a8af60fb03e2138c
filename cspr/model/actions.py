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
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from cspr.model.dates import lateness
from cspr.model.series import Series
from cspr.model.statuses import ActionStatus, Rag

if TYPE_CHECKING:  # the deadline engine and the review model are loaded only where a review is read
    from cspr.model.deadlines import ReviewSchedule
    from cspr.model.review import Action, Recommendation

DEFAULT_WITHIN = 14


class ActionState(NamedTuple):  # a NamedTuple: built by the thousand (as model/agenda.py explains)
    """One action of one review, judged on one day."""

    review: str
    child: str
    recommendation: Recommendation
    action: Action
    rag: str
    reason: str
    assurance_point: dt.date | None
    days_overdue: int | None  # as_of minus due while not complete; None once complete


class ReviewActions(NamedTuple):
    """A review's actions and what judging them needs, whatever the day: cached per review file."""

    review: str
    child: str
    recorded_through: dt.date  # the record's latest date (a report for an earlier day reads it as it stood)
    closed: bool
    recommendations: tuple[Recommendation, ...]  # those that actions answer
    assurance: tuple[Series, ...]  # the scheduled dates of each stage that runs until its actions are complete


def is_overdue(action: Action, as_of: dt.date) -> bool:
    return action.status != ActionStatus.COMPLETE and as_of > action.due


def is_due_soon(action: Action, as_of: dt.date, within: int) -> bool:
    return action.status != ActionStatus.COMPLETE and as_of <= action.due <= as_of + dt.timedelta(days=within)


def actions_of(schedule: ReviewSchedule) -> ReviewActions:
    """The review's actions and its assurance stages' series. Uses nothing of the schedule's own
    day: a series gives its scheduled dates on any day."""
    from cspr.model.as_of import latest_date
    from cspr.model.process import ACTIONS_COMPLETE

    review = schedule.review
    assurance = (
        schedule.series(stage)
        for stage in schedule.process.stages_for(review.track)
        if stage.every is not None and stage.every.until == ACTIONS_COMPLETE
    )
    return ReviewActions(review.id, review.child, latest_date(review), schedule.is_closed,
                         tuple(rec for rec in review.recommendations if rec.actions),
                         tuple(found for found in assurance if found is not None))


def assurance_point(actions: ReviewActions, as_of: dt.date) -> dt.date | None:
    """The latest scheduled assurance date on or before as_of, across the review's recurring
    stages that run until its actions are complete (the process names them, not this code)."""
    return latest_point(actions.assurance, as_of)


def latest_point(assurance: Iterable[Series], as_of: dt.date) -> dt.date | None:
    """`assurance_point` of these assurance stages' series."""
    points = [point for point in (found.last_on_or_before(as_of) for found in assurance) if point is not None]
    return max(points) if points else None


def rag_on(complete: bool, due: int, last_update: int | None, today: int, within: int, point: int | None) -> Rag:
    """The rating `judge` gives, from days as ordinals and without the reason in words: the board
    paper rates every open review's actions (21,000 over 10,000 reviews) and shows only the
    counts. tests/model/test_recurring_and_rag.py holds the two together."""
    if complete:
        return Rag.GREEN
    if today > due:
        return Rag.RED
    if due <= today + within or (point is not None and (last_update is None or last_update < point)):
        return Rag.AMBER
    return Rag.GREEN


def judge(action: Action, as_of: dt.date, within: int, point: dt.date | None) -> tuple[str, str]:
    """(rag, why) for one action on `as_of`."""
    if action.status == ActionStatus.COMPLETE:
        return Rag.GREEN, f"complete {action.completed_on.isoformat()}" if action.completed_on else "complete"
    # Not complete, so `is_overdue` and `is_due_soon` are the dates alone (21,000 actions are
    # judged over 10,000 reviews, and each status is worked out from the updates).
    due = action.due
    if as_of > due:
        return Rag.RED, lateness((as_of - due).days)
    reasons = []
    if due <= as_of + dt.timedelta(days=within):
        reasons.append(lateness((as_of - due).days))
    last = action.last_update
    if point is not None and (last is None or last.on < point):
        reasons.append(f"no update since assurance point {point.isoformat()}")
    if reasons:
        return Rag.AMBER, "; ".join(reasons)
    return Rag.GREEN, "on track"


def action_states(schedule: ReviewSchedule, within: int = DEFAULT_WITHIN) -> list[ActionState]:
    """Every action of one review, in the order of its recommendations and actions."""
    return states_on(actions_of(schedule), schedule.as_of, within)


def states_on(actions: ReviewActions, as_of: dt.date, within: int = DEFAULT_WITHIN) -> list[ActionState]:
    """Every action of one review judged on `as_of`, in the order of its recommendations and actions."""
    point = assurance_point(actions, as_of)
    review, child = actions.review, actions.child
    complete = ActionStatus.COMPLETE
    states = []
    for recommendation in actions.recommendations:
        for action in recommendation.actions:
            rag, reason = judge(action, as_of, within, point)
            late = None if rag == Rag.GREEN and action.status == complete else (as_of - action.due).days
            states.append(ActionState(review, child, recommendation, action, rag, reason, point, late))
    return states
