"""Pending deadlines as an iCalendar file (RFC 5545) that Outlook and other calendars import.

Each deadline is an all-day event on its due date. Its UID is made from the partnership,
review, stage and agency (and the scheduled date, for one occurrence of a recurring stage), so
importing a newer file moves an event whose date changed instead of adding a second one.
Choosing the deadlines is pure; writing the file uses the `icalendar` library.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable

from cspr.model.agenda import Agenda, Deadline, deadlines_on
from cspr.model.dates import long_date

PRODID = "-//cspr//Child Safeguarding Practice Review deadlines//EN"
UID_DOMAIN = "cspr"


def key(deadline: Deadline) -> str:
    """What stays the same while the deadline's date moves: review, stage, agency (date)."""
    parts = [deadline.review, deadline.stage]
    if deadline.agency:
        parts.append(deadline.agency)
    if deadline.occurrence:  # each scheduled check is its own deadline
        parts.append(deadline.due.isoformat())  # type: ignore[union-attr]
    return ".".join(parts)


def uid(deadline: Deadline, partnership: str) -> str:
    # Hashed: agency names hold spaces and apostrophes, and two partnerships may both
    # have a review called 2026-child-a.
    digest = hashlib.sha256(f"{partnership}\n{key(deadline)}".encode()).hexdigest()[:32]
    return f"{digest}@{UID_DOMAIN}"


def deadlines(agendas: Iterable[Agenda], as_of: dt.date) -> tuple[list[Deadline], int]:
    """Every open review's pending deadlines on `as_of`, soonest first; and how many stages
    are left out as on hold (their date moves later by however long the hold lasts, so any
    date given now would be wrong)."""
    found: list[Deadline] = []
    held = 0
    for agenda in agendas:
        if agenda.closed:
            continue
        for deadline in deadlines_on(agenda, as_of):
            if deadline.held is not None:
                held += 1
            elif not deadline.reminder:  # a timeline to agree has no date of its own to keep
                found.append(deadline)
    return sorted(found, key=lambda d: (d.due, d.review, d.stage, d.agency or "")), held


def owner(deadline: Deadline) -> str:
    """Who must act: the agency yet to confirm (or owning the action), else the stage's owner."""
    return deadline.agency or deadline.owner


def summary(deadline: Deadline) -> str:
    what = deadline.stage.replace("action:", "action ", 1)
    return f"{deadline.review}: {what} due ({owner(deadline)})"


