"""The board paper's content for a quarter (`cspr board`): open reviews rated, stages done and
deadlines slipped in the period, holds, agencies. Pure: no disk, no git; dates by hand.

Child A: aware Wed 1 Apr 2026, notified Mon 13 Apr (due Fri 10 Apr: 3 days late), rapid review
and local decision Tue 28 Apr (due Tue 5 May); the monthly progress check due Thu 28 May was
done Tue 2 Jun, the one due Sun 28 Jun not at all; on hold for a criminal trial since 1 Jun.
Child B: aware Sat 20 Jun, not notified (due Fri 26 Jun). Child C: aware after the quarter.
Child D: closed on 1 May; held for an inquest 1 Mar to 15 Apr, and earlier 10 Jan to 31 Mar.
"""

from __future__ import annotations

import datetime as dt

from cspr.model.deadlines import ReviewSchedule
from cspr.model.review import (
    Action,
    Closure,
    Completion,
    Decision,
    Hold,
    Occurrence,
    Recommendation,
    Review,
)
from cspr.model.statuses import Rag
from cspr.reports.board import HoldInPeriod, OpenReview, StageEvent, compute, quarter, standing
from cspr.reports.rag import AgencyRag
from tests.helpers.domain import ENGLAND, PROCESS

D = dt.date
AS_AT = D(2026, 6, 30)
NOTIFIED = "Serious incident notified to the National Panel"
CHECKED = "Progress and quality of the review checked"
A = Review("2026-child-a", "Child A", D(2026, 4, 1), agencies=("Police",), decision=Decision("local", D(2026, 4, 28)),
           completions={"notification": Completion(D(2026, 4, 13)), "rapid-review": Completion(D(2026, 4, 28))},
           occurrences={"progress-check": (Occurrence(D(2026, 5, 28), D(2026, 6, 2)),)},
           holds=(Hold("criminal trial", D(2026, 6, 1)),),
           recommendations=(Recommendation("R1", "x", (Action("R1.1", "R1", "Police", D(2026, 6, 1), "a"),)),))
B = Review("2026-child-b", "Child B", D(2026, 6, 20))
C = Review("2026-child-c", "Child C", D(2026, 7, 5))
CLOSED = Review("2026-child-d", "Child D", D(2026, 1, 5), completions={"notification": Completion(D(2026, 1, 7))},
                holds=(Hold("inquest", D(2026, 3, 1), D(2026, 4, 15)), Hold("earlier", D(2026, 1, 10), D(2026, 3, 31))),
                closed=Closure(D(2026, 5, 1), "merged"))
def board_paper():
    # in each test, never at import: `make mutate` tests each mutant in a process forked after import
    return compute(PROCESS, [ReviewSchedule(PROCESS, r, ENGLAND, AS_AT) for r in (CLOSED, C, B, A)], quarter(2026, 1), AS_AT)



def test_open_reviews_known_by_the_quarters_end_are_rated_with_their_next_deadline():
    assert board_paper().open_reviews == (
        OpenReview("2026-child-a", "Child A", "local", "Rapid review completed and sent to the National Panel",
                   "progress-check", D(2026, 6, 28), "red", "3 overdue; on hold: criminal trial", "criminal trial"),
        OpenReview("2026-child-b", "Child B", None, "Not yet notified", "notification", D(2026, 6, 26), "red",
                   "1 overdue", None),
    )
    assert board_paper().rag_counts == {Rag.RED: 2, Rag.AMBER: 0, Rag.GREEN: 0}
    assert (board_paper().period, board_paper().as_at) == (quarter(2026, 1), AS_AT)


def test_stages_done_in_the_quarter_in_the_order_done():
    assert board_paper().completed == (
        StageEvent("2026-child-a", "Child A", "notification", NOTIFIED, D(2026, 4, 10), D(2026, 4, 13)),
        StageEvent("2026-child-a", "Child A", "rapid-review", "Rapid review completed and sent to the National Panel",
                   D(2026, 5, 5), D(2026, 4, 28)),
        StageEvent("2026-child-a", "Child A", "decision", "Decision made on the review (local, national or none)",
                   D(2026, 5, 5), D(2026, 4, 28)),
        StageEvent("2026-child-a", "Child A", "progress-check", CHECKED, D(2026, 5, 28), D(2026, 6, 2)),
    )
    assert [event.on_time for event in board_paper().completed] == [False, True, True, False]


