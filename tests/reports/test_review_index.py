"""A review's index gives exactly what its agenda gives, on any day: the overdue report's items,
the review list's overdue count and next stage, the board timeline's line.

Those reports read each review's index (`index_of`) from its cache instead of building the
agenda back; this holds the two answers together, over the benchmark generator's reviews (holds,
per-agency stages, recurring checks, actions, closed reviews), the demo workspace, and agendas
made directly (recurring stages that stop and start on quiet days, several holds).
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cspr.model.agenda import Agenda, Pending, agenda_for, deadlines_on
from cspr.model.series import series
from cspr.model.statuses import ItemStatus
from cspr.reports.index import index_of, next_stage, overdue_count
from cspr.reports.overdue import items_from_index, items_on, report, report_from_indexes
from cspr.reports.timeline import DONE_MARK, DUE_MARK, HOLD_SPAN, OVERDUE_SPAN, review_line
from cspr.storage.workspace import Workspace as DiskWorkspace
from tests.helpers.bench import generator
from tests.helpers.workspace import REPO


@pytest.fixture(scope="module")
def agendas(tmp_path_factory) -> list:
    root = tmp_path_factory.mktemp("index") / "ws"
    generator().make_workspace(root, 200, seed=20)
    found = []
    for workspace in (DiskWorkspace(root), DiskWorkspace(REPO)):
        reviews, errors = workspace.load_all()
        assert not errors
        found += [agenda_for(workspace.schedule_of(review, dt.date(2026, 6, 1))) for review in reviews]
    return found


def test_the_generated_reviews_reach_every_kind_of_row(agendas):
    indexes = [index_of(agenda) for agenda in agendas]
    rows = [row for index in indexes for row in index.rows]
    assert any(row[6] for row in rows) and any(index.holds for index in indexes), "a hold in force"
    assert any(len(row[4]) > 1 for row in rows), "a stage waiting for several agencies"
    assert any(not row[7] for row in rows), "an action or a reminder"
    assert any(index.closed for index in indexes), "a closed review"


@settings(max_examples=60, deadline=None)
@given(day=st.dates(min_value=dt.date(2021, 1, 1), max_value=dt.date(2031, 12, 31)),
       within=st.integers(min_value=0, max_value=400))
def test_the_index_gives_the_items_the_agenda_gives(agendas, day, within):
    days: dict[int, dt.date] = {}
    for agenda in agendas:
        assert items_from_index(index_of(agenda), day, within, days) == items_on(agenda, day, within)
    assert report_from_indexes([index_of(agenda) for agenda in agendas], day, within) == report(agendas, day, within)
    for agenda in agendas:
        _same_list_entry(agenda, day)


def _same_list_entry(agenda: Agenda, day: dt.date) -> None:
    """The review list's overdue count and next stage, from the index as from the agenda."""
    index = index_of(agenda)
    overdue = [i for i in items_on(agenda, day, 0) if i.status == ItemStatus.OVERDUE]
    assert overdue_count(index, day) == len(overdue)
    upcoming = None  # the stage due soonest, the first among equals, not on hold
    for deadline in deadlines_on(agenda, day, every_occurrence=False):
        if deadline.held is None and deadline.is_stage and (upcoming is None or deadline.due < upcoming.due):
            upcoming = deadline
    assert next_stage(index, day) == ((upcoming.stage, upcoming.due) if upcoming else None)
    _same_timeline_line(agenda, day)


def _same_timeline_line(agenda: Agenda, day: dt.date) -> None:
    """The board timeline's line, from the index as the agenda gives it (what `review_line`
    worked out from the agenda before the index)."""
    pending = []
    for deadline in deadlines_on(agenda, day, every_occurrence=False):
        if deadline.held is None and deadline.is_stage and (not pending or pending[-1][1] != deadline.stage):
            pending.append((deadline.due, deadline.stage))
    pending.sort()
    overdue = [due for due, _ in pending if day > due]
    marks = [(HOLD_SPAN, start, end or day) for _, start, end in agenda.holds if start <= day]
    marks += [(DONE_MARK, done, None) for done in agenda.done] + [(DUE_MARK, due, None) for due, _ in pending]
    if overdue:
        marks.append((OVERDUE_SPAN, overdue[0] + dt.timedelta(days=1), day))
    line = review_line(index_of(agenda), day)
    assert [tuple(mark) for mark in line.marks] == marks
    upcoming = [(due, stage) for due, stage in pending if day <= due]
    assert (f"{len(overdue)} overdue" in line.note) == bool(overdue)
    assert (f"next {upcoming[0][1]} " in line.note) if upcoming else "next " not in line.note
    assert ("on hold: " in line.note) == (agenda.current_hold(day) is not None)


