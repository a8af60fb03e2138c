"""Turning results into text: JSON, CSV, Markdown, plain tables for pipes, fitted tables for people.

Every listing command builds a `Listing` (column keys and headings, rows of plain values, and
the JSON payload) and hands it here, so every command has the same `--format` behaviour.
JSON and CSV are interfaces: their shapes are documented in docs/ and kept stable.

At a terminal a table is fitted to the width (`fit_columns`): IDs, stage keys and dates are
never cut or wrapped; long texts are cut with an ellipsis at a word boundary (or wrapped at word
boundaries with `--wide`); low-priority columns give way first. Only the status cell is coloured.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

KEEP = "keep"  # never cut or wrapped: IDs, stage keys, dates, numbers, status words
TEXT = "text"  # long text: cut with an ellipsis at a terminal, wrapped with --wide
SEPARATOR = "  "
ELLIPSIS = "…"
ONE_LINE_FROM = 100  # from this width an item takes one line; below it, at most two


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    justify: str = "left"
    fit: str = TEXT
    priority: int = 1  # 1: always shown; a higher number gives way sooner when the terminal is narrow
    min_width: int = 12  # a TEXT column is never cut narrower than this (or its longest first word)


@dataclass
class Listing:
    columns: Sequence[Column]  # what the table shows (formatted cells)
    rows: list[dict[str, Any]]  # cells for tables, keyed by column key
    records: list[dict[str, Any]]  # plain values for JSON and CSV, one per row
    record_fields: Sequence[str] = ()  # CSV column order
    payload: Any = None  # the whole JSON document (defaults to the records)
    styles: list[str | None] = field(default_factory=list)  # per row: the status cell's colour
    title: str | None = None
    summary: str | None = None
    status: str | None = None  # the key of the column whose cell carries the row's colour
    name: str | None = None  # what the listing is ("Deadlines"), for the Markdown heading
    as_of: dt.date | None = None  # the day it was judged on (default: today)


class Rows(Sequence):
    """Records kept as the tuples a report computed (NamedTuples), with their field names.

    Read as a sequence it gives one dict per record, so CSV and xlsx treat it like any list of
    records; JSON writes each tuple straight into an object, without building a dict per
    record first (over 10,000 reviews the overdue report has tens of thousands of items).
    """

    __slots__ = ("fields", "values")

    def __init__(self, fields: Sequence[str], values: Sequence[tuple]):
        self.fields = tuple(fields)
        self.values = values

    def __len__(self) -> int:
        return len(self.values)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [dict(zip(self.fields, row, strict=True)) for row in self.values[index]]
        return dict(zip(self.fields, self.values[index], strict=True))


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def to_json(payload: Any) -> str:
    """JSON for scripts and people: indented two spaces, except that each record in a list of
    records (a report's items, a review's stages) stands on one line of its own.

    One record per line reads well and greps well, and lets json's C encoder write each record
    whole: json's indented writer is pure Python, and over 10,000 reviews it was a third of the
    report's time. UTF-8 text, dates as ISO text.
    """
    return _pretty(payload, "\n") + "\n"


_string = json.encoder.encode_basestring  # the C string encoder where CPython has it
_compact = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "), default=_json_default)
# Every separator a line break: the encoder escapes line breaks inside strings, so in its output
# a real line break is always one of these separators, and can be told apart by what is around it.
_broken = json.JSONEncoder(ensure_ascii=False, separators=(",\n", ": "), default=_json_default)
_RECORD_BREAK = "\x01"  # never raw in the encoder's output (control characters are escaped)


def _records(records: list | tuple, inner: str, newline: str) -> str:
    """A list of records, one per line, written by one call of the C encoder."""
    body = _broken.encode(records)[1:-1]
    body = body.replace("},\n{", "}," + _RECORD_BREAK + "{").replace(",\n", ", ")
    return "[" + inner + body.replace(_RECORD_BREAK, inner) + newline + "]"


def _scalar(value: Any) -> str:
    """What `_compact.encode(value)` writes, for the values a record holds, without its overhead."""
    kind = type(value)
    if kind is str:
        return _string(value)
    if value is None:
        return "null"
    if kind is int:
        return int.__repr__(value)
    if kind is dt.date:
        return '"' + value.isoformat() + '"'
    if isinstance(value, str):  # a status (StrEnum) is its word
        return _string(value)
    return _compact.encode(value)


# Values that equal only values written the same way (True == 1 == 1.0 is why bool and float
# are not among them; a status equals its word, and is written as it)
_PLAIN = frozenset({int, dt.date, type(None)})


def _column(values: list) -> list[str]:
    """One field of every record, as `_scalar` writes each value, a whole column at a time: a
    column of one kind (text, dates) goes through the C string encoder in one `map`."""
    kinds = set(map(type, values))
    if values and all(kind in _PLAIN or issubclass(kind, str) for kind in kinds):
        distinct = set(values)
        if len(distinct) * 4 <= len(values):
            # Few values, many times over (a stage, an owner, a due date, a status): each is
            # written once and looked up after (over 10,000 reviews, a tenth of the JSON's time).
            written = dict(zip(distinct, _column(list(distinct)), strict=True))
            return list(map(written.__getitem__, values))
    has_none = type(None) in kinds
    kinds.discard(type(None))
    if all(issubclass(kind, str) for kind in kinds):  # text, and statuses (StrEnums)
        if not has_none:
            return list(map(_string, values))
        return [_string(value) if value is not None else "null" for value in values]
    if kinds == {dt.date}:
        return ['"' + value.isoformat() + '"' if value is not None else "null" for value in values]
    return list(map(_scalar, values))


def _rows(rows: Rows, inner: str, newline: str) -> str:
    """Each record on a line of its own, exactly as `_records` writes the same dicts.

    Written column by column and then row by row through one %-template, so the work per value
    is done by C code: over 10,000 reviews the overdue report writes 35,000 records.
    """
    values = rows.values if isinstance(rows.values, list) else list(rows.values)
    keys = [_string(field).replace("%", "%%") + ": %s" for field in rows.fields]
    template = "{" + ", ".join(keys) + "}"
    columns = [_column(list(column)) for column in zip(*values, strict=True)]
    lines = list(map(template.__mod__, zip(*columns, strict=True)))
    return "[" + inner + ("," + inner).join(lines) + newline + "]"


def _pretty(value: Any, newline: str) -> str:
    kind = type(value)
    if kind is Rows:
        return _rows(value, newline + "  ", newline) if value.values else "[]"
    if kind is dict and value and all(type(key) is str for key in value):
        inner = newline + "  "
        entries = (f"{_string(key)}: {_pretty(item, inner)}" for key, item in value.items())
        return "{" + inner + ("," + inner).join(entries) + newline + "}"
    if (kind is list or kind is tuple) and value:
        inner = newline + "  "
        if all(type(item) is dict for item in value):  # records: one per line
            return _records(value, inner, newline)
        return "[" + inner + ("," + inner).join(_pretty(item, inner) for item in value) + newline + "]"
    return _compact.encode(value)


def to_csv(records: list[dict[str, Any]], fields: Sequence[str]) -> str:
    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=list(fields), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow({k: _csv_cell(record.get(k)) for k in fields})
    return stream.getvalue()


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return value


def _md_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def markdown_heading(listing: Listing, partnership: str, today: dt.date) -> str:
    """'# Deadlines: Northbrook Partnership, as of Fri 27 Nov 2026': a pasted board paper keeps both."""
    from cspr.model.dates import long_date

    name = listing.name or "Listing"
    return f"# {_md_cell(name)}: {_md_cell(partnership)}, as of {long_date(listing.as_of or today)}\n"


def to_markdown(columns: Sequence[Column], rows: list[dict[str, Any]]) -> str:
    head = "| " + " | ".join(_md_cell(c.heading) for c in columns) + " |"
    rule = "| " + " | ".join("---:" if c.justify == "right" else "---" for c in columns) + " |"
    body = ["| " + " | ".join(_md_cell(row.get(c.key)) for c in columns) + " |" for row in rows]
    return "\n".join([head, rule, *body]) + "\n"


def to_plain(columns: Sequence[Column], rows: list[dict[str, Any]]) -> str:
    """Aligned columns of plain text: never cut, never wrapped, whatever the width."""
    # A column at a time, and each line through one format template: cell by cell, 21,000
    # actions took 0.1 s.
    cells = [["" if (value := row.get(column.key)) is None else str(value) for row in rows] for column in columns]
    widths = [max([len(column.heading), *map(len, found)]) for column, found in zip(columns, cells, strict=True)]
    template = "  ".join(f"{{:{'>' if column.justify == 'right' else '<'}{width}}}"
                         for column, width in zip(columns, widths, strict=True))
    lines = [template.format(*(column.heading for column in columns)).rstrip()]
    lines += [template.format(*values).rstrip() for values in zip(*cells, strict=True)]
    return "\n".join(lines) + "\n"


def _cell(row: dict[str, Any], column: Column) -> str:
    value = row.get(column.key)
    return "" if value is None else str(value).replace("\n", " ")


def _shortest(column: Column, cells: list[str]) -> int:
    """How narrow a column may go: a KEEP column not at all; a TEXT one to its minimum, but never
    so narrow that a cell's first word (a stage key, a status word) would be cut."""
    natural = max([len(column.heading), *(len(c) for c in cells)])
    if column.fit == KEEP:
        return natural
    first_words = [len(c.split(" ", 1)[0]) for c in cells if c]
    return min(natural, max([column.min_width, len(column.heading), *first_words]))


