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
from typing import TYPE_CHECKING, NamedTuple

from cspr.model.actions import ReviewActions, actions_of, states_on
from cspr.model.agenda import Agenda, agenda_for, deadlines_on
from cspr.model.dates import long_date
from cspr.model.review import Hold
from cspr.model.statuses import Rag, StageStatus
from cspr.reports import stats as figures
from cspr.reports.overdue import items_on
from cspr.reports.rag import AgencyRag, agency_rags, review_rag
from cspr.reports.stats import Period

if TYPE_CHECKING:  # the deadline engine is loaded only where reviews are judged afresh, not from the caches
    from cspr.model.deadlines import ReviewSchedule
    from cspr.model.process import Process

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


# -- what each review gives the paper, whatever the day ---------------------------------------
# Values built by the thousand, so NamedTuples (as model/agenda.py explains).
class StageRecord(NamedTuple):
    """One stage of a review in the process's order, and what was done of it."""

    key: str
    title: str
    recurring: bool
    done: tuple[tuple[dt.date | None, dt.date], ...]  # (due, done): a one-off stage's, or each occurrence's


class ReviewPaper(NamedTuple):
    """What one review gives the board paper on any day: its agenda (what is pending), its
    stages and what was done of them, its figures and its actions. Cached per review file."""

    review: str
    recorded_through: dt.date  # the record's latest date (a report for an earlier day reads it as it stood)
    agenda: Agenda
    latest_stage: str  # the title of the latest one-off stage done, or "Not yet notified"
    stages: tuple[StageRecord, ...]  # those done or pending, in the process's order
    figures: figures.ReviewFigures
    actions: ReviewActions


def paper_of(schedule: ReviewSchedule) -> ReviewPaper:
    """What the review gives the paper. Uses nothing of the schedule's own day: what depends on
    the day is worked out from the agenda, whose series give their dates on any day."""
    review = schedule.review
    done = [s for s in schedule.states if s.state == StageStatus.DONE and s.stage.every is None]
    latest = max(done, key=lambda s: s.done).stage.title if done else "Not yet notified"
    agenda = agenda_for(schedule)
    pending = {entry.stage for entry in agenda.pending}
    stages = []
    for state in schedule.states:
        stage = state.stage
        if stage.every is not None:
            found = tuple((o.due, o.done) for o in review.occurrences.get(stage.key, ()))
        else:
            found = ((state.due, state.done),) if state.state == StageStatus.DONE else ()
        if found or stage.key in pending:  # the others are in no list of the paper on any day
            stages.append(StageRecord(stage.key, stage.title, stage.every is not None, found))
    return ReviewPaper(review.id, agenda.recorded_through, agenda, latest, tuple(stages),
                       figures.figures_of(schedule), actions_of(schedule))


def compute(process: Process, schedules: Sequence[ReviewSchedule], period: Period, as_at: dt.date) -> Board:
    """The board paper's content; `schedules` are judged on `as_at`."""
    return compute_from(process, [paper_of(schedule) for schedule in schedules], period, as_at)


def compute_from(process: Process, reviews: Sequence[ReviewPaper], period: Period, as_at: dt.date) -> Board:
    """The board paper's content from what each review gives it, judged on `as_at`."""
    ordered = sorted(reviews, key=lambda r: r.review)
    known = [r for r in ordered if r.agenda.aware <= period.end]
    open_ones = [r for r in known if not r.agenda.closed]
    completed: list[StageEvent] = []
    slipped: list[StageEvent] = []
    holds: list[HoldInPeriod] = []
    for review in known:
        found_done, found_slipped = _stage_events(review, period, as_at)
        completed += found_done
        slipped += found_slipped
        agenda = review.agenda
        holds += [HoldInPeriod(agenda.review, agenda.child, reason, start, end) for reason, start, end in agenda.holds
                  if start <= period.end and (end is None or end >= period.start)]
    completed.sort(key=lambda e: (e.done, e.review))
    slipped.sort(key=lambda e: (e.due, e.review))
    return Board(
        period=period,
        as_at=as_at,
        open_reviews=tuple(_open_review(r, as_at) for r in open_ones),
        completed=tuple(completed),
        slipped=tuple(slipped),
        holds=tuple(holds),
        agencies=agency_rags(state for r in open_ones for state in states_on(r.actions, as_at, SOON_DAYS)),
        stats=figures.compute_from(process, [r.figures for r in ordered], period, as_at),
    )


