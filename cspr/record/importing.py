"""A spreadsheet tracker's rows turned into review records: the columns, and each row's checks. Pure.

The storage layer reads a workbook or CSV into `Cell`s that know their address (`Reviews!C3`
or `3:4`); this module matches the headings to the columns cspr knows, reads each row's values,
and applies them to a review's YAML document through the same recording functions the
commands use (`cspr.record.stages`), so an imported review is exactly what the equivalent
`cspr new`, `set`, `decide`, `plan` and `complete` commands would have made. Every problem is
collected with its cell, so one bad cell never hides another.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, MutableMapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from cspr.errors import CsprError, InvalidField
from cspr.model.dates import ACCEPTED, long_date, parse_date
from cspr.model.process import DECISION_STAGE, Process, nearest_key
from cspr.model.restricted import NUMBERED, term_number, terms_in
from cspr.model.review import Review, parse_review
from cspr.record import stages as recording
from cspr.record.document import put

PLAN_PREFIX = "plan:"
LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class Column:
    """A column cspr reads: its key, the heading the template writes, and what it holds."""

    key: str  # id, child, ..., a stage key, or plan:<stage>
    heading: str
    kind: str  # text | date | list | track
    note: str


FACT_COLUMNS = (
    Column("id", "ID", "text", "Optional. The review's ID; empty: made from the year of 'aware' and "
           "the pseudonym, as 'cspr new' does (2026-child-h)."),
    Column("child", "Child", "text", "Required. The pseudonym (Child H, Baby B). Never a real name."),
    Column("aware", "Aware", "date", "Required. When the local authority became aware of the incident."),
    Column("incident", "Incident", "date", "Optional. When the incident happened."),
    Column("agencies", "Agencies", "list", "Agencies taking part, separated by ';'. Empty: the agencies "
           "in cspr.yaml."),
    Column("themes", "Themes", "list", "Themes such as neglect; domestic abuse (separated by ';')."),
    Column("decision", "Decision", "track", "The decision after the rapid review: local, national or none."),
    Column("decision-date", "Decision date", "date", "When the decision was made (needed with a decision)."),
    Column("lead-reviewer", "Lead reviewer", "text", "The independent lead reviewer."),
    Column("publication-address", "Publication address", "text", "Where the report is published (a web address)."),
)


@dataclass(frozen=True)
class Cell:
    """One cell of the tracker: where it is (`Reviews!C3` or `3:4`), and its value."""

    where: str
    value: Any  # str, date, datetime, number or None


@dataclass(frozen=True)
class Problem:
    where: str
    message: str


@dataclass
class TrackerRow:
    """One row's values by column key, each with the cell it came from."""

    number: int
    first: Cell  # where to point for a problem of the whole row
    cells: dict[str, Cell] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)  # keys of cells with a problem already named

    def where(self, key: str) -> str:
        cell = self.cells.get(key)
        return cell.where if cell is not None else self.first.where


def normalise(heading: str) -> str:
    """Headings match ignoring case, spaces, underscores and hyphens."""
    return re.sub(r"[\s_-]+", "", heading.casefold())


def columns_for(process: Process) -> list[Column]:
    """Every column the tracker may have for this process, in the template's order."""
    found = list(FACT_COLUMNS)
    # The decision is a stage with a deadline, but the tracker records it in its own columns.
    stages = [stage for stage in process.stages if stage.key != DECISION_STAGE]
    for stage in stages:
        what = "completion date"
        if stage.per_agency:
            what = "date every agency confirmed (one date for all)"
        elif stage.every is not None:
            what = f"date of a check (recorded as 'cspr complete ID {stage.key}' would; it recurs every {stage.every.interval})"
        found.append(Column(stage.key, stage.key, "date", f"{stage.title} ({stage.owner}): {what}."))
    for stage in stages:
        if stage.every is None:
            found.append(Column(f"{PLAN_PREFIX}{stage.key}", f"{PLAN_PREFIX}{stage.key}", "date",
                                f"The date agreed in the review's timeline for {stage.key} ('cspr plan')."))
    return found


def template_columns(process: Process) -> list[Column]:
    """The columns the template offers: the facts, every stage, and plans for stages with no rule
    and for those others count back from (publication: the notice to the National Panel)."""
    counted_back_from = {s.due.anchor for s in process.stages if s.due is not None and s.due.direction == "before"}

    def wanted(column: Column) -> bool:
        if not column.key.startswith(PLAN_PREFIX):
            return True
        key = column.key[len(PLAN_PREFIX):]
        stage = process.stage(key)
        return stage is not None and (stage.due is None or key in counted_back_from)

    return [column for column in columns_for(process) if wanted(column)]


