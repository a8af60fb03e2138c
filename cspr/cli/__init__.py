"""The `cspr` command line: the root group, global options, and errors mapped to exit codes.

Commands live one family per module and are imported only when run, so `cspr --help` and
`cspr --version` stay fast. Every CsprError becomes one line on stderr and exit status 1;
`--debug` shows the traceback instead.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys

import click

from cspr import __version__
from cspr.cli.app import App, terminal_columns

# name -> (module, function, one-line help). The help is here so `cspr --help` imports nothing.
COMMANDS: dict[str, tuple[str, str, str]] = {
    # Workspaces and reviews
    "init": ("cspr.cli.workspace", "init", "Make a new workspace (cspr.yaml, reviews/, templates/, git)."),
    "doctor": ("cspr.cli.workspace", "doctor", "Check the workspace's set-up (git, identity, remote, cron, caches)."),
    "completion": ("cspr.cli.workspace", "completion", "Print the shell completion script (bash, zsh or fish)."),
    "new": ("cspr.cli.reviews", "new", "Record a new serious incident as a review."),
    "list": ("cspr.cli.reviews", "list_reviews", "List open reviews (all with --all)."),
    "show": ("cspr.cli.reviews", "show", "Show one review: every stage, its due date and state."),
    "check": ("cspr.cli.reviews", "check", "Check every file in the workspace; report all problems."),
    "set": ("cspr.cli.stages", "set_fact", "Record or correct a fact: pseudonym, dates, lead reviewer, address, looked-after."),
    "agency": ("cspr.cli.corrections", "agency", "Add or remove an agency taking part in a review."),
    "theme": ("cspr.cli.corrections", "theme", "Add or remove a theme of a review."),
    "rename": ("cspr.cli.corrections", "rename", "Give a review another ID; its history follows it."),
    "delete": ("cspr.cli.corrections", "delete", "Remove a review created in error (git keeps it)."),
    "edit": ("cspr.cli.corrections", "edit", "Edit a review's file in your editor; checked, then committed as you."),
    "import": ("cspr.cli.importing", "import_tracker", "Import reviews from a spreadsheet tracker (.xlsx or .csv)."),
    # Recording what happened
    "complete": ("cspr.cli.stages", "complete", "Record a stage as done (or one agency's part of it)."),
    "uncomplete": ("cspr.cli.stages", "uncomplete", "Take back a completion recorded in error."),
    "skip": ("cspr.cli.stages", "skip", "Mark an optional stage as not needed."),
    "decide": ("cspr.cli.stages", "decide", "Record the decision (or change it): local, national or no review."),
    "plan": ("cspr.cli.stages", "plan", "Record the date agreed for a stage in the review's timeline."),
    "hold": ("cspr.cli.stages", "hold", "Put publication on hold for parallel proceedings."),
    "resume": ("cspr.cli.stages", "resume", "End the current hold; publication deadlines move later."),
    "withhold": ("cspr.cli.stages", "withhold", "Record that a report will not be published (or only in part)."),
    # The morning report
    "overdue": ("cspr.cli.overdue", "overdue", "What is overdue and what is due soon, across open reviews."),
    "chase": ("cspr.cli.chase", "chase", "Email each owner and agency their overdue and due-soon items."),
    # Recommendations, actions and assurance
    "recommend": ("cspr.cli.actions", "recommend", "Record a recommendation of a review; correct or remove one."),
    "action": ("cspr.cli.actions", "action", "Add an action answering a recommendation, or record its progress."),
    "actions": ("cspr.cli.actions", "actions", "List actions with status, due date and a RAG rating."),
    "close": ("cspr.cli.actions", "close", "Close a review early, with the reason."),
    "reopen": ("cspr.cli.actions", "reopen", "Undo 'cspr close'."),
    # Briefings and reports
    "brief": ("cspr.cli.brief", "brief", "Render a review's 7-minute briefing (Markdown, one-page HTML or Word)."),
    "board": ("cspr.cli.reports", "board", "The quarterly paper for the partnership board (Word, Markdown or HTML)."),
    "stats": ("cspr.cli.reports", "stats", "Figures for the yearly report (a financial year by default)."),
    "timeline": ("cspr.cli.reports", "timeline", "Draw a review's stages (or every open review) as a timeline."),
    "dashboard": ("cspr.cli.dashboard", "dashboard", "Write the board dashboard: a static website of reviews, timelines and figures."),
    "calendar": ("cspr.cli.reports", "calendar", "Export pending deadlines as an iCalendar (.ics) file."),
    # The audit trail and shared working
    "log": ("cspr.cli.history", "log", "The audit trail from git: who changed which review, when, and how."),
    "undo": ("cspr.cli.history", "undo", "Take back your most recent cspr change with a new commit."),
    "sync": ("cspr.cli.sync", "sync", "Bring in the other officers' changes from the shared remote and send yours."),
}


# click 8.2+ raises this (a UsageError) for a group run without its command; 8.1 exits itself
_HELP_ASKED = getattr(click.exceptions, "NoArgsIsHelpError", ())


def help_width() -> int:
    """The width click would give help text (worked out here, so click does not import shutil)."""
    return max(min(terminal_columns(), 80) - 2, 50)


class LazyGroup(click.Group):
    """A group whose commands are imported from their modules only when used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module = importlib.import_module(entry[0])
        return getattr(module, entry[1])

    def make_context(self, info_name, args, parent=None, **extra) -> click.Context:
        # the width of help text, for this run and every command's context under it
        extra.setdefault("terminal_width", help_width())
        return super().make_context(info_name, args, parent, **extra)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, entry[2]) for name, entry in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def main(self, *args, standalone_mode: bool = True, **kwargs):
        """Click's own errors (a bad or missing option or argument) are bad input like any
        other: one line on stderr naming the option and where to read more, exit status 1."""
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            result = super().main(*args, standalone_mode=False, **kwargs)
        except _HELP_ASKED as exc:  # `cspr` or `cspr action` alone: the help, as asked
            click.echo(exc.ctx.get_help() if exc.ctx is not None else exc.format_message())
            sys.exit(0)
        except click.UsageError as exc:
            command = exc.ctx.command_path if exc.ctx is not None else "cspr"
            click.echo(f"cspr: error: {exc.format_message().rstrip('.')}; see '{command} --help'", err=True)
            sys.exit(1)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("cspr: stopped; nothing was changed", err=True)
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)

    def invoke(self, ctx: click.Context):
        from cspr.errors import CsprError

        try:
            return super().invoke(ctx)
        except CsprError as exc:
            if ctx.obj is not None and ctx.obj.debug:
                raise
            from cspr.cli.output import error_text

            raise ReportedError(error_text(exc), exc.exit_code) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            reader_gone()
        except Exception as exc:  # a bug: still one line, unless --debug
            if ctx.obj is not None and ctx.obj.debug:
                raise
            raise ReportedError(
                f"unexpected error ({type(exc).__name__}: {exc}); run again with --debug for details",
                1,
            ) from None


