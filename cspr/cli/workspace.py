"""`cspr init`: make a new workspace."""

from __future__ import annotations

from pathlib import Path

import click

from cspr.cli.options import by_option, pass_app


@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--partnership", default="Example Safeguarding Children Partnership", show_default=True,
              help="The partnership's name, as it appears on briefings.")
@by_option
@pass_app
def init(app, directory: Path, partnership: str, by: str | None) -> None:
    """Make a new workspace in DIRECTORY: cspr.yaml, reviews/, templates/, a .gitignore that
    keeps private/ out of git, `git init` if needed, and a first commit."""
    from cspr.ops.init import create_workspace

    root = create_workspace(directory, partnership, by)
    click.echo(f"Workspace ready in {root}. Next: cspr --workspace {directory} new \"Child A\" --aware today", err=True)
