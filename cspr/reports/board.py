"""The quarterly paper for the partnership board: where every review stands, and what happened in the period. Pure.

Everything is judged on one day (`as_at`: the period's last day, or today if sooner), from
the same schedules, overdue items, action ratings and yearly figures the other reports use:
nothing here counts a deadline again.

Quarters are financial quarters, as `cspr stats` uses financial years: Q1 is April to June,
Q2 July to September, Q3 October to December, Q4 January to March of the next calendar year.
`2026-Q3` is October to December 2026, in the financial year 2026/27.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from cspr.model.actions import action_states
from cspr.model.dates import long_date
from cspr.model.deadlines import ReviewSchedule
from cspr.model.process import Process
from cspr.model.statuses import Rag, StageStatus
from cspr.reports import stats as figures
from cspr.reports.overdue import items_for
from cspr.reports.rag import AgencyRag, agency_rags, review_rag
from cspr.reports.stats import Period

SOON_DAYS = 14  # amber: something falls due within a fortnight (as `cspr overdue` looks ahead)
_QUARTER = re.compile(r"^\s*(\d{4})\s*-?\s*[Qq]([1-4])\s*$")
_FIRST_MONTH = {1: 4, 2: 7, 3: 10, 4: 1}
_MONTHS = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def quarter(year: int, number: int) -> Period:
    """Financial quarter `number` of the financial year starting in April `year`."""
    start_year = year + 1 if number == 4 else year
    first = _FIRST_MONTH[number]
    start = dt.date(start_year, first, 1)
    end = (dt.date(start_year, first + 3, 1) if first + 3 <= 12 else dt.date(start_year + 1, 1, 1)) - dt.timedelta(days=1)
    label = (f"Q{number} {year}/{str(year + 1)[-2:]} "
             f"({_MONTHS[start.month]} to {_MONTHS[end.month]} {end.year})")
    return Period(start, end, label=label)


def parse_quarter(text: str) -> Period:
    """'2026-Q3' (or 2026Q3, 2026-q3) -> October to December 2026. Raises ValueError."""
    match = _QUARTER.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a quarter; write the financial year's first year and the quarter, "
                         "such as 2026-Q3 (October to December 2026; Q1 is April to June)")
    return quarter(int(match.group(1)), int(match.group(2)))


def quarter_of(day: dt.date) -> Period:
    """The financial quarter holding `day`."""
    year = day.year if day.month >= 4 else day.year - 1
    number = {4: 1, 5: 1, 6: 1, 7: 2, 8: 2, 9: 2, 10: 3, 11: 3, 12: 3}.get(day.month, 4)
    return quarter(year, number)


@dataclass(frozen=True)
class OpenReview:
    """A review still open on the day judged, with its RAG rating and why."""

    id: str
    child: str
    track: str | None
    stage: str  # the latest stage done (its title), or "Not yet notified"
    next_stage: str | None
    next_due: dt.date | None
    rag: str
    reason: str
    hold: str | None  # the reason, while on hold


@dataclass(frozen=True)
class StageEvent:
    """A stage completed in the period, or one whose deadline fell in it and slipped."""

    review: str
    child: str
    stage: str
    title: str
    due: dt.date | None
    done: dt.date | None

    @property
    def on_time(self) -> bool:
        return self.due is None or (self.done is not None and self.done <= self.due)


@dataclass(frozen=True)
class HoldInPeriod:
    review: str
    child: str
    reason: str
    start: dt.date
    end: dt.date | None


@dataclass(frozen=True)
class Board:
    period: Period
    as_at: dt.date
    open_reviews: tuple[OpenReview, ...]
    completed: tuple[StageEvent, ...]
    slipped: tuple[StageEvent, ...]
    holds: tuple[HoldInPeriod, ...]
    agencies: tuple[AgencyRag, ...]
    stats: figures.Stats

    @property
    def rag_counts(self) -> dict[str, int]:
        return {rag: sum(1 for r in self.open_reviews if r.rag == rag) for rag in Rag}


def compute(process: Process, schedules: Sequence[ReviewSchedule], period: Period, as_at: dt.date) -> Board:
    """The board paper's content; `schedules` are judged on `as_at`."""
    ordered = sorted(schedules, key=lambda s: s.review.id)
    known = [s for s in ordered if s.review.aware <= period.end]
    open_ones = [s for s in known if not s.is_closed]
    completed: list[StageEvent] = []
    slipped: list[StageEvent] = []
    holds: list[HoldInPeriod] = []
    for schedule in known:
        found_done, found_slipped = _stage_events(schedule, period, as_at)
        completed += found_done
        slipped += found_slipped
        review = schedule.review
        holds += [HoldInPeriod(review.id, review.child, h.reason, h.start, h.end) for h in review.holds
                  if h.start <= period.end and (h.end is None or h.end >= period.start)]
    completed.sort(key=lambda e: (e.done, e.review))
    slipped.sort(key=lambda e: (e.due, e.review))
    return Board(
        period=period,
        as_at=as_at,
        open_reviews=tuple(_open_review(s) for s in open_ones),
        completed=tuple(completed),
        slipped=tuple(slipped),
        holds=tuple(holds),
        agencies=_agencies(open_ones),
        stats=figures.compute(process, ordered, period, as_at),
    )