def fit_columns(columns: Sequence[Column], cells: list[list[str]], width: int) -> list[tuple[int, int]]:
    """(column index, width) of the columns to show so that each line fits in `width`.

    Low-priority columns drop out (the highest number first, then the rightmost) until the rest
    fit with their texts at their shortest; the room left is shared among the texts, widest
    first. If even the priority-1 columns cannot fit, they are shown and the line runs over.
    """
    naturals = [max([len(c.heading), *(len(row[i]) for row in cells)]) for i, c in enumerate(columns)]
    shortest = [_shortest(c, [row[i] for row in cells]) for i, c in enumerate(columns)]
    shown = list(range(len(columns)))
    droppable = sorted((i for i, c in enumerate(columns) if c.priority > 1),
                       key=lambda i: (-columns[i].priority, -i))

    def needed(indexes: list[int]) -> int:
        return sum(shortest[i] for i in indexes) + len(SEPARATOR) * (len(indexes) - 1)

    while needed(shown) > width and droppable:
        shown.remove(droppable.pop(0))
    widths = {i: naturals[i] for i in shown}
    over = sum(widths.values()) + len(SEPARATOR) * (len(shown) - 1) - width
    while over > 0:
        give = [i for i in shown if widths[i] > shortest[i]]
        if not give:
            break
        widest = max(give, key=lambda i: (widths[i] - shortest[i], widths[i]))
        widths[widest] -= 1
        over -= 1
    return [(i, widths[i]) for i in shown]


