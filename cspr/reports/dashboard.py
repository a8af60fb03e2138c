"""What the board dashboard shows, computed once from the existing reports. Pure.

Each open review is rated from the overdue report's items: red when anything of it is
overdue, amber when something falls due within `within` days, green otherwise. The actions
are rated by the `cspr actions` rule; the yearly figures are `cspr stats`'s; each review's
timeline is `cspr timeline ID`'s.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from cspr.model.actions import ActionState, action_states
from cspr.model.agenda import agenda_for
from cspr.model.deadlines import ReviewSchedule, StageState
from cspr.model.process import Process
from cspr.model.review import Hold
from cspr.model.statuses import ItemStatus, Rag, StageStatus
from cspr.reports import stats as figures
from cspr.reports.overdue import Item, items_on
from cspr.reports.rag import AgencyRag, agency_rags, review_rag
from cspr.reports.timeline import Timeline, review_timeline

RAG_WORDS = {Rag.RED: "Red", Rag.AMBER: "Amber", Rag.GREEN: "Green"}


@dataclass(frozen=True)
class ReviewBoard:
    """One review as the board sees it."""

    schedule: ReviewSchedule
    rag: str  # red | amber | green
    reason: str  # why, in words: "2 overdue", "due in 4 days", "on track"
    items: tuple[Item, ...]  # the overdue report's items for this review
    next_deadline: StageState | None
    hold: Hold | None  # the current hold, if any
    actions: tuple[ActionState, ...]
    timeline: Timeline

    @property
    def id(self) -> str:
        return self.schedule.review.id


@dataclass(frozen=True)
class Board:
    as_of: dt.date
    within: int
    reviews: tuple[ReviewBoard, ...]  # open reviews, by ID
    overdue: int  # overdue items across open reviews
    due_soon: int
    on_hold: tuple[ReviewBoard, ...]  # reviews on hold now
    agencies: tuple[AgencyRag, ...]  # actions of open reviews, by agency
    stats: figures.Stats  # this financial year's figures


def _next_deadline(schedule: ReviewSchedule) -> StageState | None:
    pending = [s for s in schedule.states if s.state in (StageStatus.OVERDUE, StageStatus.DUE) and s.due]
    return min(pending, key=lambda s: (s.due, s.stage.key)) if pending else None


def review_board(schedule: ReviewSchedule, within: int) -> ReviewBoard:
    items = tuple(items_on(agenda_for(schedule), schedule.as_of, within))
    hold = schedule.review.current_hold(schedule.as_of)
    rag, reason = review_rag(items, hold.reason if hold is not None else None)
    return ReviewBoard(schedule, rag, reason, items, _next_deadline(schedule), hold,
                       tuple(action_states(schedule, within)), review_timeline(schedule))


def board(process: Process, schedules: Sequence[ReviewSchedule], as_of: dt.date, within: int) -> Board:
    reviews = tuple(review_board(s, within) for s in sorted(schedules, key=lambda s: s.review.id)
                    if not s.is_closed)
    items = [i for r in reviews for i in r.items]
    agencies = agency_rags((state.action.agency, state.rag) for review in reviews for state in review.actions)
    period = figures.financial_year_of(as_of)
    stats = figures.compute(process, schedules, period, figures.as_at(period, as_of))
    return Board(
        as_of, within, reviews,
        sum(1 for i in items if i.status == ItemStatus.OVERDUE),
        sum(1 for i in items if i.status == ItemStatus.DUE_SOON),
        tuple(r for r in reviews if r.hold is not None),
        agencies, stats,
    )
