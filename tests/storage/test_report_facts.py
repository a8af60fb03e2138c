"""The facts the reports cache per review (figures, problems, actions) are never stale: an edit
is seen by the next report, and a change to the code that works them out throws them away."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import cspr.model.actions
import cspr.reports.board
import cspr.reports.problems
import cspr.reports.stats
from cspr.storage import cache as cache_store
from cspr.storage import facts_cache, report_facts
from cspr.storage.workspace import Workspace as DiskWorkspace
from tests.helpers.workspace import OFFICER
from tests.storage.test_cache import fill_in
from tests.storage.test_cache_trust import touched

AS_OF = "2026-05-01"


@pytest.fixture(params=["racy", "settled"])
def settledness(request, monkeypatch):
    if request.param == "settled":
        monkeypatch.setattr(cache_store, "RACY_SECONDS", -10**9)
    return request.param


def _new(workspace, *children: str) -> list[str]:
    return [workspace.run("new", child, "--aware", "2026-04-01", "--by", OFFICER).stdout.strip()
            for child in children]


def _notified(workspace) -> list[str]:
    return workspace.json("stats", "--as-of", AS_OF)["notifications"]["reviews"]


def _lie(workspace, kind: facts_cache.Kind, review_id: str, **wrong) -> None:
    """Plant wrong facts under the current fingerprint: what stale values would look like."""
    cache = facts_cache.open_cache(DiskWorkspace(workspace.root), kind)
    key, _, value = cache.entries[review_id]
    cache.entries[review_id] = (key, None, kind.encode(kind.decode(value)._replace(**wrong)))
    cache.changed = True
    cache.save()


def test_the_figures_see_a_hand_edit_and_a_change_by_cspr(workspace, settledness):
    first, second = _new(workspace, "Child A", "Child B")
    assert _notified(workspace) == []
    fill_in(workspace.review_file(first), "notification", "2026-04-03")
    assert _notified(workspace) == [first]
    workspace.run("complete", second, "notification", "--on", "2026-04-02", "--by", OFFICER)
    assert _notified(workspace) == [first, second]
    cached = facts_cache.open_cache(DiskWorkspace(workspace.root), report_facts.FIGURES).entries
    assert set(cached) == ({first, second} if settledness == "settled" else set())  # new files are racy


def test_a_change_to_the_reports_code_throws_the_figures_away(workspace, monkeypatch):
    monkeypatch.setattr(cache_store, "RACY_SECONDS", -10**9)
    review_id, _ = _new(workspace, "Child A", "Child B")
    assert _notified(workspace) == []
    _lie(workspace, report_facts.FIGURES, review_id,
         notified=(dt.date(2026, 4, 2).toordinal(), dt.date(2026, 4, 8).toordinal()))  # days as ordinals
    assert _notified(workspace) == [review_id]  # the same code trusts its cache
    with touched(Path(cspr.reports.stats.__file__)):
        assert _notified(workspace) == []


def _checked(workspace) -> list[str]:
    """The lines `cspr check` reports (relative to the workspace, as it is run from there)."""
    return [line for line in workspace.run("check", ok=None).stderr.splitlines() if "review.yaml" in line]


def test_check_sees_a_hand_edit_and_finds_the_same_problem_cached(workspace, settledness):
    first, second = _new(workspace, "Child A", "Child B")
    assert _checked(workspace) == []
    path = workspace.review_file(first)
    path.write_text(path.read_text().replace("stages:\n", "stages:\n  notifcation:\n", 1))
    found = _checked(workspace)
    assert len(found) == 1 and "unknown stage 'notifcation'" in found[0] and first in found[0]
    assert _checked(workspace) == found  # from the cache (settled), or found again: the same line
    path.write_text(path.read_text().replace("  notifcation:\n", "", 1))
    assert _checked(workspace) == []


def test_a_change_to_the_reports_code_throws_the_problems_away(workspace, monkeypatch):
    monkeypatch.setattr(cache_store, "RACY_SECONDS", -10**9)
    review_id, _ = _new(workspace, "Child A", "Child B")
    assert _checked(workspace) == []
    _lie(workspace, report_facts.PROBLEMS, review_id, found=((3, 1, "a problem that is not there"),))
    assert len(_checked(workspace)) == 1  # the same code trusts its cache
    with touched(Path(cspr.reports.problems.__file__)):
        assert _checked(workspace) == []


def _ratings(workspace) -> list[tuple[str, str, str]]:
    return [(a["action"], a["status"], a["rag"]) for a in workspace.json("actions", "--all", "--as-of", AS_OF)["actions"]]


def _with_an_action(workspace) -> str:
    review_id, _ = _new(workspace, "Child A", "Child B")
    workspace.run("recommend", review_id, "Share the learning", "--by", OFFICER)
    workspace.run("action", "add", review_id, "R1", "Deliver training", "--agency", "Police",
                  "--due", "2026-04-20", "--on", "2026-04-02", "--by", OFFICER)
    return review_id


def test_the_actions_see_a_change(workspace, settledness):
    review_id = _with_an_action(workspace)
    assert _ratings(workspace) == [("R1.1", "not-started", "red")]
    workspace.run("action", "update", review_id, "R1.1", "--status", "complete", "--note", "Delivered", "--on", "2026-04-10",
                  "--by", OFFICER)
    assert _ratings(workspace) == [("R1.1", "complete", "green")]


def test_a_change_to_the_model_throws_the_actions_away(workspace, monkeypatch):
    monkeypatch.setattr(cache_store, "RACY_SECONDS", -10**9)
    review_id = _with_an_action(workspace)
    assert _ratings(workspace) == [("R1.1", "not-started", "red")]
    _lie(workspace, report_facts.ACTIONS, review_id, recommendations=())
    assert _ratings(workspace) == []  # the same code trusts its cache
    with touched(Path(cspr.model.actions.__file__)):
        assert _ratings(workspace) == [("R1.1", "not-started", "red")]


def _open_on_the_board(workspace) -> list[str]:
    """The reviews in progress, as the paper's first table lists them."""
    paper = workspace.run("board", "--format", "md", env={"CSPR_TODAY": AS_OF}).stdout
    table = paper.split("### Reviews in progress", 1)[1].split("###", 1)[0]
    return [review for review in ("2026-child-a", "2026-child-b") if f"| {review} |" in table]


