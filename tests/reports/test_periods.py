"""The periods yearly and quarterly reports cover: financial years and their quarters, April
to March. Pure: no disk, no git."""

from __future__ import annotations

import datetime as dt

import pytest

from cspr.reports.board import parse_quarter, quarter, quarter_of
from cspr.reports.stats import Period, as_at, financial_year, financial_year_of

QUARTERS_OF_2026 = [
    (1, "Q1 2026/27 (April to June 2026)", dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
    (2, "Q2 2026/27 (July to September 2026)", dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
    (3, "Q3 2026/27 (October to December 2026)", dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
    (4, "Q4 2026/27 (January to March 2027)", dt.date(2027, 1, 1), dt.date(2027, 3, 31)),
]


@pytest.mark.parametrize(("number", "name", "start", "end"), QUARTERS_OF_2026)
def test_each_quarter_runs_from_its_first_to_its_last_day_and_says_so(number, name, start, end):
    period = quarter(2026, number)
    assert (period.start, period.end, period.name) == (start, end, name)
    assert period.year is None


@pytest.mark.parametrize(("month", "number"), [(4, 1), (5, 1), (6, 1), (7, 2), (8, 2), (9, 2), (10, 3),
                                               (11, 3), (12, 3), (1, 4), (2, 4), (3, 4)])
def test_every_month_falls_in_its_financial_quarter(month, number):
    year = 2026 if month >= 4 else 2027
    for day in (1, 28):
        assert quarter_of(dt.date(year, month, day)) == quarter(2026, number)


@pytest.mark.parametrize("text", ["2026-Q3", "2026Q3", "2026-q3", " 2026 - Q3 ", "2026 q3"])
def test_a_quarter_is_written_as_its_year_and_number(text):
    assert parse_quarter(text) == quarter(2026, 3)


@pytest.mark.parametrize("text", ["2026-Q0", "2026-Q5", "26-Q3", "2026-3", "Q3 2026", "2026-Q3x", ""])
def test_anything_else_is_not_a_quarter_and_says_how_to_write_one(text):
    with pytest.raises(ValueError) as refused:
        parse_quarter(text)
    assert str(refused.value) == (f"{text!r} is not a quarter; write the financial year's first year and the "
                                  "quarter, such as 2026-Q3 (October to December 2026; Q1 is April to June)")


def test_a_financial_year_runs_from_april_to_march():
    year = financial_year(2026)
    assert (year.start, year.end, year.year, year.name) == (
        dt.date(2026, 4, 1), dt.date(2027, 3, 31), 2026, "financial year 2026/27")
    assert financial_year_of(dt.date(2026, 4, 1)) == year
    assert financial_year_of(dt.date(2027, 3, 31)) == year
    assert financial_year_of(dt.date(2026, 3, 31)) == financial_year(2025)


def test_a_period_holds_its_first_and_last_days_and_nothing_else():
    period = Period(dt.date(2026, 4, 1), dt.date(2026, 4, 30))
    assert dt.date(2026, 4, 1) in period and dt.date(2026, 4, 30) in period
    assert dt.date(2026, 3, 31) not in period and dt.date(2026, 5, 1) not in period
    assert "2026-04-10" not in period
    assert period.name == "period"


def test_a_period_is_reported_as_at_its_last_day_or_today_if_sooner():
    year = financial_year(2026)
    assert as_at(year, dt.date(2026, 11, 30)) == dt.date(2026, 11, 30)
    assert as_at(year, dt.date(2027, 6, 1)) == dt.date(2027, 3, 31)
