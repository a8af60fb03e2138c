"""`cspr check`: every problem in a workspace, not just the first."""

from __future__ import annotations

from cspr.errors import DataError
from cspr.reports.problems import review_problems
from cspr.storage.workspace import Workspace
from cspr.storage.yamlio import data_error


def check_workspace(workspace: Workspace) -> list[DataError]:
    problems: list[DataError] = []
    settings_read = True
    try:
        workspace.config  # noqa: B018 - loading it is the check
    except DataError as exc:
        problems.append(exc)
        settings_read = False
    try:
        process = workspace.process
    except DataError as exc:
        problems.append(exc)
        process = None
    problems.extend(workspace.folder_problems())
    if process is not None and settings_read:
        problems.extend(_review_problems(workspace))
    else:  # every review is still read, so each unreadable one is reported
        reviews, errors = workspace.load_all()
        problems.extend(errors)
        if process is not None:
            for review in reviews:
                path = workspace.review_path(review.id)
                problems.extend(data_error(path, problem) for problem in review_problems(process, review))
    problems.extend(restricted_terms_in_git(workspace))
    return problems


def _review_problems(workspace: Workspace) -> list[DataError]:
    """Each unreadable review, then each review's problems against the process: from the cache of
    problems found (`.cspr/problems.cache`), so a review unchanged since costs one stat."""
    import datetime as dt

    from cspr.storage.facts_cache import load_facts
    from cspr.storage.report_facts import PROBLEMS

    found, errors = load_facts(workspace, PROBLEMS, workspace.review_ids(), dt.date.today())
    return errors + [error for review in found if review.found
                     for error in review.errors(workspace.review_path(review.review))]


def restricted_terms_in_git(workspace: Workspace) -> list[DataError]:
    """Each line of a tracked file that holds a restricted term, without the term itself."""
    from cspr.errors import CsprError, Location
    from cspr.git.repo import tracked_files
    from cspr.model.restricted import lines_holding_any
    from cspr.storage.paths import relative
    from cspr.storage.private import read_terms, terms_path

    terms = read_terms(workspace.root)
    if not terms:
        return []
    try:
        files = tracked_files(workspace.root)
    except CsprError:  # not under git: there is nothing committed to leak
        return []
    found = []
    for path in files:
        try:
            data = path.read_bytes()
        except OSError:
            continue  # deleted but not committed, or a folder: git status tells
        if b"\0" in data[:8000]:
            continue  # binary (an image, a workbook): not text a term could be read in
        text = data.decode("utf-8", errors="replace")
        lines = lines_holding_any(text, terms)
        found.extend(DataError(Location(relative(path), line),
                               f"holds a restricted term (listed in {relative(terms_path(workspace.root))}); "
                               "replace it with the pseudonym and commit (git's history still holds it: "
                               "tell whoever looks after the shared repository)")
                     for line in lines)
    return found
