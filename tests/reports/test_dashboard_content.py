"""What the board dashboard shows (`cspr dashboard`), computed from the other reports: each open
review rated with its items, next deadline, hold, actions and timeline; counts across them; the
year's figures. Pure: the reviews of tests/reports/test_board_paper.py, seen on Mon 22 Jun 2026."""

from __future__ import annotations

import datetime as dt

from cspr.model.deadlines import ReviewSchedule
from cspr.model.review import Hold
from cspr.model.statuses import ItemStatus
from cspr.reports import stats as figures
from cspr.reports.dashboard import ReviewLine, board_of, line_of, review_board
from cspr.reports.rag import AgencyRag
from cspr.reports.stats import financial_year
from tests.reports.test_board_paper import CLOSED, ENGLAND, PROCESS, A, B

AS_OF = dt.date(2026, 6, 22)
def board(process, schedules, as_of, within):
    """The whole board at once, as `cspr dashboard` builds it review by review: each open
    review's line, in ID order, and this financial year's figures."""
    period = figures.financial_year_of(as_of)
    stats = figures.compute(process, schedules, period, figures.as_at(period, as_of))
    lines = [line_of(review_board(s, within)) for s in sorted(schedules, key=lambda s: s.review.id) if not s.is_closed]
    return board_of(lines, stats, as_of, within)


def dashboard():
    # in each test, never at import: `make mutate` tests each mutant in a process forked after import
    return board(PROCESS, [ReviewSchedule(PROCESS, r, ENGLAND, AS_OF) for r in (CLOSED, B, A)], AS_OF, 14)



def test_open_reviews_by_id_each_rated_from_its_items_with_its_next_deadline():
    assert [(r.id, r.rag, r.reason) for r in dashboard().reviews] == [
        ("2026-child-a", "red", "2 overdue; due in 6 days; on hold: criminal trial"), ("2026-child-b", "amber", "due in 4 days")]
    child_a, child_b = (review_board(ReviewSchedule(PROCESS, r, ENGLAND, AS_OF), 14) for r in (A, B))
    assert (child_a.id, child_a.rag, child_a.reason) == ("2026-child-a", "red", "2 overdue; due in 6 days; on hold: criminal trial")
    assert [(i.stage, i.status) for i in child_a.items] == [
        ("pre-publication-notice", ItemStatus.ON_HOLD), ("cabinet-member-notified", ItemStatus.ON_HOLD),
        ("published", ItemStatus.ON_HOLD), ("progress-check", ItemStatus.DUE_SOON),
        ("needs-timeline", ItemStatus.OVERDUE), ("action:R1.1", ItemStatus.OVERDUE)]
    assert (child_a.next_deadline.stage.key, child_a.next_deadline.due) == ("progress-check", dt.date(2026, 6, 28))
    assert child_a.hold == Hold("criminal trial", dt.date(2026, 6, 1))
    assert [state.action.key for state in child_a.actions] == ["R1.1"]
    assert child_a.timeline.facts[0] == "2026-child-a: Child A"
    assert (child_b.id, child_b.rag, child_b.reason, child_b.hold, child_b.actions) == (
        "2026-child-b", "amber", "due in 4 days", None, ())
    assert (child_b.next_deadline.stage.key, child_b.next_deadline.due) == ("notification", dt.date(2026, 6, 26))


def test_a_reviews_line_of_the_overview_keeps_what_the_overview_shows_and_counts_and_survives_marshal():
    import marshal

    line = line_of(review_board(ReviewSchedule(PROCESS, A, ENGLAND, AS_OF), 14))
    assert (line.id, line.child, line.track, line.as_of) == ("2026-child-a", "Child A", A.track, AS_OF)
    assert (line.next_key, line.next_due, line.rag, line.hold) == (
        "progress-check", dt.date(2026, 6, 28), "red", Hold("criminal trial", dt.date(2026, 6, 1)))
    assert (line.overdue, line.due_soon, line.actions) == (2, 1, (("Police", "red"),))
    assert ReviewLine.from_plain(marshal.loads(marshal.dumps(line.plain()))) == line


def test_counts_across_the_open_reviews_and_the_years_figures():
    assert (dashboard().as_of, dashboard().within, dashboard().overdue, dashboard().due_soon) == (AS_OF, 14, 2, 2)
    assert [r.id for r in dashboard().on_hold] == ["2026-child-a"]
    assert dashboard().agencies == (AgencyRag("Police", 1, 0, 0),)
    assert dashboard().stats.period == financial_year(2026)
    assert dashboard().stats.as_at == AS_OF
    assert dashboard().stats.notified.reviews == ("2026-child-a",)  # the closed review was notified the year before


def test_a_review_with_nothing_due_within_the_window_is_green():
    early = board(PROCESS, [ReviewSchedule(PROCESS, B, ENGLAND, dt.date(2026, 6, 20))], dt.date(2026, 6, 20), 3)
    (line,) = early.reviews
    child_b = review_board(ReviewSchedule(PROCESS, B, ENGLAND, dt.date(2026, 6, 20)), 3)
    assert (child_b.rag, child_b.reason, [i.status for i in child_b.items]) == ("green", "on track", [])
    assert (line.rag, line.reason, line.next_key, early.overdue, early.due_soon) == ("green", "on track", "notification", 0, 0)
