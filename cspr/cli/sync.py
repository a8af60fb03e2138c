"""`cspr sync`: exchange changes with the business unit's shared git remote."""

from __future__ import annotations

import click

from cspr.cli.options import format_option, pass_app


@click.command()
@click.option("--keep", type=click.Choice(["theirs", "mine"]), default=None,
              help="After sync stopped on a conflict: settle each conflicting field for their side or yours.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing unless something goes wrong (for cron).")
@format_option("table", "json")
@pass_app
def sync(app, keep: str | None, quiet: bool, output_format: str) -> None:
    """Bring in the other officers' changes from the shared remote (git's origin, or the
    remote named in cspr.yaml), put your unsent changes after them, and send yours. Reports
    what arrived and what was sent, by review and officer.

    When you and another officer changed the same field, sync stops and changes nothing; it
    names the review and field. Agree which is right, then run 'cspr sync --keep theirs' or
    'cspr sync --keep mine'.

    JSON: an object with remote, branch, arrived and sent (lists shaped like 'cspr log
    --format json') and kept (conflicts settled by --keep: side, path, review, fields).

    \b
    Example:
      cspr sync
      cspr sync --keep theirs        # after sync stopped on a conflict
    """
    from cspr.cli.output import emit
    from cspr.ops.history import fill_if_empty_clone
    from cspr.ops.history import sync as run_sync
    from cspr.present.history import sync_listing

    filled = fill_if_empty_clone(app.workspace_option)
    if filled is not None:
        click.echo(filled, err=quiet)
        return
    report = run_sync(app.workspace, keep)
    if quiet and output_format == "table":
        return
    listing = sync_listing(report)
    if output_format == "table":
        click.echo(listing.summary, err=False)
        listing.summary = None
        if listing.rows:
            emit(app, listing, output_format)
    else:
        emit(app, listing, output_format)
