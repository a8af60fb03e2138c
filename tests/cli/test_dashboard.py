"""`cspr dashboard`: the board's static website, loaded page by page in headless Chromium."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from tests.helpers.browser import find_browser
from tests.helpers.workspace import OFFICER


@pytest.fixture
def board(workspace, monkeypatch):
    """Judged on Mon 20 Apr 2026:

    - 2026-child-a: notification overdue (Red).
    - 2026-child-b: notification due Tue 21 Apr (Amber).
    - 2025-child-c: local review, agency responses overdue; a recommendation with actions for
      Police (overdue: Red) and Health (due Fri 24 Apr: Amber).
    - 2025-baby-d: on hold for a criminal trial.
    - 2025-child-e: no review needed: closed, not on the dashboard.
    """
    monkeypatch.setenv("CSPR_TODAY", "2026-04-20")
    monkeypatch.setenv("CSPR_OFFICER", OFFICER)
    run = workspace.run
    run("new", "Child A", "--aware", "2026-04-01")
    run("new", "Child B", "--aware", "2026-04-14")
    run("new", "Child C", "--aware", "2025-06-02", "--agency", "Police", "--agency", "Health")
    run("complete", "2025-child-c", "notification", "--on", "2025-06-04")
    run("complete", "2025-child-c", "rapid-review", "--on", "2025-06-20")
    run("decide", "2025-child-c", "local", "--on", "2025-12-01")
    run("complete", "2025-child-c", "final-draft", "--on", "2026-03-27")
    run("recommend", "2025-child-c", "Share records when a family moves.")
    run("action", "add", "2025-child-c", "R1", "Brief officers on record transfers.", "--agency", "Police",
        "--due", "2026-04-01", "--on", "2026-03-01")
    run("action", "add", "2025-child-c", "R1", "Audit the transfer of health records.", "--agency", "Health",
        "--due", "2026-04-24")
    run("new", "Baby D", "--aware", "2025-05-01")
    run("complete", "2025-baby-d", "notification", "--on", "2025-05-02")
    run("complete", "2025-baby-d", "rapid-review", "--on", "2025-05-20")
    run("decide", "2025-baby-d", "local", "--on", "2025-06-02")
    run("hold", "2025-baby-d", "--reason", "Criminal trial", "--from", "2025-10-01")
    run("new", "Child E", "--aware", "2025-04-01")
    run("complete", "2025-child-e", "notification", "--on", "2025-04-02")
    run("complete", "2025-child-e", "rapid-review", "--on", "2025-04-15")
    run("decide", "2025-child-e", "none", "--on", "2025-04-20")
    return workspace


OPEN = ["2025-baby-d", "2025-child-c", "2026-child-a", "2026-child-b"]


def _dump_dom(browser: str, page: Path, profile: Path) -> str:
    """The page as Chromium built it (so it parsed and loaded), from a real headless browser."""
    result = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--allow-file-access-from-files", f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
        check=True, capture_output=True, text=True, timeout=120,
    )
    return result.stdout


def _links(dom: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'<a [^>]*href="([^"]+)"', dom)]


def test_every_page_loads_in_a_browser_links_resolve_and_reviews_have_timelines(board, tmp_path):
    browser = find_browser()
    if browser is None:
        pytest.skip("no Chromium or Chrome installed (.ci/run installs chromium)")
    site = tmp_path / "site"
    result = board.run("dashboard", "-o", str(site))
    assert "wrote 6 pages" in result.stderr
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert pages == ["figures.html", "index.html", *(f"reviews/{r}.html" for r in OPEN)]
    seen: dict[str, str] = {}
    for name in pages:
        dom = _dump_dom(browser, site / name, tmp_path / "profile")
        assert "<main>" in dom and "Testshire Safeguarding Partnership" in dom and "Mon 20 Apr 2026" in dom, name
        seen[name] = dom
        for href in _links(dom):
            parsed = urlparse(href)
            assert parsed.scheme in ("", "file"), f"{name} links outside the dashboard: {href}"
            target = Path(unquote(parsed.path)) if parsed.scheme == "file" else (site / name).parent / unquote(parsed.path)
            assert target.resolve().is_file(), f"{name} links {href}, which is not there"
    overview = seen["index.html"]
    for review in OPEN:
        assert f'href="reviews/{review}.html"' in overview
    assert "2025-child-e" not in overview  # closed
    rows = dict(re.findall(r'<a href="reviews/([^"]+)\.html">.*?<span class="rag rag-(\w+)">', overview, re.S))
    assert rows == {"2025-baby-d": "red", "2025-child-c": "red", "2026-child-a": "red", "2026-child-b": "amber"}
    assert re.search(r'<span class="rag rag-amber">Amber</span>\s*due in 1 day', overview)  # a word, not colour alone
    on_hold = overview.split('id="on-hold"')[1].split("<h2")[0]
    assert "2025-baby-d" in on_hold and "Criminal trial" in on_hold and "2026-child-a" not in on_hold
    agencies = overview.split('id="actions"')[1].split("<h2")[0]
    assert re.search(r'<th scope="row">Health</th><td class="number">0</td><td class="number">1</td>', agencies)
    assert re.search(r'<th scope="row">Police</th><td class="number">1</td><td class="number">0</td>', agencies)
    for review in OPEN:
        page = seen[f"reviews/{review}.html"]
        svg = page.split("<svg", 1)[1].split("</svg>", 1)[0]
        assert f"<title id=\"timeline-title\">Timeline of {review}" in svg and "<desc" in svg
        assert "notification" in svg  # a row per stage
        assert '<th scope="col">Due</th>' in page and '<th scope="col">Done</th>' in page
    child_c = seen["reviews/2025-child-c.html"]
    assert "R1: Share records when a family moves." in child_c and "Audit the transfer of health records." in child_c
    assert "Police: not yet confirmed" in child_c
    assert "Criminal trial" in seen["reviews/2025-baby-d.html"]
    assert "Serious incidents notified" in seen["figures.html"]


def test_a_restricted_term_stops_the_dashboard_and_the_old_one_stays(board, tmp_path):
    site = tmp_path / "site"
    board.run("dashboard", "-o", str(site))
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    # Recorded before the name was listed (recording now refuses a listed term).
    board.run("hold", "2026-child-a", "--reason", "Inquest into Mr Smithers", "--from", "2026-04-15")
    (board.root / "private" / "restricted-terms.txt").write_text("Smithers\n")
    result = board.run("dashboard", "-o", str(site), ok=False)
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert "term 1 in index.html" in result.stderr and "term 1 in reviews/2026-child-a.html" in result.stderr
    assert "Smithers" not in result.stderr
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == []  # nothing left over


def test_a_failed_run_leaves_the_previous_dashboard_and_a_new_run_replaces_it(board, tmp_path):
    site = tmp_path / "site"
    board.run("dashboard", "-o", str(site))
    before = (site / "index.html").read_text()
    custom = board.root / "templates" / "dashboard"
    custom.mkdir(parents=True)
    (custom / "review.html.j2").write_text("{{ review.nickname }}\n")  # fails on the review pages
    result = board.run("dashboard", "-o", str(site), "--as-of", "2026-04-21", ok=False)
    assert re.search(r"templates/dashboard/review\.html\.j2:1: missing field review\.nickname", result.stderr)
    assert (site / "index.html").read_text() == before
    (custom / "review.html.j2").unlink()
    board.run("dashboard", "-o", str(site), "--as-of", "2026-04-21")
    assert "Tue 21 Apr 2026" in (site / "index.html").read_text()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == []


def test_a_folder_cspr_did_not_write_is_never_replaced(board, tmp_path):
    mine = tmp_path / "papers"
    mine.mkdir()
    (mine / "minutes.docx").write_text("the board's minutes")
    result = board.run("dashboard", "-o", str(mine), ok=False)
    assert "already holds files that cspr did not write" in result.stderr
    assert [p.name for p in mine.iterdir()] == ["minutes.docx"]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_pages_shared_out_among_processes_are_those_written_here_and_a_term_found_by_any_refuses(
        board, tmp_path, monkeypatch):
    from cspr.storage import forked

    monkeypatch.setattr(forked, "ENOUGH_TO_SHARE", 2)  # five reviews: shared out among three processes
    shares: list[int] = []
    share_out = forked.in_processes

    def counted(parts, work):
        if work.__name__ == "pages_of":  # not the facts caches being filled
            shares.append(len(parts))
        return share_out(parts, work)

    monkeypatch.setattr(forked, "in_processes", counted)
    monkeypatch.setenv("CSPR_PROCESSES", "1")
    board.run("dashboard", "-o", str(tmp_path / "alone"))
    monkeypatch.setenv("CSPR_PROCESSES", "3")
    result = board.run("dashboard", "-o", str(tmp_path / "shared"))
    assert shares == [1, 3]  # one share, then three
    assert "wrote 6 pages" in result.stderr
    assert _files(tmp_path / "shared") == _files(tmp_path / "alone")
    before = _files(tmp_path / "shared")
    # 2026-child-b is the last review, so its page is rendered and checked in the last process.
    board.run("hold", "2026-child-b", "--reason", "Inquest into Mr Smithers", "--from", "2026-04-15")
    (board.root / "private" / "restricted-terms.txt").write_text("Jo Bloggs\nSmithers\n")
    result = board.run("dashboard", "-o", str(tmp_path / "shared"), ok=False)
    assert result.exit_code == 1 and "Smithers" not in result.stderr
    assert "term 2 in index.html; term 2 in reviews/2026-child-b.html (" in result.stderr
    assert _files(tmp_path / "shared") == before and shares == [1, 3, 3]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_workspace_template_can_still_draw_the_timeline_from_its_coordinates(board, tmp_path):
    custom = board.root / "templates" / "dashboard"
    custom.mkdir(parents=True)
    (custom / "review.html.j2").write_text(
        "{% for row in timeline.rows %}{{ row.label }}:{% for s in row.shapes %} {{ s.kind }}@{{ s.x }}{% endfor %}|"
        "{% endfor %}ticks {{ timeline.ticks | length }}\n")
    board.run("dashboard", "-o", str(tmp_path / "site"))
    page = (tmp_path / "site" / "reviews" / "2025-child-c.html").read_text()
    assert re.match(r"notification: due@\d+\.\d+ done@\d+\.\d+\|rapid-review: ", page)
    assert "|agency-responses: due@" in page and re.search(r"\|ticks [1-9]$", page.strip())
