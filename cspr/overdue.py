"""The overdue report's items: every pending deadline overdue, due soon or on hold. Pure.

Deadlines are the process's stages (a recurring stage at its earliest occurrence not yet
recorded, so a missed one stays overdue until it is recorded) and the actions answering a
review's recommendations (stage `action:R1.2`, owned by the action's agency).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from cspr.actions import is_due_soon, is_overdue
from cspr.deadlines import DUE, ON_HOLD, OVERDUE, ReviewSchedule

OVERDUE_STATUS = "overdue"
DUE_SOON = "due-soon"
HELD = "on-hold"


@dataclass(frozen=True, slots=True)
class Item:
    review: str
    child: str
    stage: str
    title: str
    owner: str
    agency: str | None
    due: dt.date | None
    status: str  # overdue | due-soon | on-hold
    days_overdue: int | None  # as_of minus due: positive when late
    reason: str | None = None  # why on hold

    def record(self) -> dict:
        return {
            "review": self.review,
            "child": self.child,
            "stage": self.stage,
            "title": self.title,
            "owner": self.owner,
            "agency": self.agency,
            "due": self.due.isoformat() if self.due else None,
            "status": self.status,
            "days_overdue": self.days_overdue,
            "reason": self.reason,
        }


FIELDS = ["review", "child", "stage", "title", "owner", "agency", "due", "status", "days_overdue", "reason"]


def items_for(schedule: ReviewSchedule, within: int) -> list[Item]:
    """One review's items: overdue, due within `within` days of as_of, or on hold."""
    as_of = schedule.as_of
    horizon = as_of + dt.timedelta(days=within)
    review = schedule.review
    found: list[Item] = []

    def item(state, status, agency=None, reason=None):
        return Item(
            review.id, review.child, state.stage.key, state.stage.title,
            state.stage.owner, agency, state.due, status,
            (as_of - state.due).days if state.due else None, reason,
        )

    for state in schedule.states:
        if state.state == ON_HOLD:
            hold = state.hold or review.current_hold(as_of)
            found.append(item(state, HELD, reason=hold.reason if hold else None))
            continue
        if state.state not in (OVERDUE, DUE) or state.due is None:
            continue
        status = OVERDUE_STATUS if state.state == OVERDUE else DUE_SOON
        if status == DUE_SOON and state.due > horizon:
            continue
        pending_agencies = [a.agency for a in state.agencies if a.done is None]
        if pending_agencies:
            found.extend(item(state, status, agency=agency) for agency in pending_agencies)
        else:
            found.append(item(state, status))
    for action in review.actions:
        if is_overdue(action, as_of):
            status = OVERDUE_STATUS
        elif is_due_soon(action, as_of, within):
            status = DUE_SOON
        else:
            continue
        found.append(Item(
            review.id, review.child, f"action:{action.key}", action.text, action.agency,
            action.agency, action.due, status, (as_of - action.due).days,
        ))
    return found


def report(schedules: Iterable[ReviewSchedule], within: int) -> list[Item]:
    """Items across every open review: most overdue first, then soonest due; holds last."""
    items = [i for s in schedules if not s.is_closed for i in items_for(s, within)]
    return sorted(items, key=_order)


def _order(item: Item) -> tuple:
    held = item.status == HELD
    return (held, -(item.days_overdue or 0) if not held else 0, item.review, item.stage, item.agency or "")
