"""`cspr recommend add|edit|remove`, `action add|update`, `actions`, `close` and `reopen`: following the learning through."""

from __future__ import annotations

import datetime as dt

import click

from cspr.cli.options import (
    DATE,
    REVIEW_ID,
    as_of_option,
    as_recorded_option,
    by_option,
    complete_action,
    complete_agency,
    format_option,
    on_option,
    pass_app,
)
from cspr.cli.output import done
from cspr.model.review import ACTION_STATUSES


class RecommendGroup(click.Group):
    """`cspr recommend ID TEXT` (as before the group existed) still means `cspr recommend add`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and not args[0].startswith("-") and args[0] not in self.commands:
            args = ["add", *args]
        return super().parse_args(ctx, args)


@click.group(cls=RecommendGroup)
def recommend() -> None:
    """Record a review's recommendations, correct their words, or remove one made in error.

    \b
    Example:
      cspr recommend add 2026-child-h "Agencies share records when a family moves."
      cspr recommend edit 2026-child-h R1 "Agencies share records within a day of a move."
      cspr recommend remove 2026-child-h R2 --reason "recorded twice"
    """


@recommend.command("add", short_help="Record a recommendation (R1, R2...).")
@click.argument("review_id", metavar="ID", type=REVIEW_ID)
@click.argument("text")
@click.option("--id", "key", metavar="KEY", help="The recommendation's key (default: the next of R1, R2, ...).")
@by_option
@pass_app
def recommend_add(app, review_id: str, text: str, key: str | None, by: str | None) -> None:
    """Record a recommendation of review ID, in the words of the report.

    \b
    Example:
      cspr recommend add 2025-child-s "Agencies share one record of missed appointments."
    """
    from cspr.ops.actions import recommend as record_recommendation

    done(review_id, record_recommendation(app.workspace, review_id, text, key=key, by=by))


@recommend.command("edit", short_help="Correct a recommendation's words.")
@click.argument("review_id", metavar="ID", type=REVIEW_ID)
@click.argument("key", metavar="REC")
@click.argument("text")
@by_option
@pass_app
def recommend_edit(app, review_id: str, key: str, text: str, by: str | None) -> None:
    """Correct the words of recommendation REC (R1) of review ID; git keeps the earlier words.

    \b
    Example:
      cspr recommend edit 2025-child-s R1 "Agencies share one record of missed appointments, weekly."
    """
    from cspr.ops.actions import edit_recommendation

    done(review_id, edit_recommendation(app.workspace, review_id, key, text, by=by))


@recommend.command("remove", short_help="Remove a recommendation recorded in error.")
@click.argument("review_id", metavar="ID", type=REVIEW_ID)
@click.argument("key", metavar="REC")
@click.option("--reason", required=True, metavar="TEXT", help="Why it is removed (goes in the commit message).")
@by_option
@pass_app
def recommend_remove(app, review_id: str, key: str, reason: str, by: str | None) -> None:
    """Remove recommendation REC of review ID. Refused while actions answer it.

    \b
    Example:
      cspr recommend remove 2025-child-s R3 --reason "recorded twice"
    """
    from cspr.ops.actions import remove_recommendation

    done(review_id, remove_recommendation(app.workspace, review_id, key, reason=reason, by=by))


@click.group()
def action() -> None:
    """Add actions answering a recommendation, and record their progress.

    \b
    Example:
      cspr action add 2025-child-s R1 --agency Police --due 31/03/2027 "Train response officers."
      cspr action update 2025-child-s R1.1 --status complete --note "Training log, 12 Feb"
    """


@action.command("add", short_help="Add an action answering a recommendation, owned by one agency.")
@click.argument("review_id", metavar="ID", type=REVIEW_ID)
@click.argument("recommendation", metavar="REC")
@click.argument("text")
@click.option("--agency", shell_complete=complete_agency, required=True, metavar="NAME",
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
    numbered REC.1, REC.2, ... and its history starts with a not-started update on --on.

    \b
    Example:
      cspr action add 2025-child-s R1 --agency Police --due 31/03/2027 "Train response officers."
    """
    from cspr.ops.actions import add_action

    done(review_id, add_action(app.workspace, review_id, recommendation, text, agency=agency, due=due,
                               new_agency=new_agency, on=on, today=app.today, by=by))


