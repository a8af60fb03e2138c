"""A review's record: the values read from `reviews/<ID>/review.yaml`, checked field by field.

Parsing is pure: it takes the loaded YAML (plain or round-trip) and raises InvalidField with
the key path of the first problem, which the storage layer turns into FILE:LINE:COL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cspr.errors import InvalidField
from cspr.model.dates import EARLIEST, LATEST, out_of_range
from cspr.model.ids import ID_PATTERN
from cspr.model.statuses import ActionStatus

ACTION_STATUSES = tuple(status.value for status in ActionStatus)


@dataclass(frozen=True, slots=True)
class Completion:
    """One recorded completion: when, who recorded it, and any note."""

    done: dt.date
    by: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One occurrence of a recurring stage: the scheduled date it answers, and its completion."""

    due: dt.date
    done: dt.date
    by: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Hold:
    """Parallel proceedings (trial, inquest, family court) pausing publication."""

    reason: str
    start: dt.date
    end: dt.date | None = None

    def days(self) -> int:
        return (self.end - self.start).days if self.end else 0


@dataclass(frozen=True, slots=True)
class Decision:
    track: str
    on: dt.date
    by: str | None = None
    reason: str | None = None  # why it changed an earlier decision (`cspr decide --change`)


@dataclass(frozen=True, slots=True)
class Skip:
    """An optional stage that will not happen ("not needed"), and why."""

    on: dt.date
    reason: str
    by: str | None = None


@dataclass(frozen=True, slots=True)
class Closure:
    on: dt.date
    reason: str
    by: str | None = None


@dataclass(frozen=True, slots=True)
class Withholding:
    """The decision not to publish the report (wholly or in part), and why."""

    on: dt.date
    reason: str
    by: str | None = None


@dataclass(frozen=True, slots=True)
class ActionUpdate:
    on: dt.date
    status: str
    note: str | None = None
    by: str | None = None


@dataclass(frozen=True, slots=True)
class ActionChange:
    """A correction to an action (`cspr action update --due/--agency/--text`): the values it
    had before, so an extension never hides the date first agreed."""

    on: dt.date
    reason: str | None = None
    by: str | None = None
    due: dt.date | None = None
    agency: str | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Action:
    key: str  # R1.2
    recommendation: str  # R1
    agency: str
    due: dt.date
    text: str
    updates: tuple[ActionUpdate, ...] = ()
    changes: tuple[ActionChange, ...] = ()

    @property
    def original_due(self) -> dt.date | None:
        """The due date first agreed, when it has since been moved (None otherwise)."""
        earlier = [change.due for change in self.changes if change.due is not None]
        return earlier[0] if earlier and earlier[0] != self.due else None

    @property
    def status(self) -> str:
        return self.updates[-1].status if self.updates else ActionStatus.NOT_STARTED.value

    @property
    def last_update(self) -> ActionUpdate | None:
        return self.updates[-1] if self.updates else None

    @property
    def completed_on(self) -> dt.date | None:
        return self.updates[-1].on if self.status == ActionStatus.COMPLETE else None


@dataclass(frozen=True, slots=True)
class Recommendation:
    key: str  # R1
    text: str
    actions: tuple[Action, ...] = ()


