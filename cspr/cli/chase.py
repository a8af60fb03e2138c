"""`cspr chase`: email each owner what is theirs: a dry run by default, .eml files, or sent."""

from __future__ import annotations

import datetime as dt

import click

from cspr.cli.options import as_of_option, by_option, pass_app


@click.command()
@as_of_option
@click.option("--within", type=click.IntRange(min=0, max=3660), default=14, show_default=True, metavar="DAYS",
              help="Also chase what falls due in the next DAYS days.")
@click.option("--owner", metavar="NAME", help="Only the owners or agencies whose name contains NAME (any case).")
@click.option("--dry-run", is_flag=True, help="Print who would get what, and send nothing (the default).")
@click.option("--output", "-o", "out_dir", type=click.Path(file_okay=False), metavar="DIR",
              help="Write one .eml file per message into DIR instead of sending.")
@click.option("--send", is_flag=True, help="Send through the SMTP server in cspr.yaml, and record it in git.")
@click.option("--format", "-f", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="What to print: lines for people, or JSON for scripts.")
@by_option
@pass_app
def chase(app, as_of: dt.date | None, within: int, owner: str | None, dry_run: bool, out_dir: str | None,
          send: bool, output_format: str, by: str | None) -> None:
    """Email each owner and agency one message listing only their overdue and due-soon
    items (review, stage or action, due date, days overdue), to the addresses under
    contacts: in cspr.yaml. Owners without a contact are named on stderr.

    \b
    cspr chase                      # dry run: who would get what
    cspr chase -o outbox/           # one .eml file per message, to check in a mail program
    cspr chase --send               # send, and record what was sent (Cspr-Action: chase)

    Every message is checked for restricted terms before any is written or sent. With
    --send, a message the server refuses does not stop the others; the exit status is 1 if
    any failed.

    \b
    Example:
      cspr chase --dry-run
      cspr chase --send --within 14
    """
    from pathlib import Path

    from cspr.cli.output import exit_if_unreadable, warn
    from cspr.errors import UsageError
    from cspr.ops import chase as ops
    from cspr.present import mail

    if sum((dry_run, out_dir is not None, send)) > 1:
        raise UsageError("give one of --dry-run, -o DIR and --send")
    mode = ops.SEND if send else ops.WRITE if out_dir is not None else ops.DRY_RUN
    run = ops.chase(app.workspace, as_of or app.today, app.today, within=within, owner=owner, mode=mode,
                    out_dir=Path(out_dir) if out_dir else None, by=by)
    for message in run.warnings:
        warn(f"warning: {message}")
    if output_format == "json":
        click.echo(mail.chase_json(run), nl=False)
    else:
        for line in mail.chase_lines(run):
            click.echo(line)
    for outcome in run.outcomes:
        if outcome.status == ops.FAILED:
            warn(f"error: could not send to {outcome.message.chase.owner} ({mail.recipients(outcome.message.chase)}): "
                 f"{outcome.error}")
    if run.commit:
        click.echo(f"recorded in {run.log_file.relative_to(app.workspace.root)} (commit {run.commit[:7]})", err=True)
    if mode == ops.DRY_RUN and run.outcomes and output_format == "text":
        click.echo("Dry run: nothing was sent. 'cspr chase --send' sends these; 'cspr chase -o DIR' writes "
                   "them as .eml files.", err=True)
    exit_if_unreadable(list(run.errors), "this review is left out of the chase; fix it, then 'cspr check'")
    if run.failed:
        raise SystemExit(1)
