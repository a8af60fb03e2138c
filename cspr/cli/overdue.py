"""`cspr overdue`: the morning report, at a terminal and from cron."""

from __future__ import annotations

import datetime as dt

import click

from cspr.cli.options import as_of_option, format_option, pass_app

EXIT_OVERDUE = 3  # with --exit-code, as `git diff --exit-code` uses 1


@click.command()
@as_of_option
@click.option("--within", type=click.IntRange(min=0), default=14, show_default=True, metavar="DAYS",
              help="Also list what falls due in the next DAYS days.")
@click.option("--review", "review_ids", multiple=True, metavar="ID", help="Only this review (repeat for more).")
@click.option("--owner", metavar="TEXT", help="Only deadlines whose owner or agency contains TEXT (any case).")
@format_option("table", "json", "csv", "markdown")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing at all when nothing is overdue or due soon (for cron).")
@click.option("--exit-code", is_flag=True, help=f"Exit {EXIT_OVERDUE} when anything is overdue (0 otherwise; 1 on errors).")
@pass_app
def overdue(app, as_of: dt.date | None, within: int, review_ids: tuple[str, ...], owner: str | None,
            output_format: str, quiet: bool, exit_code: bool) -> None:
    """List every pending deadline that is overdue, or due in the next --within days, across
    all open reviews, most overdue first; stages on hold for parallel proceedings are listed
    as on hold, never as overdue.

    Exit status: 0 when the report ran (whatever it found); 1 when a review file could not be
    read (the rest are still reported); with --exit-code, 3 when anything is overdue.
    """
    from cspr import overdue as report
    from cspr.cli.present import emit, warn
    from cspr.reporting import agendas
    from cspr.views_overdue import overdue_json, overdue_listing

    workspace = app.workspace
    as_of = as_of or app.today
    ids = None
    if review_ids:
        from cspr.workspace import check_id

        ids = [check_id(i) for i in review_ids]
        for review_id in ids:
            workspace.load_review(review_id) if not workspace.review_path(review_id).is_file() else None
    found, errors = agendas(workspace, as_of, ids)
    items = report.report(found, as_of, within)
    if owner:
        needle = owner.casefold()
        items = [i for i in items if needle in i.owner.casefold() or needle in (i.agency or "").casefold()]
    open_reviews = sum(1 for agenda in found if not agenda.closed)
    for error in errors:
        warn(f"error: {error} (this review is left out of the report; fix it, then 'cspr check')")
    if quiet and not items:
        pass
    elif output_format == "json":
        click.echo(overdue_json(items, as_of, within), nl=False)
    else:
        table = output_format in ("table", "markdown")
        emit(app, overdue_listing(items, as_of, within, open_reviews, table=table), output_format)
    if errors:
        raise SystemExit(1)
    if exit_code and any(i.status == report.OVERDUE_STATUS for i in items):
        raise SystemExit(EXIT_OVERDUE)
