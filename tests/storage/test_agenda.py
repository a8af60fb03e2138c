"""Agendas: what a review still has to do, the same whatever day it is read, and cached safely."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cspr.model.agenda import agenda_for
from cspr.model.deadlines import ReviewSchedule
from cspr.reports.overdue import items_on
from cspr.storage import cache as cache_store
from cspr.storage.agenda_cache import AGENDA_FILE, decode, encode
from cspr.storage.index_cache import INDEXES
from cspr.storage.workspace import Workspace as DiskWorkspace
from tests.helpers.workspace import OFFICER, REPO

DEMO = DiskWorkspace(REPO)


@settings(max_examples=40, deadline=None)
@given(st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2029, 12, 31)),
       st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2029, 12, 31)))
def test_an_agenda_does_not_depend_on_the_day_it_is_worked_out(first, second):
    reviews, errors = DEMO.load_all()
    assert not errors
    for review in reviews:
        one = agenda_for(ReviewSchedule(DEMO.process, review, DEMO.calendar, first))
        other = agenda_for(ReviewSchedule(DEMO.process, review, DEMO.calendar, second))
        assert one == other
        assert decode(encode(one)) == one


@settings(max_examples=40, deadline=None)
@given(st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2028, 12, 31)),
       st.integers(min_value=0, max_value=60))
def test_items_from_an_agenda_match_the_schedule_of_that_day(as_of, within):
    """items_on(agenda, day) gives what judging the review on that day gives."""
    reviews, _ = DEMO.load_all()
    for review in reviews:
        schedule = ReviewSchedule(DEMO.process, review, DEMO.calendar, as_of)
        agenda = agenda_for(ReviewSchedule(DEMO.process, review, DEMO.calendar, dt.date(2020, 1, 1)))
        expected = []
        for state in schedule.states:
            if state.state == "on-hold":
                expected.append((state.stage.key, None, "on-hold"))
            elif state.state in ("overdue", "due") and state.due is not None:
                if state.state == "due" and (state.due - as_of).days > within:
                    continue
                status = "overdue" if state.state == "overdue" else "due-soon"
                waiting = [a.agency for a in state.agencies if a.done is None] or [None]
                expected.extend((state.stage.key, agency, status) for agency in waiting)
        for action in review.actions:
            if action.status != "complete" and action.due < as_of:
                expected.append((f"action:{action.key}", action.agency, "overdue"))
            elif action.status != "complete" and (action.due - as_of).days <= within:
                expected.append((f"action:{action.key}", action.agency, "due-soon"))
        assert [(i.stage, i.agency, i.status) for i in items_on(agenda, as_of, within)] == expected


def _report(workspace, as_of):
    return workspace.json("overdue", "--as-of", as_of, "--within", "30")["items"]


def test_a_cached_agenda_gives_the_same_report_as_a_fresh_one_on_any_day(workspace, monkeypatch):
    monkeypatch.setattr(cache_store, "RACY_SECONDS", -10**9)
    monkeypatch.setenv("CSPR_OFFICER", OFFICER)
    monkeypatch.setenv("CSPR_TODAY", "2026-11-27")
    for child in ("Child A", "Child B"):
        workspace.run("new", child, "--aware", "2026-04-01")
    workspace.run("decide", "2026-child-a", "local", "--on", "2026-05-01")
    workspace.run("hold", "2026-child-a", "--reason", "Trial", "--from", "2026-09-01")
    for day in ("2026-04-05", "2026-06-30", "2026-10-01", "2027-03-01"):
        cached = _report(workspace, day)
        shutil.rmtree(workspace.root / ".cspr")
        assert _report(workspace, day) == cached


def test_changing_the_process_or_the_closure_days_is_seen(workspace, monkeypatch):
    monkeypatch.setattr(cache_store, "RACY_SECONDS", -10**9)  # cache files however new
    monkeypatch.setenv("CSPR_OFFICER", OFFICER)
    monkeypatch.setenv("CSPR_TODAY", "2026-11-27")
    workspace.run("new", "Child A", "--aware", "2026-04-01")
    due = {i["stage"]: i["due"] for i in _report(workspace, "2026-04-02")}
    assert due["notification"] == "2026-04-10"
    assert (workspace.root / ".cspr" / INDEXES.file).is_file()  # the overdue report's cache
    config = workspace.root / "cspr.yaml"
    config.write_text(config.read_text().replace("closures: []", "closures: [2026-04-07, 2026-04-08]"))
    due = {i["stage"]: i["due"] for i in _report(workspace, "2026-04-02")}
    assert due["notification"] == "2026-04-10"  # statutory: closures never move it
    # A process where the notification is a local stage: the closures now count.
    process = (REPO / "cspr" / "process.yaml").read_text()
    local = process.replace("due: 5 working days after aware\n    statutory: true", "due: 5 working days after aware")
    assert local != process
    (workspace.root / "process.yaml").write_text(local)
    due = {i["stage"]: i["due"] for i in _report(workspace, "2026-04-02")}
    assert due["notification"] == "2026-04-14"  # two closure days later
    (workspace.root / "process.yaml").write_text(
        local.replace("due: 5 working days after aware", "due: 3 working days after aware"))
    due = {i["stage"]: i["due"] for i in _report(workspace, "2026-04-02")}
    assert due["notification"] == "2026-04-10"  # 3 working days, still skipping the closures


def _calendar(workspace, as_of):
    return workspace.run("calendar", "--as-of", as_of).stdout  # worked out from the agendas


@pytest.mark.parametrize(("cache_file", "read"), [(AGENDA_FILE, _calendar), (INDEXES.file, _report)],
                         ids=["agendas", "indexes"])
def test_a_corrupt_cache_is_rebuilt(workspace, monkeypatch, cache_file, read):
    monkeypatch.setattr(cache_store, "RACY_SECONDS", -10**9)
    monkeypatch.setenv("CSPR_OFFICER", OFFICER)
    workspace.run("new", "Child A", "--aware", "2026-04-01")
    expected = read(workspace, "2026-04-02")
    path = workspace.root / ".cspr" / cache_file
    for garbage in (b"", b"junk", path.read_bytes()[:-7]):
        path.write_bytes(garbage)
        assert read(workspace, "2026-04-02") == expected
