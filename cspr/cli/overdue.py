"""`cspr overdue`: the morning report, at a terminal and from cron."""

from __future__ import annotations

import datetime as dt

import click

from cspr.cli.options import (
    REVIEW_ID,
    as_of_option,
    as_recorded_option,
    complete_agency,
    format_option,
    pass_app,
)

EXIT_OVERDUE = 3  # with --exit-code, as `git diff --exit-code` uses 1


@click.command()
@as_of_option
@as_recorded_option
@click.option("--within", type=click.IntRange(min=0, max=3660), default=14, show_default=True, metavar="DAYS",
              help="Also list what falls due in the next DAYS days.")
@click.option("--review", "review_ids", multiple=True, metavar="ID", type=REVIEW_ID, help="Only this review (repeat for more).")
@click.option("--owner", metavar="TEXT", shell_complete=complete_agency, help="Only deadlines whose owner or agency contains TEXT (any case).")
@format_option("table", "json", "csv", "markdown")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing at all when nothing is overdue or due soon (for cron).")
@click.option("--exit-code", is_flag=True, help=f"Exit {EXIT_OVERDUE} when anything is overdue (0 otherwise; 1 on errors).")
@pass_app
def overdue(app, as_of: dt.date | None, as_recorded: bool, within: int, review_ids: tuple[str, ...], owner: str | None,
            output_format: str, quiet: bool, exit_code: bool) -> None:
    """List every pending deadline that is overdue, or due in the next --within days, across
    all open reviews, most overdue first; stages on hold for parallel proceedings are listed
    as on hold, never as overdue.

    Exit status: 0 when the report ran (whatever it found); 1 when a review file could not be
    read (the rest are still reported); with --exit-code, 3 when anything is overdue.

    \b
    Example:
      cspr overdue
      cspr overdue --within 7 --owner Police --format markdown
      cspr overdue --quiet --exit-code     # from cron
    """
    from cspr.cli.options import as_of_day
    from cspr.cli.output import emit, exit_if_unreadable
    from cspr.ops.overdue import overdue as overdue_report
    from cspr.present.overdue import overdue_listing

    as_of = as_of_day(app, as_of, as_recorded)
    found = overdue_report(app.workspace, as_of, within=within, review_ids=review_ids, owner=owner,
                           today=app.today, as_recorded=as_recorded)
    if quiet and not found.items:
        pass
    else:
        table = output_format in ("table", "markdown")
        emit(app, overdue_listing(found.items, as_of, within, found.open_reviews, table=table), output_format)
    exit_if_unreadable(found.errors, "this review is left out of the report; fix it, then 'cspr check'")
    if exit_code and found.anything_overdue:
        raise SystemExit(EXIT_OVERDUE)
