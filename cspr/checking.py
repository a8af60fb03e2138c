"""`cspr check`: every problem in a workspace, not just the first."""

from __future__ import annotations

from collections.abc import Iterator

from cspr.errors import DataError, InvalidField
from cspr.process import Process, nearest_key, parse_interval
from cspr.review import Review
from cspr.workspace import Workspace, data_error


def review_problems(process: Process, review: Review) -> Iterator[InvalidField]:
    """Problems a review can only have against the process: unknown stages, tracks, intervals."""
    if review.track is not None and review.track not in process.tracks:
        yield InvalidField(("decision", "track"),
                           f"unknown track {review.track!r}; the process has {', '.join(process.tracks)}")
    named = [("stages", key) for key in (*review.completions, *review.agency_completions, *review.occurrences)]
    named += [("plans", key) for key in review.plans]
    named += [("intervals", key) for key in review.intervals]
    for section, key in named:
        if process.stage(key) is None:
            near = nearest_key(key, process.keys)
            hint = f" (did you mean {near!r}?)" if near else ""
            yield InvalidField((section, key), f"unknown stage {key!r}{hint}", at_key=True)
    for key, text in review.intervals.items():
        try:
            parse_interval(text)
        except ValueError as exc:
            yield InvalidField(("intervals", key), str(exc))
    for key, confirmed in review.agency_completions.items():
        for agency in confirmed:
            if agency not in review.agencies:
                yield InvalidField(("stages", key, "agencies", agency),
                                   f"{agency!r} is not one of the review's agencies", at_key=True)


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
