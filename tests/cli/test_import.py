"""`cspr import`: a spreadsheet tracker moved in, checked cell by cell, in one commit."""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = "2026-06-01"
HEADINGS = ["ID", "Child", "Aware", "Agencies", "Themes", "Decision", "Decision date", "Lead reviewer",
            "notification", "Rapid Review", "plan:tor_agreed", "tor-agreed", "agency-responses"]


def workbook(path, rows, headings=HEADINGS, sheet="Reviews"):
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = sheet
    ws.append(headings)
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def run(workspace, *args, ok=True):
    return workspace.run(*args, ok=ok, env={"CSPR_TODAY": TODAY})


def head(workspace) -> str:
    return workspace.git("rev-parse", "HEAD").strip()


TRACKER = [
    # in a local review, dates typed into Excel as dates and as day-first text
    [None, "Child A", dt.datetime(2026, 4, 1), "Police; Integrated Care Board", "neglect; domestic abuse",
     "Local", dt.datetime(2026, 4, 20), "Reviewer One", dt.datetime(2026, 4, 3), "28/04/2026",
     dt.datetime(2026, 7, 1), None, None],
    # just notified
    [None, "Baby B", "2026-05-20", None, None, None, None, None, "22/05/2026", None, None, None, None],
    # no review needed: closes once the rapid review is done
    ["2026-ref-c", "Child C", dt.date(2026, 3, 2), "Police", None, "none", "2026-03-25", None,
     "2026-03-05", "2026-03-24", None, None, None],
]


def test_a_workbook_becomes_reviews_in_one_commit_by_the_officer(workspace, tmp_path):
    before = head(workspace)
    path = workbook(tmp_path / "tracker.xlsx", TRACKER)
    result = run(workspace, "import", str(path), "--by", "Officer Two <officer.two@example.org>")
    assert "2026-child-a: created (Child A)" in result.stdout
    assert "imported" in result.stderr and "3 new" in result.stderr

    # one commit, by the officer, with the trailer and a summary of what was created
    assert workspace.git("rev-list", "--count", f"{before}..HEAD").strip() == "1"
    author = workspace.git("log", "-1", "--format=%an <%ae>|%cn").strip()
    assert author == "Officer Two <officer.two@example.org>|Officer Two"
    message = workspace.git("log", "-1", "--format=%B")
    assert message.startswith("import from tracker.xlsx: 3 new reviews")
    assert "Cspr-Action: import" in message
    assert "2026-baby-b: new review for Baby B" in message
    assert workspace.git("status", "--porcelain").strip() == ""

    a = workspace.json("show", "2026-child-a", "--as-of", TODAY)
    assert a["aware"] == "2026-04-01" and a["agencies"] == ["Police", "Integrated Care Board"]
    assert a["themes"] == ["neglect", "domestic abuse"] and a["lead_reviewer"] == "Reviewer One"
    assert {k: a["decision"][k] for k in ("track", "on", "by")} == {"track": "local", "on": "2026-04-20", "by": "Officer Two"}
    stages = {s["key"]: s for s in a["stages"]}
    assert stages["notification"]["done"] == "2026-04-03" and stages["notification"]["by"] == "Officer Two"
    assert stages["rapid-review"]["done"] == "2026-04-28"
    assert stages["rapid-review"]["state"] == "done"
    assert stages["tor-agreed"]["planned"] == "2026-07-01" and stages["tor-agreed"]["done"] is None

    b = workspace.json("show", "2026-baby-b", "--as-of", TODAY)
    assert b["decision"] is None and b["agencies"]  # the workspace's agencies, as cspr new gives
    assert {s["key"]: s["done"] for s in b["stages"]}["notification"] == "2026-05-22"

    c = workspace.json("show", "2026-ref-c", "--as-of", TODAY)
    assert c["track"] == "none" and c["status"] == "closed"
    # every new review starts with the notes and the briefing's learning file, as cspr new makes
    assert (workspace.root / "reviews" / "2026-ref-c" / "briefing.yaml").is_file()
    assert (workspace.root / "reviews" / "2026-ref-c" / "notes.md").is_file()
    assert workspace.run("check").exit_code == 0

    log = workspace.json("log", "2026-child-a")
    assert [e["action"] for e in log] == ["import"]