def match_headings(headings: Sequence[Cell], process: Process) -> tuple[dict[int, Column], list[Problem]]:
    """Column index -> Column for each heading; a problem for each unknown or repeated one."""
    # every column's key ("decision-date") reads as its heading ("Decision date") does
    known = {normalise(c.heading): c for c in columns_for(process)}
    found: dict[int, Column] = {}
    seen: dict[str, str] = {}
    problems = []
    for index, cell in enumerate(headings):
        text = "" if cell.value is None else str(cell.value).strip()
        if not text:
            continue
        column = known.get(normalise(text))
        if column is None:
            near = nearest_key(normalise(text), list(known))
            hint = f"did you mean {known[near].heading!r}? " if near else ""
            names = ", ".join(c.heading for c in columns_for(process))
            problems.append(Problem(cell.where, f"unknown column {text!r}; {hint}the columns are: {names}"))
        elif column.key in seen:
            problems.append(Problem(cell.where, f"column {text!r} repeats {seen[column.key]}"))
        else:
            seen[column.key] = cell.where
            found[index] = column
    keys = {column.key for column in found.values()}
    for required in ("child", "aware"):
        if required not in keys and headings:
            heading = next(c.heading for c in FACT_COLUMNS if c.key == required)
            problems.append(Problem(headings[0].where, f"no {heading!r} column; the tracker needs one "
                                                       "('cspr import --template FILE.xlsx' writes the headings)"))
    return found, problems


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _date(value: Any, today: dt.date) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)):
        raise ValueError(f"{value!r} is a number, not a date; format the cell as a date, or type {ACCEPTED}")
    return parse_date(str(value), today)


def read_row(number: int, cells: Sequence[Cell], columns: dict[int, Column], process: Process,
             today: dt.date, terms: Sequence[str]) -> tuple[TrackerRow | None, list[Problem]]:
    """The row's values (None for an empty row), and a problem for each cell that cannot be used."""
    if all(c.value is None or (isinstance(c.value, str) and not c.value.strip()) for c in cells):
        return None, []
    row = TrackerRow(number, cells[0])
    problems = []
    for index, cell in enumerate(cells):
        value = cell.value
        if value is None or (isinstance(value, str) and not value.strip()):
            continue  # an empty cell is "not recorded"
        column = columns.get(index)
        if column is None:
            problems.append(Problem(cell.where, "a value in a column without a heading; give the column "
                                                "a heading or clear the cell"))
            continue
        if isinstance(value, str):
            found = terms_in(value, terms)
            if found:
                row.unreadable.add(column.key)
                problems.append(Problem(cell.where, f"holds restricted {', '.join(term_number(t, terms) for t in found)} "
                                        f"({NUMBERED}); use pseudonyms only"))
                continue
        row.cells[column.key] = cell
        try:
            row.values[column.key] = _value(column, value, process, today)
        except ValueError as exc:
            row.unreadable.add(column.key)
            problems.append(Problem(cell.where, f"{column.heading}: {exc}"))
    return row, problems


def _value(column: Column, value: Any, process: Process, today: dt.date) -> Any:
    if column.kind == "date":
        day = _date(value, today)
        if day > today and not column.key.startswith(PLAN_PREFIX):
            raise ValueError(f"{day.isoformat()} is in the future; only planned dates (the plan: columns) may be")
        return day
    if column.kind == "list":
        return [item for item in (" ".join(part.split()) for part in str(value).split(LIST_SEPARATOR)) if item]
    if column.kind == "track":
        text = _text(value).casefold()
        for track in process.tracks:
            if track.casefold() == text:
                return track
        raise ValueError(f"{_text(value)!r} is not a decision; use one of: {', '.join(process.tracks)}")
    return _text(value)


# -- applying a row to a review ------------------------------------------------------------------

Schedule = Callable[[Review], Any]  # review -> its ReviewSchedule today (for recurring stages)


_FACT_FIELDS = {"lead-reviewer": "lead_reviewer", "publication-address": "publication_address", "incident": "incident"}


