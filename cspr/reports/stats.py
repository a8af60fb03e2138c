"""The figures for the partnership's yearly report: what happened to CSPRs in a period. Pure.

Every on-time judgement comes from ReviewSchedule (the process's rules and the workspace's
working days), never from a rule written again here. The rule behind each figure is stated in
docs/reports.md; keep the two in step.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from cspr.model.dates import from_ordinal, ordinal
from cspr.model.statuses import ActionStatus, StageStatus

if TYPE_CHECKING:  # the deadline engine is loaded only where reviews are judged afresh, not from the caches
    from cspr.model.deadlines import ReviewSchedule
    from cspr.model.process import Process

# Stage keys the figures read (the process file says to keep the default keys: scripts use them).
NOTIFICATION = "notification"
RAPID_REVIEW = "rapid-review"
PUBLISHED = "published"
BRIEFING = "briefing-circulated"


@dataclass(frozen=True)
class Period:
    """The days the figures cover, first and last included."""

    start: dt.date
    end: dt.date
    year: int | None = None  # the financial year it is (April `year` to March `year + 1`)
    label: str | None = None  # what else it is called ("Q3 2026/27 (October to December 2026)")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    @property
    def name(self) -> str:
        if self.label is not None:
            return self.label
        if self.year is not None:
            return f"financial year {self.year}/{str(self.year + 1)[-2:]}"
        return "period"


def financial_year(year: int) -> Period:
    """1 April `year` to 31 March `year + 1`, as yearly reports use."""
    return Period(dt.date(year, 4, 1), dt.date(year + 1, 3, 31), year)


def financial_year_of(day: dt.date) -> Period:
    return financial_year(day.year if day.month >= 4 else day.year - 1)


@dataclass(frozen=True)
class OnTime:
    """Stages completed in the period, and which of them were late."""

    reviews: tuple[str, ...]
    late: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.reviews)

    @property
    def on_time(self) -> int:
        return self.count - len(self.late)


@dataclass(frozen=True)
class Publication:
    """One local review published in the period."""

    review: str
    decided: dt.date
    published: dt.date
    deadline: dt.date | None  # the process's rule counted without any hold (6 months after decision)
    deadline_with_holds: dt.date | None  # the same, moved later by the holds
    days_on_hold: int
    hold_reasons: tuple[str, ...]

    @property
    def days(self) -> int:
        """Calendar days from the decision to publication."""
        return (self.published - self.decided).days

    @property
    def within_deadline(self) -> bool | None:
        return None if self.deadline is None else self.published <= self.deadline

    @property
    def on_time_with_holds(self) -> bool | None:
        if self.deadline_with_holds is None:
            return None
        return self.published <= self.deadline_with_holds


@dataclass(frozen=True)
class AgencyActions:
    agency: str
    completed: int  # completed in the period
    open: int  # not complete on the as-at day
    overdue: int  # not complete on the as-at day and due before it


@dataclass(frozen=True)
class Stats:
    period: Period
    as_at: dt.date  # open and overdue are judged on this day: the period's end, or today if sooner
    notified: OnTime
    rapid_reviews: OnTime
    decisions: dict[str, tuple[str, ...]]  # track -> reviews decided in the period
    publications: tuple[Publication, ...]
    rules: dict[str, str]  # stage key -> its rule, e.g. published: "6 months after decision"
    briefings: tuple[str, ...]
    actions: tuple[AgencyActions, ...]
    themes: tuple[tuple[str, int], ...]  # (theme, reviews), most frequent first

    @property
    def median_days(self) -> float | int | None:
        days = sorted(p.days for p in self.publications)
        if not days:
            return None
        # statistics.median's rule; the module brings random, fractions and decimal with it.
        half = len(days) // 2
        middle = days[half] if len(days) % 2 else (days[half - 1] + days[half]) / 2
        return int(middle) if middle == int(middle) else middle  # 219, not 219.0; 219.5 stays

    @property
    def longest_days(self) -> int | None:
        return max((p.days for p in self.publications), default=None)

    @property
    def within_deadline(self) -> int:
        return sum(1 for p in self.publications if p.within_deadline)

    @property
    def on_time_with_holds(self) -> int:
        return sum(1 for p in self.publications if p.on_time_with_holds)

    @property
    def delayed(self) -> tuple[Publication, ...]:
        """Published in the period after parallel proceedings held publication up."""
        return tuple(p for p in self.publications if p.days_on_hold > 0)


_day = dt.date.fromordinal


def as_at(period: Period, today: dt.date) -> dt.date:
    return min(period.end, today)


# -- what each review gives the figures, whatever the day -------------------------------------
# Plain values with days as ordinals, as a review's index keeps them (reports/index.py): the
# board paper and `cspr stats` read 10,000 of them from their cache, and making their dates
# was a tenth of the paper's time. A date is made only for what the figures list.
ActionFigures = tuple  # (agency, due, ((on, status), ...)): one action, its dated statuses in the order recorded
PlainPublication = tuple  # a Publication's fields, days as ordinals (`publication_of` makes it)


class ReviewFigures(NamedTuple):
    """What one review gives the figures of any period, judged on any day: the record's dates
    (as ordinals) and the deadlines they were measured against. Cached per review file (like
    an agenda)."""

    review: str
    recorded_through: dt.date  # the record's latest date (a report for an earlier day reads it as it stood)
    notified: tuple[int, int | None] | None  # (done, due) once notified
    rapid_review: tuple[int, int | None] | None  # (done, due) once done
    decision: tuple[str, int] | None  # (track, on)
    publication: PlainPublication | None  # once published, with a decision
    briefing: int | None  # the day the 7-minute briefing was circulated
    published: int | None  # when publication was done (or what stands in for it): actions count from it
    actions: tuple[ActionFigures, ...]
    themes: tuple[str, ...]


def counts_any_day(process: Process) -> bool:
    """Whether a review's figures are the same whatever day it is judged on: so unless a stage
    they count recurs (a recurring stage is done or not depending on the day)."""
    stages = (process.stage(key) for key in (NOTIFICATION, RAPID_REVIEW, PUBLISHED, BRIEFING))
    return all(stage is None or stage.every is None for stage in stages)


def figures_of(schedule: ReviewSchedule) -> ReviewFigures:
    """What the review gives the figures. Uses nothing of the schedule's own day (see
    `counts_any_day`): the same figures come out whatever day it was judged on."""
    from cspr.model.as_of import latest_date

    review = schedule.review
    publication = _publication(schedule)
    return ReviewFigures(
        review=review.id,
        recorded_through=latest_date(review),
        notified=_done(schedule, NOTIFICATION),
        rapid_review=_done(schedule, RAPID_REVIEW),
        decision=(review.decision.track, review.decision.on.toordinal()) if review.decision else None,
        publication=plain_publication(publication) if publication is not None else None,
        briefing=(_done(schedule, BRIEFING) or (None,))[0],
        published=ordinal(schedule.completed_on(PUBLISHED)),
        actions=tuple((a.agency, a.due.toordinal(), tuple((u.on.toordinal(), u.status) for u in a.updates))
                      for a in review.actions),
        themes=review.themes,
    )


def compute(process: Process, schedules: Sequence[ReviewSchedule], period: Period,
            judged_on: dt.date) -> Stats:
    """The figures for `period`, open and overdue judged on `judged_on` (see `as_at`)."""
    return compute_from(process, [figures_of(schedule) for schedule in schedules], period, judged_on)


def compute_from(process: Process, reviews: Sequence[ReviewFigures], period: Period,
                 judged_on: dt.date) -> Stats:
    """The figures for `period` from what each review gives them, open and overdue judged on
    `judged_on`."""
    ordered = sorted(reviews, key=lambda r: r.review)
    first, last = period.start.toordinal(), period.end.toordinal()
    notified = _on_time(((r.review, r.notified) for r in ordered), first, last)
    decisions: dict[str, list[str]] = {track: [] for track in process.tracks}
    for review in ordered:
        if review.decision is not None and first <= review.decision[1] <= last:
            decisions.setdefault(review.decision[0], []).append(review.review)
    rules = {}
    for key in (NOTIFICATION, RAPID_REVIEW, PUBLISHED):
        stage = process.stage(key)
        if stage is not None and stage.due is not None:
            rules[key] = str(stage.due)
    notified_ids = set(notified.reviews)
    return Stats(
        period=period,
        as_at=judged_on,
        notified=notified,
        rapid_reviews=_on_time(((r.review, r.rapid_review) for r in ordered), first, last),
        decisions={track: tuple(ids) for track, ids in decisions.items()},
        publications=tuple(publication_of(r.publication) for r in ordered
                           if r.publication is not None and first <= r.publication[2] <= last),
        rules=rules,
        briefings=tuple(r.review for r in ordered if r.briefing is not None and first <= r.briefing <= last),
        actions=_actions_by_agency(ordered, first, last, judged_on.toordinal()),
        themes=_themes(r.themes for r in ordered if r.review in notified_ids),
    )


def _done(schedule: ReviewSchedule, key: str) -> tuple[int, int | None] | None:
    """(the day it was done, its due date), as ordinals, once the stage is done."""
    state = schedule.state(key)
    if state is None or state.state != StageStatus.DONE or state.done is None:
        return None
    return state.done.toordinal(), ordinal(state.due)


def _on_time(done: Iterable[tuple[str, tuple[int, int | None] | None]], first: int, last: int) -> OnTime:
    """A stage done in the period (its first and last day) is on time when done on or before
    its due date."""
    reviews, late = [], []
    for review, found in done:
        if found is None or not first <= found[0] <= last:
            continue
        reviews.append(review)
        day, due = found
        if due is not None and day > due:
            late.append(review)
    return OnTime(tuple(reviews), tuple(late))


def _publication(schedule: ReviewSchedule) -> Publication | None:
    from cspr.model.deadlines import ReviewSchedule, held_days_after
    from cspr.model.review import Hold

    review = schedule.review
    state = schedule.state(PUBLISHED)
    if state is None or state.state != StageStatus.DONE or state.done is None or review.decision is None:
        return None
    published = state.done
    # The deadline as if there had been no parallel proceedings: the same schedule, no holds.
    unheld = ReviewSchedule(schedule.process, dataclasses.replace(review, holds=()),
                            schedule.calendar, schedule.as_of).state(PUBLISHED)
    # Days on hold between the decision and publication; a hold still open when the review was
    # published counts up to the publication day.
    holds = tuple(
        Hold(h.reason, h.start, min(h.end or published, published))
        for h in review.holds if h.start <= published
    )
    days_on_hold = held_days_after(holds, review.decision.on)
    return Publication(
        review=review.id,
        decided=review.decision.on,
        published=published,
        deadline=unheld.deadline if unheld else None,
        deadline_with_holds=state.deadline,
        days_on_hold=days_on_hold,
        hold_reasons=tuple(h.reason for h in holds if h.end and h.end > max(h.start, review.decision.on)),
    )


def plain_publication(p: Publication) -> PlainPublication:
    """The publication as plain values, days as ordinals (as ReviewFigures keeps it)."""
    return (p.review, p.decided.toordinal(), p.published.toordinal(), ordinal(p.deadline),
            ordinal(p.deadline_with_holds), p.days_on_hold, p.hold_reasons)


def publication_of(plain: PlainPublication) -> Publication:
    review, decided, published, deadline, with_holds, days_on_hold, reasons = plain
    return Publication(review, _day(decided), _day(published), from_ordinal(deadline), from_ordinal(with_holds),
                       days_on_hold, reasons)


def as_it_stood(action: ActionFigures, day: int) -> tuple[str, int | None]:
    """(status, completed on) of the action as its record stood on `day` (days as ordinals):
    only the updates dated up to then count."""
    last = None
    for update in action[2]:
        if update[0] <= day:
            last = update
    if last is None:
        return ActionStatus.NOT_STARTED.value, None
    return last[1], last[0] if last[1] == ActionStatus.COMPLETE else None


def in_plan_on(action: ActionFigures, published: int | None, day: int) -> bool:
    """Whether an action was part of the review's action plan on `day` (days as ordinals).

    An action counts from its first update (`cspr action add` records the day it was agreed);
    one with no updates counts from its review's publication. So a past year is not charged
    with actions agreed after it ended.
    """
    updates = action[2]
    start = updates[0][0] if updates else published
    return start is not None and start <= day


def _actions_by_agency(reviews: Iterable[ReviewFigures], first: int, last: int,
                       judged_on: int) -> tuple[AgencyActions, ...]:
    """Each agency's actions completed in the period (its first and last day), open and overdue
    on the day judged (days as ordinals)."""
    counts: dict[str, list[int]] = {}
    complete = ActionStatus.COMPLETE
    for review in reviews:
        for action in review.actions:
            if not in_plan_on(action, review.published, judged_on):
                continue
            status, completed_on = as_it_stood(action, judged_on)
            agency, due = action[0], action[1]
            tally = counts.setdefault(agency, [0, 0, 0])
            if completed_on is not None and first <= completed_on <= last:
                tally[0] += 1
            if status != complete:
                tally[1] += 1
                if judged_on > due:  # the actions report's rule (is_overdue): due before the day judged
                    tally[2] += 1
    return tuple(
        AgencyActions(agency, *tally)
        for agency, tally in sorted(counts.items(), key=lambda item: item[0].casefold())
        if any(tally)
    )


def _themes(themes: Iterable[tuple[str, ...]]) -> tuple[tuple[str, int], ...]:
    """How many reviews name each theme (any case), most frequent first, then by name."""
    spelling: dict[str, str] = {}
    counts: dict[str, int] = {}
    for named_by_review in themes:
        named = {t.strip().casefold(): t.strip() for t in named_by_review if t.strip()}
        for key, shown in named.items():  # a theme named twice in one review counts once
            spelling.setdefault(key, shown)
            counts[key] = counts.get(key, 0) + 1
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple((spelling[key], count) for key, count in ordered)
