"""Facts about each review that do not depend on the day, cached per review file under `.cspr/`.

A report asks the same questions of every review on every run, and most answers do not change
with the day: a review's agenda (its pending deadlines), the dates its yearly figures count,
the problems `cspr check` finds in it, its actions. Each such kind of facts has its own cache
file, and each works the same way as the agenda cache always has: an entry is keyed by its
file's stat (`cache.file_key`); the process, `cspr.yaml`, the installed bank holidays and the
code that works the facts out are the cache's context, and a cache written under another
context is thrown away whole. A recently changed file (`cache.is_racy`) is not cached, since
its stat could repeat after another change, and a file that cannot be read is never cached:
its error is reported afresh on every run. What does depend on the day is worked out from the
facts by the report itself.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from cspr import __version__
from cspr.errors import DataError
from cspr.storage.cache import (
    KeyedCache,
    code_stamp,
    file_key,
    installed_stamp,
    is_racy,
    path_key,
    paused_cycle_collection,
    review_file,
)

if TYPE_CHECKING:
    from cspr.model.review import Review
    from cspr.storage.workspace import Workspace


class Kind(NamedTuple):
    """One kind of facts: where they are cached, and how they are worked out, stored and read."""

    file: str  # its cache file under .cspr/
    format: int  # raised whenever the encoding changes
    packages: tuple[str, ...]  # the cspr packages whose code works the facts out
    work_out: Callable[[Workspace, Review, dt.date], Any]  # the facts of a review (the day is a schedule's)
    encode: Callable[[Any], Any]  # to plain values marshal can store
    decode: Callable[[Any], Any]


def context(workspace: Workspace, packages: tuple[str, ...] = ("model", "storage")) -> tuple:
    """Everything besides the review file that the facts depend on."""
    return (
        path_key(workspace.process_path),
        path_key(workspace.config_path),
        installed_stamp("holidays"),
        code_stamp(*packages),  # the rules, the readers and whatever works the facts out
    )


def load_facts(workspace: Workspace, kind: Kind, review_ids: list[str], today: dt.date,
               skip_missing: bool = False) -> tuple[list, list[DataError]]:
    """The facts of each review that can be read (in `review_ids` order), and the errors.

    `skip_missing`: the IDs are folder names, and a folder with no review.yaml is passed over
    (otherwise it is reported, as a review that was asked for and is not there).
    """
    cache = open_cache(workspace, kind)
    review_ids = _usable_ids(review_ids, skip_missing)
    with paused_cycle_collection():
        found, misses, keys = _from_cache(cache, kind, str(workspace.reviews_dir), review_ids, skip_missing)
        errors = _work_out(workspace, kind, cache, misses, keys, found, today)
    cache.prune_gone(str(workspace.reviews_dir), found)
    cache.save()
    return [found[r] for r in review_ids if r in found], errors


def open_cache(workspace: Workspace, kind: Kind) -> KeyedCache:
    cache = KeyedCache.open(workspace.state_dir / kind.file,
                            (kind.format, __version__, context(workspace, kind.packages)))
    if not cache.entries:
        # A cache made under these settings vouches for them; otherwise read and check them
        # now, so a broken process or cspr.yaml is reported even with nothing to work out.
        workspace.process  # noqa: B018
        workspace.calendar  # noqa: B018
    return cache


def _usable_ids(review_ids: list[str], skip_missing: bool) -> list[str]:
    from cspr.model.ids import ID_PATTERN
    from cspr.storage.paths import check_id

    if skip_missing:  # folder names: one that is not a usable ID is not a review
        return [name for name in review_ids if ID_PATTERN.match(name)]
    for review_id in review_ids:
        check_id(review_id)
    return review_ids


def _from_cache(cache: KeyedCache, kind: Kind, reviews_dir: str, review_ids: list[str],
                skip_missing: bool) -> tuple[dict[str, Any], list[str], dict[str, tuple]]:
    """The facts the cache vouches for; the reviews to work out; the keys to cache them under."""
    now_ns = time.time_ns()  # taken before any stat: whatever changes after it is racy
    found: dict[str, Any] = {}
    misses: list[str] = []
    keys: dict[str, tuple] = {}
    decode = kind.decode
    for review_id in review_ids:
        try:
            stat = os.stat(review_file(reviews_dir, review_id))
        except FileNotFoundError:
            if not skip_missing:
                misses.append(review_id)  # the read reports it
            continue
        except OSError:
            misses.append(review_id)
            continue
        key = file_key(stat)
        entry = cache.lookup(review_id, key)
        if entry is not None and entry[0] is None:
            try:
                found[review_id] = decode(entry[1])
                continue
            except Exception:  # an entry this code cannot use: work it out again
                pass
        misses.append(review_id)
        if not is_racy(stat, now_ns):
            keys[review_id] = key
    return found, misses, keys


def _work_out(workspace: Workspace, kind: Kind, cache: KeyedCache, misses: list[str],
              keys: dict[str, tuple], found: dict[str, Any], today: dt.date) -> list[DataError]:
    """Read the reviews the cache could not vouch for, and cache their facts."""
    if not misses:
        return []
    from cspr.storage.forked import processes_for

    processes = processes_for(len(misses))
    if processes > 1:
        misses = _work_out_forked(workspace, kind, cache, misses, keys, found, today, processes)
        if not misses:
            return []
    from cspr.storage.review_reader import load_reviews

    reviews, errors = load_reviews(workspace, misses)
    for review in reviews:
        facts = kind.work_out(workspace, review, today)
        found[review.id] = facts
        if review.id in keys:
            cache.put_encoded(review.id, keys[review.id], None, kind.encode(facts))
    for error in errors:
        cache.forget(os.path.basename(os.path.dirname(str(error.location.path))))
    return errors


def _work_out_forked(workspace: Workspace, kind: Kind, cache: KeyedCache, misses: list[str],
                     keys: dict[str, tuple], found: dict[str, Any], today: dt.date, processes: int) -> list[str]:
    """Work out the facts of `misses` in `processes` processes (the first run after a clone).

    Each process reads its share of the reviews through the cache of parsed reviews as it was
    when they were forked, and hands back the facts (encoded) and its new entries for that
    cache; this process stores them all. Returns the reviews that could not be read, for the
    caller to read again here and report as usual.
    """
    from cspr.storage.forked import in_processes, shares_of
    from cspr.storage.review_cache import ReviewCache
    from cspr.storage.review_reader import read_through

    workspace.process  # noqa: B018 - read once here, not once in each process
    workspace.calendar  # noqa: B018
    reviews_cache = ReviewCache.open(workspace.state_dir)
    reviews_dir = str(workspace.reviews_dir)

    def work(share: list[str]) -> tuple[list, dict, list[str]]:
        reviews, errors = [], []
        read_through(reviews_cache, reviews_dir, share, reviews, errors)
        facts = [(review.id, kind.encode(kind.work_out(workspace, review, today))) for review in reviews]
        read = {review_id for review_id, _ in facts}
        entries = {r: reviews_cache.entries[r] for r in read if r in reviews_cache.entries}
        return facts, entries, [r for r in share if r not in read]

    unread: list[str] = []
    decode = kind.decode
    for facts, entries, failed in in_processes(shares_of(misses, processes), work):
        for review_id, encoded in facts:
            found[review_id] = decode(encoded)
            if review_id in keys:
                cache.put_encoded(review_id, keys[review_id], None, encoded)
        for review_id, (key, text_digest, blob) in entries.items():
            reviews_cache.put_encoded(review_id, key, text_digest, blob)
        unread += failed
    reviews_cache.prune_gone(reviews_dir, set(misses))
    reviews_cache.save()
    return unread
