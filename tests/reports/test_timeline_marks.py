"""What a timeline shows (`cspr timeline`): each stage's marks and note, the review on one line,
and the marks placed on a grid. Pure: no disk, no git; dates worked out by hand.

Child A: aware Wed 1 Apr 2026; notified Mon 13 Apr (due Fri 10 Apr: Good Friday and Easter
Monday skipped, so 3 days late); rapid review and decision on Tue 28 Apr (due Tue 5 May); a
criminal trial held the review from 1 to 30 Jun; publication planned for Tue 1 Dec.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from cspr.model.agenda import agenda_for
from cspr.model.deadlines import ReviewSchedule
from cspr.model.review import Closure, Completion, Decision, Hold, Occurrence, Review
from cspr.model.statuses import StageStatus
from cspr.reports.index import index_of
from cspr.reports.timeline import (
    Line,
    Mark,
    Timeline,
    board_timeline,
    column_of,
    layout,
    review_line,
    review_timeline,
    span_of,
)
from tests.helpers.domain import ENGLAND, PROCESS

D = dt.date
TODAY = D(2026, 9, 1)
CHILD_A = Review(
    "2026-child-a", "Child A", D(2026, 4, 1), agencies=("Police", "Health"), decision=Decision("local", D(2026, 4, 28)),
    completions={"notification": Completion(D(2026, 4, 13)), "rapid-review": Completion(D(2026, 4, 28))},
    agency_completions={"agency-responses": {"Police": Completion(D(2026, 6, 1))}},
    holds=(Hold("criminal trial", D(2026, 6, 1), D(2026, 6, 30)),), plans={"published": D(2026, 12, 1)})
TRIAL = Mark("hold", D(2026, 6, 1), D(2026, 6, 30))


def lines(review: Review = CHILD_A, today: dt.date = TODAY) -> dict[str, Line]:
    return {line.label: line for line in review_timeline(ReviewSchedule(PROCESS, review, ENGLAND, today)).lines}


def test_the_heading_says_who_when_aware_how_decided_and_as_of_when():
    timeline = review_timeline(ReviewSchedule(PROCESS, CHILD_A, ENGLAND, TODAY))
    assert timeline.facts == ("2026-child-a: Child A", "aware Wed 1 Apr 2026", "local review decided Tue 28 Apr 2026",
                              "as of Tue 1 Sep 2026")
    assert timeline.today == TODAY
    new = review_timeline(ReviewSchedule(PROCESS, Review("2026-child-b", "Child B", D(2026, 8, 3)), ENGLAND, TODAY))
    assert new.facts[2:] == ("awaiting decision", "as of Tue 1 Sep 2026")


def test_a_stage_done_late_shows_its_deadline_the_day_done_and_the_days_between():
    notification = lines()["notification"]
    assert notification == Line("notification", (
        Mark("due", D(2026, 4, 10)), Mark("done", D(2026, 4, 13)), Mark("late", D(2026, 4, 11), D(2026, 4, 12)),
    ), "done Mon 13 Apr 2026, 3 days late", StageStatus.DONE)
    assert lines()["rapid-review"] == Line("rapid-review", (Mark("due", D(2026, 5, 5)), Mark("done", D(2026, 4, 28))),
                                           "done Tue 28 Apr 2026", StageStatus.DONE)


def test_a_stage_done_the_day_after_its_deadline_has_no_late_span_between():
    review = Review("2026-child-a", "Child A", D(2026, 4, 1), completions={"notification": Completion(D(2026, 4, 11))})
    assert lines(review)["notification"].marks == (Mark("due", D(2026, 4, 10)), Mark("done", D(2026, 4, 11)))
    assert lines(review)["notification"].note == "done Sat 11 Apr 2026, 1 day late"


def test_an_overdue_stage_runs_from_the_day_after_its_deadline_to_today():
    review = Review("2026-child-a", "Child A", D(2026, 4, 1))
    assert lines(review, D(2026, 4, 20))["notification"] == Line(
        "notification", (Mark("due", D(2026, 4, 10)), Mark("overdue", D(2026, 4, 11), D(2026, 4, 20))),
        "due Fri 10 Apr 2026, 10 days overdue", StageStatus.OVERDUE)
    assert lines(review, D(2026, 4, 10))["notification"] == Line(
        "notification", (Mark("due", D(2026, 4, 10)),), "due Fri 10 Apr 2026", StageStatus.DUE)


def test_a_stage_paused_by_holds_shows_them_with_its_deadline_and_the_plan():
    assert lines()["published"] == Line("published", (TRIAL, Mark("due", D(2026, 11, 26)), Mark("planned", D(2026, 12, 1))),
                                        "due Thu 26 Nov 2026, planned Tue 1 Dec 2026", StageStatus.DUE)


def test_each_agency_of_a_stage_confirmed_agency_by_agency_has_its_own_line():
    found = lines()
    assert found["  Police"] == Line("  Police", (Mark("done", D(2026, 6, 1)),), "done Mon 1 Jun 2026", StageStatus.DONE)
    assert found["  Health"] == Line("  Health", (), "not yet confirmed", StageStatus.WAITING)
    assert found["agency-responses"].note == "waiting for final-draft"


def test_a_recurring_check_shows_each_occurrence_due_and_overdue_from_the_first_missed():
    check = lines()["progress-check"]
    assert check.marks == (*(Mark("due", D(2026, month, 28)) for month in range(5, 10)),
                           Mark("overdue", D(2026, 5, 29), TODAY))
    assert (check.note, check.state) == ("due Thu 28 May 2026, 96 days overdue", StageStatus.OVERDUE)
    done = dataclasses.replace(CHILD_A, occurrences={"progress-check": (
        Occurrence(D(2026, 5, 28), D(2026, 6, 2)), Occurrence(D(2026, 6, 28), D(2026, 6, 29)))})
    marks = lines(done)["progress-check"].marks
    assert marks[:3] == (Mark("done", D(2026, 6, 2)), Mark("late", D(2026, 5, 29), D(2026, 6, 1)),
                         Mark("done", D(2026, 6, 29)))
    assert marks[3:] == (*(Mark("due", D(2026, month, 28)) for month in range(7, 10)),
                         Mark("overdue", D(2026, 7, 29), TODAY))


def test_the_holds_line_says_how_long_or_since_when():
    assert lines()["on hold"] == Line("on hold", (TRIAL,), "29 days on hold", None)
    inquest = dataclasses.replace(CHILD_A, holds=(*CHILD_A.holds, Hold("inquest", D(2026, 8, 1))))
    held = lines(inquest)["on hold"]
    assert held == Line("on hold", (TRIAL, Mark("hold", D(2026, 8, 1), TODAY)),
                        "on hold since Sat 1 Aug 2026: inquest", StageStatus.ON_HOLD)
    assert "on hold" not in lines(Review("2026-child-b", "Child B", D(2026, 4, 1)))
    assert lines(today=D(2026, 5, 31))["on hold"].marks == ()  # not yet begun


def test_a_stage_with_no_deadline_says_no_date_is_agreed():
    assert lines()["tor-agreed"] == Line("tor-agreed", (), "no date agreed yet", StageStatus.NO_DEADLINE)


def test_a_whole_review_on_one_line():
    line = review_line(index_of(agenda_for(ReviewSchedule(PROCESS, CHILD_A, ENGLAND, TODAY))), TODAY)
    assert line.label == "2026-child-a"
    assert line.marks == (TRIAL, Mark("done", D(2026, 4, 13)), Mark("done", D(2026, 4, 28)), Mark("done", D(2026, 4, 28)),
                          Mark("due", D(2026, 5, 28)), Mark("due", D(2026, 11, 20)), Mark("due", D(2026, 11, 20)),
                          Mark("due", D(2026, 11, 26)), Mark("overdue", D(2026, 5, 29), TODAY))
    assert (line.note, line.state) == ("1 overdue; next cabinet-member-notified Fri 20 Nov 2026", StageStatus.OVERDUE)


def test_a_review_on_hold_or_with_nothing_due_says_so_on_its_line():
    inquest = dataclasses.replace(CHILD_A, holds=(Hold("inquest", D(2026, 5, 20)),))
    held = review_line(index_of(agenda_for(ReviewSchedule(PROCESS, inquest, ENGLAND, D(2026, 6, 1)))), D(2026, 6, 1))
    assert (held.note, held.state) == ("1 overdue; on hold: inquest", StageStatus.OVERDUE)
    before = review_line(index_of(agenda_for(ReviewSchedule(PROCESS, inquest, ENGLAND, D(2026, 5, 25)))), D(2026, 5, 25))
    assert (before.note, before.state) == ("next progress-check Thu 28 May 2026; on hold: inquest", StageStatus.ON_HOLD)
    assert held.marks[0] == Mark("hold", D(2026, 5, 20), D(2026, 6, 1))
    new = Review("2026-child-b", "Child B", D(2026, 4, 1), completions={"notification": Completion(D(2026, 4, 2))})
    waiting = review_line(index_of(agenda_for(ReviewSchedule(PROCESS, new, ENGLAND, D(2026, 4, 3)))), D(2026, 4, 3))
    assert (waiting.note, waiting.state) == ("next decision Mon 27 Apr 2026", StageStatus.DUE)  # with the rapid review, by name


def test_the_board_has_one_line_per_open_review_oldest_first():
    later = Review("2026-child-b", "Child B", D(2026, 5, 1))
    closed = dataclasses.replace(later, id="2026-child-c", closed=Closure(D(2026, 8, 1), "merged"))
    agendas = [index_of(agenda_for(ReviewSchedule(PROCESS, r, ENGLAND, TODAY))) for r in (later, closed, CHILD_A)]
    timeline = board_timeline(agendas, TODAY)
    assert timeline.facts == ("Open reviews as of Tue 1 Sep 2026",)
    assert [line.label for line in timeline.lines] == ["2026-child-a", "2026-child-b"]


def test_a_chart_spans_whole_months_from_the_first_mark_to_the_last():
    timeline = Timeline((), D(2026, 9, 1), (Line("a", (Mark("due", D(2026, 4, 10)), Mark("hold", D(2026, 6, 1), D(2026, 12, 2)))),))
    assert span_of(timeline) == (D(2026, 4, 1), D(2026, 12, 31))
    assert span_of(Timeline((), D(2026, 12, 15), ())) == (D(2026, 12, 1), D(2026, 12, 31))


def test_a_day_falls_in_its_column_evenly_scaled():
    assert column_of(D(2026, 4, 1), D(2026, 4, 1), D(2026, 4, 30), 30) == 0
    assert column_of(D(2026, 4, 30), D(2026, 4, 1), D(2026, 4, 30), 30) == 29
    assert column_of(D(2026, 4, 16), D(2026, 4, 1), D(2026, 4, 30), 10) == 5
    assert column_of(D(2026, 4, 16), D(2026, 4, 1), D(2026, 4, 1), 10) == 0
    assert column_of(D(2026, 4, 16), D(2026, 4, 1), D(2026, 4, 30), 1) == 0


def test_marks_are_placed_on_the_grid_the_stronger_kind_winning_a_shared_cell():
    timeline = Timeline((), D(2026, 4, 20), (
        Line("a", (Mark("hold", D(2026, 4, 1), D(2026, 4, 30)), Mark("due", D(2026, 4, 10)), Mark("done", D(2026, 4, 10)))),
    ))
    grid = layout(timeline, 80)
    assert (grid.start, grid.end, grid.width, grid.today_column) == (D(2026, 4, 1), D(2026, 4, 30), 30, 19)
    row = grid.cells[0]
    assert row[9] == "done" and row[19] == "today" and row[0] == row[29] == "hold"
    assert grid.ticks == ((0, "Apr 2026"),)
    assert grid.column(D(2026, 4, 30)) == 29
    narrow = layout(timeline, 10)
    assert narrow.width == 10 and narrow.cells[0][3] == "done"


def test_month_labels_along_the_axis_thin_out_when_they_do_not_fit():
    timeline = Timeline((), D(2026, 4, 1), (Line("a", (Mark("due", D(2027, 3, 31)),)),))
    assert layout(timeline, 365).ticks[:3] == ((0, "Apr 2026"), (30, "May"), (61, "Jun"))
    assert layout(timeline, 365).ticks[9] == (275, "Jan 2027")
    assert layout(timeline, 40).ticks == ((0, "Apr 2026"), (10, "Jul"), (20, "Oct"), (29, "Jan 2027"))
    assert layout(timeline, 12).ticks == ((8, "Jan 2027"),)
