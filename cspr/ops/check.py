"""`cspr check`: every problem in a workspace, not just the first."""

from __future__ import annotations

from cspr.errors import DataError
from cspr.reports.problems import review_problems
from cspr.storage.workspace import Workspace
from cspr.storage.yamlio import data_error


def check_workspace(workspace: Workspace) -> list[DataError]:
    problems: list[DataError] = []
    try:
        workspace.config  # noqa: B018 - loading it is the check
    except DataError as exc:
        problems.append(exc)
    try:
        process = workspace.process
    except DataError as exc:
        problems.append(exc)
        process = None
    problems.extend(workspace.folder_problems())
    reviews, errors = workspace.load_all()
    problems.extend(errors)
    if process is not None:
        for review in reviews:
            path = workspace.review_path(review.id)
            problems.extend(data_error(path, problem) for problem in review_problems(process, review))
    problems.extend(restricted_terms_in_git(workspace))
    return problems


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
