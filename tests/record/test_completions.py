"""`cspr complete` in detail: stages that apply only to some reviews, a recurring check's
occurrences named with --occurrence, and --amend of each kind of record. What each records, the
summary that becomes the commit message, and each refusal, message and all. Pure."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from cspr.cli.output import error_text  # the message as the officer reads it
from cspr.errors import StateError, UsageError
from cspr.model.review import parse_review
from cspr.record import stages as recording
from tests.helpers.documents import decided_review
from tests.helpers.domain import PROCESS

D = dt.date
TODAY = D(2026, 9, 1)
BY = "Officer One"


def document(**fields) -> dict:
    return decided_review(agencies=["Police", "Health"], **fields)


def complete(doc, key, **options):
    options = {"on": TODAY, "today": TODAY, "by": BY, **options}
    return recording.complete(PROCESS, parse_review(doc), doc, key, **options)


def refused(kind, doc, key, **options) -> str:
    before = copy.deepcopy(doc)
    with pytest.raises(kind) as caught:
        complete(doc, key, **options)
    assert doc == before
    return error_text(caught.value)


@pytest.mark.parametrize(("key", "options", "kind", "message"), [
    ("decision", {}, UsageError, "the decision is recorded with 'cspr decide 2026-child-a local|national|none [--on DATE]'"),
    ("notification", {"amend": True, "on": None}, UsageError,
     "--amend changes a record already made: give --on DATE, --note TEXT, or both"),
    ("notification", {"occurrence": D(2026, 5, 20)}, UsageError,
     "--occurrence names one occurrence of a recurring stage, and notification is not one"),
    ("withheld-reasons-sent", {}, StateError, "withheld-reasons-sent applies only when 2026-child-a is withheld"),
    ("sos-ofsted-notified", {}, StateError, "sos-ofsted-notified applies only when 2026-child-a is looked-after"),
])
def test_a_completion_is_refused_saying_why(key, options, kind, message):
    assert refused(kind, document(), key, **options) == message


def test_a_stage_for_withheld_reviews_is_completed_once_withheld_and_publication_no_longer_is():
    doc = document(withheld={"on": D(2026, 6, 1), "reason": "to protect a sibling", "by": BY})
    assert complete(doc, "withheld-reasons-sent", on=D(2026, 6, 2)) == "withheld-reasons-sent completed on Tue 2 Jun 2026"
    assert refused(StateError, doc, "published") == "published applies only when 2026-child-a is not withheld"


def test_a_stage_marked_not_needed_is_taken_back_before_it_is_completed():
    doc = document(stages={"panel-response": {"skipped": D(2026, 5, 1), "reason": "Panel review", "by": BY}})
    assert refused(StateError, doc, "panel-response") == (
        "panel-response was marked not needed on 2026-05-01; take that back first with "
        "'cspr uncomplete 2026-child-a panel-response --reason TEXT'")


# -- a recurring check's occurrences -------------------------------------------------------------

WAITING = (D(2026, 6, 20), D(2026, 7, 20))


def test_a_second_occurrence_recorded_the_same_day_must_be_named():
    doc = document()  # written by hand: no block for the check yet
    assert complete(doc, "progress-check", on=D(2026, 8, 3), outstanding=(D(2026, 5, 20), *WAITING)) == (
        "progress-check (due Wed 20 May 2026) recorded on Mon 3 Aug 2026")
    assert refused(StateError, doc, "progress-check", on=D(2026, 8, 3), outstanding=WAITING) == (
        "progress-check was already recorded on 2026-08-03 (answering 2026-05-20); to change that record use "
        "'cspr complete 2026-child-a progress-check --amend', or to record another missed occurrence on the same "
        "day name it with --occurrence DATE")
    assert refused(UsageError, doc, "progress-check", on=D(2026, 8, 3), outstanding=WAITING,
                   occurrence=D(2026, 5, 20)) == (
        "--occurrence 2026-05-20 is not an occurrence of progress-check waiting to be recorded "
        "(waiting: 2026-06-20, 2026-07-20)")
    assert complete(doc, "progress-check", on=D(2026, 8, 3), outstanding=WAITING, occurrence=D(2026, 7, 20)) == (
        "progress-check (due Mon 20 Jul 2026) recorded on Mon 3 Aug 2026")
    assert [(o.due, o.done) for o in parse_review(doc).occurrences["progress-check"]] == [
        (D(2026, 5, 20), D(2026, 8, 3)), (D(2026, 7, 20), D(2026, 8, 3))]


# -- amending ------------------------------------------------------------------------------------

def test_an_amended_completion_or_confirmation_changes_what_is_given_and_says_so():
    doc = document(stages={"notification": {"done": D(2026, 4, 7), "by": BY},
                           "agency-responses": {"agencies": {"Police": {"done": D(2026, 6, 1), "by": BY}}}})
    assert complete(doc, "notification", on=None, note="Form sent", amend=True) == (
        "notification amended (note: Form sent)")
    assert complete(doc, "agency-responses", agency="police", on=D(2026, 6, 2), note="By email", amend=True) == (
        "agency-responses confirmation by Police amended (done on Tue 2 Jun 2026; note: By email)")
    assert doc["stages"] == {"notification": {"done": D(2026, 4, 7), "by": BY, "note": "Form sent"},
                             "agency-responses": {"agencies": {"Police": {"done": D(2026, 6, 2), "by": BY,
                                                                          "note": "By email"}}}}