@dataclass
class Outcome:
    """What a row did to its review: one line per change, and the problems met."""

    changes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def apply_row(process: Process, row: TrackerRow, review_id: str, document: MutableMapping, *,
              today: dt.date, by: str, update: bool, schedule: Schedule) -> Outcome:
    """Record the row's facts, decision, plans and completions on the review's document.

    For a new review (`update` False) the document is the fresh record of `cspr new`; with
    `update`, an existing review, and only what differs from it is recorded.
    """
    outcome = Outcome()
    values = row.values

    def attempt(key: str, change: Callable[[Review], str | None]) -> None:
        try:
            # The review as the document stands now: each change sees the ones before it.
            summary = change(parse_review(document, review_id))
        except CsprError as exc:
            outcome.problems.append(Problem(row.where(key), str(exc)))  # a cell names no option
        except InvalidField as exc:
            outcome.problems.append(Problem(row.where(key), exc.message))
        else:
            if summary:
                outcome.changes.append(summary)

    if update:
        _check_fixed(row, parse_review(document, review_id), outcome)
        if "themes" in values:
            attempt("themes", lambda review: _set_themes(review, document, values["themes"]))
    for key in _FACT_FIELDS:  # the facts `cspr set` records
        if key in values:
            attempt(key, lambda review, k=key: _set_fact(review, document, k, values[k], today))

    if {"decision", "decision-date"} & row.unreadable:
        pass  # its problem is named already
    elif "decision" in values or "decision-date" in values:
        if "decision" not in values:
            outcome.problems.append(Problem(row.where("decision-date"), "a decision date without a decision; "
                                            f"say which: {', '.join(process.tracks)}"))
        elif "decision-date" not in values:
            outcome.problems.append(Problem(row.where("decision"), "Decision date is empty; give the day it was made"))
        else:
            attempt("decision", lambda review: _decide(process, review, document, values["decision"],
                                                       values["decision-date"], today, by))

    for stage in process.stages:
        key = f"{PLAN_PREFIX}{stage.key}"
        if key in values:
            attempt(key, lambda review, s=stage.key, k=key: _plan(process, review, document, s, values[k]))
    for stage in process.stages:
        if stage.key in values and stage.key != DECISION_STAGE:  # the decision's own columns, above
            attempt(stage.key, lambda review, s=stage: _complete(process, review, document, s, values[s.key],
                                                                  today, by, schedule))
    return outcome



def _check_fixed(row: TrackerRow, review: Review, outcome: Outcome) -> None:
    """Facts no command changes (the pseudonym, when the LA became aware, who takes part)."""
    values = row.values
    if "child" in values and values["child"] != review.child:
        outcome.problems.append(Problem(row.where("child"), f"the record says {review.child!r}; "
                                        "the pseudonym of a review is not changed by import"))
    if "aware" in values and values["aware"] != review.aware:
        outcome.problems.append(Problem(row.where("aware"), f"the record says {review.aware.isoformat()}; "
                                        "the date the LA became aware is not changed by import"))
    if "agencies" in values and [a.casefold() for a in values["agencies"]] != [a.casefold() for a in review.agencies]:
        outcome.problems.append(Problem(row.where("agencies"), f"the record has {'; '.join(review.agencies)}; "
                                        "the agencies taking part are not changed by import"))


def _set_themes(review: Review, document: MutableMapping, themes: list[str]) -> str | None:
    if [t.casefold() for t in themes] == [t.casefold() for t in review.themes]:
        return None
    put(document, "themes", list(themes))
    return f"themes set to {'; '.join(themes)}"


def _set_fact(review: Review, document: MutableMapping, name: str, value: Any, today: dt.date) -> str | None:
    if getattr(review, _FACT_FIELDS[name]) == value:
        return None
    text = value.isoformat() if isinstance(value, dt.date) else value
    return recording.set_field(review, document, name, text, today=today)


def _decide(process: Process, review: Review, document: MutableMapping, track: str, on: dt.date,
            today: dt.date, by: str) -> str | None:
    if review.decision is not None and review.decision.track == track and review.decision.on == on:
        return None
    return recording.decide(process, review, document, track, on=on, today=today, by=by)


def _plan(process: Process, review: Review, document: MutableMapping, key: str, day: dt.date) -> str | None:
    if review.plans.get(key) == day:
        return None
    return recording.plan(process, review, document, key, day)


def _complete(process: Process, review: Review, document: MutableMapping, stage: Any, day: dt.date,
              today: dt.date, by: str, schedule: Schedule) -> str | None:
    key = stage.key
    if stage.every is not None:
        if any(o.done == day for o in review.occurrences.get(key, ())):
            return None
        state = schedule(review).state(key)
        outstanding = state.outstanding if state is not None else ()  # as 'cspr complete' records it
        return recording.complete(process, review, document, key, on=day, today=today, by=by, outstanding=outstanding)
    if stage.per_agency and review.agencies:
        confirmed = review.agency_completions.get(key, {})
        done = [recording.complete(process, review, document, key, on=day, today=today, by=by, agency=agency,
                                   amend=agency in confirmed)
                for agency in review.agencies if agency not in confirmed or confirmed[agency].done != day]
        return f"{key} confirmed by {len(done)} agenc{'y' if len(done) == 1 else 'ies'} on {long_date(day)}" if done else None
    earlier = review.completions.get(key)
    if earlier is not None and earlier.done == day:
        return None
    return recording.complete(process, review, document, key, on=day, today=today, by=by,
                              amend=earlier is not None)
