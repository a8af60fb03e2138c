"""The decision after the rapid review (`cspr decide`, `decide --change`) and the decision not to
publish (`cspr withhold`), applied to the document `cspr new` writes: what each writes, the
summary that becomes the commit message, and each refusal, message and all. Pure."""

from __future__ import annotations

import datetime as dt

import pytest

from cspr.cli.output import error_text  # the message as the officer reads it
from cspr.errors import StateError, UsageError
from cspr.model.review import Decision, parse_review
from cspr.record import stages as recording
from cspr.record.new_review import new_review_text
from cspr.storage.yamlio import dump_document, parse_text
from tests.helpers.domain import PROCESS

D = dt.date
TODAY = D(2026, 9, 1)
BY = "Officer One"
LOCAL = "Local child safeguarding practice review, led by the partnership"
NATIONAL = "National review, carried out by the National Panel with the partnership"


def new_document():
    return parse_text(new_review_text(PROCESS, "2026-child-a", "Child A", D(2026, 4, 1)), "review.yaml")


def review(document):
    return parse_review(document, "2026-child-a")


def decide(document, track, on, *, by=BY, change=False, reason=None):
    return recording.decide(PROCESS, review(document), document, track, on=on, today=TODAY, by=by, change=change,
                            reason=reason)


def refused(kind, document, call) -> str:
    """The message of a change that must be refused; the document must be left as it was."""
    before = dump_document(document)
    with pytest.raises(kind) as caught:
        call()
    assert dump_document(document) == before
    return error_text(caught.value)


def decision_block(document) -> str:
    text = dump_document(document) + "\n"  # the block ends at a blank line or the end of the file
    start = text.index("\ndecision:\n") + 1
    return text[start:text.index("\n\n", start) + 1]


def test_the_first_decision_is_recorded_on_the_day_the_review_became_known_or_later():
    document = new_document()
    assert decide(document, "none", D(2026, 4, 1)) == (
        "decision recorded: none (No review; learning taken forward another way), Wed 1 Apr 2026")
    assert decision_block(document) == (
        "decision:\n  track: none\n  on: 2026-04-01\n  by: Officer One\n")
    assert review(document).decision == Decision("none", D(2026, 4, 1), BY)


@pytest.mark.parametrize(("on", "reason", "message"), [
    (D(2026, 3, 31), None, "--on 2026-03-31 is before 2026-child-a became known (2026-04-01); check the date"),
    (D(2026, 9, 2), None, "--on 2026-09-02 is in the future; a decision can only be recorded once it has happened"),
    (D(2026, 4, 20), "Panel asked", "--reason goes with --change (a decision that replaces an earlier one)"),
])
def test_a_first_decision_is_refused_saying_why(on, reason, message):
    document = new_document()
    assert refused(UsageError, document, lambda: decide(document, "local", on, reason=reason)) == message


def test_a_changed_decision_replaces_the_current_one_and_keeps_it_in_the_history():
    document = new_document()
    decide(document, "local", D(2026, 4, 20))
    assert decide(document, "national", D(2026, 5, 4), by="Officer Two", change=True, reason="  Panel \n asked ") == (
        f"decision changed from local to national ({NATIONAL}), Mon 4 May 2026: Panel asked")
    assert decision_block(document) == (
        "decision:\n  track: national\n  on: 2026-05-04\n  by: Officer Two\n  reason: Panel asked\n"
        "  history:\n    - track: local\n      on: 2026-04-20\n      by: Officer One\n")
    # the same day as the decision it changes is allowed; the reason of the one it replaces is kept
    assert decide(document, "local", D(2026, 5, 4), change=True, reason="Panel agreed after all") == (
        f"decision changed from national to local ({LOCAL}), Mon 4 May 2026: Panel agreed after all")
    assert review(document).decision == Decision("local", D(2026, 5, 4), BY, "Panel agreed after all")
    assert review(document).decision_history == (
        Decision("local", D(2026, 4, 20), BY), Decision("national", D(2026, 5, 4), "Officer Two", "Panel asked"))
    assert list(document["decision"]) == ["track", "on", "by", "reason", "history"]


def test_a_decision_recorded_by_hand_without_who_or_a_history_list_is_changed_all_the_same():
    document = {"id": "2026-child-a", "child": "Child A", "aware": D(2026, 4, 1),
                "decision": {"track": "local", "on": D(2026, 4, 20), "history": None}}
    assert decide(document, "national", D(2026, 5, 4), change=True, reason="Panel asked").startswith(
        "decision changed from local to national")
    assert document["decision"] == {"track": "national", "on": D(2026, 5, 4), "by": BY, "reason": "Panel asked",
                                    "history": [{"track": "local", "on": D(2026, 4, 20)}]}
    assert list(document["decision"])[-1] == "history"


