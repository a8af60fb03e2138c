"""The agendas of every review, cached in `.cspr/agenda.cache` so reports are quick.

An agenda (`model/agenda.py`) depends on the review's file, the process, the workspace
settings (region, closure days), the installed bank holidays and the code that works out
deadlines. Each entry is keyed by its file's stat (`cache.file_key`), exactly as the review
cache is; the rest is the cache's context, and a cache written under another context is thrown
away whole. A recently changed file (`cache.is_racy`) is not cached, since its stat could
repeat after another change, and a file that cannot be read is never cached: its error is
reported afresh on every run.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from typing import TYPE_CHECKING

from cspr import __version__
from cspr.errors import DataError
from cspr.model.agenda import Agenda, Pending
from cspr.model.series import Series
from cspr.storage.cache import (
    KeyedCache,
    file_key,
    is_racy,
    path_key,
    paused_cycle_collection,
    review_file,
)

if TYPE_CHECKING:
    from cspr.model.review import Review
    from cspr.storage.workspace import Workspace

AGENDA_FILE = "agenda.cache"
FORMAT = 2


def context(workspace: Workspace) -> tuple:
    """Everything besides the review file that an agenda depends on."""
    from cspr.storage.cache import code_stamp, installed_stamp

    return (
        path_key(workspace.process_path),
        path_key(workspace.config_path),
        installed_stamp("holidays"),
        code_stamp("model", "storage"),  # the rules and the readers an agenda comes from
    )


# -- encoding: plain values (text, ordinals for dates, None, tuples) that marshal stores --------
_day = dt.date.fromordinal


def _ordinal(day: dt.date | None) -> int | None:
    return day.toordinal() if day is not None else None


def _encode_series(found: Series | None) -> tuple | None:
    if found is None:
        return None
    return (found.start.toordinal(), found.count, found.unit, _ordinal(found.end),
            tuple(day.toordinal() for day in found.answered),
            tuple((first.toordinal(), _ordinal(last)) for first, last in found.quiet), found.first)


def _decode_series(value: tuple | None) -> Series | None:
    if value is None:
        return None
    start, count, unit, end, answered, quiet, first = value
    return Series(_day(start), count, unit, _day(end) if end is not None else None,
                  tuple(map(_day, answered)),
                  tuple((_day(a), _day(b) if b is not None else None) for a, b in quiet), first)


def encode(agenda: Agenda) -> tuple:
    return (
        agenda.review, agenda.child, agenda.closed,
        tuple((reason, start.toordinal(), _ordinal(end)) for reason, start, end in agenda.holds),
        tuple((p.stage, p.title, p.owner, _ordinal(p.due), p.agencies, p.paused_by_holds, p.action_agency,
               p.rule, _encode_series(p.series), p.reminder) for p in agenda.pending),
        _ordinal(agenda.aware), agenda.track, _ordinal(agenda.decided),
        tuple(day.toordinal() for day in agenda.done), agenda.actions, agenda.recorded_through.toordinal(),
    )


def decode(value: tuple) -> Agenda:
    review, child, closed, holds, pending, aware, track, decided, done, actions, recorded_through = value
    return Agenda(
        review, child, closed,
        tuple((reason, _day(start), _day(end) if end is not None else None) for reason, start, end in holds),
        tuple(Pending(stage, title, owner, _day(due) if due is not None else None, agencies, paused, agency,
                      rule, _decode_series(series) if series is not None else None, reminder)
              for stage, title, owner, due, agencies, paused, agency, rule, series, reminder in pending),
        _day(aware) if aware is not None else None, track, _day(decided) if decided is not None else None,
        tuple(map(_day, done)), actions, _day(recorded_through),
    )


# -- loading ------------------------------------------------------------------------------------
def load_agendas(workspace: Workspace, review_ids: list[str], today: dt.date,
                 skip_missing: bool = False) -> tuple[list[Agenda], list[DataError]]:
    """The agenda of each review that can be read (in `review_ids` order), and the errors.

    `skip_missing`: the IDs are folder names, and a folder with no review.yaml is passed over
    (otherwise it is reported, as a review that was asked for and is not there).
    """
    cache = _open(workspace)
    review_ids = _usable_ids(review_ids, skip_missing)
    with paused_cycle_collection():
        found, misses, keys = _from_cache(cache, str(workspace.reviews_dir), review_ids, skip_missing)
        errors = _work_out(workspace, cache, misses, keys, found, today)
    cache.prune_gone(str(workspace.reviews_dir), found)
    cache.save()
    return [found[r] for r in review_ids if r in found], errors


def _open(workspace: Workspace) -> KeyedCache:
    cache = KeyedCache.open(workspace.state_dir / AGENDA_FILE, (FORMAT, __version__, context(workspace)))
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


def _from_cache(cache: KeyedCache, reviews_dir: str, review_ids: list[str],
                skip_missing: bool) -> tuple[dict[str, Agenda], list[str], dict[str, tuple]]:
    """The agendas the cache vouches for; the reviews to work out; the keys to cache them under."""
    now_ns = time.time_ns()  # taken before any stat: whatever changes after it is racy
    found: dict[str, Agenda] = {}
    misses: list[str] = []
    keys: dict[str, tuple] = {}
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


def _work_out(workspace: Workspace, cache: KeyedCache, misses: list[str], keys: dict[str, tuple],
              found: dict[str, Agenda], today: dt.date) -> list[DataError]:
    """Read the reviews the cache could not vouch for, and cache their agendas."""
    if not misses:
        return []
    from cspr.storage.review_reader import load_reviews

    reviews, errors = load_reviews(workspace, misses)
    for review in reviews:
        agenda = agenda_of(workspace, review, today)
        found[review.id] = agenda
        if review.id in keys:
            cache.put_encoded(review.id, keys[review.id], None, encode(agenda))
    for error in errors:
        cache.forget(os.path.basename(os.path.dirname(str(error.location.path))))
    return errors


def agenda_of(workspace: Workspace, review: Review, today: dt.date) -> Agenda:
    from cspr.model.agenda import agenda_for

    return agenda_for(workspace.schedule_of(review, today))