def cut(text: str, width: int, lines: int | None) -> list[str]:
    """`text` in lines of at most `width`, broken only between words; with `lines`, at most that
    many. Where text is left out (or a single word is wider than the column) the line ends in
    an ellipsis: a word is cut, never broken over two lines."""
    import textwrap

    if len(text) <= width:
        return [text]
    wrapped = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]
    kept = wrapped if lines is None else wrapped[:lines]
    for n, line in enumerate(kept):
        if len(line) > width:  # one word wider than the column: cut it here, and stop
            return [*kept[:n], line[: width - len(ELLIPSIS)] + ELLIPSIS]
    if len(kept) == len(wrapped):
        return kept
    # the last line kept runs on into the text left out: end it at a word boundary with an
    # ellipsis, unless that would waste much of the line (then the word is cut, with the ellipsis)
    rest = " ".join([kept[-1], *wrapped[len(kept):]])
    last = rest[: width - len(ELLIPSIS) + 1]
    head, space, _ = last.rpartition(" ")
    last = head if space and len(head) >= width * 0.6 else last[: width - len(ELLIPSIS)]
    kept[-1] = last.rstrip(" ,;:") + ELLIPSIS
    return kept


@dataclass(frozen=True)
class Fitted:
    """A table laid out for a terminal: each line as (text, span of the status cell or None)."""

    lines: list[tuple[str, tuple[int, int] | None, str | None]]


def fit_table(listing: Listing, width: int, wide: bool = False) -> Fitted:
    """The table's lines at `width` columns: the heading, then each row in one or two lines
    (one from ONE_LINE_FROM columns up; as many as the text needs with `wide`)."""
    cells = [[_cell(row, c) for c in listing.columns] for row in listing.rows]
    shown = fit_columns(listing.columns, cells, width)
    max_lines = None if wide else (1 if width >= ONE_LINE_FROM else 2)
    status_index = next((i for i, c in enumerate(listing.columns) if c.key == listing.status), None)

    def place(values: list[list[str]], style: str | None) -> list[tuple[str, tuple[int, int] | None, str | None]]:
        height = max(len(v) for v in values)
        out = []
        for n in range(height):
            parts, span, offset = [], None, 0
            for (i, w), lines in zip(shown, values, strict=True):
                text = lines[n] if n < len(lines) else ""
                column = listing.columns[i]
                padded = text.rjust(w) if column.justify == "right" else text.ljust(w)
                if i == status_index and text and style:
                    start = offset + (w - len(text) if column.justify == "right" else 0)
                    span = (start, start + len(text))
                parts.append(padded)
                offset += w + len(SEPARATOR)
            out.append((SEPARATOR.join(parts).rstrip(), span, style))
        return out

    lines = place([[listing.columns[i].heading[:w]] for i, w in shown], None)
    for index, row in enumerate(cells):
        style = listing.styles[index] if index < len(listing.styles) else None
        values = [[row[i]] if listing.columns[i].fit == KEEP else cut(row[i], w, max_lines) for i, w in shown]
        lines.extend(place(values, style))
    return Fitted(lines)


def print_fitted(console: Any, listing: Listing, width: int, wide: bool = False) -> None:
    """The table at a terminal: fitted to the width, colour only in the status cell."""
    from rich.text import Text

    for text, span, style in fit_table(listing, width, wide).lines:
        line = Text(text)
        if span and style:
            line.stylize(style, *span)
        console.print(line, no_wrap=True, overflow="ignore", crop=False)


def fit_text(text: str, width: int) -> str:
    """A title or summary line, wrapped to the width between its parts (' · ') where it can,
    else between words: a date or an ID is never broken."""
    import textwrap

    lines: list[str] = []
    for part in text.split(" · "):
        if lines and len(lines[-1]) + 3 + len(part) <= width:
            lines[-1] += " · " + part
        else:
            lines.extend(textwrap.wrap(part, width, break_long_words=False, break_on_hyphens=False) or [""])
    return "\n".join(lines)
