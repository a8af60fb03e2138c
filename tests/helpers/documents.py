"""A review's YAML document, as the pure recording tests start from: Child A, known about on
1 April 2026, decided local on 20 April by Officer One; each test adds the fields it is about."""

from __future__ import annotations

import datetime as dt

OFFICER_ONE = "Officer One"


def decided_review(**fields) -> dict:
    return {"id": "2026-child-a", "child": "Child A", "aware": dt.date(2026, 4, 1),
            "decision": {"track": "local", "on": dt.date(2026, 4, 20), "by": OFFICER_ONE}, **fields}
