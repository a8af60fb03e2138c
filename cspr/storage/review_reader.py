"""Reading many review files quickly for reports, one error per unreadable file.

Each file is checked against the cache of parsed reviews (`review_cache.py`) by its stat;
only new and changed files are read, with the fast YAML reader where it can (`plain_yaml`,
through `yamlio`), and checked field by field. A file that cannot be used is reported as
FILE:LINE:COL on every run, cached earlier or not. Reading one review (`cspr show`, a
write command) skips the cache: one file is quicker to parse than the cache is to load.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from cspr.errors import DataError, InvalidField
from cspr.model.review import Review, parse_review
from cspr.storage.cache import paused_cycle_collection

if TYPE_CHECKING:
    from cspr.storage.review_cache import ReviewCache
    from cspr.storage.workspace import Workspace




def read_review(path: Path, review_id: str, text: str | None = None) -> tuple[Review | None, str | None, DataError | None]:
    """(review, its text, None), or (None, text if read, the error at FILE:LINE:COL)."""
    from cspr.storage import yamlio
    from cspr.storage.yamlio import data_error

    try:
        if text is None:
            text = yamlio.read_text(path)
        return parse_review(yamlio.parse_text(text, path, round_trip=False), review_id), text, None
    except InvalidField as exc:
        return None, text, data_error(path, exc)
    except DataError as exc:
        return None, text, exc


def load_reviews(workspace: Workspace, review_ids: list[str]) -> tuple[list[Review], list[DataError]]:
    reviews: list[Review] = []
    errors: list[DataError] = []
    with paused_cycle_collection():
        if len(review_ids) > 1:
            _load_through_cache(workspace, review_ids, reviews, errors)
        else:
            for review_id in review_ids:
                review, _, error = read_review(workspace.review_path(review_id), review_id)
                if error is not None:
                    errors.append(error)
                else:
                    reviews.append(review)
    return reviews, errors


def _load_through_cache(workspace: Workspace, review_ids: list[str], reviews: list[Review],
                        errors: list[DataError]) -> None:
    from cspr.storage.review_cache import ReviewCache

    cache = ReviewCache.open(workspace.state_dir)
    read_through(cache, str(workspace.reviews_dir), review_ids, reviews, errors)
    cache.prune_gone(str(workspace.reviews_dir), set(review_ids))
    cache.save()


def read_through(cache: ReviewCache, reviews_dir: str, review_ids: list[str], reviews: list[Review],
                 errors: list[DataError]) -> None:
    """Each review from `cache` when it vouches for the file, else read (and put in `cache`).

    Leaves saving the cache to the caller: a process working out a share of the reviews for
    another (`facts_cache`) hands its new entries back instead.
    """
    from cspr.storage.cache import digest, file_key, is_racy, review_file
    from cspr.storage.paths import check_id
    from cspr.storage.review_cache import decode
    now_ns = time.time_ns()  # taken before any stat: whatever changes after it is racy
    for review_id in review_ids:
        file_name = review_file(reviews_dir, check_id(review_id))
        try:
            stat = os.stat(file_name)
        except OSError:
            stat = None  # the read below reports it
        path = None
        text = None
        found = cache.lookup(review_id, file_key(stat)) if stat is not None else None
        if found is not None:
            text_digest, encoded = found
            if text_digest is not None:  # cached while racy: the text must still be the same
                with contextlib.suppress(DataError):
                    from cspr.storage import yamlio

                    path = Path(file_name)
                    text = yamlio.read_text(path)
            if text_digest is None or (text is not None and digest(text) == text_digest):
                try:
                    reviews.append(decode(encoded))
                    continue
                except Exception:  # an entry this code cannot use: read the file instead
                    pass
        review, text, error = read_review(path or Path(file_name), review_id, text)
        if error is not None:
            errors.append(error)
            cache.forget(review_id)  # a broken file is never served from the cache
            continue
        reviews.append(review)
        if stat is not None:
            racy = is_racy(stat, now_ns)
            cache.put(review_id, file_key(stat), digest(text) if racy else None, review)


def read_review_text(workspace: Workspace, review_id: str, text: str,
                     commit: str) -> tuple[Review | None, DataError | None]:
    """A review file's text as committed in `commit` (not the file on disk), checked the same way."""
    from cspr.storage import yamlio
    from cspr.storage.yamlio import data_error

    # Named as git names a file in a commit; errors give its line in that version.
    path = Path(f"{commit}:{workspace.review_path(review_id).relative_to(workspace.root).as_posix()}")
    try:
        return parse_review(yamlio.parse_text(text, path, round_trip=False), review_id), None
    except InvalidField as exc:
        document = None
        with contextlib.suppress(DataError):
            document = yamlio.parse_text(text, path, round_trip=True)
        return None, data_error(path, exc, document)
    except DataError as exc:
        return None, exc
