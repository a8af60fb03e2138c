"""The yearly figures as a Listing: a two-column table, tidy CSV rows, and a JSON document."""

from __future__ import annotations

from typing import Any

from cspr.model.dates import iso, long_date
from cspr.present.listing import Column, Listing
from cspr.reports.stats import NOTIFICATION, PUBLISHED, RAPID_REVIEW, Stats

CSV_FIELDS = ["figure", "key", "value", "of"]


def _share(part: int, whole: int) -> str:
    if not whole:
        return "0"
    return f"{part} of {whole} ({round(100 * part / whole)}%)"


def _days(value: float | int | None) -> str:
    if value is None:
        return "-"
    shown = f"{value:g}"
    return f"{shown} day{'s' if value != 1 else ''}"


def stats_payload(stats: Stats) -> dict[str, Any]:
    """The JSON document (documented in docs/: keep it stable)."""
    period = stats.period
    return {
        "from": iso(period.start),
        "to": iso(period.end),
        "financial_year": period.year,
        "as_at": iso(stats.as_at),
        "notifications": {
            "count": stats.notified.count, "on_time": stats.notified.on_time,
            "rule": stats.rules.get(NOTIFICATION),
            "reviews": list(stats.notified.reviews), "late": list(stats.notified.late),
        },
        "rapid_reviews": {
            "count": stats.rapid_reviews.count, "on_time": stats.rapid_reviews.on_time,
            "rule": stats.rules.get(RAPID_REVIEW),
            "reviews": list(stats.rapid_reviews.reviews), "late": list(stats.rapid_reviews.late),
        },
        "decisions": {track: len(ids) for track, ids in stats.decisions.items()},
        "decided_reviews": {track: list(ids) for track, ids in stats.decisions.items()},
        "published": {
            "count": len(stats.publications),
            "median_days": stats.median_days,
            "longest_days": stats.longest_days,
            "rule": stats.rules.get(PUBLISHED),
            "within_deadline": stats.within_deadline,
            "on_time_with_holds": stats.on_time_with_holds,
            "delayed_by_proceedings": len(stats.delayed),
            "days_on_hold": sum(p.days_on_hold for p in stats.delayed),
            "reviews": [
                {
                    "review": p.review,
                    "decided": iso(p.decided),
                    "published": iso(p.published),
                    "days": p.days,
                    "deadline": iso(p.deadline),
                    "within_deadline": p.within_deadline,
                    "deadline_with_holds": iso(p.deadline_with_holds),
                    "on_time_with_holds": p.on_time_with_holds,
                    "days_on_hold": p.days_on_hold,
                    "hold_reasons": list(p.hold_reasons),
                }
                for p in stats.publications
            ],
        },
        "briefings_circulated": {"count": len(stats.briefings), "reviews": list(stats.briefings)},
        "actions": {
            "completed": sum(a.completed for a in stats.actions),
            "open": sum(a.open for a in stats.actions),
            "overdue": sum(a.overdue for a in stats.actions),
            "by_agency": [
                {"agency": a.agency, "completed": a.completed, "open": a.open, "overdue": a.overdue}
                for a in stats.actions
            ],
        },
        "themes": [{"theme": theme, "reviews": count} for theme, count in stats.themes],
    }


def stats_records(stats: Stats) -> list[dict[str, Any]]:
    """One row per figure (or per track, agency or theme): tidy data for a spreadsheet."""
    rows: list[dict[str, Any]] = []

    def add(figure: str, value: Any, key: str | None = None, of: int | None = None) -> None:
        rows.append({"figure": figure, "key": key, "value": value, "of": of})

    add("notifications", stats.notified.count)
    add("notifications_on_time", stats.notified.on_time, of=stats.notified.count)
    add("rapid_reviews", stats.rapid_reviews.count)
    add("rapid_reviews_on_time", stats.rapid_reviews.on_time, of=stats.rapid_reviews.count)
    for track, ids in stats.decisions.items():
        add("decisions", len(ids), key=track)
    published = len(stats.publications)
    add("published", published)
    add("published_median_days", stats.median_days)
    add("published_longest_days", stats.longest_days)
    add("published_within_deadline", stats.within_deadline, of=published)
    add("published_on_time_with_holds", stats.on_time_with_holds, of=published)
    add("published_delayed_by_proceedings", len(stats.delayed), of=published)
    for p in stats.delayed:
        add("days_on_hold", p.days_on_hold, key=p.review)
    add("briefings_circulated", len(stats.briefings))
    for agency in stats.actions:
        add("actions_completed", agency.completed, key=agency.agency)
        add("actions_open", agency.open, key=agency.agency)
        add("actions_overdue", agency.overdue, key=agency.agency)
    for theme, count in stats.themes:
        add("theme", count, key=theme)
    return rows


def stats_listing(stats: Stats) -> Listing:
    period = stats.period
    published = stats.publications
    rules = stats.rules
    rule = rules.get(PUBLISHED, "the publication deadline")
    rows: list[tuple[str, str]] = [
        ("Serious incidents notified", str(stats.notified.count)),
        (f"  on time ({rules.get(NOTIFICATION, 'no deadline')})",
         _share(stats.notified.on_time, stats.notified.count)),
        ("Rapid reviews completed", str(stats.rapid_reviews.count)),
        (f"  on time ({rules.get(RAPID_REVIEW, 'no deadline')})",
         _share(stats.rapid_reviews.on_time, stats.rapid_reviews.count)),
    ]
    for track, ids in stats.decisions.items():
        rows.append((f"Decisions: {track}", str(len(ids))))
    rows += [
        ("Local reviews published", str(len(published))),
        ("  median, decision to publication", _days(stats.median_days)),
        ("  longest, decision to publication", _days(stats.longest_days)),
        (f"  within {rule}", _share(stats.within_deadline, len(published))),
        ("  on time once holds are allowed for", _share(stats.on_time_with_holds, len(published))),
        ("  delayed by parallel proceedings", _share(len(stats.delayed), len(published))),
    ]
    for p in stats.delayed:
        rows.append((f"    {p.review}", f"{_days(p.days_on_hold)} on hold"))
    rows.append(("7-minute briefings circulated", str(len(stats.briefings))))
    if stats.actions:
        for agency in stats.actions:
            rows.append((
                f"Actions: {agency.agency}",
                f"{agency.completed} completed, {agency.open} open, {agency.overdue} overdue",
            ))
    else:
        rows.append(("Actions", "none"))
    if stats.themes:
        rows.append(("Most frequent themes (reviews notified)", "reviews"))
        rows.extend((f"  {theme}", str(count)) for theme, count in stats.themes)
    else:
        rows.append(("Themes (reviews notified)", "none recorded"))
    title = f"CSPR figures, {long_date(period.start)} to {long_date(period.end)}"
    if period.year is not None:
        title += f" ({period.name})"
    summary = f"Open and overdue actions as at {long_date(stats.as_at)}."
    return Listing(
        columns=[Column("figure", "Figure", min_width=30), Column("value", "Value", "right", min_width=20)],
        rows=[{"figure": figure, "value": value} for figure, value in rows],
        records=stats_records(stats),
        record_fields=CSV_FIELDS,
        payload=stats_payload(stats),
        title=title,
        summary=summary,
        name=f"Figures for {long_date(period.start)} to {long_date(period.end)}",
        as_of=stats.as_at,
    )
