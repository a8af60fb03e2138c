"""`cspr dashboard`: the board's static website, checked for restricted terms, written whole.

Each review's page is written into the new folder as soon as it is rendered and checked, and
only its line of the overview is kept, so the dashboard of 10,000 reviews is never held in
memory whole. The folder replaces the old one only once every page has been written and none
holds a restricted term (`staged_folder`). With many open reviews, their pages are shared
out among forked processes (`storage/forked.py`), each writing its own pages and handing back
its reviews' lines and what it found.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cspr.errors import DataError, RestrictedTermFound
from cspr.model.restricted import NUMBERED, term_number, terms_in
from cspr.model.review import Review
from cspr.ops.judging import reviews_as_of
from cspr.ops.reports import stats as year_stats
from cspr.present import dashboard as site
from cspr.present.templates import template_dirs
from cspr.reports import stats as figures
from cspr.reports.dashboard import Board, ReviewBoard, ReviewLine, board_of, line_of, review_board
from cspr.storage import forked
from cspr.storage.private import terms_to_check
from cspr.storage.workspace import Workspace
from cspr.storage.yamlio import staged_folder


@dataclass(frozen=True)
class Dashboard:
    folder: Path
    pages: tuple[str, ...]  # paths inside the folder, the overview first
    board: Board
    warnings: tuple[str, ...]
    errors: tuple[DataError, ...]  # unreadable reviews, left out


def dashboard(workspace: Workspace, out_dir: Path, as_of: dt.date, *, within: int = 14) -> Dashboard:
    warnings = []
    terms, unchecked = terms_to_check(workspace.root, "the pages were")
    if unchecked:
        warnings.append(unchecked)
        terms = []
    folders = template_dirs(workspace.root)
    html_of = site.renderer(folders)
    coordinates = site.own_templates(folders)

    def page_of(review: ReviewBoard) -> str:
        return site.review_html(html_of, workspace.config, review, within, coordinates)

    with staged_folder(out_dir, site.MARKER) as write:
        lines, findings, stats, errors = every_review_page(workspace, as_of, page_of, within, terms, write)
        summary = board_of(lines, stats, as_of, within)
        overview = site.overview_pages(html_of, workspace.config, summary)
        findings = [found for name, text in overview.items() for found in restricted_in(name, text, terms)] + findings
        if findings:
            raise RestrictedTermFound(
                f"refused: the dashboard holds restricted terms, so nothing was written (the previous dashboard "
                f"is as it was): {'; '.join(findings)} ({NUMBERED}). Use pseudonyms only, then run 'cspr dashboard' "
                "again"
            )
        for name, text in overview.items():
            write(name, text)
    pages = (*overview, *(site.review_page(line.id) for line in lines))
    return Dashboard(out_dir, pages, summary, tuple(warnings), tuple(errors))


def every_review_page(workspace: Workspace, as_of: dt.date, page_of: Callable[[ReviewBoard], str], within: int,
                      terms: list[str], write: Callable[[str, str], None],
                      ) -> tuple[list[ReviewLine], list[str], figures.Stats, list[DataError]]:
    """Every open review's page written, shared out among processes when there are many; and
    the reviews' lines of the overview, the terms found, the year's figures and the unreadable
    reviews. The reviews are let go on return, before the overview (a row per review) is made:
    held together, the two passed 200 MiB at 10,000 reviews."""
    # The figures first (`cspr stats`'s for this financial year; its unreadable reviews are
    # these too): their cache is let go before the reviews are read, so the two are never in
    # memory together either.
    stats, _ = year_stats(workspace, figures.financial_year_of(as_of), as_of)
    reviews, errors = reviews_as_of(workspace, as_of)
    reviews.sort(key=lambda review: review.id)

    def pages_of(share: list[Review]) -> tuple[list[tuple], list[str]]:
        return review_pages(share, workspace, as_of, page_of, within, terms, write)

    lines: list[ReviewLine] = []
    findings: list[str] = []
    for plain_lines, found_here in forked.in_processes(forked.shares_of(reviews, forked.processes_for(len(reviews))),
                                                      pages_of):
        lines += map(ReviewLine.from_plain, plain_lines)
        findings += found_here
    return lines, findings, stats, errors


def review_pages(share: Sequence[Review], workspace: Workspace, as_of: dt.date, page_of: Callable[[ReviewBoard], str],
                 within: int, terms: list[str], write: Callable[[str, str], None]) -> tuple[list[tuple], list[str]]:
    """Each open review's page rendered, checked and written (none once a restricted term is
    found: nothing will be kept); its line of the overview (plain values) and the terms found.

    Each review is judged here and its schedule let go once its page is written: the
    schedules of 10,000 reviews, held together, took more memory than the reviews."""
    lines, findings = [], []
    for record in share:
        schedule = workspace.schedule_of(record, as_of)
        if schedule.is_closed:
            continue
        review = review_board(schedule, within)
        name, text = site.review_page(review.id), page_of(review)
        findings += restricted_in(name, text, terms)
        if not findings:
            write(name, text)
        lines.append(line_of(review).plain())
    return lines, findings


def restricted_in(name: str, text: str, terms: list[str]) -> list[str]:
    """'term N in PAGE' for each restricted term a page holds, as a reader sees it."""
    if not terms:
        return []
    # what a reader sees: entities undone, and tags taken out so markup cannot split a name
    held = set(terms_in(html.unescape(text), terms))
    held.update(terms_in(html.unescape(re.sub(r"<[^>]*>", " ", text)), terms))
    return [f"{term_number(term, terms)} in {name}" for term in terms if term in held]
