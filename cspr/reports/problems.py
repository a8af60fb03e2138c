"""The problems a review can only have against the process (`cspr check` reports them). Pure."""

from __future__ import annotations

from collections.abc import Iterator

from cspr.errors import InvalidField
from cspr.model.process import Process, nearest_key, parse_interval
from cspr.model.review import Review


def review_problems(process: Process, review: Review) -> Iterator[InvalidField]:
    """Problems a review can only have against the process: unknown stages, tracks, intervals."""
    if review.track is not None and review.track not in process.tracks:
        yield InvalidField(("decision", "track"),
                           f"unknown track {review.track!r}; the process has {', '.join(process.tracks)}")
    named = [("stages", key) for key in dict.fromkeys((*review.stage_blocks, *review.completions,
                                                        *review.agency_completions, *review.occurrences))]
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
