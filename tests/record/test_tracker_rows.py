"""Reading a spreadsheet tracker's headings and rows for `cspr import`: which column is which,
and what each cell holds, every problem named with its cell. Pure: cells in memory (reading the
file is tests/storage/test_tracker_files.py's, the whole import tests/cli/test_import.py's)."""

from __future__ import annotations

import datetime as dt

import pytest

from cspr.record.importing import (
    Cell,
    Problem,
    columns_for,
    match_headings,
    normalise,
    read_row,
    template_columns,
)
from tests.helpers.domain import PROCESS

TODAY = dt.date(2026, 5, 1)
HOW = "('cspr import --template FILE.xlsx' writes the headings)"


def headings(*texts) -> list[Cell]:
    return [Cell(f"Reviews!{chr(65 + i)}1", text) for i, text in enumerate(texts)]


def test_headings_match_ignoring_case_spaces_underscores_and_hyphens():
    assert normalise(" Decision_Date - x ") == "decisiondatex"
    found, problems = match_headings(headings("CHILD", " aware ", "Lead_Reviewer", None, "  ", "Decision-date",
                                              "PLAN: Published", "rapid review"), PROCESS)
    assert problems == []
    assert {index: column.key for index, column in found.items()} == {
        0: "child", 1: "aware", 2: "lead-reviewer", 5: "decision-date", 6: "plan:published", 7: "rapid-review"}


def test_an_unknown_or_repeated_heading_is_named_at_its_cell():
    found, problems = match_headings(headings("Child", "Aware", "notifcation", "child", "zzzzzz"), PROCESS)
    assert list(found) == [0, 1]
    assert problems[0].where == "Reviews!C1"
    assert problems[0].message.startswith("unknown column 'notifcation'; did you mean 'notification'? the columns are: "
                                          "ID, Child, Aware, Incident, Agencies, Themes, Decision, Decision date, ")
    assert problems[0].message.endswith(", plan:national-review, plan:national-published")
    assert problems[1] == Problem("Reviews!D1", "column 'child' repeats Reviews!A1")
    assert problems[2].message.startswith("unknown column 'zzzzzz'; the columns are: ID, Child,")


def test_the_child_and_aware_columns_are_required():
    assert match_headings(headings("Themes"), PROCESS)[1] == [
        Problem("Reviews!A1", f"no 'Child' column; the tracker needs one {HOW}"),
        Problem("Reviews!A1", f"no 'Aware' column; the tracker needs one {HOW}"),
    ]
    assert match_headings(headings("Child"), PROCESS)[1] == [
        Problem("Reviews!A1", f"no 'Aware' column; the tracker needs one {HOW}")]
    assert match_headings([], PROCESS) == ({}, [])


def test_the_columns_are_the_facts_every_stage_but_the_decision_and_its_plans():
    keys = [column.key for column in columns_for(PROCESS)]
    assert keys[:10] == ["id", "child", "aware", "incident", "agencies", "themes", "decision", "decision-date",
                         "lead-reviewer", "publication-address"]
    assert "decision" not in keys[10:] and "plan:decision" not in keys
    assert keys[10] == "notification" and "plan:notification" in keys
    assert "plan:progress-check" not in keys  # a recurring stage has no plan
    by_key = {column.key: column for column in columns_for(PROCESS)}
    assert by_key["agency-responses"].note.endswith(": date every agency confirmed (one date for all).")
    assert by_key["progress-check"].note.endswith("(recorded as 'cspr complete ID progress-check' would; "
                                                  "it recurs every 1 month).")
    assert by_key["notification"].note == ("Serious incident notified to the National Panel (Local authority): "
                                           "completion date.")
    assert by_key["plan:published"].note == "The date agreed in the review's timeline for published ('cspr plan')."


