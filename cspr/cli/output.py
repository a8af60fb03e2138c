"""Writing a Listing to stdout in the format asked for; diagnostics to stderr."""

from __future__ import annotations

import click

from cspr.cli.app import App
from cspr.present.listing import (
    Listing,
    fit_text,
    markdown_heading,
    print_fitted,
    to_csv,
    to_json,
    to_markdown,
    to_plain,
)


def emit(app: App, listing: Listing, output_format: str) -> None:
    """JSON, CSV and Markdown always whole; a table fitted to a person's terminal (or forced
    `--color`), plain and never cut when piped."""
    if output_format == "json":
        payload = listing.payload if listing.payload is not None else listing.records
        click.echo(to_json(payload), nl=False)
    elif output_format == "csv":
        click.echo(to_csv(listing.records, listing.record_fields), nl=False)
    elif output_format == "markdown":
        click.echo(markdown_heading(listing, app.workspace.config.partnership, app.today))
        if listing.rows:
            click.echo(to_markdown(listing.columns, listing.rows), nl=False)
        if listing.summary:
            click.echo(f"\n{listing.summary}" if listing.rows else listing.summary)
    elif app.is_terminal() or app.color:
        console, width = app.console(), app.width()
        if listing.rows:
            if listing.title:
                console.print(fit_text(listing.title, width), no_wrap=True, overflow="ignore", crop=False)
            print_fitted(console, listing, width, wide=app.wide)
        if listing.summary:
            console.print(fit_text(listing.summary, width), no_wrap=True, overflow="ignore", crop=False)
    else:
        if listing.title and listing.rows:
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
