"""Working days: Monday to Friday, less bank holidays and the partnership's closure days.

A statutory deadline is never extended by a local closure, so a calendar also answers for
bank holidays alone (`statutory`): the same holiday source, without the closure days.

Counting rules (DOMAIN.md): "N working days after X" is the Nth working day strictly after
X; "N working days before Y" is the Nth working day strictly before Y; months are calendar
months with the day clamped to the month's end. Working days are found through a sorted index
of every working day in a span of years, so each question is a binary search, not a loop.
"""

from __future__ import annotations

import bisect
import datetime as dt
from calendar import monthrange
from collections.abc import Callable, Iterable

# The regions a partnership may name in cspr.yaml, and what `holidays` calls them.
REGIONS = {
    "england": ("GB", "ENG"),
    "wales": ("GB", "WLS"),
    "scotland": ("GB", "SCT"),
    "northern-ireland": ("GB", "NIR"),
}

HolidaySource = Callable[[Iterable[int]], Iterable[dt.date]]

_SPAN_MARGIN = 2  # years of index either side of the dates asked about
_WIDEN_STEP = 5  # years added beyond what is asked when the index has to grow


class WorkingCalendar:
    """Answers working-day questions for one region and one set of closure days."""

    def __init__(self, holidays: HolidaySource, closures: Iterable[dt.date] = ()):
        self._holiday_source = holidays
        self._closures = frozenset(closures)
        self._first_year = 0
        self._last_year = -1
        self._days: list[dt.date] = []
        self._closed: set[dt.date] = set()
        self._holidays: set[dt.date] = set()
        self._years_asked: set[int] = set()  # the holiday source is asked about each year once
        # Dates whose questions the index answers without widening (checked on every question).
        self._safe_from = dt.date.max
        self._safe_to = dt.date.min
        self._statutory: WorkingCalendar | None = None if self._closures else self

    @property
    def statutory(self) -> WorkingCalendar:
        """The calendar for statutory deadlines: bank holidays only, no closure days."""
        if self._statutory is None:
            self._statutory = WorkingCalendar(self._holiday_source)
        return self._statutory

    # -- the index -------------------------------------------------------------------------
    def _cover(self, *days: dt.date) -> None:
        if self._safe_from <= min(days) and max(days) <= self._safe_to:
            return
        low = min(day.year for day in days) - _SPAN_MARGIN
        high = max(day.year for day in days) + _SPAN_MARGIN
        if self._first_year <= low and high <= self._last_year:
            return
        if self._last_year >= self._first_year:
            # Widen a step further than asked: reviews' dates spread over years, and each
            # widening rebuilds the index.
            low = min(low - _WIDEN_STEP if low < self._first_year else low, self._first_year)
            high = max(high + _WIDEN_STEP if high > self._last_year else high, self._last_year)
        low, high = max(low, dt.MINYEAR), min(high, dt.MAXYEAR - 1)
        missing = [year for year in range(low, high + 1) if year not in self._years_asked]
        if missing:
            self._holidays.update(self._holiday_source(missing))
            self._years_asked.update(missing)
        self._closed = self._holidays | self._closures
        closed = self._closed
        first = dt.date(low, 1, 1).toordinal()
        last = dt.date(high, 12, 31).toordinal()
        from_ordinal = dt.date.fromordinal
        self._days = [
            day for day in map(from_ordinal, range(first, last + 1))
            if day.weekday() < 5 and day not in closed
        ]
        self._first_year, self._last_year = low, high
        self._safe_from = dt.date(min(low + _SPAN_MARGIN, dt.MAXYEAR), 1, 1)
        self._safe_to = dt.date(max(high - _SPAN_MARGIN, dt.MINYEAR), 12, 31)

    # -- questions -------------------------------------------------------------------------
    def is_working_day(self, day: dt.date) -> bool:
        self._cover(day)
        return day.weekday() < 5 and day not in self._closed

    def is_closed(self, day: dt.date) -> bool:
        """A bank holiday or closure day (whatever the day of the week)."""
        self._cover(day)
        return day in self._closed

    def working_days_after(self, start: dt.date, count: int) -> dt.date:
        """The `count`th working day strictly after `start` (`start` itself when 0)."""
        if count == 0:
            return start
        self._cover(start, start + dt.timedelta(days=2 * count + 14))
        index = bisect.bisect_right(self._days, start) + count - 1
        while index >= len(self._days):  # far beyond the index: widen it and look again
            self._cover(self._days[-1] + dt.timedelta(days=400))
            index = bisect.bisect_right(self._days, start) + count - 1
        return self._days[index]

    def working_days_before(self, end: dt.date, count: int) -> dt.date:
        """The `count`th working day strictly before `end` (`end` itself when 0)."""
        if count == 0:
            return end
        self._cover(end, end - dt.timedelta(days=2 * count + 14))
        index = bisect.bisect_left(self._days, end) - count
        while index < 0:
            self._cover(self._days[0] - dt.timedelta(days=400))
            index = bisect.bisect_left(self._days, end) - count
        return self._days[index]

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """How many working days fall strictly after `start` up to and including `end`."""
        self._cover(start, end)
        return bisect.bisect_right(self._days, end) - bisect.bisect_right(self._days, start)


def months_after(start: dt.date, count: int) -> dt.date:
    """Calendar months, the day clamped to the month's end (31 Aug + 6 months = 28 Feb).

    The same answer as dateutil's `start + relativedelta(months=count)`, without its cost:
    reports add months thousands of times (every recurring check of every review).
    """
    months = start.year * 12 + start.month - 1 + count
    year, month = divmod(months, 12)
    month += 1
    day = start.day
    if day > 28:
        day = min(day, monthrange(year, month)[1])
    return dt.date(year, month, day)

