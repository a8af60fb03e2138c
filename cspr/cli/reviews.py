"""`cspr new`, `cspr list`, `cspr show` and `cspr check`."""

from __future__ import annotations

import datetime as dt

import click

from cspr.cli.options import (
    DATE,
    REVIEW_ID,
    as_of_option,
    as_recorded_option,
    by_option,
    complete_agency,
    format_option,
    pass_app,
)


@click.command()
@click.argument("child")
@click.option("--aware", type=DATE, required=True, metavar="DATE",
              help="When the local authority became aware of the incident.")
@click.option("--id", "review_id", metavar="ID", help="The review's ID (default: YEAR-pseudonym, e.g. 2026-child-h).")
@click.option("--incident", type=DATE, metavar="DATE", help="When the incident happened, if known.")
@click.option("--agency", "agencies", multiple=True, metavar="NAME", shell_complete=complete_agency,
              help="An agency taking part (repeat; default: the agencies in cspr.yaml).")
@click.option("--theme", "themes", multiple=True, metavar="TEXT", help="A theme such as neglect (repeat).")
@click.option("--looked-after", is_flag=True,
              help="The child is looked after: the Secretary of State and Ofsted are notified too.")
@by_option
@pass_app
def new(app, child: str, aware: dt.date, review_id: str | None, incident: dt.date | None,
        agencies: tuple[str, ...], themes: tuple[str, ...], looked_after: bool, by: str | None) -> None:
    """Record a new serious incident for the child known as CHILD (a pseudonym such as
    "Child H"), and print the new review's ID.

    \b
    Example:
      cspr new "Child H" --aware 01/04/2026 --agency Police --agency "Integrated Care Board" --theme neglect
    """
    from cspr.ops.new import create_review

    made = create_review(
        app.workspace, child, aware, today=app.today, review_id=review_id, incident=incident,
        agencies=list(agencies), themes=list(themes), by=by, looked_after=looked_after,
    )
    click.echo(made)


@click.command("list")
@click.option("--all", "show_all", is_flag=True, help="Include closed reviews.")
@as_of_option
@as_recorded_option
@format_option("table", "json", "csv", "markdown")
@pass_app
def list_reviews(app, show_all: bool, as_of: dt.date | None, as_recorded: bool, output_format: str) -> None:
    """List open reviews, with their track and next deadline (closed ones too with --all).

    JSON: a list of objects with id, child, aware, track, decided, status (open, on-hold or
    closed), overdue (how many stages), next_stage and next_due. CSV has the same columns.

    \b
    Example:
      cspr list
      cspr list --all --format csv > reviews.csv
    """
    from cspr.cli.options import as_of_day
    from cspr.cli.output import emit, exit_if_unreadable
    from cspr.ops.reviews import list_reviews as open_reviews
    from cspr.present.reviews import review_listing

    day = as_of_day(app, as_of, as_recorded)
    found, errors = open_reviews(app.workspace, day, show_all=show_all, as_recorded=as_recorded)
    listing = review_listing(found, day)
    if not found and output_format == "table":
        listing.summary = "No open reviews." if not show_all else "No reviews yet."
    emit(app, listing, output_format)
    exit_if_unreadable(errors, "review left out")


@click.command()
@click.argument("review_id", metavar="ID", type=REVIEW_ID)
@as_of_option
@as_recorded_option
@format_option("table", "json", "markdown")
@pass_app
def show(app, review_id: str, as_of: dt.date | None, as_recorded: bool, output_format: str) -> None:
    """Show one review: each stage that applies, when it is due, when it was done and by whom,
    and its state (done, overdue, due, on hold, waiting for an earlier stage, no deadline).
    Statutory deadlines are marked; a due date marked * is provisional (counted from an earlier
    stage's deadline because that stage is not done yet).

    \b
    Example:
      cspr show 2026-child-h
      cspr show child-h --as-of 2026-03-31 --as-recorded
    """
    from cspr.cli.options import as_of_day
    from cspr.cli.output import emit
    from cspr.ops.reviews import show as review_schedule
    from cspr.present.reviews import stage_listing

    day = as_of_day(app, as_of, as_recorded)
    emit(app, stage_listing(review_schedule(app.workspace, review_id, day, as_recorded=as_recorded)), output_format)


@click.command()
@pass_app
def check(app) -> None:
    """Check cspr.yaml, the process and every review file; report every problem as
    FILE:LINE:COL and exit 1 if there is any.

    \b
    Example:
      cspr check
    """
    from cspr.ops.check import check_workspace

    problems = check_workspace(app.workspace)
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        click.echo(f"cspr: {len(problems)} problem{'s' if len(problems) != 1 else ''} found", err=True)
        raise SystemExit(1)
    click.echo(f"All {len(app.workspace.review_ids())} reviews, cspr.yaml and the process check out.", err=True)
