"""Reading a spreadsheet tracker from disk: an Excel workbook (.xlsx) or a CSV file, as cells with addresses.

A workbook's cells are named as Excel names them (`Reviews!C3`), a CSV file's as `ROW:COLUMN`
(both counted from 1, the heading row being row 1). CSV is read as Excel writes it: UTF-8 with
or without a byte-order mark, separated by commas or (in much of Europe) semicolons.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from cspr.errors import DataError, Location, UsageError
from cspr.record.importing import Cell

SHEET_NAME = "Reviews"  # the template's sheet; another workbook's first sheet is read instead
EXTENSIONS = (".xlsx", ".xlsm", ".csv")


@dataclass(frozen=True)
class Tracker:
    """The heading row and the data rows of one sheet."""

    path: Path
    headings: list[Cell]
    rows: list[tuple[int, list[Cell]]]  # (row number, cells in the headings' order)


def read_tracker(path: Path) -> Tracker:
    if not path.is_file():
        raise UsageError(f"no file {path}; give the tracker's .xlsx or .csv file")
    suffix = path.suffix.lower()
    if suffix not in EXTENSIONS:
        raise UsageError(f"{path}: cspr imports .xlsx or .csv files; save the tracker as one of those "
                         "(an old .xls: File > Save As > Excel Workbook)")
    if suffix == ".csv":
        return _read_csv(path)
    return _read_workbook(path)


def _read_csv(path: Path) -> Tracker:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")  # Excel's "CSV UTF-8" starts with a byte-order mark
    except UnicodeDecodeError as exc:
        raise DataError(Location(path), f"not UTF-8 text (byte {exc.start + 1}); in Excel, save as "
                                        "'CSV UTF-8 (Comma delimited)'") from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not records:
        raise DataError(Location(path), "the file is empty; the first row holds the headings")
    width = max(len(record) for record in records)

    def cells(number: int, record: list[str]) -> list[Cell]:
        padded = record + [""] * (width - len(record))
        return [Cell(f"{number}:{column}", value) for column, value in enumerate(padded, start=1)]

    return Tracker(path, cells(1, records[0]),
                   [(number, cells(number, record)) for number, record in enumerate(records[1:], start=2)])


def _read_workbook(path: Path) -> Tracker:
    import zipfile

    # openpyxl takes a noticeable time to import, and only this command needs it.
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise DataError(Location(path), f"not a workbook Excel can open ({exc}); save it again as .xlsx") from None
    sheets = {sheet.title.casefold(): sheet for sheet in book.worksheets}
    sheet = sheets.get(SHEET_NAME.casefold(), book.worksheets[0])
    rows = list(sheet.iter_rows(values_only=True))
    if not rows:
        raise DataError(Location(path), f"sheet {sheet.title!r} is empty; the first row holds the headings")
    width = max(len(row) for row in rows)
    name = sheet.title if all(ch.isalnum() or ch == "_" for ch in sheet.title) else f"'{sheet.title}'"

    def cells(number: int, row: tuple) -> list[Cell]:
        padded = list(row) + [None] * (width - len(row))
        return [Cell(f"{name}!{get_column_letter(column)}{number}", value)
                for column, value in enumerate(padded, start=1)]

    return Tracker(path, cells(1, rows[0]),
                   [(number, cells(number, row)) for number, row in enumerate(rows[1:], start=2)])