@dataclass(frozen=True, slots=True)
class Review:
    id: str
    child: str
    aware: dt.date
    incident: dt.date | None = None
    agencies: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    lead_reviewer: str | None = None
    publication_address: str | None = None
    decision: Decision | None = None
    completions: Mapping[str, Completion] = field(default_factory=dict)
    agency_completions: Mapping[str, Mapping[str, Completion]] = field(default_factory=dict)
    occurrences: Mapping[str, tuple[Occurrence, ...]] = field(default_factory=dict)
    plans: Mapping[str, dt.date] = field(default_factory=dict)
    intervals: Mapping[str, str] = field(default_factory=dict)
    holds: tuple[Hold, ...] = ()
    closed: Closure | None = None
    recommendations: tuple[Recommendation, ...] = ()
    looked_after: bool = False
    withheld: Withholding | None = None
    decision_history: tuple[Decision, ...] = ()  # earlier decisions, oldest first
    skipped: Mapping[str, Skip] = field(default_factory=dict)
    stage_blocks: tuple[str, ...] = ()  # every key under `stages:`, an empty block's too (for check)

    @property
    def track(self) -> str | None:
        return self.decision.track if self.decision else None

    @property
    def facts(self) -> frozenset[str]:
        """What a process stage's `when` can ask about this review."""
        found = set()
        if self.withheld is not None:
            found.add("withheld")
        if self.looked_after:
            found.add("looked-after")
        return frozenset(found)

    @property
    def actions(self) -> list[Action]:
        return [action for rec in self.recommendations for action in rec.actions]

    def current_hold(self, as_of: dt.date) -> Hold | None:
        for hold in self.holds:
            if hold.end is None and hold.start <= as_of:
                return hold
        return None


# -- parsing --------------------------------------------------------------------------------

_REVIEW_KEYS = {
    "id", "child", "aware", "incident", "agencies", "themes", "lead_reviewer",
    "publication_address", "decision", "stages", "plans", "intervals", "holds", "closed",
    "recommendations", "looked_after", "withheld",
}


def _date(value: Any, path: tuple, *, required: bool = True) -> dt.date | None:
    # The fast path first: a file is hundreds of fields, nearly all of them fine.
    if type(value) is dt.date and EARLIEST <= value <= LATEST:
        return value
    if value is None and not required:
        return None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        shown = "nothing" if value is None else repr(value)
        raise InvalidField(path, f"expected a date written as 2026-04-01, found {shown}")
    problem = out_of_range(value)
    if problem:
        raise InvalidField(path, f"{problem}; correct the year")
    return value


def _text(value: Any, path: tuple, *, required: bool = True) -> str | None:
    if type(value) is str and (not required or value.strip()):
        return value
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and not value.strip()):
        raise InvalidField(path, f"expected text, found {'nothing' if value is None else repr(value)}")
    return value


def _mapping(value: Any, path: tuple) -> Mapping:
    if type(value) is dict:
        return value
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise InvalidField(path, "expected a mapping of keys to values")
    return value


def _list(value: Any, path: tuple) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise InvalidField(path, "expected a list")
    return value


def _known_keys(data: Mapping, allowed: set[str], path: tuple) -> None:
    if allowed.issuperset(data):
        return
    for key in data:
        if key not in allowed:
            raise InvalidField(
                path + (key,), f"unknown key {key!r}; expected one of: {', '.join(sorted(allowed))}",
                at_key=True,
            )


_COMPLETION_KEYS = frozenset({"done", "by", "note"})
_OCCURRENCE_KEYS = frozenset({"due", "done", "by", "note"})
_UPDATE_KEYS = frozenset({"on", "status", "note", "by"})


def _well_formed_date(value: Any) -> bool:
    """What `_date` accepts as it is: the fast paths below ask this, and leave the rest to it."""
    return type(value) is dt.date and EARLIEST <= value <= LATEST


# The fast paths below take a record whose every field is well formed (nearly all of them: a
# workspace has hundreds of thousands) in one test, without a call and a key path per field;
# anything else goes through the field-by-field checks, which name the first problem. Over
# 10,000 reviews the per-field calls were a third of parsing on the first run after a clone.
def _completion(data: Any, path: tuple) -> Completion | None:
    if type(data) is dict and _COMPLETION_KEYS.issuperset(data):
        done = data.get("done")
        if done is None:
            return None
        by, note = data.get("by"), data.get("note")
        if (_well_formed_date(done) and (by is None or type(by) is str)
                and (note is None or type(note) is str)):
            return Completion(done, by, note)
    data = _mapping(data, path)
    _known_keys(data, _COMPLETION_KEYS, path)
    done = _date(data.get("done"), path + ("done",), required=False)
    if done is None:
        return None
    return Completion(done, _text(data.get("by"), path + ("by",), required=False),
                      _text(data.get("note"), path + ("note",), required=False))


