"""`cspr stats`, `cspr timeline` and `cspr calendar`: the records turned into reports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from cspr.cli.options import DATE, as_of_option, format_option, pass_app


def _load(app, as_of: dt.date, review_ids: tuple[str, ...] = ()):
    """Schedules for the named reviews (all when none named); unreadable ones are warned about."""
    from cspr.cli.present import warn
    from cspr.reporting import schedules

    workspace = app.workspace
    ids = None
    if review_ids:
        from cspr.workspace import check_id

        ids = [check_id(i) for i in review_ids]
        for review_id in ids:
            if not workspace.review_path(review_id).is_file():
                workspace.load_review(review_id)  # raises: no such review, and what to do
    found, errors = schedules(workspace, as_of, ids)
    for error in errors:
        warn(f"error: {error} (this review is left out; fix it, then 'cspr check')")
    return found, errors


@click.command()
@click.option("--year", type=click.IntRange(1900, 9998), metavar="YYYY",
              help="The financial year from 1 April YYYY to 31 March YYYY+1 (default: the one containing today).")
@click.option("--from", "start", type=DATE, metavar="DATE", help="First day of the period (instead of --year).")
@click.option("--to", "end", type=DATE, metavar="DATE", help="Last day of the period (default with --from: today).")
@format_option("table", "json", "csv", "markdown")
@pass_app
def stats(app, year: int | None, start: dt.date | None, end: dt.date | None, output_format: str) -> None:
    """The figures for the partnership's yearly report over a period: incidents notified and on
    time, rapid reviews on time, decisions by track, local reviews published (days from decision
    to publication, within the deadline, delayed by parallel proceedings), briefings circulated,
    actions by agency, and the most frequent themes. The README states each figure's rule.

    The period is a financial year (April to March): --year 2026 means 1 Apr 2026 to 31 Mar
    2027. Open and overdue actions are judged on the period's last day, or today if sooner.
    """
    from cspr import stats as figures
    from cspr.cli.present import emit
    from cspr.errors import UsageError
    from cspr.views_stats import stats_listing

    today = app.today
    if year is not None and (start or end):
        raise UsageError("give either --year or --from/--to, not both")
    if end is not None and start is None:
        raise UsageError("--to needs --from (or use --year for a financial year)")
    if start is not None:
        period = figures.Period(start, end or today)
        if period.end < period.start:
            raise UsageError(f"--to {period.end.isoformat()} is before --from {start.isoformat()}")
    elif year is not None:
        period = figures.financial_year(year)
    else:
        period = figures.financial_year_of(today)
    judged_on = figures.as_at(period, today)
    found, errors = _load(app, judged_on)
    result = figures.compute(app.workspace.process, found, period, judged_on)
    emit(app, stats_listing(result), output_format)
    if errors:
        raise SystemExit(1)


@click.command()
@click.argument("review_id", metavar="ID", required=False)
@click.option("--all", "show_all", is_flag=True, help="One line per open review, for board meetings.")
@as_of_option
@click.option("--width", type=click.IntRange(min=40), metavar="COLUMNS",
              help="Width to draw in (default: the terminal's, or COLUMNS, else 100).")
@pass_app
def timeline(app, review_id: str | None, show_all: bool, as_of: dt.date | None, width: int | None) -> None:
    """Draw review ID's stages as a timeline: due or planned dates against the days they were
    done, late and overdue spans, holds for parallel proceedings, and today. With --all, one
    line per open review. Colour at a terminal; plain characters (D due, P planned, * done,
    - done late, = overdue, ~ on hold, : today) when piped or with NO_COLOR.
    """
    import shutil

    from cspr import timeline as chart
    from cspr.errors import UsageError
    from cspr.reporting import schedule_for
    from cspr.views_timeline import plain, print_rich

    if review_id is None and not show_all:
        raise UsageError("name a review (cspr timeline ID), or use --all for every open review")
    if review_id is not None and show_all:
        raise UsageError("give either a review ID or --all, not both")
    as_of = as_of or app.today
    errors = []
    if show_all:
        found, errors = _load(app, as_of)
        drawing = chart.board_timeline(found, as_of)
    else:
        drawing = chart.review_timeline(schedule_for(app.workspace, review_id, as_of))
    # Colour carries meaning here (red is overdue), so without colour the plain characters are
    # drawn, and their key printed, even at a terminal.
    if app.use_color():
        console = app.console()
        if width:
            console.width = width
        print_rich(console, drawing)
    else:
        click.echo(plain(drawing, width or shutil.get_terminal_size((100, 24)).columns), nl=False)
    if errors:
        raise SystemExit(1)


@click.command()
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE.ics",
              help="Write the calendar to FILE.ics (replaced whole, atomically) instead of stdout.")
@click.option("--review", "review_ids", multiple=True, metavar="ID", help="Only this review (repeat for more).")
@as_of_option
@pass_app
def calendar(app, output: Path | None, review_ids: tuple[str, ...], as_of: dt.date | None) -> None:
    """Export every pending deadline of the open reviews as an iCalendar file: one all-day
    event on each due date, naming the review, stage and owner (per-agency stages, each
    outstanding recurring check and each open action get their own). Each event keeps its
    UID from one export to the next, so importing a newer file moves events rather than
    duplicating them. Stages on hold are left out: their dates move when the hold ends.
    """
    from cspr import ical
    from cspr.cli.present import warn

    as_of = as_of or app.today
    found, errors = _load(app, as_of, review_ids)
    events, held = ical.deadlines(found)
    text = ical.calendar_text(events, app.workspace.config.partnership, as_of)
    count = f"{len(events)} deadline{'s' if len(events) != 1 else ''}"
    if output is not None:
        from cspr.yamlio import atomic_write

        try:
            atomic_write(output, text)
        except OSError as exc:
            from cspr.errors import UsageError

            raise UsageError(f"cannot write {output}: {exc.strerror}; choose another --output") from None
        warn(f"wrote {count} to {output}")
    else:
        click.echo(text, nl=False)
    if held:
        warn(f"{held} deadline{'s' if held != 1 else ''} on hold for parallel proceedings left out "
             "(their dates move when the hold ends)")
    if errors:
        raise SystemExit(1)