@action.command("update", short_help="Record progress on an action, or change its due date, owner or words.")
@click.argument("review_id", metavar="ID", type=REVIEW_ID)
@click.argument("action_key", metavar="ACTION", shell_complete=complete_action)
@click.option("--status", type=click.Choice(ACTION_STATUSES), help="Where the action stands now.")
@click.option("--note", metavar="TEXT", help="The evidence (needed for complete): what was done, where it is recorded.")
@click.option("--due", type=DATE, metavar="DATE", help="A new due date (an extension; needs --reason).")
@click.option("--agency", metavar="NAME", help="A new owning agency.")
@click.option("--new-agency", is_flag=True, help="With --agency: allow an agency not yet known to the review or workspace.")
@click.option("--text", metavar="TEXT", help="New words for the action.")
@click.option("--reason", metavar="TEXT", help="Why the due date, owner or words changed.")
@on_option("When this was reported or agreed")
@by_option
@pass_app
def action_update(app, review_id: str, action_key: str, status: str | None, note: str | None, due: dt.date | None,
                  agency: str | None, new_agency: bool, text: str | None, reason: str | None, on: dt.date | None,
                  by: str | None) -> None:
    """Record progress on ACTION (R1.2) of review ID, or correct what was agreed. Each update is
    added to the action's history; earlier updates are never changed. A new --due, --agency
    or --text keeps the earlier value in the action's history; RAG uses the current due date.

    \b
    Example:
      cspr action update 2025-child-s R1.1 --status in-progress --note "Half trained"
      cspr action update 2025-child-s R1.1 --due 31/03/2027 --reason "awaiting the new system"
    """
    from cspr.ops.actions import update_action

    done(review_id, update_action(app.workspace, review_id, action_key, status=status, note=note, on=on,
                                  today=app.today, due=due, agency=agency, new_agency=new_agency, text=text,
                                  reason=reason, by=by))


@click.command("actions")
@click.argument("review_id", metavar="[ID]", type=REVIEW_ID, required=False)
@click.option("--agency", shell_complete=complete_agency, metavar="TEXT", help="Only actions whose agency contains TEXT (any case).")
@as_of_option
@as_recorded_option
@click.option("--within", type=click.IntRange(min=0, max=3660), default=14, show_default=True, metavar="DAYS",
              help="Amber when due in the next DAYS days.")
@click.option("--all", "show_all", is_flag=True, help="Without ID: include closed reviews.")
@format_option("table", "json", "csv", "markdown")
@pass_app
def actions(app, review_id: str | None, agency: str | None, as_of: dt.date | None, as_recorded: bool,
            within: int, show_all: bool, output_format: str) -> None:
    """List the actions of review ID (or of every open review) with their status, due date,
    last update and a RAG rating:

    \b
      red    not complete and past its due date;
      amber  not complete, and due in the next --within days (today included), or not
             updated since the last assurance point (the latest scheduled assurance date
             on or before --as-of, recorded or not);
      green  complete, or on track.

    \b
    Example:
      cspr actions
      cspr actions 2025-child-s --agency police --format csv
    """
    from cspr.cli.options import as_of_day
    from cspr.cli.output import emit, exit_if_unreadable
    from cspr.ops.actions import list_actions
    from cspr.present.actions import actions_listing

    as_of = as_of_day(app, as_of, as_recorded)
    states, errors = list_actions(app.workspace, review_id, agency=agency, as_of=as_of, within=within,
                                  show_all=show_all, as_recorded=as_recorded)
    table = output_format in ("table", "markdown")  # cells for people; JSON, CSV and xlsx take the records
    emit(app, actions_listing(states, as_of, within, table=table, records=not table), output_format)
    exit_if_unreadable(errors)


@click.command()
@click.argument("review_id", metavar="ID", type=REVIEW_ID)
@click.option("--reason", required=True, metavar="TEXT", help="Why the review is closed early.")
@on_option("When it was closed")
@by_option
@pass_app
def close(app, review_id: str, reason: str, on: dt.date | None, by: str | None) -> None:
    """Close review ID early, with the reason. It drops out of 'cspr list' and 'cspr overdue'
    (it stays in 'cspr list --all'). A review also closes itself once every stage of its
    track is done and every action is complete.

    \b
    Example:
      cspr close 2026-child-h --reason "Merged into the national review"
    """
    from cspr.ops.stages import close as record_close

    done(review_id, record_close(app.workspace, review_id, reason, on=on, today=app.today, by=by))


@click.command()
@click.argument("review_id", metavar="ID", type=REVIEW_ID)
@by_option
@pass_app
def reopen(app, review_id: str, by: str | None) -> None:
    """Undo 'cspr close' on review ID: its deadlines and actions count again.

    \b
    Example:
      cspr reopen 2026-child-h
    """
    from cspr.ops.stages import reopen as record_reopen

    done(review_id, record_reopen(app.workspace, review_id, by=by))
