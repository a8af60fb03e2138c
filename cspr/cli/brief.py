"""`cspr brief`: a review's 7-minute briefing, rendered from a template and checked before it is written."""

from __future__ import annotations

import click

from cspr.cli.options import REVIEW_ID, pass_app


@click.command()
@click.argument("review_id", metavar="ID", type=REVIEW_ID)
@click.option("--format", "-f", "output_format", type=click.Choice(["md", "html", "docx"]), default=None,
              help="Markdown, HTML that prints on one A4 page, or a Word document (docx, with -o FILE.docx) "
                   "(default: md, or html for an .html template).")
@click.option("--template", "-t", metavar="NAME",
              help="A template's file name in templates/ (the workspace's own first, then the built-in ones).")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False, writable=True), metavar="FILE",
              help="Write to FILE (atomically) instead of stdout.")
@click.option("--skeleton", is_flag=True,
              help="Print the learning file's skeleton (briefing.yaml) instead, for a review made without one.")
@pass_app
def brief(app, review_id: str, output_format: str | None, template: str | None, output: str | None,
          skeleton: bool) -> None:
    """Render the 7-minute briefing of review ID from its learning file
    (reviews/ID/briefing.yaml) and its record: the partnership, the pseudonym, and the
    publication date and address. Refused, with nothing written, while the learning file is
    the unedited skeleton, or when the briefing holds a term listed in
    private/restricted-terms.txt.

    \b
    Example:
      cspr brief 2025-child-s -o briefing.md
      cspr brief child-s --format html -o briefing.html
    """
    from pathlib import Path

    from cspr.cli.output import warn

    workspace = app.workspace
    if skeleton:
        from cspr.ops.brief import skeleton as skeleton_of

        text = skeleton_of(workspace, review_id, output)
    else:
        from cspr.ops.brief import make_briefing

        fmt = output_format or ("html" if template and ".html" in template
                                else "docx" if template and template.endswith(".docx") else "md")
        if fmt == "docx" and not output:
            raise click.UsageError("--format docx writes a Word document, which a terminal cannot show: "
                                   "give the file with -o FILE.docx")
        made = make_briefing(workspace, review_id, fmt, template, app.today)
        for message in made.warnings:
            warn(f"warning: {message}")
        text = made.output
    if output:
        from cspr.storage.yamlio import write_output

        write_output(Path(output), text)
        click.echo(f"{review_id}: wrote {output}", err=True)
    else:
        click.echo(text, nl=False)
