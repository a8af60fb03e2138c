"""How each report's cache of per-review facts behaves (`facts_cache.load_facts`), with a kind
of facts of the test's own that notes every time it is worked out: which reviews are read,
which are given from the cache, and which problems are reported. Real files in tmp_path, no git
(the reports' own kinds and the command line are test_report_facts.py's and test_agenda.py's)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cspr.errors import DataError, UsageError
from cspr.storage import cache as cache_store
from cspr.storage.facts_cache import Kind, load_facts, open_cache
from cspr.storage.workspace import Workspace

TODAY = dt.date(2026, 6, 1)


def review_text(review_id: str, child: str) -> str:
    return f"id: {review_id}\nchild: {child}\naware: 2026-04-01\n"


@pytest.fixture
def workspace(tmp_path, monkeypatch) -> Workspace:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cspr.yaml").write_text("partnership: Testshire Safeguarding Partnership\n", encoding="utf-8")
    for review_id, child in [("2026-child-a", "Child A"), ("2026-child-b", "Child B")]:
        write(tmp_path, review_id, review_text(review_id, child))
    return Workspace(tmp_path)


@pytest.fixture
def settled(monkeypatch):
    """Files written a moment ago count as settled, so their facts may be cached."""
    monkeypatch.setattr(cache_store, "RACY_SECONDS", -10**9)


def write(root: Path, review_id: str, text: str) -> None:
    folder = root / "reviews" / review_id
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "review.yaml").write_text(text, encoding="utf-8")


def noting(worked: list[str], file: str = "children.cache") -> Kind:
    """Facts: a review's pseudonym and the day asked, stored as a list; `worked` notes each working out."""
    def work_out(workspace, review, today):
        worked.append(review.id)
        return (review.child, today)

    return Kind(file, 1, ("model", "storage"), work_out,
                lambda facts: [facts[0], facts[1].toordinal()],
                lambda stored: (stored[0], dt.date.fromordinal(stored[1])))


def test_a_settled_reviews_facts_are_worked_out_once_and_then_given_from_the_cache(workspace, settled):
    worked: list[str] = []
    kind = noting(worked)
    expected = ([("Child B", TODAY), ("Child A", TODAY)], [])
    assert load_facts(workspace, kind, ["2026-child-b", "2026-child-a"], TODAY) == expected
    assert worked == ["2026-child-b", "2026-child-a"]
    assert load_facts(workspace, kind, ["2026-child-b", "2026-child-a"], TODAY) == expected
    assert worked == ["2026-child-b", "2026-child-a"]
    assert set(open_cache(workspace, kind).entries) == {"2026-child-a", "2026-child-b"}
    # a change to one file: only that review is read again
    write(workspace.root, "2026-child-a", review_text("2026-child-a", "Child Z"))
    assert load_facts(workspace, kind, ["2026-child-a", "2026-child-b"], TODAY) == (
        [("Child Z", TODAY), ("Child B", TODAY)], [])
    assert worked == ["2026-child-b", "2026-child-a", "2026-child-a"]


def test_a_review_changed_in_the_last_seconds_is_worked_out_every_time(workspace):
    worked: list[str] = []
    kind = noting(worked)
    for _ in range(2):
        assert load_facts(workspace, kind, ["2026-child-a"], TODAY) == ([("Child A", TODAY)], [])
    assert worked == ["2026-child-a", "2026-child-a"]
    assert not (workspace.state_dir / kind.file).exists()


