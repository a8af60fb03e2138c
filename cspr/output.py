"""Turning results into text: JSON, CSV, Markdown, plain tables for pipes, rich tables for people.

Every listing command builds a `Listing` (column keys and headings, rows of plain values, and
the JSON payload) and hands it here, so every command has the same `--format` behaviour.
JSON and CSV are interfaces: their shapes are documented in the README and kept stable.
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
    """Two-space indented JSON, UTF-8, dates as ISO text: exactly json.dumps(indent=2)'s text.

    json's indented writer is pure Python, and a report over thousands of reviews spent a
    quarter of its time in it; this one writes the same text with json's C string encoder,
    and hands anything unusual (subclasses, NaN, non-text keys) to json.dumps itself.
    """
    parts: list[str] = []
    try:
        _write_json(payload, "\n", parts)
    except (_Unusual, RecursionError):
        return json.dumps(payload, indent=2, ensure_ascii=False, default=_json_default) + "\n"
    parts.append("\n")
    return "".join(parts)


class _Unusual(Exception):
    """A value the quick writer leaves to json.dumps."""


_string = json.encoder.encode_basestring  # the C encoder where CPython has it
_finite = float("-inf"), float("inf")


def _write_json(value: Any, newline: str, parts: list[str]) -> None:
    kind = type(value)
    if kind is str:
        parts.append(_string(value))
    elif value is None:
        parts.append("null")
    elif value is True:
        parts.append("true")
    elif value is False:
        parts.append("false")
    elif kind is int:
        parts.append(int.__repr__(value))
    elif kind is float and _finite[0] < value < _finite[1]:
        parts.append(float.__repr__(value))
    elif kind is dict:
        if not value:
            parts.append("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise _Unusual()
            parts.append(separator)
            parts.append(_string(key))
            parts.append(": ")
            _write_json(item, inner, parts)
            separator = "," + inner
        parts.append(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            parts.append("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for item in value:
            parts.append(separator)
            if type(item) is dict:  # one string per record, not dozens of pieces held to the end
                record: list[str] = []
                _write_json(item, inner, record)
                parts.append("".join(record))
            else:
                _write_json(item, inner, parts)
            separator = "," + inner
        parts.append(newline + "]")
    elif kind is dt.date or kind is dt.datetime:
        parts.append(_string(value.isoformat()))
    else:
        raise _Unusual()


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
