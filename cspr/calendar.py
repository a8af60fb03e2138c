"""Working days: Monday to Friday, less bank holidays and the partnership's closure days.

Counting rules (DOMAIN.md): "N working days after X" is the Nth working day strictly after
X; "N working days before Y" is the Nth working day strictly before Y; months are calendar
months with the day clamped to the month's end. Working days are found through a sorted index
of every working day in a span of years, so each question is a binary search, not a loop.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable

from dateutil.relativedelta import relativedelta

HolidaySource = Callable[[Iterable[int]], Iterable[dt.date]]

_SPAN_MARGIN = 2  # years of index either side of the dates asked about


class WorkingCalendar:
    """Answers working-day questions for one region and one set of closure days."""

    def __init__(self, holidays: HolidaySource, closures: Iterable[dt.date] = ()):
        self._holiday_source = holidays
        self._closures = frozenset(closures)
        self._first_year = 0
        self._last_year = -1
        self._days: list[dt.date] = []
        self._closed: set[dt.date] = set()

    # -- the index -------------------------------------------------------------------------
    def _cover(self, *days: dt.date) -> None:
        low = min(day.year for day in days) - _SPAN_MARGIN
        high = max(day.year for day in days) + _SPAN_MARGIN
        if self._first_year <= low and high <= self._last_year:
            return
        if self._last_year >= self._first_year:
            low = min(low, self._first_year)
            high = max(high, self._last_year)
        low, high = max(low, dt.MINYEAR), min(high, dt.MAXYEAR - 1)
        years = range(low, high + 1)
        self._closed = set(self._holiday_source(years)) | set(self._closures)
        day = dt.date(low, 1, 1)
        end = dt.date(high, 12, 31)
        one = dt.timedelta(days=1)
        days: list[dt.date] = []
        while day <= end:
            if day.weekday() < 5 and day not in self._closed:
                days.append(day)
            day += one
        self._days = days
        self._first_year, self._last_year = low, high

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


def days_after(start: dt.date, count: int) -> dt.date:
    return start + dt.timedelta(days=count)


def months_after(start: dt.date, count: int) -> dt.date:
    """Calendar months, the day clamped to the month's end (31 Aug + 6 months = 28 Feb)."""
    return start + relativedelta(months=count)


def weeks_after(start: dt.date, count: int) -> dt.date:
    return start + dt.timedelta(weeks=count)
