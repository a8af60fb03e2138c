"""The process a review goes through: stages, tracks and deadline rules, read from data.

Nothing about a partnership's local steps is written here: the default process is the
package's `process.yaml`, and a workspace may replace it with its own. This module turns the
parsed YAML into values and checks it; reading the file is the workspace's job.

Rules are written as a person would say them:

    due: 5 working days after aware
    due: 14 days after final-draft
    due: 6 months after decision
    due: 7 working days before published
    due: with rapid-review
    every: 3 months from published until actions complete

"with STAGE" is due on the same day as STAGE (the decision is due with the rapid review).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from cspr.errors import InvalidField

REVIEW_DATES = ("aware", "decision")  # dates of the review itself a rule may count from
# The stage whose completion is the recorded decision (`cspr decide`), not `cspr complete`.
DECISION_STAGE = "decision"
ALL_TRACKS = "all"
# Facts about a review that a stage's `when` may depend on (see Condition).
CONDITIONS = ("withheld", "looked-after")
ACTIONS_COMPLETE = "actions complete"

UNITS = {
    "working day": "working-days",
    "working days": "working-days",
    "day": "days",
    "days": "days",
    "week": "weeks",
    "weeks": "weeks",
    "month": "months",
    "months": "months",
}

_RULE = re.compile(r"^\s*(\d+)\s+([a-z ]+?)\s+(after|before)\s+(\S+)\s*$")
_WITH = re.compile(r"^\s*with\s+(\S+)\s*$")
_EVERY = re.compile(r"^\s*(\d+)\s+([a-z]+?)\s+from\s+(\S+)\s+until\s+(.+?)\s*$")
_INTERVAL = re.compile(r"^\s*(\d+)\s*(m|w|months?|weeks?)\s*$")
_KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")

RULE_EXAMPLE = "'5 working days after aware', '7 working days before published' or 'with rapid-review'"
EVERY_EXAMPLE = "'3 months from published until actions complete'"


@dataclass(frozen=True)
class Rule:
    """A deadline: `count` `unit` after (or before) an anchor, or the same day as a stage ("with")."""

    count: int
    unit: str  # working-days | days | weeks | months
    direction: str  # after | before | with
    anchor: str  # aware, decision, or a stage key

    def __str__(self) -> str:
        if self.direction == "with":
            return f"with {self.anchor}"
        unit = self.unit.replace("-", " ")
        if self.count == 1:
            unit = unit[:-1]
        return f"{self.count} {unit} {self.direction} {self.anchor}"


@dataclass(frozen=True)
class Interval:
    count: int
    unit: str  # weeks | months

    def __str__(self) -> str:
        unit = self.unit[:-1] if self.count == 1 else self.unit
        return f"{self.count} {unit}"


@dataclass(frozen=True)
class Recurrence:
    """A stage that falls due again and again: every `interval` from an anchor, until a condition."""

    interval: Interval
    anchor: str  # aware, decision, or a stage key (its completion)
    until: str  # a stage key (its completion) or "actions complete"

    def __str__(self) -> str:
        return f"{self.interval} from {self.anchor} until {self.until}"


@dataclass(frozen=True)
class Condition:
    """When a stage applies: only if a fact about the review holds (or, with `negated`, does not)."""

    fact: str  # one of CONDITIONS
    negated: bool = False

    def __str__(self) -> str:
        return f"not {self.fact}" if self.negated else self.fact


@dataclass(frozen=True)
class Stage:
    key: str
    title: str
    owner: str
    tracks: tuple[str, ...] = (ALL_TRACKS,)
    due: Rule | None = None
    every: Recurrence | None = None
    per_agency: bool = False
    optional: bool = False
    paused_by_holds: bool = False
    description: str = ""
    # Statutory deadlines count Monday to Friday less bank holidays only; a local stage's
    # deadline also skips the partnership's closure days.
    statutory: bool = False
    source: str = ""  # the law or guidance a statutory rule comes from
    when: Condition | None = None
    replaces: str | None = None  # the stage this one stands in for when that one does not apply

    @cached_property
    def rule_text(self) -> str | None:
        """Its rule as the process file words it (`5 working days after aware`), or None."""
        return str(self.due or self.every or "") or None

    def applies_to(self, track: str | None) -> bool:
        """Whether the stage is part of a review on `track` (None: not yet decided)."""
        if ALL_TRACKS in self.tracks:
            return True
        return track is not None and track in self.tracks

    def applies_given(self, track: str | None, facts: frozenset[str] | set[str]) -> bool:
        """Part of a review on `track` whose facts (withheld, looked-after) are `facts`."""
        if not self.applies_to(track):
            return False
        if self.when is None:
            return True
        return (self.when.fact in facts) != self.when.negated


@dataclass(frozen=True)
class Process:
    name: str
    tracks: Mapping[str, str]  # key -> description
    stages: tuple[Stage, ...]
    _by_key: Mapping[str, Stage] = field(default_factory=dict, compare=False, repr=False)
    # The stages (and their keys) for each track and facts asked about so far. A report asks
    # for every review it judges, and there are only a handful of answers: each is worked out
    # once. A memo, not part of the value (it never changes what any method returns).
    _applying: dict[tuple, tuple[tuple[Stage, ...], frozenset[str]]] = field(
        default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_key", {stage.key: stage for stage in self.stages})

    def stage(self, key: str) -> Stage | None:
        return self._by_key.get(key)

    def stages_for(self, track: str | None, facts: frozenset[str] | set[str] = frozenset()) -> list[Stage]:
        """The stages of a review on `track` whose facts (withheld, looked-after) are `facts`."""
        return list(self._stages_applying(track, facts)[0])

    def keys_applying(self, track: str | None, facts: frozenset[str] | set[str] = frozenset()) -> frozenset[str]:
        """The keys of `stages_for(track, facts)`."""
        return self._stages_applying(track, facts)[1]

    def _stages_applying(self, track: str | None,
                         facts: frozenset[str] | set[str]) -> tuple[tuple[Stage, ...], frozenset[str]]:
        memo_key = (track, frozenset(facts))
        found = self._applying.get(memo_key)
        if found is None:
            stages = tuple(stage for stage in self.stages if stage.applies_given(track, facts))
            found = self._applying[memo_key] = (stages, frozenset(stage.key for stage in stages))
        return found

    @property
    def keys(self) -> list[str]:
        return [stage.key for stage in self.stages]


def parse_interval(text: str) -> Interval:
    """'6m', '3 months', '2w', '1 week' -> Interval. Raises ValueError."""
    match = _INTERVAL.match(str(text).lower())
    if not match or int(match.group(1)) < 1:
        raise ValueError(f"{text!r} is not an interval; write it as '6m', '3 months' or '2 weeks'")
    unit = "months" if match.group(2).startswith("m") else "weeks"
    return Interval(_bounded(int(match.group(1)), unit, text), unit)


def parse_rule(text: Any) -> Rule:
    """Parse a rule such as '5 working days after aware'. Raises ValueError."""
    same_day = _WITH.match(str(text).lower()) if isinstance(text, str) else None
    if same_day:
        return Rule(0, "days", "with", same_day.group(1))
    match = _RULE.match(str(text).lower()) if isinstance(text, str) else None
    if not match:
        raise ValueError(f"{text!r} is not a deadline rule; write it as {RULE_EXAMPLE}")
    count, unit_words, direction, anchor = match.groups()
    unit = UNITS.get(unit_words.strip())
    if unit is None:
        raise ValueError(
            f"unknown unit {unit_words.strip()!r} in {text!r}; use working days, days, weeks or months"
        )
    if direction == "before" and unit != "working-days":
        raise ValueError(f"a 'before' rule counts working days: {text!r}")
    return Rule(_bounded(int(count), unit, text), unit, direction, anchor)


# The most of each unit a rule or interval may count: about ten years. A longer count is a
# typing slip, and would carry a deadline past the calendar (year 9999) and stop every report.
LONGEST = {"working-days": 2600, "days": 3660, "weeks": 520, "months": 120}


def _bounded(count: int, unit: str, text: Any) -> int:
    if count > LONGEST[unit]:
        raise ValueError(f"{text!r} counts more than {LONGEST[unit]} {unit.replace('-', ' ')} "
                         "(about ten years); check the number")
    return count


def parse_recurrence(text: Any) -> Recurrence:
    match = _EVERY.match(str(text).lower()) if isinstance(text, str) else None
    if not match:
        raise ValueError(f"{text!r} is not a recurring rule; write it as {EVERY_EXAMPLE}")
    count, unit, anchor, until = match.groups()
    interval = parse_interval(f"{count} {unit}")
    return Recurrence(interval, anchor, " ".join(until.split()))


_STAGE_KEYS = {
    "key", "title", "owner", "tracks", "due", "every", "per_agency", "optional",
    "paused_by_holds", "description", "statutory", "source", "when", "replaces",
}
_TOP_KEYS = {"name", "tracks", "stages"}


def _text(value: Any, path: tuple, what: str, *, required: bool = True) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise InvalidField(path, f"{what} must be text")
    return value.strip()


def _flag(value: Any, path: tuple) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise InvalidField(path, "must be true or false")
    return value


def parse_process(data: Any) -> Process:
    """Build and check a Process from parsed YAML; problems raise InvalidField with a key path."""
    if not isinstance(data, Mapping):
        raise InvalidField((), "a process file is a mapping with 'tracks' and 'stages'")
    for key in data:
        if key not in _TOP_KEYS:
            raise InvalidField((key,), f"unknown key {key!r}; expected one of {sorted(_TOP_KEYS)}", at_key=True)
    tracks = _tracks(data.get("tracks"))
    stages_data = data.get("stages")
    if not isinstance(stages_data, list) or not stages_data:
        raise InvalidField(("stages",), "'stages' must be a list of stages")
    stages: list[Stage] = []
    seen: dict[str, int] = {}  # stage key -> its index, for the rules that name it
    for index, entry in enumerate(stages_data):
        stage = _stage(entry, ("stages", index), tracks, seen)
        seen[stage.key] = index
        stages.append(stage)
    _check_anchors(stages, seen)
    return Process(name=str(data.get("name") or "CSPR process"), tracks=tracks, stages=tuple(stages))


def _tracks(tracks_data: Any) -> dict[str, str]:
    if not isinstance(tracks_data, Mapping) or not tracks_data:
        raise InvalidField(("tracks",), "'tracks' must map each track key to its description")
    tracks = {}
    for key, description in tracks_data.items():
        if not isinstance(key, str) or not _KEY.match(key) or key == ALL_TRACKS:
            raise InvalidField(("tracks", key), f"{key!r} is not a usable track key")
        tracks[key] = _text(description, ("tracks", key), "a track's description")
    return tracks


def _stage(entry: Any, path: tuple, tracks: Mapping[str, str], seen: Mapping[str, int]) -> Stage:
    """One stage's entry, checked on its own; the rules between stages are `_check_anchors`'."""
    if not isinstance(entry, Mapping):
        raise InvalidField(path, "each stage is a mapping with key, title and owner")
    for key in entry:
        if key not in _STAGE_KEYS:
            raise InvalidField(path + (key,), f"unknown key {key!r} in a stage", at_key=True)
    key = _text(entry.get("key"), path + ("key",), "'key'")
    if not _KEY.match(key):
        raise InvalidField(path + ("key",), f"{key!r}: a stage key is lower case letters, digits and '-'")
    if key in seen or (key in REVIEW_DATES and key != DECISION_STAGE):
        raise InvalidField(path + ("key",), f"stage key {key!r} is used twice")
    stage_tracks = _stage_tracks(entry.get("tracks", [ALL_TRACKS]), path + ("tracks",), tracks)
    rule, recurrence = _deadline(entry, path)
    if key == DECISION_STAGE and recurrence is not None:
        raise InvalidField(path + ("every",), "the decision is made once; it cannot recur")
    return Stage(
        key=key,
        title=_text(entry.get("title"), path + ("title",), "'title'"),
        owner=_text(entry.get("owner"), path + ("owner",), "'owner'"),
        tracks=stage_tracks,
        due=rule,
        every=recurrence,
        per_agency=_flag(entry.get("per_agency"), path + ("per_agency",)),
        optional=_flag(entry.get("optional"), path + ("optional",)),
        paused_by_holds=_flag(entry.get("paused_by_holds"), path + ("paused_by_holds",)),
        description=_text(entry.get("description"), path + ("description",), "'description'", required=False),
        statutory=_flag(entry.get("statutory"), path + ("statutory",)),
        source=_text(entry.get("source"), path + ("source",), "'source'", required=False),
        when=_condition(entry.get("when"), path + ("when",)),
        replaces=_text(entry.get("replaces"), path + ("replaces",), "'replaces'", required=False) or None,
    )


def _stage_tracks(value: Any, path: tuple, tracks: Mapping[str, str]) -> tuple[str, ...]:
    stage_tracks = [value] if isinstance(value, str) else value
    if not isinstance(stage_tracks, list) or not stage_tracks:
        raise InvalidField(path, "'tracks' is a list of track keys, or 'all'")
    for position, track in enumerate(stage_tracks):
        if track != ALL_TRACKS and track not in tracks:
            raise InvalidField(path + (position,), f"unknown track {track!r}; the process has {', '.join(tracks)} (or 'all')")
    return tuple(stage_tracks)


def _deadline(entry: Mapping, path: tuple) -> tuple[Rule | None, Recurrence | None]:
    """The stage's `due` rule or its `every` recurrence (never both), each checked."""
    rule = recurrence = None
    if entry.get("due") is not None:
        try:
            rule = parse_rule(entry["due"])
        except ValueError as exc:
            raise InvalidField(path + ("due",), str(exc)) from None
    if entry.get("every") is not None:
        try:
            recurrence = parse_recurrence(entry["every"])
        except ValueError as exc:
            raise InvalidField(path + ("every",), str(exc)) from None
    if rule and recurrence:
        raise InvalidField(path + ("every",), "a stage has either 'due' or 'every', not both")
    return rule, recurrence


