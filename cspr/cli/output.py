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
    `--color`), plain and never cut when piped or written to `-o FILE`; xlsx only to a file."""
    if app.bom and output_format != "csv":
        raise click.UsageError("--bom is for --format csv (Excel on Windows reads such a file as UTF-8)")
    if output_format == "xlsx":
        if app.output is None:
            raise click.UsageError("--format xlsx writes an Excel workbook, which a terminal cannot show: "
                                   "give the file with -o FILE.xlsx")
        from cspr.model.dates import long_date
        from cspr.present.xlsx import listing_xlsx

        name = listing.name or click.get_current_context().info_name or "Listing"
        title = f"{name}: {app.workspace.config.partnership}, as of {long_date(listing.as_of or app.today)}"
        deliver(app, listing_xlsx(listing, title))
    elif output_format in ("json", "csv", "markdown") or app.output is not None:
        deliver(app, listing_text(app, listing, output_format))
    elif app.is_terminal() or app.color:
        console, width = app.console(), app.width()
        if listing.rows:
            if listing.title:
                console.print(fit_text(listing.title, width), no_wrap=True, overflow="ignore", crop=False)
            print_fitted(console, listing, width, wide=app.wide)
        if listing.summary:
            console.print(fit_text(listing.summary, width), no_wrap=True, overflow="ignore", crop=False)
    else:
        deliver(app, listing_text(app, listing, output_format))


def listing_text(app: App, listing: Listing, output_format: str) -> str:
    """The listing as text in a format that needs no terminal (a table is plain text)."""
    if output_format == "json":
        payload = listing.payload if listing.payload is not None else listing.records
        return to_json(payload)
    if output_format == "csv":
        return ("\ufeff" if app.bom else "") + to_csv(listing.records, listing.record_fields)
    parts = []
    if output_format == "markdown":
        parts.append(markdown_heading(listing, app.workspace.config.partnership, app.today) + "\n")
        if listing.rows:
            parts.append(to_markdown(listing.columns, listing.rows))
        if listing.summary:
            parts.append(f"\n{listing.summary}\n" if listing.rows else f"{listing.summary}\n")
        return "".join(parts)
    if listing.title and listing.rows:
        parts.append(listing.title + "\n")
    if listing.rows:
        parts.append(to_plain(listing.columns, listing.rows))
    if listing.summary:
        parts.append(listing.summary + "\n")
    return "".join(parts)


def deliver(app: App, data: str | bytes) -> None:
    """To `-o FILE` (written whole, through a temporary file), else to stdout."""
    if app.output is None:
        click.echo(data, nl=False)
        return
    from cspr.storage.yamlio import write_output

    write_output(app.output, data)
    warn(f"wrote {app.output}")


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


def error_text(exc: Exception) -> str:
    """A user error as the command line says it: naming the option it is about."""
    option = getattr(exc, "option", None)
    return f"--{option.replace('_', '-')} {exc}" if option else str(exc)
