"""Writing a Listing to stdout in the format asked for; diagnostics to stderr."""

from __future__ import annotations

import click

from cspr.cli.app import App
from cspr.present.listing import Listing, print_rich, to_csv, to_json, to_markdown, to_plain


def emit(app: App, listing: Listing, output_format: str) -> None:
    if output_format == "json":
        payload = listing.payload if listing.payload is not None else listing.records
        click.echo(to_json(payload), nl=False)
    elif output_format == "csv":
        click.echo(to_csv(listing.records, listing.record_fields), nl=False)
    elif output_format == "markdown":
        click.echo(to_markdown(listing.columns, listing.rows), nl=False)
        if listing.summary:
            click.echo(f"\n{listing.summary}")
    elif app.is_terminal() or app.color:
        console = app.console()
        if listing.rows:
            print_rich(console, listing)
        if listing.summary:
            console.print(listing.summary)
    else:
        if listing.title:
            click.echo(listing.title)
        if listing.rows:
            click.echo(to_plain(listing.columns, listing.rows), nl=False)
        if listing.summary:
            click.echo(listing.summary)


def warn(message: str) -> None:
    click.echo(f"cspr: {message}", err=True)


def done(review_id: str, summary: str) -> None:
    """What a recording command did, on stderr: the payload channel stays free for scripts."""
    click.echo(f"{review_id}: {summary}", err=True)


def exit_if_unreadable(errors: list, note: str = "this review is left out; fix it, then 'cspr check'") -> None:
    """The one exit path of a partial failure: every unreadable review named on stderr, after
    the report of all the others, then exit status 1."""
    for error in errors:
        warn(f"error: {error} ({note})")
    if errors:
        raise SystemExit(1)