def test_a_review_asked_for_and_not_there_or_unreadable_is_reported_every_time(workspace, settled):
    worked: list[str] = []
    kind = noting(worked)
    write(workspace.root, "2026-child-c", "id: 2026-child-c\nchild: Child C\naware: 2026-13-01\n")
    (workspace.root / "reviews" / "2026-child-e").write_text("a file where the folder should be\n")
    for _ in range(2):
        facts, errors = load_facts(workspace, kind, ["2026-child-a", "2026-child-c", "2026-child-d", "2026-child-e"],
                                   TODAY)
        assert facts == [("Child A", TODAY)]
        assert [str(error) for error in errors] == [
            "reviews/2026-child-c/review.yaml:3:8: not a real date (month must be in 1..12); write it as 2026-04-01",
            "reviews/2026-child-d/review.yaml: cannot be read: No such file or directory",
            "reviews/2026-child-e/review.yaml: cannot be read: Not a directory"]
    assert worked == ["2026-child-a"]
    assert set(open_cache(workspace, kind).entries) == {"2026-child-a"}


def test_folder_names_that_are_no_review_are_passed_over_when_asked(workspace, settled):
    worked: list[str] = []
    kind = noting(worked)
    (workspace.root / "reviews" / "2026-child-f").mkdir()  # no review.yaml: not a review yet
    names = ["2026-child-a", "2026-child-f", "not a usable id", "2026-child-b"]
    assert load_facts(workspace, kind, names, TODAY, skip_missing=True) == (
        [("Child A", TODAY), ("Child B", TODAY)], [])
    with pytest.raises(UsageError, match="^'not a usable id' is not a usable review ID"):
        load_facts(workspace, kind, names, TODAY)


def test_a_fixed_file_is_cached_and_a_broken_one_forgotten(workspace, settled):
    worked: list[str] = []
    kind = noting(worked)
    load_facts(workspace, kind, ["2026-child-a", "2026-child-b"], TODAY)
    write(workspace.root, "2026-child-a", "id: 2026-child-a\nchild: [Child A\n")
    _, errors = load_facts(workspace, kind, ["2026-child-a", "2026-child-b"], TODAY)
    assert [str(error) for error in errors] == [
        "reviews/2026-child-a/review.yaml:3:1: expected ',' or ']', but got '<stream end>'"]
    assert set(open_cache(workspace, kind).entries) == {"2026-child-b"}
    write(workspace.root, "2026-child-a", review_text("2026-child-a", "Child A"))
    assert load_facts(workspace, kind, ["2026-child-a", "2026-child-b"], TODAY)[0] == [
        ("Child A", TODAY), ("Child B", TODAY)]
    assert set(open_cache(workspace, kind).entries) == {"2026-child-a", "2026-child-b"}


def test_an_entry_this_code_cannot_read_is_worked_out_again(workspace, settled):
    worked: list[str] = []
    kind = noting(worked)
    load_facts(workspace, kind, ["2026-child-a", "2026-child-b"], TODAY)
    cache = open_cache(workspace, kind)
    key, digest, _ = cache.entries["2026-child-a"]
    cache.entries["2026-child-a"] = (key, digest, ["Child A"])  # the day is missing
    cache.changed = True
    cache.save()
    assert load_facts(workspace, kind, ["2026-child-a", "2026-child-b"], TODAY)[0] == [
        ("Child A", TODAY), ("Child B", TODAY)]
    assert worked == ["2026-child-a", "2026-child-b", "2026-child-a"]
    # an entry keeping a digest (as the review cache's racy ones do) is no entry for facts
    cache = open_cache(workspace, kind)
    key, _, stored = cache.entries["2026-child-b"]
    cache.entries["2026-child-b"] = (key, b"a digest", stored)
    cache.changed = True
    cache.save()
    load_facts(workspace, kind, ["2026-child-b"], TODAY)
    assert worked[-1] == "2026-child-b" and len(worked) == 4


def test_the_entries_of_reviews_gone_are_dropped(workspace, settled):
    worked: list[str] = []
    kind = noting(worked)
    load_facts(workspace, kind, ["2026-child-a", "2026-child-b"], TODAY)
    (workspace.root / "reviews" / "2026-child-b" / "review.yaml").unlink()
    load_facts(workspace, kind, ["2026-child-a"], TODAY)
    assert set(open_cache(workspace, kind).entries) == {"2026-child-a"}


