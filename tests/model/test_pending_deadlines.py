"""A review's pending deadlines on a day (`model/agenda.py: deadlines_on`), each with everything
the reports show of it: stage, title, owner, date, rule, and whether it is one date of a
recurring check, held, a reminder or an action. Pure; the review is Child A of
tests/reports/test_board_paper.py, seen on Thu 30 Jul 2026."""

from __future__ import annotations

import dataclasses
import datetime as dt

from cspr.model.agenda import Deadline, agenda_for, deadlines_on
from cspr.model.deadlines import ReviewSchedule
from tests.reports.test_board_paper import ENGLAND, PROCESS, A

DAY = dt.date(2026, 7, 30)
NOTICE = ("pre-publication-notice", "National Panel, DfE and Ofsted notified before publication", "Business unit",
          dt.date(2026, 10, 19), None, "7 working days before published")
CABINET = ("cabinet-member-notified", "Cabinet Member notified through the partnership chair", "Partnership chair",
           dt.date(2026, 10, 19), None, "7 working days before published")
PUBLISHED = ("published", "Review published on the partnership website", "Business unit", dt.date(2026, 10, 28), None,
             "6 months after decision")
CHECK = ("progress-check", "Progress and quality of the review checked", "Practice review subgroup")
EVERY = "1 month from decision until published"
REMINDER = Deadline("2026-child-a", "Child A", "needs-timeline", "Timeline needed: no date agreed for panel-confirmed",
                    "Business unit", dt.date(2026, 5, 28), None, None, False, None, True)
ACTION = Deadline("2026-child-a", "Child A", "action:R1.1", "a", "Police", dt.date(2026, 6, 1), "Police")


def pending(review, *, every_occurrence=True):
    return list(deadlines_on(agenda_for(ReviewSchedule(PROCESS, review, ENGLAND, DAY)), DAY,
                             every_occurrence=every_occurrence))


def test_every_pending_deadline_with_all_it_says():
    assert pending(dataclasses.replace(A, holds=())) == [
        Deadline("2026-child-a", "Child A", *NOTICE), Deadline("2026-child-a", "Child A", *CABINET),
        Deadline("2026-child-a", "Child A", *PUBLISHED),
        *(Deadline("2026-child-a", "Child A", *CHECK, dt.date(2026, month, 28), None, EVERY, True)
          for month in (6, 7, 8)),
        REMINDER, ACTION,
    ]


def test_only_the_earliest_date_of_a_recurring_check_unless_every_one_is_asked_for():
    checks = [d.due for d in pending(dataclasses.replace(A, holds=()), every_occurrence=False)
              if d.stage == "progress-check"]
    assert checks == [dt.date(2026, 6, 28)]


def test_a_stage_paused_by_a_hold_in_force_is_one_held_deadline_with_its_date_before_the_hold():
    assert pending(A)[:3] == [Deadline("2026-child-a", "Child A", *NOTICE, False, "criminal trial"),
                              Deadline("2026-child-a", "Child A", *CABINET, False, "criminal trial"),
                              Deadline("2026-child-a", "Child A", *PUBLISHED, False, "criminal trial")]
    assert pending(A)[3:] == pending(dataclasses.replace(A, holds=()))[3:]  # the checks go on
