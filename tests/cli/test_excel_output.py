"""Listings as Excel workbooks (`--format xlsx -o FILE`) and CSV for Excel on Windows (`--bom`)."""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = "2026-06-01"


@pytest.fixture
def busy(workspace):
    """Two reviews, one with an overdue rapid review and an action."""
    env = {"CSPR_TODAY": TODAY}
    workspace.run("new", "Child A", "--aware", "2026-04-01", env=env)
    workspace.run("complete", "2026-child-a", "notification", "--on", "03/04/2026", env=env)
    workspace.run("decide", "2026-child-a", "local", "--on", "2026-04-20", env=env)
    workspace.run("recommend", "2026-child-a", "Share the record of missed appointments.", env=env)
    workspace.run("action", "add", "2026-child-a", "R1", "Police", "--due", "2026-05-15", "--agency", "Police",
                  "--on", "2026-04-21", env=env)
    workspace.run("new", "Baby B", "--aware", "2026-05-26", env=env)
    return workspace


def read(path):
    from openpyxl import load_workbook

    sheet = load_workbook(path).active
    return sheet, [list(row) for row in sheet.iter_rows(values_only=True)]


def test_list_as_a_workbook_with_real_dates_a_title_and_frozen_headings(busy, tmp_path):
    out = tmp_path / "reviews.xlsx"
    result = busy.run("list", "--format", "xlsx", "-o", str(out), env={"CSPR_TODAY": TODAY})
    assert result.stdout == ""
    sheet, rows = read(out)
    assert "Testshire Safeguarding Partnership" in rows[0][0]
    assert "as of Mon 1 Jun 2026" in rows[0][0]
    assert rows[1] == ["id", "child", "aware", "track", "decided", "status", "overdue", "next_stage", "next_due"]
    by_id = {row[0]: dict(zip(rows[1], row, strict=True)) for row in rows[2:]}
    a = by_id["2026-child-a"]
    assert a["aware"] == dt.datetime(2026, 4, 1)  # a real date (openpyxl reads dates back as datetimes)
    assert a["decided"] == dt.datetime(2026, 4, 20) and a["overdue"] >= 1
    assert sheet["C3"].number_format == "dd/mm/yyyy"  # shown day first
    assert sheet.freeze_panes == "A3"
    assert sheet.column_dimensions["B"].width >= len("Child A")
    assert by_id["2026-baby-b"]["decided"] is None


def test_overdue_actions_stats_and_log_as_workbooks(busy, tmp_path):
    env = {"CSPR_TODAY": TODAY}
    for command in (["overdue"], ["actions"], ["stats", "--year", "2026"], ["log"]):
        out = tmp_path / f"{command[0]}.xlsx"
        busy.run(*command, "--format", "xlsx", "-o", str(out), env=env)
        sheet, rows = read(out)
        assert "Testshire Safeguarding Partnership" in rows[0][0], command
        assert len(rows) > 2, command
    _, rows = read(tmp_path / "overdue.xlsx")
    items = [dict(zip(rows[1], row, strict=True)) for row in rows[2:]]
    rapid = next(i for i in items if i["stage"] == "rapid-review")
    assert isinstance(rapid["due"], dt.datetime) and rapid["status"] == "overdue"
    _, rows = read(tmp_path / "actions.xlsx")
    action = dict(zip(rows[1], rows[2], strict=True))
    assert action["due"] == dt.datetime(2026, 5, 15) and action["rag"] == "red"
    _, rows = read(tmp_path / "log.xlsx")
    entry = dict(zip(rows[1], rows[2], strict=True))
    assert isinstance(entry["date"], dt.datetime) and entry["action"] == "new"
    _, rows = read(tmp_path / "stats.xlsx")
    assert rows[1] == ["figure", "key", "value", "of"]


def test_text_that_looks_like_a_date_stays_text(busy, tmp_path):
    env = {"CSPR_TODAY": TODAY}
    busy.run("action", "add", "2026-child-a", "R1", "2026-05-20", "--due", "2026-05-22", "--agency", "Integrated Care Board",
             "--on", "2026-04-21", env=env)
    out = tmp_path / "actions.xlsx"
    busy.run("actions", "--format", "xlsx", "-o", str(out), env=env)
    _, rows = read(out)
    health = next(dict(zip(rows[1], row, strict=True)) for row in rows[2:]
                  if row[rows[1].index("agency")] == "Integrated Care Board")
    assert health["text"] == "2026-05-20"  # what the officer wrote, not a date Excel would reformat
    assert health["due"] == dt.datetime(2026, 5, 22)
    assert health["last_update"] is None or isinstance(health["last_update"], dt.datetime)


def test_xlsx_needs_a_file(busy):
    result = busy.run("list", "--format", "xlsx", ok=False)
    assert result.exit_code == 1 and len(result.stderr.strip().splitlines()) == 1
    assert "-o FILE.xlsx" in result.stderr
    assert result.stdout == ""


def test_csv_with_a_byte_order_mark_for_excel(busy, tmp_path):
    env = {"CSPR_TODAY": TODAY}
    plain = busy.run("list", "--format", "csv", env=env).stdout_bytes
    marked = busy.run("list", "--format", "csv", "--bom", env=env).stdout_bytes
    assert not plain.startswith(b"\xef\xbb\xbf")
    assert marked == b"\xef\xbb\xbf" + plain
    out = tmp_path / "overdue.csv"
    busy.run("overdue", "--format", "csv", "--bom", "-o", str(out), env=env)
    assert out.read_bytes().startswith(b"\xef\xbb\xbfreview,child,stage")
    refused = busy.run("list", "--bom", ok=False)
    assert refused.exit_code == 1 and "--bom" in refused.stderr
