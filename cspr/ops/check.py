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
    reviews, errors = workspace.load_all()
    problems.extend(errors)
    if process is not None:
        for review in reviews:
            path = workspace.review_path(review.id)
            problems.extend(data_error(path, problem) for problem in review_problems(process, review))
    return problems
