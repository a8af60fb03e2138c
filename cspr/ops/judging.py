"""Judging many reviews at once: every readable review's schedule on one day.

Every report reads the reviews as their records stood on the day it is run for (`--as-of`):
what is dated after that day is left out (`cspr.model.as_of`). With `as_recorded`, the
records are those committed by the end of that day (`cspr.git.snapshot`), so the report is
what an officer would have seen that evening.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from cspr.errors import DataError, UsageError

if TYPE_CHECKING:  # the deadline engine is imported only where reviews are judged
    from cspr.model.deadlines import ReviewSchedule
    from cspr.model.review import Review
    from cspr.storage.facts_cache import Kind
    from cspr.storage.workspace import Workspace


def reviews_as_of(workspace: Workspace, day: dt.date, review_ids: list[str] | None = None, *,
                  as_recorded: bool = False) -> tuple[list[Review], list[DataError]]:
    """The reviews known on `day`, as their records stood then, and the unreadable ones."""
    from cspr.model.as_of import review_as_of

    if as_recorded:
        reviews, errors = _recorded_reviews(workspace, day, review_ids)
    else:
        from cspr.storage.review_reader import load_reviews

        if review_ids is None:  # every review folder; whatever under reviews/ is no review is reported
            reviews, errors = load_reviews(workspace, workspace.review_ids())
            errors = workspace.folder_problems() + errors
        else:
            reviews, errors = load_reviews(workspace, review_ids)
    known = [then for then in (review_as_of(review, day) for review in reviews) if then is not None]
    return known, errors


def _recorded(workspace: Workspace, day: dt.date, review_ids: list[str] | None):
    """(IDs whose file on disk is as committed by the end of `day`, the others' texts, the commit)."""
    from cspr.git.snapshot import end_of_day, read_blobs, reviews_at, unchanged_on_disk

    snapshot = reviews_at(workspace.root, end_of_day(day, workspace.config.timezone), review_ids)
    on_disk = unchanged_on_disk(workspace.root, snapshot) if snapshot.blobs else {}
    same = sorted(review_id for review_id, blob in snapshot.blobs.items() if on_disk.get(review_id) == blob)
    others = {review_id: blob for review_id, blob in snapshot.blobs.items() if on_disk.get(review_id) != blob}
    return same, read_blobs(workspace.root, others), snapshot.short


def _parse_recorded(workspace: Workspace, texts: dict[str, str], commit: str):
    from cspr.storage.review_reader import read_review_text

    reviews, errors = [], []
    for review_id in sorted(texts):
        review, error = read_review_text(workspace, review_id, texts[review_id], commit)
        if error is not None:
            errors.append(error)
        else:
            reviews.append(review)
    return reviews, errors


def _recorded_reviews(workspace: Workspace, day: dt.date, review_ids: list[str] | None):
    from cspr.storage.review_reader import load_reviews

    same, texts, commit = _recorded(workspace, day, review_ids)
    reviews, errors = load_reviews(workspace, same) if same else ([], [])
    older, more = _parse_recorded(workspace, texts, commit)
    return sorted(reviews + older, key=lambda review: review.id), errors + more


def schedules(
    workspace: Workspace, as_of: dt.date, review_ids: list[str] | None = None, *,
    as_recorded: bool = False, records_on: dt.date | None = None,
) -> tuple[list[ReviewSchedule], list[DataError]]:
    """A ReviewSchedule for each review known on `records_on` (default `as_of`), and the errors."""
    reviews, errors = reviews_as_of(workspace, records_on or as_of, review_ids, as_recorded=as_recorded)
    return [workspace.schedule_of(review, as_of) for review in reviews], errors


def agendas(
    workspace: Workspace, today: dt.date, review_ids: list[str] | None = None, *,
    as_of: dt.date | None = None, as_recorded: bool = False,
) -> tuple[list, list[DataError]]:
    """The agenda of each review that can be read, and the errors (see `cached_facts`)."""
    from cspr.storage.agenda_cache import AGENDAS

    return cached_facts(workspace, AGENDAS, today, review_ids, as_of=as_of, as_recorded=as_recorded)


def cached_facts(
    workspace: Workspace, kind: Kind, today: dt.date, review_ids: list[str] | None = None, *,
    as_of: dt.date | None = None, as_recorded: bool = False,
) -> tuple[list, list[DataError]]:
    """The day-independent facts of each review that can be read (an agenda, its figures...),
    in ID order, and the errors.

    Facts come through their cache; the few whose records hold dates after the day asked
    about (`as_of`) are worked out afresh from their records as they stood. With
    `as_recorded`, so are those whose file as committed then differs from the file on disk.
    Every kind of facts has the fields `review` (its ID) and `recorded_through`.
    """
    from cspr.storage.facts_cache import load_facts

    day = as_of or today
    if as_recorded:
        same, texts, commit = _recorded(workspace, day, review_ids)
        found, errors = load_facts(workspace, kind, same, today) if same else ([], [])
        found, errors = _as_of(workspace, kind, found, errors, day)
        older, more = _parse_recorded(workspace, texts, commit)
        from cspr.model.as_of import review_as_of

        found += [kind.work_out(workspace, then, day)
                  for then in (review_as_of(review, day) for review in older) if then is not None]
        return sorted(found, key=lambda facts: facts.review), errors + more
    if review_ids is None:  # every review folder; whatever under reviews/ is no review is reported
        found, errors = load_facts(workspace, kind, workspace.review_folders(), today)
        errors = workspace.folder_problems() + errors
    else:
        found, errors = load_facts(workspace, kind, review_ids, today)
    return _as_of(workspace, kind, found, errors, day)


def _as_of(workspace: Workspace, kind: Kind, found: list, errors: list[DataError], day: dt.date):
    """Facts of the records as they stood on `day`: those with later dates worked out afresh."""
    later = [facts.review for facts in found if facts.recorded_through > day]
    if later:
        reviews, more = reviews_as_of(workspace, day, later)
        then = {review.id: kind.work_out(workspace, review, day) for review in reviews}
        found = [then.get(facts.review) if facts.recorded_through > day else facts for facts in found]
        found = [facts for facts in found if facts is not None]
        errors = errors + more
    return found, errors


def named_reviews(workspace: Workspace, review_ids: tuple[str, ...] | list[str]) -> list[str] | None:
    """The review IDs asked for with --review, each checked to exist; None when none was named."""
    from cspr.storage.paths import check_id

    if not review_ids:
        return None
    ids = [check_id(review_id) for review_id in review_ids]
    for review_id in ids:
        if not workspace.review_path(review_id).is_file():
            workspace.load_review(review_id)  # raises: no such review, and what to do
    return ids


def schedule_for(workspace: Workspace, review_id: str, as_of: dt.date, *,
                 as_recorded: bool = False) -> ReviewSchedule:
    """One review judged on `as_of`, as its record stood then; refused if it was not yet known."""
    from cspr.model.as_of import review_as_of

    if as_recorded:
        from cspr.storage.paths import check_id

        found, errors = _recorded_reviews(workspace, as_of, [check_id(review_id)])
        if errors:
            raise errors[0]
        if not found:
            raise UsageError(f"{review_id} had not been recorded by the end of {as_of.isoformat()}; "
                             "try a later --as-of, or leave out --as-recorded")
        review = found[0]
    else:
        review = workspace.load_review(review_id)
    then = review_as_of(review, as_of)
    if then is None:
        raise UsageError(f"{review_id} was not yet known on {as_of.isoformat()} (the LA became aware on "
                         f"{review.aware.isoformat()}); try a later --as-of")
    return workspace.schedule_of(then, as_of)