def test_the_entries_of_reviews_still_there_but_not_asked_for_are_kept(workspace, settled):
    worked: list[str] = []
    kind = noting(worked)
    load_facts(workspace, kind, ["2026-child-a", "2026-child-b"], TODAY)
    load_facts(workspace, kind, ["2026-child-a"], TODAY)
    assert set(open_cache(workspace, kind).entries) == {"2026-child-a", "2026-child-b"}
    load_facts(workspace, kind, ["2026-child-b"], TODAY)
    assert worked == ["2026-child-a", "2026-child-b"]  # given from the cache, not worked out again


def test_a_broken_process_is_reported_even_with_nothing_to_work_out(workspace):
    (workspace.root / "process.yaml").write_text("stages: [\n", encoding="utf-8")
    with pytest.raises(DataError) as refused:
        load_facts(workspace, noting([]), [], TODAY)
    assert str(refused.value) == "process.yaml:2:1: expected the node content, but found '<stream end>'"


def test_the_problems_check_finds_are_kept_with_their_line_and_given_back_where_they_are(workspace):
    from cspr.storage.report_facts import PROBLEMS, ReviewProblems

    write(workspace.root, "2026-child-a", review_text("2026-child-a", "Child A")
          + "stages:\n  no-such-stage:\n    done: 2026-04-02\n")
    problems = PROBLEMS.work_out(workspace, workspace.load_review("2026-child-a"), TODAY)
    assert problems == ReviewProblems("2026-child-a", ((5, 3, "unknown stage 'no-such-stage'"),))
    assert [str(error) for error in problems.errors(workspace.review_path("2026-child-a"))] == [
        "reviews/2026-child-a/review.yaml:5:3: unknown stage 'no-such-stage'"]
    assert PROBLEMS.work_out(workspace, workspace.load_review("2026-child-b"), TODAY) == ReviewProblems(
        "2026-child-b", ())


def test_each_reports_facts_are_worked_out_under_the_workspaces_process_and_calendar(workspace):
    from cspr.model.actions import actions_of
    from cspr.model.agenda import agenda_for
    from cspr.model.deadlines import ReviewSchedule
    from cspr.reports.board import paper_of
    from cspr.reports.index import index_of
    from cspr.reports.stats import figures_of
    from cspr.storage.agenda_cache import AGENDAS
    from cspr.storage.index_cache import INDEXES
    from cspr.storage.report_facts import ACTIONS, FIGURES, PAPER
    from tests.helpers.domain import ENGLAND, PROCESS

    write(workspace.root, "2026-child-a", review_text("2026-child-a", "Child A")
          + "decision:\n  track: local\n  on: 2026-04-20\nstages:\n  notification:\n    done: 2026-04-02\n")
    review = workspace.load_review("2026-child-a")
    schedule = ReviewSchedule(PROCESS, review, ENGLAND, TODAY)
    assert FIGURES.work_out(workspace, review, TODAY) == figures_of(schedule)
    assert ACTIONS.work_out(workspace, review, TODAY) == actions_of(schedule)
    assert PAPER.work_out(workspace, review, TODAY) == paper_of(schedule)
    assert AGENDAS.work_out(workspace, review, TODAY) == agenda_for(schedule)
    assert INDEXES.work_out(workspace, review, TODAY) == index_of(agenda_for(schedule))


def test_agendas_asked_for_by_id_report_a_review_that_is_not_there(workspace):
    from cspr.storage.agenda_cache import load_agendas

    agendas, errors = load_agendas(workspace, ["2026-child-a", "2026-child-z"], TODAY)
    assert [agenda.review for agenda in agendas] == ["2026-child-a"]
    assert [str(error) for error in errors] == ["reviews/2026-child-z/review.yaml: cannot be read: No such file or directory"]
    (workspace.root / "reviews" / "2026-child-y").mkdir()
    assert load_agendas(workspace, ["2026-child-a", "2026-child-y"], TODAY, skip_missing=True)[1] == []
