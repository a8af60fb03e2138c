"""The audit trail and a sync's report as Listings (table cells, and the documented JSON/CSV)."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from cspr.git.history import HAND_EDIT, RECORD_FIELDS, Entry
from cspr.model.dates import long_date
from cspr.present.listing import KEEP, Column, Listing

if TYPE_CHECKING:
    from cspr.git.sync import SyncReport

_COLUMNS = [
    Column("when", "When", fit=KEEP), Column("officer", "Officer", priority=2),
    Column("review", "Review", fit=KEEP), Column("action", "Action", fit=KEEP),
    Column("summary", "What", min_width=14),
]


def _row(entry: Entry) -> dict[str, Any]:
    return {
        "when": f"{long_date(entry.when.date())} {entry.when:%H:%M}",
        "officer": entry.officer,
        "review": entry.review or "",
        "action": entry.action,
        "summary": entry.summary,
    }


def _style(entry: Entry) -> str | None:
    return "yellow" if entry.action == HAND_EDIT else None


def log_listing(entries: list[Entry]) -> Listing:
    records = [entry.record() for entry in entries]
    hand = sum(1 for e in entries if e.action == HAND_EDIT)
    summary = f"{len(entries)} change{'s' if len(entries) != 1 else ''}"
    if hand:
        summary += f", {hand} of them by hand (not through cspr)"
    return Listing(_COLUMNS, [_row(e) for e in entries], records, RECORD_FIELDS, payload=records,
                   styles=[_style(e) for e in entries], summary=summary, status="action",
                   name="Changes")


def _who_did_what(entries: list[Entry]) -> str:
    """'2026-child-a (Officer Two 2), 2026-child-b (Officer Three)': by review, then officer."""
    counts = Counter((e.review or "workspace", e.officer) for e in entries)
    by_review: dict[str, list[str]] = {}
    for (review, officer), count in counts.items():
        by_review.setdefault(review, []).append(officer if count == 1 else f"{officer} {count}")
    return ", ".join(f"{review} ({', '.join(officers)})" for review, officers in by_review.items())


def sync_summary(report: SyncReport) -> str:
    """One line per direction, naming the reviews and officers."""
    lines = []
    if report.arrived:
        n = len(report.arrived)
        lines.append(f"Arrived from {report.remote}: {n} change{'s' if n != 1 else ''}: {_who_did_what(report.arrived)}")
    if report.sent:
        n = len(report.sent)
        lines.append(f"Sent to {report.remote}: {n} change{'s' if n != 1 else ''}: {_who_did_what(report.sent)}")
    for kept in report.kept:
        clash = kept.clash
        what = f"{clash.review or clash.path}: {', '.join(clash.fields) or clash.kind}"
        lines.append(f"Kept {kept.side} for {what}")
    if not lines:
        lines.append(f"Up to date with {report.remote} ({report.branch}): nothing arrived, nothing to send")
    return "\n".join(lines)


def sync_listing(report: SyncReport) -> Listing:
    """Every change that arrived or was sent, with a direction column; JSON is the whole report."""
    pairs = [("arrived", e) for e in report.arrived] + [("sent", e) for e in report.sent]
    rows = [{"direction": direction, **_row(entry)} for direction, entry in pairs]
    records = [{"direction": direction, **entry.record()} for direction, entry in pairs]
    payload = {
        "remote": report.remote,
        "branch": report.branch,
        "arrived": [e.record() for e in report.arrived],
        "sent": [e.record() for e in report.sent],
        "kept": [
            {"side": k.side, "path": k.clash.path, "review": k.clash.review, "fields": list(k.clash.fields)}
            for k in report.kept
        ],
    }
    return Listing([Column("direction", "Direction", fit=KEEP), *_COLUMNS], rows, records,
                   ["direction", *RECORD_FIELDS], payload=payload, styles=[_style(e) for _, e in pairs],
                   summary=sync_summary(report), status="action", name="Changes")
