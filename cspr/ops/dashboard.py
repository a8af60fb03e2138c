"""`cspr dashboard`: the board's static website, checked for restricted terms, written whole."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from pathlib import Path

from cspr.errors import DataError, RestrictedTermFound
from cspr.model.restricted import NUMBERED, term_number, terms_in
from cspr.ops.judging import schedules
from cspr.present import dashboard as site
from cspr.present.templates import template_dirs
from cspr.reports.dashboard import Board, board
from cspr.storage.private import terms_to_check
from cspr.storage.workspace import Workspace
from cspr.storage.yamlio import replace_folder


@dataclass(frozen=True)
class Dashboard:
    folder: Path
    pages: tuple[str, ...]  # paths inside the folder, the overview first
    board: Board
    warnings: tuple[str, ...]
    errors: tuple[DataError, ...]  # unreadable reviews, left out


def dashboard(workspace: Workspace, out_dir: Path, as_of: dt.date, *, within: int = 14) -> Dashboard:
    found, errors = schedules(workspace, as_of)
    summary = board(workspace.process, found, as_of, within)
    pages = site.pages(template_dirs(workspace.root), workspace.config, summary)
    warnings = []
    terms, unchecked = terms_to_check(workspace.root, "the pages were")
    if unchecked:
        warnings.append(unchecked)
    else:
        refuse_restricted(pages, terms)
    replace_folder(out_dir, pages, site.MARKER)
    return Dashboard(out_dir, tuple(pages), summary, tuple(warnings), tuple(errors))


def refuse_restricted(pages: dict[str, str], terms: list[str]) -> None:
    """Refuse the whole dashboard when any page holds a restricted term, naming term (by number) and page."""
    found = []
    for name, text in pages.items():
        # what a reader sees: entities undone, and tags taken out so markup cannot split a name
        shown = [html.unescape(text), html.unescape(re.sub(r"<[^>]*>", " ", text))]
        found += [f"{term_number(term, terms)} in {name}" for term in terms
                  if any(terms_in(version, [term]) for version in shown)]
    if found:
        raise RestrictedTermFound(
            f"refused: the dashboard holds restricted terms, so nothing was written (the previous dashboard "
            f"is as it was): {'; '.join(found)} ({NUMBERED}). Use pseudonyms only, then run 'cspr dashboard' again"
        )
