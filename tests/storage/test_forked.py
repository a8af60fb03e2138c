"""The first run after a clone shares its reviews out among forked processes: the answer, the
errors and the caches are exactly those of one process, and a process that fails costs only
time."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from cspr.storage import cache as cache_store
from cspr.storage import facts_cache, forked
from cspr.storage.agenda_cache import AGENDAS
from cspr.storage.cache import KeyedCache
from cspr.storage.index_cache import INDEXES
from cspr.storage.report_facts import ACTIONS, FIGURES, PAPER, PROBLEMS
from cspr.storage.review_cache import decode
from cspr.storage.workspace import Workspace as DiskWorkspace
from tests.helpers.bench import generator

TODAY = dt.date(2026, 6, 1)


def test_shares_keep_the_order_and_differ_by_one_at_most():
    items = list(range(11))
    shares = forked.shares_of(items, 3)
    assert shares == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10]]
    assert forked.shares_of(items, 1) == [items]
    assert forked.shares_of([1, 2], 3) == [[1], [2], []]
    # the longer shares come first, one item longer each
    assert [len(share) for share in forked.shares_of(list(range(10)), 4)] == [3, 3, 2, 2]


def test_each_share_is_worked_in_its_own_process_and_comes_back_in_order():
    here = os.getpid()
    results = forked.in_processes([[1, 2], [3], [4, 5, 6]], lambda share: (os.getpid(), [n * 10 for n in share]))
    assert [values for _, values in results] == [[10, 20], [30], [40, 50, 60]]
    pids = [pid for pid, _ in results]
    assert pids[0] == here and here not in pids[1:] and len(set(pids)) == 3


@pytest.mark.parametrize("failure", ["raises", "cannot be handed back", "exits"])
def test_a_share_whose_process_fails_is_worked_here(failure):
    here = os.getpid()

    def work(share):
        if os.getpid() != here:
            if failure == "raises":
                raise RuntimeError("a fault in a child")
            if failure == "exits":
                os._exit(3)
            return object()  # marshal cannot write it
        return [n + 1 for n in share]

    assert forked.in_processes([[1], [2, 3]], work) == [[2], [3, 4]]


def test_a_failure_here_leaves_no_process_behind():
    here = os.getpid()

    def work(share):
        if os.getpid() == here:
            raise RuntimeError("a fault here")
        return share

    before = _children()
    with pytest.raises(RuntimeError, match="a fault here"):
        forked.in_processes([[1], [2], [3]], work)
    assert _children() <= before  # every child was waited for: none is left, not even a zombie


def _children() -> set[int]:
    """This process's child processes (others than the test's may be running: git's, say)."""
    found = set()
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        found.update(int(pid) for pid in (task / "children").read_text().split())
    return found


@pytest.mark.parametrize(("asked", "count", "expected"), [
    ("1", 10_000, 1), ("3", 10_000, 3), ("3", 2, 1), ("", 10, 1), ("none", 10, 1),
])
def test_how_many_processes(monkeypatch, asked, count, expected):
    monkeypatch.setenv("CSPR_PROCESSES", asked)
    assert forked.processes_for(count) == expected


def test_a_short_list_is_never_shared_out_and_a_long_one_uses_the_cores(monkeypatch):
    monkeypatch.delenv("CSPR_PROCESSES", raising=False)
    assert forked.processes_for(forked.ENOUGH_TO_SHARE - 1) == 1
    cores = len(os.sched_getaffinity(0))
    assert forked.processes_for(10_000) == max(1, min(cores, forked.MOST_PROCESSES))
    monkeypatch.setenv("CSPR_PROCESSES", "0")  # not a number of processes: the cores decide
    assert forked.processes_for(10_000) == max(1, min(cores, forked.MOST_PROCESSES))
    monkeypatch.setenv("CSPR_PROCESSES", "3")
    assert forked.processes_for(forked.ENOUGH_TO_SHARE) == 3  # enough to share out


def test_a_process_allowed_one_core_works_alone(monkeypatch):
    monkeypatch.delenv("CSPR_PROCESSES", raising=False)
    cores = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(cores)})
    try:
        assert forked.processes_for(10_000) == 1
    finally:
        os.sched_setaffinity(0, cores)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("forked") / "ws"
    generator().make_workspace(root, 40, seed=23)
    # one broken review in the first share and two in the last, so every share's are reported
    for name, text in [("2020-child-early", "id: 2020-child-early\nchild: Child Early\naware: 2020-02-30\n"),
                       ("2026-child-broken", "id: 2026-child-broken\nchild: Child Broken\naware: 2026-13-01\n"),
                       ("2026-child-unknown", "id: 2026-child-unknown\nchild: Child U\naware: 2026-04-01\nodd: 1\n")]:
        (root / "reviews" / name).mkdir()
        (root / "reviews" / name / "review.yaml").write_text(text)
    return root


def _worked_out(root: Path, kind: facts_cache.Kind, processes: str, monkeypatch) -> tuple:
    shutil.rmtree(root / ".cspr", ignore_errors=True)
    monkeypatch.setenv("CSPR_PROCESSES", processes)
    workspace = DiskWorkspace(root)
    found, errors = facts_cache.load_facts(workspace, kind, workspace.review_ids(), TODAY)
    caches = {name: KeyedCache.open(root / ".cspr" / name, facts_cache.open_cache(workspace, kind).fingerprint
                                    if name == kind.file else _review_fingerprint()).entries
              for name in (kind.file, "reviews.cache")}
    return found, [str(error) for error in errors], caches


def _review_fingerprint() -> tuple:
    from cspr.storage.review_cache import _fingerprint

    return _fingerprint()


@pytest.mark.parametrize("kind", [INDEXES, AGENDAS, FIGURES, PROBLEMS, ACTIONS, PAPER],
                         ids=lambda kind: kind.file)
def test_facts_worked_out_in_processes_are_those_worked_out_here(generated, kind, monkeypatch):
    monkeypatch.setattr(cache_store, "RACY_SECONDS", -10**9)  # cache every file, however new
    monkeypatch.setattr(forked, "ENOUGH_TO_SHARE", 2)
    shares: list[int] = []
    share_out = forked.in_processes
    monkeypatch.setattr(forked, "in_processes", lambda parts, work: shares.append(len(parts)) or share_out(parts, work))
    alone = _worked_out(generated, kind, "1", monkeypatch)
    assert shares == []
    shared = _worked_out(generated, kind, "3", monkeypatch)
    assert shares == [3]
    assert len(alone[0]) == 40 and len(alone[1]) == 3
    assert shared[0] == alone[0]
    assert shared[1] == alone[1]
    assert shared[2][kind.file] == alone[2][kind.file]
    # A parsed review is cached as marshal's bytes, which may share equal strings differently.
    assert {review_id: (key, text_digest, decode(blob))
            for review_id, (key, text_digest, blob) in shared[2]["reviews.cache"].items()} == \
        {review_id: (key, text_digest, decode(blob))
         for review_id, (key, text_digest, blob) in alone[2]["reviews.cache"].items()}
    assert len(shared[2][kind.file]) == 40 and len(shared[2]["reviews.cache"]) == 40