def test_deadlines_in_the_quarter_that_slipped_done_late_or_not_yet_in_the_order_due():
    assert board_paper().slipped == (
        StageEvent("2026-child-a", "Child A", "notification", NOTIFIED, D(2026, 4, 10), D(2026, 4, 13)),
        StageEvent("2026-child-a", "Child A", "progress-check", CHECKED, D(2026, 5, 28), D(2026, 6, 2)),
        StageEvent("2026-child-b", "Child B", "notification", NOTIFIED, D(2026, 6, 26), None),
        StageEvent("2026-child-a", "Child A", "progress-check", CHECKED, D(2026, 6, 28), None),
    )
    assert [standing(event, AS_AT) for event in board_paper().slipped] == [
        "done 3 days late (Mon 13 Apr 2026)", "done 5 days late (Tue 2 Jun 2026)", "not done: 4 days overdue",
        "not done: 2 days overdue"]


def test_deadlines_due_the_same_day_slip_in_the_process_order_whatever_the_order_done():
    """Child E's two notices before publication (planned Fri 29 May) are both due Tue 19 May:
    the Cabinet Member was told on Mon 25 May, the National Panel on Wed 27 May. The paper keeps
    a review's stages sorted by the day done, and still lists the two in the process's order."""
    child_e = Review("2026-child-e", "Child E", D(2025, 10, 1), decision=Decision("local", D(2025, 11, 3)),
                     plans={"published": D(2026, 5, 29)},
                     completions={"cabinet-member-notified": Completion(D(2026, 5, 25)),
                                  "pre-publication-notice": Completion(D(2026, 5, 27))})
    board = compute(PROCESS, [ReviewSchedule(PROCESS, child_e, ENGLAND, AS_AT)], quarter(2026, 1), AS_AT)
    assert [(e.stage, e.due, e.done) for e in board.slipped if e.done is not None] == [
        ("pre-publication-notice", D(2026, 5, 19), D(2026, 5, 27)),
        ("cabinet-member-notified", D(2026, 5, 19), D(2026, 5, 25)),
    ]
    assert [e.stage for e in board.completed] == ["cabinet-member-notified", "pre-publication-notice"]  # as done


def test_a_slipped_deadline_stands_in_words_one_day_or_many():
    event = StageEvent("x", "Child X", "notification", NOTIFIED, D(2026, 4, 10), None)
    assert standing(event, D(2026, 4, 11)) == "not done: 1 day overdue"
    late = StageEvent("x", "Child X", "notification", NOTIFIED, D(2026, 4, 10), D(2026, 4, 11))
    assert standing(late, AS_AT) == "done 1 day late (Sat 11 Apr 2026)"
    assert StageEvent("x", "Child X", "x", "X", None, None).on_time
    assert StageEvent("x", "Child X", "x", "X", D(2026, 4, 10), D(2026, 4, 10)).on_time
    assert not StageEvent("x", "Child X", "x", "X", D(2026, 4, 10), None).on_time


def test_holds_that_overlap_the_quarter_closed_reviews_included():
    assert board_paper().holds == (
        HoldInPeriod("2026-child-a", "Child A", "criminal trial", D(2026, 6, 1), None),
        HoldInPeriod("2026-child-d", "Child D", "inquest", D(2026, 3, 1), D(2026, 4, 15)),
    )


def test_agencies_are_rated_on_the_open_reviews_actions_and_the_figures_are_the_quarters():
    assert board_paper().agencies == (AgencyRag("Police", 1, 0, 0),)
    assert board_paper().stats.period == quarter(2026, 1)
    assert board_paper().stats.notified.reviews == ("2026-child-a",)


def test_events_on_the_same_day_are_listed_by_review_whatever_the_order_given():
    """Two reviews notified late on the same day: done, and slipped, in the order of their IDs."""
    late = {"notification": Completion(D(2026, 4, 13))}
    reviews = [Review(f"2026-child-{name}", f"Child {name.upper()}", D(2026, 4, 1), completions=late) for name in "zyx"]
    board = compute(PROCESS, [ReviewSchedule(PROCESS, r, ENGLAND, AS_AT) for r in reviews], quarter(2026, 1), AS_AT)
    done = [(e.review, e.done) for e in board.completed if e.stage == "notification"]
    assert done == [("2026-child-x", D(2026, 4, 13)), ("2026-child-y", D(2026, 4, 13)), ("2026-child-z", D(2026, 4, 13))]
    slipped = [(e.review, e.due) for e in board.slipped if e.stage == "notification"]
    assert slipped == [("2026-child-x", D(2026, 4, 10)), ("2026-child-y", D(2026, 4, 10)), ("2026-child-z", D(2026, 4, 10))]
