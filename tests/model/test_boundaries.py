"""Every boundary of the deadline rules pinned on both sides: pure values in, pure values out."""

from __future__ import annotations

import datetime as dt

import pytest

from cspr.model.actions import action_states
from cspr.model.agenda import agenda_for
from cspr.model.dates import parse_date
from cspr.model.deadlines import ReviewSchedule
from cspr.model.review import (
    Action,
    ActionUpdate,
    Completion,
    Decision,
    Hold,
    Recommendation,
    Review,
)
from cspr.model.statuses import ItemStatus, Rag, StageStatus
from cspr.model.working_days import WorkingCalendar
from cspr.reports.overdue import items_on
from tests.helpers.domain import ENGLAND, PROCESS

D = dt.date
NO_HOLIDAYS = WorkingCalendar(lambda years: [])
LOCAL = Decision("local", D(2026, 1, 15))


def schedule(as_of: dt.date, **fields) -> ReviewSchedule:
    review = Review(id="2026-child-a", child="Child A", aware=fields.pop("aware", D(2026, 1, 2)), **fields)
    return ReviewSchedule(PROCESS, review, ENGLAND, as_of)


def action(due: dt.date, *updates: tuple[dt.date, str]) -> Action:
    return Action("R1.1", "R1", "Police", due, "Train call handlers",
                  tuple(ActionUpdate(on, status) for on, status in updates))


def with_actions(*actions: Action) -> tuple[Recommendation, ...]:
    return (Recommendation("R1", "Share information sooner", actions),)


# -- working days ------------------------------------------------------------------------------

@pytest.mark.parametrize(("day", "working"), [
    (D(2026, 4, 3), False),  # Good Friday
    (D(2026, 4, 4), False),  # Saturday
    (D(2026, 4, 5), False),  # Sunday
    (D(2026, 4, 6), False),  # Easter Monday
    (D(2026, 4, 7), True),   # Tuesday
    (D(2026, 4, 10), True),  # Friday
])
def test_the_day_check_knows_weekends_and_bank_holidays(day, working):
    assert ENGLAND.is_working_day(day) is working


@pytest.mark.parametrize("day", [D(2026, 6, 6), D(2026, 6, 7)])
def test_a_weekend_is_never_a_working_day_even_without_bank_holidays(day):
    assert not NO_HOLIDAYS.is_working_day(day)
    assert not NO_HOLIDAYS.is_closed(day)  # closed means a holiday or closure, not a weekend


def test_a_closure_day_is_closed_whatever_the_day_of_the_week():
    calendar = WorkingCalendar(lambda years: [], closures=[D(2026, 12, 29), D(2026, 12, 27)])
    assert not calendar.is_working_day(D(2026, 12, 29)) and calendar.is_closed(D(2026, 12, 29))
    assert calendar.is_closed(D(2026, 12, 27))  # a Sunday closure
    assert calendar.is_working_day(D(2026, 12, 30))


def test_counting_working_days_both_ways_and_between():
    # Fri 16 Sep 2022, the state funeral on Mon 19 Sep skipped: due Mon 26 Sep (DOMAIN.md)
    assert ENGLAND.working_days_after(D(2022, 9, 16), 5) == D(2022, 9, 26)
    assert ENGLAND.working_days_before(D(2025, 1, 6), 7) == D(2024, 12, 23)
    assert ENGLAND.working_days_after(D(2026, 4, 1), 0) == D(2026, 4, 1)
    assert ENGLAND.working_days_before(D(2026, 4, 1), 0) == D(2026, 4, 1)
    # strictly after the start, up to and including the end
    assert ENGLAND.working_days_between(D(2026, 4, 1), D(2026, 4, 10)) == 5
    assert ENGLAND.working_days_between(D(2026, 4, 10), D(2026, 4, 10)) == 0


def test_counting_far_beyond_the_index_widens_it():
    calendar = WorkingCalendar(lambda years: [])
    assert calendar.working_days_after(D(2026, 1, 2), 2610) == D(2036, 1, 4)  # 522 weeks later, a Friday too
    assert calendar.working_days_before(D(2036, 1, 4), 2610) == D(2026, 1, 2)


