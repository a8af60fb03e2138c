"""Turning results into text: JSON, CSV, Markdown, plain tables for pipes, rich tables for people.

Every listing command builds a `Listing` (column keys and headings, rows of plain values, and
the JSON payload) and hands it here, so every command has the same `--format` behaviour.
JSON and CSV are interfaces: their shapes are documented in docs/ and kept stable.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    justify: str = "left"


@dataclass
class Listing:
    columns: Sequence[Column]  # what the table shows (formatted cells)
    rows: list[dict[str, Any]]  # cells for tables, keyed by column key
    records: list[dict[str, Any]]  # plain values for JSON and CSV, one per row
    record_fields: Sequence[str] = ()  # CSV column order
    payload: Any = None  # the whole JSON document (defaults to the records)
    styles: list[str | None] = field(default_factory=list)  # per row, for rich tables
    title: str | None = None
    summary: str | None = None


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


def _pretty(value: Any, newline: str) -> str:
    kind = type(value)
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


def to_markdown(columns: Sequence[Column], rows: list[dict[str, Any]]) -> str:
    head = "| " + " | ".join(_md_cell(c.heading) for c in columns) + " |"
    rule = "| " + " | ".join("---:" if c.justify == "right" else "---" for c in columns) + " |"
    body = ["| " + " | ".join(_md_cell(row.get(c.key)) for c in columns) + " |" for row in rows]
    return "\n".join([head, rule, *body]) + "\n"


def to_plain(columns: Sequence[Column], rows: list[dict[str, Any]]) -> str:
    """Aligned columns of plain text: never cut, never wrapped, whatever the width."""
    cells = [[("" if row.get(c.key) is None else str(row.get(c.key))) for c in columns] for row in rows]
    widths = [max([len(c.heading)] + [len(line[i]) for line in cells]) for i, c in enumerate(columns)]

    def line(values: list[str]) -> str:
        parts = [
            value.rjust(width) if column.justify == "right" else value.ljust(width)
            for value, width, column in zip(values, widths, columns, strict=True)
        ]
        return "  ".join(parts).rstrip()

    return "\n".join([line([c.heading for c in columns]), *[line(v) for v in cells]]) + "\n"


def print_rich(console: Any, listing: Listing) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=listing.title, header_style="bold", show_lines=False)
    for column in listing.columns:
        table.add_column(column.heading, justify=column.justify, overflow="fold")
    for index, row in enumerate(listing.rows):
        style = listing.styles[index] if index < len(listing.styles) else None
        table.add_row(
            *[Text("" if row.get(c.key) is None else str(row.get(c.key))) for c in listing.columns],
            style=style,
        )
    console.print(table)
