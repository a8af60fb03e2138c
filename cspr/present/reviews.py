"""Reviews and their stages as Listings (table cells, and the documented JSON/CSV records)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from cspr.model.dates import decided_phrase, iso, lateness, long_date
from cspr.model.statuses import ReviewStatus, StageStatus
from cspr.present.listing import KEEP, Column, Listing
from cspr.reports.index import ReviewIndex, next_stage, overdue_count

if TYPE_CHECKING:  # the list of reviews needs no deadline engine
    from cspr.model.deadlines import ReviewSchedule, StageState

STATE_WORDS = {status: status.value.replace("-", " ") for status in StageStatus}  # "on hold"
STATE_WORDS[StageStatus.SKIPPED] = "not needed"


STATE_STYLES = {StageStatus.OVERDUE: "red", StageStatus.ON_HOLD: "dim"}


def _date_cell(day: dt.date | None) -> str:
    return long_date(day) if day else ""


def review_record(index: ReviewIndex, as_of: dt.date) -> dict[str, Any]:
    closed = index.closed
    upcoming = None if closed else next_stage(index, as_of)
    return {
        "id": index.review,
        "child": index.child,
        "aware": index.aware,
        "track": index.track,
        "decided": index.decided,
        "status": ReviewStatus.CLOSED if closed else (
            ReviewStatus.ON_HOLD if index.held_for(as_of.toordinal()) else ReviewStatus.OPEN),
        "overdue": 0 if closed else overdue_count(index, as_of),
        "next_stage": upcoming[0] if upcoming else None,
        "next_due": upcoming[1] if upcoming else None,
    }


REVIEW_FIELDS = ["id", "child", "aware", "track", "decided", "status", "overdue", "next_stage", "next_due"]


def review_listing(indexes: list[ReviewIndex], as_of: dt.date) -> Listing:
    records = []
    rows = []
    styles = []
    for index in indexes:
        record = review_record(index, as_of)
        records.append(record)
        upcoming = record["next_stage"]
        rows.append({
            "id": record["id"],
            "child": record["child"],
            "aware": _date_cell(index.aware),
            "track": record["track"] or "awaiting decision",
            "status": record["status"],
            "overdue": record["overdue"] or "",
            "next": f"{upcoming} {_date_cell(record['next_due'])}" if upcoming else "",
        })
        styles.append("red" if record["overdue"] else None)
    columns = [
        Column("id", "Review", fit=KEEP), Column("child", "Child", fit=KEEP, priority=3),
        Column("aware", "Aware", fit=KEEP, priority=4), Column("track", "Track", priority=2),
        Column("status", "Status", fit=KEEP, priority=2),
        Column("overdue", "Overdue", "right", fit=KEEP), Column("next", "Next deadline", min_width=16),
    ]
    summary = f"{len(rows)} review{'s' if len(rows) != 1 else ''}"
    return Listing(columns, rows, records, REVIEW_FIELDS, payload=records, styles=styles, summary=summary,
                   status="overdue", name="Reviews", as_of=as_of)


def stage_record(state: StageState) -> dict[str, Any]:
    record: dict[str, Any] = {
        "key": state.stage.key,
        "title": state.stage.title,
        "owner": state.stage.owner,
        "state": state.state,
        "due": iso(state.due),
        "done": iso(state.done),
        "by": state.by,
        "note": state.note,
        "rule": str(state.stage.due or state.stage.every or "") or None,
        "deadline": iso(state.deadline),
        "planned": iso(state.planned),
        "beyond_deadline": state.beyond_deadline,
        "held_days": state.held_days,
        "waiting_for": state.waiting_for,
        "optional": state.stage.optional,
        "provisional": state.provisional,
        "counted_from": state.counted_from,
        "statutory": state.stage.statutory,
    }
    if state.stage.per_agency:
        record["agencies"] = [
            {"agency": a.agency, "done": iso(a.done), "by": a.by} for a in state.agencies
        ]
    if state.stage.every is not None:
        record["outstanding"] = [iso(day) for day in state.outstanding]
        record["recorded"] = state.recorded
    return record


def state_cell(state: StageState, as_of: dt.date) -> str:
    word = STATE_WORDS[state.state]
    if state.state == StageStatus.OVERDUE and state.due:
        return lateness((as_of - state.due).days)
    if state.state == StageStatus.WAITING and state.waiting_for:
        return f"waiting for {state.waiting_for}"
    if state.state == StageStatus.ON_HOLD and state.hold:
        return f"on hold: {state.hold.reason}"
    if state.state == StageStatus.DUE and state.due:
        return lateness((as_of - state.due).days)
    return word


def stage_listing(schedule: ReviewSchedule) -> Listing:
    review = schedule.review
    rows, styles = [], []
    for state in schedule.states:
        notes = []
        if state.stage.statutory:
            notes.append("statutory")
        if state.provisional and state.state != StageStatus.DONE:
            notes.append(f"provisional: counted from {state.counted_from}'s deadline")
        if state.beyond_deadline:
            notes.append(f"planned {long_date(state.planned)}, beyond the deadline")
        elif state.planned and state.stage.due is not None:
            notes.append(f"planned {long_date(state.planned)}")
        if state.held_days:
            notes.append(f"+{state.held_days} days on hold")
        if state.stage.optional:
            notes.append("optional")
        if state.state == StageStatus.SKIPPED and state.note:
            notes.append(state.note)
        pending = [a.agency for a in state.agencies if a.done is None]
        if pending and state.state != StageStatus.DONE:
            notes.append("waiting for " + ", ".join(pending))
        if state.stage.every is not None and state.recorded:
            notes.append(f"{state.recorded} recorded")
        rows.append({
            "key": state.stage.key,
            "title": state.stage.title,
            "owner": state.stage.owner,
            "due": _date_cell(state.due) + ("*" if state.provisional and state.state != StageStatus.DONE and state.due else ""),
            "done": _date_cell(state.done),
            "by": state.by or "",
            "state": state_cell(state, schedule.as_of),
            "notes": "; ".join(notes),
        })
        styles.append(STATE_STYLES.get(state.state))
    columns = [
        Column("key", "Stage", fit=KEEP), Column("title", "What", priority=3, min_width=14),
        Column("owner", "Owner", priority=4), Column("due", "Due", fit=KEEP),
        Column("done", "Done", fit=KEEP, priority=2), Column("by", "Recorded by", priority=5),
        Column("state", "State", min_width=14), Column("notes", "Notes", priority=3, min_width=14),
    ]
    payload = review_payload(schedule)
    facts = [f"{review.id}: {review.child}", f"aware {long_date(review.aware)}"]
    if review.decision:
        facts.append(f"{decided_phrase(review.decision.track)} {long_date(review.decision.on)}")
        for earlier in reversed(review.decision_history):
            facts.append(f"changed from {earlier.track} (decided {long_date(earlier.on)})")
    else:
        facts.append("awaiting decision")
    hold = review.current_hold(schedule.as_of)
    if hold:
        facts.append(f"on hold since {long_date(hold.start)}: {hold.reason}")
    if review.looked_after:
        facts.append("looked-after child")
    if review.withheld:
        facts.append(f"withheld from publication {long_date(review.withheld.on)}: {review.withheld.reason}")
    wanted = schedule.needs_timeline
    if wanted is not None:
        facts.append(f"needs a timeline: no date agreed for {wanted.stage.key} (due {long_date(wanted.due)})")
    if schedule.is_closed:
        facts.append("closed")
    return Listing(columns, rows, payload["stages"], list(payload["stages"][0]) if payload["stages"] else [],
                   payload=payload, styles=styles, title=" · ".join(facts), status="state",
                   name=f"{review.id} ({review.child})", as_of=schedule.as_of)


def review_payload(schedule: ReviewSchedule) -> dict[str, Any]:
    review = schedule.review
    return {
        "id": review.id,
        "child": review.child,
        "aware": iso(review.aware),
        "incident": iso(review.incident),
        "agencies": list(review.agencies),
        "themes": list(review.themes),
        "lead_reviewer": review.lead_reviewer,
        "publication_address": review.publication_address,
        "track": review.track,
        "decision": (
            {"track": review.decision.track, "on": iso(review.decision.on), "by": review.decision.by,
             "reason": review.decision.reason, "changed": bool(review.decision_history),
             "history": [{"track": d.track, "on": iso(d.on), "by": d.by, "reason": d.reason}
                         for d in review.decision_history]}
            if review.decision else None
        ),
        "holds": [
            {"reason": h.reason, "from": iso(h.start), "to": iso(h.end), "days": h.days()}
            for h in review.holds
        ],
        "closed": (
            {"on": iso(review.closed.on), "reason": review.closed.reason, "by": review.closed.by}
            if review.closed else None
        ),
        "looked_after": review.looked_after,
        "withheld": (
            {"on": iso(review.withheld.on), "reason": review.withheld.reason, "by": review.withheld.by}
            if review.withheld else None
        ),
        "needs_timeline": (
            {"stage": wanted.stage.key, "due": iso(wanted.due)} if (wanted := schedule.needs_timeline) else None
        ),
        "status": ReviewStatus.CLOSED if schedule.is_closed else ReviewStatus.OPEN,
        "as_of": iso(schedule.as_of),
        "stages": [stage_record(state) for state in schedule.states],
    }
