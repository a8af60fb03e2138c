"""The overdue report's items: every pending deadline overdue, due soon or on hold. Pure.

Deadlines are the process's stages (a recurring stage at its earliest occurrence not yet
recorded, so a missed one stays overdue until it is recorded) and the actions answering a
review's recommendations (stage `action:R1.2`, owned by the action's agency).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from cspr.model.agenda import Agenda, deadlines_on
from cspr.model.dates import remembered_day
from cspr.model.statuses import ItemStatus
from cspr.reports.index import ReviewIndex


class Item(NamedTuple):  # a NamedTuple for speed, as model/agenda.py explains
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


FIELDS = list(Item._fields)  # the JSON and CSV columns: the item's own fields, in order


def items_on(agenda: Agenda, as_of: dt.date, within: int) -> list[Item]:
    """One review's items on `as_of`: overdue, due within `within` days, or on hold.

    A stage is due on D and overdue from D+1. While a hold is current, the stages it pauses
    are on hold, never overdue. A per-agency stage gives one item per agency yet to confirm;
    a recurring stage one, at its earliest date not yet recorded.
    """
    horizon = as_of + dt.timedelta(days=within)
    found: list[Item] = []
    for deadline in deadlines_on(agenda, as_of, every_occurrence=False):
        due = deadline.due
        late = (as_of - due).days if due is not None else None
        if deadline.held is not None:
            found.append(Item(deadline.review, deadline.child, deadline.stage, deadline.title, deadline.owner,
                              None, due, ItemStatus.ON_HOLD, late, deadline.held))
        elif as_of > due:  # type: ignore[operator]  # only held deadlines lack a date
            found.append(Item(deadline.review, deadline.child, deadline.stage, deadline.title, deadline.owner,
                              deadline.agency, due, ItemStatus.OVERDUE, late))
        elif due <= horizon:  # type: ignore[operator]
            found.append(Item(deadline.review, deadline.child, deadline.stage, deadline.title, deadline.owner,
                              deadline.agency, due, ItemStatus.DUE_SOON, late))
    return found


def items_from_index(index: ReviewIndex, as_of: dt.date, within: int, days: dict[int, dt.date]) -> list[Item]:
    """`items_on` worked out from a review's index (reports/index.py), which a warm report reads
    from its cache as it is; `days` remembers the dates made from ordinals."""
    review, child, rows = index.review, index.child, index.rows
    today = as_of.toordinal()
    horizon = today + within
    held_for = index.held_for(today)
    found: list[Item] = []
    for stage, title, owner, due, agencies, from_day, paused, _is_stage in rows:
        if paused and held_for is not None:
            found.append(Item(review, child, stage, title, owner, None, remembered_day(days, due), ItemStatus.ON_HOLD,
                              today - due if due is not None else None, held_for))
            continue
        if due is None or due > horizon or (from_day is not None and today < from_day):
            continue
        status = ItemStatus.OVERDUE if today > due else ItemStatus.DUE_SOON
        day = remembered_day(days, due)
        for agency in agencies:
            found.append(Item(review, child, stage, title, owner, agency, day, status, today - due))
    return found


def report_from_indexes(indexes: Iterable[ReviewIndex], as_of: dt.date, within: int) -> list[Item]:
    """`report` worked out from the reviews' indexes, in review ID order."""
    days: dict[int, dt.date] = {}
    items = [item for index in indexes if not index.closed for item in items_from_index(index, as_of, within, days)]
    items.sort(key=_order)
    return items


def report(agendas: Iterable[Agenda], as_of: dt.date, within: int) -> list[Item]:
    """Items across every open review: most overdue first, then soonest due; holds last.
    (The command works them out from the reviews' indexes, `report_from_indexes`: the same
    answer, which tests/reports/test_review_index.py holds it to.)

    Ties keep the order they were found in: by review ID (the agendas come sorted), then the
    process's order of stages, then the agencies in the order the review lists them.
    """
    items = [i for agenda in agendas if not agenda.closed for i in items_on(agenda, as_of, within)]
    items.sort(key=_order)  # stable: ties stay in the order above
    return items


_LAST = 1 << 40  # after every number of days an item can be overdue by


def _order(item: Item) -> int:
    if item.status == ItemStatus.ON_HOLD:
        return _LAST
    return -(item.days_overdue or 0)
