"""A review's agenda: what it still has to do and by when, independent of the day it is read.

The overdue report judges every open review every morning. Everything it needs from a review
except the day itself (which stages are pending and their due dates, which agencies have yet
to confirm, which actions are open, the holds, whether the review is closed) does not change
until the review's file, the process or the calendar does. The agenda holds exactly that, so
it can be cached per file, and `items_on` turns it into the report's items for any day. Pure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cspr.model.statuses import ActionStatus, StageStatus

if TYPE_CHECKING:  # the deadline engine is loaded only when an agenda has to be worked out
    from cspr.model.deadlines import ReviewSchedule

HeldFor = tuple[str, dt.date, "dt.date | None"]  # a hold: (reason, from, to or None while on)


@dataclass(frozen=True, slots=True)
class Pending:
    """A stage or action not yet done, with its due date (None: no deadline yet)."""

    stage: str  # a stage key, or action:R1.2
    title: str
    owner: str
    due: dt.date | None
    agencies: tuple[str, ...] = ()  # per-agency stage: the agencies yet to confirm
    paused_by_holds: bool = False
    action_agency: str | None = None  # actions: the agency that owns it


@dataclass(frozen=True, slots=True)
class Agenda:
    review: str
    child: str
    closed: bool
    holds: tuple[HeldFor, ...]
    pending: tuple[Pending, ...]
    # The latest date in the record: a report for an earlier day reads the record as it stood.
    recorded_through: dt.date = dt.date.min

    def current_hold(self, as_of: dt.date) -> str | None:
        """The reason for the hold in force on `as_of`, if any."""
        for reason, start, end in self.holds:
            if end is None and start <= as_of:
                return reason
        return None


def agenda_for(schedule: ReviewSchedule) -> Agenda:
    """The agenda of a judged review. Uses nothing of the schedule's own day but dates."""
    from cspr.model.as_of import latest_date
    from cspr.model.deadlines import NEEDS_TIMELINE, TIMELINE_OWNER

    review = schedule.review
    pending: list[Pending] = []
    for state in schedule.states:
        stage = state.stage
        if state.state == StageStatus.DONE or (state.due is None and not stage.paused_by_holds):
            continue
        waiting = tuple(a.agency for a in state.agencies if a.done is None)
        pending.append(Pending(stage.key, stage.title, stage.owner, state.due, waiting, stage.paused_by_holds))
    wanted = schedule.needs_timeline
    if wanted is not None:
        pending.append(Pending(NEEDS_TIMELINE, f"Timeline needed: no date agreed for {wanted.stage.key}",
                               TIMELINE_OWNER, wanted.due))
    for action in review.actions:
        if action.status != ActionStatus.COMPLETE:
            pending.append(Pending(f"action:{action.key}", action.text, action.agency, action.due,
                                   action_agency=action.agency))
    holds = tuple((hold.reason, hold.start, hold.end) for hold in review.holds)
    return Agenda(review.id, review.child, schedule.is_closed, holds, tuple(pending), latest_date(review))
