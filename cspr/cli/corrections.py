"""`cspr agency`, `theme`, `rename`, `delete` and `edit`: correcting a review's record."""

from __future__ import annotations

import click

from cspr.cli.options import REVIEW_ID, by_option, pass_app
from cspr.cli.output import done


@click.group()
def agency() -> None:
    """Add or remove an agency taking part in a review.

    \b
    Example:
      cspr agency add 2026-child-h "Probation Service"
      cspr agency remove 2026-child-h Police --reason "added in error"
    """


@agency.command("add", short_help="Add an agency taking part in a review.")
@click.argument("review_id", metavar="ID", type=REVIEW_ID)
@click.argument("name")
@by_option
@pass_app
def agency_add(app, review_id: str, name: str, by: str | None) -> None:
    """Add agency NAME to those taking part in review ID (it is then asked for per-agency
    confirmations such as agency-responses)."""
    from cspr.ops.stages import agency as change_agencies

    done(review_id, change_agencies(app.workspace, review_id, "add", name, by=by))


@agency.command("remove", short_help="Remove an agency from a review.")
@click.argument("review_id", metavar="ID", type=REVIEW_ID)
@click.argument("name")
@click.option("--reason", metavar="TEXT", help="Why (goes in the commit message).")
@by_option
@pass_app
def agency_remove(app, review_id: str, name: str, reason: str | None, by: str | None) -> None:
    """Remove agency NAME from review ID. Refused while it has confirmed a stage or owns an
    action: the message says what to do first."""
    from cspr.ops.stages import agency as change_agencies

    done(review_id, change_agencies(app.workspace, review_id, "remove", name, reason=reason, by=by))


@click.group()
def theme() -> None:
    """Add or remove a theme of a review (neglect, domestic abuse, exploitation...).

    \b
    Example:
      cspr theme add 2026-child-h neglect
      cspr theme remove 2026-child-h "domestic abuse"
    """


@theme.command("add", short_help="Add a theme to a review.")
@click.argument("review_id", metavar="ID", type=REVIEW_ID)
@click.argument("name", metavar="THEME")
@by_option
@pass_app
def theme_add(app, review_id: str, name: str, by: str | None) -> None:
    """Add THEME to review ID."""
    from cspr.ops.stages import theme as change_themes

    done(review_id, change_themes(app.workspace, review_id, "add", name, by=by))


@theme.command("remove", short_help="Remove a theme from a review.")
@click.argument("review_id", metavar="ID", type=REVIEW_ID)
@click.argument("name", metavar="THEME")
@by_option
@pass_app
def theme_remove(app, review_id: str, name: str, by: str | None) -> None:
    """Remove THEME from review ID."""
    from cspr.ops.stages import theme as change_themes

    done(review_id, change_themes(app.workspace, review_id, "remove", name, by=by))


@click.command()
@click.argument("old_id", metavar="OLD-ID", type=REVIEW_ID)
@click.argument("new_id", metavar="NEW-ID")
@by_option
@pass_app
def rename(app, old_id: str, new_id: str, by: str | None) -> None:
    """Give review OLD-ID the ID NEW-ID: its folder moves and the ID inside its files changes,
    in one commit. 'cspr log NEW-ID' still shows its history from before the rename.

    \b
    Example:
      cspr rename 2026-child-a 2026-baby-a
    """
    from cspr.ops.corrections import rename_review

    done(new_id, rename_review(app.workspace, old_id, new_id, by=by))


@click.command()
@click.argument("review_id", metavar="ID", type=REVIEW_ID)
@click.option("--reason", required=True, metavar="TEXT", help="Why it was created in error (goes in the commit message).")
@click.option("--force", is_flag=True, help="Delete it even though more than its notification is recorded.")
@by_option
@pass_app
def delete(app, review_id: str, reason: str, force: bool, by: str | None) -> None:
    """Remove review ID, created in error, in one commit (git keeps it; 'cspr undo' brings it
    back). Refused once anything but the notification is recorded, unless --force.

    \b
    Example:
      cspr delete 2026-child-b --reason "a duplicate of 2026-child-a"
    """
    from cspr.ops.corrections import delete_review

    done(review_id, delete_review(app.workspace, review_id, reason=reason, force=force, by=by))


@click.command()
@click.argument("review_id", metavar="ID", type=REVIEW_ID)
@click.argument("which", metavar="[review|notes|briefing]", default="review",
                type=click.Choice(["review", "notes", "briefing"]))
@click.option("--no-editor", is_flag=True, help="Do not open an editor: check and commit edits already made by hand.")
@by_option
@pass_app
def edit(app, review_id: str, which: str, no_editor: bool, by: str | None) -> None:
    """Open a file of review ID in $VISUAL or $EDITOR (review.yaml by default, or notes.md or
    briefing.yaml). On saving it is checked as 'cspr check' does (the briefing as 'cspr brief'
    does); a problem is shown as FILE:LINE:COL and you choose to edit again or abandon, which
    leaves the file exactly as it was. A valid change is committed as you. With --no-editor,
    edits already made in another editor are checked and committed, so nobody needs git.

    \b
    Example:
      cspr edit 2026-child-h
      cspr edit 2026-child-h briefing
      cspr edit 2026-child-h notes --no-editor
    """
    import os
    import sys

    from cspr.errors import UsageError
    from cspr.ops.corrections import edit_file

    def open_editor(path) -> None:
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not editor:
            raise UsageError("no editor: set VISUAL or EDITOR (for example EDITOR=nano), "
                             f"or edit the file yourself and run 'cspr edit {review_id} {which} --no-editor'")
        click.edit(filename=str(path), editor=editor)

    def again(problem) -> bool:
        if not sys.stdin.isatty():
            return False  # nobody to ask: abandon, leaving the file as it was (the error says so)
        click.echo(f"cspr: {problem}", err=True)
        return click.confirm("Edit again? (no: abandon the edit)", default=True, err=True)

    done(review_id, edit_file(app.workspace, review_id, which, editor=None if no_editor else open_editor,
                              again=again, by=by))
