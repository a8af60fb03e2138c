"""A review's index: the little the overdue report, the review list and the board timeline need
from its agenda. Pure.

A warm report over 10,000 reviews spent most of its time building agendas (their entries, their
series, their dates) back from the cache, only to look at a due date or two in each. The index
keeps what those two reports need, its rows as plain tuples with days as ordinals, so the cache
(`storage/index_cache.py: INDEXES`) holds them as they are and a report builds nothing:

    row = (stage, title, owner, due, agencies, from_day, paused_by_holds, is_stage)

one per pending entry a report can ever list: `agencies` is (None,) for a stage owned as a whole
(an action: its agency); `from_day` is the first day a recurring stage that stopped on quiet
days has something outstanding again (None: every day); `is_stage` is False for an action and
for the "timeline needed" reminder. It gives the same answers as the agenda on every day:
tests/reports/test_overdue_index.py holds the two together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import NamedTuple

from cspr.model.agenda import Agenda
from cspr.model.dates import ordinal

Row = tuple  # (stage, title, owner, due, agencies, from_day, paused_by_holds, is_stage)
_WHOLE = (None,)


class ReviewIndex(NamedTuple):  # a NamedTuple for speed, as model/agenda.py explains
    review: str
    child: str
    closed: bool
    aware: dt.date | None
    track: str | None
    decided: dt.date | None
    holds: tuple[tuple[str, int], ...]  # (reason, first day as an ordinal) of each hold in force, in order
    recorded_through: dt.date
    rows: tuple[Row, ...]
    held: tuple[tuple[int, int | None], ...] = ()  # every hold's first and last day (None: in force)
    done: tuple[int, ...] = ()  # the days one-off stages were done

    def held_for(self, day: int) -> str | None:
        """The reason for the hold in force on the day (an ordinal), if any."""
        for reason, start in self.holds:
            if start <= day:
                return reason
        return None


def index_of(agenda: Agenda) -> ReviewIndex:
    """The agenda's index (see above); it depends on no day, so it can be cached."""
    rows = []
    for entry in agenda.pending:
        due = ordinal(entry.due)
        from_day = None
        if entry.series is not None:
            found = entry.series
            if found.quiet and found.first > 1:
                stopped_at = found.nth(found.first - 1)
                if not found.answered or stopped_at > found.answered[-1]:
                    from_day = stopped_at.toordinal()  # `Series.is_open_on`: open from this day
            agencies = _WHOLE
        elif due is None and not entry.paused_by_holds:
            continue  # no date yet, and never held: never listed
        else:
            agencies = entry.agencies or (entry.action_agency,)
        rows.append((entry.stage, entry.title, entry.owner, due, agencies, from_day, entry.paused_by_holds,
                     not entry.is_action and not entry.reminder))
    holds = tuple((reason, start.toordinal()) for reason, start, end in agenda.holds if end is None)
    return ReviewIndex(agenda.review, agenda.child, agenda.closed, agenda.aware, agenda.track, agenda.decided,
                       holds, agenda.recorded_through, tuple(rows),
                       tuple((start.toordinal(), ordinal(end)) for _, start, end in agenda.holds),
                       tuple(day.toordinal() for day in agenda.done))


def dated_rows(index: ReviewIndex, day: int) -> Iterator[Row]:
    """The rows with a due date that count on the day (an ordinal): not paused by the hold in
    force, and (a recurring stage stopped on quiet days) outstanding again. The overdue
    report lists the paused ones too, as on hold; everything else reads only these."""
    held = index.held_for(day) is not None
    for row in index.rows:
        due, from_day, paused = row[3], row[5], row[6]
        if due is not None and not (paused and held) and (from_day is None or day >= from_day):
            yield row


def overdue_count(index: ReviewIndex, as_of: dt.date) -> int:
    """Overdue items as the overdue report counts them: stages, each agency's part, actions."""
    today = as_of.toordinal()
    return sum(len(row[4]) for row in dated_rows(index, today) if row[3] < today)


def next_stage(index: ReviewIndex, as_of: dt.date) -> tuple[str, dt.date] | None:
    """The stage due soonest (the first in the process's order among equals), not on hold, with
    its due date."""
    found = None
    for stage, _title, _owner, due, _agencies, _from_day, _paused, is_stage in dated_rows(index, as_of.toordinal()):
        if is_stage and (found is None or due < found[1]):
            found = (stage, due)
    return (found[0], dt.date.fromordinal(found[1])) if found is not None else None
