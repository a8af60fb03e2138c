"""Reading and writing dates the way UK users type and read them."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

ACCEPTED = "2026-04-01, 01/04/2026 (day first) or 'today'"

# Every date cspr records or judges by lies in this window: a year 9999 typed by mistake would
# otherwise pass and then make every deadline counted from it overflow the calendar.
EARLIEST = dt.date(1990, 1, 1)
LATEST = dt.date(2100, 12, 31)


def out_of_range(day: dt.date) -> str | None:
    """Why `day` is outside the years cspr works in, or None when it is inside them."""
    if EARLIEST <= day <= LATEST:
        return None
    return f"{day.isoformat()} is outside the years cspr works with ({EARLIEST.year} to {LATEST.year})"

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_UK = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_date(text: str, today: dt.date) -> dt.date:
    """Parse `2026-04-01`, `01/04/2026` (day first, never month first) or `today`.

    Raises ValueError with a message naming the accepted forms.
    """
    value = text.strip()
    if value.lower() == "today":
        return today
    match = _ISO.match(value)
    if match:
        year, month, day = (int(part) for part in match.groups())
    else:
        match = _UK.match(value)
        if not match:
            raise ValueError(f"{text!r} is not a date; use {ACCEPTED}")
        day, month, year = (int(part) for part in match.groups())
    try:
        parsed = dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a real date ({exc}); use {ACCEPTED}") from None
    problem = out_of_range(parsed)
    if problem:
        raise ValueError(f"{problem}; check the year")
    return parsed


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@lru_cache(maxsize=4096)  # reports write the same few hundred dates tens of thousands of times
def long_date(day: dt.date) -> str:
    """'Fri 10 Apr 2026': the form officers read in tables (English names, whatever the locale)."""
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month]} {day.year}"


def day_count(count: int) -> str:
    """'1 day', '4 days'."""
    return f"{count} day{'' if count == 1 else 's'}"


def lateness(days_overdue: int) -> str:
    """The one phrase for how late, or how soon: '4 days overdue', 'due today', 'due in 3 days'."""
    if days_overdue > 0:
        return f"{day_count(days_overdue)} overdue"
    if days_overdue == 0:
        return "due today"
    return f"due in {day_count(-days_overdue)}"


def decided_phrase(track: str) -> str:
    """'local review decided', and for the `none` track 'no review decided'."""
    return f"{'no' if track == 'none' else track} review decided"


def ordinal(day: dt.date | None) -> int | None:
    """A date as its ordinal, None as None: how the caches keep dates (marshal has no dates)."""
    return day.toordinal() if day is not None else None


def from_ordinal(value: int | None) -> dt.date | None:
    """The date an `ordinal` was made from (None stays None)."""
    return dt.date.fromordinal(value) if value is not None else None


def remembered_day(days: dict[int, dt.date], value: int | None) -> dt.date | None:
    """`from_ordinal`, each date made once and kept in `days`: a report over thousands of
    reviews turns the same few hundred ordinals into dates tens of thousands of times."""
    if value is None:
        return None
    day = days.get(value)
    if day is None:
        day = days[value] = dt.date.fromordinal(value)
    return day


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None
