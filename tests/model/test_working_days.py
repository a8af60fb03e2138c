"""Working days: the worked examples in DOMAIN.md, and properties that hold for any date."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cspr.model.working_days import WorkingCalendar, months_after
from cspr.storage.bank_holidays import bank_holidays, calendar_for
from tests.helpers.domain import ENGLAND

D = dt.date


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        (D(2026, 4, 1), 5, D(2026, 4, 10)),  # Good Friday and Easter Monday skipped
        (D(2022, 9, 16), 5, D(2022, 9, 26)),  # the state funeral on 19 Sep 2022 skipped
        (D(2022, 12, 23), 1, D(2022, 12, 28)),  # Boxing Day and the Christmas substitute day
        (D(2023, 5, 5), 1, D(2023, 5, 9)),  # the coronation bank holiday, 8 May 2023
        (D(2026, 4, 3), 1, D(2026, 4, 7)),  # counting from a holiday: strictly after it
        (D(2026, 4, 4), 0, D(2026, 4, 4)),
    ],
)
def test_working_days_after(start, count, expected):
    assert ENGLAND.working_days_after(start, count) == expected


def test_working_days_before_worked_example():
    assert ENGLAND.working_days_before(D(2025, 1, 6), 7) == D(2024, 12, 23)


def test_england_needs_the_subdivision():
    """Without subdiv='ENG' Easter Monday and the August bank holiday would be missing."""
    days = set(bank_holidays("england", [2026]))
    assert D(2026, 4, 6) in days  # Easter Monday
    assert D(2026, 8, 31) in days  # summer bank holiday
    assert D(2026, 8, 3) not in days  # Scotland's August holiday is not England's


def test_closure_days_are_not_working_days():
    closed = calendar_for("england", [D(2026, 12, 29), D(2026, 12, 30), D(2026, 12, 31)])
    assert closed.working_days_after(D(2026, 12, 24), 1) == D(2027, 1, 4)
    assert ENGLAND.working_days_after(D(2026, 12, 24), 1) == D(2026, 12, 29)


def test_months_clamp_to_the_month_end():
    assert months_after(D(2026, 8, 31), 6) == D(2027, 2, 28)
    assert months_after(D(2027, 8, 31), 6) == D(2028, 2, 29)


def test_counting_far_from_the_first_question_widens_the_index():
    calendar = calendar_for("england")
    assert calendar.working_days_after(D(2026, 1, 1), 1) == D(2026, 1, 2)
    assert calendar.working_days_after(D(2040, 1, 1), 1) == D(2040, 1, 3)  # 2 Jan: substitute day
    assert calendar.working_days_before(D(1999, 1, 5), 1) == D(1999, 1, 4)
    assert calendar.working_days_after(D(2026, 1, 1), 2000) > D(2033, 1, 1)


dates = st.dates(min_value=D(2000, 1, 1), max_value=D(2060, 12, 31))
counts = st.integers(min_value=1, max_value=400)


@settings(max_examples=300, deadline=None)
@given(dates, counts)
def test_adding_working_days_never_lands_on_a_closed_day(start, count):
    day = ENGLAND.working_days_after(start, count)
    assert day > start
    assert day.weekday() < 5 and not ENGLAND.is_closed(day)
    assert ENGLAND.working_days_between(start, day) == count


@settings(max_examples=300, deadline=None)
@given(dates, counts)
def test_after_then_before_returns_to_a_working_day_at_or_before_the_start(start, count):
    there = ENGLAND.working_days_after(start, count)
    back = ENGLAND.working_days_before(there, count)
    assert back <= start
    assert ENGLAND.is_working_day(back)
    # and no working day lies between where we came back to and the start
    assert ENGLAND.working_days_between(back, start) == 0


@settings(max_examples=200, deadline=None)
@given(dates, counts)
def test_index_agrees_with_counting_day_by_day(start, count):
    """The binary-search index gives the same answer as the plain definition."""
    day, found = start, 0
    while found < count:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and not ENGLAND.is_closed(day):
            found += 1
    assert ENGLAND.working_days_after(start, count) == day


def test_calendar_asks_for_holidays_by_year_span():
    asked: list[list[int]] = []

    def source(years):
        years = list(years)
        asked.append(years)
        return [D(2026, 1, 1)]

    calendar = WorkingCalendar(source)
    assert calendar.working_days_after(D(2025, 12, 31), 1) == D(2026, 1, 2)
    assert asked and 2026 in asked[0]