def _current_hold(agenda: Agenda, as_of: dt.date) -> Hold | None:
    for reason, start, end in agenda.holds:
        if end is None and start <= as_of:
            return Hold(reason, start, end)
    return None


def _open_review(review: ReviewPaper, as_at: dt.date) -> OpenReview:
    agenda = review.agenda
    # The stage due soonest (the first of the process's order on a tie), not counting one on hold.
    upcoming = None
    for deadline in deadlines_on(agenda, as_at, every_occurrence=False):
        if deadline.is_stage and deadline.held is None and deadline.due is not None \
                and (upcoming is None or deadline.due < upcoming.due):
            upcoming = deadline
    hold = _current_hold(agenda, as_at)
    rag, reason = review_rag(items_on(agenda, as_at, SOON_DAYS), hold)
    return OpenReview(agenda.review, agenda.child, agenda.track, review.latest_stage,
                      upcoming.stage if upcoming else None, upcoming.due if upcoming else None,
                      str(rag), reason, hold.reason if hold else None)


def _stage_events(review: ReviewPaper, period: Period, as_at: dt.date) -> tuple[list[StageEvent], list[StageEvent]]:
    agenda = review.agenda
    first, last = period.start, period.end  # compared directly: this runs for every stage of every review
    done_in: list[StageEvent] = []
    slipped: list[StageEvent] = []
    pending = None
    for stage in review.stages:
        if stage.recurring:
            for due, done in stage.done:
                if first <= done <= last or (first <= due <= last and done > due):
                    event = StageEvent(agenda.review, agenda.child, stage.key, stage.title, due, done)
                    if first <= done <= last:
                        done_in.append(event)
                    if first <= due <= last and done > due:
                        slipped.append(event)
        elif stage.done:
            due, done = stage.done[0]
            in_period = due is not None and first <= due <= last
            if first <= done <= last or (in_period and done > due):  # type: ignore[operator]
                event = StageEvent(agenda.review, agenda.child, stage.key, stage.title, due, done)
                if first <= done <= last:
                    done_in.append(event)
                if in_period and not event.on_time:
                    slipped.append(event)
            continue
        if pending is None:
            pending = {entry.stage: entry for entry in agenda.pending if not entry.reminder and not entry.is_action}
        entry = pending.get(stage.key)
        if entry is None:
            continue
        if stage.recurring:
            for day in entry.series.outstanding(as_at) if entry.series is not None else ():
                if first <= day <= last and day < as_at:
                    slipped.append(StageEvent(agenda.review, agenda.child, stage.key, stage.title, day, None))
        elif entry.due is not None and first <= entry.due <= last and as_at > entry.due \
                and not (entry.paused_by_holds and agenda.current_hold(as_at) is not None):  # overdue on the day judged
            slipped.append(StageEvent(agenda.review, agenda.child, stage.key, stage.title, entry.due, None))
    return done_in, slipped


def standing(event: StageEvent, as_at: dt.date) -> str:
    """Where a slipped deadline stands, in words: 'done 3 days late (Fri 10 Apr 2026)'."""
    if event.done is None:
        days = (as_at - event.due).days if event.due else 0
        return f"not done: {days} day{'s' if days != 1 else ''} overdue"
    days = (event.done - event.due).days if event.due else 0
    return f"done {days} day{'s' if days != 1 else ''} late ({long_date(event.done)})"
