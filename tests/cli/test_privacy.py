"""Restricted terms never enter the record: refused when recording, found by `cspr check`."""

from __future__ import annotations

import pytest

TERMS = "\ufeffJane Doe\nRiverside Academy\n"
# A restricted term, disguised: a Cyrillic а, a zero-width space, a curly apostrophe, emphasis.
DISGUISED = "J\u0430ne D\u200boe"


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setenv("CSPR_TODAY", "2026-06-01")


@pytest.fixture
def ws(workspace):
    workspace.run("new", "Child A", "--aware", "2026-04-01")
    (workspace.root / "private" / "restricted-terms.txt").write_text(TERMS, encoding="utf-8")
    return workspace


def state(ws) -> tuple[str, str, dict]:
    files = {p: p.read_bytes() for p in (ws.root / "reviews").rglob("*") if p.is_file()}
    return ws.git("rev-parse", "HEAD"), ws.git("status", "--porcelain"), files


def refused(ws, *args, env: dict | None = None) -> str:
    before = state(ws)
    result = ws.run(*args, ok=False, env=env)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("cspr: error: "), result.stderr
    assert "jane" not in result.stderr.casefold() and "riverside" not in result.stderr.casefold()
    assert state(ws) == before
    return lines[0]


@pytest.mark.parametrize(("args", "field"), [
    (("new", DISGUISED, "--aware", "2026-05-01"), "CHILD"),
    (("new", "Child B", "--aware", "2026-05-01", "--id", "2026-jane-doe"), "--id"),
    (("new", "Child B", "--aware", "2026-05-01", "--agency", "**Riverside** Academy"), "--agency"),
    (("complete", "2026-child-a", "notification", "--note", "told J&#97;ne Doe"), "--note"),
    (("hold", "2026-child-a", "--reason", "trial of JANE DOE"), "--reason"),
    (("set", "2026-child-a", "lead-reviewer", "Ja\u00adne Doe"), "lead-reviewer"),
    (("recommend", "2026-child-a", "Riverside Acad\u0435my to review its policy"), "TEXT"),
    (("close", "2026-child-a", "--reason", "moved to Riverside\u00a0Academy"), "--reason"),
    (("uncomplete", "2026-child-a", "notification", "--reason", "told J\u0430ne Doe"), "--reason"),
    (("theme", "add", "2026-child-a", "R\u0456verside Academy"), "THEME"),
])
def test_a_restricted_term_is_refused_when_recording(ws, args, field):
    line = refused(ws, *args)
    assert field in line and "restricted term" in line


def test_action_text_and_note_are_checked(ws):
    ws.run("recommend", "2026-child-a", "Agencies to share records")
    refused(ws, "action", "add", "2026-child-a", "R1", "Train staff at Riverside Academy",
            "--agency", "Police", "--due", "2026-09-01")
    ws.run("action", "add", "2026-child-a", "R1", "Train staff", "--agency", "Police", "--due", "2026-09-01")
    refused(ws, "action", "update", "2026-child-a", "R1.1", "--status", "in-progress", "--note", "see Ｊａｎｅ Ｄｏｅ")


def test_a_clean_change_still_records(ws):
    # names that only look like a term (Janet, Doel) are not one: whole words only
    ws.run("complete", "2026-child-a", "notification", "--note", "Janet Doel was told")
    assert "Janet Doel was told" in ws.review_file("2026-child-a").read_text()
    assert ws.git("status", "--porcelain") == ""  # recorded and committed


def test_check_reports_every_tracked_file_holding_a_term_by_line_only(ws):
    notes = ws.root / "reviews" / "2026-child-a" / "notes.md"
    notes.write_text(notes.read_text() + "\nMet *Jane* Doe's teacher.\n")
    (ws.root / "minutes.txt").write_text("line one\nRiverside\nAcademy\n")
    (ws.root / "untracked.txt").write_text("Jane Doe\n")
    ws.git("add", "reviews", "minutes.txt")
    ws.git("commit", "--quiet", "-m", "hand edit")

    result = ws.run("check", ok=False)

    assert result.exit_code == 1
    assert "jane" not in result.stderr.casefold() and "riverside" not in result.stderr.casefold()
    lines = [line for line in result.stderr.splitlines() if "restricted term" in line]
    count = len(notes.read_text().splitlines())
    where = sorted(line.split(": ")[0].removeprefix(f"{ws.root}/") for line in lines)
    assert where == ["minutes.txt:2", f"reviews/2026-child-a/notes.md:{count}"]


def test_a_term_already_in_a_file_does_not_block_other_changes(ws):
    """Only what the change adds is checked: an old hand edit is check's to report."""
    notes = ws.root / "reviews" / "2026-child-a" / "notes.md"
    notes.write_text(notes.read_text() + "\nJane Doe\n")
    ws.git("commit", "--quiet", "-am", "hand edit")
    ws.run("complete", "2026-child-a", "notification", "--on", "2026-04-08")


def test_a_large_review_is_searched_where_it_changes_and_refused_at_the_line(ws):
    """A review of MB is searched around the change only: a term already in it stays check's
    to report, and one the change would write (here the officer's name) is refused at its line."""
    from tests.helpers.large_review import make_large

    path = ws.review_file("2026-child-a")
    make_large(path, 600)
    path.write_text(path.read_text().replace("publication_address:\n", "publication_address:\n# Jane Doe\n", 1))
    ws.git("commit", "--quiet", "-am", "a long history, and a hand edit naming someone")
    assert len(path.read_text()) > 1_500_000
    ws.run("action", "update", "2026-child-a", "R300.2", "--status", "in-progress", "--note", "Evidence seen")

    line = refused(ws, "action", "update", "2026-child-a", "R599.3", "--status", "complete", "--note", "Done",
                   env={"CSPR_OFFICER": "Jane Doe <jane.doe@example.org>"})

    written = path.read_text().index("\n  R600:\n")  # the update goes after R599.3's last, above R600
    number = path.read_text().count("\n", 0, written) + 5  # and its `by:` line is its fourth
    assert f"review.yaml:{number}: this change would write a restricted term" in line


def test_the_part_searched_holds_every_difference_and_starts_at_its_line(monkeypatch):
    import random

    from cspr.git import change

    monkeypatch.setattr(change, "SEARCH_WHOLE_BELOW", 0)
    rng = random.Random(19)
    for _ in range(500):
        monkeypatch.setattr(change, "CONTEXT", rng.choice([0, 1, 5]))
        old = "".join(rng.choice("ab\n") for _ in range(rng.randrange(200)))
        cut = sorted(rng.randrange(len(old) + 1) for _ in range(2))
        new = old[:cut[0]] + "".join(rng.choice("abc\n") for _ in range(rng.randrange(20))) + old[cut[1]:]
        new_part, old_part, line = change.changed_part(new, old)
        start = len("".join(new.splitlines(keepends=True)[:line - 1]))
        assert new[start:start + len(new_part)] == new_part and old[start:start + len(old_part)] == old_part
        assert new[:start] == old[:start] and new[start + len(new_part):] == old[start + len(old_part):]
        assert start == 0 or new[start - 1] == "\n"
