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
import struct
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING, NamedTuple

from cspr.model.actions import actions_of, latest_point, rag_on
from cspr.model.agenda import agenda_for
from cspr.model.dates import long_date, ordinal, remembered_day
from cspr.model.series import from_plain, to_plain
from cspr.model.statuses import ActionStatus, Rag, StageStatus
from cspr.reports import stats as figures
from cspr.reports.index import ReviewIndex, dated_rows, index_of
from cspr.reports.rag import AgencyRag, agency_rags, rag_of
from cspr.reports.stats import Period

if TYPE_CHECKING:  # the deadline engine is loaded only where reviews are judged afresh, not from the caches
    from cspr.model.deadlines import ReviewSchedule
    from cspr.model.process import Process, Stage

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


# The paper's rows are NamedTuples, as the values built by the thousand are (model/agenda.py
# says why): a paper over 10,000 reviews lists about 26,000.
class OpenReview(NamedTuple):
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


class StageEvent(NamedTuple):
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


class HoldInPeriod(NamedTuple):
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
        found = Counter(r.rag for r in self.open_reviews)  # one pass over 8,000 reviews, not three
        return {rag: found[rag] for rag in Rag}


# -- what each review gives the paper, whatever the day ---------------------------------------
# Plain values, days as ordinals: the paper reads 10,000 of them from their cache on every run,
# and building their agendas, stages and actions back as objects was most of its time. A date
# is made only for what the paper lists.
# Each stage done, and each occurrence of a recurring one done, as four numbers packed in
# bytes: (the day done, its due day or 0, its order, the stage's place in the process's list of
# stages). `order` puts a review's events back in the process's order. Packed, a paper's 180,000
# are read from the cache as one string per review, and only those done in its period are unpacked.
DONE = struct.Struct("<4i")
PendingRow = tuple  # (stage key, title, order, due or None, paused by holds, series): a stage
#                     pending; series is a recurring one's (model/series.py: to_plain), else None
ActionRow = tuple  # (agency, complete, due, last update or None)


class ReviewPaper(NamedTuple):
    """What one review gives the board paper on any day: its index (what is pending, as the
    overdue report reads it), its holds, what was done of its stages and what is pending of
    them, its figures and its actions. Cached per review file."""

    review: str
    recorded_through: dt.date  # the record's latest date (a report for an earlier day reads it as it stood)
    index: ReviewIndex  # less its `done`, which the paper does not read (`paper_of`)
    holds: tuple[tuple[str, int, int | None], ...]  # every hold: (reason, first day, last day or None)
    latest_stage: str  # the title of the latest one-off stage done, or "Not yet notified"
    # Packed (`DONE`), sorted by the day done (then `order`): a paper reads only the end, done in
    # its period or after; most of a review's stages were done before it.
    done: bytes
    pending: tuple[PendingRow, ...]  # in the process's order
    figures: figures.ReviewFigures
    actions: tuple[ActionRow, ...]  # in the order of the recommendations and their actions
    assurance: tuple[tuple, ...]  # the series of its assurance stages (model/series.py: to_plain)