def _decision(data: Mapping, path: tuple) -> Decision:
    return Decision(
        _text(data.get("track"), path + ("track",)),
        _date(data.get("on"), path + ("on",)),
        _text(data.get("by"), path + ("by",), required=False),
        _text(data.get("reason"), path + ("reason",), required=False),
    )


def parse_review(data: Any, folder_name: str | None = None) -> Review:
    """Build a Review from parsed YAML, checking every field (one section at a time, in the
    order the file lays them out)."""
    if not isinstance(data, Mapping):
        raise InvalidField((), "a review file is a mapping of fields (id, child, aware, ...)")
    _known_keys(data, _REVIEW_KEYS, ())
    review_id = _text(data.get("id"), ("id",))
    if not ID_PATTERN.match(review_id):
        raise InvalidField(("id",), f"{review_id!r} is not a usable review ID")
    if folder_name is not None and review_id != folder_name:
        raise InvalidField(("id",), f"id {review_id!r} does not match its folder {folder_name!r}")
    child = _text(data.get("child"), ("child",))
    aware = _date(data.get("aware"), ("aware",))
    agencies = tuple(_text(a, ("agencies", i)) for i, a in enumerate(_list(data.get("agencies"), ("agencies",))))
    themes = tuple(_text(t, ("themes", i)) for i, t in enumerate(_list(data.get("themes"), ("themes",))))
    decision, decision_history = _decisions(data)
    stages = _stages(data)
    plans, intervals = _plans(data)
    holds = _holds(data)
    closed = _dated_reason(data, "closed", Closure)
    looked_after = _looked_after(data)
    withheld = _dated_reason(data, "withheld", Withholding)
    recommendations = _recommendations(data)
    return Review(
        id=review_id,
        child=child,
        aware=aware,
        incident=_date(data.get("incident"), ("incident",), required=False),
        agencies=agencies,
        themes=themes,
        lead_reviewer=_text(data.get("lead_reviewer"), ("lead_reviewer",), required=False),
        publication_address=_web_address(data.get("publication_address")),
        decision=decision,
        completions=stages.completions,
        agency_completions=stages.by_agency,
        occurrences=stages.occurrences,
        plans=plans,
        intervals=intervals,
        holds=holds,
        closed=closed,
        recommendations=recommendations,
        looked_after=looked_after,
        withheld=withheld,
        decision_history=decision_history,
        skipped=stages.skipped,
        stage_blocks=tuple(str(key) for key in _mapping(data.get("stages"), ("stages",))),
    )


def _decisions(data: Mapping) -> tuple[Decision | None, tuple[Decision, ...]]:
    """The decision in force, and the earlier ones it replaced (oldest first)."""
    decision = None
    decision_data = _mapping(data.get("decision"), ("decision",))
    _known_keys(decision_data, {"track", "on", "by", "reason", "history"}, ("decision",))
    if decision_data.get("track") is not None or decision_data.get("on") is not None:
        decision = _decision(decision_data, ("decision",))
    history = []
    for i, item in enumerate(_list(decision_data.get("history"), ("decision", "history"))):
        item_path = ("decision", "history", i)
        item = _mapping(item, item_path)
        _known_keys(item, {"track", "on", "by", "reason"}, item_path)
        history.append(_decision(item, item_path))
    return decision, tuple(history)


@dataclass
class _StageRecords:
    """What the `stages:` section records, by the kind of stage."""

    completions: dict[str, Completion] = field(default_factory=dict)
    by_agency: dict[str, dict[str, Completion]] = field(default_factory=dict)
    occurrences: dict[str, tuple[Occurrence, ...]] = field(default_factory=dict)
    skipped: dict[str, Skip] = field(default_factory=dict)


