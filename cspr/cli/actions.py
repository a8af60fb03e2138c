"""`cspr recommend`, `action add|update`, `actions`, `close` and `reopen`: following the learning through."""

from __future__ import annotations

import datetime as dt

import click

from cspr.cli.options import DATE, as_of_option, by_option, format_option, on_option, pass_app
from cspr.cli.stages import _record

STATUSES = ("not-started", "open", "in-progress", "complete")


@click.command()
@click.argument("review_id", metavar="ID")
@click.argument("text")
@click.option("--id", "key", metavar="KEY", help="The recommendation's key (default: the next of R1, R2, ...).")
@by_option
@pass_app
def recommend(app, review_id: str, text: str, key: str | None, by: str | None) -> None:
    """Record a recommendation of review ID, in the words of the report."""
    from cspr import action_plan

    _record(app, review_id, by, "recommend", lambda review, doc, who: action_plan.recommend(review, doc, text, key))


@click.group()
def action() -> None:
    """Add actions answering a recommendation, and record their progress."""


@action.command("add", short_help="Add an action answering a recommendation, owned by one agency.")
@click.argument("review_id", metavar="ID")
@click.argument("recommendation", metavar="REC")
@click.argument("text")
@click.option("--agency", required=True, metavar="NAME",
              help="The agency that owns the action (one taking part, or in cspr.yaml's agencies).")
@click.option("--due", type=DATE, required=True, metavar="DATE", help="When the action must be complete.")
@click.option("--new-agency", is_flag=True,
              help="Allow an agency not yet known to the review or workspace (a school, a trust).")
@on_option("When the action was agreed")
@by_option
@pass_app
def action_add(app, review_id: str, recommendation: str, text: str, agency: str, due: dt.date,
               new_agency: bool, on: dt.date | None, by: str | None) -> None:
    """Add an action answering recommendation REC (R1) of review ID, owned by one agency. It is
    numbered REC.1, REC.2, ... and its history starts with a not-started update on --on."""
    from cspr import action_plan

    workspace = app.workspace

    def edit(review, document, who):
        known = action_plan.known_agencies(review, workspace.config.agencies)
        owner = action_plan.owning_agency(agency, known, new_agency=new_agency)
        return action_plan.add_action(review, document, recommendation, agency=owner, due=due, text=text,
                                      on=on or app.today, today=app.today, by=who)

    _record(app, review_id, by, "action add", edit)


@action.command("update", short_help="Record progress on an action (its history is kept).")
@click.argument("review_id", metavar="ID")
@click.argument("action_key", metavar="ACTION")
@click.option("--status", required=True, type=click.Choice(STATUSES), help="Where the action stands now.")
@click.option("--note", metavar="TEXT", help="The evidence (needed for complete): what was done, where it is recorded.")
@on_option("When this was reported")
@by_option
@pass_app
def action_update(app, review_id: str, action_key: str, status: str, note: str | None, on: dt.date | None,
                  by: str | None) -> None:
    """Record progress on ACTION (R1.2) of review ID. Each update is added to the action's
    history; earlier updates are never changed."""
    from cspr import action_plan

    _record(app, review_id, by, "action update", lambda review, doc, who: action_plan.update_action(
        review, doc, action_key, status=status, note=note, on=on or app.today, today=app.today, by=who))


@click.command("actions")
@click.argument("review_id", metavar="[ID]", required=False)
@click.option("--agency", metavar="TEXT", help="Only actions whose agency contains TEXT (any case).")
@as_of_option
@click.option("--within", type=click.IntRange(min=0), default=14, show_default=True, metavar="DAYS",
              help="Amber when due in the next DAYS days.")
@click.option("--all", "show_all", is_flag=True, help="Without ID: include closed reviews.")
@format_option("table", "json", "csv", "markdown")
@pass_app
def actions(app, review_id: str | None, agency: str | None, as_of: dt.date | None, within: int,
            show_all: bool, output_format: str) -> None:
    """List the actions of review ID (or of every open review) with their status, due date,
    last update and a RAG rating:

    \b
      red    not complete and past its due date;
      amber  not complete, and due in the next --within days (today included), or not
             updated since the last assurance point (the latest scheduled assurance date
             on or before --as-of, recorded or not);
      green  complete, or on track.
    """
    from cspr.actions import action_states
    from cspr.cli.present import emit, warn
    from cspr.reporting import schedule_for, schedules
    from cspr.views_actions import actions_listing

    workspace = app.workspace
    as_of = as_of or app.today
    errors = []
    if review_id is not None:
        found = [schedule_for(workspace, review_id, as_of)]
    else:
        found, errors = schedules(workspace, as_of)
        if not show_all:
            found = [s for s in found if not s.is_closed]
    states = [state for schedule in found for state in action_states(schedule, within)]
    if agency:
        needle = agency.casefold()
        states = [s for s in states if needle in s.action.agency.casefold()]
    for error in errors:
        warn(f"error: {error} (this review is left out; fix it, then 'cspr check')")
    emit(app, actions_listing(states, as_of, within), output_format)
    if errors:
        raise SystemExit(1)


@click.command()
@click.argument("review_id", metavar="ID")
@click.option("--reason", required=True, metavar="TEXT", help="Why the review is closed early.")
@on_option("When it was closed")
@by_option
@pass_app
def close(app, review_id: str, reason: str, on: dt.date | None, by: str | None) -> None:
    """Close review ID early, with the reason. It drops out of 'cspr list' and 'cspr overdue'
    (it stays in 'cspr list --all'). A review also closes itself once every stage of its
    track is done and every action is complete."""
    from cspr import recording
    from cspr.deadlines import ReviewSchedule

    workspace = app.workspace

    def edit(review, document, who):
        closed = ReviewSchedule(workspace.process, review, workspace.calendar, app.today).is_closed
        return recording.close(review, document, reason, on=on or app.today, today=app.today, by=who,
                               closed_by_itself=closed and review.closed is None)

    _record(app, review_id, by, "close", edit)


@click.command()
@click.argument("review_id", metavar="ID")
@by_option
@pass_app
def reopen(app, review_id: str, by: str | None) -> None:
    """Undo 'cspr close' on review ID: its deadlines and actions count again."""
    from cspr import recording

    _record(app, review_id, by, "reopen", lambda review, doc, who: recording.reopen(review, doc))
