"""The rules of each change, applied to a review's YAML document: pure, no disk or git.

Each refusal leaves the document exactly as it was; each change allowed at a boundary is made.
"""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from cspr.cli.output import error_text  # the message as the officer reads it
from cspr.errors import StateError, UsageError
from cspr.model.agenda import agenda_for
from cspr.model.deadlines import ReviewSchedule
from cspr.model.review import parse_review
from cspr.record import actions as recording_actions
from cspr.record import stages as recording
from cspr.reports.overdue import report
from tests.helpers.documents import decided_review
from tests.helpers.domain import ENGLAND, PROCESS
from tests.helpers.workspace import OFFICER

D = dt.date
TODAY = D(2026, 9, 1)
BY = "Officer One"


def document(**fields) -> dict:
    return decided_review(**fields)


def refused(error: type, change, doc: dict) -> str:
    """Apply a change that must be refused; the document must be left as it was."""
    before = copy.deepcopy(doc)
    with pytest.raises(error) as caught:
        change(parse_review(doc), doc)
    assert doc == before
    return error_text(caught.value)


def applied(change, doc: dict):
    """Apply a change that must be allowed; the document must still be a valid review."""
    summary = change(parse_review(doc), doc)
    assert summary
    return parse_review(doc)


# -- holds ------------------------------------------------------------------------------------

ENDED = {"holds": [{"reason": "Criminal trial", "from": D(2026, 5, 1), "to": D(2026, 6, 1), "by": BY}]}


def test_a_hold_overlapping_an_ended_hold_is_recorded_with_its_own_reason():
    # Holds may overlap (an inquest during a criminal trial); deadlines move by their union.
    review = applied(lambda r, d: recording.hold(r, d, "Inquest", start=D(2026, 5, 31), today=TODAY, by=BY),
                     document(**copy.deepcopy(ENDED)))
    assert [(h.reason, h.start) for h in review.holds] == [("Criminal trial", D(2026, 5, 1)), ("Inquest", D(2026, 5, 31))]


def test_a_hold_starting_the_day_the_last_one_ended_is_recorded():
    review = applied(lambda r, d: recording.hold(r, d, " Inquest ", start=D(2026, 6, 1), today=TODAY, by=BY),
                     document(**copy.deepcopy(ENDED)))
    assert [(h.reason, h.start, h.end) for h in review.holds] == [
        ("Criminal trial", D(2026, 5, 1), D(2026, 6, 1)), ("Inquest", D(2026, 6, 1), None)]


def test_a_second_hold_for_the_same_proceedings_while_in_force_is_refused():
    doc = document(holds=[{"reason": "Criminal trial", "from": D(2026, 5, 1), "to": None, "by": BY}])
    message = refused(StateError, lambda r, d: recording.hold(r, d, "criminal trial", start=D(2026, 8, 1), today=TODAY, by=BY), doc)
    assert "already on hold for Criminal trial" in message
    review = applied(lambda r, d: recording.hold(r, d, "Inquest", start=D(2026, 8, 1), today=TODAY, by=BY), doc)
    assert [h.end for h in review.holds] == [None, None]


@pytest.mark.parametrize(("reason", "start"), [("  ", D(2026, 5, 1)), ("Trial", D(2026, 3, 31))])
def test_a_hold_needs_a_reason_and_a_start_once_the_review_is_known(reason, start):
    refused(UsageError, lambda r, d: recording.hold(r, d, reason, start=start, today=TODAY, by=BY), document())


def test_a_hold_may_start_the_day_the_review_became_known():
    review = applied(lambda r, d: recording.hold(r, d, "Trial", start=D(2026, 4, 1), today=TODAY, by=BY), document())
    assert review.holds[0].start == D(2026, 4, 1)


# -- resuming ---------------------------------------------------------------------------------

OPEN = {"holds": [{"reason": "Criminal trial", "from": D(2026, 5, 1), "to": None, "by": BY}]}


