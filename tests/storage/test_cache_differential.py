"""Every read command prints the same bytes with its caches as without them.

The benchmark's generator makes a workspace of reviews in every state (holds, per-agency
stages, recurring checks, actions, closed reviews), plus one broken review file. The caches are
filled on one day; then each read command is run on other days too, once with the caches and
once with none (the `.cspr/` folder set aside), and stdout, stderr and the exit status must be
identical. This is what lets the caches be trusted: the speed is never bought with an answer.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cspr.storage import cache as cache_store
from tests.helpers.bench import generator
from tests.helpers.workspace import Workspace

FILLED_ON = "2026-06-01"  # the generator's day
DAYS = [FILLED_ON, "2024-11-15", "2026-12-24", "2028-03-01"]


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("differential") / "ws"
    generator().make_workspace(root, 150, seed=19)
    broken = root / "reviews" / "2026-child-broken"
    broken.mkdir()
    (broken / "review.yaml").write_text("id: 2026-child-broken\nchild: Child Broken\naware: 2026-13-01\n")
    return root


def _commands(review_id: str) -> list[tuple[str, ...]]:
    return [
        ("overdue",), ("overdue", "--format", "json"), ("overdue", "--format", "csv", "--within", "60"),
        ("list",), ("list", "--all", "--format", "json"), ("list", "--format", "csv"),
        ("show", review_id), ("show", review_id, "--format", "json"),
        ("actions",), ("actions", "--all", "--format", "json"), ("actions", "--within", "60", "--format", "csv"),
        ("actions", "--as-recorded", "--format", "json"),
        ("stats",), ("stats", "--format", "json"), ("stats", "--year", "2024", "--format", "csv"),
        ("stats", "--from", "2025-01-01", "--to", "2026-03-31", "--format", "json"),
        ("stats", "--year", "2025", "--as-recorded", "--format", "json"),
        ("board", "--format", "md"), ("board", "--quarter", "2025-Q4", "--format", "md"),
        ("timeline", "--all"), ("timeline", review_id),
        ("calendar",), ("calendar", "--review", review_id),
        ("check",), ("log", review_id),
    ]


def _output(workspace: Workspace, command: tuple[str, ...], day: str) -> tuple[str, str, int]:
    result = workspace.run(*command, ok=None, env={"CSPR_TODAY": day})
    return result.stdout, result.stderr, result.exit_code


def test_every_read_command_is_the_same_with_and_without_the_caches(generated, runner, monkeypatch):
    monkeypatch.setattr(cache_store, "RACY_SECONDS", -10**9)  # cache every file, however new
    workspace = Workspace(generated, runner)
    review_ids = sorted(p.name for p in (generated / "reviews").iterdir())
    held = next(r for r in review_ids if "holds:\n  - reason" in (generated / "reviews" / r / "review.yaml").read_text())
    state = generated / ".cspr"
    shutil.rmtree(state, ignore_errors=True)
    for command in (("overdue",), ("list", "--all"), ("calendar",), ("check",), ("stats",), ("actions",)):
        _output(workspace, command, FILLED_ON)  # fill every cache on one day
    assert {"agenda.cache", "index.cache", "reviews.cache", "figures.cache", "problems.cache", "actions.cache"} <= {
        p.name for p in state.iterdir()}
    compared = 0
    for day in DAYS:
        for command in _commands(held):
            cached = _output(workspace, command, day)
            aside = generated.parent / "cspr-state-aside"
            state.rename(aside)
            try:
                fresh = _output(workspace, command, day)
            finally:
                shutil.rmtree(state, ignore_errors=True)
                aside.rename(state)
            assert cached == fresh, f"cspr {' '.join(command)} on {day} differs with the cache"
            compared += 1
    assert compared == len(DAYS) * len(_commands(held))


def test_the_dashboard_writes_the_same_pages_with_and_without_the_caches(generated, runner, monkeypatch, tmp_path):
    monkeypatch.setattr(cache_store, "RACY_SECONDS", -10**9)  # cache every file, however new
    workspace = Workspace(generated, runner)
    state = generated / ".cspr"
    _output(workspace, ("stats",), FILLED_ON)  # the figures' cache filled on one day
    assert (state / "figures.cache").is_file()
    for day in DAYS:
        cached, fresh = tmp_path / f"cached-{day}", tmp_path / f"fresh-{day}"
        workspace.run("dashboard", "-o", str(cached), ok=None, env={"CSPR_TODAY": day})
        aside = generated.parent / "cspr-state-aside"
        state.rename(aside)
        try:
            workspace.run("dashboard", "-o", str(fresh), ok=None, env={"CSPR_TODAY": day})
        finally:
            shutil.rmtree(state, ignore_errors=True)
            aside.rename(state)
        pages = {p.relative_to(cached).as_posix(): p.read_bytes() for p in cached.rglob("*") if p.is_file()}
        assert len(pages) > 3 and "figures.html" in pages
        assert pages == {p.relative_to(fresh).as_posix(): p.read_bytes() for p in fresh.rglob("*") if p.is_file()}, day
