"""Recording a review's recommendations and the actions answering them.

Like cspr.record.stages: each function checks the change against the review as it stands
(raising a CsprError before anything is written), changes the review's round-trip YAML
document in place, and returns a one-line summary for the commit message. Pure.

An action's history is a list of updates, only ever appended to: `cspr action add` writes the
first (not-started, on the day the action was agreed) and each `cspr action update` adds one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import MutableMapping, Sequence

from cspr.errors import StateError, UsageError
from cspr.model.dates import long_date
from cspr.model.process import nearest_key
from cspr.model.review import ACTION_STATUSES, Action, Recommendation, Review
from cspr.model.statuses import ActionStatus
from cspr.record.document import append, put
from cspr.record.stages import _block, check_day

RECOMMENDATION_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9-]{0,15}$")  # no '.': actions are R1.1, R1.2
_NUMBERED = re.compile(r"^R(\d+)$")
FIRST_STATUS = ActionStatus.NOT_STARTED.value


def _still_open(review: Review) -> None:
    if review.closed is not None:
        raise StateError(
            f"{review.id} was closed on {review.closed.on.isoformat()} ({review.closed.reason}); "
            f"reopen it first with 'cspr reopen {review.id}'"
        )


def _text(value: str, option: str) -> str:
    if not value or not value.strip():
        raise UsageError(f"{option} is empty; say what it is in words")
    return " ".join(value.split())


def next_recommendation_key(review: Review) -> str:
    numbers = [int(m.group(1)) for rec in review.recommendations if (m := _NUMBERED.match(rec.key))]
    return f"R{max(numbers, default=0) + 1}"


def recommend(review: Review, document: MutableMapping, text: str, key: str | None = None) -> str:
    """Record a recommendation of the review, as R1, R2... unless `key` names it."""
    _still_open(review)
    text = _text(text, "TEXT")
    if key is None:
        key = next_recommendation_key(review)
    elif not RECOMMENDATION_KEY.match(key):
        raise UsageError(
            f"{key!r} cannot name a recommendation; use a letter then letters, digits or '-' "
            "(such as R4), without '.', which separates an action's number", option="id")
    existing = {rec.key.casefold(): rec.key for rec in review.recommendations}
    if key.casefold() in existing:
        raise StateError(f"{review.id} already has recommendation {existing[key.casefold()]}; choose another --id")
    put(_block(document, "recommendations"), key, {"text": text, "actions": {}})
    return f"recommendation {key} recorded: {text}"


def edit_recommendation(review: Review, document: MutableMapping, key: str, text: str) -> str:
    """Correct a recommendation's words (git keeps the earlier ones)."""
    _still_open(review)
    rec = find_recommendation(review, key)
    text = _text(text, "TEXT")
    put(document["recommendations"][rec.key], "text", text)
    return f"recommendation {rec.key} now reads: {text}"


def remove_recommendation(review: Review, document: MutableMapping, key: str, *, reason: str) -> str:
    """Remove a recommendation recorded in error; refused while actions answer it."""
    _still_open(review)
    rec = find_recommendation(review, key)
    reason = _text(reason, "--reason")
    if rec.actions:
        keys = ", ".join(action.key for action in rec.actions)
        raise StateError(
            f"recommendation {rec.key} has actions ({keys}); they answer it, so it stays. Correct its words "
            f"with 'cspr recommend edit {review.id} {rec.key} TEXT'"
        )
    del document["recommendations"][rec.key]
    return f"recommendation {rec.key} removed ({rec.text}): {reason}"


def find_recommendation(review: Review, key: str) -> Recommendation:
    for rec in review.recommendations:
        if rec.key.casefold() == key.casefold():
            return rec
    known = ", ".join(rec.key for rec in review.recommendations)
    if not known:
        raise UsageError(f"{review.id} has no recommendations yet; record one with 'cspr recommend add {review.id} TEXT'")
    raise UsageError(f"{review.id} has no recommendation {key!r}; it has {known}")


def find_action(review: Review, key: str) -> Action:
    for action in review.actions:
        if action.key.casefold() == key.casefold():
            return action
    known = [action.key for action in review.actions]
    if not known:
        raise UsageError(f"{review.id} has no actions yet; add one with 'cspr action add {review.id} REC ...'")
    near = nearest_key(key, known)
    hint = f"did you mean {near!r}? " if near else ""
    raise UsageError(f"{review.id} has no action {key!r}; {hint}'cspr actions {review.id}' lists them")


def known_agencies(review: Review, workspace_agencies: Sequence[str]) -> list[str]:
    """Agencies an action may name without --new-agency: the review's, the workspace's, and
    those already owning an action of this review. First spelling wins."""
    found: dict[str, str] = {}
    for name in (*review.agencies, *workspace_agencies, *(a.agency for a in review.actions)):
        found.setdefault(name.casefold(), name)
    return list(found.values())


def owning_agency(name: str, known: Sequence[str], *, new_agency: bool) -> str:
    """The agency's name as the workspace already spells it; an unknown one only with --new-agency.

    Actions often fall to agencies that did not sit on the review (a school, a trust), so any
    name is allowed, but only on purpose: a typo would otherwise start a second agency that
    `--agency` filters and the overdue report would show apart from the first.
    """
    name = _text(name, "--agency")
    for agency in known:
        if agency.casefold() == name.casefold():
            return agency
    if new_agency:
        return name
    near = nearest_key(name, list(known))
    hint = f"did you mean {near!r}? " if near else ""
    raise UsageError(
        f"--agency {name!r} is not an agency known to this review or workspace; {hint}"
        f"known: {', '.join(known) or 'none'}. Add --new-agency to record an agency from outside the review"
    )


