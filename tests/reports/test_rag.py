"""One rating rule for a review and for each agency's actions, as the board paper and the
dashboard both show them. Pure: no disk, no git."""

from __future__ import annotations

import datetime as dt

from cspr.model.statuses import ItemStatus, Rag
from cspr.reports.overdue import Item
from cspr.reports.rag import AgencyRag, agency_rags, review_rag

DAY = dt.date(2026, 4, 20)
TRIAL = "criminal trial"  # the reason for the hold the review is on


def item(status: ItemStatus, days_overdue: int) -> Item:
    return Item("2026-child-a", "Child A", "notification", "Notification", "Local authority", None,
                DAY - dt.timedelta(days=days_overdue), status, days_overdue)


def test_anything_overdue_is_red_and_says_how_many():
    items = [item(ItemStatus.OVERDUE, 10), item(ItemStatus.OVERDUE, 1), item(ItemStatus.DUE_SOON, -3)]
    assert review_rag(items, None) == (Rag.RED, "2 overdue; due in 3 days")


def test_due_soon_is_amber_naming_the_soonest():
    items = [item(ItemStatus.DUE_SOON, -9), item(ItemStatus.DUE_SOON, -2)]
    assert review_rag(items, None) == (Rag.AMBER, "due in 2 days")
    assert review_rag([item(ItemStatus.DUE_SOON, 0)], None) == (Rag.AMBER, "due today")


def test_on_hold_is_amber_with_the_reason_and_nothing_due_is_green():
    assert review_rag([], TRIAL) == (Rag.AMBER, "on hold: criminal trial")
    assert review_rag([], None) == (Rag.GREEN, "on track")


def test_agencies_are_counted_by_rating_in_any_case_and_listed_by_name():
    states = [("Police", Rag.RED), ("police", Rag.GREEN), ("Health", Rag.AMBER), ("Police", Rag.RED)]
    assert agency_rags(states) == (AgencyRag("Health", 0, 1, 0), AgencyRag("Police", 2, 0, 1))
    assert agency_rags(states)[1].total == 3