# -- dates -------------------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["today", "Today", "TODAY", " today "])
def test_today_is_accepted_whatever_its_case(typed):
    assert parse_date(typed, D(2026, 5, 1)) == D(2026, 5, 1)


# -- recurring checks --------------------------------------------------------------------------

def test_a_recurring_check_due_on_the_day_its_series_ends_is_not_due():
    # monthly progress checks from Thu 15 Jan 2026 until published; published on 15 Mar, the
    # very day the second check fell due: only the February check was ever due
    published = {"published": Completion(D(2026, 3, 15))}
    state = schedule(D(2026, 4, 1), decision=LOCAL, completions=published).state("progress-check")
    assert state.outstanding == (D(2026, 2, 15),)
    assert state.state == StageStatus.OVERDUE and state.due == D(2026, 2, 15)
    # published a day later, and the March check was due too
    later = {"published": Completion(D(2026, 3, 16))}
    state = schedule(D(2026, 4, 1), decision=LOCAL, completions=later).state("progress-check")
    assert state.outstanding == (D(2026, 2, 15), D(2026, 3, 15))


def test_an_action_completed_on_the_assurance_date_leaves_that_assurance_not_due():
    # assurance every 3 months from publication (Thu 15 Jan): first due Wed 15 Apr 2026
    published = {"published": Completion(D(2026, 1, 15))}
    on_the_day = with_actions(action(D(2026, 6, 1), (D(2026, 1, 20), "not-started"), (D(2026, 4, 15), "complete")))
    state = schedule(D(2026, 5, 1), decision=LOCAL, completions=published,
                     recommendations=on_the_day).state("assurance")
    assert state.outstanding == () and state.state == StageStatus.DONE
    day_after = with_actions(action(D(2026, 6, 1), (D(2026, 1, 20), "not-started"), (D(2026, 4, 16), "complete")))
    state = schedule(D(2026, 5, 1), decision=LOCAL, completions=published,
                     recommendations=day_after).state("assurance")
    assert state.outstanding == (D(2026, 4, 15),) and state.state == StageStatus.OVERDUE


def test_assurance_waits_while_every_agreed_action_is_complete_and_resumes_for_a_new_one():
    published = {"published": Completion(D(2026, 1, 15))}
    first = action(D(2026, 3, 1), (D(2026, 1, 20), "not-started"), (D(2026, 2, 1), "complete"))
    second = Action("R1.2", "R1", "Health", D(2026, 12, 1), "Audit referrals",
                    (ActionUpdate(D(2026, 9, 1), "not-started"),))
    state = schedule(D(2026, 11, 1), decision=LOCAL, completions=published,
                     recommendations=with_actions(first, second)).state("assurance")
    # 15 Apr and 15 Jul fell while nothing was open; 15 Oct is due for the new action
    assert state.outstanding[0] == D(2026, 10, 15)


# -- plans and deadlines -----------------------------------------------------------------------

def test_a_plan_on_the_deadline_day_is_not_beyond_the_deadline():
    # published is due 6 months after the decision: Wed 15 Jul 2026
    deadline = schedule(D(2026, 2, 1), decision=LOCAL).state("published").deadline
    assert deadline == D(2026, 7, 15)
    on_the_day = schedule(D(2026, 2, 1), decision=LOCAL, plans={"published": deadline}).state("published")
    assert not on_the_day.beyond_deadline
    a_day_late = schedule(D(2026, 2, 1), decision=LOCAL,
                          plans={"published": deadline + dt.timedelta(days=1)}).state("published")
    assert a_day_late.beyond_deadline


def test_a_stage_is_due_on_its_day_and_overdue_the_day_after():
    # notification: 5 working days after Fri 2 Jan 2026 is Fri 9 Jan
    assert schedule(D(2026, 1, 9)).state("notification").state == StageStatus.DUE
    assert schedule(D(2026, 1, 10)).state("notification").state == StageStatus.OVERDUE
    assert schedule(D(2026, 1, 10)).state("notification").days_overdue(D(2026, 1, 10)) == 1


