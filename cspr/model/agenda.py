"""A review's agenda: what it still has to do and by when, independent of the day it is read.

Reports judge every open review every morning. Everything they need from a review except the
day itself (which stages are pending and their due dates, a recurring stage's series, which
agencies have yet to confirm, which actions are open, the holds, the stages done, whether the
review is closed) does not change until the review's file, the process or the calendar does.
The agenda holds exactly that, so it can be cached per file. `deadlines_on` turns it into the
pending deadlines of any day: the one answer to "which deadlines are pending", used by the
calendar export and the board paper; the overdue report, the review list and the board
timeline read the same answer from each agenda's index (`reports/index.py`), which tests hold
to it. Pure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from cspr.model.series import Series
from cspr.model.statuses import ActionStatus, StageStatus

if TYPE_CHECKING:  # the deadline engine is loaded only when an agenda has to be worked out
    from cspr.model.deadlines import ReviewSchedule

HeldFor = tuple[str, dt.date, "dt.date | None"]  # a hold: (reason, from, to or None while on)
ACTION_PREFIX = "action:"


# Agendas, their entries and their deadlines are NamedTuples: values as immutable as a frozen
# dataclass, but built by C code. A report over 10,000 reviews builds about 100,000 of them, and
# a frozen dataclass's __init__ (one object.__setattr__ per field) costs seven times as much.
class Pending(NamedTuple):
    """A stage or action not yet done, with its due date (None: no deadline yet)."""

    stage: str  # a stage key, or action:R1.2
    title: str
    owner: str
    due: dt.date | None  # for a recurring stage: its earliest date not yet recorded
    agencies: tuple[str, ...] = ()  # per-agency stage: the agencies yet to confirm
    paused_by_holds: bool = False
    action_agency: str | None = None  # actions: the agency that owns it
    rule: str | None = None  # the process's rule, as written ("5 working days after aware")
    series: Series | None = None  # a recurring stage's scheduled dates
    reminder: bool = False  # not a stage of the process: a timeline still to be agreed

    @property
    def is_action(self) -> bool:
        return self.action_agency is not None


class Agenda(NamedTuple):
    review: str
    child: str
    closed: bool
    holds: tuple[HeldFor, ...]
    pending: tuple[Pending, ...]
    aware: dt.date | None = None
    track: str | None = None  # None: awaiting the decision
    decided: dt.date | None = None
    done: tuple[dt.date, ...] = ()  # the days one-off stages were done, in the process's order
    actions: int = 0  # how many actions answer its recommendations, complete or not
    # The latest date in the record: a report for an earlier day reads the record as it stood.
    recorded_through: dt.date = dt.date.min

    def current_hold(self, as_of: dt.date) -> str | None:
        """The reason for the hold in force on `as_of`, if any."""
        for reason, start, end in self.holds:
            if end is None and start <= as_of:
                return reason
        return None


class Deadline(NamedTuple):
    """One pending deadline on a day: a stage, one agency's part of it, one scheduled date of a
    recurring stage, or an action; or a stage on hold (`held` names the hold; `due` is the
    date it had before the hold, if any)."""

    review: str
    child: str
    stage: str  # a stage key, or action:R1.2
    title: str
    owner: str  # the stage's owner, or the action's agency
    due: dt.date | None
    agency: str | None = None  # the agency yet to confirm, or the action's agency
    rule: str | None = None
    occurrence: bool = False  # one scheduled date of a recurring stage
    held: str | None = None
    reminder: bool = False  # not a stage of the process: a timeline still to be agreed

    @property
    def is_stage(self) -> bool:
        """One of the process's stages (not an action, not a reminder)."""
        return not self.reminder and not self.stage.startswith(ACTION_PREFIX)


def deadlines_on(agenda: Agenda, as_of: dt.date, *, every_occurrence: bool = True) -> Iterator[Deadline]:
    """The review's pending deadlines on `as_of`, in the process's order of stages, then actions.

    A stage is held while a hold is in force and it is paused by holds (one Deadline with
    `held` set, whatever its agencies). A per-agency stage gives one deadline per agency yet to
    confirm; a recurring stage one per outstanding date (only the earliest, unless
    `every_occurrence`); an action one, owned by its agency. Stages with no date yet give none.
    """
    held_for = agenda.current_hold(as_of)
    review, child = agenda.review, agenda.child
    for entry in agenda.pending:
        if entry.paused_by_holds and held_for is not None:
            yield Deadline(review, child, entry.stage, entry.title, entry.owner, entry.due, None,
                           entry.rule, False, held_for)
            continue
        if entry.series is not None:
            if every_occurrence:
                days = entry.series.outstanding(as_of)
            else:  # the earliest is known without walking the series
                days = (entry.due,) if entry.series.is_open_on(as_of) else ()
            for day in days:
                yield Deadline(review, child, entry.stage, entry.title, entry.owner, day, None, entry.rule, True)
            continue
        if entry.due is None:
            continue
        for agency in entry.agencies or (entry.action_agency,):
            yield Deadline(review, child, entry.stage, entry.title, entry.owner, entry.due, agency, entry.rule,
                           False, None, entry.reminder)


def agenda_for(schedule: ReviewSchedule) -> Agenda:
    """The agenda of a judged review. Uses nothing of the schedule's own day but dates."""
    from cspr.model.as_of import latest_date
    from cspr.model.deadlines import NEEDS_TIMELINE, TIMELINE_OWNER

    review = schedule.review
    pending: list[Pending] = []
    done: list[dt.date] = []
    for state in schedule.states:
        stage = state.stage
        rule = stage.rule_text
        if stage.every is not None:
            # Recurring stages are never held (ReviewSchedule does not hold them either).
            found = schedule.series(stage)
            if found is not None and not found.finished:
                pending.append(Pending(stage.key, stage.title, stage.owner, found.nth(found.first),
                                       rule=rule, series=found))
            continue
        if state.state == StageStatus.DONE:
            if state.done is not None:
                done.append(state.done)
            continue
        if state.state == StageStatus.SKIPPED or (state.due is None and not stage.paused_by_holds):
            continue
        waiting = tuple(a.agency for a in state.agencies if a.done is None)
        pending.append(Pending(stage.key, stage.title, stage.owner, state.due, waiting, stage.paused_by_holds,
                               rule=rule))
    wanted = schedule.needs_timeline
    if wanted is not None:
        pending.append(Pending(NEEDS_TIMELINE, f"Timeline needed: no date agreed for {wanted.stage.key}",
                               TIMELINE_OWNER, wanted.due, reminder=True))
    actions = review.actions
    for action in actions:
        if action.status != ActionStatus.COMPLETE:
            pending.append(Pending(f"{ACTION_PREFIX}{action.key}", action.text, action.agency, action.due,
                                   action_agency=action.agency))
    holds = tuple((hold.reason, hold.start, hold.end) for hold in review.holds)
    return Agenda(review.id, review.child, schedule.is_closed, holds, tuple(pending), review.aware,
                  review.track, review.decision.on if review.decision else None, tuple(done), len(actions),
                  latest_date(review))
