"""The agendas of every review, cached in `.cspr/agenda.cache` so the morning report is quick.

An agenda (`agenda.py`) depends on the review's file, the process, the workspace settings
(region, closure days), the installed bank holidays and the code that works out deadlines. Each
entry is keyed by its file's stat, exactly as the review cache is; the rest is the cache's
context, and a cache written under another context is thrown away whole. A file changed in
the last few seconds is not cached (its stat could repeat after another change), and a file
that cannot be read is never cached: its error is reported afresh on every run.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from cspr import __version__
from cspr.errors import DataError
from cspr.model.agenda import Agenda, Pending, agenda_for

if TYPE_CHECKING:
    from cspr.storage.workspace import Workspace

AGENDA_FILE = "agenda.cache"
FORMAT = 1


def _stat_key(path: Path | str) -> tuple | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (str(path), found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino)


def context(workspace: Workspace) -> tuple:
    """Everything besides the review file that an agenda depends on."""
    from cspr.storage.cache import code_stamp, installed_stamp

    return (
        _stat_key(workspace.process_path),
        _stat_key(workspace.config_path),
        installed_stamp("holidays"),
        code_stamp("model", "storage"),  # the rules and the readers an agenda comes from
    )


_day = dt.date.fromordinal


def encode(agenda: Agenda) -> tuple:
    """Plain values (text, numbers, None, tuples) that marshal stores with the whole cache."""
    return ((
        agenda.review, agenda.child, agenda.closed,
        tuple((reason, start.toordinal(), end.toordinal() if end else None) for reason, start, end in agenda.holds),
        tuple((p.stage, p.title, p.owner, p.due.toordinal() if p.due else None, p.agencies,
               p.paused_by_holds, p.action_agency) for p in agenda.pending),
        agenda.recorded_through.toordinal(),
    ))


def decode(value: tuple) -> Agenda:
    review, child, closed, holds, pending, recorded_through = value
    return Agenda(
        review, child, closed,
        tuple((reason, _day(start), _day(end) if end is not None else None) for reason, start, end in holds),
        tuple(Pending(stage, title, owner, _day(due) if due is not None else None, agencies, paused, agency)
              for stage, title, owner, due, agencies, paused, agency in pending),
        _day(recorded_through),
    )


def load_agendas(workspace: Workspace, review_ids: list[str], today: dt.date,
                 skip_missing: bool = False) -> tuple[list[Agenda], list[DataError]]:
    """The agenda of each review that can be read (in `review_ids` order), and the errors.

    `skip_missing`: the IDs are folder names, and a folder with no review.yaml is passed over
    (otherwise it is reported, as a review that was asked for and is not there).
    """
    from cspr.model.ids import ID_PATTERN
    from cspr.storage import cache as cache_store
    from cspr.storage.cache import KeyedCache, file_key, paused_cycle_collection
    from cspr.storage.paths import REVIEW_FILE, check_id

    cache = KeyedCache.open(workspace.state_dir / AGENDA_FILE, (FORMAT, __version__, context(workspace)))
    if not cache.entries:
        # A cache made under these settings vouches for them; otherwise read and check them
        # now, so a broken process or cspr.yaml is reported even with nothing to work out.
        workspace.process  # noqa: B018
        workspace.calendar  # noqa: B018
    reviews_dir = str(workspace.reviews_dir)
    if skip_missing:  # folder names: one that is not a usable ID is not a review
        review_ids = [name for name in review_ids if ID_PATTERN.match(name)]
    else:
        for review_id in review_ids:
            check_id(review_id)
    racy_after = time.time_ns() - cache_store.RACY_SECONDS * 1_000_000_000  # taken before any stat
    found: dict[str, Agenda] = {}
    keys: dict[str, tuple] = {}
    misses: list[str] = []
    with paused_cycle_collection():
        for review_id in review_ids:
            try:
                stat = os.stat(f"{reviews_dir}/{review_id}/{REVIEW_FILE}")
            except FileNotFoundError:
                if not skip_missing:
                    misses.append(review_id)  # the read below reports it
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
            if max(stat.st_mtime_ns, stat.st_ctime_ns) < racy_after:
                keys[review_id] = key
        reviews, errors = _read_reviews(workspace, misses)
        for review in reviews:
            agenda = agenda_for(workspace.schedule_of(review, today))
            found[review.id] = agenda
            if review.id in keys:
                cache.put_encoded(review.id, keys[review.id], None, encode(agenda))
        for error in errors:
            cache.forget(Path(str(error.location.path)).parent.name)
    cache.prune(lambda review_id: review_id in found or _exists(workspace, review_id))
    cache.save()
    return [found[r] for r in review_ids if r in found], errors


def _read_reviews(workspace: Workspace, review_ids: list[str]) -> tuple[list, list[DataError]]:
    if not review_ids:
        return [], []
    from cspr.storage.review_reader import load_reviews

    return load_reviews(workspace, review_ids)


def _exists(workspace: Workspace, review_id: str) -> bool:
    try:
        return workspace.review_path(review_id).is_file()
    except Exception:
        return False
