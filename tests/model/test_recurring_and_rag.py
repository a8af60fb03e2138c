"""Recurring checks and the red/amber/green rating: every state and every reason, exactly. Pure."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cspr.model.actions import action_states, actions_of, assurance_point, judge, rag_on, states_on
from cspr.model.deadlines import ReviewSchedule, held_days_after
from cspr.model.process import parse_process
from cspr.model.review import (
    Action,
    ActionUpdate,
    Completion,
    Decision,
    Hold,
    Occurrence,
    Recommendation,
    Review,
)
from cspr.model.statuses import StageStatus
from cspr.model.working_days import WorkingCalendar, months_after
from tests.helpers.domain import PROCESS

D = dt.date
DONE, DUE, OVERDUE, WAITING = StageStatus.DONE, StageStatus.DUE, StageStatus.OVERDUE, StageStatus.WAITING
CALENDAR = WorkingCalendar(lambda years: [])
LOCAL = Decision("local", D(2026, 1, 15))
PUBLISHED = {"published": Completion(D(2026, 1, 15))}


def schedule(as_of: dt.date, process=PROCESS, **fields) -> ReviewSchedule:
    review = Review(id="2026-child-a", child="Child A", aware=D(2026, 1, 2), **fields)
    return ReviewSchedule(process, review, CALENDAR, as_of)


def action(due: dt.date, *updates: tuple[dt.date, str]) -> Action:
    return Action("R1.1", "R1", "Police", due, "Alerts", tuple(ActionUpdate(on, status) for on, status in updates))


# -- recurring checks ------------------------------------------------------------------------

def test_a_recurring_check_waits_for_the_date_it_counts_from():
    state = schedule(D(2026, 3, 1), decision=LOCAL).state("assurance")
    assert (state.state, state.waiting_for, state.due, state.outstanding) == (WAITING, "published", None, ())


def test_a_recurring_check_says_how_many_were_recorded_and_the_last_one():
    occurrences = {"progress-check": (Occurrence(D(2026, 2, 15), D(2026, 2, 16), "Officer One", "On track"),
                                      Occurrence(D(2026, 3, 15), D(2026, 3, 14), "Officer Two", "Slipping"))}
    state = schedule(D(2026, 4, 15), decision=LOCAL, occurrences=occurrences).state("progress-check")
    assert (state.recorded, state.by, state.note) == (2, "Officer Two", "Slipping")
    assert state.outstanding == (D(2026, 4, 15), D(2026, 5, 15)) and state.due == D(2026, 4, 15)
    assert state.state == DUE  # due today: not yet overdue
    assert schedule(D(2026, 4, 16), decision=LOCAL, occurrences=occurrences).state("progress-check").state == OVERDUE


def test_a_finished_series_is_done_on_its_last_occurrence():
    occurrences = {"progress-check": (Occurrence(D(2026, 2, 15), D(2026, 2, 16), "Officer One", "Fine"),)}
    completions = {"published": Completion(D(2026, 3, 1))}
    state = schedule(D(2026, 4, 1), decision=LOCAL, occurrences=occurrences,
                     completions=completions).state("progress-check")
    assert (state.state, state.done, state.due, state.by) == (DONE, D(2026, 2, 16), None, "Officer One")


def test_an_agreed_interval_replaces_the_process_one_and_a_bad_one_is_ignored():
    agreed = schedule(D(2026, 2, 20), decision=LOCAL, intervals={"progress-check": "2 weeks"})
    assert agreed.state("progress-check").outstanding == (D(2026, 1, 29), D(2026, 2, 12), D(2026, 2, 26))
    unreadable = schedule(D(2026, 2, 20), decision=LOCAL, intervals={"progress-check": "fortnightly"})
    assert unreadable.state("progress-check").outstanding == (D(2026, 2, 15), D(2026, 3, 15))


def test_the_last_scheduled_date_includes_the_day_itself():
    s = schedule(D(2026, 7, 1), decision=LOCAL, completions=PUBLISHED)
    stage = PROCESS.stage("assurance")
    assert s.last_scheduled(stage, D(2026, 4, 14)) is None
    assert s.last_scheduled(stage, D(2026, 4, 15)) == D(2026, 4, 15)
    assert s.last_scheduled(stage, D(2026, 10, 14)) == D(2026, 7, 15)


def test_a_series_until_its_own_stage_never_ends():
    process = parse_process({"tracks": {"local": "Local"}, "stages": [
        {"key": "visit", "title": "Visited", "owner": "Business unit", "every": "1 month from aware until visit"}]})
    state = schedule(D(2026, 3, 10), process=process).state("visit")
    assert state.outstanding == (D(2026, 2, 2), D(2026, 3, 2), D(2026, 4, 2)) and state.state == OVERDUE


def test_an_action_agreed_or_completed_on_the_assurance_day_counts_that_day():
    # only action agreed on 15 Apr (the assurance day) and open: assurance is due that day
    agreed_that_day = (Recommendation("R1", "Share", (action(D(2026, 9, 1), (D(2026, 4, 15), "open")),)),)
    state = schedule(D(2026, 5, 1), decision=LOCAL, completions=PUBLISHED,
                     recommendations=agreed_that_day).state("assurance")
    assert state.outstanding[0] == D(2026, 4, 15)
    # complete on 15 Jul, reopened on 1 Aug: the 15 Jul assurance was not due
    reopened = (Recommendation("R1", "Share", (action(
        D(2026, 9, 1), (D(2026, 2, 1), "open"), (D(2026, 7, 15), "complete"), (D(2026, 8, 1), "open")),)),)
    state = schedule(D(2026, 11, 1), decision=LOCAL, completions=PUBLISHED,
                     recommendations=reopened).state("assurance")
    assert D(2026, 7, 15) not in state.outstanding and state.outstanding[:2] == (D(2026, 4, 15), D(2026, 10, 15))


def test_ended_holds_add_up():
    holds = (Hold("Trial", D(2026, 2, 1), D(2026, 2, 11)), Hold("Inquest", D(2026, 3, 1), D(2026, 3, 6)))
    assert held_days_after(holds, D(2026, 1, 1)) == 15


def test_days_overdue_needs_a_due_date():
    state = schedule(D(2026, 3, 1), decision=LOCAL).state("panel-confirmed")
    assert state.due is None and state.days_overdue(D(2026, 3, 1)) is None and state.held_days == 0


@pytest.mark.parametrize(("start", "months", "end"), [
    (D(2027, 1, 28), 1, D(2027, 2, 28)),
    (D(2027, 1, 29), 1, D(2027, 2, 28)),  # clamped
    (D(2028, 1, 29), 1, D(2028, 2, 29)),  # a leap year
    (D(2026, 8, 31), 6, D(2027, 2, 28)),
    (D(2026, 12, 15), 1, D(2027, 1, 15)),
])
def test_months_clamp_to_the_end_of_a_shorter_month(start, months, end):
    assert months_after(start, months) == end


# -- red, amber, green: the reasons ----------------------------------------------------------

AS_OF = D(2026, 5, 1)


@pytest.mark.parametrize(("due", "updates", "point", "rated"), [
    (D(2026, 5, 1), [(D(2026, 4, 1), "open")], None, ("amber", "due today")),
    (D(2026, 5, 2), [(D(2026, 4, 1), "open")], None, ("amber", "due in 1 day")),
    (D(2026, 5, 4), [(D(2026, 4, 1), "open")], None, ("amber", "due in 3 days")),
    (D(2026, 4, 30), [(D(2026, 4, 1), "open")], None, ("red", "1 day overdue")),
    (D(2026, 4, 28), [(D(2026, 4, 1), "open")], None, ("red", "3 days overdue")),
    (D(2026, 9, 1), [(D(2026, 4, 1), "open")], D(2026, 4, 15),
     ("amber", "no update since assurance point 2026-04-15")),
    (D(2026, 9, 1), [(D(2026, 4, 15), "open")], D(2026, 4, 15), ("green", "on track")),  # updated on the day
    (D(2026, 9, 1), [], D(2026, 4, 15), ("amber", "no update since assurance point 2026-04-15")),
    (D(2026, 5, 3), [(D(2026, 4, 1), "open")], D(2026, 4, 15),
     ("amber", "due in 2 days; no update since assurance point 2026-04-15")),
    (D(2026, 9, 1), [(D(2026, 4, 1), "open")], None, ("green", "on track")),
    (D(2026, 4, 1), [(D(2026, 3, 1), "open"), (D(2026, 4, 20), "complete")], D(2026, 4, 15),
     ("green", "complete 2026-04-20")),
])
def test_each_rating_says_why(due, updates, point, rated):
    assert judge(action(due, *updates), AS_OF, 14, point) == rated


_DAYS = st.dates(min_value=D(2026, 3, 1), max_value=D(2026, 7, 1))


@settings(max_examples=300, deadline=None)
@given(due=_DAYS, updates=st.lists(st.tuples(_DAYS, st.sampled_from(["not-started", "open", "complete"])), max_size=3),
       point=st.none() | _DAYS, as_of=_DAYS, within=st.sampled_from([0, 1, 14, 30]))
def test_the_rating_from_ordinals_is_judge_s(due, updates, point, as_of, within):
    """The board paper rates actions with `rag_on`, from days as ordinals: always as `judge` does."""
    found = action(due, *sorted(updates))
    last = found.last_update
    assert rag_on(found.status == "complete", due.toordinal(), last.on.toordinal() if last else None,
                  as_of.toordinal(), within, point.toordinal() if point else None) == judge(found, as_of, within, point)[0]


def test_action_states_carry_the_review_the_point_and_the_days_late():
    recommendations = (Recommendation("R1", "Share", (
        action(D(2026, 8, 1), (D(2026, 2, 1), "open")),
        Action("R1.2", "R1", "Health", D(2026, 7, 1), "Audit", (ActionUpdate(D(2026, 2, 1), "complete"),)),
    )),)
    s = schedule(D(2026, 7, 20), decision=LOCAL, completions=PUBLISHED, recommendations=recommendations)
    assert assurance_point(actions_of(s), s.as_of) == D(2026, 7, 15)
    assert states_on(actions_of(s), s.as_of) == action_states(s)
    first, second = action_states(s)
    assert (first.review, first.child, first.recommendation.key, first.action.key) == (
        "2026-child-a", "Child A", "R1", "R1.1")
    assert (first.rag, first.assurance_point, first.days_overdue) == ("amber", D(2026, 7, 15), -12)
    assert first.reason == "due in 12 days; no update since assurance point 2026-07-15"
    assert (second.rag, second.days_overdue) == ("green", None)


def test_no_assurance_point_before_the_first_assurance_or_off_the_local_track():
    s = schedule(D(2026, 4, 14), decision=LOCAL, completions=PUBLISHED)
    assert assurance_point(actions_of(s), s.as_of) is None
    national = schedule(D(2027, 1, 1), decision=Decision("national", D(2026, 1, 15)), completions=PUBLISHED)
    assert assurance_point(actions_of(national), national.as_of) is None


# -- working days far from anything asked before -----------------------------------------------

def _every_day(first: dt.date, last: dt.date) -> list[dt.date]:
    return [dt.date.fromordinal(day) for day in range(first.toordinal(), last.toordinal() + 1)]


def test_years_of_closure_days_are_counted_through():
    closed = WorkingCalendar(lambda years: [], closures=_every_day(D(2026, 1, 1), D(2029, 12, 31)))
    assert closed.working_days_after(D(2025, 12, 31), 1) == D(2030, 1, 1)
    assert closed.working_days_after(D(2025, 12, 30), 2) == D(2030, 1, 1)
    assert closed.working_days_between(D(2025, 12, 30), D(2030, 1, 1)) == 2
    shut = WorkingCalendar(lambda years: [], closures=_every_day(D(2022, 1, 1), D(2025, 12, 31)))
    assert shut.working_days_before(D(2026, 1, 1), 1) == D(2021, 12, 31)
    assert shut.working_days_before(D(2026, 1, 2), 2) == D(2021, 12, 31)


# -- every unit of a rule, and every state of a one-off stage ------------------------------------

UNITS = parse_process({"tracks": {"local": "Local"}, "stages": [
    {"key": "a-days", "title": "A", "owner": "Unit", "due": "10 days after aware"},
    {"key": "a-weeks", "title": "B", "owner": "Unit", "due": "2 weeks after aware"},
    {"key": "a-months", "title": "C", "owner": "Unit", "due": "1 month after aware"},
    {"key": "a-working", "title": "D", "owner": "Unit", "due": "3 working days after aware"},
    {"key": "decided", "title": "E", "owner": "Unit", "due": "10 days after decision"},
    {"key": "checks", "title": "F", "owner": "Unit", "every": "1 month from aware until a-days"},
    {"key": "after-checks", "title": "G", "owner": "Unit", "due": "5 days after checks"},
    {"key": "notice", "title": "H", "owner": "Unit", "due": "2 working days before publish", "paused_by_holds": True},
    {"key": "publish", "title": "I", "owner": "Unit", "due": "3 days after after-checks", "paused_by_holds": True},
]})


def test_each_unit_counts_its_own_way():
    s = schedule(D(2026, 1, 5), process=UNITS)  # aware Fri 2 Jan 2026
    due = {key: s.state(key).due for key in ("a-days", "a-weeks", "a-months", "a-working")}
    assert due == {"a-days": D(2026, 1, 12), "a-weeks": D(2026, 1, 16), "a-months": D(2026, 2, 2),
                   "a-working": D(2026, 1, 7)}


def test_a_stage_counting_from_an_undecided_decision_waits_for_it():
    state = schedule(D(2026, 1, 5), process=UNITS).state("decided")
    assert (state.state, state.waiting_for, state.held_days) == (WAITING, "decision", 0)
    notice = schedule(D(2026, 1, 5), process=UNITS).state("notice")  # counts back from a date not yet known
    assert (notice.state, notice.waiting_for, notice.held_days) == (WAITING, "publish", 0)


def test_a_stage_counting_from_a_recurring_stage_counts_from_the_end_of_its_series():
    running = schedule(D(2026, 1, 5), process=UNITS).state("after-checks")
    assert (running.state, running.waiting_for) == (WAITING, "checks")
    ended = schedule(D(2026, 1, 20), process=UNITS, completions={"a-days": Completion(D(2026, 1, 10))})
    assert ended.state("after-checks").due == D(2026, 1, 15)


def test_a_held_stage_waiting_for_its_anchor_is_on_hold_and_says_what_it_waits_for():
    hold = Hold("Criminal trial", D(2026, 1, 3))
    state = schedule(D(2026, 1, 5), process=UNITS, holds=(hold,)).state("publish")
    assert (state.state, state.waiting_for, state.hold, state.held_days) == ("on-hold", "after-checks", hold, 0)
    judged = schedule(D(2026, 1, 20), process=UNITS, holds=(hold,), completions=CHECKED).state("publish")
    assert (judged.state, judged.hold, judged.waiting_for) == ("on-hold", hold, None)
    notice = schedule(D(2026, 1, 20), process=UNITS, completions=CHECKED)
    # publish due Sat 17 Jan; two working days before it: Thu 15 Jan
    assert (notice.state("notice").due, notice.state("notice").held_days) == (D(2026, 1, 15), 0)


CHECKED = {"a-days": Completion(D(2026, 1, 10)), "after-checks": Completion(D(2026, 1, 14))}


def test_a_hold_moves_only_the_stages_it_pauses():
    ended = (Hold("Inquest", D(2026, 1, 3), D(2026, 1, 16)),)
    s = schedule(D(2026, 1, 20), process=UNITS, holds=ended, completions=CHECKED)
    assert (s.state("a-weeks").held_days, s.state("a-weeks").due) == (0, D(2026, 1, 16))
    # 3 days after Wed 14 Jan, and the 2 days of the hold after 14 Jan
    assert (s.state("publish").deadline, s.state("publish").held_days) == (D(2026, 1, 19), 2)
    assert s.state("a-weeks").hold is None


def test_a_completed_stage_carries_who_and_the_note():
    done = {"notification": Completion(D(2026, 1, 7), "Officer One", "Form sent")}
    state = schedule(D(2026, 2, 1), completions=done).state("notification")
    assert (state.state, state.done, state.by, state.note) == (DONE, D(2026, 1, 7), "Officer One", "Form sent")


def test_agencies_are_listed_with_who_confirmed_even_before_any_has():
    fields = dict(decision=LOCAL, agencies=("Police", "Health"), completions={"final-draft": Completion(D(2026, 3, 1))})
    state = schedule(D(2026, 3, 5), **fields).state("agency-responses")
    assert [(a.agency, a.done, a.by) for a in state.agencies] == [("Police", None, None), ("Health", None, None)]
    confirmed = {"agency-responses": {"Health": Completion(D(2026, 3, 4), "Officer Two")}}
    state = schedule(D(2026, 3, 5), agency_completions=confirmed, **fields).state("agency-responses")
    assert [(a.agency, a.done, a.by) for a in state.agencies] == [
        ("Police", None, None), ("Health", D(2026, 3, 4), "Officer Two")]
    assert schedule(D(2026, 3, 5), decision=LOCAL).state("agency-responses").agencies == ()


def test_an_agenda_lists_exactly_what_is_pending():
    from cspr.model.agenda import Pending, agenda_for

    recommendations = (Recommendation("R1", "Share", (
        action(D(2026, 8, 1), (D(2026, 2, 1), "open")),
        Action("R1.2", "R1", "Health", D(2026, 7, 1), "Audit", (ActionUpdate(D(2026, 2, 1), "complete"),)),
    )),)
    review_fields = dict(decision=Decision("none", D(2026, 1, 15)), agencies=("Police",),
                         completions={"notification": Completion(D(2026, 1, 7))},
                         recommendations=recommendations, holds=(Hold("Trial", D(2026, 1, 20)),))
    agenda = agenda_for(schedule(D(2026, 2, 1), **review_fields))
    assert (agenda.review, agenda.child, agenda.closed) == ("2026-child-a", "Child A", False)
    assert agenda.holds == (("Trial", D(2026, 1, 20), None),)
    assert agenda.pending == (
        Pending("rapid-review", PROCESS.stage("rapid-review").title, "Safeguarding partners", D(2026, 1, 28),
                rule="15 working days after notification"),
        Pending("action:R1.1", "Alerts", "Police", D(2026, 8, 1), action_agency="Police"),
    )


@settings(max_examples=400, deadline=None)
@given(start=st.dates(dt.date(2020, 1, 1), dt.date(2027, 12, 31)), count=st.integers(1, 13),
       unit=st.sampled_from(["weeks", "months"]), day=st.dates(dt.date(2019, 6, 1), dt.date(2031, 12, 31)),
       end_after=st.none() | st.integers(0, 2000),
       quiet=st.lists(st.tuples(st.integers(0, 3000), st.integers(0, 400)), max_size=3))
def test_the_last_scheduled_date_is_the_last_of_the_dates_up_to_the_day(start, count, unit, day, end_after, quiet):
    from cspr.model.series import series

    end = start + dt.timedelta(days=end_after) if end_after is not None else None
    windows = tuple(sorted((start + dt.timedelta(days=a), start + dt.timedelta(days=a + b)) for a, b in quiet))
    found = series(start, count, unit, end, (), windows)
    dates, _ = found.dates(day)
    past = [scheduled for scheduled in dates if scheduled <= day]
    assert found.last_on_or_before(day) == (past[-1] if past else None)
