"""Hostile or careless input: refused in one line on stderr, exit 1, nothing written."""

from __future__ import annotations

import pytest


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


@pytest.mark.parametrize("bad", ["\n", "\r", "\x1b[31m", "\x00", "\x7f", "\x85", "\u202e", "\u2066", "\u200f"])
@pytest.mark.parametrize(("args", "field"), [
    (("new", "Child B{}", "--aware", "2026-05-01"), "CHILD"),
    (("hold", "2026-child-a", "--reason", "criminal{}trial"), "--reason"),
    (("complete", "2026-child-a", "notification", "--note", "told{}them"), "--note"),
    (("complete", "2026-child-a", "notification", "--by", "Officer{} Two <two@example.org>"), "--by"),
    (("close", "2026-child-a", "--reason", "moved{}away"), "--reason"),
    (("recommend", "2026-child-a", "Share{}records"), "TEXT"),
    (("set", "2026-child-a", "lead-reviewer", "Reviewer{}R"), "lead-reviewer"),
])
def test_control_characters_are_refused_naming_the_option(ws, bad, args, field):
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
