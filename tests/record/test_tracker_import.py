"""A tracker row applied to a review's document (`cspr import`): what it records, what it
refuses, and an update that records only what differs. Pure: the document is the one `cspr new`
writes, in memory."""

from __future__ import annotations

import datetime as dt

import pytest

from cspr.model.deadlines import ReviewSchedule
from cspr.model.review import Decision, Occurrence, parse_review
from cspr.record.importing import Cell, Problem, apply_row, match_headings, read_row
from cspr.record.new_review import new_review_text
from cspr.storage.yamlio import dump_document, parse_text
from tests.helpers.domain import ENGLAND
from tests.record.test_tracker_rows import PROCESS, headings

TODAY = dt.date(2026, 8, 1)
HEADINGS = ("Child", "Aware", "Agencies", "Themes", "Decision", "Decision date", "notification", "agency-responses",
            "progress-check", "plan:published", "Lead reviewer", "Incident")
FULL_ROW = ("Child A", "01/04/2026", "Police;Health", "neglect", "local", "28/04/2026", "13/04/2026", "01/07/2026",
            "28/05/2026", "01/12/2026", "Reviewer Nine", "02/03/2026")


def new_document():
    return parse_text(new_review_text(PROCESS, "2026-child-a", "Child A", dt.date(2026, 4, 1),
                                      agencies=["Police", "Health"], themes=["neglect"]), "review.yaml")


def apply(values, document, *, update=False):
    columns = match_headings(headings(*HEADINGS), PROCESS)[0]
    row, problems = read_row(2, [Cell(f"Reviews!{chr(65 + i)}2", v) for i, v in enumerate(values)], columns,
                             PROCESS, TODAY, [])
    assert problems == []
    return apply_row(PROCESS, row, "2026-child-a", document, today=TODAY, by="Officer One", update=update,
                     schedule=lambda review: ReviewSchedule(PROCESS, review, ENGLAND, TODAY))


def test_a_new_reviews_row_records_facts_the_decision_plans_and_completions_in_order():
    document = new_document()
    outcome = apply(FULL_ROW, document)
    assert outcome.problems == []
    assert outcome.changes == [
        "lead-reviewer set to Reviewer Nine", "incident set to Mon 2 Mar 2026",
        "decision recorded: local (Local child safeguarding practice review, led by the partnership), Tue 28 Apr 2026",
        "published planned for Tue 1 Dec 2026", "notification completed on Mon 13 Apr 2026",
        "agency-responses confirmed by 2 agencies on Wed 1 Jul 2026",
        "progress-check (due Thu 28 May 2026) recorded on Thu 28 May 2026",
    ]
    review = parse_review(document, "2026-child-a")
    assert (review.lead_reviewer, review.incident, review.decision.track, review.plans["published"]) == (
        "Reviewer Nine", dt.date(2026, 3, 2), "local", dt.date(2026, 12, 1))
    assert sorted(review.agency_completions["agency-responses"]) == ["Health", "Police"]
    assert review.occurrences["progress-check"][0] == Occurrence(dt.date(2026, 5, 28), dt.date(2026, 5, 28),
                                                                 "Officer One")


def test_a_recurring_checks_date_is_recorded_against_the_check_it_answers():
    document = new_document()
    apply(("Child A", "01/04/2026", None, None, "local", "28/04/2026", None, None, "02/07/2026"), document)
    (occurrence,) = parse_review(document, "2026-child-a").occurrences["progress-check"]
    assert (occurrence.due, occurrence.done) == (dt.date(2026, 5, 28), dt.date(2026, 7, 2))  # the earliest missed


def test_an_update_records_only_what_differs():
    document = new_document()
    apply(FULL_ROW, document)
    assert apply(FULL_ROW, document, update=True).changes == []
    one_agency = apply((*FULL_ROW[:7], "02/07/2026", *FULL_ROW[8:]), document, update=True)
    assert one_agency.changes == ["agency-responses confirmed by 2 agencies on Thu 2 Jul 2026"]
    assert apply(("Child A", "01/04/2026", "police; HEALTH", "NEGLECT"), document, update=True).changes == []


