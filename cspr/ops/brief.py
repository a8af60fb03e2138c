"""`cspr brief`: read a review's learning and record, render its briefing, refuse a leak."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cspr.errors import DataError, InvalidField, Location, StateError, UsageError
from cspr.model.briefing import BRIEFING_FILE, Learning, parse_learning, skeleton_text
from cspr.ops.judging import schedule_for
from cspr.present import templates as render
from cspr.reports.briefing import (
    ONE_PAGE_WORDS,
    briefing_context,
    publication_date,
    refuse_restricted,
)
from cspr.storage import yamlio
from cspr.storage.paths import relative
from cspr.storage.private import terms_to_check
from cspr.storage.workspace import Workspace
from cspr.storage.yamlio import data_error


@dataclass(frozen=True)
class Briefing:
    text: str  # what a reader sees (for Word, the words read back from the document)
    template: str
    warnings: tuple[str, ...] = ()
    document: bytes | None = None  # the .docx file, for --format docx

    @property
    def output(self) -> str | bytes:
        return self.document if self.document is not None else self.text


def skeleton(workspace: Workspace, review_id: str, output: str | None) -> str:
    """The learning file's skeleton for review ID; never to be written over written learning."""
    from pathlib import Path

    review = workspace.load_review(review_id)
    if output and Path(output).exists():
        raise UsageError(f"{output} already exists; --skeleton writes only a new file")
    return skeleton_text(review.child, review.id)


def load_learning(workspace: Workspace, review_id: str, child: str) -> Learning:
    """Read `reviews/<ID>/briefing.yaml`, refusing it while it is still the skeleton."""
    path = workspace.review_dir(review_id) / BRIEFING_FILE
    if not path.is_file():
        raise StateError(
            f"{relative(path)} does not exist: write the learning there first "
            f"('cspr brief {review_id} --skeleton -o {relative(path)}' starts one), then commit it"
        )
    text = yamlio.read_text(path)
    if text.strip() == skeleton_text(child, review_id).strip():
        raise StateError(f"{relative(path)} is still the unedited skeleton: write the learning in it "
                         "(pseudonyms only), then run 'cspr brief' again")
    document = yamlio.parse_text(text, path)
    try:
        return parse_learning(document)
    except InvalidField as exc:
        raise data_error(path, exc, document) from None


def make_briefing(workspace: Workspace, review_id: str, fmt: str, template: str | None, today: dt.date) -> Briefing:
    """Render review ID's briefing, or refuse it; nothing is written here."""

    schedule = schedule_for(workspace, review_id, today)
    review = schedule.review
    published = publication_date(schedule)
    if published is None:
        raise StateError(f"{review_id} is not published yet, and a briefing carries the publication date: "
                         f"record it first with 'cspr complete {review_id} published --on DATE'")
    if not review.publication_address:
        raise DataError(Location(relative(workspace.review_path(review_id))),
                        "publication_address is empty, and a briefing carries it: write the web address "
                        "of the published report there, and commit it")
    learning = load_learning(workspace, review_id, review.child)
    context = briefing_context(workspace.config, schedule, learning, today)

    dirs = render.template_dirs(workspace.root)
    document = None
    if fmt == "docx":
        from cspr.present.docx import document_text, find_word_template, render_docx

        name = template or "briefing.docx"
        if "/" in name or "\\" in name or name.startswith("."):
            raise UsageError(f"--template {name!r}: give a template's file name from templates/, not a path")
        found = find_word_template(dirs, name if name.endswith(".docx") else f"{name}.docx")
        document = render_docx(dirs, found, context)
        name, text = found.name, document_text(document)
    else:
        name = render.find_template(dirs, template, fmt)
        text = render.render(dirs, name, fmt, context)

    warnings: list[str] = []
    words = sum(len(chunk.split()) for part in context["parts"] for chunk in part["paragraphs"] + part["points"])
    if fmt == "html" and words > ONE_PAGE_WORDS:
        warnings.append(f"the learning runs to {words} words; more than about {ONE_PAGE_WORDS} may not fit "
                        "on one A4 page, so check the printout")
    terms, unchecked = terms_to_check(workspace.root, "the briefing was")
    if unchecked:
        warnings.append(unchecked)
    else:
        # A Word document is checked on its words, read back from its XML: plain text, as Markdown is.
        refuse_restricted(context, text, name, "md" if fmt == "docx" else fmt, terms)
    return Briefing(text, name, tuple(warnings), document)
