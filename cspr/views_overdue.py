"""The overdue report as a Listing: the table officers read and the JSON/CSV scripts read."""

from __future__ import annotations

import datetime as dt

from cspr.dates import long_date
from cspr.output import Column, Listing
from cspr.overdue import DUE_SOON, FIELDS, HELD, OVERDUE_STATUS, Item


def _when(item: Item) -> str:
    if item.status == HELD:
        return f"on hold: {item.reason}" if item.reason else "on hold"
    days = item.days_overdue or 0
    if days > 0:
        return f"{days} day{'s' if days != 1 else ''} overdue"
    if days == 0:
        return "due today"
    return f"{-days} day{'s' if days != -1 else ''} left"


def summary_line(items: list[Item], within: int, open_reviews: int) -> str:
    overdue = sum(1 for i in items if i.status == OVERDUE_STATUS)
    soon = sum(1 for i in items if i.status == DUE_SOON)
    held = sum(1 for i in items if i.status == HELD)
    reviews = f"{open_reviews} open review{'s' if open_reviews != 1 else ''}"
    if not items:
        return f"Nothing overdue or due in the next {within} days across {reviews}."
    text = f"{overdue} overdue, {soon} due in the next {within} days across {reviews}"
    if held:
        text += f"; {held} on hold"
    return text + "."


def overdue_listing(items: list[Item], as_of: dt.date, within: int, open_reviews: int,
                    *, table: bool = True) -> Listing:
    """The report; `table=False` leaves out the table cells (JSON and CSV do not use them)."""
    rows, styles = [], []
    for item in items if table else ():
        stage = item.stage + (f" ({item.agency})" if item.agency else "")
        rows.append({
            "review": item.review,
            "child": item.child,
            "stage": stage,
            "title": item.title,
            "owner": item.agency or item.owner,
            "due": long_date(item.due) if item.due else "",
            "when": _when(item),
        })
        styles.append({OVERDUE_STATUS: "bold red", DUE_SOON: None, HELD: "dim"}[item.status])
    columns = [
        Column("review", "Review"), Column("child", "Child"), Column("stage", "Stage"),
        Column("title", "What"), Column("owner", "Owner"), Column("due", "Due"),
        Column("when", "Overdue / left"),
    ]
    records = [item.record() for item in items]
    return Listing(
        columns, rows, records, FIELDS,
        payload={"as_of": as_of.isoformat(), "within": within, "items": records},
        styles=styles, summary=summary_line(items, within, open_reviews),
        title=f"Deadlines as of {long_date(as_of)}",
    )
