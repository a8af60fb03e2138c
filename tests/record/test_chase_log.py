"""The chase log `chases/<YEAR>.yaml`: one entry per message `cspr chase --send` sent, appended
as text so earlier entries and comments stay as they were. Pure."""

from __future__ import annotations

import datetime as dt

from cspr.model.statuses import ItemStatus
from cspr.record.chases import HEADER, appended, log_entry
from cspr.reports.overdue import Item

ITEM = Item("2026-child-a", "Child A", "notification", "Notification", "Local authority", None,
            dt.date(2026, 4, 10), ItemStatus.OVERDUE, 10)


def test_an_entry_says_when_to_whom_and_about_which_items():
    entry = log_entry(dt.datetime(2026, 4, 20, 9, 30, 15, 123456), dt.date(2026, 4, 20), "Local authority",
                      ("la.lead@example.org", "Deputy <d@example.org>"), "Overdue: 1 item", [ITEM])
    assert entry == {
        "sent": "2026-04-20T09:30:15", "as_of": dt.date(2026, 4, 20), "owner": "Local authority",
        "to": ["la.lead@example.org", "Deputy <d@example.org>"], "subject": "Overdue: 1 item",
        "items": [{"review": "2026-child-a", "stage": "notification", "agency": None, "due": dt.date(2026, 4, 10),
                   "status": "overdue", "days_overdue": 10}],
    }
    assert type(entry["items"][0]["status"]) is str


def test_a_new_log_starts_with_its_header_and_an_old_one_is_kept_as_it_was():
    assert appended(None, "- one\n") == HEADER + "- one\n"
    assert appended(" \n", "- one\n") == HEADER + "- one\n"
    assert appended("# mine\n- old\n", "- new\n") == "# mine\n- old\n- new\n"
    assert appended("# mine\n- old", "- new\n") == "# mine\n- old\n- new\n"
    assert HEADER.startswith("# Chase emails sent by 'cspr chase --send'") and HEADER.endswith("('cspr log' shows them).\n")