def _open_review(schedule: ReviewSchedule) -> OpenReview:
    review = schedule.review
    done = [s for s in schedule.states if s.state == StageStatus.DONE and s.stage.every is None]
    stage = max(done, key=lambda s: s.done).stage.title if done else "Not yet notified"
    pending = [s for s in schedule.states if s.state in (StageStatus.OVERDUE, StageStatus.DUE) and s.due]
    upcoming = min(pending, key=lambda s: s.due) if pending else None
    hold = review.current_hold(schedule.as_of)
    rag, reason = review_rag(items_for(schedule, SOON_DAYS), hold)
    return OpenReview(review.id, review.child, review.track, stage,
                      upcoming.stage.key if upcoming else None, upcoming.due if upcoming else None,
                      str(rag), reason, hold.reason if hold else None)


def _stage_events(schedule: ReviewSchedule, period: Period, as_at: dt.date) -> tuple[list[StageEvent], list[StageEvent]]:
    review = schedule.review
    done_in: list[StageEvent] = []
    slipped: list[StageEvent] = []
    for state in schedule.states:
        stage = state.stage
        if stage.every is not None:
            for occurrence in review.occurrences.get(stage.key, ()):
                event = StageEvent(review.id, review.child, stage.key, stage.title, occurrence.due, occurrence.done)
                if occurrence.done in period:
                    done_in.append(event)
                if occurrence.due in period and occurrence.done > occurrence.due:
                    slipped.append(event)
            for day in state.outstanding:
                if day in period and day < as_at:
                    slipped.append(StageEvent(review.id, review.child, stage.key, stage.title, day, None))
            continue
        if state.state == StageStatus.DONE:
            event = StageEvent(review.id, review.child, stage.key, stage.title, state.due, state.done)
            if state.done in period:
                done_in.append(event)
            if state.due in period and not event.on_time:
                slipped.append(event)
        elif state.state == StageStatus.OVERDUE and state.due in period:
            slipped.append(StageEvent(review.id, review.child, stage.key, stage.title, state.due, None))
    return done_in, slipped


def _agencies(schedules: Sequence[ReviewSchedule]) -> tuple[AgencyRag, ...]:
    return agency_rags(state for schedule in schedules for state in action_states(schedule, SOON_DAYS))


def standing(event: StageEvent, as_at: dt.date) -> str:
    """Where a slipped deadline stands, in words: 'done 3 days late (Fri 10 Apr 2026)'."""
    if event.done is None:
        days = (as_at - event.due).days if event.due else 0
        return f"not done: {days} day{'s' if days != 1 else ''} overdue"
    days = (event.done - event.due).days if event.due else 0
    return f"done {days} day{'s' if days != 1 else ''} late ({long_date(event.done)})"