def test_the_template_offers_plans_only_for_stages_with_no_rule_or_counted_back_from():
    plans = [c.key for c in template_columns(PROCESS) if c.key.startswith("plan:")]
    assert "plan:published" in plans and "plan:panel-response" in plans
    assert "plan:notification" not in plans and "plan:rapid-review" not in plans
    assert [c.key for c in template_columns(PROCESS) if not c.key.startswith("plan:")] == [
        c.key for c in columns_for(PROCESS) if not c.key.startswith("plan:")]


COLUMNS = match_headings(headings("Child", "Aware", "Agencies", "Decision", "notification", "plan:published",
                                  "Lead reviewer"), PROCESS)[0]


def row(*values, terms=("Smith",)):
    return read_row(3, [Cell(f"Reviews!{chr(65 + i)}3", v) for i, v in enumerate(values)], COLUMNS, PROCESS, TODAY,
                    list(terms))


def test_a_row_is_read_by_its_columns_kind():
    found, problems = row("Child   A", "01/04/2026", "Police; ; Integrated  Care Board;", "LOCAL",
                          dt.datetime(2026, 4, 8, 9, 30), dt.date(2026, 12, 1), 42.0)
    assert problems == []
    assert (found.number, found.first) == (3, Cell("Reviews!A3", "Child   A"))
    assert found.values == {"child": "Child A", "aware": dt.date(2026, 4, 1),
                            "agencies": ["Police", "Integrated Care Board"], "decision": "local",
                            "notification": dt.date(2026, 4, 8), "plan:published": dt.date(2026, 12, 1),
                            "lead-reviewer": "42"}
    assert found.where("aware") == "Reviews!B3" and found.where("incident") == "Reviews!A3"
    assert found.unreadable == set()


def test_an_empty_row_is_no_row_and_empty_cells_are_not_recorded():
    assert row(None, "  ", "") == (None, [])
    found, problems = row("Child A", dt.date(2026, 4, 1), None, " ")
    assert problems == [] and found.values == {"child": "Child A", "aware": dt.date(2026, 4, 1)}


@pytest.mark.parametrize(("values", "where", "message"), [
    (("Child A", "2026-04-31"), "Reviews!B3", "Aware: "),
    (("Child A", 45000), "Reviews!B3", "Aware: 45000 is a number, not a date; format the cell as a date, or type "),
    (("Child A", dt.date(2026, 5, 2)), "Reviews!B3",
     "Aware: 2026-05-02 is in the future; only planned dates (the plan: columns) may be"),
    (("Child A", "01/04/2026", None, "regional"), "Reviews!D3",
     "Decision: 'regional' is not a decision; use one of: local, national, none"),
    (("Child A", "01/04/2026", None, None, None, None, None, "x"), "Reviews!H3",
     "a value in a column without a heading; give the column a heading or clear the cell"),
    (("Child A Smith", "01/04/2026"), "Reviews!A3",
     "holds restricted term 1 (terms numbered as private/restricted-terms.txt lists them); use pseudonyms only"),
])
def test_each_cell_that_cannot_be_used_is_named(values, where, message):
    found, problems = row(*values)
    assert len(problems) == 1 and problems[0].where == where
    assert problems[0].message.startswith(message)
    assert found is not None


def test_a_restricted_term_or_a_bad_value_leaves_its_cell_unreadable_and_others_read():
    found, problems = row("Child Smith Jones", "2026-13-01", "Police", terms=("Smith", "jones"))
    assert [p.message for p in problems] == [
        "holds restricted term 1, term 2 (terms numbered as private/restricted-terms.txt lists them); use pseudonyms only",
        problems[1].message]
    assert problems[1].message.startswith("Aware: ")
    assert found.unreadable == {"child", "aware"}
    assert found.values == {"agencies": ["Police"]} and "child" not in found.cells
    assert "aware" in found.cells
    planned, problems = row("Child A", "01/04/2026", None, None, None, "01/01/2027")
    assert problems == [] and planned.values["plan:published"] == dt.date(2027, 1, 1)
