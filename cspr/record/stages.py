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
from cspr.model.review import Review, is_web_address
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
        raise UsageError(f"{day.isoformat()} is in the future; {what} can only be recorded once it has happened", option="on")
    if day < review.aware:
        raise UsageError(
            f"{day.isoformat()} is before {review.id} became known ({review.aware.isoformat()}); check the date", option="on")


def complete(
    process: Process, review: Review, document: MutableMapping, key: str, *, on: dt.date | None,
    today: dt.date, by: str, agency: str | None = None, note: str | None = None,
    amend: bool = False, outstanding: tuple[dt.date, ...] = (), occurrence: dt.date | None = None,
) -> str:
    """Record a stage (or one agency's part of it, or one occurrence of a recurring stage).

    With `amend`, change only what is given of a record already made: `on` alone keeps the
    note, `note` alone keeps the date; a recurring stage's most recent occurrence (or the one
    named by `occurrence`) is changed, never a new one added. Otherwise a recurring stage
    records the earliest of its `outstanding` dates, or the one named by `occurrence`.
    """
    from cspr.model.process import DECISION_STAGE

    if key == DECISION_STAGE:
        raise UsageError(f"the decision is recorded with 'cspr decide {review.id} local|national|none [--on DATE]'")
    stage = stage_on_track(process, review, key)
    if stage.when is not None and not stage.applies_given(review.track, review.facts):
        raise StateError(f"{key} applies only when {review.id} is {stage.when}")
    if amend and on is None and note is None:
        raise UsageError("--amend changes a record already made: give --on DATE, --note TEXT, or both")
    if occurrence is not None and stage.every is None:
        raise UsageError(f"--occurrence names one occurrence of a recurring stage, and {key} is not one")
    if on is not None:
        check_day(review, on, today, "a completion")
    if key in review.skipped:
        raise StateError(
            f"{key} was marked not needed on {review.skipped[key].on.isoformat()}; take that back first "
            f"with 'cspr uncomplete {review.id} {key} --reason TEXT'"
        )
    if stage.every is not None:
        if agency:
            raise UsageError(f"--agency is for per-agency stages; {key} is a recurring check")
        if amend:
            return _amend_occurrence(review, document, key, on=on, note=note, occurrence=occurrence)
        on = on or today
        if not outstanding:
            raise StateError(
                f"{key} has no occurrence waiting to be recorded for {review.id} "
                f"(it falls due every {stage.every}); 'cspr show {review.id}' shows where it stands"
            )
        earlier = [o for o in review.occurrences.get(key, ()) if o.done == on]
        if earlier and occurrence is None:
            raise StateError(
                f"{key} was already recorded on {on.isoformat()} (answering {earlier[0].due.isoformat()}); "
                f"to change that record use 'cspr complete {review.id} {key} --amend', or to record another "
                "missed occurrence on the same day name it with --occurrence DATE"
            )
        if occurrence is not None:
            if occurrence not in outstanding:
                listed = ", ".join(day.isoformat() for day in outstanding)  # never none: refused above
                raise UsageError(f"{occurrence.isoformat()} is not an occurrence of {key} waiting "
                                 f"to be recorded (waiting: {listed})", option="occurrence")
            scheduled = occurrence
        else:
            scheduled = outstanding[0]
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
        existing = review.agency_completions.get(key, {}).get(match)
        if existing is not None and not amend:
            raise StateError(
                f"{match} already confirmed {key} on {existing.done.isoformat()}; use --amend to change it"
            )
        block = _block(document, "stages", key, "agencies", match)
        if existing is not None:
            _amend(block, on=on, note=note)
            return f"{key} confirmation by {match} amended ({_what(on, note)})"
        _set(block, done=on or today, by=by)
        if note:
            put(block, "note", note)
        return f"{key} confirmed by {match} on {long_date(on or today)}"

    if agency:
        raise UsageError(f"--agency is only for per-agency stages, and {key} is not one")
    existing_completion = review.completions.get(key)
    if existing_completion is not None and not amend:
        raise StateError(
            f"{key} was already completed on {existing_completion.done.isoformat()}; "
            "use --amend to change the record"
        )
    block = _block(document, "stages", key)
    if existing_completion is not None:
        _amend(block, on=on, note=note)
        return f"{key} amended ({_what(on, note)})"
    _set(block, done=on or today, by=by)
    if note:
        put(block, "note", note)
    return f"{key} completed on {long_date(on or today)}"


