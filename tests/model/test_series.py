"""A recurring stage's scheduled dates (`cspr/model/series.py`): every `count` weeks or months
from its start, until its end, with answered and quiet dates left out. Pure."""

from __future__ import annotations

import datetime as dt

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
