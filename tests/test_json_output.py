"""`--format json`: the same data json.dumps writes, with each record of a list on its own line."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from cspr.output import _json_default, to_json

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
