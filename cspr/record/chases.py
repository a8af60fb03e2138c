"""The chase log: what `cspr chase --send` sent, when, to whom and about which items. Pure.

`chases/<YEAR>.yaml` is a YAML list with one entry per message sent; new entries are
appended as text, so earlier entries (and any comments) stay exactly as they were.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

HEADER = ("# Chase emails sent by 'cspr chase --send': one entry per message, appended by cspr.\n"
          "# Each change is a commit with the trailer 'Cspr-Action: chase' ('cspr log' shows them).\n")


def log_entry(sent: dt.datetime, as_of: dt.date, owner: str, to: Sequence[str], subject: str,
              items: Sequence[Any]) -> dict[str, Any]:
    """One message sent; `items` are the overdue report's items (review, stage, agency, due...)."""
    return {
        "sent": sent.isoformat(timespec="seconds"),
        "as_of": as_of,
        "owner": owner,
        "to": list(to),
        "subject": subject,
        "items": [
            {"review": i.review, "stage": i.stage, "agency": i.agency, "due": i.due,
             "status": str(i.status), "days_overdue": i.days_overdue}
            for i in items
        ],
    }


def appended(existing: str | None, entries_text: str) -> str:
    """The log's new text: the old text untouched, then the new entries."""
    if existing is None or not existing.strip():
        return HEADER + entries_text
    return existing + ("" if existing.endswith("\n") else "\n") + entries_text