def description(deadline: Deadline, as_of: dt.date) -> str:
    lines = [
        f"Review: {deadline.review} ({deadline.child})",
        f"Stage: {deadline.stage} - {deadline.title}",
        f"Owner: {owner(deadline)}",
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
    """The iCalendar file: one all-day VEVENT per deadline (CRLF line endings, as RFC 5545 says).

    The calendar's own properties are written by the `icalendar` library. The events are
    written here, line by line, with icalendar's escaping, property order and line folding:
    building tens of thousands of icalendar.Event objects took 15 s over 10,000 reviews, most
    of it folding lines one character at a time. tests/test_calendar_export.py holds the
    two to the same bytes.
    """
    import icalendar  # a well-kept RFC 5545 implementation: the calendar's envelope

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{partnership}: CSPR deadlines")
    head, end = calendar.to_ical().decode("utf-8").rsplit("END:VCALENDAR", 1)
    # The export day, not the clock: the same records give the same file.
    stamp = f"DTSTAMP:{as_of:%Y%m%d}T000000Z\r\n"
    days: dict[dt.date, tuple[str, str, str]] = {}  # what each due date gives its events, written once
    exported = _escape(_exported(as_of))
    events = [event_text(deadline, partnership, as_of, stamp, days, exported) for deadline in found]
    return head + "".join(events) + "END:VCALENDAR" + end


def _exported(as_of: dt.date) -> str:
    return f"Exported by cspr as of {long_date(as_of)}; record it with cspr, not here."


def event_text(deadline: Deadline, partnership: str, as_of: dt.date, stamp: str,
               days: dict[dt.date, tuple[str, str, str]] | None = None, exported: str | None = None) -> str:
    """One all-day VEVENT, its properties in icalendar's order (its canonical ones, then A-Z)."""
    due = deadline.due
    assert due is not None
    for_day = days.get(due) if days is not None else None
    if for_day is None:
        late = (as_of - due).days
        for_day = (
            f"DTSTART;VALUE=DATE:{due:%Y%m%d}\r\nDTEND;VALUE=DATE:{due + _ONE_DAY:%Y%m%d}\r\n",  # all day: DTEND is exclusive
            f"Due: {long_date(due)}",  # nothing in these two lines to escape
            f"\\nOverdue by {late} day{'s' if late != 1 else ''} on {long_date(as_of)}" if late > 0 else "",
        )
        if days is not None:
            days[due] = for_day
    dates, due_line, overdue = for_day
    return "".join((
        "BEGIN:VEVENT\r\n",
        _fold(f"SUMMARY:{_escape(summary(deadline))}"),
        dates,
        stamp,
        f"UID:{uid(deadline, partnership)}\r\n",  # hex digits and @cspr: nothing to escape or fold
        "CATEGORIES:CSPR\r\n",
        _fold(f"DESCRIPTION:{_escaped_description(deadline, as_of, due_line, overdue, exported)}"),
        "TRANSP:TRANSPARENT\r\n",  # a deadline, not a meeting: never shows as busy
        "END:VEVENT\r\n",
    ))


def _escaped_description(deadline: Deadline, as_of: dt.date, due_line: str, overdue: str, exported: str | None) -> str:
    """`_escape(description(deadline, as_of))`, escaping only the record's text: what each due
    date and the export day add was escaped once (escaping the whole description, which always
    holds ';' and ',', was a fifth of the export's time). Escaping line by line gives the same
    text unless a line ends in a carriage return, which escapes with the line break after it."""
    head = (f"Review: {deadline.review} ({deadline.child})\nStage: {deadline.stage} - {deadline.title}\n"
            f"Owner: {owner(deadline)}")
    rule = deadline.rule
    if exported is None or head.endswith("\r") or (rule and rule.endswith("\r")):
        return _escape(description(deadline, as_of))
    ruled = f"\\nRule: {_escape(rule)}" if rule else ""
    return f"{_escape(head)}\\n{due_line}{ruled}{overdue}\\n{exported}"


_ONE_DAY = dt.timedelta(days=1)
_FOLD_AT = 74  # octets per physical line, as icalendar folds (RFC 5545: at most 75)


_BEYOND_LINE_BREAKS = re.compile(r"[\\;,\r]")  # what only the full chain below escapes


def _escape(text: str) -> str:
    """RFC 5545 TEXT escaping, in icalendar's order (a backslash first, so none is doubled)."""
    if _BEYOND_LINE_BREAKS.search(text) is None:  # the usual text: at most line breaks to escape
        return text.replace("\n", "\\n")
    return (text.replace("\\N", "\n").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def _fold(line: str) -> str:
    """The content line folded as icalendar folds it, with its CRLF: at most 74 octets a line,
    never splitting a backslash escape from the character after it."""
    if line.isascii():  # one octet a character: cut in slices
        if len(line) <= _FOLD_AT:
            return line + "\r\n"
        chunks, start = [], 0
        while len(line) - start > _FOLD_AT:
            stop = start + _FOLD_AT
            if line[stop - 1] in "\\^":  # keep an escape with the character it escapes
                stop -= 1
            chunks.append(line[start:stop])
            start = stop
        chunks.append(line[start:])
        return "\r\n ".join(chunks) + "\r\n"
    chunks = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if current and size + width >= _FOLD_AT + 1:
            if len(current) > 1 and current[-1] in "\\^":
                carried = current.pop()
                chunks.append("".join(current))
                current, size = [carried], len(carried.encode("utf-8"))
            else:
                chunks.append("".join(current))
                current, size = [], 0
        current.append(char)
        size += width
    if current:
        chunks.append("".join(current))
    return "\r\n ".join(chunks) + "\r\n"
