"""`cspr log` and `cspr undo`: the audit trail, and taking back one's own last change."""

from __future__ import annotations

import datetime as dt

import click

from cspr.cli.options import DATE, ReviewIdType, by_option, format_option, pass_app


@click.command("log")
@click.argument("review_id", metavar="[ID]", type=ReviewIdType(known=False), required=False)
@click.option("--since", type=DATE, default=None, metavar="DATE", help="Only changes made on or after this day.")
@format_option("table", "json", "csv", "markdown")
@pass_app
def log(app, review_id: str | None, since: dt.date | None, output_format: str) -> None:
    """Show the audit trail from git, newest first: when, who, which review, what was done.
    Commits made by hand (not through cspr) to a review's files are shown as hand-edit.

    JSON: a list of objects with commit, date (ISO 8601 with the officer's UTC offset),
    officer, email, review, action, summary and reverts (the commit an undo reverses).
    CSV has the same columns.

    \b
    Example:
      cspr log
      cspr log 2026-child-h --since 2026-04-01 --format csv
    """
    from cspr.cli.output import emit
    from cspr.ops.history import log as audit_trail
    from cspr.present.history import log_listing

    entries = audit_trail(app.workspace, review_id, since)
    listing = log_listing(entries)
    if not entries and output_format == "table":
        listing.summary = f"No changes recorded{' for ' + review_id if review_id else ''}{' since ' + since.isoformat() if since else ''}."
    emit(app, listing, output_format)


@click.command()
@by_option
@pass_app
def undo(app, by: str | None) -> None:
    """Take back your most recent cspr change with a new commit that says what it reverses
    (history is never rewritten). Run it again to take back the change before that.

    Refused when the files involved have uncommitted edits, or when the change has been
    shared through sync and another officer has changed the same review since: then record
    the correction with a new command (for example 'cspr complete ID STAGE --amend').

    \b
    Example:
      cspr undo
    """
    from cspr.ops.history import undo as undo_last

    undone = undo_last(app.workspace, by)
    what = undone.undone
    where = f"{what.review}: " if what.review else ""
    click.echo(f"{where}undid {what.action} \"{what.summary}\" ({what.short}, {what.when:%Y-%m-%d %H:%M}) in commit {undone.commit[:7]}", err=True)
