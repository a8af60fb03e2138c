"""Actions and their RAG rating as a Listing: the table officers read and the JSON/CSV scripts read."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cspr.model.actions import ActionState
from cspr.model.dates import long_date
from cspr.model.statuses import Rag
from cspr.present.listing import KEEP, Column, Listing

FIELDS = [
    "review", "child", "recommendation", "action", "agency", "text", "due", "status",
    "last_update", "last_note", "rag", "reason", "days_overdue", "assurance_point",
]


def action_record(state: ActionState) -> dict[str, Any]:
    action, last = state.action, state.action.last_update
    return {
        "review": state.review,
        "child": state.child,
        "recommendation": state.recommendation.key,
        "recommendation_text": state.recommendation.text,
        "action": action.key,
        "agency": action.agency,
        "text": action.text,
        "due": action.due,
        "status": action.status,
        "last_update": last.on if last else None,
        "last_note": last.note if last else None,
        "rag": state.rag,
        "reason": state.reason,
        "days_overdue": state.days_overdue,
        "assurance_point": state.assurance_point,
        "updates": [
            {"on": u.on, "status": u.status, "note": u.note, "by": u.by} for u in action.updates
        ],
        "original_due": action.original_due,
        "changes": [
            {"on": c.on, "by": c.by, "reason": c.reason, "due": c.due, "agency": c.agency, "text": c.text}
            for c in action.changes
        ],
    }


def summary_line(states: list[ActionState]) -> str:
    if not states:
        return "No actions recorded."
    counts = {rag: sum(1 for s in states if s.rag == rag) for rag in (Rag.RED, Rag.AMBER, Rag.GREEN)}
    reviews = len({s.review for s in states})
    return (
        f"{counts[Rag.RED]} red, {counts[Rag.AMBER]} amber, {counts[Rag.GREEN]} green: "
        f"{len(states)} action{'s' if len(states) != 1 else ''} in {reviews} review{'s' if reviews != 1 else ''}."
    )


def actions_listing(states: list[ActionState], as_of: dt.date, within: int, *, table: bool = True,
                    records: bool = True) -> Listing:
    """The actions; `table=False` leaves out the table cells (JSON, CSV and xlsx do not use
    them), `records=False` the records (a table does not use them): over 10,000 reviews there
    are 21,000 actions, each record with its history."""
    rows, styles = [], []
    for state in states if table else ():
        action, last = state.action, state.action.last_update
        rows.append({
            "review": state.review,
            "action": action.key,
            "agency": action.agency,
            "text": action.text,
            "due": long_date(action.due),
            "status": action.status,
            "last": long_date(last.on) if last else "",
            "rag": state.rag.upper(),
            "reason": state.reason,
        })
        styles.append({Rag.RED: "red", Rag.AMBER: "yellow", Rag.GREEN: "green"}[state.rag])
    columns = [
        Column("review", "Review", fit=KEEP), Column("action", "Action", fit=KEEP),
        Column("agency", "Agency", priority=2), Column("text", "What", priority=2, min_width=14),
        Column("due", "Due", fit=KEEP), Column("status", "Status", fit=KEEP, priority=3),
        Column("last", "Last update", fit=KEEP, priority=4), Column("rag", "RAG", fit=KEEP),
        Column("reason", "Why", priority=2, min_width=14),
    ]
    found = [action_record(state) for state in states] if records else []
    return Listing(
        columns, rows, found, FIELDS,
        payload={"as_of": as_of.isoformat(), "within": within, "actions": found},
        styles=styles, summary=summary_line(states), title=f"Actions as of {long_date(as_of)}",
        status="rag", name="Actions", as_of=as_of,
    )
