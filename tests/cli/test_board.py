"""`cspr board`: the quarterly paper for the partnership board, in Word, Markdown and HTML."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from cspr.reports.board import parse_quarter, quarter_of

TODAY = "2026-11-27"


@pytest.mark.parametrize(("text", "start", "end"), [
    ("2026-Q1", dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
    ("2026-Q3", dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
    ("2026q4", dt.date(2027, 1, 1), dt.date(2027, 3, 31)),
])
def test_quarters_are_financial_quarters(text, start, end):
    period = parse_quarter(text)
    assert (period.start, period.end) == (start, end)


def test_the_quarter_holding_a_day():
    assert quarter_of(dt.date(2027, 2, 10)).name == "Q4 2026/27 (January to March 2027)"
    assert quarter_of(dt.date(2026, 7, 1)).start == dt.date(2026, 7, 1)
    with pytest.raises(ValueError, match="2026-Q3"):
        parse_quarter("2026-Q5")


@pytest.fixture
def board(workspace, tmp_path, monkeypatch):
    """Reviews in different states, moved in from a tracker, and an action overdue."""
    from openpyxl import Workbook

    monkeypatch.setenv("CSPR_TODAY", TODAY)
    book = Workbook()
    sheet = book.active
    sheet.append(["Child", "Aware", "Decision", "Decision date", "notification", "rapid-review", "tor-agreed",
                  "plan:draft-circulated", "published"])
    sheet.append(["Child M", dt.date(2026, 4, 1), "local", dt.date(2026, 4, 24), dt.date(2026, 4, 3),
                  dt.date(2026, 4, 23), dt.date(2026, 10, 15), dt.date(2026, 11, 20), None])
    sheet.append(["Child P", dt.date(2026, 11, 16), None, None, dt.date(2026, 11, 20), None, None, None, None])
    sheet.append(["Child S", dt.date(2025, 3, 3), "local", dt.date(2025, 3, 31), dt.date(2025, 3, 7),
                  dt.date(2025, 3, 28), None, None, dt.date(2026, 10, 30)])
    book.save(tmp_path / "tracker.xlsx")
    workspace.run("import", str(tmp_path / "tracker.xlsx"))
    workspace.run("hold", "2026-child-m", "--reason", "Inquest", "--from", "2026-11-02")
    workspace.run("recommend", "2025-child-s", "Share the record of missed appointments.")
    workspace.run("action", "add", "2025-child-s", "R1", "Write the guidance.", "--agency", "Police",
                  "--due", "2026-11-10", "--on", "2026-10-30")
    return workspace


def test_the_board_paper_in_word(board, tmp_path):
    from docx import Document

    out = tmp_path / "board.docx"
    result = board.run("board", "--quarter", "2026-Q3", "--format", "docx", "-o", str(out))
    assert result.stdout == "" and "wrote" in result.stderr
    document = Document(io.BytesIO(out.read_bytes()))
    text = [p.text for p in document.paragraphs]
    assert text[0] == "Testshire Safeguarding Partnership"
    assert text[1] == ("Child Safeguarding Practice Reviews: report to the board, "
                       "Q3 2026/27 (October to December 2026)")
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    reviews = tables[0]
    assert reviews[0] == ["Review", "Child", "Track", "Stage reached", "Next deadline", "RAG"]
    by_id = {row[0]: row for row in reviews[1:]}
    assert set(by_id) == {"2026-child-m", "2026-child-p", "2025-child-s"}
    assert by_id["2026-child-p"][2] == "awaiting decision"
    assert by_id["2026-child-p"][4] == "rapid-review, Fri 11 Dec 2026"
    assert by_id["2025-child-s"][5] == "RED"  # its action is overdue
    assert by_id["2026-child-m"][3] == "Terms of reference, methodology and timeline agreed"
    assert not any("{{" in cell or "{%" in cell for table in tables for row in table for cell in row)
    flat = [row for table in tables for row in table]
    assert ["2025-child-s", "Review published on the partnership website", "Fri 30 Oct 2026", "Tue 30 Sep 2025",
            "late"] in flat
    assert any(row[0] == "2026-child-m" and row[1] == "Draft report circulated to the panel"
               and row[3] == "not done: 7 days overdue" for row in flat)
    assert ["Police", "1", "0", "0", "1"] in flat
    assert ["2026-child-m", "Inquest", "Mon 2 Nov 2026", "continuing"] in flat
    assert any(row[0] == "Local reviews published" and row[1] == "1" for row in flat)


def test_the_board_paper_in_markdown_and_html(board, tmp_path):
    text = board.run("board", "--quarter", "2026-Q3").stdout
    assert "## Child Safeguarding Practice Reviews: report to the board, Q3 2026/27" in text
    assert "| 2025-child-s | Child S | local |" in text and "RED" in text
    assert "3 reviews in progress: 2 red, 1 amber, 0 green." in text
    out = tmp_path / "board.html"
    board.run("board", "--from", "2026-10-01", "--to", "2026-12-31", "--format", "html", "-o", str(out))
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<td>2026-child-p</td>" in html
    assert "report to the board, 1 October 2026 to 31 December 2026" in html


def test_word_needs_a_file_and_a_restricted_term_stops_the_paper(board, tmp_path):
    refused = board.run("board", "--format", "docx", ok=False)
    assert refused.exit_code == 1 and "-o FILE.docx" in refused.stderr
    terms = board.root / "private" / "restricted-terms.txt"
    terms.write_text(terms.read_text() + "Inquest\n")
    out = tmp_path / "board.docx"
    result = board.run("board", "--quarter", "2026-Q3", "-f", "docx", "-o", str(out), ok=False)
    assert result.exit_code == 1 and "nothing was written: term 1 (" in result.stderr
    assert "Inquest" not in result.stderr  # named by its place in the terms file, never repeated
    assert not out.exists()
    bad = board.run("board", "--quarter", "2026-Q7", ok=False)
    assert "--quarter: '2026-Q7' is not a quarter" in bad.stderr


def test_the_workspace_board_template_wins(board, tmp_path):
    from docx import Document

    own = Document()
    own.add_paragraph("Northbrook board, {{ period.name }}")
    own.add_paragraph("{%p for r in open_reviews %}")
    own.add_paragraph("{{ r.id }}: {{ r.rag }}")
    own.add_paragraph("{%p endfor %}")
    own.save(board.root / "templates" / "board.docx")
    out = tmp_path / "board.docx"
    board.run("board", "--quarter", "2026-Q3", "-f", "docx", "-o", str(out))
    text = [p.text for p in Document(io.BytesIO(out.read_bytes())).paragraphs]
    assert text == ["Northbrook board, Q3 2026/27 (October to December 2026)", "2025-child-s: red",
                    "2026-child-m: red", "2026-child-p: amber"]