def paper_of(schedule: ReviewSchedule) -> ReviewPaper:
    """What the review gives the paper. Uses nothing of the schedule's own day: what depends on
    the day is worked out from the index and the series, which give their dates on any day."""
    review = schedule.review
    done = [s for s in schedule.states if s.state == StageStatus.DONE and s.stage.every is None]
    latest = max(done, key=lambda s: s.done).stage.title if done else "Not yet notified"
    agenda = agenda_for(schedule)
    pending = {entry.stage: entry for entry in agenda.pending}
    place = {stage.key: number for number, stage in enumerate(schedule.process.stages)}
    done_rows: list[tuple[int, int, int, int]] = []
    pending_rows: list[PendingRow] = []
    for state in schedule.states:  # the process's order: `order` counts the events in it
        stage = state.stage
        if stage.every is not None:
            found = [(o.done.toordinal(), ordinal(o.due) or 0) for o in review.occurrences.get(stage.key, ())]
        else:
            found = [(state.done.toordinal(), ordinal(state.due) or 0)] \
                if state.state == StageStatus.DONE and state.done is not None else []
        done_rows += [(on, due, len(done_rows) + len(pending_rows), place[stage.key]) for on, due in found]
        entry = pending.get(stage.key)
        if entry is not None and not (found and stage.every is None):  # a one-off stage done is pending no more
            pending_rows.append((stage.key, stage.title, len(done_rows) + len(pending_rows), ordinal(entry.due),
                                 entry.paused_by_holds, to_plain(entry.series) if entry.series is not None else None))
    done_rows.sort(key=itemgetter(0, 2))
    actions = actions_of(schedule)
    rows = tuple((action.agency, action.status == ActionStatus.COMPLETE, action.due.toordinal(),
                  action.last_update.on.toordinal() if action.last_update else None)
                 for recommendation in actions.recommendations for action in recommendation.actions)
    # The paper reads no index's `done` (the days stages were done: the timeline's), so it is
    # left out: a ninth of what a paper over 10,000 reviews reads from its cache.
    return ReviewPaper(review.id, agenda.recorded_through, index_of(agenda)._replace(done=()),
                       tuple((reason, start.toordinal(), ordinal(end)) for reason, start, end in agenda.holds),
                       latest, b"".join(DONE.pack(*row) for row in done_rows), tuple(pending_rows),
                       figures.figures_of(schedule), rows,
                       tuple(map(to_plain, actions.assurance)))


def compute(process: Process, schedules: Sequence[ReviewSchedule], period: Period, as_at: dt.date) -> Board:
    """The board paper's content; `schedules` are judged on `as_at`."""
    return compute_from(process, [paper_of(schedule) for schedule in schedules], period, as_at)


def compute_from(process: Process, reviews: Sequence[ReviewPaper], period: Period, as_at: dt.date) -> Board:
    """The board paper's content from what each review gives it, judged on `as_at`."""
    ordered = sorted(reviews, key=lambda r: r.review)
    end = period.end
    known = [r for r in ordered if r.index.aware <= end]
    open_ones = [r for r in known if not r.index.closed]
    days: dict[int, dt.date] = {}  # the dates made from ordinals, each made once
    completed: list[StageEvent] = []
    slipped: list[StageEvent] = []
    holds: list[HoldInPeriod] = []
    first, last = period.start.toordinal(), end.toordinal()
    window = (period.start, end)
    for review in known:
        _stage_events(review, process.stages, first, last, window, as_at, days, completed, slipped)
        if review.holds:  # few reviews have any: no list made for the others
            holds += [HoldInPeriod(review.review, review.index.child, reason, remembered_day(days, start),
                                   remembered_day(days, stop))
                      for reason, start, stop in review.holds if start <= last and (stop is None or stop >= first)]
    # By the day done, then the review; by the day due, then the review (StageEvent's fields).
    # The events were added review by review, in ID order, and a sort keeps the order of equal
    # keys: so the day alone gives that order, without a key made of two for each event.
    completed.sort(key=itemgetter(5))
    slipped.sort(key=itemgetter(4))
    return Board(
        period=period,
        as_at=as_at,
        open_reviews=tuple(_open_review(r, as_at, days) for r in open_ones),
        completed=tuple(completed),
        slipped=tuple(slipped),
        holds=tuple(holds),
        agencies=agency_rags(rating for r in open_ones for rating in _action_ratings(r, as_at)),
        stats=figures.compute_from(process, [r.figures for r in ordered], period, as_at),
    )


def _open_review(review: ReviewPaper, as_at: dt.date, days: dict[int, dt.date]) -> OpenReview:
    index = review.index
    rag, reason, hold, upcoming = rating_and_next(index, as_at)  # the next stage not counting one on hold
    return OpenReview(index.review, index.child, index.track, review.latest_stage,
                      upcoming[0] if upcoming else None, remembered_day(days, upcoming[1]) if upcoming else None,
                      str(rag), reason, hold)


def rating(index: ReviewIndex, as_at: dt.date) -> tuple[Rag, str, str | None]:
    """The review's rating and why (`rag.review_rag` of its overdue-report items), and the hold
    it is on: counted from its index's rows, without building the items (0.1 s over 8,000 open
    reviews). tests/reports/test_board_rating.py holds it to `review_rag`."""
    return rating_and_next(index, as_at)[:3]


