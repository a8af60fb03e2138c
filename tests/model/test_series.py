"""A recurring stage's scheduled dates (`cspr/model/series.py`): every `count` weeks or months
from its start, until its end, with answered and quiet dates left out. Pure."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from cspr.model.series import series

D = dt.date
MONTHLY = series(D(2026, 1, 31), 1, "months", None, (), ())


def test_monthly_dates_clamp_to_the_month_end_without_drifting():
    assert MONTHLY.first == 1 and not MONTHLY.finished
    assert MONTHLY.dates(D(2026, 4, 29)) == ([D(2026, 2, 28), D(2026, 3, 31), D(2026, 4, 30)], False)
    assert MONTHLY.dates(D(2026, 4, 30)) == ([D(2026, 2, 28), D(2026, 3, 31), D(2026, 4, 30), D(2026, 5, 31)], False)


def test_outstanding_is_every_date_missed_and_the_next_one():
    assert MONTHLY.outstanding(D(2026, 1, 31)) == (D(2026, 2, 28),)
    assert MONTHLY.outstanding(D(2026, 4, 29)) == (D(2026, 2, 28), D(2026, 3, 31), D(2026, 4, 30))
    assert MONTHLY.outstanding(D(2026, 4, 30)) == (D(2026, 2, 28), D(2026, 3, 31), D(2026, 4, 30), D(2026, 5, 31))
    assert MONTHLY.is_open_on(D(2026, 1, 31))


def test_a_series_ends_before_its_end_day_and_answered_dates_are_not_outstanding():
    ending = series(D(2026, 1, 31), 1, "months", D(2026, 4, 30), (D(2026, 2, 28),), ())
    assert ending.first == 2 and not ending.finished
    assert ending.dates(D(2026, 6, 1)) == ([D(2026, 2, 28), D(2026, 3, 31)], True)
    assert ending.outstanding(D(2026, 6, 1)) == (D(2026, 3, 31),)
    done = series(D(2026, 1, 31), 1, "months", D(2026, 4, 30), (D(2026, 3, 31), D(2026, 2, 28), D(2026, 2, 28)), ())
    assert done.answered == (D(2026, 2, 28), D(2026, 3, 31))
    assert done.first == 3 and done.finished
    assert done.outstanding(D(2026, 6, 1)) == ()


def test_every_two_weeks_with_quiet_days_left_out():
    fortnightly = series(D(2026, 1, 1), 2, "weeks", None, (D(2026, 1, 15),), ((D(2026, 1, 20), D(2026, 2, 5)),))
    assert fortnightly.first == 3  # 15 Jan answered, 29 Jan quiet
    assert fortnightly.dates(D(2026, 2, 20)) == ([D(2026, 1, 15), D(2026, 2, 12), D(2026, 2, 26)], False)
    assert fortnightly.outstanding(D(2026, 2, 20)) == (D(2026, 2, 12), D(2026, 2, 26))
    assert fortnightly.outstanding(D(2026, 2, 12)) == (D(2026, 2, 12), D(2026, 2, 26))
    assert fortnightly.is_quiet(D(2026, 1, 20)) and fortnightly.is_quiet(D(2026, 2, 5))
    assert not fortnightly.is_quiet(D(2026, 1, 19)) and not fortnightly.is_quiet(D(2026, 2, 6))


def test_nothing_is_outstanding_while_the_series_is_quiet_before_its_next_date():
    quiet_start = series(D(2026, 1, 1), 1, "weeks", None, (), ((D(2026, 1, 1), D(2026, 1, 20)),))
    assert quiet_start.first == 3
    assert quiet_start.outstanding(D(2026, 1, 10)) == () and not quiet_start.is_open_on(D(2026, 1, 10))
    assert quiet_start.outstanding(D(2026, 1, 15)) == (D(2026, 1, 22),) and quiet_start.is_open_on(D(2026, 1, 15))
    answered = series(D(2026, 1, 1), 2, "weeks", None, (D(2026, 1, 15), D(2026, 1, 29)), ())
    assert answered.first == 3
    assert answered.outstanding(D(2026, 1, 10)) == (D(2026, 2, 12),) and answered.is_open_on(D(2026, 1, 10))
    later = series(D(2026, 1, 1), 2, "weeks", None, (D(2026, 1, 15),), ((D(2026, 1, 20), D(2026, 2, 5)),))
    assert later.outstanding(D(2026, 1, 10)) == () and not later.is_open_on(D(2026, 1, 10))


@settings(max_examples=500, deadline=None)
@given(start=st.dates(D(2020, 1, 1), D(2027, 12, 31)), count=st.integers(1, 13), unit=st.sampled_from(["weeks", "months"]),
       end_after=st.none() | st.integers(0, 2000), answered=st.lists(st.integers(0, 60), max_size=6),
       quiet=st.lists(st.tuples(st.integers(0, 3000), st.integers(0, 400)), max_size=3),
       as_of=st.dates(D(2019, 6, 1), D(2031, 12, 31)), window=st.tuples(st.dates(D(2019, 6, 1), D(2031, 12, 31)),
                                                                       st.integers(0, 500)))
def test_the_outstanding_dates_within_days_are_those_of_all_the_outstanding_dates(start, count, unit, end_after,
                                                                                   answered, quiet, as_of, window):
    """The board paper asks only for a quarter's outstanding dates; they are always these."""
    end = start + dt.timedelta(days=end_after) if end_after is not None else None
    windows = tuple(sorted((start + dt.timedelta(days=a), start + dt.timedelta(days=a + b)) for a, b in quiet))
    probe = series(start, count, unit, None, (), ())
    found = series(start, count, unit, end, tuple(probe.nth(k) for k in answered if k > 0), windows)
    first_day, last_day = window[0], window[0] + dt.timedelta(days=window[1])
    assert found.outstanding_within(as_of, first_day, last_day) == \
        tuple(day for day in found.outstanding(as_of) if first_day <= day <= last_day)
