"""Reading a review file (`reviews/<ID>/review.yaml`): every field read, and every mistake
named with its key path and what was found, exactly as `cspr check` shows it (with the line).
Pure: the file's YAML is given as Python values; tests/data/full-review.yaml uses every field."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cspr.errors import InvalidField
from cspr.model.review import (
    ActionUpdate,
    Closure,
    Completion,
    Decision,
    Hold,
    Occurrence,
    Skip,
    Withholding,
    is_web_address,
    parse_review,
)
from cspr.model.statuses import ActionStatus
from cspr.storage.yamlio import load_data
from tests.helpers.workspace import REPO

D = dt.date
BASE = {"id": "2026-child-a", "child": "Child A", "aware": D(2026, 4, 1)}


def test_every_field_of_the_full_review_is_read():
    review = parse_review(load_data(REPO / "tests" / "data" / "full-review.yaml"), "full-1")
    assert (review.id, review.child, review.aware, review.incident) == ("full-1", "Child F", D(2024, 1, 8), D(2024, 1, 2))
    assert (review.agencies, review.themes, review.lead_reviewer) == (
        ("Police", "Integrated Care Board"), ("neglect",), "Reviewer Nine")
    assert review.publication_address == "https://example.org/reviews/child-f"
    assert review.decision == Decision("local", D(2024, 2, 1), "Officer One")
    assert dict(review.completions) == {"notification": Completion(D(2024, 1, 10), "Officer One", "Sent by secure email")}
    assert dict(review.agency_completions) == {"agency-responses": {"Police": Completion(D(2024, 6, 1), "Officer Two")}}
    assert (dict(review.plans), dict(review.intervals)) == ({"published": D(2024, 9, 30)}, {"assurance": "6m"})
    assert review.holds == (Hold("Criminal trial", D(2024, 5, 1), D(2024, 6, 15)), Hold("Coroner's inquest", D(2024, 7, 1)))
    assert review.closed == Closure(D(2025, 1, 10), "Merged into a thematic review", "Officer Two")
    assert [(r.key, r.text, [a.key for a in r.actions]) for r in review.recommendations] == [
        ("R1", "Share records of missed health appointments.", ["R1.1", "R1.2"]),
        ("R2", "Test recognition of cumulative neglect.", [])]
    assert (review.looked_after, review.withheld, review.decision_history, dict(review.skipped)) == (False, None, (), {})
    assert review.stage_blocks == ("notification", "agency-responses", "progress-check")


def test_a_decision_history_skips_withholding_and_looked_after_are_read():
    review = parse_review({**BASE, "looked_after": "yes", "decision": {
        "track": "national", "on": D(2026, 5, 1), "by": "Officer Two", "reason": "Panel asked",
        "history": [{"track": "local", "on": D(2026, 4, 20), "by": "Officer One"}]},
        "stages": {"tor-agreed": {"skipped": D(2026, 5, 2), "reason": "Panel review", "by": "Officer Two"},
                   "notification": {"done": None}, "final-draft": None},
        "withheld": {"on": D(2026, 6, 1), "reason": "Looked after", "by": "Officer One"},
        "closed": {"on": None}, "plans": {"published": None}, "intervals": {"assurance": None}})
    assert review.decision == Decision("national", D(2026, 5, 1), "Officer Two", "Panel asked")
    assert review.decision_history == (Decision("local", D(2026, 4, 20), "Officer One"),)
    assert dict(review.skipped) == {"tor-agreed": Skip(D(2026, 5, 2), "Panel review", "Officer Two")}
    assert review.withheld == Withholding(D(2026, 6, 1), "Looked after", "Officer One")
    assert (review.looked_after, review.closed, dict(review.completions)) == (True, None, {})
    assert (dict(review.plans), dict(review.intervals)) == ({}, {})
    assert review.stage_blocks == ("tor-agreed", "notification", "final-draft")
    assert parse_review({**BASE, "looked_after": "no"}).looked_after is False
    assert parse_review({**BASE, "looked_after": True}).looked_after is True
    assert parse_review(BASE).decision is None
    assert parse_review({**BASE, "decision": {"on": D(2026, 5, 1), "track": "none"}}).decision.track == "none"


@pytest.mark.parametrize(("changes", "path", "message", "at_key"), [
    ({"colour": "red"}, ("colour",), "unknown key 'colour'; expected one of: agencies, aware, child, closed, decision, "
     "holds, id, incident, intervals, lead_reviewer, looked_after, plans, publication_address, recommendations, stages, "
     "themes, withheld", True),
    ({"id": None}, ("id",), "expected text, found nothing", False),
    ({"id": "../x"}, ("id",), "'../x' is not a usable review ID", False),
    ({"child": " "}, ("child",), "expected text, found ' '", False),
    ({"aware": "2026-04-01"}, ("aware",), "expected a date written as 2026-04-01, found '2026-04-01'", False),
    ({"aware": dt.datetime(2026, 4, 1, 9, 0)}, ("aware",),
     "expected a date written as 2026-04-01, found datetime.datetime(2026, 4, 1, 9, 0)", False),
    ({"aware": D(2101, 1, 1)}, ("aware",),
     "2101-01-01 is outside the years cspr works with (1990 to 2100); correct the year", False),
    ({"incident": "yesterday"}, ("incident",), "expected a date written as 2026-04-01, found 'yesterday'", False),
    ({"agencies": "Police"}, ("agencies",), "expected a list", False),
    ({"agencies": ["Police", 3]}, ("agencies", 1), "expected text, found 3", False),
    ({"themes": ["neglect", None]}, ("themes", 1), "expected text, found nothing", False),
    ({"lead_reviewer": 3}, ("lead_reviewer",), "expected text, found 3", False),
    ({"publication_address": "javascript:alert(1)"}, ("publication_address",),
     "publication_address must be a web address starting https:// (or http://)", False),
    ({"decision": "local"}, ("decision",), "expected a mapping of keys to values", False),
    ({"decision": {"track": "local"}}, ("decision", "on"), "expected a date written as 2026-04-01, found nothing",
     False),
    ({"decision": {"on": D(2026, 5, 1)}}, ("decision", "track"), "expected text, found nothing", False),
    ({"decision": {"track": "local", "on": D(2026, 5, 1), "why": "x"}}, ("decision", "why"),
     "unknown key 'why'; expected one of: by, history, on, reason, track", True),
    ({"decision": {"track": "local", "on": D(2026, 5, 1), "by": 1}}, ("decision", "by"), "expected text, found 1",
     False),
    ({"decision": {"track": "local", "on": D(2026, 5, 1), "reason": 1}}, ("decision", "reason"),
     "expected text, found 1", False),
    ({"decision": {"history": "x"}}, ("decision", "history"), "expected a list", False),
    ({"decision": {"history": ["x"]}}, ("decision", "history", 0), "expected a mapping of keys to values", False),
    ({"decision": {"history": [{"track": "local", "on": D(2026, 5, 1), "history": []}]}},
     ("decision", "history", 0, "history"), "unknown key 'history'; expected one of: by, on, reason, track", True),
    ({"decision": {"history": [{"track": "local"}]}}, ("decision", "history", 0, "on"),
     "expected a date written as 2026-04-01, found nothing", False),
    ({"stages": []}, ("stages",), "expected a mapping of keys to values", False),
    ({"stages": {"notification": "done"}}, ("stages", "notification"), "expected a mapping of keys to values", False),
    ({"stages": {"notification": {"done": D(2026, 4, 2), "who": "x"}}}, ("stages", "notification", "who"),
     "unknown key 'who'; expected one of: by, done, note", True),
    ({"stages": {"notification": {"done": "2 April"}}}, ("stages", "notification", "done"),
     "expected a date written as 2026-04-01, found '2 April'", False),
    ({"stages": {"notification": {"done": D(2026, 4, 2), "by": 1}}}, ("stages", "notification", "by"),
     "expected text, found 1", False),
    ({"stages": {"notification": {"done": D(2026, 4, 2), "note": 1}}}, ("stages", "notification", "note"),
     "expected text, found 1", False),
    ({"stages": {"tor-agreed": {"skipped": D(2026, 5, 2), "reason": "x", "done": D(2026, 5, 2)}}},
     ("stages", "tor-agreed", "done"), "unknown key 'done'; expected one of: by, reason, skipped", True),
    ({"stages": {"tor-agreed": {"skipped": None, "reason": "x"}}}, ("stages", "tor-agreed", "skipped"),
     "expected a date written as 2026-04-01, found nothing", False),
    ({"stages": {"tor-agreed": {"skipped": D(2026, 5, 2)}}}, ("stages", "tor-agreed", "reason"),
     "expected text, found nothing", False),
    ({"stages": {"tor-agreed": {"skipped": D(2026, 5, 2), "reason": "x", "by": 2}}}, ("stages", "tor-agreed", "by"),
     "expected text, found 2", False),
    ({"stages": {"agency-responses": {"agencies": {}, "done": None}}}, ("stages", "agency-responses", "done"),
     "unknown key 'done'; expected one of: agencies", True),
    ({"stages": {"agency-responses": {"agencies": ["Police"]}}}, ("stages", "agency-responses", "agencies"),
     "expected a mapping of keys to values", False),
    ({"stages": {"agency-responses": {"agencies": {"Police": {"done": "x"}}}}},
     ("stages", "agency-responses", "agencies", "Police", "done"), "expected a date written as 2026-04-01, found 'x'",
     False),
    ({"stages": {"progress-check": {"occurrences": [], "done": None}}}, ("stages", "progress-check", "done"),
     "unknown key 'done'; expected one of: occurrences", True),
    ({"plans": ["x"]}, ("plans",), "expected a mapping of keys to values", False),
    ({"plans": {"published": "soon"}}, ("plans", "published"), "expected a date written as 2026-04-01, found 'soon'",
     False),
    ({"intervals": {"assurance": 6}}, ("intervals", "assurance"), "expected text, found 6", False),
    ({"intervals": "6m"}, ("intervals",), "expected a mapping of keys to values", False),
    ({"holds": {"reason": "x"}}, ("holds",), "expected a list", False),
    ({"holds": ["trial"]}, ("holds", 0), "expected a mapping of keys to values", False),
    ({"holds": [{"reason": "x", "from": D(2026, 5, 1), "until": None}]}, ("holds", 0, "until"),
     "unknown key 'until'; expected one of: by, from, reason, resumed_by, to", True),
    ({"holds": [{"reason": "x"}]}, ("holds", 0, "from"), "expected a date written as 2026-04-01, found nothing", False),
    ({"holds": [{"reason": "x", "from": D(2026, 5, 1), "to": "later"}]}, ("holds", 0, "to"),
     "expected a date written as 2026-04-01, found 'later'", False),
    ({"holds": [{"reason": "x", "from": D(2026, 5, 2), "to": D(2026, 5, 1)}]}, ("holds", 0, "to"),
     "a hold cannot end before it starts", False),
    ({"holds": [{"from": D(2026, 5, 1)}]}, ("holds", 0, "reason"), "expected text, found nothing", False),
    ({"closed": "2026-05-01"}, ("closed",), "expected a mapping of keys to values", False),
    ({"closed": {"on": D(2026, 5, 1), "reason": "x", "why": 1}}, ("closed", "why"),
     "unknown key 'why'; expected one of: by, on, reason", True),
    ({"closed": {"on": "x", "reason": "x"}}, ("closed", "on"), "expected a date written as 2026-04-01, found 'x'",
     False),
    ({"closed": {"on": D(2026, 5, 1)}}, ("closed", "reason"), "expected text, found nothing", False),
    ({"closed": {"on": D(2026, 5, 1), "reason": "x", "by": 3}}, ("closed", "by"), "expected text, found 3", False),
    ({"withheld": {"on": D(2026, 5, 1), "reason": 2}}, ("withheld", "reason"), "expected text, found 2", False),
    ({"looked_after": "maybe"}, ("looked_after",), "expected true or false, found 'maybe'", False),
    ({"looked_after": 1}, ("looked_after",), "expected true or false, found 1", False),
    ({"recommendations": ["R1"]}, ("recommendations",), "expected a mapping of keys to values", False),
    ({"recommendations": {"R1": "text"}}, ("recommendations", "R1"), "expected a mapping of keys to values", False),
    ({"recommendations": {"R1": {"text": "x", "owner": 1}}}, ("recommendations", "R1", "owner"),
     "unknown key 'owner'; expected one of: actions, text", True),
    ({"recommendations": {"R1": {"actions": {}}}}, ("recommendations", "R1", "text"), "expected text, found nothing",
     False),
    ({"recommendations": {"R1": {"text": "x", "actions": []}}}, ("recommendations", "R1", "actions"),
     "expected a mapping of keys to values", False),
    ({"recommendations": {"R1": {"text": "x", "actions": {"R1.1": {"agency": "Police", "text": "a"}}}}},
     ("recommendations", "R1", "actions", "R1.1", "due"), "expected a date written as 2026-04-01, found nothing",
     False),
    ({"recommendations": {"R1": {"text": "x", "actions": {"R1.1": {"due": D(2026, 9, 1), "text": "a"}}}}},
     ("recommendations", "R1", "actions", "R1.1", "agency"), "expected text, found nothing", False),
    ({"recommendations": {"R1": {"text": "x", "actions": {"R1.1": {"due": D(2026, 9, 1), "agency": "P"}}}}},
     ("recommendations", "R1", "actions", "R1.1", "text"), "expected text, found nothing", False),
    ({"recommendations": {"R1": {"text": "x", "actions": {"R1.1": "a"}}}},
     ("recommendations", "R1", "actions", "R1.1"), "expected a mapping of keys to values", False),
])
def test_each_mistake_in_a_review_file_is_named_with_its_key_path(changes, path, message, at_key):
    with pytest.raises(InvalidField) as refused:
        parse_review({**BASE, **changes})
    assert (refused.value.path, refused.value.message, refused.value.at_key) == (path, message, at_key)


def test_a_review_file_is_a_mapping_whose_id_matches_its_folder():
    with pytest.raises(InvalidField) as refused:
        parse_review(["id"])
    assert (refused.value.path, refused.value.message) == ((), "a review file is a mapping of fields (id, child, aware, ...)")
    with pytest.raises(InvalidField) as refused:
        parse_review(BASE, "2026-child-b")
    assert (refused.value.path, refused.value.message) == (
        ("id",), "id '2026-child-a' does not match its folder '2026-child-b'")
    assert parse_review(BASE, "2026-child-a").id == "2026-child-a"


@pytest.mark.parametrize(("text", "web"), [("https://example.org/a", True), ("HTTP://example.org", True),
                                           ("https://", False), ("https:///path", False),
                                           ("ftp://example.org", False), ("https://exa mple.org", False)])
def test_a_publication_address_is_an_http_address_with_a_host(text, web):
    assert is_web_address(text) is web


# -- well-formed records are read without a check per field: the same answer either way ------
# Over every kind of value a field may hold, a completion, an occurrence of a recurring stage
# and an action's update are read exactly as these rules say, field by field, or refused with
# the path of the first field that breaks them.
FIELD_VALUES = st.sampled_from([
    None, D(2026, 4, 2), D(1990, 1, 1), D(2100, 12, 31), D(1989, 12, 31), D(2101, 1, 1),
    dt.datetime(2026, 4, 2, 9, 0), "Officer One", "", " ", "2026-04-02", "complete", "in-progress", 3, True,
    ["x"], {"x": 1},
])
FIELD_KEYS = ("done", "due", "by", "note", "on", "status", "who")
_WELL_FORMED = {
    "done": st.dates(D(1990, 1, 1), D(2100, 12, 31)), "due": st.dates(D(1990, 1, 1), D(2100, 12, 31)),
    "on": st.dates(D(1990, 1, 1), D(2100, 12, 31)), "by": st.sampled_from(["Officer One", None]),
    "note": st.sampled_from(["Sent by secure email", None, ""]),
    "status": st.sampled_from([status.value for status in ActionStatus]),
}


def records(keys):
    """A record with these keys, each value well formed three times in four; or any keys at all."""
    well_formed = {key: st.one_of(_WELL_FORMED[key], _WELL_FORMED[key], _WELL_FORMED[key], FIELD_VALUES)
                   for key in keys}
    return st.one_of(st.fixed_dictionaries(well_formed),
                     st.dictionaries(st.sampled_from(FIELD_KEYS), FIELD_VALUES, max_size=5))


def _expected_date(value, required):
    """None when a date field holding `value` is fine, else the start of its message."""
    if value is None:
        return "expected a date" if required else None
    if type(value) is not dt.date:
        return "expected a date"
    return None if D(1990, 1, 1) <= value <= D(2100, 12, 31) else "is outside the years"


def _expected_text(value, required):
    if value is None:
        return "expected text" if required else None
    if not isinstance(value, str) or (required and not value.strip()):
        return "expected text"
    return None


def _first_problem(block, keys, fields):
    """(path within the block, message start) of the first problem, or None."""
    for key in block:
        if key not in keys:
            return key, "unknown key"
    for key, kind, required in fields:
        check = _expected_date if kind == "date" else _expected_text
        problem = check(block.get(key), required)
        if problem:
            return key, problem
    return None


@settings(max_examples=300, deadline=None)
@given(records(("done", "by", "note")))
def test_a_stage_completion_is_read_or_refused_field_by_field(block):
    path = ("stages", "notification")
    problem = _first_problem(block, ("done", "by", "note"), ())
    if problem is None and block.get("done") is not None:
        problem = _first_problem(block, ("done", "by", "note"),
                                 (("done", "date", False), ("by", "text", False), ("note", "text", False)))
    _read_as_expected({"stages": {"notification": block}}, path, problem, lambda review: (
        review.completions.get("notification") == (
            Completion(block["done"], block.get("by"), block.get("note")) if block.get("done") else None)))


@settings(max_examples=300, deadline=None)
@given(records(("due", "done", "by", "note")))
def test_an_occurrence_of_a_recurring_stage_is_read_or_refused_field_by_field(block):
    path = ("stages", "assurance", "occurrences", 0)
    problem = _first_problem(block, ("due", "done", "by", "note"), (
        ("due", "date", True), ("done", "date", True), ("by", "text", False), ("note", "text", False)))
    _read_as_expected({"stages": {"assurance": {"occurrences": [block]}}}, path, problem, lambda review: (
        review.occurrences["assurance"] == (
            Occurrence(block["due"], block["done"], block.get("by"), block.get("note")),)))


@settings(max_examples=300, deadline=None)
@given(records(("on", "status", "note", "by")))
def test_an_update_to_an_action_is_read_or_refused_field_by_field(block):
    path = ("recommendations", "R1", "actions", "R1.1", "updates", 0)
    keys = ("on", "status", "note", "by")
    problem = _first_problem(block, keys, (("status", "text", True),))
    if problem is None and block["status"] not in {status.value for status in ActionStatus}:
        problem = ("status", "status must be one of")
    if problem is None:
        problem = _first_problem(block, keys, (("on", "date", True), ("note", "text", False), ("by", "text", False)))
    action = {"agency": "Police", "due": D(2026, 9, 1), "text": "Share records", "updates": [block]}
    _read_as_expected({"recommendations": {"R1": {"text": "x", "actions": {"R1.1": action}}}}, path, problem,
                      lambda review: review.actions[0].updates == (
                          ActionUpdate(block["on"], block["status"], block.get("note"), block.get("by")),))


def _read_as_expected(changes, path, problem, read_right):
    if problem is None:
        assert read_right(parse_review({**BASE, **changes}))
        return
    with pytest.raises(InvalidField) as refused:
        parse_review({**BASE, **changes})
    key, message = problem
    assert refused.value.path == (*path, key)
    assert message in refused.value.message
