"""The overdue report as a Listing: the table officers read and the JSON/CSV scripts read."""

from __future__ import annotations

import datetime as dt

from cspr.model.dates import day_count, lateness, long_date
from cspr.model.statuses import ItemStatus
from cspr.present.listing import KEEP, Column, Listing, Rows
from cspr.reports.overdue import FIELDS, Item

STATUS_STYLES = {ItemStatus.OVERDUE: "red", ItemStatus.DUE_SOON: "yellow", ItemStatus.ON_HOLD: "dim"}


def when_text(item: Item) -> str:
    if item.status == ItemStatus.ON_HOLD:
        return f"on hold: {item.reason}" if item.reason else "on hold"
    return lateness(item.days_overdue or 0)


def summary_line(items: list[Item], within: int, open_reviews: int) -> str:
    overdue = sum(1 for i in items if i.status == ItemStatus.OVERDUE)
    soon = sum(1 for i in items if i.status == ItemStatus.DUE_SOON)
    held = sum(1 for i in items if i.status == ItemStatus.ON_HOLD)
    reviews = f"{open_reviews} open review{'s' if open_reviews != 1 else ''}"
    soon_words = "due today" if within == 0 else f"due in the next {day_count(within)}"
    if not items:
        return f"Nothing overdue or {soon_words} across {reviews}."
    text = f"{overdue} overdue, {soon} {soon_words} across {reviews}"
    if held:
        text += f"; {held} on hold"
    return text + "."


def overdue_listing(items: list[Item], as_of: dt.date, within: int, open_reviews: int,
                    *, table: bool = True) -> Listing:
    """The report; `table=False` leaves out the table cells (JSON and CSV do not use them)."""
    rows, styles = [], []
    for item in items if table else ():
        # one agency's part of a per-agency stage; an action's agency is already its owner
        per_agency = item.agency and item.agency != item.owner
        stage = item.stage + (f" ({item.agency})" if per_agency else "")
        rows.append({
            "review": item.review,
            "child": item.child,
            "stage": stage,
            "title": item.title,
            "owner": item.agency or item.owner,
            "due": long_date(item.due) if item.due else "",
            "when": when_text(item),
        })
        styles.append(STATUS_STYLES[item.status])
    columns = [
        Column("review", "Review", fit=KEEP), Column("child", "Child", fit=KEEP, priority=3),
        Column("stage", "Stage"), Column("title", "What", priority=2, min_width=14),
        Column("owner", "Owner", priority=2), Column("due", "Due", fit=KEEP),
        Column("when", "Status", min_width=15),
    ]
    records = Rows(FIELDS, items)  # items are NamedTuples in FIELDS order
    return Listing(
        columns, rows, records, FIELDS,
        payload={"as_of": as_of.isoformat(), "within": within, "items": records},
        styles=styles, summary=summary_line(items, within, open_reviews),
        title=f"Deadlines as of {long_date(as_of)}", status="when", name="Deadlines", as_of=as_of,
    )
