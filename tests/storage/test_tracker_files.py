"""Reading a spreadsheet tracker from disk (`cspr import`): CSV as Excel writes it and .xlsx
workbooks, every cell named where Excel shows it. Real files in tmp_path; the import itself is
tests/cli/test_import.py's."""

from __future__ import annotations

import datetime as dt

import pytest

from cspr.errors import DataError, UsageError
from cspr.record.importing import Cell
from cspr.storage.tracker import read_tracker


def values(cells: list[Cell]) -> list[tuple[str, object]]:
    return [(cell.where, cell.value) for cell in cells]


def test_csv_cells_are_named_row_and_column_short_rows_padded(tmp_path):
    path = tmp_path / "tracker.csv"
    path.write_text("Child,Aware\nChild A,01/04/2026,extra\nChild B\n", encoding="utf-8")
    tracker = read_tracker(path)
    assert tracker.path == path
    assert values(tracker.headings) == [("1:1", "Child"), ("1:2", "Aware"), ("1:3", "")]
    assert [(number, values(cells)) for number, cells in tracker.rows] == [
        (2, [("2:1", "Child A"), ("2:2", "01/04/2026"), ("2:3", "extra")]),
        (3, [("3:1", "Child B"), ("3:2", ""), ("3:3", "")]),
    ]


def test_csv_utf8_with_a_byte_order_mark_and_semicolons_as_excel_writes_them(tmp_path):
    path = tmp_path / "tracker.CSV"
    path.write_bytes("\ufeffChild;Notes\r\nChïld A;\"a, b; c\"\r\n".encode())
    tracker = read_tracker(path)
    assert values(tracker.headings) == [("1:1", "Child"), ("1:2", "Notes")]
    assert values(tracker.rows[0][1]) == [("2:1", "Chïld A"), ("2:2", "a, b; c")]
    commas = tmp_path / "commas.csv"
    commas.write_text("Child,Notes;x\nChild A,1\n", encoding="utf-8")
    assert values(read_tracker(commas).headings) == [("1:1", "Child"), ("1:2", "Notes;x")]


def test_a_csv_file_that_is_not_utf8_or_is_empty_is_refused_with_what_to_do(tmp_path):
    latin = tmp_path / "latin.csv"
    latin.write_bytes("Child\nChïld A\n".encode("latin-1"))
    with pytest.raises(DataError) as refused:
        read_tracker(latin)
    assert str(refused.value) == (f"{latin}: not UTF-8 text (byte 9); in Excel, save as "
                                  "'CSV UTF-8 (Comma delimited)'")
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(DataError) as refused:
        read_tracker(empty)
    assert str(refused.value) == f"{empty}: the file is empty; the first row holds the headings"


def test_a_missing_file_or_another_kind_of_file_is_refused(tmp_path):
    with pytest.raises(UsageError) as refused:
        read_tracker(tmp_path / "nowhere.csv")
    assert str(refused.value) == f"no file {tmp_path / 'nowhere.csv'}; give the tracker's .xlsx or .csv file"
    old = tmp_path / "tracker.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(UsageError) as refused:
        read_tracker(old)
    assert str(refused.value) == (f"{old}: cspr imports .xlsx or .csv files; save the tracker as one of those "
                                  "(an old .xls: File > Save As > Excel Workbook)")


def workbook(path, sheets: dict[str, list[tuple]]) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)


def test_a_workbooks_reviews_sheet_is_read_with_excels_cell_names(tmp_path):
    path = tmp_path / "tracker.xlsx"
    workbook(path, {"Notes": [("ignored",)], "REVIEWS": [("Child", "Aware"), ("Child A", dt.datetime(2026, 4, 1)),
                                                       ("Child B",)]})
    tracker = read_tracker(path)
    assert tracker.path == path
    assert values(tracker.headings) == [("REVIEWS!A1", "Child"), ("REVIEWS!B1", "Aware")]
    assert [(number, values(cells)) for number, cells in tracker.rows] == [
        (2, [("REVIEWS!A2", "Child A"), ("REVIEWS!B2", dt.datetime(2026, 4, 1))]),
        (3, [("REVIEWS!A3", "Child B"), ("REVIEWS!B3", None)]),
    ]


def test_another_workbooks_first_sheet_is_read_its_name_quoted_when_excel_would(tmp_path):
    path = tmp_path / "tracker.xlsm"
    workbook(path, {"Case list 2026": [("Child",), ("Child A",)], "Other": [("x",)]})
    tracker = read_tracker(path)
    assert values(tracker.headings) == [("'Case list 2026'!A1", "Child")]
    assert values(tracker.rows[0][1]) == [("'Case list 2026'!A2", "Child A")]
    plain = tmp_path / "plain.xlsx"
    workbook(plain, {"Sheet_2": [("Child",)]})
    assert values(read_tracker(plain).headings) == [("Sheet_2!A1", "Child")]


def test_an_empty_sheet_or_a_file_that_is_not_a_workbook_is_refused(tmp_path):
    empty = tmp_path / "empty.xlsx"
    workbook(empty, {"Reviews": []})
    with pytest.raises(DataError) as refused:
        read_tracker(empty)
    assert str(refused.value) == f"{empty}: sheet 'Reviews' is empty; the first row holds the headings"
    broken = tmp_path / "broken.xlsx"
    broken.write_text("Child,Aware\n", encoding="utf-8")
    with pytest.raises(DataError) as refused:
        read_tracker(broken)
    assert str(refused.value).startswith(f"{broken}: not a workbook Excel can open (")
    assert str(refused.value).endswith("); save it again as .xlsx")


def test_the_separator_is_the_heading_rows_and_a_line_break_in_a_cell_is_kept(tmp_path):
    path = tmp_path / "tracker.csv"
    path.write_bytes(b'Child;Notes\r\nChild A;"one, two, three,\r\nfour, five"\r\nChild B;a, b, c, d\r\n')
    tracker = read_tracker(path)
    assert values(tracker.headings) == [("1:1", "Child"), ("1:2", "Notes")]
    assert [values(cells) for _, cells in tracker.rows] == [
        [("2:1", "Child A"), ("2:2", "one, two, three,\r\nfour, five")],
        [("3:1", "Child B"), ("3:2", "a, b, c, d")]]


def test_a_csv_file_with_old_mac_line_ends_is_read_row_by_row(tmp_path):
    path = tmp_path / "tracker.csv"
    path.write_bytes(b"Child,Aware\rChild A,2026-04-01\rChild B,2026-04-14\r")
    tracker = read_tracker(path)
    assert values(tracker.headings) == [("1:1", "Child"), ("1:2", "Aware")]
    assert [values(cells) for _, cells in tracker.rows] == [[("2:1", "Child A"), ("2:2", "2026-04-01")],
                                                           [("3:1", "Child B"), ("3:2", "2026-04-14")]]


def test_a_formula_is_read_as_the_value_excel_last_worked_out(tmp_path):
    import zipfile

    made, path = tmp_path / "made.xlsx", tmp_path / "tracker.xlsx"
    workbook(made, {"Reviews": [("Child", "Agencies"), ("Child A", "=1+2")]})
    # Excel saves each formula with its value; openpyxl writes the formula alone, so add the value
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert b"<f>1+2</f><v></v>" in data
                data = data.replace(b"<f>1+2</f><v></v>", b"<f>1+2</f><v>3</v>")
            target.writestr(item, data)
    tracker = read_tracker(path)
    assert [values(cells) for _, cells in tracker.rows] == [[("Reviews!A2", "Child A"), ("Reviews!B2", 3)]]