def test_an_update_never_changes_the_pseudonym_awareness_or_agencies():
    document = new_document()
    outcome = apply(("Child B", "02/04/2026", "Police", "Neglect; abuse"), document, update=True)
    assert outcome.changes == ["themes set to Neglect; abuse"]
    assert outcome.problems == [
        Problem("Reviews!A2", "the record says 'Child A'; the pseudonym of a review is not changed by import"),
        Problem("Reviews!B2", "the record says 2026-04-01; the date the LA became aware is not changed by import"),
        Problem("Reviews!C2", "the record has Police; Health; the agencies taking part are not changed by import"),
    ]


def test_a_decision_needs_its_date_and_a_date_its_decision():
    assert apply(("Child A", "01/04/2026", None, None, "local"), new_document()).problems == [
        Problem("Reviews!E2", "Decision date is empty; give the day it was made")]
    assert apply(("Child A", "01/04/2026", None, None, None, "28/04/2026"), new_document()).problems == [
        Problem("Reviews!F2", "a decision date without a decision; say which: local, national, none")]


def test_a_change_the_recording_rules_refuse_is_named_at_its_cell_and_the_others_still_made():
    outcome = apply(("Child A", "01/04/2026", None, None, None, None, "30/03/2026", None, None, None, "Reviewer Nine"),
                    new_document())
    assert outcome.problems == [
        Problem("Reviews!G2", "2026-03-30 is before 2026-child-a became known (2026-04-01); check the date")]
    assert outcome.changes == ["lead-reviewer set to Reviewer Nine"]


def read(values, headings_=HEADINGS):
    columns = match_headings(headings(*headings_), PROCESS)[0]
    return read_row(2, [Cell(f"Reviews!{chr(65 + i)}2", v) for i, v in enumerate(values)], columns, PROCESS, TODAY, [])


def apply_read(row, document, *, update=False, review_id="2026-child-a"):
    return apply_row(PROCESS, row, review_id, document, today=TODAY, by="Officer One", update=update,
                     schedule=lambda review: ReviewSchedule(PROCESS, review, ENGLAND, TODAY))


def test_an_update_records_a_changed_completion_date_and_nothing_else():
    document = new_document()
    apply(FULL_ROW, document)
    outcome = apply((*FULL_ROW[:6], "14/04/2026", *FULL_ROW[7:]), document, update=True)
    assert (outcome.changes, outcome.problems) == (["notification amended (done on Tue 14 Apr 2026)"], [])
    review = parse_review(document, "2026-child-a")
    assert review.completions["notification"].done == dt.date(2026, 4, 14)
    assert review.decision == Decision("local", dt.date(2026, 4, 28), "Officer One")
    assert {agency: (c.done, c.by) for agency, c in review.agency_completions["agency-responses"].items()} == {
        "Police": (dt.date(2026, 7, 1), "Officer One"), "Health": (dt.date(2026, 7, 1), "Officer One")}
    assert review.completions["notification"].by == "Officer One"


def test_an_update_with_another_decision_date_is_refused_at_the_decision_cell():
    document = new_document()
    apply(FULL_ROW, document)
    outcome = apply((*FULL_ROW[:5], "29/04/2026"), document, update=True)
    assert (outcome.changes, outcome.problems) == ([], [Problem(
        "Reviews!E2", "2026-child-a already has a decision (local, on 2026-04-28); "
                      "to record a new one use 'cspr decide 2026-child-a local --change --reason TEXT'")])


def test_an_update_may_leave_the_fixed_facts_out_and_sets_the_themes():
    document = new_document()
    outcome = apply((None, None, None, "abuse; Neglect"), document, update=True)
    assert (outcome.changes, outcome.problems) == (["themes set to abuse; Neglect"], [])
    assert parse_review(document, "2026-child-a").themes == ("abuse", "Neglect")


def test_a_changed_pseudonym_is_named_at_its_own_cell():
    outcome = apply_read(read(("01/04/2026", "Child B"), ("Aware", "Child"))[0], new_document(), update=True)
    assert outcome.problems == [
        Problem("Reviews!B2", "the record says 'Child A'; the pseudonym of a review is not changed by import")]


