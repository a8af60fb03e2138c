"""`cspr dashboard`: a static website for the board: open reviews, each review's timeline, figures."""

from __future__ import annotations

import datetime as dt

import click

from cspr.cli.options import as_of_option, pass_app


@click.command()
@click.option("--output", "-o", "out_dir", required=True, type=click.Path(file_okay=False), metavar="DIR",
              help="The folder to write the website into (replaced whole on each run).")
@as_of_option
@click.option("--within", type=click.IntRange(min=0, max=3660), default=14, show_default=True, metavar="DAYS",
              help="Amber: something falls due in the next DAYS days.")
@pass_app
def dashboard(app, out_dir: str, as_of: dt.date | None, within: int) -> None:
    """Write the board dashboard, a static website that needs no server and no JavaScript:
    an overview (open reviews with their next deadline and RAG rating, what is overdue and
    due soon, reviews on hold, actions by agency), a page per open review (its stages, a
    timeline, holds, recommendations and actions) and the yearly figures.

    \b
    Example:
    cspr dashboard -o /srv/share/cspr-dashboard
    cspr dashboard -o board-papers/ --as-of 2026-11-30

    Every page is checked for restricted terms before anything is written, and the folder is
    replaced whole, so a failed run leaves the previous dashboard in place.
    """
    from pathlib import Path

    from cspr.cli.output import exit_if_unreadable, warn
    from cspr.ops.dashboard import dashboard as write_dashboard

    made = write_dashboard(app.workspace, Path(out_dir), as_of or app.today, within=within)
    for message in made.warnings:
        warn(f"warning: {message}")
    click.echo(f"wrote {len(made.pages)} pages to {out_dir} ({len(made.board.reviews)} open reviews); "
               f"open {Path(out_dir) / made.pages[0]}", err=True)
    exit_if_unreadable(list(made.errors), "this review is left out of the dashboard; fix it, then 'cspr check'")
