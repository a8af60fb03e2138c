"""Options shared by many commands, so every command spells and checks them the same way."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from cspr.cli.app import App


class DateType(click.ParamType):
    """2026-04-01, 01/04/2026 (day first) or 'today'; anything else refused with an example."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        from cspr.model.dates import parse_date

        app = ctx.find_object(App) if ctx else None
        today = app.today if app else dt.date.today()
        try:
            return parse_date(str(value), today)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


DATE = DateType()


def _set_wide(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    app = ctx.find_object(App)
    if value and app is not None:
        app.wide = True


def _set_output(ctx: click.Context, param: click.Parameter, value: Path | None) -> None:
    app = ctx.find_object(App)
    if value is not None and app is not None:
        app.output = value


def _set_bom(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    app = ctx.find_object(App)
    if value and app is not None:
        app.bom = True


def format_option(*choices: str, default: str = "table") -> Callable:
    """--format, and --wide for the table at a terminal (every listing command has both).

    A listing that offers CSV offers Excel too: `--format xlsx` with `-o FILE`, and `--bom`
    for CSV that Excel on Windows reads as UTF-8. `cspr.cli.output.emit` honours them.
    """
    spreadsheet = "csv" in choices
    if spreadsheet and "xlsx" not in choices:
        choices = (*choices, "xlsx")
    formats = click.option(
        "--format", "-f", "output_format", type=click.Choice(choices), default=default,
        show_default=True, help="Output: table for people (plain text when piped), or data for scripts"
        + ("; xlsx is an Excel workbook, written to -o FILE." if spreadsheet else "."),
    )
    wide = click.option(
        "--wide", is_flag=True, expose_value=False, callback=_set_wide,
        help="At a terminal, show long texts in full (wrapped between words) instead of cut.",
    )
    if not spreadsheet:
        return lambda func: formats(wide(func))
    output = click.option(
        "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), expose_value=False,
        callback=_set_output, metavar="FILE", is_eager=False,
        help="Write to FILE (replaced whole) instead of stdout; needed for --format xlsx.",
    )
    bom = click.option(
        "--bom", is_flag=True, expose_value=False, callback=_set_bom,
        help="CSV: start with a byte-order mark, so Excel on Windows reads accents and symbols right.",
    )
    return lambda func: formats(wide(output(bom(func))))


def by_option(func: Callable) -> Callable:
    return click.option(
        "--by", metavar='"NAME <EMAIL>"',
        help="The officer making the change (default: CSPR_OFFICER, else git's user.name/user.email).",
    )(func)


def as_of_option(func: Callable) -> Callable:
    return click.option(
        "--as-of", type=DATE, default=None, metavar="DATE",
        help="As things stood on this day: records dated later are left out (default: today).",
    )(func)


def as_recorded_option(func: Callable) -> Callable:
    """--as-recorded, for the read commands: the records as committed by the end of --as-of."""
    return click.option(
        "--as-recorded", is_flag=True,
        help="With --as-of: read the reviews as committed by the end of that day (from git history).",
    )(func)


def as_of_day(app: App, as_of: dt.date | None, as_recorded: bool) -> dt.date:
    """The day a report is for; --as-recorded without --as-of is refused."""
    if as_recorded and as_of is None:
        from cspr.errors import UsageError

        raise UsageError("--as-recorded needs --as-of DATE (the day whose evening to reproduce)")
    return as_of or app.today


def on_option(what: str) -> Callable:
    return click.option("--on", type=DATE, default=None, metavar="DATE", help=f"{what} (default: today).")


pass_app = click.make_pass_decorator(App)


def _app_for(ctx: click.Context) -> App:
    """The App, also while completing a word in the shell (when the root command has not run)."""
    app = ctx.find_object(App)
    if app is None:
        app = App(workspace_option=ctx.find_root().params.get("workspace"))
    return app


def _completions(found: list[tuple[str, str | None]]) -> list:
    from click.shell_completion import CompletionItem

    return [CompletionItem(value, help=help_text) for value, help_text in found]


class ReviewIdType(click.ParamType):
    """A review ID in full, or any unique part of it or of the pseudonym ('child-a', 'Child A').

    `known=False` (for `cspr log`) lets an ID that matches no review through as typed: a review
    removed from the workspace still has its history.
    """

    name = "ID"

    def __init__(self, known: bool = True):
        self.known = known

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        if ctx is None:
            return value
        from cspr.errors import UsageError

        try:
            return _app_for(ctx).workspace.resolve_review_id(str(value))
        except UsageError:
            if self.known:
                raise
            return str(value)

    def shell_complete(self, ctx: click.Context, param: click.Parameter, incomplete: str) -> list:
        from cspr.ops.completion import review_ids

        return _completions(review_ids(_app_for(ctx).workspace, incomplete))


REVIEW_ID = ReviewIdType()


def _named_review(ctx: click.Context) -> str | None:
    """The review named earlier on the command line being completed.

    Click has it in ctx.params once the words before parse; while an option still waits for its
    value (`--agency <Tab>`) they do not, so it is read from the words the shell sent.
    """
    if ctx.params.get("review_id"):
        return ctx.params["review_id"]
    import os

    from click.shell_completion import split_arg_string

    words = split_arg_string(os.environ.get("COMP_WORDS", ""))
    if ctx.info_name not in words:
        return None
    after = words[words.index(ctx.info_name) + 1:]
    typed = next((word for word in after if not word.startswith("-")), None)
    if typed is None:
        return None
    try:
        return _app_for(ctx).workspace.resolve_review_id(typed)
    except Exception:  # completion never fails the shell
        return None


def complete_stage(ctx: click.Context, param: click.Parameter, incomplete: str) -> list:
    """Stage keys on the track of the review named before it (every stage before a decision)."""
    from cspr.ops.completion import stage_keys

    return _completions(stage_keys(_app_for(ctx).workspace, _named_review(ctx), incomplete))


def complete_agency(ctx: click.Context, param: click.Parameter, incomplete: str) -> list:
    """The review's agencies and those in cspr.yaml."""
    from cspr.ops.completion import agencies

    return _completions(agencies(_app_for(ctx).workspace, _named_review(ctx), incomplete))


def complete_action(ctx: click.Context, param: click.Parameter, incomplete: str) -> list:
    """The review's action keys (R1.2), with their agency."""
    from cspr.ops.completion import action_keys

    return _completions(action_keys(_app_for(ctx).workspace, _named_review(ctx), incomplete))