@pytest.mark.parametrize(("values", "problem"), [
    (("Child A", "01/04/2026", None, None, "regional", "28/04/2026"),
     Problem("Reviews!E2", "Decision: 'regional' is not a decision; use one of: local, national, none")),
    (("Child A", "01/04/2026", None, None, "local", "31/02/2026"),
     Problem("Reviews!F2", "Decision date: '31/02/2026' is not a real date")),
])
def test_a_decision_or_its_date_that_cannot_be_read_is_named_once(values, problem):
    row, problems = read(values)
    assert [p.where for p in problems] == [problem.where] and problems[0].message.startswith(problem.message)
    outcome = apply_read(row, new_document())
    assert (outcome.changes, outcome.problems) == ([], [])


def test_a_review_on_a_track_without_the_recurring_check_refuses_its_date():
    outcome = apply(("Child A", "01/04/2026", None, None, "national", "28/04/2026", None, None, "28/05/2026"),
                    new_document())
    assert outcome.problems == [Problem(
        "Reviews!I2", "progress-check is part of a local review, and 2026-child-a is on the national track")]


def test_a_review_with_one_agency_is_confirmed_by_one_agency():
    document = parse_text(new_review_text(PROCESS, "2026-child-a", "Child A", dt.date(2026, 4, 1), agencies=["Police"]),
                          "review.yaml")
    outcome = apply(("Child A", "01/04/2026", None, None, "local", "28/04/2026", None, "01/07/2026"), document)
    assert outcome.changes[-1] == "agency-responses confirmed by 1 agency on Wed 1 Jul 2026"


HAND_WRITTEN = {"id": "2026-child-a", "child": "Child A", "aware": dt.date(2026, 4, 1), "agencies": ["Police"],
                "decision": {"track": "local", "on": dt.date(2026, 4, 28), "by": "Officer One"}}


def test_an_update_of_a_review_written_by_hand_makes_the_blocks_it_needs():
    document = {**HAND_WRITTEN, "decision": dict(HAND_WRITTEN["decision"])}
    row = ("Child A", "01/04/2026", "Police", None, "local", "28/04/2026", "13/04/2026", "01/07/2026", "28/05/2026")
    outcome = apply(row, document, update=True)
    assert outcome.problems == []
    assert outcome.changes == ["notification completed on Mon 13 Apr 2026",
                               "agency-responses confirmed by 1 agency on Wed 1 Jul 2026",
                               "progress-check (due Thu 28 May 2026) recorded on Thu 28 May 2026"]
    assert apply(row, document, update=True).changes == []


def test_a_document_that_is_not_the_reviews_is_named_at_each_cell_never_written_over():
    # A safety net: each change reads the review afresh, and a review that cannot be read is
    # a problem at the cell of the change, not a crash and not a change.
    document = new_document()
    row = read(("Child A", "01/04/2026", "Police;Health", "abuse", "local", "28/04/2026", None, None, None,
                "01/12/2026", "Reviewer Nine"))[0]
    before = dump_document(document)
    outcome = apply_read(row, document, review_id="2026-child-b")
    message = "id '2026-child-a' does not match its folder '2026-child-b'"
    assert outcome.changes == []
    assert outcome.problems == [Problem(where, message) for where in ("Reviews!K2", "Reviews!E2", "Reviews!J2")]
    assert dump_document(document) == before


def test_dates_today_are_read_as_today_and_tomorrow_refused():
    row, problems = read(("Child A", "today", None, None, None, None, "01/08/2026", None, None, "02/08/2026"))
    assert problems == []
    assert (row.values["aware"], row.values["notification"], row.values["plan:published"]) == (
        TODAY, TODAY, dt.date(2026, 8, 2))
    row, problems = read(("Child A", "01/04/2026", None, None, None, None, "02/08/2026"))
    assert problems == [Problem("Reviews!G2", "notification: 2026-08-02 is in the future; only planned dates "
                                              "(the plan: columns) may be")]


def test_a_value_without_a_heading_leaves_the_cells_after_it_read():
    row, problems = read(("Child A", "x", "01/04/2026"), ("Child", None, "Aware"))
    assert problems == [Problem("Reviews!B2", "a value in a column without a heading; give the column a heading "
                                              "or clear the cell")]
    assert row.values == {"child": "Child A", "aware": dt.date(2026, 4, 1)}
