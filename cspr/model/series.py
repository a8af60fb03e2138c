"""A recurring stage's scheduled dates (a monthly progress check, quarterly assurance). Pure.

A series is every `count` weeks or months from its start (start + k intervals, so a late check
never makes the series drift and month ends clamp the same way every time), until its end. It
needs neither the process nor the working-day calendar, and it does not depend on the day it
is read: `outstanding(as_of)` gives, on any day, the scheduled dates not yet recorded, up to
and including the next one. That is what lets a cached agenda stay right as the days pass.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from cspr.model.dates import from_ordinal, ordinal
from cspr.model.working_days import months_after

Window = tuple[dt.date, "dt.date | None"]  # first and last day (None: open-ended)

_LIMIT = 100_000  # scheduled dates looked at, at most: a guard, never reached by a real series


class Series(NamedTuple):  # a NamedTuple for speed, as model/agenda.py explains
    start: dt.date  # the anchor: the first scheduled date is one interval after it
    count: int
    unit: str  # weeks | months
    end: dt.date | None = None  # the series has ended: nothing falls due on or after this day
    answered: tuple[dt.date, ...] = ()  # scheduled dates recorded as done, in order
    quiet: tuple[Window, ...] = ()  # days when nothing is due (every action complete, for assurance)
    first: int = 1  # the first k whose date is neither answered nor quiet (nor past the end)

    def nth(self, k: int) -> dt.date:
        if self.unit == "weeks":
            return self.start + dt.timedelta(weeks=k * self.count)
        return months_after(self.start, k * self.count)

    def is_quiet(self, day: dt.date) -> bool:
        return bool(self.quiet) and any(first <= day and (last is None or day <= last) for first, last in self.quiet)

    def dates(self, horizon: dt.date) -> tuple[list[dt.date], bool]:
        """Scheduled dates up to the first after `horizon` (quiet days left out), and whether
        the series has ended."""
        found: list[dt.date] = []
        for k in range(1, _LIMIT):
            day = self.nth(k)
            if self.end is not None and day >= self.end:
                return found, True
            if not self.is_quiet(day):
                found.append(day)
            if day > horizon:
                break
        return found, False

    def last_on_or_before(self, day: dt.date) -> dt.date | None:
        """The latest scheduled date on or before `day` (recorded or not; quiet days left out,
        none on or after the end): the last of `dates(day)` up to `day`, found without walking
        the series from its start (the assurance point of every review, on every report)."""
        if day < self.start:
            return None
        if self.unit == "weeks":
            k = (day - self.start).days // (7 * self.count)
        else:
            k = ((day.year - self.start.year) * 12 + day.month - self.start.month) // self.count
            while k > 0 and self.nth(k) > day:  # a month shorter than the start's day
                k -= 1
        while k >= 1:
            found = self.nth(k)
            if (self.end is None or found < self.end) and not self.is_quiet(found):
                return found
            k -= 1
        return None

    def _stopped_before_first(self, horizon: dt.date) -> bool:
        """The series stopped, on a quiet date after `horizon`, before reaching `first`.
        Without quiet dates it cannot: every date before `first` is answered, so not after it."""
        return bool(self.quiet) and self.first > 1 and self.nth(self.first - 1) > horizon

    def is_open_on(self, as_of: dt.date) -> bool:
        """Whether anything is outstanding on `as_of` (then the earliest is `nth(first)`)."""
        return not self._stopped_before_first(max(as_of, self.answered[-1]) if self.answered else as_of)

    def outstanding(self, as_of: dt.date) -> tuple[dt.date, ...]:
        """The dates not yet recorded on `as_of`: each one missed, and the next.

        The same as the unanswered `dates(max(as_of, latest answered))`, starting from `first`
        (every date before it is answered or quiet) rather than from the start.
        """
        horizon = max(as_of, self.answered[-1]) if self.answered else as_of
        if self._stopped_before_first(horizon):
            return ()
        answered = self.answered
        found: list[dt.date] = []
        for k in range(self.first, _LIMIT):
            day = self.nth(k)
            if self.end is not None and day >= self.end:
                break
            if day not in answered and not self.is_quiet(day):
                found.append(day)
            if day > horizon:
                break
        return tuple(found)

    def outstanding_within(self, as_of: dt.date, first_day: dt.date, last_day: dt.date) -> tuple[dt.date, ...]:
        """The dates of `outstanding(as_of)` from `first_day` to `last_day`, found without walking
        the series from `first`: a board paper asks each stalled review's for one quarter (7,000
        of them over 10,000 reviews, so each date is worked out once)."""
        answered, quiet = self.answered, self.quiet
        horizon = max(as_of, answered[-1]) if answered else as_of
        if quiet and self._stopped_before_first(horizon):
            return ()
        k, day, before = self._first_on_or_after(first_day)
        if k < self.first:
            k = self.first
            day = self.nth(k)
        elif k > self.first and (before if before is not None else self.nth(k - 1)) > horizon:
            return ()  # `outstanding` stops before reaching it
        end = self.end
        found: list[dt.date] = []
        for after in range(k + 1, _LIMIT + 1):  # each turn looks at `day`, then works out the next
            if (end is not None and day >= end) or day > last_day:
                break
            if day not in answered and not (quiet and self.is_quiet(day)):
                found.append(day)
            if day > horizon:
                break
            day = self.nth(after)
        return tuple(found)

    def _first_on_or_after(self, day: dt.date) -> tuple[int, dt.date, dt.date | None]:
        """The first k (from 1) whose scheduled date is on or after `day`, that date, and the
        date before it when it was worked out on the way (else None)."""
        if day <= self.start:
            return 1, self.nth(1), None
        # k intervals from the start reach no further than `day`'s week or month, so the date
        # before the k found is always before `day`: only the steps forward are needed.
        if self.unit == "weeks":
            k = (day - self.start).days // (7 * self.count)
        else:
            k = ((day.year - self.start.year) * 12 + day.month - self.start.month) // self.count
        k = max(k, 1)
        before, found = None, self.nth(k)
        while found < day:
            k += 1
            before, found = found, self.nth(k)
        return k, found, before

    @property
    def finished(self) -> bool:
        """Ended with every date before the end recorded: nothing can fall due again."""
        return self.end is not None and self.nth(self.first) >= self.end


# -- as plain values (days as ordinals), for the caches ------------------------------------------
_day = dt.date.fromordinal


def to_plain(found: Series | None) -> tuple | None:
    """The series as plain values marshal can store (days as ordinals)."""
    if found is None:
        return None
    return (found.start.toordinal(), found.count, found.unit, ordinal(found.end),
            tuple(day.toordinal() for day in found.answered),
            tuple((first.toordinal(), ordinal(last)) for first, last in found.quiet), found.first)


def from_plain(value: tuple | None) -> Series | None:
    if value is None:
        return None
    start, count, unit, end, answered, quiet, first = value
    return Series(_day(start), count, unit, None if end is None else _day(end), tuple(map(_day, answered)),
                  tuple((_day(a), from_ordinal(b)) for a, b in quiet) if quiet else (), first)


def series(start: dt.date, count: int, unit: str, end: dt.date | None,
           answered: tuple[dt.date, ...], quiet: tuple[Window, ...]) -> Series:
    """The series, with `first` found: where its outstanding dates can begin."""
    made = Series(start, count, unit, end, tuple(sorted(set(answered))), quiet)
    done = set(made.answered)
    for k in range(1, _LIMIT):
        day = made.nth(k)
        if (made.end is not None and day >= made.end) or (day not in done and not made.is_quiet(day)):
            return Series(made.start, count, unit, end, made.answered, quiet, k)
    return made
