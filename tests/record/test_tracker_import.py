"""A tracker row applied to a review's document (`cspr import`): what it records, what it
refuses, and an update that records only what differs. Pure: the document is the one `cspr new`
writes, in memory."""

from __future__ import annotations

import datetime as dt

from cspr.model.deadlines import ReviewSchedule
from cspr.model.review import Occurrence, parse_review
from cspr.record.importing import Cell, Problem, apply_row, match_headings, read_row
from cspr.record.new_review import new_review_text
from cspr.storage.yamlio import parse_text
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
