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
    keeps private/ out of git, `git init` if needed, and a first commit.

    \b
    Example:
      cspr init ~/cspr-work --partnership "Northbrook Children's Safeguarding Partnership"
    """
    from cspr.ops.init import create_workspace

    root = create_workspace(directory, partnership, by)
    click.echo(f"Workspace ready in {root}. Next: cspr --workspace {directory} new \"Child A\" --aware today", err=True)


@click.command()
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
def completion(shell: str) -> None:
    """Print the shell completion script for SHELL. Review IDs, stage keys (those on the
    review's track), agencies and action keys then complete from the workspace.

    \b
    Example:
      cspr completion bash > ~/.local/share/bash-completion/completions/cspr
      eval "$(cspr completion zsh)"          # in ~/.zshrc
      cspr completion fish > ~/.config/fish/completions/cspr.fish
    """
    from click.shell_completion import get_completion_class

    from cspr.cli import cli

    script = get_completion_class(shell)(cli, {}, "cspr", "_CSPR_COMPLETE").source()
    click.echo(script)


@click.command()
@pass_app
def doctor(app) -> None:
    """Check the workspace's set-up and say what to fix: git present and recent enough, an
    identity for commits, the remote reachable and in step, private/ kept out of git, the
    caches healthy, and the environment (run it once from cron to check cron's). One line per
    check; exit status 1 if any is a problem.

    \b
    Example:
      cspr doctor
      30 7 * * 1  /srv/cspr/venv/bin/cspr doctor     # once, from cron: cron mails the result
    """
    from cspr.ops.doctor import doctor as run_checks

    findings = run_checks(app.workspace_option)
    for finding in findings:
        click.echo(f"{'ok' if finding.ok else 'problem':<8} {finding.check}: {finding.says}")
    problems = sum(1 for f in findings if not f.ok)
    if problems:
        click.echo(f"cspr: {problems} problem{'s' if problems != 1 else ''} to fix", err=True)
        raise SystemExit(1)
