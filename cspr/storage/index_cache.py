"""The reviews' indexes, cached per review in `.cspr/index.cache`: what the overdue report, the
review list and the board timeline read (`reports/index.py`): each review's pending deadlines as
plain rows, its holds, the days its stages were done, its pseudonym.

Kept apart from the other reports' facts (`report_facts.py`) so that the overdue report, the
command run most, imports neither the deadline engine nor the other reports when its cache is
warm. Cached as agendas are (`facts_cache.py`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from cspr.model.dates import ordinal
from cspr.reports.index import ReviewIndex
from cspr.storage.facts_cache import Kind

if TYPE_CHECKING:
    from cspr.model.review import Review
    from cspr.storage.workspace import Workspace


def _index_of(workspace: Workspace, review: Review, today: dt.date) -> ReviewIndex:
    from cspr.reports.index import index_of
    from cspr.storage.agenda_cache import agenda_of

    return index_of(agenda_of(workspace, review, today))


def encode_index(index: ReviewIndex) -> tuple:
    return (index.review, index.child, index.closed, ordinal(index.aware), index.track, ordinal(index.decided),
            index.holds, index.recorded_through.toordinal(), index.rows, index.held, index.done)  # plain already


# Decoded 10,000 times a report: the tuple made at once (`_make`), the dates without a call more.
_index = ReviewIndex._make
_day = dt.date.fromordinal


def decode_index(value: tuple) -> ReviewIndex:
    review, child, closed, aware, track, decided, holds, recorded_through, rows, held, done = value
    return _index((review, child, closed, None if aware is None else _day(aware), track,
                   None if decided is None else _day(decided), holds, _day(recorded_through), rows, held, done))


INDEXES = Kind("index.cache", 1, ("model", "storage", "reports"), _index_of, encode_index, decode_index)