def rating_and_next(index: ReviewIndex, as_at: dt.date) -> tuple[Rag, str, str | None, tuple[str, int] | None]:
    """`rating`, and the next stage as `index.next_stage` finds it (its due day an ordinal):
    one pass over the rows, not two. tests/reports/test_board_rating.py holds it to both."""
    today = as_at.toordinal()
    horizon = today + SOON_DAYS
    hold = index.held_for(today)
    overdue, nearest, upcoming = 0, None, None
    for stage, _title, _owner, due, agencies, _from_day, _paused, is_stage in dated_rows(index, today):
        if is_stage and (upcoming is None or due < upcoming[1]):
            upcoming = (stage, due)
        if due > horizon:
            continue  # not due soon
        if today > due:
            overdue += len(agencies)  # one item per agency yet to confirm
        elif nearest is None or due < nearest:
            nearest = due
    rag, reason = rag_of(overdue, today - nearest if nearest is not None else None, hold)
    return rag, reason, hold, upcoming


def _action_ratings(review: ReviewPaper, as_at: dt.date) -> Iterator[tuple[str, str]]:
    """(agency, rating) of each of the review's actions on `as_at`, as `cspr actions` rates them."""
    today = as_at.toordinal()
    at: int | None = -1  # the assurance point, worked out when first needed: -1 not yet
    for agency, complete, due, last_update in review.actions:
        if at == -1 and not complete and due >= today:  # otherwise green or red, whatever the point
            point = latest_point(map(from_plain, review.assurance), as_at)
            at = point.toordinal() if point is not None else None
        yield agency, rag_on(complete, due, last_update, today, SOON_DAYS, at)


def _stage_events(review: ReviewPaper, stages: Sequence[Stage], first: int, last: int, window: tuple[dt.date, dt.date],
                  as_at: dt.date, days: dict[int, dt.date], done_in: list[StageEvent], slipped: list[StageEvent]) -> None:
    """The review's stages done in the period [first, last] (`window`: the same two days as
    dates), and its deadlines in it that slipped (done late, or not done by `as_at`), added to
    the two lists."""
    name, child = review.review, review.index.child
    today = as_at.toordinal()
    late: list[tuple[int, StageEvent]] = []  # (order, event): put back in the process's order
    # Whatever was done before the period is in neither list: done in it, or late for a
    # deadline in it (so done after its first day). They are sorted by the day done.
    done, size = review.done, DONE.size
    start = len(done)
    while start and DONE.unpack_from(done, start - size)[0] >= first:
        start -= size
    for day_done, due, order, place in DONE.iter_unpack(done[start:]) if start < len(done) else ():
        done_in_period = day_done <= last
        due_slipped = due != 0 and first <= due <= last and day_done > due
        if done_in_period or due_slipped:
            stage = stages[place]
            event = StageEvent(name, child, stage.key, stage.title, remembered_day(days, due or None),
                               remembered_day(days, day_done))
            if done_in_period:
                done_in.append(event)
            if due_slipped:
                late.append((order, event))
    held = None
    for key, title, order, due, paused, series in review.pending:
        if due is None or due > last or due >= today:
            continue  # nothing of it outstanding in the period on the day judged
        if series is not None:  # a recurring stage: each date outstanding on as_at
            # `due` is its first date not yet recorded: the series is read only when that date
            # is in the period and before the day judged.
            for day in from_plain(series).outstanding_within(as_at, *window):
                if day < as_at:
                    late.append((order, StageEvent(name, child, key, title, day, None)))
            continue
        if held is None:
            held = review.index.held_for(today) is not None
        if due >= first and not (paused and held):  # overdue on the day judged
            late.append((order, StageEvent(name, child, key, title, remembered_day(days, due), None)))
    if late:
        if len(late) > 1:
            late.sort(key=itemgetter(0))  # stable: a stage's dates stay in their order
        slipped += [event for _, event in late]


def standing(event: StageEvent, as_at: dt.date) -> str:
    """Where a slipped deadline stands, in words: 'done 3 days late (Fri 10 Apr 2026)'."""
    if event.done is None:
        days = (as_at - event.due).days if event.due else 0
        return f"not done: {days} day{'s' if days != 1 else ''} overdue"
    days = (event.done - event.due).days if event.due else 0
    return f"done {days} day{'s' if days != 1 else ''} late ({long_date(event.done)})"
