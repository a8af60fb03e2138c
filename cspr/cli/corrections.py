"""`cspr agency`, `theme`, `rename` and `delete`: correcting a review's record."""

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
