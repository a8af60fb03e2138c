"""Pending deadlines as an iCalendar file (RFC 5545) that Outlook and other calendars import.

Each deadline is an all-day event on its due date. Its UID is made from the partnership,
review, stage and agency (and the scheduled date, for one occurrence of a recurring stage), so
importing a newer file moves an event whose date changed instead of adding a second one.
Choosing the deadlines is pure; writing the file uses the `icalendar` library.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from cspr.model.dates import long_date
from cspr.model.deadlines import ReviewSchedule
from cspr.model.statuses import ActionStatus, StageStatus

PRODID = "-//cspr//Child Safeguarding Practice Review deadlines//EN"
UID_DOMAIN = "cspr"


@dataclass(frozen=True)
class Deadline:
    """One pending deadline: a stage, one agency's part of it, one occurrence, or an action."""

    review: str
    child: str
    stage: str  # a stage key, or action:R1.2
    title: str
    owner: str  # who must act: the stage's owner, or the agency
    due: dt.date
    agency: str | None = None
    rule: str | None = None
    occurrence: bool = False  # one scheduled date of a recurring stage

    @property
    def key(self) -> str:
        """What stays the same while the deadline's date moves: review, stage, agency (date)."""
        parts = [self.review, self.stage]
        if self.agency:
            parts.append(self.agency)
        if self.occurrence:  # each scheduled check is its own deadline
            parts.append(self.due.isoformat())
        return ".".join(parts)

    def uid(self, partnership: str) -> str:
        # Hashed: agency names hold spaces and apostrophes, and two partnerships may both
        # have a review called 2026-child-a.
        digest = hashlib.sha256(f"{partnership}\n{self.key}".encode()).hexdigest()[:32]
        return f"{digest}@{UID_DOMAIN}"


def pending(schedule: ReviewSchedule) -> tuple[list[Deadline], int]:
    """A review's pending deadlines with a due date, and how many are left out as on hold.

    On-hold stages are left out: their date moves later by however long the hold lasts, so
    any date given now would be wrong.
    """
    review = schedule.review
    found: list[Deadline] = []
    held = 0
    for state in schedule.states:
        stage = state.stage
        if state.state == StageStatus.ON_HOLD:
            held += 1
            continue
        if state.state not in (StageStatus.DUE, StageStatus.OVERDUE) or state.due is None:
            continue
        rule = str(stage.due or stage.every or "") or None
        common = dict(review=review.id, child=review.child, stage=stage.key, title=stage.title, rule=rule)
        if stage.every is not None:
            found.extend(Deadline(owner=stage.owner, due=day, occurrence=True, **common)
                         for day in state.outstanding)
            continue
        waiting = [a.agency for a in state.agencies if a.done is None]
        if waiting:
            found.extend(Deadline(owner=agency, due=state.due, agency=agency, **common) for agency in waiting)
        else:
            found.append(Deadline(owner=stage.owner, due=state.due, **common))
    for action in review.actions:
        if action.status != ActionStatus.COMPLETE:
            found.append(Deadline(
                review=review.id, child=review.child, stage=f"action:{action.key}",
                title=action.text, owner=action.agency, due=action.due, agency=action.agency,
            ))
    return found, held


def deadlines(schedules: Iterable[ReviewSchedule]) -> tuple[list[Deadline], int]:
    """Every open review's pending deadlines, soonest first; and how many are on hold."""
    found: list[Deadline] = []
    held = 0
    for schedule in schedules:
        if schedule.is_closed:
            continue
        mine, on_hold = pending(schedule)
        found += mine
        held += on_hold
    return sorted(found, key=lambda d: (d.due, d.review, d.stage, d.agency or "")), held


def summary(deadline: Deadline) -> str:
    what = deadline.stage.replace("action:", "action ", 1)
    return f"{deadline.review}: {what} due ({deadline.owner})"


def description(deadline: Deadline, as_of: dt.date) -> str:
    lines = [
        f"Review: {deadline.review} ({deadline.child})",
        f"Stage: {deadline.stage} - {deadline.title}",
        f"Owner: {deadline.owner}",
        f"Due: {long_date(deadline.due)}",
    ]
    if deadline.rule:
        lines.append(f"Rule: {deadline.rule}")
    if deadline.due < as_of:
        days = (as_of - deadline.due).days
        lines.append(f"Overdue by {days} day{'s' if days != 1 else ''} on {long_date(as_of)}")
    lines.append(f"Exported by cspr as of {long_date(as_of)}; record it with cspr, not here.")
    return "\n".join(lines)


def calendar_text(found: Iterable[Deadline], partnership: str, as_of: dt.date) -> str:
    """The iCalendar file: one all-day VEVENT per deadline (CRLF line endings, as RFC 5545 says)."""
    import icalendar  # a well-kept RFC 5545 implementation: escaping, folding, VALUE=DATE

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{partnership}: CSPR deadlines")
    # The export day, not the clock: the same records give the same file.
    stamp = dt.datetime.combine(as_of, dt.time(), tzinfo=dt.UTC)
    for deadline in found:
        event = icalendar.Event()
        event.add("uid", deadline.uid(partnership))
        event.add("dtstamp", stamp)
        event.add("dtstart", deadline.due)
        event.add("dtend", deadline.due + dt.timedelta(days=1))  # all day: DTEND is exclusive
        event.add("summary", summary(deadline))
        event.add("description", description(deadline, as_of))
        event.add("categories", ["CSPR"])
        event.add("transp", "TRANSPARENT")  # a deadline, not a meeting: never shows as busy
        calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")