def test_a_csv_saved_by_excel_with_a_byte_order_mark_and_semicolons(workspace, tmp_path):
    path = tmp_path / "tracker.csv"
    text = ("ID;Child;Aware;Decision;Decision date;notification;rapid_review\r\n"
            ";Child D;01/04/2026;national;24/04/2026;03/04/2026;23/04/2026\r\n"
            ";\"Child E; the younger\";2026-05-11;;;;\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    run(workspace, "import", str(path))
    d = workspace.json("show", "2026-child-d", "--as-of", TODAY)
    assert d["track"] == "national" and d["decision"]["on"] == "2026-04-24"
    assert {s["key"]: s["done"] for s in d["stages"]}["rapid-review"] == "2026-04-23"
    e = workspace.json("show", "2026-child-e-the-younger", "--as-of", TODAY)
    assert e["child"] == "Child E; the younger" and e["aware"] == "2026-05-11"


def test_a_recurring_checks_date_is_recorded_as_cspr_complete_would(workspace, tmp_path):
    # found by mutation testing: this column once stopped the import with a traceback
    path = tmp_path / "tracker.csv"
    path.write_text("Child,Aware,Decision,Decision date,progress-check\n"
                    "Child A,01/04/2026,local,28/04/2026,29/05/2026\n", encoding="utf-8")
    run(workspace, "import", str(path))
    (check,) = [s for s in workspace.json("show", "2026-child-a", "--as-of", TODAY)["stages"]
                if s["key"] == "progress-check"]
    assert check["recorded"] == 1 and check["outstanding"][0] == "2026-06-28"  # 28 May answered
    assert "progress-check (due Thu 28 May 2026) recorded on Fri 29 May 2026" in workspace.git("log", "-1", "--format=%B")


def test_a_bad_csv_cell_is_named_by_row_and_column(workspace, tmp_path):
    path = tmp_path / "tracker.csv"
    path.write_text("Child,Aware,notification\nChild D,01/04/2026,03/04/2026\nChild E,04/31/2026,\n",
                    encoding="utf-8")
    result = run(workspace, "import", str(path), ok=False)
    assert "tracker.csv:3:2: Aware: '04/31/2026' is not a real date" in result.stderr
    assert not (workspace.root / "reviews" / "2026-child-d").exists()


def test_every_bad_cell_is_named_and_nothing_is_written(workspace, tmp_path):
    (workspace.root / "private" / "restricted-terms.txt").write_text("Smith\n", encoding="utf-8")
    before = head(workspace)
    rows = [
        TRACKER[0],
        [None, "Child F", "31/02/2026", None, None, None, None, None, None, None, None, None, None],
        [None, "Child G", "2026-04-01", None, None, "maybe", "2026-04-20", None, "2026-03-01", None, None,
         None, None],
        [None, "Child H Smith", "2026-04-01", None, None, None, None, None, "2026-07-01", None, None, None, None],
        [None, "Child J", "2026-04-01", None, None, None, None, None, None, None, None, "2026-05-01", None],
        [None, "Child A", dt.datetime(2026, 4, 1), None, None, None, None, None, None, None, None, None, None],
    ]
    path = workbook(tmp_path / "tracker.xlsx", rows)
    result = run(workspace, "import", str(path), ok=False)
    assert result.exit_code == 1
    err = result.stderr
    assert "tracker.xlsx:Reviews!C3: Aware: '31/02/2026' is not a real date" in err
    assert "tracker.xlsx:Reviews!F4: Decision: 'maybe' is not a decision; use one of: local, national, none" in err
    assert "tracker.xlsx:Reviews!B5: holds restricted term 1 (terms numbered" in err and "Smith" not in err
    assert "tracker.xlsx:Reviews!I5: notification: 2026-07-01 is in the future" in err
    assert "tracker.xlsx:Reviews!L6:" in err and "tor-agreed is part of a local review" in err
    assert "tracker.xlsx:Reviews!B7: review 2026-child-a is also in Reviews!B2" in err
    assert err.strip().splitlines()[-1].startswith("cspr: error: ")
    assert "tracker.xlsx:Reviews!I4: 2026-03-01 is before 2026-child-g became known" in err
    assert "7 problems, so nothing was imported" in err
    assert "Traceback" not in err
    assert head(workspace) == before
    assert workspace.git("status", "--porcelain", "--untracked-files=all").strip() == ""
    assert not any((workspace.root / "reviews").glob("*/review.yaml"))


def test_an_unknown_column_is_named_with_the_known_ones(workspace, tmp_path):
    path = workbook(tmp_path / "t.xlsx", [["Child K", "2026-04-01", "x"]], headings=["Child", "Aware", "Notifcation"])
    result = run(workspace, "import", str(path), ok=False)
    assert "t.xlsx:Reviews!C1: unknown column 'Notifcation'; did you mean 'notification'?" in result.stderr
    assert "the columns are: ID, Child, Aware" in result.stderr


def test_dry_run_writes_nothing(workspace, tmp_path):
    before = head(workspace)
    path = workbook(tmp_path / "tracker.xlsx", TRACKER)
    result = run(workspace, "import", str(path), "--dry-run")
    assert "2026-child-a: would create (Child A)" in result.stdout
    assert "nothing was written" in result.stderr
    assert head(workspace) == before
    assert not (workspace.root / "reviews" / "2026-child-a").exists()


def test_an_existing_review_is_refused_and_update_records_only_what_differs(workspace, tmp_path):
    path = workbook(tmp_path / "tracker.xlsx", TRACKER)
    run(workspace, "import", str(path))
    first = head(workspace)

    again = run(workspace, "import", str(path), ok=False)
    assert "review 2026-child-a already exists; use --update" in again.stderr
    assert head(workspace) == first

    quiet = run(workspace, "import", str(path), "--update")
    assert "nothing differs" in quiet.stderr and head(workspace) == first

    rows = [list(row) for row in TRACKER]
    rows[0][11] = "2026-05-12"  # tor-agreed now done
    rows[0][7] = "Reviewer Two"  # a new lead reviewer
    workbook(path, rows)
    result = run(workspace, "import", str(path), "--update")
    assert "2026-child-a: updated (Child A): lead-reviewer changed from Reviewer One to Reviewer Two; tor-agreed completed on" in result.stdout
    assert "2026-baby-b" not in result.stdout
    assert "2 already up to date" in result.stderr
    assert workspace.git("diff", "--name-only", f"{first}..HEAD").split() == ["reviews/2026-child-a/review.yaml"]
    diff = workspace.git("diff", f"{first}..HEAD")
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert len(changed) == 6, changed  # lead reviewer (-/+), tor-agreed done and by (-/+ each)
    a = workspace.json("show", "2026-child-a", "--as-of", TODAY)
    assert {s["key"]: s["done"] for s in a["stages"]}["tor-agreed"] == "2026-05-12"


def test_update_names_a_review_too_large_to_compare_whole_and_imports_nothing(workspace, tmp_path):
    path = workbook(tmp_path / "tracker.xlsx", TRACKER)
    run(workspace, "import", str(path))
    review = workspace.review_file("2026-child-a")
    text = review.read_text()
    assert text.endswith("recommendations: {}\n")
    texts = "".join(f"  R{n}:\n    text: Recommendation {n}, written at the length a real one runs to.\n"
                    "    actions: {}\n" for n in range(1, 30_000))
    review.write_text(text.replace("recommendations: {}\n", "recommendations:\n" + texts))
    workspace.git("commit", "--quiet", "-am", "many recommendations")
    first = head(workspace)
    rows = [list(row) for row in TRACKER]
    rows[0][11] = "2026-05-12"
    workbook(path, rows)

    result = run(workspace, "import", str(path), "--update", ok=False)

    assert result.exit_code == 1
    assert "Reviews!B2: " in result.stderr
    assert ("review.yaml: is 3.0 MB, more than the 2 MB cspr import --update reads whole (a review record is a "
            "few KB): record this review's changes with cspr complete, decide, plan or set instead") in result.stderr
    assert head(workspace) == first and workspace.git("status", "--porcelain") == ""


def test_update_refuses_a_changed_pseudonym_or_aware_date(workspace, tmp_path):
    path = workbook(tmp_path / "tracker.xlsx", TRACKER)
    run(workspace, "import", str(path))
    rows = [list(row) for row in TRACKER]
    rows[2][2] = dt.date(2026, 3, 3)
    workbook(path, rows)
    result = run(workspace, "import", str(path), "--update", ok=False)
    assert "Reviews!C4: the record says 2026-03-02" in result.stderr


def test_the_template_has_headings_notes_and_validation(workspace, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "tracker.xlsx"
    result = run(workspace, "import", "--template", str(out))
    assert "wrote" in result.stderr
    book = load_workbook(out)
    assert book.sheetnames == ["Reviews", "Notes"]
    headings = [c.value for c in book["Reviews"][1]]
    assert headings[:3] == ["ID", "Child", "Aware"]
    assert "notification" in headings and "plan:published" in headings and "plan:tor-agreed" in headings
    rules = book["Reviews"].data_validations.dataValidation
    assert {rule.type for rule in rules} == {"list", "date"}
    assert any(rule.formula1 == '"local,national,none"' for rule in rules)
    notes = {row[0]: row[1] for row in book["Notes"].iter_rows(min_row=5, values_only=True)}
    assert "pseudonym" in notes["Child"]

    # the template, filled in, imports as it stands
    ws = book["Reviews"]
    ws.cell(2, headings.index("Child") + 1, "Child L")
    ws.cell(2, headings.index("Aware") + 1, dt.datetime(2026, 5, 4))
    book.save(out)
    run(workspace, "import", str(out))
    assert workspace.json("show", "2026-child-l")["aware"] == "2026-05-04"

    again = run(workspace, "import", "--template", str(out), ok=False)
    assert "already exists" in again.stderr


@pytest.mark.parametrize("name", ["tracker.xls", "tracker.txt"])
def test_other_files_are_refused_with_what_to_do(workspace, tmp_path, name):
    path = tmp_path / name
    path.write_text("x", encoding="utf-8")
    result = run(workspace, "import", str(path), ok=False)
    assert "cspr imports .xlsx or .csv files" in result.stderr


def test_an_import_is_one_change_in_each_review_trail_and_undone_whole(workspace, tmp_path):
    path = workbook(tmp_path / "tracker.xlsx", TRACKER)
    run(workspace, "import", str(path))
    result = run(workspace, "undo")
    assert "undid import" in result.stderr
    assert not any((workspace.root / "reviews").glob("*/review.yaml"))
    for review_id in ("2026-child-a", "2026-baby-b"):
        assert [e["action"] for e in workspace.json("log", review_id)] == ["undo", "import"]
