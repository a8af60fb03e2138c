"""`cspr stats`, `cspr timeline` and `cspr calendar`: the records turned into reports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from cspr.cli.options import (
    DATE,
    REVIEW_ID,
    as_of_option,
    as_recorded_option,
    format_option,
    pass_app,
)


def _load(app, as_of: dt.date, review_ids: tuple[str, ...] = ()):
    """Schedules for the named reviews (all when none named); unreadable ones are warned about."""
    from cspr.cli.output import warn
    from cspr.ops.judging import schedules

    workspace = app.workspace
    ids = None
    if review_ids:
        from cspr.storage.paths import check_id

        ids = [check_id(i) for i in review_ids]
        for review_id in ids:
            if not workspace.review_path(review_id).is_file():
                workspace.load_review(review_id)  # raises: no such review, and what to do
    found, errors = schedules(workspace, as_of, ids)
    for error in errors:
        warn(f"error: {error} (this review is left out; fix it, then 'cspr check')")
    return found, errors


@click.command()
@click.option("--year", type=click.IntRange(1990, 2100), metavar="YYYY",
              help="The financial year from 1 April YYYY to 31 March YYYY+1 (default: the one containing today).")
@click.option("--from", "start", type=DATE, metavar="DATE", help="First day of the period (instead of --year).")
@click.option("--to", "end", type=DATE, metavar="DATE", help="Last day of the period (default with --from: today).")
@as_of_option
@as_recorded_option
@format_option("table", "json", "csv", "markdown")
@pass_app
def stats(app, year: int | None, start: dt.date | None, end: dt.date | None, as_of: dt.date | None,
          as_recorded: bool, output_format: str) -> None:
    """The figures for the partnership's yearly report over a period: incidents notified and on
    time, rapid reviews on time, decisions by track, local reviews published (days from decision
    to publication, within the deadline, delayed by parallel proceedings), briefings circulated,
    actions by agency, and the most frequent themes. docs/reports.md states each figure's rule.

    The period is a financial year (April to March): --year 2026 means 1 Apr 2026 to 31 Mar
    2027. Open and overdue actions are judged on the period's last day, or today if sooner.
    With --as-of DATE the figures come from the records as they stood on DATE (with
    --as-recorded, as committed by its end): 'cspr stats --year 2025 --as-of 2026-04-30
    --as-recorded' reproduces the figure reported that day.

    \b
    Example:
      cspr stats --year 2026
      cspr stats --from 2026-01-01 --to 2026-06-30 --format csv
    """
    from cspr.cli.options import as_of_day
    from cspr.cli.output import emit, exit_if_unreadable
    from cspr.ops import reports
    from cspr.present.stats import stats_listing

    today = as_of_day(app, as_of, as_recorded)
    result, errors = reports.stats(app.workspace, reports.period_of(today, year, start, end), today,
                                   as_recorded=as_recorded)
    emit(app, stats_listing(result), output_format)
    exit_if_unreadable(errors)


@click.command()
@click.argument("review_id", metavar="ID", type=REVIEW_ID, required=False)
@click.option("--all", "show_all", is_flag=True, help="One line per open review, for board meetings.")
@as_of_option
@as_recorded_option
@click.option("--width", type=click.IntRange(min=40, max=1000), metavar="COLUMNS",
              help="Width to draw in (default: the terminal's, or COLUMNS, else 100).")
@pass_app
def timeline(app, review_id: str | None, show_all: bool, as_of: dt.date | None, as_recorded: bool,
             width: int | None) -> None:
    """Draw review ID's stages as a timeline: due or planned dates against the days they were
    done, late and overdue spans, holds for parallel proceedings, and today. With --all, one
    line per open review. Colour at a terminal; plain characters (D due, P planned, * done,
    - done late, = overdue, ~ on hold, : today) when piped or with NO_COLOR.

    \b
    Example:
      cspr timeline 2026-child-h
      cspr timeline --all --width 120
    """
    import shutil

    from cspr.cli.options import as_of_day
    from cspr.cli.output import exit_if_unreadable
    from cspr.ops import reports
    from cspr.present.timeline import plain, print_rich

    drawing, errors = reports.timeline(app.workspace, review_id, show_all=show_all,
                                       as_of=as_of_day(app, as_of, as_recorded), as_recorded=as_recorded)
    # Colour carries meaning here (red is overdue), so without colour the plain characters are
    # drawn, and their key printed, even at a terminal.
    if app.use_color():
        console = app.console()
        if width:
            console.width = width
        print_rich(console, drawing)
    else:
        click.echo(plain(drawing, width or shutil.get_terminal_size((100, 24)).columns), nl=False)
    exit_if_unreadable(errors)


@click.command()
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE.ics",
              help="Write the calendar to FILE.ics (replaced whole, atomically) instead of stdout.")
@click.option("--review", "review_ids", multiple=True, metavar="ID", type=REVIEW_ID, help="Only this review (repeat for more).")
@as_of_option
@as_recorded_option
@pass_app
def calendar(app, output: Path | None, review_ids: tuple[str, ...], as_of: dt.date | None,
             as_recorded: bool) -> None:
    """Export every pending deadline of the open reviews as an iCalendar file: one all-day
    event on each due date, naming the review, stage and owner (per-agency stages, each
    outstanding recurring check and each open action get their own). Each event keeps its
    UID from one export to the next, so importing a newer file moves events rather than
    duplicating them. Stages on hold are left out: their dates move when the hold ends.

    \b
    Example:
      cspr calendar -o ~/cspr-deadlines.ics
    """
    from cspr.cli.options import as_of_day
    from cspr.cli.output import exit_if_unreadable, warn
    from cspr.ops import reports

    export = reports.calendar(app.workspace, as_of_day(app, as_of, as_recorded), review_ids, output,
                              as_recorded=as_recorded)
    count = f"{export.events} deadline{'s' if export.events != 1 else ''}"
    if output is not None:
        warn(f"wrote {count} to {output}")
    else:
        click.echo(export.text, nl=False)
    if export.held:
        warn(f"{export.held} deadline{'s' if export.held != 1 else ''} on hold for parallel proceedings left out "
             "(their dates move when the hold ends)")
    exit_if_unreadable(export.errors)


@click.command()
@click.option("--quarter", metavar="YYYY-QN",
              help="A financial quarter: 2026-Q1 is April to June 2026, 2026-Q3 October to December 2026, "
                   "2026-Q4 January to March 2027 (default: the quarter holding today).")
@click.option("--from", "start", type=DATE, metavar="DATE", help="First day of the period (instead of --quarter).")
@click.option("--to", "end", type=DATE, metavar="DATE", help="Last day of the period (default with --from: today).")
@click.option("--format", "-f", "output_format", type=click.Choice(["docx", "md", "html"]), default="md",
              show_default=True, help="A Word document (with -o FILE.docx), Markdown, or HTML to print.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Write to FILE (replaced whole, atomically) instead of stdout; needed for docx.")
@pass_app
def board(app, quarter: str | None, start: dt.date | None, end: dt.date | None, output_format: str,
          output: Path | None) -> None:
    """The quarterly paper for the partnership board: every open review with the stage it has
    reached, its next deadline and a RAG rating; the stages completed in the period and the
    deadlines that slipped; holds for parallel proceedings; publications; actions by agency
    with their RAG counts; and the figures of 'cspr stats' for the period.

    \b
    Example:
      cspr board --quarter 2026-Q3 --format docx -o board-2026-Q3.docx
      cspr board --from 2026-04-01 --to 2026-09-30 --format html -o board.html

    Quarters are financial quarters (Q1 is April to June), as 'cspr stats' counts financial
    years. The templates are templates/board.docx, board.md.j2 and board.html.j2 (the
    workspace's own first). Refused, with nothing written, when the paper holds a restricted term.
    """
    from cspr.cli.output import exit_if_unreadable, warn
    from cspr.ops.board import board_paper, period_for

    if output_format == "docx" and output is None:
        raise click.UsageError("--format docx writes a Word document, which a terminal cannot show: "
                               "give the file with -o FILE.docx")
    period = period_for(app.today, quarter, start, end)
    paper = board_paper(app.workspace, period, output_format, app.today)
    for message in paper.warnings:
        warn(f"warning: {message}")
    if output is not None:
        from cspr.storage.yamlio import write_output

        write_output(output, paper.output)
        warn(f"wrote {output}: the board paper for {period.name}, {paper.reviews} open "
             f"review{'s' if paper.reviews != 1 else ''}")
    else:
        click.echo(paper.output, nl=False)
    exit_if_unreadable(paper.errors)