def test_a_change_to_the_reports_code_throws_the_board_facts_away(workspace, monkeypatch):
    monkeypatch.setattr(cache_store, "RACY_SECONDS", -10**9)
    review_id, other = _new(workspace, "Child A", "Child B")
    assert _open_on_the_board(workspace) == [review_id, other]
    cache = facts_cache.open_cache(DiskWorkspace(workspace.root), report_facts.PAPER)
    paper = report_facts.PAPER.decode(cache.entries[review_id][2])
    _lie(workspace, report_facts.PAPER, review_id, index=paper.index._replace(closed=True))
    assert _open_on_the_board(workspace) == [other]  # the same code trusts its cache
    with touched(Path(cspr.reports.board.__file__)):
        assert _open_on_the_board(workspace) == [review_id, other]
    workspace.run("close", review_id, "--reason", "Merged with another review", "--on", "2026-04-20", "--by", OFFICER)
    assert _open_on_the_board(workspace) == [other]


def test_a_board_entry_this_code_cannot_read_is_worked_out_again(workspace, monkeypatch):
    """An entry of another shape (an older format, a torn write) under the current fingerprint."""
    monkeypatch.setattr(cache_store, "RACY_SECONDS", -10**9)
    review_id, other = _new(workspace, "Child A", "Child B")
    before = workspace.run("board", "--format", "md", env={"CSPR_TODAY": AS_OF}).stdout
    cache = facts_cache.open_cache(DiskWorkspace(workspace.root), report_facts.PAPER)
    key, _, _ = cache.entries[review_id]
    cache.entries[review_id] = (key, None, (review_id, "not", "a", "paper"))
    cache.changed = True
    cache.save()
    assert workspace.run("board", "--format", "md", env={"CSPR_TODAY": AS_OF}).stdout == before
    assert _open_on_the_board(workspace) == [review_id, other]
