"""An action as the review file records it: its updates (progress) and its changes (corrections
of what was agreed), each checked with its key path. Pure."""

from __future__ import annotations

import datetime as dt

import pytest

from cspr.errors import InvalidField
from cspr.model.review import ActionChange, ActionUpdate, Occurrence, parse_review

D = dt.date
PATH = ("recommendations", "R1", "actions", "R1.1")


def review(**action) -> dict:
    return {"id": "2026-child-a", "child": "Child A", "aware": D(2026, 4, 1), "recommendations": {
        "R1": {"text": "Share records.", "actions": {"R1.1": {
            "agency": "Police", "due": D(2027, 1, 31), "text": "Alert on missed appointments", **action}}}}}


def test_updates_and_changes_are_read_in_order_with_every_field():
    (action,) = parse_review(review(
        updates=[{"on": D(2026, 11, 1), "status": "open", "note": "Action agreed", "by": "Officer One"},
                 {"on": D(2026, 12, 1), "status": "in-progress"}],
        changes=[{"on": D(2026, 11, 20), "reason": "Supplier late", "by": "Officer Two", "due": D(2026, 12, 31),
                  "agency": "Health", "text": "Alerts on GP records"},
                 {"on": D(2026, 11, 25)}],
    )).actions
    assert action.updates == (ActionUpdate(D(2026, 11, 1), "open", "Action agreed", "Officer One"),
                              ActionUpdate(D(2026, 12, 1), "in-progress"))
    assert action.changes == (ActionChange(D(2026, 11, 20), "Supplier late", "Officer Two", D(2026, 12, 31), "Health",
                                           "Alerts on GP records"),
                              ActionChange(D(2026, 11, 25)))
    assert (action.key, action.recommendation, action.agency, action.due, action.text) == (
        "R1.1", "R1", "Police", D(2027, 1, 31), "Alert on missed appointments")
    assert action.original_due == D(2026, 12, 31)
    assert parse_review(review(changes=None, updates=None)).actions[0].changes == ()


@pytest.mark.parametrize(("action", "path", "message", "at_key"), [
    ({"changes": {"on": D(2026, 1, 1)}}, ("changes",), "expected a list", False),
    ({"changes": ["moved"]}, ("changes", 0), "expected a mapping of keys to values", False),
    ({"changes": [{"on": D(2026, 1, 1), "why": "x"}]}, ("changes", 0, "why"),
     "unknown key 'why'; expected one of: agency, by, due, on, reason, text", True),
    ({"changes": [{}]}, ("changes", 0, "on"), "expected a date written as 2026-04-01, found nothing", False),
    ({"changes": [{"on": "2026-01-01"}]}, ("changes", 0, "on"),
     "expected a date written as 2026-04-01, found '2026-01-01'", False),
    ({"changes": [{"on": D(2026, 1, 1), "reason": 5}]}, ("changes", 0, "reason"), "expected text, found 5", False),
    ({"changes": [{"on": D(2026, 1, 1), "by": ["a"]}]}, ("changes", 0, "by"), "expected text, found ['a']", False),
    ({"changes": [{"on": D(2026, 1, 1), "due": "soon"}]}, ("changes", 0, "due"),
     "expected a date written as 2026-04-01, found 'soon'", False),
    ({"changes": [{"on": D(2026, 1, 1), "agency": 1}]}, ("changes", 0, "agency"), "expected text, found 1", False),
    ({"changes": [{"on": D(2026, 1, 1), "text": 2}]}, ("changes", 0, "text"), "expected text, found 2", False),
    ({"changes": [{"on": D(2026, 1, 1)}, {"on": D(1900, 1, 1)}]}, ("changes", 1, "on"),
     "1900-01-01 is outside the years cspr works with (1990 to 2100); correct the year", False),
    ({"updates": [{"on": D(2026, 1, 1), "status": "done"}]}, ("updates", 0, "status"),
     "status must be one of not-started, open, in-progress, complete", False),
    ({"updates": [{"on": D(2026, 1, 1)}]}, ("updates", 0, "status"), "expected text, found nothing", False),
    ({"updates": [{"status": "open"}]}, ("updates", 0, "on"),
     "expected a date written as 2026-04-01, found nothing", False),
    ({"updates": [{"on": D(2026, 1, 1), "status": "open", "note": 3}]}, ("updates", 0, "note"),
     "expected text, found 3", False),
    ({"updates": [{"on": D(2026, 1, 1), "status": "open", "by": 3}]}, ("updates", 0, "by"),
     "expected text, found 3", False),
    ({"updates": [{"on": D(2026, 1, 1), "status": "open", "who": 3}]}, ("updates", 0, "who"),
     "unknown key 'who'; expected one of: by, note, on, status", True),
    ({"owner": "x"}, ("owner",), "unknown key 'owner'; expected one of: agency, changes, due, text, updates", True),
])
def test_each_mistake_in_an_action_is_named_with_its_key_path(action, path, message, at_key):
    with pytest.raises(InvalidField) as refused:
        parse_review(review(**action))
    assert (refused.value.path, refused.value.message, refused.value.at_key) == (PATH + path, message, at_key)


def occurrences(*items) -> dict:
    return {"id": "2026-child-a", "child": "Child A", "aware": D(2026, 4, 1),
            "stages": {"progress-check": {"occurrences": list(items)}}}


def test_a_recurring_checks_occurrences_are_read_with_every_field():
    review = parse_review(occurrences({"due": D(2026, 5, 28), "done": D(2026, 6, 2), "by": "Officer One",
                                       "note": "At the subgroup"}, {"due": D(2026, 6, 28), "done": D(2026, 6, 28)}))
    assert review.occurrences["progress-check"] == (
        Occurrence(D(2026, 5, 28), D(2026, 6, 2), "Officer One", "At the subgroup"),
        Occurrence(D(2026, 6, 28), D(2026, 6, 28)))


@pytest.mark.parametrize(("item", "path", "message", "at_key"), [
    ("done", (0,), "expected a mapping of keys to values", False),
    ({"due": D(2026, 5, 28), "done": D(2026, 6, 2), "when": "x"}, (0, "when"),
     "unknown key 'when'; expected one of: by, done, due, note", True),
    ({"done": D(2026, 6, 2)}, (0, "due"), "expected a date written as 2026-04-01, found nothing", False),
    ({"due": D(2026, 5, 28)}, (0, "done"), "expected a date written as 2026-04-01, found nothing", False),
    ({"due": D(2026, 5, 28), "done": D(2026, 6, 2), "by": 3}, (0, "by"), "expected text, found 3", False),
    ({"due": D(2026, 5, 28), "done": D(2026, 6, 2), "note": 3}, (0, "note"), "expected text, found 3", False),
])
def test_each_mistake_in_an_occurrence_is_named_with_its_key_path(item, path, message, at_key):
    with pytest.raises(InvalidField) as refused:
        parse_review(occurrences(item))
    assert (refused.value.path, refused.value.message, refused.value.at_key) == (
        ("stages", "progress-check", "occurrences", *path), message, at_key)
