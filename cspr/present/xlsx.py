"""Excel workbooks: a listing as one sheet (real dates, a title row, frozen headings), and the empty tracker.

A listing's records are the same plain values its JSON and CSV come from; their dates (which
JSON and CSV write as ISO text) become real Excel dates shown day first, so a sheet sorts and
filters by date. Text stays text, even text that looks like a date. openpyxl is imported only
here, when a workbook is asked for.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from cspr.present.listing import Listing

DATE_FORMAT = "dd/mm/yyyy"  # day first, as officers read dates
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
MAX_WIDTH = 60


def _cell(value: Any) -> Any:
    """A record's value as a cell: dates as dates, lists joined, the rest as they are."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)  # the officer's own clock time: Excel has no time zones
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return None
    return value


def _width(value: Any) -> int:
    if isinstance(value, dt.datetime):
        return 16
    if isinstance(value, dt.date):
        return 10
    return len(str(value)) if value is not None else 0


def _save(book: Any) -> bytes:
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def listing_xlsx(listing: Listing, title: str) -> bytes:
    """One sheet: a title row, a heading row (frozen), then one row per record."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    fields = list(listing.record_fields) or (list(listing.records[0]) if listing.records else [])
    book = Workbook()
    sheet = book.active
    sheet.title = "cspr"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(fields)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    widths = [len(name) for name in fields]
    for record in listing.records:
        values = [_cell(record.get(name)) for name in fields]
        sheet.append(values)
        row = sheet.max_row
        for index, value in enumerate(values):
            if isinstance(value, dt.datetime):
                sheet.cell(row, index + 1).number_format = DATETIME_FORMAT
            elif isinstance(value, dt.date):
                sheet.cell(row, index + 1).number_format = DATE_FORMAT
            widths[index] = max(widths[index], _width(value))
    _fit(sheet, widths)
    sheet.freeze_panes = "A3"  # the title and the headings stay in view
    if listing.records:
        sheet.auto_filter.ref = f"A2:{_letter(len(fields))}{sheet.max_row}"
    return _save(book)


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def _fit(sheet: Any, widths: Sequence[int]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[_letter(index)].width = min(MAX_WIDTH, width + 2)


# -- the tracker template -------------------------------------------------------------------------

TEMPLATE_ROWS = 500  # the rows data validation covers


def tracker_template(columns: Sequence[Any], tracks: Sequence[str], partnership: str) -> bytes:
    """An empty tracker: headings, day-first date columns, a list of decisions, and a notes sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = "Reviews"
    sheet.append([column.heading for column in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    sheet.freeze_panes = "A2"
    last = TEMPLATE_ROWS + 1
    decision = DataValidation(type="list", formula1='"' + ",".join(tracks) + '"', allow_blank=True,
                              showErrorMessage=True, errorTitle="Decision",
                              error=f"Choose one of: {', '.join(tracks)}")
    dates = DataValidation(type="date", operator="greaterThan", formula1="DATE(1990,1,1)", allow_blank=True,
                           showErrorMessage=True, errorTitle="Date", error="Type a date, day first: 01/04/2026")
    sheet.add_data_validation(decision)
    sheet.add_data_validation(dates)
    for index, column in enumerate(columns, start=1):
        letter = _letter(index)
        target = f"{letter}2:{letter}{last}"
        if column.kind == "track":
            decision.add(target)
        elif column.kind == "date":
            dates.add(target)
            # A column style: what is typed into the column later is shown day first.
            sheet.column_dimensions[letter].number_format = DATE_FORMAT
        sheet.column_dimensions[letter].width = max(12, min(MAX_WIDTH, len(column.heading) + 2))

    notes = book.create_sheet("Notes")
    notes.append([f"Tracker for cspr import: {partnership}"])
    notes["A1"].font = Font(bold=True, size=13)
    notes.append(["One row per review on the Reviews sheet. An empty cell is 'not recorded'. Dates are "
                  "Excel dates or text typed day first (01/04/2026 or 2026-04-01). Pseudonyms only: never "
                  "a real name, address or school. Check with 'cspr import FILE --dry-run', then import."])
    notes.append([])
    notes.append(["Column", "What it holds"])
    for cell in notes[4]:
        cell.font = Font(bold=True)
    for column in columns:
        notes.append([column.heading, column.note])
    notes.column_dimensions["A"].width = 28
    notes.column_dimensions["B"].width = 100
    for row in notes.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    return _save(book)
