"""The deadline engine on its own: pure values in, pure values out."""

from __future__ import annotations

import datetime as dt

import pytest

from cspr.model.deadlines import ReviewSchedule, held_days_after
from cspr.model.review import Completion, Decision, Hold, Review
from tests.helpers.domain import ENGLAND, PROCESS

D = dt.date


def schedule(as_of: dt.date, **fields) -> ReviewSchedule:
    review = Review(id="2026-child-a", child="Child A", aware=fields.pop("aware", D(2026, 4, 1)), **fields)
    return ReviewSchedule(PROCESS, review, ENGLAND, as_of)


def test_undecided_review_has_only_the_rapid_review_path():
    s = schedule(D(2026, 4, 2))
    assert [x.stage.key for x in s.states] == ["notification", "rapid-review", "decision", "panel-response"]
    assert s.state("notification").due == D(2026, 4, 10)
    assert s.state("rapid-review").provisional
    assert not s.is_closed


def test_due_on_the_day_and_overdue_the_day_after():
    assert schedule(D(2026, 4, 10)).state("notification").state == "due"
    assert schedule(D(2026, 4, 11)).state("notification").state == "overdue"


def test_held_days_count_only_after_the_date_a_deadline_counts_from():
    holds = (Hold("Trial", D(2026, 10, 1), D(2026, 10, 31)), Hold("Inquest", D(2027, 1, 4), None))
    assert held_days_after(holds, D(2026, 5, 1)) == 30
    assert held_days_after(holds, D(2026, 10, 21)) == 10
    assert held_days_after(holds, D(2026, 11, 1)) == 0  # an open hold adds nothing yet


def test_publication_deadline_follows_holds_and_plans():
    decided = Decision("local", D(2026, 5, 1))
    s = schedule(D(2026, 11, 2), decision=decided, holds=(Hold("Trial", D(2026, 10, 1), D(2026, 10, 31)),))
    published = s.state("published")
    assert published.deadline == D(2026, 12, 1) and published.held_days == 30
    # the notice counts back from the (moved) deadline, and is not moved twice
    assert s.state("pre-publication-notice").due == ENGLAND.working_days_before(D(2026, 12, 1), 7)
    planned = schedule(D(2026, 11, 2), decision=decided, plans={"published": D(2027, 1, 15)})
    assert planned.state("published").beyond_deadline
    assert planned.state("pre-publication-notice").due == D(2027, 1, 6)


def test_open_hold_puts_publication_stages_on_hold():
    s = schedule(D(2027, 1, 1), decision=Decision("local", D(2026, 5, 1)),
                 holds=(Hold("Trial", D(2026, 10, 1)),))
    assert {x.stage.key for x in s.states if x.state == "on-hold"} == {
        "published", "pre-publication-notice", "cabinet-member-notified"}


def test_per_agency_stage_is_done_when_the_last_agency_confirms():
    fields = dict(
        decision=Decision("local", D(2026, 5, 1)),
        agencies=("Police", "Health"),
        completions={"final-draft": Completion(D(2026, 9, 1))},
    )
    s = schedule(D(2026, 9, 20), agency_completions={"agency-responses": {"Police": Completion(D(2026, 9, 10))}}, **fields)
    state = s.state("agency-responses")
    assert state.state == "overdue" and state.due == D(2026, 9, 15)
    assert [(a.agency, a.done) for a in state.agencies] == [("Police", D(2026, 9, 10)), ("Health", None)]
    both = {"Police": Completion(D(2026, 9, 10)), "Health": Completion(D(2026, 9, 18))}
    done = schedule(D(2026, 9, 20), agency_completions={"agency-responses": both}, **fields)
    assert done.state("agency-responses").done == D(2026, 9, 18)


@pytest.mark.parametrize(("as_of", "outstanding"), [
    (D(2026, 5, 31), ()),
    (D(2026, 6, 1), (D(2026, 6, 1), D(2026, 7, 1))),  # up to the first one still to come
    (D(2026, 8, 2), (D(2026, 6, 1), D(2026, 7, 1), D(2026, 8, 1), D(2026, 9, 1))),
])
def test_monthly_progress_checks_are_scheduled_from_the_decision(as_of, outstanding):
    s = schedule(as_of, decision=Decision("local", D(2026, 5, 1)))
    state = s.state("progress-check")
    if outstanding:
        assert state.outstanding == outstanding
    else:
        assert state.outstanding == (D(2026, 6, 1),) and state.state == "due"
