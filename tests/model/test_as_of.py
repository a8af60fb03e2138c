"""A review as its record stood on a day (`--as-of`): each dated fact kept up to and including
that day, and nothing after it. Pure: the record is tests/data/full-review.yaml, read once."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from cspr.model.as_of import latest_date, review_as_of
from cspr.model.review import ActionUpdate, Completion, Hold, Occurrence, Withholding, parse_review
from cspr.storage.yamlio import load_data
from tests.helpers.workspace import REPO

D = dt.date
FULL = parse_review(load_data(REPO / "tests" / "data" / "full-review.yaml"))


def test_a_review_is_unknown_before_the_local_authority_was_aware():
    assert review_as_of(FULL, D(2024, 1, 7)) is None
    assert review_as_of(FULL, D(2024, 1, 8)) is not None


def test_on_or_after_its_latest_date_the_review_is_the_record_itself():
    assert latest_date(FULL) == D(2025, 1, 10)  # the closure
    assert review_as_of(FULL, D(2025, 1, 10)) is FULL
    assert review_as_of(FULL, D(2025, 1, 9)).closed is None


def test_each_dated_fact_counts_from_its_own_day():
    first = review_as_of(FULL, D(2024, 1, 8))
    assert (first.decision, dict(first.completions), first.holds, first.closed) == (None, {}, (), None)
    assert dict(first.occurrences) == {"progress-check": ()}
    assert dict(first.agency_completions) == {"agency-responses": {}}
    decided = review_as_of(FULL, D(2024, 2, 1))
    assert decided.decision == FULL.decision
    assert review_as_of(FULL, D(2024, 1, 31)).decision is None
    assert dict(decided.completions) == {"notification": Completion(D(2024, 1, 10), "Officer One",
                                                                     "Sent by secure email")}
    checked = review_as_of(FULL, D(2024, 3, 4))
    assert [o.done for o in checked.occurrences["progress-check"]] == [D(2024, 3, 4)]
    assert review_as_of(FULL, D(2024, 3, 3)).occurrences["progress-check"] == ()
    confirmed = review_as_of(FULL, D(2024, 6, 1))
    assert dict(confirmed.agency_completions["agency-responses"]) == {
        "Police": Completion(D(2024, 6, 1), "Officer Two")}
    assert dict(review_as_of(FULL, D(2024, 5, 31)).agency_completions["agency-responses"]) == {}


def test_a_hold_is_kept_from_its_first_day_and_open_until_its_end():
    assert review_as_of(FULL, D(2024, 4, 30)).holds == ()
    assert review_as_of(FULL, D(2024, 5, 1)).holds == (Hold("Criminal trial", D(2024, 5, 1), None),)
    assert review_as_of(FULL, D(2024, 6, 14)).holds == (Hold("Criminal trial", D(2024, 5, 1), None),)
    assert review_as_of(FULL, D(2024, 6, 15)).holds == (Hold("Criminal trial", D(2024, 5, 1), D(2024, 6, 15)),)
    both = review_as_of(FULL, D(2024, 7, 1)).holds
    assert [h.reason for h in both] == ["Criminal trial", "Coroner's inquest"]


def test_an_action_counts_from_its_first_update_and_keeps_the_updates_to_the_day():
    before = review_as_of(FULL, D(2024, 9, 30))
    assert [(r.key, [a.key for a in r.actions]) for r in before.recommendations] == [("R1", ["R1.2"]), ("R2", [])]
    agreed = review_as_of(FULL, D(2024, 10, 1))
    action = agreed.recommendations[0].actions[0]
    assert (action.key, action.updates) == ("R1.1", (ActionUpdate(D(2024, 10, 1), "in-progress",
                                                                  "Specified with the supplier.", "Officer One"),))
    assert [u.status for u in review_as_of(FULL, D(2024, 12, 15)).recommendations[0].actions[0].updates] == [
        "in-progress", "complete"]
    assert review_as_of(FULL, D(2024, 12, 15)).recommendations[0].text == FULL.recommendations[0].text


def test_a_recommendation_whose_actions_were_all_agreed_later_is_left_out():
    later = dataclasses.replace(FULL.recommendations[0], actions=FULL.recommendations[0].actions[:1])
    review = dataclasses.replace(FULL, recommendations=(later, FULL.recommendations[1]))
    assert [r.key for r in review_as_of(review, D(2024, 9, 30)).recommendations] == ["R2"]


@pytest.mark.parametrize(("day", "kept"), [(D(2024, 8, 31), False), (D(2024, 9, 1), True)])
def test_a_withholding_counts_from_its_day(day, kept):
    withheld = dataclasses.replace(FULL, withheld=Withholding(D(2024, 9, 1), "Looked after"))
    assert (review_as_of(withheld, day).withheld is not None) is kept


@pytest.mark.parametrize(("changes", "latest"), [
    ({"closed": None}, D(2024, 12, 15)),  # the last action update
    ({"closed": None, "recommendations": ()}, D(2024, 7, 1)),  # an open hold counts from its start
    ({"closed": None, "recommendations": (), "holds": ()}, D(2024, 6, 1)),  # an agency's confirmation
    ({"closed": None, "recommendations": (), "holds": (), "agency_completions": {}}, D(2024, 4, 2)),
    ({"closed": None, "recommendations": (), "holds": (), "agency_completions": {}, "occurrences": {}},
     D(2024, 2, 1)),  # the decision
    ({"closed": None, "recommendations": (), "holds": (), "agency_completions": {}, "occurrences": {},
      "decision": None}, D(2024, 1, 10)),  # a completion
    ({"closed": None, "recommendations": (), "holds": (), "agency_completions": {}, "occurrences": {},
      "decision": None, "completions": {}}, D(2024, 1, 8)),  # awareness
    ({"withheld": Withholding(D(2025, 2, 1), "Looked after")}, D(2025, 2, 1)),
    ({"holds": (Hold("Trial", D(2025, 1, 1), D(2025, 3, 1)),)}, D(2025, 3, 1)),  # an ended hold, from its end
    ({"occurrences": {"x": (Occurrence(D(2025, 4, 1), D(2025, 4, 2)),)}}, D(2025, 4, 2)),
])
def test_the_latest_date_is_the_latest_of_every_dated_fact(changes, latest):
    assert latest_date(dataclasses.replace(FULL, **changes)) == latest
