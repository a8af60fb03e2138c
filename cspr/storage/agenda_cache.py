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
from typing import TYPE_CHECKING

from cspr.errors import DataError
from cspr.model.agenda import Agenda, Pending
from cspr.model.dates import from_ordinal, ordinal
from cspr.model.series import from_plain, to_plain
from cspr.storage.facts_cache import Kind, load_facts
from cspr.storage.facts_cache import context as facts_context

if TYPE_CHECKING:
    from cspr.model.review import Review
    from cspr.storage.workspace import Workspace

AGENDA_FILE = "agenda.cache"
FORMAT = 2


def context(workspace: Workspace) -> tuple:
    """Everything besides the review file that an agenda depends on: the rules and the readers."""
    return facts_context(workspace, ("model", "storage"))


# -- encoding: plain values (text, ordinals for dates, None, tuples) that marshal stores --------
_day = dt.date.fromordinal


def encode(agenda: Agenda) -> tuple:
    return (
        agenda.review, agenda.child, agenda.closed,
        tuple((reason, start.toordinal(), ordinal(end)) for reason, start, end in agenda.holds),
        tuple((p.stage, p.title, p.owner, ordinal(p.due), p.agencies, p.paused_by_holds, p.action_agency,
               p.rule, to_plain(p.series), p.reminder) for p in agenda.pending),
        ordinal(agenda.aware), agenda.track, ordinal(agenda.decided),
        tuple(day.toordinal() for day in agenda.done), agenda.actions, agenda.recorded_through.toordinal(),
    )


def decode(value: tuple) -> Agenda:
    review, child, closed, holds, pending, aware, track, decided, done, actions, recorded_through = value
    return Agenda(
        review, child, closed,
        tuple((reason, _day(start), from_ordinal(end)) for reason, start, end in holds),
        tuple(Pending(stage, title, owner, from_ordinal(due), agencies, paused, agency, rule, from_plain(series),
                      reminder)
              for stage, title, owner, due, agencies, paused, agency, rule, series, reminder in pending),
        from_ordinal(aware), track, from_ordinal(decided),
        tuple(map(_day, done)), actions, _day(recorded_through),
    )


# -- loading ------------------------------------------------------------------------------------
def agenda_of(workspace: Workspace, review: Review, today: dt.date) -> Agenda:
    from cspr.model.agenda import agenda_for

    return agenda_for(workspace.schedule_of(review, today))


AGENDAS = Kind(AGENDA_FILE, FORMAT, ("model", "storage"), agenda_of, encode, decode)


def load_agendas(workspace: Workspace, review_ids: list[str], today: dt.date,
                 skip_missing: bool = False) -> tuple[list[Agenda], list[DataError]]:
    """The agenda of each review that can be read (in `review_ids` order), and the errors.

    `skip_missing`: the IDs are folder names, and a folder with no review.yaml is passed over
    (otherwise it is reported, as a review that was asked for and is not there).
    """
    return load_facts(workspace, AGENDAS, review_ids, today, skip_missing)
