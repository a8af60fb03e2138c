"""Recording (and correcting) what happened to a review: complete, uncomplete, skip, decide,
plan, hold, resume, set, and the review's agencies and themes.

Each function checks the change against the review as it stands, applies it to the review's
YAML through `cspr.record`, and commits it as the officer (`cspr.git.change.change_review`).
Each returns the one-line summary that went into the commit message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from cspr.errors import UsageError
from cspr.git import repo as gitrepo
from cspr.git.change import change_review, refuse_unsafe_input
from cspr.model.review import Review
from cspr.record import stages as recording
from cspr.storage.workspace import Workspace

Edit = Callable[[Review, Any, str], str]  # (review, round-trip document, officer's name) -> summary


def record(workspace: Workspace, review_id: str, by: str | None, action: str, edit: Edit,
           typed: dict[str, str | None] | None = None) -> str:
    """Apply one recording function to a review and commit it as the officer.

    `typed` names the text the officer typed for the record ({"--note": ...}): refused, with
    nothing written, if it holds a control character or a restricted term.
    """
    refuse_unsafe_input(workspace, {"--by": by, **(typed or {})})
    officer = gitrepo.officer_for(workspace.root, by)
    return change_review(workspace, review_id, officer, action,
                         lambda review, document: edit(review, document, officer.name))


def complete(workspace: Workspace, review_id: str, stage: str, *, on: dt.date | None, today: dt.date,
             agency: str | None = None, note: str | None = None, amend: bool = False,
             occurrence: dt.date | None = None, by: str | None = None) -> str:
    from cspr.model.deadlines import ReviewSchedule

    def edit(review: Review, document: Any, who: str) -> str:
        outstanding: tuple[dt.date, ...] = ()
        process_stage = recording.find_stage(workspace.process, stage)
        if process_stage.every is not None and not amend:
            schedule = ReviewSchedule(workspace.process, review, workspace.calendar, today)
            state = schedule.state(stage)
            outstanding = state.outstanding if state else ()
        return recording.complete(
            workspace.process, review, document, stage, on=on if amend else (on or today), today=today,
            by=who, agency=agency, note=note, amend=amend, outstanding=outstanding, occurrence=occurrence,
        )

    return record(workspace, review_id, by, "complete", edit, {"--agency": agency, "--note": note})


def uncomplete(workspace: Workspace, review_id: str, stage: str, *, reason: str, agency: str | None = None,
               occurrence: dt.date | None = None, by: str | None = None) -> str:
    return record(workspace, review_id, by, "uncomplete", lambda review, doc, who: recording.uncomplete(
        workspace.process, review, doc, stage, reason=reason, agency=agency, occurrence=occurrence),
        {"--reason": reason})


def skip(workspace: Workspace, review_id: str, stage: str, *, reason: str, on: dt.date | None, today: dt.date,
         by: str | None = None) -> str:
    return record(workspace, review_id, by, "skip", lambda review, doc, who: recording.skip(
        workspace.process, review, doc, stage, reason=reason, on=on or today, today=today, by=who),
        {"--reason": reason})


def decide(workspace: Workspace, review_id: str, track: str, *, on: dt.date | None, today: dt.date,
           change: bool = False, reason: str | None = None, by: str | None = None) -> str:
    return record(workspace, review_id, by, "decide", lambda review, doc, who: recording.decide(
        workspace.process, review, doc, track, on=on or today, today=today, by=who, change=change, reason=reason),
        {"--reason": reason})


def plan(workspace: Workspace, review_id: str, stage: str, *, date: dt.date | None, every: str | None,
         today: dt.date | None = None, by: str | None = None) -> str:
    from cspr.model.deadlines import ReviewSchedule

    if (date is None) == (every is None):
        raise UsageError("give either a DATE (cspr plan ID STAGE 2026-10-01) or --every (cspr plan ID assurance --every 6m)")
    if every is not None:
        return record(workspace, review_id, by, "plan", lambda review, doc, who: recording.plan_interval(
            workspace.process, review, doc, stage, every))

    def edit(review: Review, document: Any, who: str) -> str:
        process_stage = recording.find_stage(workspace.process, stage)
        deadline = None
        if process_stage.due is not None and process_stage.due.direction == "after":
            schedule = ReviewSchedule(workspace.process, review, workspace.calendar, today or dt.date.today())
            deadline = schedule.deadline(process_stage).due
        return recording.plan(workspace.process, review, document, stage, date, deadline)

    return record(workspace, review_id, by, "plan", edit)


def hold(workspace: Workspace, review_id: str, reason: str, *, start: dt.date | None, today: dt.date,
         by: str | None = None) -> str:
    return record(workspace, review_id, by, "hold", lambda review, doc, who: recording.hold(
        review, doc, reason, start=start or today, today=today, by=who), {"--reason": reason})


def resume(workspace: Workspace, review_id: str, *, on: dt.date | None, today: dt.date,
           which: str | None = None, by: str | None = None) -> str:
    return record(workspace, review_id, by, "resume", lambda review, doc, who: recording.resume(
        review, doc, on=on or today, today=today, by=who, which=which))


def set_fact(workspace: Workspace, review_id: str, field: str, value: str, *, today: dt.date,
             reason: str | None = None, by: str | None = None) -> str:
    return record(workspace, review_id, by, "set", lambda review, doc, who: recording.set_field(
        review, doc, field, value, today=today, reason=reason), {field: value, "--reason": reason})


def agency(workspace: Workspace, review_id: str, change: str, name: str, *, reason: str | None = None,
           by: str | None = None) -> str:
    """`cspr agency add|remove`: the agencies taking part in a review."""
    if change == "add":
        return record(workspace, review_id, by, "agency add",
                      lambda review, doc, who: recording.add_agency(review, doc, name), {"NAME": name})
    return record(workspace, review_id, by, "agency remove",
                  lambda review, doc, who: recording.remove_agency(review, doc, name, reason=reason),
                  {"--reason": reason})


def theme(workspace: Workspace, review_id: str, change: str, name: str, *, by: str | None = None) -> str:
    """`cspr theme add|remove`: the themes of a review (neglect, domestic abuse...)."""
    if change == "add":
        return record(workspace, review_id, by, "theme add",
                      lambda review, doc, who: recording.add_theme(review, doc, name), {"THEME": name})
    return record(workspace, review_id, by, "theme remove",
                  lambda review, doc, who: recording.remove_theme(review, doc, name))


def withhold(workspace: Workspace, review_id: str, reason: str, *, on: dt.date | None, today: dt.date,
             by: str | None = None) -> str:
    return record(workspace, review_id, by, "withhold", lambda review, doc, who: recording.withhold(
        workspace.process, review, doc, reason, on=on or today, today=today, by=who), {"--reason": reason})


def close(workspace: Workspace, review_id: str, reason: str, *, on: dt.date | None, today: dt.date,
          by: str | None = None) -> str:
    from cspr.model.deadlines import ReviewSchedule

    def edit(review: Review, document: Any, who: str) -> str:
        closed = ReviewSchedule(workspace.process, review, workspace.calendar, today).is_closed
        return recording.close(review, document, reason, on=on or today, today=today, by=who,
                               closed_by_itself=closed and review.closed is None)

    return record(workspace, review_id, by, "close", edit, {"--reason": reason})


def reopen(workspace: Workspace, review_id: str, *, by: str | None = None) -> str:
    return record(workspace, review_id, by, "reopen", lambda review, doc, who: recording.reopen(review, doc))