def add_action(
    review: Review, document: MutableMapping, recommendation: str, *, agency: str, due: dt.date,
    text: str, on: dt.date, today: dt.date, by: str,
) -> str:
    """Add the next action (R1.1, R1.2...) answering a recommendation, owned by one agency."""
    _still_open(review)
    rec = find_recommendation(review, recommendation)
    text = _text(text, "TEXT")
    check_day(review, on, today, "an action's agreement")
    if due < on:
        raise UsageError(f"{due.isoformat()} is before the action was agreed ({on.isoformat()}); check the date", option="due")
    # the number after the last '.' (R1.2, or 4.1.2 under a hand-written recommendation 4.1);
    # a hand-written key without one ("1") counts whole, one not ending in digits not at all
    numbers = [int(number) for a in rec.actions if (number := a.key.rpartition(".")[2]).isdecimal()]
    key = f"{rec.key}.{max(numbers, default=0) + 1}"
    actions = _block(document, "recommendations", rec.key, "actions")
    put(actions, key, {
        "agency": agency,
        "due": due,
        "text": text,
        "updates": [{"on": on, "status": FIRST_STATUS, "note": "Action agreed", "by": by}],
    })
    return f"action {key} for {agency}, due {long_date(due)}: {text}"


def update_action(
    review: Review, document: MutableMapping, action_key: str, *, status: str | None, note: str | None,
    on: dt.date, today: dt.date, by: str, due: dt.date | None = None, agency: str | None = None,
    text: str | None = None, reason: str | None = None,
) -> str:
    """Append one update (status, evidence) to an action's history, and/or change what was agreed
    (its due date, owner or words), keeping the earlier values in the action's `changes`."""
    _still_open(review)
    action = find_action(review, action_key)
    if status is None and due is None and agency is None and text is None:
        raise UsageError("say what changed: --status (progress), or --due, --agency or --text (a correction)")
    if status is not None and status not in ACTION_STATUSES:
        raise UsageError(f"{status!r} is not a status; use one of {', '.join(ACTION_STATUSES)}", option="status")
    check_day(review, on, today, "an update")
    block = document["recommendations"][action.recommendation]["actions"][action.key]
    said = []
    if due is not None or agency is not None or text is not None:
        said.append(_change_action(action, block, on=on, by=by, due=due, agency=agency, text=text, reason=reason))
    elif reason is not None:
        raise UsageError("--reason goes with --due, --agency or --text: why what was agreed changed")
    if status is not None:
        said.append(_add_update(action, block, status=status, note=note, on=on, by=by))
    return f"action {action.key} ({agency or action.agency}) " + "; ".join(said)


def _change_action(action: Action, block: MutableMapping, *, on: dt.date, by: str, due: dt.date | None,
                   agency: str | None, text: str | None, reason: str | None) -> str:
    earlier: dict = {"on": on}
    said = []
    if due is not None and due != action.due:
        if reason is None or not reason.strip():
            raise UsageError("--due needs --reason TEXT: why the action was given longer (it is kept with the old date)")
        first = action.updates[0].on if action.updates else None
        if first is not None and due < first:
            raise UsageError(f"{due.isoformat()} is before the action was agreed ({first.isoformat()}); check the date", option="due")
        earlier["due"] = action.due
        said.append(f"due {long_date(action.due)} -> {long_date(due)}")
    if agency is not None and agency != action.agency:
        earlier["agency"] = action.agency
        said.append(f"owner {action.agency} -> {agency}")
    if text is not None:
        text = _text(text, "--text")
        if text != action.text:
            earlier["text"] = action.text
            said.append("text changed")
    if not said:
        return "unchanged"
    if reason is not None and reason.strip():
        earlier["reason"] = " ".join(reason.split())
    earlier["by"] = by
    changes = block.get("changes")
    if not isinstance(changes, list):
        put(block, "changes", [])
        changes = block["changes"]
    append(changes, earlier)
    for key in ("due", "agency", "text"):
        if key in earlier:
            put(block, key, {"due": due, "agency": agency, "text": text}[key])
    summary = ", ".join(said)
    return summary + (f": {earlier['reason']}" if "reason" in earlier else "")


def _add_update(action: Action, block: MutableMapping, *, status: str, note: str | None, on: dt.date, by: str) -> str:
    last = action.last_update
    if last is not None and on < last.on:
        raise UsageError(
            f"{on.isoformat()} is before {action.key}'s last update ({last.on.isoformat()}); "
            "updates are kept in date order", option="on")
    if status == ActionStatus.COMPLETE and not (note and note.strip()):
        raise UsageError("--note is needed to mark an action complete: say what shows it is done (the evidence)")
    updates = block.get("updates")
    if not isinstance(updates, list):
        put(block, "updates", [])
        updates = block["updates"]
    entry = {"on": on, "status": status}
    if note and note.strip():
        entry["note"] = " ".join(note.split())
    entry["by"] = by
    append(updates, entry)
    change = status if status == action.status else f"{action.status} -> {status}"
    return f"{change} on {long_date(on)}"
