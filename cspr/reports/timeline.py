"""What a timeline shows: each stage's due, planned and actual dates, holds and today. Pure.

A `Timeline` is a list of labelled lines, each a list of `Mark`s (a day or a span of days).
`layout` places the marks on a grid of character cells for a given width; drawing the grid
(plain characters or rich colour) is `views_timeline`'s job.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from cspr.model.dates import day_count, decided_phrase, lateness, long_date
from cspr.model.deadlines import ReviewSchedule, StageState
from cspr.model.review import Hold
from cspr.model.statuses import StageStatus
from cspr.reports.index import ReviewIndex, dated_rows

# Kinds of mark, in the order they win a cell they share (first wins).
DONE_MARK = "done"  # the day a stage was done
DUE_MARK = "due"  # the deadline (the rule's, or the plan when the process gives none)
PLANNED_MARK = "planned"  # the date agreed in the timeline, when the process also sets a deadline
TODAY_MARK = "today"
OVERDUE_SPAN = "overdue"  # from the day after the deadline to today, still not done
LATE_SPAN = "late"  # from the day after the deadline to the day it was done
HOLD_SPAN = "hold"  # parallel proceedings
PRECEDENCE = (DONE_MARK, DUE_MARK, PLANNED_MARK, TODAY_MARK, OVERDUE_SPAN, LATE_SPAN, HOLD_SPAN)

ONE_DAY = dt.timedelta(days=1)


class Mark(NamedTuple):  # a NamedTuple for speed, as model/agenda.py explains: the board
    kind: str              # timeline of 10,000 reviews has over 100,000 marks
    start: dt.date
    end: dt.date | None = None  # for spans: the last day covered

    @property
    def last(self) -> dt.date:
        return self.end or self.start


@dataclass(frozen=True)
class Line:
    label: str
    marks: tuple[Mark, ...]
    note: str = ""
    state: str | None = None  # done | overdue | due | on-hold | waiting | no-deadline


@dataclass(frozen=True)
class Timeline:
    facts: tuple[str, ...]  # the heading, in parts (joined by each renderer in its own way)
    today: dt.date
    lines: tuple[Line, ...]


# -- building -------------------------------------------------------------------------------

def _late_span(due: dt.date | None, done: dt.date | None) -> list[Mark]:
    if due is None or done is None or done <= due + ONE_DAY:
        return []
    return [Mark(LATE_SPAN, due + ONE_DAY, done - ONE_DAY)]


def _overdue_span(due: dt.date | None, today: dt.date) -> list[Mark]:
    if due is None or today <= due:
        return []
    return [Mark(OVERDUE_SPAN, due + ONE_DAY, today)]


def _hold_spans(holds: Sequence[Hold], today: dt.date) -> list[Mark]:
    return [Mark(HOLD_SPAN, h.start, h.end or today) for h in holds if h.start <= today]


def _stage_note(state: StageState, today: dt.date) -> str:
    if state.state == StageStatus.DONE:
        if state.stage.every is not None:
            return f"{state.recorded} recorded"
        note = f"done {long_date(state.done)}" if state.done else "done"
        if state.due and state.done and state.done > state.due:
            note += f", {day_count((state.done - state.due).days)} late"
        return note
    planned = f", planned {long_date(state.planned)}" if state.planned and state.stage.due else ""
    if state.state == StageStatus.OVERDUE and state.due:
        return f"due {long_date(state.due)}, {lateness((today - state.due).days)}{planned}"
    if state.state == StageStatus.DUE and state.due:
        return f"due {long_date(state.due)}{planned}"
    if state.state == StageStatus.ON_HOLD:
        return f"on hold: {state.hold.reason}" if state.hold else "on hold"
    if state.state == StageStatus.WAITING and state.waiting_for:
        return f"waiting for {state.waiting_for}"
    if state.state == StageStatus.NO_DEADLINE:
        return "no date agreed yet"
    if state.state == StageStatus.SKIPPED:
        return f"not needed: {state.note}" if state.note else "not needed"
    return state.state


def stage_lines(schedule: ReviewSchedule, state: StageState) -> list[Line]:
    """The line for one stage, and one more per agency for a stage confirmed agency by agency."""
    stage, today, review = state.stage, schedule.as_of, schedule.review
    marks: list[Mark] = []
    if stage.paused_by_holds:
        marks += _hold_spans(review.holds, today)
    if stage.every is not None:
        for occurrence in review.occurrences.get(stage.key, ()):
            marks.append(Mark(DONE_MARK, occurrence.done))
            marks += _late_span(occurrence.due, occurrence.done)
        for day in state.outstanding:
            marks.append(Mark(DUE_MARK, day))
        if state.outstanding:
            marks += _overdue_span(state.outstanding[0], today)
    else:
        if state.due is not None and state.state != StageStatus.ON_HOLD:
            marks.append(Mark(DUE_MARK, state.due))
        if state.planned is not None and stage.due is not None:
            marks.append(Mark(PLANNED_MARK, state.planned))
        if state.done is not None:
            marks.append(Mark(DONE_MARK, state.done))
            marks += _late_span(state.due, state.done)
        elif state.state == StageStatus.OVERDUE:
            marks += _overdue_span(state.due, today)
    lines = [Line(stage.key, tuple(marks), _stage_note(state, today), state.state)]
    for agency in state.agencies:
        agency_marks: list[Mark] = []
        if agency.done is not None:
            agency_marks.append(Mark(DONE_MARK, agency.done))
            agency_marks += _late_span(state.due, agency.done)
            note = f"done {long_date(agency.done)}"
            agency_state = StageStatus.DONE
        else:
            if state.due is not None:
                agency_marks.append(Mark(DUE_MARK, state.due))
            agency_marks += _overdue_span(state.due, today) if state.state == StageStatus.OVERDUE else []
            agency_state = state.state
            note = "not yet confirmed"
        lines.append(Line(f"  {agency.agency}", tuple(agency_marks), note, agency_state))
    return lines


def review_timeline(schedule: ReviewSchedule) -> Timeline:
    """One line per stage of one review (and per agency), with a line for any holds."""
    review, today = schedule.review, schedule.as_of
    lines: list[Line] = []
    for state in schedule.states:
        lines.extend(stage_lines(schedule, state))
    if review.holds:
        current = review.current_hold(today)
        note = f"on hold since {long_date(current.start)}: {current.reason}" if current else \
            f"{day_count(sum(h.days() for h in review.holds))} on hold"
        lines.append(Line("on hold", tuple(_hold_spans(review.holds, today)), note, StageStatus.ON_HOLD if current else None))
    facts = [f"{review.id}: {review.child}", f"aware {long_date(review.aware)}"]
    if review.decision:
        facts.append(f"{decided_phrase(review.decision.track)} {long_date(review.decision.on)}")
    else:
        facts.append("awaiting decision")
    if schedule.is_closed:
        facts.append("closed")
    facts.append(f"as of {long_date(today)}")
    return Timeline(tuple(facts), today, tuple(lines))


def review_line(index: ReviewIndex, today: dt.date) -> Line:
    """A whole review on one line: what was done, what is due, slippage, holds."""
    day = today.toordinal()
    date = dt.date.fromordinal
    marks: list[Mark] = [Mark(HOLD_SPAN, date(start), date(end) if end is not None else today)
                         for start, end in index.held if start <= day]
    # (due date, stage) of every stage with a deadline still to meet, soonest first
    pending: list[tuple[int, str]] = []
    for stage, _title, _owner, due, _agencies, _from_day, _paused, is_stage in dated_rows(index, day):
        if is_stage and (not pending or pending[-1][1] != stage):
            pending.append((due, stage))
    pending.sort()
    overdue = [due for due, _ in pending if day > due]
    marks += [Mark(DONE_MARK, date(done)) for done in index.done]
    marks += [Mark(DUE_MARK, date(due)) for due, _ in pending]
    if overdue:
        marks += _overdue_span(date(overdue[0]), today)
    hold = index.held_for(day)
    notes = []
    if overdue:
        notes.append(f"{len(overdue)} overdue")
    upcoming = [(due, key) for due, key in pending if day <= due]
    if upcoming:
        notes.append(f"next {upcoming[0][1]} {long_date(date(upcoming[0][0]))}")
    if hold:
        notes.append(f"on hold: {hold}")
    if not notes:
        notes.append("awaiting decision" if index.track is None else "nothing due")
    state = StageStatus.OVERDUE if overdue else (StageStatus.ON_HOLD if hold else StageStatus.DUE)
    return Line(index.review, tuple(marks), "; ".join(notes), state)


def board_timeline(indexes: Sequence[ReviewIndex], today: dt.date) -> Timeline:
    """One line per open review, for board meetings."""
    open_reviews = sorted((i for i in indexes if not i.closed), key=lambda i: (i.aware, i.review))
    lines = tuple(review_line(i, today) for i in open_reviews)
    return Timeline((f"Open reviews as of {long_date(today)}",), today, lines)


# -- placing on a grid ----------------------------------------------------------------------

@dataclass(frozen=True)
class Grid:
    """The timeline laid out in character cells: `cells[row][column]` is a mark kind or None."""

    timeline: Timeline
    start: dt.date  # the first day shown (the 1st of a month)
    end: dt.date  # the last day shown (the last of a month)
    width: int  # columns of the chart
    cells: tuple[tuple[str | None, ...], ...]
    ticks: tuple[tuple[int, str], ...]  # (column, label) along the axis
    today_column: int | None

    def column(self, day: dt.date) -> int:
        return column_of(day, self.start, self.end, self.width)


def column_of(day: dt.date, start: dt.date, end: dt.date, width: int) -> int:
    """The column a day falls in: one day per column when the chart is wide enough."""
    span = (end - start).days
    if span <= 0 or width <= 1:
        return 0
    return round((day - start).days * (width - 1) / span)


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def span_of(timeline: Timeline) -> tuple[dt.date, dt.date]:
    """From the 1st of the earliest month with a mark (or today) to the last day of the latest."""
    days = [timeline.today]
    for line in timeline.lines:
        for mark in line.marks:
            days += [mark.start, mark.last]
    return _month_start(min(days)), _next_month(max(days)) - ONE_DAY


def _ticks(start: dt.date, end: dt.date, width: int) -> tuple[tuple[int, str], ...]:
    """Month labels along the axis: every month if they fit, else every 3, 6, 12... months."""
    months = []
    day = start
    while day <= end:
        months.append(day)
        day = _next_month(day)
    for step in (1, 3, 6, 12, 24, 60, 120):
        chosen = [m for m in months if (m.year * 12 + m.month - 1) % step == 0] or months[:1]
        ticks: list[tuple[int, str]] = []
        for month in chosen:
            label = f"{month:%b %Y}" if not ticks or month.month == 1 else f"{month:%b}"
            column = column_of(month, start, end, width)
            if ticks and column <= ticks[-1][0] + len(ticks[-1][1]) + 1:  # "|Apr |May": a space between
                break
            ticks.append((column, label))
        else:
            return tuple(ticks)
    return ((0, f"{start:%b %Y}"),)


def layout(timeline: Timeline, width: int) -> Grid:
    """Place every mark in a chart at most `width` columns wide (one column per day at most).

    A cell shared by several marks shows the one first in PRECEDENCE: the marks are painted
    from the last kind to the first, each over a whole slice of the row at once.
    """
    start, end = span_of(timeline)
    width = max(1, min(width, (end - start).days + 1))
    rank = {kind: index for index, kind in enumerate(PRECEDENCE)}
    origin, final = start.toordinal(), end.toordinal()
    columns = [column_of(start + dt.timedelta(days=n), start, end, width) for n in range(final - origin + 1)]
    today_column = column_of(timeline.today, start, end, width)
    today = Mark(TODAY_MARK, timeline.today)
    rows = []
    for line in timeline.lines:
        row: list[str | None] = [None] * width
        for kind, first_day, last_day in sorted((*line.marks, today), key=lambda mark: rank[mark.kind], reverse=True):
            first = columns[max(first_day.toordinal(), origin) - origin]
            last = columns[min((last_day or first_day).toordinal(), final) - origin]
            if first <= last:
                row[first:last + 1] = [kind] * (last + 1 - first)
        rows.append(tuple(row))
    return Grid(timeline, start, end, width, tuple(rows), _ticks(start, end, width), today_column)