@pytest.mark.parametrize(("track", "on", "reason", "kind", "message"), [
    ("national", D(2026, 5, 4), " ", UsageError, "--reason is empty; say why, in words (it goes into the audit trail)"),
    ("national", D(2026, 5, 4), None, UsageError,
     "--reason is empty; say why, in words (it goes into the audit trail)"),
    ("local", D(2026, 5, 4), "x", StateError, "2026-child-a is already on the local track (decided 2026-04-20)"),
    ("national", D(2026, 4, 19), "x", UsageError,
     "--on 2026-04-19 is before the decision it changes (2026-04-20); a changed decision takes effect from its own date"),
    ("national", D(2026, 9, 2), "x", UsageError,
     "--on 2026-09-02 is in the future; a decision can only be recorded once it has happened"),
    ("regional", D(2026, 5, 4), "x", UsageError, "unknown track 'regional'; choose one of: local, national, none"),
])
def test_a_changed_decision_is_refused_saying_why(track, on, reason, kind, message):
    document = new_document()
    decide(document, "local", D(2026, 4, 20))
    assert refused(kind, document, lambda: decide(document, track, on, change=True, reason=reason)) == message


def test_there_must_be_a_decision_to_change():
    document = new_document()
    assert refused(StateError, document, lambda: decide(document, "national", D(2026, 5, 4), change=True,
                                                        reason="x")) == (
        "2026-child-a has no decision to change; record one with 'cspr decide 2026-child-a national'")


# -- withholding publication --------------------------------------------------------------------

WITHHELD_ON = D(2026, 6, 1)


def withhold(document, reason="to protect a sibling", on=WITHHELD_ON):
    return recording.withhold(PROCESS, review(document), document, reason, on=on, today=TODAY, by=BY)


def test_a_local_review_is_withheld_with_its_reason_in_plain_words():
    document = new_document()
    decide(document, "local", D(2026, 4, 20))
    assert withhold(document, " to protect\n a  sibling ", D(2026, 9, 1)) == (
        "withheld from publication on Tue 1 Sep 2026: to protect a sibling")
    assert dict(document["withheld"]) == {"on": D(2026, 9, 1), "reason": "to protect a sibling", "by": BY}
    withheld = review(document).withheld
    assert (withheld.on, withheld.reason) == (D(2026, 9, 1), "to protect a sibling")


@pytest.mark.parametrize(("track", "message"), [
    (None, "2026-child-a has no publication to withhold on the undecided track; "
           "a local review can be withheld once decided ('cspr decide 2026-child-a local')"),
    ("national", "2026-child-a has no publication to withhold on the national track; "
                 "a local review can be withheld once decided ('cspr decide 2026-child-a local')"),
    ("none", "2026-child-a has no publication to withhold on the none track; "
             "a local review can be withheld once decided ('cspr decide 2026-child-a local')"),
])
def test_only_a_review_with_a_publication_to_come_is_withheld(track, message):
    document = new_document()
    if track:
        decide(document, track, D(2026, 4, 20))
    assert refused(StateError, document, lambda: withhold(document)) == message


@pytest.mark.parametrize(("reason", "on", "kind", "message"), [
    ("  ", D(2026, 6, 1), UsageError,
     "--reason is empty; say why the report is not published (for example 'to protect a sibling')"),
    ("x", D(2026, 9, 2), UsageError,
     "--on 2026-09-02 is in the future; a withholding can only be recorded once it has happened"),
    ("x", D(2026, 3, 31), UsageError, "--on 2026-03-31 is before 2026-child-a became known (2026-04-01); check the date"),
])
def test_a_withholding_is_refused_saying_why(reason, on, kind, message):
    document = new_document()
    decide(document, "local", D(2026, 4, 20))
    assert refused(kind, document, lambda: withhold(document, reason, on)) == message


def test_a_report_is_withheld_once_and_never_after_it_was_published():
    document = new_document()
    decide(document, "local", D(2026, 4, 20))
    withhold(document)
    assert refused(StateError, document, lambda: withhold(document, "again")) == (
        "2026-child-a was already withheld from publication on 2026-06-01 (to protect a sibling)")
    published = new_document()
    decide(published, "local", D(2026, 4, 20))
    recording.complete(PROCESS, review(published), published, "published", on=D(2026, 8, 3), today=TODAY, by=BY)
    assert refused(StateError, published, lambda: withhold(published)) == (
        "2026-child-a was published on 2026-08-03; a published report cannot be withheld")


def test_a_comment_in_a_decision_history_written_by_hand_stays_after_the_history():
    document = parse_text(
        "id: 2026-child-a\nchild: Child A\naware: 2026-04-01\n"
        "decision:\n  history:\n    - track: local\n      on: 2026-04-20\n      # the Panel disagreed\n"
        "  track: national\n  on: 2026-05-04\n  by: Officer One\n", "review.yaml")
    decide(document, "local", D(2026, 6, 1), change=True, reason="Panel agreed")
    assert decision_block(document) == (
        "decision:\n  track: local\n  on: 2026-06-01\n  by: Officer One\n  reason: Panel agreed\n"
        "  history:\n    - track: local\n      on: 2026-04-20\n"
        "    - track: national\n      on: 2026-05-04\n      by: Officer One\n      # the Panel disagreed\n")