def _amend(block: MutableMapping, *, on: dt.date | None, note: str | None) -> None:
    if on is not None:
        put(block, "done", on)
    if note is not None:
        if note.strip():
            put(block, "note", note)
        elif "note" in block:
            del block["note"]  # --note "" takes a note away


def _what(on: dt.date | None, note: str | None) -> str:
    parts = []
    if on is not None:
        parts.append(f"done on {long_date(on)}")
    if note is not None:
        parts.append(f"note: {note}" if note.strip() else "note removed")
    return "; ".join(parts)


def _occurrence_index(review: Review, key: str, occurrence: dt.date | None, option: str) -> int:
    """Which recorded occurrence: the one due or done on `occurrence`, else the most recent."""
    recorded = review.occurrences.get(key, ())
    if not recorded:
        raise StateError(f"no occurrence of {key} is recorded for {review.id}, so there is nothing to change")
    if occurrence is None:
        return len(recorded) - 1
    for index, found in enumerate(recorded):
        if occurrence in (found.due, found.done):
            return index
    listed = ", ".join(f"{o.due.isoformat()} (done {o.done.isoformat()})" for o in recorded)
    raise UsageError(f"{option} {occurrence.isoformat()} matches no recorded occurrence of {key}; recorded: {listed}")


def _amend_occurrence(review: Review, document: MutableMapping, key: str, *, on: dt.date | None,
                      note: str | None, occurrence: dt.date | None) -> str:
    index = _occurrence_index(review, key, occurrence, "--occurrence")
    found = review.occurrences[key][index]
    if on is not None and on != found.done and any(
            o.done == on for i, o in enumerate(review.occurrences[key]) if i != index):
        raise StateError(f"{key} was already recorded on {on.isoformat()}; choose the occurrence with --occurrence")
    _amend(document["stages"][key]["occurrences"][index], on=on, note=note)
    return f"{key} (due {long_date(found.due)}) amended ({_what(on, note)})"


def uncomplete(process: Process, review: Review, document: MutableMapping, key: str, *, reason: str,
               agency: str | None = None, occurrence: dt.date | None = None) -> str:
    """Take back a completion (or a 'not needed') recorded in error. Git keeps what it was."""
    stage = find_stage(process, key)
    reason = _reason(reason)
    stages = document.get("stages") or {}
    if key in review.skipped:
        del stages[key]
        return f"{key} no longer marked not needed ({reason})"
    if stage.every is not None:
        if agency:
            raise UsageError(f"--agency is for per-agency stages; {key} is a recurring check")
        index = _occurrence_index(review, key, occurrence, "--occurrence")
        found = review.occurrences[key][index]
        del stages[key]["occurrences"][index]
        return f"{key} (due {long_date(found.due)}, done {long_date(found.done)}) taken back: {reason}"
    if occurrence is not None:
        raise UsageError(f"--occurrence is for recurring stages, and {key} is not one")
    if stage.per_agency and key in review.agency_completions:
        if agency is None:
            confirmed = ", ".join(review.agency_completions[key]) or "none"
            raise UsageError(f"{key} is confirmed agency by agency; name the one with --agency (confirmed: {confirmed})")
        match = _agency(review, agency)
        existing = review.agency_completions[key].get(match)
        if existing is None:
            raise StateError(f"{match} has not confirmed {key}, so there is nothing to take back")
        del stages[key]["agencies"][match]
        return f"{key} confirmation by {match} (on {long_date(existing.done)}) taken back: {reason}"
    if agency:
        raise UsageError(f"--agency is only for per-agency stages, and {key} is not one")
    existing_completion = review.completions.get(key)
    if existing_completion is None:
        raise StateError(f"{key} is not recorded as complete for {review.id}, so there is nothing to take back")
    del stages[key]
    return f"{key} completion (on {long_date(existing_completion.done)}) taken back: {reason}"


