"""Facts recorded or corrected with `cspr set` (the pseudonym, the dates, the lead reviewer, the
publication address, a looked-after child): what each stores, the summary that becomes the
commit message, and each refusal, message and all. Pure: documents in memory."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from cspr.cli.output import error_text  # the message as the officer reads it
from cspr.errors import UsageError
from cspr.model.review import parse_review
from cspr.record import stages as recording

D = dt.date
TODAY = D(2026, 9, 1)
BY = "Officer One"


def document(**fields) -> dict:
    return {"id": "2026-child-a", "child": "Child A", "aware": D(2026, 4, 1), **fields}


def set_field(doc, field, value, reason=None):
    return recording.set_field(parse_review(doc), doc, field, value, today=TODAY, reason=reason)


def refused(doc, field, value, reason=None) -> str:
    before = copy.deepcopy(doc)
    with pytest.raises(UsageError) as caught:
        set_field(doc, field, value, reason)
    assert doc == before
    return error_text(caught.value)


def test_whether_the_child_is_looked_after_is_yes_or_no_in_any_case():
    doc = document()
    assert set_field(doc, "looked-after", " YES ") == "looked-after set to yes"
    assert doc["looked_after"] is True and parse_review(doc).looked_after
    assert set_field(doc, "looked-after", "No") == "looked-after changed from yes to no"
    assert doc["looked_after"] is False
    assert set_field(doc, "looked-after", "no") == "looked-after set to no"
    assert set_field(doc, "looked-after", "yes") == "looked-after changed from no to yes"
    assert refused(doc, "looked-after", "maybe") == "VALUE for looked-after is yes or no, not 'maybe'"
    assert refused(doc, "looked-after", "true") == "VALUE for looked-after is yes or no, not 'true'"


def test_a_changed_fact_is_said_back_with_what_it_was_and_why():
    doc = document(lead_reviewer="Reviewer One", incident=D(2026, 3, 2))
    assert set_field(doc, "lead-reviewer", "Reviewer  Two", reason=" first one\nleft ") == (
        "lead-reviewer changed from Reviewer One to Reviewer Two: first one left")
    assert set_field(doc, "lead-reviewer", "Reviewer Two", reason="checked") == "lead-reviewer set to Reviewer Two: checked"
    assert set_field(doc, "incident", "03/03/2026") == "incident changed from Mon 2 Mar 2026 to Tue 3 Mar 2026"
    assert set_field(doc, "aware", "2026-03-31") == "aware changed from Wed 1 Apr 2026 to Tue 31 Mar 2026"
    assert set_field(doc, "pseudonym", "Child  B") == "pseudonym changed from Child A to Child B"
    assert (doc["lead_reviewer"], doc["incident"], doc["aware"], doc["child"]) == (
        "Reviewer Two", D(2026, 3, 3), D(2026, 3, 31), "Child B")


def test_an_empty_reason_is_refused_before_anything_changes():
    doc = document(lead_reviewer="Reviewer One")
    assert refused(doc, "lead-reviewer", "Reviewer Two", reason="  ") == (
        "--reason is empty; say why, in words (it goes into the audit trail)")


def test_a_publication_address_must_be_a_web_address():
    doc = document()
    assert set_field(doc, "publication-address", "https://example.org/reports/child-a") == (
        "publication-address set to https://example.org/reports/child-a")
    assert refused(doc, "publication-address", "example.org/reports") == (
        "VALUE 'example.org/reports' is not a web address; give the published report's address starting "
        "https:// (or http://)")
    long = "www." + "x" * 100 + ".org"
    assert refused(doc, "publication-address", long) == (
        f"VALUE {long[:80]!r} is not a web address; give the published report's address starting https:// (or http://)")
    assert set_field(doc, "lead-reviewer", "example.org") == "lead-reviewer set to example.org"  # only the address


@pytest.mark.parametrize(("field", "value", "message"), [
    ("aware", "2026-09-02", "VALUE 2026-09-02 is in the future; aware is a date that has happened"),
    ("incident", "02/09/2026", "VALUE 2026-09-02 is in the future; incident is a date that has happened"),
    ("aware", "2026-03-01", "aware 2026-03-01 is before the incident (2026-03-02); check the date"),
])
def test_a_date_that_has_not_happened_or_is_out_of_order_is_refused(field, value, message):
    assert refused(document(incident=D(2026, 3, 2)), field, value) == message


def test_the_review_may_become_known_on_the_day_of_the_incident_or_any_day_without_one():
    doc = document(incident=D(2026, 3, 2))
    assert set_field(doc, "aware", "2026-03-02") == "aware changed from Wed 1 Apr 2026 to Mon 2 Mar 2026"
    doc = document()
    assert set_field(doc, "aware", "2025-01-01") == "aware changed from Wed 1 Apr 2026 to Wed 1 Jan 2025"


DECIDED = {"decision": {"track": "local", "on": D(2026, 4, 20), "by": BY}}
RECORDED = {  # each kind of record that says something happened, one at a time
    "a completion": {"stages": {"notification": {"done": D(2026, 4, 7), "by": BY}}},
    "an agency's confirmation": {**DECIDED, "agencies": ["Police"],
                                 "stages": {"agency-responses": {"agencies": {"Police": {"done": D(2026, 4, 7)}}}}},
    "an occurrence": {**DECIDED, "stages": {"progress-check": {"occurrences": [
        {"due": D(2026, 4, 7), "done": D(2026, 4, 7), "by": BY}]}}},
    "the decision": {"decision": {"track": "local", "on": D(2026, 4, 7), "by": BY}},
    "a hold": {"holds": [{"reason": "Trial", "from": D(2026, 4, 7), "to": None, "by": BY}]},
}
NAMED = {"a completion": "notification", "an agency's confirmation": "agency-responses",
         "an occurrence": "progress-check", "the decision": "decision", "a hold": "hold (Trial)"}


@pytest.mark.parametrize("kind", list(RECORDED))
def test_awareness_cannot_move_after_anything_recorded_as_having_happened(kind):
    doc = document(**copy.deepcopy(RECORDED[kind]))
    assert refused(doc, "aware", "2026-04-08") == (
        f"aware 2026-04-08 is after {NAMED[kind]} was recorded (2026-04-07); check the date, "
        "or correct that record first")
    assert set_field(doc, "aware", "2026-04-07") == "aware changed from Wed 1 Apr 2026 to Tue 7 Apr 2026"


def test_the_earliest_record_after_the_new_date_is_the_one_named():
    doc = document(
        agencies=["Police"], decision={"track": "local", "on": D(2026, 4, 20), "by": BY},
        stages={"notification": {"done": D(2026, 4, 3), "by": BY},
                "agency-responses": {"agencies": {"Police": {"done": D(2026, 4, 4)}}},
                "progress-check": {"occurrences": [{"due": D(2026, 4, 5), "done": D(2026, 4, 5), "by": BY}]}},
        holds=[{"reason": "Trial", "from": D(2026, 4, 6), "to": None, "by": BY}])
    assert refused(doc, "aware", "2026-05-01") == (
        "aware 2026-05-01 is after notification was recorded (2026-04-03); check the date, or correct that record first")
    doc["stages"]["notification"] = {"done": None}
    assert refused(doc, "aware", "2026-05-01").startswith("aware 2026-05-01 is after agency-responses was recorded")
    doc["stages"]["agency-responses"] = {"agencies": {"Police": {"done": None}}}
    assert refused(doc, "aware", "2026-05-01").startswith("aware 2026-05-01 is after progress-check was recorded")
    doc["stages"]["progress-check"] = {"occurrences": []}
    assert refused(doc, "aware", "2026-05-01").startswith("aware 2026-05-01 is after hold (Trial) was recorded")