def test_a_resume_dated_in_the_future_is_refused():
    message = refused(UsageError, lambda r, d: recording.resume(r, d, on=TODAY + dt.timedelta(days=1), today=TODAY, by=BY),
                      document(**copy.deepcopy(OPEN)))
    assert "in the future" in message


def test_a_resume_before_the_hold_began_is_refused():
    refused(UsageError, lambda r, d: recording.resume(r, d, on=D(2026, 4, 30), today=TODAY, by=BY),
            document(**copy.deepcopy(OPEN)))


@pytest.mark.parametrize("on", [D(2026, 5, 1), TODAY])
def test_a_resume_on_the_first_day_of_the_hold_or_today_is_recorded(on):
    review = applied(lambda r, d: recording.resume(r, d, on=on, today=TODAY, by=BY), document(**copy.deepcopy(OPEN)))
    assert review.holds[0].end == on


def test_resuming_with_no_hold_in_force_is_refused():
    refused(StateError, lambda r, d: recording.resume(r, d, on=TODAY, today=TODAY, by=BY), document(**copy.deepcopy(ENDED)))


# -- completing, planning, closing -------------------------------------------------------------

@pytest.mark.parametrize(("on", "error"), [(TODAY + dt.timedelta(days=1), "in the future"),
                                          (D(2026, 3, 31), "before 2026-child-a became known")])
def test_a_completion_must_have_happened_after_the_review_became_known(on, error):
    message = refused(UsageError, lambda r, d: recording.complete(
        PROCESS, r, d, "notification", on=on, today=TODAY, by=BY), document())
    assert error in message


@pytest.mark.parametrize("on", [D(2026, 4, 1), TODAY])
def test_a_completion_on_the_day_known_or_today_is_recorded(on):
    review = applied(lambda r, d: recording.complete(PROCESS, r, d, "notification", on=on, today=TODAY, by=BY),
                     document())
    assert review.completions["notification"].done == on


def test_planning_a_completed_stage_is_refused():
    doc = document(stages={"published": {"done": D(2026, 8, 1), "by": BY}})
    message = refused(StateError, lambda r, d: recording.plan(PROCESS, r, d, "published", D(2026, 10, 1)), doc)
    assert "already complete" in message


def test_planning_a_stage_still_to_come_is_recorded():
    review = applied(lambda r, d: recording.plan(PROCESS, r, d, "published", D(2026, 10, 1)), document())
    assert review.plans == {"published": D(2026, 10, 1)}


def test_closing_a_review_that_closed_itself_is_refused():
    message = refused(StateError, lambda r, d: recording.close(
        r, d, "No learning left", on=TODAY, today=TODAY, by=BY, closed_by_itself=True), document())
    assert "already closed itself" in message


def test_closing_a_closed_review_is_refused_and_an_open_one_is_closed():
    closed = document(closed={"on": D(2026, 8, 1), "reason": "Merged", "by": BY})
    assert "already closed" in refused(StateError, lambda r, d: recording.close(
        r, d, "Again", on=TODAY, today=TODAY, by=BY), closed)
    review = applied(lambda r, d: recording.close(r, d, "  Merged  with\n another ", on=TODAY, today=TODAY, by=BY),
                     document())
    assert (review.closed.on, review.closed.reason) == (TODAY, "Merged with another")


# -- recommendations and actions ---------------------------------------------------------------

def _recommendations(*keys: str, actions: dict | None = None) -> dict:
    return {key: {"text": f"Recommendation {key}", "actions": dict(actions or {}) if i == 0 else {}}
            for i, key in enumerate(keys)}


ACTION = {"R1.1": {"agency": "Police", "due": D(2026, 12, 1), "text": "Train call handlers",
                   "updates": [{"on": D(2026, 5, 1), "status": "not-started", "by": BY}]}}
CLOSED = {"on": D(2026, 8, 1), "reason": "Merged", "by": BY}