def skip(process: Process, review: Review, document: MutableMapping, key: str, *, reason: str,
         on: dt.date, today: dt.date, by: str) -> str:
    """Mark an optional stage as not needed: it stops appearing as pending."""
    stage = stage_on_track(process, review, key)
    reason = _reason(reason)
    if not stage.optional:
        optional = [s.key for s in process.stages_for(review.track) if s.optional]
        raise UsageError(
            f"{key} is not optional, so it cannot be skipped; optional stages: {', '.join(optional) or 'none'}"
        )
    if key in review.skipped:
        raise StateError(f"{key} was already marked not needed on {review.skipped[key].on.isoformat()}")
    if key in review.completions or review.occurrences.get(key) or review.agency_completions.get(key):
        raise StateError(
            f"{key} is already recorded; take that back first with 'cspr uncomplete {review.id} {key} --reason TEXT'"
        )
    check_day(review, on, today, "a decision that a stage is not needed")
    stages = _block(document, "stages")
    put(stages, key, {"skipped": on, "reason": reason, "by": by})
    return f"{key} not needed ({reason})"


def _reason(reason: str | None, option: str = "--reason") -> str:
    text = " ".join((reason or "").split())
    if not text:
        raise UsageError(f"{option} is empty; say why, in words (it goes into the audit trail)")
    return text


def _agency(review: Review, name: str) -> str:
    for agency in review.agencies:
        if agency.casefold() == name.casefold():
            return agency
    raise UsageError(
        f"{name!r} is not taking part in {review.id}; agencies taking part: {', '.join(review.agencies)}"
    )


def decide(process: Process, review: Review, document: MutableMapping, track: str, *,
           on: dt.date, today: dt.date, by: str, change: bool = False, reason: str | None = None) -> str:
    """Record the decision after the rapid review; with `change`, a new decision that replaces
    the current one (the National Panel disagreed, a local review became national). The
    earlier decision and its date stay in the file as `decision.history`; stages completed on
    the old track stay recorded."""
    if track not in process.tracks:
        raise UsageError(f"unknown track {track!r}; choose one of: {', '.join(process.tracks)}")
    current = review.decision
    if not change:
        if current is not None:
            raise StateError(
                f"{review.id} already has a decision ({current.track}, on {current.on.isoformat()}); "
                f"to record a new one use 'cspr decide {review.id} {track} --change --reason TEXT'"
            )
        if reason is not None:
            raise UsageError("--reason goes with --change (a decision that replaces an earlier one)")
        check_day(review, on, today, "a decision")
        _set(_block(document, "decision"), track=track, on=on, by=by)
        return f"decision recorded: {track} ({process.tracks[track]}), {long_date(on)}"
    if current is None:
        raise StateError(f"{review.id} has no decision to change; record one with 'cspr decide {review.id} {track}'")
    reason = _reason(reason)
    if track == current.track:
        raise StateError(f"{review.id} is already on the {track} track (decided {current.on.isoformat()})")
    check_day(review, on, today, "a decision")
    if on < current.on:
        raise UsageError(
            f"{on.isoformat()} is before the decision it changes ({current.on.isoformat()}); "
            "a changed decision takes effect from its own date", option="on")
    block = _block(document, "decision")
    earlier = {"track": current.track, "on": current.on}
    if current.by:
        earlier["by"] = current.by
    if current.reason:
        earlier["reason"] = current.reason
    history = block.get("history")
    if not isinstance(history, list):
        history = None
    if history is None:
        put(block, "history", [])
        history = block["history"]
    append(history, earlier)
    _set(block, track=track, on=on, by=by, reason=reason)
    # Keep the current decision's fields first and the history last, as a reader expects.
    put(block, "history", block.pop("history"))
    return f"decision changed from {current.track} to {track} ({process.tracks[track]}), {long_date(on)}: {reason}"


