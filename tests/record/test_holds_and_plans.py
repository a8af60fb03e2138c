"""Holds (`cspr hold`, `cspr resume`) when more than one is open, and plans (`cspr plan`) at their
boundaries: the review becoming known, the decision, the stage's own deadline. What each
records, the summary, and each refusal, message and all. Pure: documents in memory."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from cspr.cli.output import error_text  # the message as the officer reads it
from cspr.errors import UsageError
from cspr.model.review import parse_review
from cspr.record import stages as recording
from tests.helpers.documents import decided_review
from tests.helpers.domain import PROCESS

D = dt.date
TODAY = D(2026, 9, 1)
BY = "Officer One"


def document(**fields) -> dict:
    return decided_review(**fields)


def refused(doc, change) -> str:
    before = copy.deepcopy(doc)
    with pytest.raises(UsageError) as caught:
        change(parse_review(doc), doc)
    assert doc == before
    return error_text(caught.value)


def two_open() -> dict:
    return document(holds=[{"reason": "Criminal trial", "from": D(2026, 5, 1), "to": None, "by": BY},
                           {"reason": "Inquest", "from": D(2026, 6, 1), "to": None, "by": BY}])


RESUMED = D(2026, 7, 1)


def resume(which=None, on=RESUMED):
    return lambda review, doc: recording.resume(review, doc, on=on, today=TODAY, by="Officer Two", which=which)


def test_with_two_holds_open_the_one_to_end_is_named_by_part_of_its_reason_in_any_case():
    doc = two_open()
    assert refused(doc, resume()) == (
        "2026-child-a has 2 holds open (Criminal trial; Inquest); say which ends with --hold REASON")
    assert resume(" INQUEST ")(parse_review(doc), doc) == "resumed on Wed 1 Jul 2026 after 30 days on hold (Inquest)"
    assert doc["holds"] == [
        {"reason": "Criminal trial", "from": D(2026, 5, 1), "to": None, "by": BY},
        {"reason": "Inquest", "from": D(2026, 6, 1), "to": D(2026, 7, 1), "by": BY, "resumed_by": "Officer Two"}]
    # the one left open is ended without naming it
    assert resume(on=D(2026, 7, 2))(parse_review(doc), doc) == (
        "resumed on Thu 2 Jul 2026 after 62 days on hold (Criminal trial)")
    assert [h.end for h in parse_review(doc).holds] == [D(2026, 7, 2), D(2026, 7, 1)]


@pytest.mark.parametrize(("which", "message"), [
    ("appeal", "--hold 'appeal' names no open hold; open: Criminal trial; Inquest"),
    (" i ", "--hold ' i ' names more than one open hold; open: Criminal trial; Inquest"),
])
def test_a_hold_named_ambiguously_or_not_at_all_is_refused(which, message):
    assert refused(two_open(), resume(which)) == message


def test_only_an_open_hold_can_be_named():
    doc = two_open()
    doc["holds"][0]["to"] = D(2026, 5, 20)
    assert refused(doc, resume("trial")) == "--hold 'trial' names no open hold; open: Inquest"
    assert resume("inq")(parse_review(doc), doc).endswith("(Inquest)")


def test_a_hold_may_begin_today_but_not_tomorrow():
    doc = document()
    assert recording.hold(parse_review(doc), doc, "Trial", start=TODAY, today=TODAY, by=BY) == (
        "on hold from Tue 1 Sep 2026: Trial")
    assert refused(doc, lambda r, d: recording.hold(r, d, "Inquest", start=D(2026, 9, 2), today=TODAY, by=BY)) == (
        "--from 2026-09-02 is in the future; record the hold once it has begun")


# -- plans --------------------------------------------------------------------------------------

def plan(key, day, deadline=None):
    return lambda review, doc: recording.plan(PROCESS, review, doc, key, day, deadline)


def test_a_plan_may_fall_on_the_day_the_review_became_known_but_not_before():
    doc = document()
    assert refused(doc, plan("rapid-review", D(2026, 3, 31))) == (
        "DATE 2026-03-31 is before 2026-child-a became known (2026-04-01); check the date")
    assert plan("rapid-review", D(2026, 4, 1))(parse_review(doc), doc) == "rapid-review planned for Wed 1 Apr 2026"
    assert doc["plans"] == {"rapid-review": D(2026, 4, 1)}


def test_a_stage_of_the_track_is_planned_on_or_after_the_decision_and_one_before_it_at_any_time():
    doc = document()
    assert refused(doc, plan("published", D(2026, 4, 19))) == (
        "DATE 2026-04-19 is before the decision (2026-04-20), and published comes after it; check the date")
    assert plan("published", D(2026, 4, 20))(parse_review(doc), doc) == "published planned for Mon 20 Apr 2026"
    assert plan("panel-response", D(2026, 4, 10))(parse_review(doc), doc) == (
        "panel-response planned for Fri 10 Apr 2026")
    assert doc["plans"] == {"published": D(2026, 4, 20), "panel-response": D(2026, 4, 10)}


def test_a_plan_beyond_the_stages_deadline_says_so_and_one_on_it_does_not():
    doc = document()
    assert plan("published", D(2026, 11, 30), D(2026, 11, 30))(parse_review(doc), doc) == (
        "published planned for Mon 30 Nov 2026")
    assert plan("published", D(2026, 12, 1), D(2026, 11, 30))(parse_review(doc), doc) == (
        "published planned for Tue 1 Dec 2026, after its deadline (Mon 30 Nov 2026)")
