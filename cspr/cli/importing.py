"""`cspr import`: a spreadsheet tracker's reviews moved in, or the empty tracker written."""

from __future__ import annotations

from pathlib import Path

import click

from cspr.cli.options import by_option, pass_app


@click.command("import")
@click.argument("file", metavar="FILE", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check every row and say what would be created; write nothing.")
@click.option("--update", is_flag=True,
              help="For a row whose review exists already, record only what differs from it.")
@click.option("--template", "template", metavar="FILE.xlsx", type=click.Path(dir_okay=False, path_type=Path),
              help="Write an empty tracker instead: the headings, a notes sheet, and data validation.")
@by_option
@pass_app
def import_tracker(app, file: Path | None, dry_run: bool, update: bool, template: Path | None,
                   by: str | None) -> None:
    """Import the reviews of a spreadsheet tracker (FILE: .xlsx, or .csv as Excel saves it),
    one review a row, in one commit.

    Every row is checked first: if any cell cannot be used, each one is named as
    FILE:SHEET!CELL (FILE:ROW:COLUMN for CSV) and nothing is written. A row whose review
    exists is refused unless --update. The columns are in the README ("Moving in from a
    spreadsheet"), and in the template:

    \b
      cspr import --template tracker.xlsx
      cspr import tracker.xlsx --dry-run
      cspr import tracker.xlsx

    \b
    Example:
      cspr import --template tracker.xlsx
      cspr import tracker.xlsx --dry-run
    """
    from cspr.cli.output import warn

    if template is not None:
        if file is not None or dry_run or update:
            raise click.UsageError("--template writes an empty tracker; give it alone (cspr import --template FILE.xlsx)")
        from cspr.ops.importing import write_template

        count = write_template(app.workspace, template)
        warn(f"wrote {template}: an empty tracker with {count} columns, and a Notes sheet explaining each")
        return
    if file is None:
        raise click.UsageError("give the tracker to import (cspr import FILE.xlsx), or --template FILE.xlsx")

    from cspr.errors import TrackerRefused
    from cspr.ops.importing import import_tracker as run_import

    try:
        result = run_import(app.workspace, file, today=app.today, dry_run=dry_run, update=update, by=by)
    except TrackerRefused as exc:
        for problem in exc.problems:
            click.echo(problem, err=True)
        raise
    verb = "would create" if dry_run else "created"
    for review in result.reviews:
        what = verb if review.created else ("would update" if dry_run else "updated")
        changes = review.changes[1:] if review.created else review.changes
        line = f"{review.review_id}: {what} ({review.child})"
        if changes:
            line += ": " + "; ".join(changes)
        click.echo(line)
    created = sum(1 for r in result.reviews if r.created)
    summary = f"{created} new, {len(result.reviews) - created} updated"
    if result.unchanged:
        summary += f", {result.unchanged} already up to date"
    if dry_run:
        warn(f"dry run: {summary}; nothing was written")
    elif result.commit:
        warn(f"imported {result.source}: {summary} (commit {result.commit[:7]})")
    else:
        warn(f"{result.source}: nothing differs from the records; nothing was written")
