"""Dates as the caches keep them (ordinals), and back."""

from __future__ import annotations

import datetime as dt

from cspr.model.dates import from_ordinal, ordinal, remembered_day


def test_a_date_goes_to_its_ordinal_and_back_and_none_stays_none():
    day = dt.date(2026, 4, 1)
    assert ordinal(day) == day.toordinal() and from_ordinal(ordinal(day)) == day
    assert ordinal(None) is None and from_ordinal(None) is None


def test_a_remembered_day_is_made_once():
    days: dict[int, dt.date] = {}
    first = remembered_day(days, dt.date(2026, 4, 1).toordinal())
    assert first == dt.date(2026, 4, 1) and days == {first.toordinal(): first}
    assert remembered_day(days, first.toordinal()) is first
    assert remembered_day(days, None) is None and len(days) == 1