# -- actions: red, amber, green ----------------------------------------------------------------

@pytest.mark.parametrize(("within", "due_in", "rag"), [
    (7, 7, Rag.AMBER),   # due exactly `within` days away
    (7, 8, Rag.GREEN),
    (0, 0, Rag.AMBER),   # due today
    (None, 14, Rag.AMBER),  # the default window is 14 days
    (None, 15, Rag.GREEN),
])
def test_an_action_due_at_the_edge_of_the_window(within, due_in, rag):
    as_of = D(2026, 3, 2)
    actions = with_actions(action(as_of + dt.timedelta(days=due_in), (D(2026, 2, 1), "open")))
    review_schedule = schedule(as_of, decision=LOCAL, recommendations=actions)
    states = action_states(review_schedule) if within is None else action_states(review_schedule, within)
    assert [state.rag for state in states] == [rag]


def test_an_action_past_its_due_day_is_red_and_a_complete_one_green():
    as_of = D(2026, 3, 2)
    late = with_actions(action(D(2026, 3, 1), (D(2026, 2, 1), "open")))
    (state,) = action_states(schedule(as_of, decision=LOCAL, recommendations=late))
    assert (state.rag, state.days_overdue, state.reason) == ("red", 1, "1 day overdue")
    done = with_actions(action(D(2026, 3, 1), (D(2026, 2, 1), "open"), (D(2026, 2, 20), "complete")))
    (state,) = action_states(schedule(as_of, decision=LOCAL, recommendations=done))
    assert (state.rag, state.days_overdue, state.reason) == ("green", None, "complete 2026-02-20")


# -- holds -------------------------------------------------------------------------------------

def test_a_hold_is_in_force_from_its_first_day():
    decided = dict(decision=LOCAL, holds=(Hold("Criminal trial", D(2026, 8, 3)),))
    # on the hold's first day publication (due 15 Jul) is held, not overdue
    first_day = schedule(D(2026, 8, 3), **decided)
    assert first_day.review.current_hold(D(2026, 8, 3)) is not None
    assert first_day.state("published").state == StageStatus.ON_HOLD
    agenda = agenda_for(first_day)
    assert agenda.current_hold(D(2026, 8, 3)) == "Criminal trial"
    statuses = {item.stage: item.status for item in items_on(agenda, D(2026, 8, 3), 14)}
    assert statuses["published"] == ItemStatus.ON_HOLD
    # the day before, it was overdue
    day_before = {item.stage: item.status for item in items_on(agenda, D(2026, 8, 2), 14)}
    assert day_before["published"] == ItemStatus.OVERDUE
    assert agenda.current_hold(D(2026, 8, 2)) is None


def test_an_ended_hold_is_no_longer_in_force():
    ended = (Hold("Inquest", D(2026, 8, 3), D(2026, 8, 20)),)
    s = schedule(D(2026, 9, 1), decision=LOCAL, holds=ended)
    assert s.review.current_hold(D(2026, 9, 1)) is None
    assert agenda_for(s).current_hold(D(2026, 9, 1)) is None
    # 17 days of hold after the decision move publication from 15 Jul to 1 Aug
    assert s.state("published").due == D(2026, 8, 1) and s.state("published").state == StageStatus.OVERDUE


# -- the overdue report's window ---------------------------------------------------------------

@pytest.mark.parametrize(("within", "status"), [(8, ItemStatus.DUE_SOON), (7, ItemStatus.DUE_SOON), (6, None)])
def test_a_deadline_exactly_within_days_away_is_due_soon(within, status):
    # notification due Fri 9 Jan 2026, judged on Fri 2 Jan: 7 days away
    agenda = agenda_for(schedule(D(2026, 1, 2)))
    statuses = {item.stage: item.status for item in items_on(agenda, D(2026, 1, 2), within)}
    assert statuses.get("notification") == status
