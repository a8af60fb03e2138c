"""What the board dashboard shows, computed once from the existing reports. Pure.

Each open review is rated from the overdue report's items: red when anything of it is
overdue, amber when something falls due within `within` days, green otherwise. The actions
are rated by the `cspr actions` rule; the yearly figures are `cspr stats`'s; each review's
timeline is `cspr timeline ID`'s.

A review's page needs all of that (`ReviewBoard`); the overview needs only its line
(`ReviewLine`). `cspr dashboard` writes each review's page as soon as it is worked out and keeps
only its line, so the board of 10,000 reviews is never held whole (`board_of`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from cspr.model.actions import ActionState, action_states
from cspr.model.agenda import agenda_for
from cspr.model.deadlines import ReviewSchedule, StageState
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
class ReviewLine:
    """What the overview shows of one open review, and what it counts of it."""

    id: str
    child: str
    track: str | None
    as_of: dt.date
    next_title: str | None  # the next deadline: its stage's title and key, and its day
    next_key: str | None
    next_due: dt.date | None
    rag: str
    reason: str
    hold: Hold | None
    overdue: int  # its items overdue, and due within the window
    due_soon: int
    actions: tuple[tuple[str, str], ...]  # (agency, rating) of each of its actions

    def plain(self) -> tuple:
        """As plain values (days as ordinals), to hand back from a forked process by marshal."""
        hold = (self.hold.reason, self.hold.start.toordinal(), self.hold.end.toordinal() if self.hold.end else None) \
            if self.hold else None
        return (self.id, self.child, self.track, self.as_of.toordinal(), self.next_title, self.next_key,
                self.next_due.toordinal() if self.next_due else None, str(self.rag), self.reason, hold,
                self.overdue, self.due_soon, self.actions)

    @classmethod
    def from_plain(cls, value: tuple) -> ReviewLine:
        day = dt.date.fromordinal
        (review_id, child, track, as_of, next_title, next_key, next_due, rag, reason, hold, overdue, due_soon,
         actions) = value
        return cls(review_id, child, track, day(as_of), next_title, next_key, day(next_due) if next_due else None,
                   rag, reason, Hold(hold[0], day(hold[1]), day(hold[2]) if hold[2] else None) if hold else None,
                   overdue, due_soon, tuple(tuple(pair) for pair in actions))


@dataclass(frozen=True)
class Board:
    as_of: dt.date
    within: int
    reviews: tuple[ReviewLine, ...]  # open reviews, by ID
    overdue: int  # overdue items across open reviews
    due_soon: int
    on_hold: tuple[ReviewLine, ...]  # reviews on hold now
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


def line_of(review: ReviewBoard) -> ReviewLine:
    r, upcoming = review.schedule.review, review.next_deadline
    return ReviewLine(
        r.id, r.child, r.track, review.schedule.as_of,
        upcoming.stage.title if upcoming else None, upcoming.stage.key if upcoming else None,
        upcoming.due if upcoming else None, review.rag, review.reason, review.hold,
        sum(1 for i in review.items if i.status == ItemStatus.OVERDUE),
        sum(1 for i in review.items if i.status == ItemStatus.DUE_SOON),
        tuple((state.action.agency, str(state.rag)) for state in review.actions),
    )


def board_of(lines: Sequence[ReviewLine], stats: figures.Stats, as_of: dt.date, within: int) -> Board:
    """The overview from each open review's line (in ID order) and the year's figures."""
    return Board(
        as_of, within, tuple(lines),
        sum(line.overdue for line in lines), sum(line.due_soon for line in lines),
        tuple(line for line in lines if line.hold is not None),
        agency_rags(pair for line in lines for pair in line.actions), stats,
    )