# Agendas made directly, for what the generator never makes: a recurring stage whose quiet days
# (every action complete, then one reopened) stop it before its next date, several holds in force.
_days = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2028, 12, 31))


@st.composite
def made_agendas(draw) -> Agenda:
    start = draw(_days)
    answered = tuple(draw(st.lists(_days, max_size=4)))
    quiet = tuple(sorted((a, a + dt.timedelta(days=n)) for a, n in
                         draw(st.lists(st.tuples(_days, st.integers(0, 400)), max_size=3))))
    recurring = series(start, draw(st.sampled_from([1, 3])), draw(st.sampled_from(["weeks", "months"])),
                       draw(st.none() | _days), answered, quiet)
    pending = [Pending("assurance", "Assurance", "QA subgroup", recurring.nth(recurring.first), series=recurring)]
    for n in range(draw(st.integers(0, 3))):
        agencies = tuple(draw(st.lists(st.sampled_from(["Police", "Health", "LA"]), max_size=3, unique=True)))
        pending.append(Pending(f"stage-{n}", f"Stage {n}", "Partnership", draw(st.none() | _days), agencies,
                               draw(st.booleans())))
    if draw(st.booleans()):
        pending.append(Pending("action:R1.1", "An action", "Police", draw(_days), action_agency="Police"))
    holds = tuple((f"Trial {n}", draw(_days), draw(st.none() | _days)) for n in range(draw(st.integers(0, 2))))
    if draw(st.booleans()):
        pending.append(Pending("needs-timeline", "Timeline needed", "Business unit", draw(_days), reminder=True))
    return Agenda("2026-child-x", "Child X", draw(st.booleans()), holds, tuple(pending))


def _turning_points(agenda: Agenda) -> list[dt.date]:
    """The days around which the answer changes: the recurring stage's next date and the one
    before it (where quiet days may have stopped it), each hold's first and last day."""
    recurring = agenda.pending[0].series
    found = [recurring.nth(recurring.first), recurring.nth(max(recurring.first - 1, 1))]
    return found + [day for _, start, end in agenda.holds for day in (start, end) if day is not None]


@settings(max_examples=500, deadline=None)
@given(agenda=made_agendas(), data=st.data(), within=st.integers(min_value=0, max_value=60))
def test_the_index_gives_the_items_of_any_agenda(agenda, data, within):
    near = data.draw(st.sampled_from(_turning_points(agenda)))
    day = near + dt.timedelta(days=data.draw(st.integers(min_value=-40, max_value=5)))
    assert items_from_index(index_of(agenda), day, within, {}) == items_on(agenda, day, within)
    _same_list_entry(agenda, day)


def test_a_recurring_stage_stopped_by_quiet_days_is_not_listed_before_it_starts_again():
    # every three weeks from 22 July 2025; quiet (every action complete) until 3 October, so the
    # date of 23 September passed quietly and the next is 14 October
    recurring = series(dt.date(2025, 7, 22), 3, "weeks", None, (), ((dt.date(2025, 1, 1), dt.date(2025, 10, 3)),))
    agenda = Agenda("2025-child-x", "Child X", False, (),
                    (Pending("assurance", "Assurance", "QA subgroup", recurring.nth(recurring.first), series=recurring),))
    index = index_of(agenda)
    for day, listed in ((dt.date(2025, 9, 5), False), (dt.date(2025, 9, 23), True), (dt.date(2025, 10, 20), True)):
        items = items_from_index(index, day, 60, {})
        assert items == items_on(agenda, day, 60)
        assert [item.due for item in items] == ([dt.date(2025, 10, 14)] if listed else [])