def _stages(data: Mapping) -> _StageRecords:
    found = _StageRecords()
    for key, stage_data in _mapping(data.get("stages"), ("stages",)).items():
        path = ("stages", key)
        stage_data = _mapping(stage_data, path)
        if "skipped" in stage_data:
            _known_keys(stage_data, {"skipped", "reason", "by"}, path)
            found.skipped[key] = Skip(
                _date(stage_data.get("skipped"), path + ("skipped",)),
                _text(stage_data.get("reason"), path + ("reason",)),
                _text(stage_data.get("by"), path + ("by",), required=False),
            )
        elif "agencies" in stage_data:
            _known_keys(stage_data, {"agencies"}, path)
            confirmed = {}
            for agency, agency_data in _mapping(stage_data["agencies"], path + ("agencies",)).items():
                completion = _completion(agency_data, path + ("agencies", agency))
                if completion:
                    confirmed[str(agency)] = completion
            found.by_agency[key] = confirmed
        elif "occurrences" in stage_data:
            _known_keys(stage_data, {"occurrences"}, path)
            found.occurrences[key] = tuple(
                _occurrence(item, path + ("occurrences", i))
                for i, item in enumerate(_list(stage_data["occurrences"], path + ("occurrences",)))
            )
        else:
            completion = _completion(stage_data, path)
            if completion:
                found.completions[key] = completion
    return found


def _occurrence(item: Any, path: tuple) -> Occurrence:
    if type(item) is dict and _OCCURRENCE_KEYS.issuperset(item):  # the fast path (see _completion)
        due, done, by, note = item.get("due"), item.get("done"), item.get("by"), item.get("note")
        if (_well_formed_date(due) and _well_formed_date(done) and (by is None or type(by) is str)
                and (note is None or type(note) is str)):
            return Occurrence(due, done, by, note)
    item = _mapping(item, path)
    _known_keys(item, _OCCURRENCE_KEYS, path)
    return Occurrence(
        _date(item.get("due"), path + ("due",)),
        _date(item.get("done"), path + ("done",)),
        _text(item.get("by"), path + ("by",), required=False),
        _text(item.get("note"), path + ("note",), required=False),
    )


def _plans(data: Mapping) -> tuple[dict[str, dt.date], dict[str, str]]:
    """The dates agreed for stages, and the intervals agreed for recurring ones."""
    plans = {}
    for key, value in _mapping(data.get("plans"), ("plans",)).items():
        planned = _date(value, ("plans", key), required=False)
        if planned:
            plans[key] = planned
    intervals = {}
    for key, value in _mapping(data.get("intervals"), ("intervals",)).items():
        if value is not None:
            intervals[key] = _text(value, ("intervals", key))
    return plans, intervals


def _holds(data: Mapping) -> tuple[Hold, ...]:
    holds = []
    for i, item in enumerate(_list(data.get("holds"), ("holds",))):
        path = ("holds", i)
        item = _mapping(item, path)
        _known_keys(item, {"reason", "from", "to", "by", "resumed_by"}, path)
        start = _date(item.get("from"), path + ("from",))
        end = _date(item.get("to"), path + ("to",), required=False)
        if end is not None and end < start:
            raise InvalidField(path + ("to",), "a hold cannot end before it starts")
        holds.append(Hold(_text(item.get("reason"), path + ("reason",)), start, end))
    return tuple(holds)


def _dated_reason(data: Mapping, key: str, kind: type):
    """`closed:` or `withheld:`: a date, the reason and who recorded it; None while empty."""
    block = _mapping(data.get(key), (key,))
    _known_keys(block, {"on", "reason", "by"}, (key,))
    if block.get("on") is None:
        return None
    return kind(
        _date(block.get("on"), (key, "on")),
        _text(block.get("reason"), (key, "reason")),
        _text(block.get("by"), (key, "by"), required=False),
    )