class ReportedError(click.ClickException):
    """A CsprError on its way out: printed as 'cspr: error: ...' on stderr."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code

    def show(self, file=None) -> None:
        click.echo(f"cspr: error: {self.message}", err=True)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="cspr", message="%(prog)s %(version)s")
@click.option(
    "--workspace", "-w", envvar="CSPR_WORKSPACE", metavar="DIR",
    help="The workspace to use (default: the nearest folder up with a cspr.yaml). Env: CSPR_WORKSPACE.",
)
@click.option("--color/--no-color", default=None, help="Colour in tables (default: only at a terminal, and not when NO_COLOR is set).")
@click.option("--debug", is_flag=True, help="Show the full traceback on errors.")
@click.pass_context
def cli(ctx: click.Context, workspace: str | None, color: bool | None, debug: bool) -> None:
    """Keep Child Safeguarding Practice Reviews to their statutory deadlines.

    Each review is a folder under reviews/ in a git repository; every change is one commit by
    the officer who made it. Start with 'cspr overdue' to see what has slipped.
    """
    ctx.obj = App(workspace_option=workspace, color=color, debug=debug)


def reader_gone() -> None:
    """The program reading our output (`head`, `less`) has quit: that is fine, end quietly.

    What is still buffered for stdout goes nowhere, so the flush at exit cannot fail again.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise SystemExit(0)


def main() -> None:
    # A report over thousands of reviews builds hundreds of thousands of small objects that
    # live until it ends and hold no reference cycles; Python's default (a collection every
    # 700 allocations) walks them over and over, a third of the time of a 10,000-review
    # report. Collecting rarely keeps the safety net at a fraction of the cost.
    gc.set_threshold(100_000, 50, 1000)
    # Held off while the modules loaded (cspr/__main__.py); what they built lives as long as
    # the program, so no collection (nor the last one, at exit) walks it again.
    gc.freeze()
    gc.enable()
    try:
        try:
            cli.main(prog_name="cspr")
        finally:
            sys.stdout.flush()  # here, not at exit, so that a reader gone away is noticed
    except BrokenPipeError:
        reader_gone()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