def plan(process: Process, review: Review, document: MutableMapping, key: str, day: dt.date,
         deadline: dt.date | None = None) -> str:
    """Record the date agreed for a stage; `deadline` (the rule's own date) only colours the summary."""
    stage = stage_on_track(process, review, key)
    if stage.every is not None:
        raise UsageError(f"{key} recurs; change its interval with 'cspr plan {review.id} {key} --every 6m'")
    if key in review.completions:
        raise StateError(f"{key} is already complete; a plan is for a stage still to come")
    if day < review.aware:
        raise UsageError(f"DATE {day.isoformat()} is before {review.id} became known ({review.aware.isoformat()}); check the date")
    after_decision = not stage.applies_to(None)  # part of a track: it follows the decision
    if after_decision and review.decision is not None and day < review.decision.on:
        raise UsageError(
            f"DATE {day.isoformat()} is before the decision ({review.decision.on.isoformat()}), "
            f"and {key} comes after it; check the date"
        )
    put(_block(document, "plans"), key, day)
    if deadline is not None and day > deadline:
        return f"{key} planned for {long_date(day)}, after its deadline ({long_date(deadline)})"
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
    """Put publication on hold. Holds may overlap (an inquest during a criminal trial): each
    keeps its reason, and deadlines move by the union of the held periods."""
    if not reason.strip():
        raise UsageError("--reason must say what the parallel proceedings are (for example 'criminal trial')")
    if start < review.aware:
        raise UsageError(f"{start.isoformat()} is before {review.id} became known ({review.aware.isoformat()})", option="from")
    if start > today:
        raise UsageError(f"{start.isoformat()} is in the future; record the hold once it has begun", option="from")
    for existing in review.holds:
        if existing.end is None and existing.reason.casefold() == reason.strip().casefold():
            raise StateError(
                f"{review.id} is already on hold for {existing.reason} since {existing.start.isoformat()}; "
                f"end it with 'cspr resume {review.id}'"
            )
    holds = document.get("holds")
    if not isinstance(holds, list):
        put(document, "holds", [])
        holds = document["holds"]
    append(holds, {"reason": reason.strip(), "from": start, "to": None, "by": by})
    return f"on hold from {long_date(start)}: {reason.strip()}"


def resume(review: Review, document: MutableMapping, *, on: dt.date, today: dt.date, by: str,
           which: str | None = None) -> str:
    """End a hold: the only one open, or the one whose reason is `which`."""
    open_holds = [i for i, h in enumerate(review.holds) if h.end is None]
    if not open_holds:
        raise StateError(f"{review.id} is not on hold, so there is nothing to resume")
    if which is not None:
        named = [i for i in open_holds if which.strip().casefold() in review.holds[i].reason.casefold()]
        if len(named) != 1:
            reasons = "; ".join(review.holds[i].reason for i in open_holds)
            raise UsageError(f"{which!r} names {'no' if not named else 'more than one'} open hold; open: {reasons}", option="hold")
        index = named[0]
    elif len(open_holds) > 1:
        reasons = "; ".join(review.holds[i].reason for i in open_holds)
        raise UsageError(f"{review.id} has {len(open_holds)} holds open ({reasons}); say which ends with --hold REASON")
    else:
        index = open_holds[0]
    current = review.holds[index]
    if on < current.start:
        raise UsageError(f"{on.isoformat()} is before the hold began ({current.start.isoformat()})", option="on")
    if on > today:
        raise UsageError(f"{on.isoformat()} is in the future; record the resumption once it has happened", option="on")
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


# Facts about a review that officers learn (or correct) as it goes, settable with `cspr set`.
SETTABLE = {
    "pseudonym": ("child", "text"),
    "aware": ("aware", "date"),
    "incident": ("incident", "date"),
    "lead-reviewer": ("lead_reviewer", "text"),
    "publication-address": ("publication_address", "text"),
    "looked-after": ("looked_after", "yes-no"),
}


def _recorded_dates(review: Review) -> list[tuple[str, dt.date]]:
    """Every date recorded as having happened: nothing may come before the LA became aware."""
    found = [(key, c.done) for key, c in review.completions.items()]
    found += [(key, c.done) for key, by in review.agency_completions.items() for c in by.values()]
    found += [(key, o.done) for key, found_ in review.occurrences.items() for o in found_]
    if review.decision:
        found.append(("decision", review.decision.on))
    found += [(f"hold ({h.reason})", h.start) for h in review.holds]
    return found


