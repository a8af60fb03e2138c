"""Recording what happened to a review: completions, decisions, plans and holds.

Each function checks the change against the review as it stands (raising a CsprError that
says what is wrong and what to do, before anything is written), then changes the review's
YAML document in place (plain or round-trip mapping, so comments survive) and returns a
one-line summary for the commit message. Pure: no files, no git.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import MutableMapping
from typing import Any

from cspr.errors import StateError, UsageError
from cspr.model.dates import long_date
from cspr.model.process import Process, Stage, nearest_key
from cspr.model.review import Review
from cspr.record.document import append, put


def _block(document: MutableMapping, *keys: str) -> MutableMapping:
    """The mapping at `keys`, created (empty) where it is missing or null."""
    node = document
    for key in keys:
        if not isinstance(node.get(key), MutableMapping):
            put(node, key, {})
        node = node[key]
    return node


def _set(block: MutableMapping, **values: Any) -> None:
    for key, value in values.items():
        put(block, key, value)


def find_stage(process: Process, key: str) -> Stage:
    stage = process.stage(key)
    if stage is None:
        near = nearest_key(key, process.keys)
        hint = f"did you mean {near!r}? " if near else ""
        raise UsageError(f"unknown stage {key!r}; {hint}'cspr show ID' lists the stages of a review")
    return stage


def stage_on_track(process: Process, review: Review, key: str) -> Stage:
    stage = find_stage(process, key)
    if not stage.applies_to(review.track):
        tracks = " or ".join(stage.tracks)
        if review.track is None:
            raise StateError(
                f"{key} is part of a {tracks} review and {review.id} has no decision yet; "
                f"record it first with 'cspr decide {review.id} {stage.tracks[0]}'"
            )
        raise StateError(f"{key} is part of a {tracks} review, and {review.id} is on the {review.track} track")
    return stage


def check_day(review: Review, day: dt.date, today: dt.date, what: str) -> None:
    if day > today:
        raise UsageError(f"--on {day.isoformat()} is in the future; {what} can only be recorded once it has happened")
    if day < review.aware:
        raise UsageError(
            f"--on {day.isoformat()} is before {review.id} became known ({review.aware.isoformat()}); check the date"
        )


def complete(
    process: Process, review: Review, document: MutableMapping, key: str, *, on: dt.date,
    today: dt.date, by: str, agency: str | None = None, note: str | None = None,
    amend: bool = False, scheduled: dt.date | None = None,
) -> str:
    """Record a stage (or one agency's part of it, or one occurrence of a recurring stage)."""
    from cspr.model.process import DECISION_STAGE

    if key == DECISION_STAGE:
        raise UsageError(f"the decision is recorded with 'cspr decide {review.id} local|national|none [--on DATE]'")
    stage = stage_on_track(process, review, key)
    if stage.when is not None and not stage.applies_given(review.track, review.facts):
        raise StateError(f"{key} applies only when {review.id} is {stage.when}")
    check_day(review, on, today, "a completion")
    if stage.every is not None:
        if agency:
            raise UsageError(f"--agency is for per-agency stages; {key} is a recurring check")
        if scheduled is None:
            raise StateError(
                f"{key} has no occurrence waiting to be recorded for {review.id} "
                f"(it falls due every {stage.every}); 'cspr show {review.id}' shows where it stands"
            )
        block = _block(document, "stages", key)
        if not isinstance(block.get("occurrences"), list):
            put(block, "occurrences", [])
        occurrences = block["occurrences"]
        entry = {"due": scheduled, "done": on, "by": by}
        if note:
            entry["note"] = note
        append(occurrences, entry)
        return f"{key} (due {long_date(scheduled)}) recorded on {long_date(on)}"

    if stage.per_agency and review.agencies:
        if agency is None:
            waiting = [a for a in review.agencies if a not in review.agency_completions.get(key, {})]
            raise UsageError(
                f"{key} is confirmed agency by agency; name one with --agency "
                f"(still to confirm: {', '.join(waiting) or 'none'})"
            )
        match = _agency(review, agency)
        if match in review.agency_completions.get(key, {}) and not amend:
            earlier = review.agency_completions[key][match].done
            raise StateError(
                f"{match} already confirmed {key} on {earlier.isoformat()}; use --amend to change it"
            )
        block = _block(document, "stages", key, "agencies", match)
        _set(block, done=on, by=by)
        if note:
            put(block, "note", note)
        return f"{key} confirmed by {match} on {long_date(on)}"

    if agency:
        raise UsageError(f"--agency is only for per-agency stages, and {key} is not one")
    if key in review.completions and not amend:
        raise StateError(
            f"{key} was already completed on {review.completions[key].done.isoformat()}; "
            "use --amend to change the record"
        )
    block = _block(document, "stages", key)
    _set(block, done=on, by=by)
    if note or amend:
        put(block, "note", note)
    verb = "amended to" if amend and key in review.completions else "completed on"
    return f"{key} {verb} {long_date(on)}"


def _agency(review: Review, name: str) -> str:
    for agency in review.agencies:
        if agency.casefold() == name.casefold():
            return agency
    raise UsageError(
        f"{name!r} is not taking part in {review.id}; agencies taking part: {', '.join(review.agencies)}"
    )


def decide(process: Process, review: Review, document: MutableMapping, track: str, *,
           on: dt.date, today: dt.date, by: str) -> str:
    if track not in process.tracks:
        raise UsageError(f"unknown track {track!r}; choose one of: {', '.join(process.tracks)}")
    if review.decision is not None:
        raise StateError(
            f"{review.id} already has a decision ({review.decision.track}, on "
            f"{review.decision.on.isoformat()}); a decision is recorded once"
        )
    check_day(review, on, today, "a decision")
    _set(_block(document, "decision"), track=track, on=on, by=by)
    return f"decision recorded: {track} ({process.tracks[track]}), {long_date(on)}"


def plan(process: Process, review: Review, document: MutableMapping, key: str, day: dt.date) -> str:
    stage = stage_on_track(process, review, key)
    if stage.every is not None:
        raise UsageError(f"{key} recurs; change its interval with 'cspr plan {review.id} {key} --every 6m'")
    if key in review.completions:
        raise StateError(f"{key} is already complete; a plan is for a stage still to come")
    put(_block(document, "plans"), key, day)
    return f"{key} planned for {long_date(day)}"


def plan_interval(process: Process, review: Review, document: MutableMapping, key: str, every: str) -> str:
    from cspr.model.process import parse_interval

    stage = stage_on_track(process, review, key)
    if stage.every is None:
        raise UsageError(f"--every is for recurring stages; {key} is not one")
    try:
        interval = parse_interval(every)
    except ValueError as exc:
        raise UsageError(f"--every: {exc}") from None
    put(_block(document, "intervals"), key, str(interval))
    return f"{key} every {interval} (agreed interval)"


def hold(review: Review, document: MutableMapping, reason: str, *, start: dt.date, today: dt.date, by: str) -> str:
    if not reason.strip():
        raise UsageError("--reason must say what the parallel proceedings are (for example 'criminal trial')")
    if start < review.aware:
        raise UsageError(f"--from {start.isoformat()} is before {review.id} became known ({review.aware.isoformat()})")
    for existing in review.holds:
        if existing.end is None or start < existing.end:
            until = f"to {existing.end.isoformat()}" if existing.end else "and not yet resumed"
            raise StateError(
                f"{review.id} is on hold from {existing.start.isoformat()} {until} "
                f"({existing.reason}); holds cannot overlap"
            )
    holds = document.get("holds")
    if not isinstance(holds, list):
        put(document, "holds", [])
        holds = document["holds"]
    append(holds, {"reason": reason.strip(), "from": start, "to": None, "by": by})
    return f"on hold from {long_date(start)}: {reason.strip()}"


def resume(review: Review, document: MutableMapping, *, on: dt.date, today: dt.date, by: str) -> str:
    open_holds = [i for i, h in enumerate(review.holds) if h.end is None]
    if not open_holds:
        raise StateError(f"{review.id} is not on hold, so there is nothing to resume")
    index = open_holds[-1]
    current = review.holds[index]
    if on < current.start:
        raise UsageError(f"--on {on.isoformat()} is before the hold began ({current.start.isoformat()})")
    if on > today:
        raise UsageError(f"--on {on.isoformat()} is in the future; record the resumption once it has happened")
    entry = document["holds"][index]
    put(entry, "to", on)
    put(entry, "resumed_by", by)
    days = (on - current.start).days
    return f"resumed on {long_date(on)} after {days} days on hold ({current.reason})"


def close(review: Review, document: MutableMapping, reason: str, *, on: dt.date, today: dt.date,
          by: str, closed_by_itself: bool = False) -> str:
    """Close a review early, with the reason (it drops out of `cspr list` and `cspr overdue`)."""
    if review.closed is not None:
        raise StateError(
            f"{review.id} was already closed on {review.closed.on.isoformat()} ({review.closed.reason})"
        )
    if closed_by_itself:
        raise StateError(f"{review.id} has already closed itself: every stage is done and every action complete")
    if not reason.strip():
        raise UsageError("--reason is empty; say why the review is closed early")
    check_day(review, on, today, "a closure")
    _set(_block(document, "closed"), on=on, reason=" ".join(reason.split()), by=by)
    return f"closed on {long_date(on)}: {' '.join(reason.split())}"


def reopen(review: Review, document: MutableMapping) -> str:
    """Undo `close`: the review's deadlines count again. Git keeps the closure in history."""
    if review.closed is None:
        raise StateError(f"{review.id} was not closed with 'cspr close', so there is nothing to reopen")
    document["closed"] = None
    return f"reopened (closed on {long_date(review.closed.on)}: {review.closed.reason})"


def withhold(process: Process, review: Review, document: MutableMapping, reason: str, *, on: dt.date,
             today: dt.date, by: str) -> str:
    """Record the decision not to publish (wholly or in part): reasons go to the Panel and the SoS."""
    if review.withheld is not None:
        raise StateError(f"{review.id} was already withheld from publication on "
                         f"{review.withheld.on.isoformat()} ({review.withheld.reason})")
    if review.track is None or not any(s.when and s.when.fact == "withheld" and s.applies_to(review.track)
                                       for s in process.stages):
        raise StateError(f"{review.id} has no publication to withhold on the {review.track or 'undecided'} track; "
                         f"a local review can be withheld once decided ('cspr decide {review.id} local')")
    if "published" in review.completions:
        raise StateError(f"{review.id} was published on {review.completions['published'].done.isoformat()}; "
                         "a published report cannot be withheld")
    text = " ".join(reason.split())
    if not text:
        raise UsageError("--reason is empty; say why the report is not published (for example 'to protect a sibling')")
    check_day(review, on, today, "a withholding")
    _set(_block(document, "withheld"), on=on, reason=text, by=by)
    return f"withheld from publication on {long_date(on)}: {text}"


# Facts about a review that officers learn as it goes, settable with `cspr set`.
SETTABLE = {
    "lead-reviewer": ("lead_reviewer", "text"),
    "publication-address": ("publication_address", "text"),
    "incident": ("incident", "date"),
    "looked-after": ("looked_after", "yes-no"),
}


def set_field(review: Review, document: MutableMapping, field: str, value: str, *, today: dt.date) -> str:
    """Record the lead reviewer, the publication address or the incident date."""
    from cspr.model.dates import parse_date

    if field not in SETTABLE:
        raise UsageError(f"cannot set {field!r}; choose one of: {', '.join(SETTABLE)}")
    key, kind = SETTABLE[field]
    text = " ".join(value.split())
    if not text:
        raise UsageError(f"VALUE for {field} is empty; say what it is")
    stored: Any = text
    if kind == "yes-no":
        if text.lower() not in ("yes", "no"):
            raise UsageError(f"VALUE for {field} is yes or no, not {text!r}")
        stored = text.lower() == "yes"
        shown = text.lower()
    elif kind == "date":
        try:
            stored = parse_date(text, today)
        except ValueError as exc:
            raise UsageError(f"VALUE: {exc}") from None
        if stored > review.aware:
            raise UsageError(f"the incident ({stored.isoformat()}) cannot be after the LA became aware ({review.aware.isoformat()})")
        shown = long_date(stored)
    else:
        shown = text
    put(document, key, stored)
    return f"{field} set to {shown}"