@pytest.mark.parametrize(("keys", "following"), [
    ((), "R1"),
    (("R1", "R2"), "R3"),
    (("R2", "R10"), "R11"),  # by number, not by spelling
    (("Safety-1", "R3", "Training"), "R4"),  # custom IDs are passed over
    (("Safety-1",), "R1"),
    (("R1a", "RR2"), "R1"),
])
def test_the_next_recommendation_number_when_custom_ids_are_in_use(keys, following):
    doc = document(recommendations=_recommendations(*keys))
    assert recording_actions.next_recommendation_key(parse_review(doc)) == following
    review = applied(lambda r, d: recording_actions.recommend(r, d, "Share information sooner"), doc)
    assert review.recommendations[-1].key == following


def test_a_recommendation_id_in_use_in_another_case_is_refused():
    refused(StateError, lambda r, d: recording_actions.recommend(r, d, "Again", key="r1"),
            document(recommendations=_recommendations("R1")))


@pytest.mark.parametrize("change", [
    lambda r, d: recording_actions.recommend(r, d, "Share information sooner"),
    lambda r, d: recording_actions.add_action(r, d, "R1", agency="Police", due=D(2026, 12, 1), text="Audit",
                                              on=TODAY, today=TODAY, by=BY),
    lambda r, d: recording_actions.update_action(r, d, "R1.1", status="open", note=None, on=TODAY, today=TODAY, by=BY),
], ids=["recommend", "add", "update"])
def test_actions_are_refused_on_a_closed_review(change):
    doc = document(recommendations=_recommendations("R1", actions=copy.deepcopy(ACTION)), closed=dict(CLOSED))
    assert "reopen it first" in refused(StateError, change, doc)


@pytest.mark.parametrize("status", ["done", "Complete", "closed", ""])
def test_an_unknown_action_status_is_refused(status):
    doc = document(recommendations=_recommendations("R1", actions=copy.deepcopy(ACTION)))
    message = refused(UsageError, lambda r, d: recording_actions.update_action(
        r, d, "R1.1", status=status, note="Evidence", on=TODAY, today=TODAY, by=BY), doc)
    assert "is not a status" in message


@pytest.mark.parametrize("status", ["not-started", "open", "in-progress", "complete"])
def test_every_known_action_status_is_recorded(status):
    doc = document(recommendations=_recommendations("R1", actions=copy.deepcopy(ACTION)))
    review = applied(lambda r, d: recording_actions.update_action(
        r, d, "r1.1", status=status, note="Evidence seen", on=TODAY, today=TODAY, by=BY), doc)
    assert review.actions[0].status == status and review.actions[0].updates[-1].on == TODAY


def test_the_next_action_number_follows_the_highest():
    actions = {**copy.deepcopy(ACTION), "R1.3": {**copy.deepcopy(ACTION["R1.1"])}}
    doc = document(recommendations=_recommendations("R1", actions=actions))
    review = applied(lambda r, d: recording_actions.add_action(
        r, d, "r1", agency="Police", due=TODAY, text="Audit", on=TODAY, today=TODAY, by=BY), doc)
    assert [a.key for a in review.actions] == ["R1.1", "R1.3", "R1.4"]


def test_an_action_due_before_it_was_agreed_is_refused():
    refused(UsageError, lambda r, d: recording_actions.add_action(
        r, d, "R1", agency="Police", due=TODAY - dt.timedelta(days=1), text="Audit", on=TODAY, today=TODAY, by=BY),
        document(recommendations=_recommendations("R1")))


# -- a review that closed itself ---------------------------------------------------------------