def set_field(review: Review, document: MutableMapping, field: str, value: str, *, today: dt.date,
              reason: str | None = None) -> str:
    """Record or correct a fact: the pseudonym, the dates, the lead reviewer, the publication
    address, whether the child is looked after."""
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
        if stored > today:
            raise UsageError(f"VALUE {stored.isoformat()} is in the future; {field} is a date that has happened")
        if field == "incident" and stored > review.aware:
            raise UsageError(f"the incident ({stored.isoformat()}) cannot be after the LA became aware ({review.aware.isoformat()})")
        if field == "aware":
            if review.incident is not None and stored < review.incident:
                raise UsageError(
                    f"aware {stored.isoformat()} is before the incident ({review.incident.isoformat()}); check the date"
                )
            earlier = sorted((day, what) for what, day in _recorded_dates(review) if day < stored)
            if earlier:
                day, what = earlier[0]
                raise UsageError(
                    f"aware {stored.isoformat()} is after {what} was recorded ({day.isoformat()}); check the date, "
                    f"or correct that record first"
                )
        shown = long_date(stored)
    else:
        shown = text
    if field == "publication-address" and not is_web_address(text):
        raise UsageError(f"VALUE {text[:80]!r} is not a web address; give the published report's "
                         "address starting https:// (or http://)")
    why = f": {_reason(reason)}" if reason is not None else ""  # refused before anything is changed
    before = document.get(key)
    put(document, key, stored)
    summary = f"{field} set to {shown}"
    if before is not None and before != stored:
        shown_before = (long_date(before) if isinstance(before, dt.date)
                        else ("yes" if before else "no") if isinstance(before, bool) else before)
        summary = f"{field} changed from {shown_before} to {shown}"
    return summary + why


def _list_block(document: MutableMapping, key: str) -> list:
    if not isinstance(document.get(key), list):
        put(document, key, [])
    return document[key]


def add_agency(review: Review, document: MutableMapping, name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise UsageError("NAME is empty; give the agency's name")
    for agency in review.agencies:
        if agency.casefold() == name.casefold():
            raise StateError(f"{agency} already takes part in {review.id}")
    append(_list_block(document, "agencies"), name)
    return f"agency added: {name}"


def remove_agency(review: Review, document: MutableMapping, name: str, *, reason: str | None = None) -> str:
    match = _agency(review, name)
    confirmed = [key for key, by in review.agency_completions.items() if match in by]
    if confirmed:
        raise StateError(
            f"{match} has confirmed {', '.join(confirmed)} for {review.id}; take that back first with "
            f"'cspr uncomplete {review.id} {confirmed[0]} --agency \"{match}\" --reason TEXT'"
        )
    owned = [a.key for a in review.actions if a.agency == match]
    if owned:
        raise StateError(
            f"{match} owns action {', '.join(owned)} of {review.id}; give it to another agency first with "
            f"'cspr action update {review.id} {owned[0]} --agency NAME --reason TEXT'"
        )
    why = f" ({_reason(reason)})" if reason is not None else ""  # refused before anything is changed
    agencies = document["agencies"]
    agencies.remove(next(item for item in agencies if item == match))
    return f"agency removed: {match}{why}"


def add_theme(review: Review, document: MutableMapping, theme: str) -> str:
    theme = " ".join(theme.split())
    if not theme:
        raise UsageError("THEME is empty; give the theme, such as 'neglect'")
    for existing in review.themes:
        if existing.casefold() == theme.casefold():
            raise StateError(f"{review.id} already has the theme {existing!r}")
    append(_list_block(document, "themes"), theme)
    return f"theme added: {theme}"


def remove_theme(review: Review, document: MutableMapping, theme: str) -> str:
    for existing in review.themes:
        if existing.casefold() == " ".join(theme.split()).casefold():
            document["themes"].remove(existing)
            return f"theme removed: {existing}"
    raise UsageError(f"{review.id} has no theme {theme!r}; its themes: {', '.join(review.themes) or 'none'}")