def _condition(value: Any, path: tuple) -> Condition | None:
    if value is None:
        return None
    words = str(value).split() if isinstance(value, str) else []
    negated = len(words) == 2 and words[0] == "not"
    fact = words[-1] if words and len(words) == 1 + negated else None
    if fact not in CONDITIONS:
        shown = " or ".join(f"'{c}', 'not {c}'" for c in CONDITIONS)
        raise InvalidField(path, f"'when' is one of {shown}; found {value!r}")
    return Condition(fact, negated)


def _check_anchors(stages: list[Stage], index_of: Mapping[str, int]) -> None:
    """Every rule names a known date or stage, and no stage's deadline depends on itself."""
    depends: dict[str, str] = {}
    for index, stage in enumerate(stages):
        if stage.replaces is not None and stage.replaces not in index_of:
            raise InvalidField(("stages", index, "replaces"),
                               f"unknown stage {stage.replaces!r}{_suggest(stage.replaces, index_of)}")
        if stage.due:
            anchor, where = stage.due.anchor, ("stages", index, "due")
            if stage.due.direction in ("before", "with") and anchor in REVIEW_DATES and anchor not in index_of:
                if stage.due.direction == "before":
                    raise InvalidField(where, f"'before' counts back from a stage's planned date, not {anchor!r}")
                raise InvalidField(where, f"'with' names a stage, not {anchor!r}")
        elif stage.every:
            anchor, where = stage.every.anchor, ("stages", index, "every")
            until = stage.every.until
            if until != ACTIONS_COMPLETE and until not in index_of:
                raise InvalidField(where, f"unknown stage {until!r} after 'until'{_suggest(until, index_of)}")
        else:
            continue
        if anchor not in REVIEW_DATES and anchor not in index_of:
            raise InvalidField(where, f"unknown stage or date {anchor!r}{_suggest(anchor, index_of)}")
        if anchor == stage.key:
            raise InvalidField(where, f"stage {stage.key!r} cannot count from itself")
        if anchor in index_of:
            depends[stage.key] = anchor
    for start in depends:
        chain = [start]
        step = depends.get(start)
        while step is not None:
            if step == start:
                raise InvalidField(
                    ("stages", index_of[start], "due" if stages[index_of[start]].due else "every"),
                    "deadline rules go round in a circle: " + " -> ".join(chain + [start]),
                )
            if step in chain:
                break
            chain.append(step)
            step = depends.get(step)


def _suggest(word: str, known: Mapping[str, Any]) -> str:
    if word in REVIEW_DATES:  # 'decision' is a date of the review, but not a stage of this process
        return f" ({word!r} is not a stage of this process)"
    close = nearest_key(word, [key for key in (*REVIEW_DATES, *known) if key != word])
    return f" (did you mean {close!r}?)" if close else ""


def nearest_key(word: str, keys: list[str]) -> str | None:
    import difflib

    close = difflib.get_close_matches(word, keys, n=1, cutoff=0.5)
    return close[0] if close else None