def test_a_review_that_closed_itself_leaves_the_overdue_report():
    # no review decided, the rapid review done: nothing is left to do
    done = {"notification": {"done": D(2026, 4, 7), "by": BY}, "rapid-review": {"done": D(2026, 4, 20), "by": BY}}
    itself = parse_review(document(decision={"track": "none", "on": D(2026, 4, 20), "by": BY}, stages=done))
    late = parse_review({"id": "2026-child-b", "child": "Child B", "aware": D(2026, 4, 1)})
    agendas = [agenda_for(ReviewSchedule(PROCESS, review, ENGLAND, TODAY)) for review in (itself, late)]
    assert [agenda.closed for agenda in agendas] == [True, False]
    assert {item.review for item in report(agendas, TODAY, 14)} == {"2026-child-b"}


def test_closing_a_review_that_closed_itself_is_refused_through_the_cli(workspace):
    workspace.run("new", "Child A", "--aware", "2026-04-01", "--by", OFFICER)
    workspace.run("complete", "2026-child-a", "notification", "--on", "2026-04-07", "--by", OFFICER)
    workspace.run("complete", "2026-child-a", "rapid-review", "--on", "2026-04-20", "--by", OFFICER)
    workspace.run("decide", "2026-child-a", "none", "--on", "2026-04-20", "--by", OFFICER)
    head = workspace.git("rev-parse", "HEAD")
    result = workspace.run("close", "2026-child-a", "--reason", "Nothing left", "--on", "2026-04-21",
                           "--by", OFFICER, ok=False)
    assert "already closed itself" in result.stderr
    assert workspace.git("rev-parse", "HEAD") == head
    assert workspace.json("overdue", "--as-of", "2026-09-01")["items"] == []


# -- facts learnt along the way, and agreed intervals -------------------------------------------

def test_the_incident_may_be_the_day_the_review_became_known_but_not_after():
    review = applied(lambda r, d: recording.set_field(r, d, "incident", "01/04/2026", today=TODAY), document())
    assert review.incident == D(2026, 4, 1)
    message = refused(UsageError, lambda r, d: recording.set_field(r, d, "incident", "2026-04-02", today=TODAY),
                      document())
    assert message == "the incident (2026-04-02) cannot be after the LA became aware (2026-04-01)"


def test_the_incident_may_be_given_as_today():
    doc = document(aware=TODAY)
    review = applied(lambda r, d: recording.set_field(r, d, "incident", "Today", today=TODAY), doc)
    assert review.incident == TODAY


def test_a_fact_is_set_in_plain_words_and_said_back():
    doc = document()
    summary = recording.set_field(parse_review(doc), doc, "lead-reviewer", "  Reviewer \n One ", today=TODAY)
    assert summary == "lead-reviewer set to Reviewer One"
    assert parse_review(doc).lead_reviewer == "Reviewer One"
    summary = recording.set_field(parse_review(doc), doc, "incident", "2026-03-30", today=TODAY)
    assert summary == "incident set to Mon 30 Mar 2026"


@pytest.mark.parametrize(("field", "value", "message"), [
    ("colour", "red", "cannot set 'colour'; choose one of: pseudonym, aware, incident, lead-reviewer, "
                      "publication-address, looked-after"),
    ("lead-reviewer", "  ", "VALUE for lead-reviewer is empty; say what it is"),
    ("incident", "31/02/2026", "VALUE: '31/02/2026' is not a real date"),
])
def test_a_fact_that_cannot_be_set_is_refused_saying_why(field, value, message):
    assert refused(UsageError, lambda r, d: recording.set_field(r, d, field, value, today=TODAY),
                   document()).startswith(message)


def test_an_agreed_interval_is_for_recurring_stages_only():
    message = refused(UsageError, lambda r, d: recording.plan_interval(PROCESS, r, d, "published", "6m"), document())
    assert message == "--every is for recurring stages; published is not one"
    message = refused(UsageError, lambda r, d: recording.plan_interval(PROCESS, r, d, "assurance", "0m"), document())
    assert message.startswith("--every: '0m' is not an interval")
    review = applied(lambda r, d: recording.plan_interval(PROCESS, r, d, "assurance", "6M"), document())
    assert review.intervals == {"assurance": "6 months"}