def _looked_after(data: Mapping) -> bool:
    looked_after = data.get("looked_after")
    # YAML 1.2 reads yes/no as text; a hand edit may well write them.
    looked_after = {None: False, "yes": True, "no": False}.get(looked_after, looked_after)
    if not isinstance(looked_after, bool):
        raise InvalidField(("looked_after",), f"expected true or false, found {looked_after!r}")
    return looked_after


def _recommendations(data: Mapping) -> tuple[Recommendation, ...]:
    recommendations = []
    for key, rec_data in _mapping(data.get("recommendations"), ("recommendations",)).items():
        path = ("recommendations", key)
        rec_data = _mapping(rec_data, path)
        _known_keys(rec_data, {"text", "actions"}, path)
        actions = tuple(
            _action(str(action_key), str(key), action_data, path + ("actions", action_key))
            for action_key, action_data in _mapping(rec_data.get("actions"), path + ("actions",)).items()
        )
        recommendations.append(Recommendation(str(key), _text(rec_data.get("text"), path + ("text",)), actions))
    return tuple(recommendations)


def _action(key: str, recommendation: str, data: Any, path: tuple) -> Action:
    data = _mapping(data, path)
    _known_keys(data, {"agency", "due", "text", "updates", "changes"}, path)
    updates = tuple(_update(update, path + ("updates", i))
                    for i, update in enumerate(_list(data.get("updates"), path + ("updates",))))
    changes = tuple(_action_change(change, path + ("changes", i))
                    for i, change in enumerate(_list(data.get("changes"), path + ("changes",))))
    return Action(
        key, recommendation,
        _text(data.get("agency"), path + ("agency",)),
        _date(data.get("due"), path + ("due",)),
        _text(data.get("text"), path + ("text",)),
        updates,
        changes,
    )


def _update(update: Any, path: tuple) -> ActionUpdate:
    if type(update) is dict and _UPDATE_KEYS.issuperset(update):  # the fast path (see _completion)
        on, status, note, by = update.get("on"), update.get("status"), update.get("note"), update.get("by")
        if (_well_formed_date(on) and type(status) is str and status in ACTION_STATUSES
                and (note is None or type(note) is str) and (by is None or type(by) is str)):
            return ActionUpdate(on, status, note, by)
    update = _mapping(update, path)
    _known_keys(update, _UPDATE_KEYS, path)
    status = _text(update.get("status"), path + ("status",))
    if status not in ACTION_STATUSES:
        raise InvalidField(path + ("status",), f"status must be one of {', '.join(ACTION_STATUSES)}")
    return ActionUpdate(
        _date(update.get("on"), path + ("on",)), status,
        _text(update.get("note"), path + ("note",), required=False),
        _text(update.get("by"), path + ("by",), required=False),
    )


def _action_change(change: Any, path: tuple) -> ActionChange:
    change = _mapping(change, path)
    _known_keys(change, {"on", "reason", "by", "due", "agency", "text"}, path)
    return ActionChange(
        _date(change.get("on"), path + ("on",)),
        _text(change.get("reason"), path + ("reason",), required=False),
        _text(change.get("by"), path + ("by",), required=False),
        _date(change.get("due"), path + ("due",), required=False),
        _text(change.get("agency"), path + ("agency",), required=False),
        _text(change.get("text"), path + ("text",), required=False),
    )


def is_web_address(text: str) -> bool:
    """An http(s) address with a host: what a briefing may link to (never javascript: or file:)."""
    import re

    return re.fullmatch(r"https?://[^\s/?#@]+\S*", text, re.IGNORECASE) is not None


def _web_address(value: Any) -> str | None:
    """The published report's address: http(s) only, since briefings link to it."""
    text = _text(value, ("publication_address",), required=False)
    if text and not is_web_address(text):
        raise InvalidField(("publication_address",), "publication_address must be a web address starting "
                           "https:// (or http://)")
    return text
