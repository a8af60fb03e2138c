"""`cspr board`: the quarterly paper for the partnership board, in Word, Markdown or HTML."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cspr.errors import DataError, RestrictedTermFound, UsageError
from cspr.reports.stats import Period
from cspr.storage.workspace import Workspace


@dataclass(frozen=True)
class BoardPaper:
    text: str  # what a reader sees (for Word, the words read back from the document)
    document: bytes | None  # the .docx file, for Word
    period: Period
    reviews: int  # open reviews in the paper
    warnings: tuple[str, ...]
    errors: list[DataError]

    @property
    def output(self) -> str | bytes:
        return self.document if self.document is not None else self.text


def period_for(today: dt.date, quarter: str | None, start: dt.date | None, end: dt.date | None) -> Period:
    """--quarter (a financial quarter), --from/--to, else the financial quarter holding today."""
    from cspr.present.templates import written_date
    from cspr.reports.board import parse_quarter, quarter_of

    if quarter is not None and (start or end):
        raise UsageError("give either --quarter or --from/--to, not both")
    if end is not None and start is None:
        raise UsageError("--to needs --from (or use --quarter 2026-Q3)")
    if quarter is not None:
        try:
            return parse_quarter(quarter)
        except ValueError as exc:
            raise UsageError(f"--quarter: {exc}") from None
    if start is not None:
        last = end or today
        if last < start:
            raise UsageError(f"--to {last.isoformat()} is before --from {start.isoformat()}")
        return Period(start, last, label=f"{written_date(start)} to {written_date(last)}")
    return quarter_of(today)


def board_paper(workspace: Workspace, period: Period, fmt: str, today: dt.date) -> BoardPaper:
    """Render the board paper for `period`, or refuse it (a restricted term); nothing is written here."""
    from cspr.model.restricted import NUMBERED, find_terms, term_number
    from cspr.ops.judging import cached_facts
    from cspr.present.board import board_context, render_board
    from cspr.present.templates import template_dirs
    from cspr.reports import board as paper
    from cspr.reports.stats import as_at
    from cspr.storage.cache import paused_cycle_collection
    from cspr.storage.private import terms_to_check
    from cspr.storage.report_facts import PAPER

    judged_on = as_at(period, today)
    with paused_cycle_collection():  # tens of thousands of values, and no cycles among them
        found, errors = cached_facts(workspace, PAPER, today, as_of=judged_on)  # the records as they stood then
        board = paper.compute_from(workspace.process, found, period, judged_on)
        context = board_context(workspace.config, board, today)
        text, document, template = render_board(template_dirs(workspace.root), fmt, context)
    warnings: list[str] = []
    terms, unchecked = terms_to_check(workspace.root, "the paper was")
    if unchecked:
        warnings.append(unchecked)
    else:
        shown = text if fmt != "html" else _visible(text)
        findings = find_terms([(f"the board paper ({template})", shown)], terms)
        if findings:
            listed = ", ".join(term_number(f.term, terms) for f in findings)
            raise RestrictedTermFound(
                f"refused: the board paper holds restricted terms, so nothing was written: {listed} "
                f"(from the records or the template {template}; {NUMBERED}). "
                "Use pseudonyms only, then run 'cspr board' again"
            )
    return BoardPaper(text, document, period, len(board.open_reviews), tuple(warnings), errors)


def _visible(html_text: str) -> str:
    """The words a reader of an HTML page sees: tags taken out and entities undone."""
    import html
    import re

    return html.unescape(re.sub(r"<[^>]*>", " ", html_text))
