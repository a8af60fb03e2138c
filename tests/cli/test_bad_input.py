"""Hostile or careless input: refused in one line on stderr, exit 1, nothing written."""

from __future__ import annotations

import pytest

from tests.cli.test_briefing import ID as BRIEFED
from tests.cli.test_briefing import published, write_learning  # noqa: F401 - a fixture


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setenv("CSPR_TODAY", "2026-06-01")


@pytest.fixture
def ws(workspace):
    workspace.run("new", "Child A", "--aware", "2026-04-01")
    return workspace


def state(ws) -> tuple[str, str, dict]:
    files = {p: p.read_bytes() for p in (ws.root / "reviews").rglob("*") if p.is_file()}
    return ws.git("rev-parse", "HEAD"), ws.git("status", "--porcelain"), files


def refused(ws, *args, env=None) -> str:
    before = state(ws)
    result = ws.run(*args, ok=False, env=env)
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("cspr: error: "), result.stderr
    assert "Traceback" not in result.output and "unexpected error" not in result.stderr
    assert state(ws) == before
    return lines[0]


CONTROL = ["\n", "\r", "\x1b[31m", "\x00", "\x7f", "\x85", "\u202e", "\u2066", "\u200f"]


@pytest.mark.parametrize(("args", "field"), [
    (("new", "Child B{}", "--aware", "2026-05-01"), "CHILD"),
    (("hold", "2026-child-a", "--reason", "criminal{}trial"), "--reason"),
    (("complete", "2026-child-a", "notification", "--note", "told{}them"), "--note"),
    (("complete", "2026-child-a", "notification", "--by", "Officer{} Two <two@example.org>"), "--by"),
    (("close", "2026-child-a", "--reason", "moved{}away"), "--reason"),
    (("recommend", "2026-child-a", "Share{}records"), "TEXT"),
    (("set", "2026-child-a", "lead-reviewer", "Reviewer{}R"), "lead-reviewer"),
])
def test_control_characters_are_refused_naming_the_option(ws, args, field):
    for bad in CONTROL:  # nothing is written, so one workspace serves every character
        line = refused(ws, *(arg.replace("{}", bad) for arg in args))
        assert field in line
        assert "\x1b" not in line and "\u202e" not in line


def test_a_control_character_in_cspr_officer_is_refused(ws):
    line = refused(ws, "complete", "2026-child-a", "notification",
                   env={"CSPR_OFFICER": "Officer\nTwo <two@example.org>"})
    assert "CSPR_OFFICER" in line


def test_a_pseudonym_that_slugs_to_nothing_needs_an_id(ws):
    line = refused(ws, "new", "!!!", "--aware", "2026-05-01")
    assert "--id" in line
    assert not (ws.root / "reviews" / "2026").exists()
    ws.run("new", "!!!", "--aware", "2026-05-01", "--id", "2026-child-x")


@pytest.mark.parametrize("address", ["javascript:alert(1)", "file:///etc/passwd", "www.example.org/report",
                                     "https://", "ftp://example.org/r.pdf", "https:// example.org"])
def test_publication_address_must_be_a_web_address(ws, address):
    assert "https://" in refused(ws, "set", "2026-child-a", "publication-address", address)


def test_a_web_address_is_accepted_and_a_bad_one_in_the_file_is_reported_by_check(ws):
    ws.run("set", "2026-child-a", "publication-address", "https://example.org/reviews/child-a.pdf")
    path = ws.review_file("2026-child-a")
    path.write_text(path.read_text().replace("https://example.org/reviews/child-a.pdf", "javascript:alert(1)"))
    result = ws.run("check", ok=False)
    assert "review.yaml:" in result.stderr and "publication_address must be a web address" in result.stderr


# -- a workspace template cannot exhaust memory -------------------------------------------------

@pytest.mark.parametrize("bomb", [
    "{{ 'x' * 1000000000 }}",
    "{{ ['x'] * 100000000 }}",
    "{{ 9 ** 999999999 }}",
    "{{ 'x'.ljust(1000000000) }}",
    "{{ 'x' | center(1000000000) }}",
    "{{ '{:>999999999}'.format('x') }}",
    "{% set s = 'x' * 900000 %}{{ s + s }}",
    "{% for i in range(20) %}{% for j in range(100000) %}{{ 'x' * 100 }}{% endfor %}{% endfor %}",
])
def test_a_template_that_would_exhaust_memory_is_stopped(published, bomb, tmp_path):  # noqa: F811
    write_learning(published)
    (published.root / "templates" / "bomb.md.j2").write_text(f"Briefing\n{bomb}\n")
    out = tmp_path / "out.md"

    result = published.run("brief", BRIEFED, "--template", "bomb", "-o", str(out), ok=False)

    assert result.exit_code == 1 and "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "bomb.md.j2" in lines[0] and "rendering stopped" in lines[0], result.stderr
    assert not out.exists()


@pytest.mark.parametrize("args", [
    ("calendar", "-o", "{missing}/deadlines.ics"),
    ("list", "--format", "csv", "-o", "{missing}/reviews.csv"),
    ("overdue", "--format", "json", "-o", "{missing}/overdue.json"),
])
def test_output_to_a_missing_folder_says_so_and_makes_nothing(ws, tmp_path, args):
    missing = tmp_path / "no-such-folder"
    result = ws.run(*(a.replace("{missing}", str(missing)) for a in args), ok=False)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert any("does not exist" in line and "-o" in line for line in lines), result.stderr
    assert "Traceback" not in result.output
    assert not missing.exists()
