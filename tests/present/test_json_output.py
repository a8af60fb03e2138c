"""`--format json`: the same data json.dumps writes, with each record of a list on its own line."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from cspr.present.listing import _json_default, to_json

SCALARS = st.one_of(
    st.text(), st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
    st.dates(), st.datetimes(),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(st.text(max_size=5), inner, max_size=4),
        st.dictionaries(st.one_of(st.integers(), st.booleans(), st.none()), inner, max_size=2),
    ),
    max_leaves=25,
)


def reference(payload):
    return json.loads(json.dumps(payload, ensure_ascii=False, default=_json_default))


@settings(max_examples=600, deadline=None)
@given(VALUES)
def test_the_same_data_as_json_dumps(payload):
    text = to_json(payload)
    assert text.endswith("\n")
    assert json.loads(text) == reference(payload)


def test_a_report_has_one_item_per_line():
    payload = {"as_of": dt.date(2026, 6, 1), "within": 14, "items": [
        {"review": "2026-child-a", "child": "Child \u00c9", "due": "2026-05-01", "days_overdue": 31,
         "agency": None, "flag": True},
        {"review": "2026-child-b", "child": "Child B", "due": dt.date(2026, 5, 2), "days_overdue": -1,
         "agency": "Police", "flag": False},
    ]}
    assert to_json(payload) == (
        '{\n'
        '  "as_of": "2026-06-01",\n'
        '  "within": 14,\n'
        '  "items": [\n'
        '    {"review": "2026-child-a", "child": "Child \u00c9", "due": "2026-05-01", "days_overdue": 31, '
        '"agency": null, "flag": true},\n'
        '    {"review": "2026-child-b", "child": "Child B", "due": "2026-05-02", "days_overdue": -1, '
        '"agency": "Police", "flag": false}\n'
        '  ]\n'
        '}\n'
    )
    assert to_json({"items": []}) == '{\n  "items": []\n}\n'


ITEMS = st.builds(
    __import__("cspr.reports.overdue", fromlist=["Item"]).Item,
    review=st.text(), child=st.text(), stage=st.text(), title=st.text(), owner=st.text(),
    agency=st.none() | st.text(), due=st.none() | st.dates(),
    status=st.sampled_from(["overdue", "due-soon", "on-hold"]),
    days_overdue=st.none() | st.integers(-10**6, 10**6), reason=st.none() | st.text(),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(ITEMS, max_size=5), st.dates(), st.integers(0, 400))
def test_records_kept_as_tuples_are_written_as_the_same_dicts_would_be(items, as_of, within):
    from cspr.present.overdue import overdue_listing

    listing = overdue_listing(items, as_of, within, 1, table=False)
    as_dicts = {**listing.payload, "items": [item.record() for item in items]}
    assert to_json(listing.payload) == to_json(as_dicts)
    from cspr.present.listing import to_csv
    from cspr.reports.overdue import FIELDS

    assert to_csv(listing.records, FIELDS) == to_csv([item.record() for item in items], FIELDS)


REPEATED = st.sampled_from(
    [1, True, 1.0, 0, False, "1", "true", None, dt.date(2026, 6, 1), "2026-06-01", "overdue", ""])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(REPEATED, REPEATED, st.one_of(st.text(max_size=3), REPEATED)), max_size=40))
def test_records_with_values_many_times_over_are_written_as_the_same_dicts_would_be(values):
    """A column of few values is written a value at a time: 1, True and 1.0 are equal keys in
    Python, but never the same JSON."""
    from cspr.model.statuses import ItemStatus
    from cspr.present.listing import Rows

    values = [(ItemStatus.OVERDUE if a == "overdue" else a, b, c) for a, b, c in values]
    rows = Rows(("a", "b", "c"), values)
    assert to_json({"items": rows}) == to_json({"items": list(rows)})
