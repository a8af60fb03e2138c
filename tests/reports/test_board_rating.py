"""The board paper rates each open review from its index's rows (`reports/board.py: rating`),
without building its overdue-report items: always as `rag.review_rag` rates those items, on any
day, over the benchmark generator's reviews (holds, per-agency stages, recurring checks,
actions) and the demo workspace. Pure but for reading the generated workspace."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cspr.model.agenda import agenda_for
from cspr.model.statuses import Rag
from cspr.reports.board import SOON_DAYS, rating, rating_and_next
from cspr.reports.index import index_of, next_stage
from cspr.reports.overdue import items_from_index
from cspr.reports.rag import review_rag
from cspr.storage.workspace import Workspace as DiskWorkspace
from tests.helpers.bench import generator
from tests.helpers.workspace import REPO


@pytest.fixture(scope="module")
def indexes(tmp_path_factory) -> list:
    root = tmp_path_factory.mktemp("rating") / "ws"
    generator().make_workspace(root, 200, seed=21)
    found = []
    for workspace in (DiskWorkspace(root), DiskWorkspace(REPO)):
        reviews, errors = workspace.load_all()
        assert not errors
        found += [index_of(agenda_for(workspace.schedule_of(review, dt.date(2026, 6, 1)))) for review in reviews]
    return found


def _rated_from_items(index, day: dt.date):
    hold = index.held_for(day.toordinal())
    return (*review_rag(items_from_index(index, day, SOON_DAYS, {}), hold), hold)


def test_every_rating_and_reason_is_reached(indexes):
    found = [rating(index, dt.date(2026, 6, 1)) for index in indexes]
    assert {rag for rag, _, _ in found} == set(Rag)
    assert any("overdue;" in reason and "due in" in reason for _, reason, _ in found)
    assert any(hold is not None for _, _, hold in found)


@settings(max_examples=60, deadline=None)
@given(day=st.dates(min_value=dt.date(2021, 1, 1), max_value=dt.date(2031, 12, 31)))
def test_the_rating_from_the_rows_is_the_rating_of_the_items(indexes, day):
    for index in indexes:
        assert rating(index, day) == _rated_from_items(index, day)


@settings(max_examples=60, deadline=None)
@given(day=st.dates(min_value=dt.date(2021, 1, 1), max_value=dt.date(2031, 12, 31)))
def test_the_next_stage_found_with_the_rating_is_the_next_stage(indexes, day):
    """The paper reads each review's rating and next stage in one pass: the same next stage."""
    for index in indexes:
        upcoming = rating_and_next(index, day)[3]
        assert (upcoming and (upcoming[0], dt.date.fromordinal(upcoming[1]))) == next_stage(index, day)
