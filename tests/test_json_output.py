"""`--format json` writes exactly the text of json.dumps(indent=2), however it is built."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from cspr.output import _json_default, to_json

SCALARS = st.one_of(
    st.text(), st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
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


def reference(payload) -> str:
    return json.dumps(payload, indent=2, ensure_ascii=False, default=_json_default) + "\n"


@settings(max_examples=600, deadline=None)
@given(VALUES)
def test_the_same_text_as_json_dumps(payload):
    assert to_json(payload) == reference(payload)


def test_a_report_shaped_payload():
    payload = {"as_of": dt.date(2026, 6, 1), "within": 14, "items": [
        {"review": "2026-child-a", "child": "Child \u00c9", "due": "2026-05-01", "days_overdue": 31,
         "agency": None, "tags": [], "extra": {}, "flag": True, "ratio": 0.5},
    ]}
    assert to_json(payload) == reference(payload)


def test_subclasses_are_left_to_json():
    class Text(str):
        pass

    payload = {"a": Text("x"), "b": [1, 2.5]}
    assert to_json(payload) == reference(payload)
