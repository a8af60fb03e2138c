"""An agenda as `.cspr/agenda.cache` stores it: plain values that marshal keeps, read back as
the same agenda. No workspace needed: the agendas are worked out from reviews in memory (the
cache on disk is tests/storage/test_agenda.py's)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import marshal

import pytest

from cspr.model.agenda import agenda_for
from cspr.model.deadlines import ReviewSchedule
from cspr.model.review import Completion, Hold, Occurrence, parse_review
from cspr.storage.agenda_cache import decode, encode
from cspr.storage.bank_holidays import calendar_for
from cspr.storage.yamlio import load_data
from tests.helpers.domain import PROCESS
from tests.helpers.workspace import REPO
from tests.reports.test_board_paper import CLOSED, A, B

FULL = parse_review(load_data(REPO / "tests" / "data" / "full-review.yaml"))
# published, its one action complete: the progress checks end, the assurance checks fall quiet
REOPENED = dataclasses.replace(
    FULL, id="full-2", closed=None, holds=(*FULL.holds[:1], Hold("appeal", dt.date(2024, 8, 1))),
    completions={**FULL.completions, "published": Completion(dt.date(2024, 9, 30))},
    occurrences={"progress-check": (Occurrence(dt.date(2024, 3, 1), dt.date(2024, 3, 4)),)},
    intervals={"assurance": "2w"},
    recommendations=(dataclasses.replace(FULL.recommendations[0], actions=FULL.recommendations[0].actions[:1]),))


@pytest.mark.parametrize("review", [A, B, CLOSED, FULL, REOPENED], ids=lambda r: r.id)
@pytest.mark.parametrize("today", [dt.date(2024, 6, 1), dt.date(2026, 6, 22), dt.date(2027, 1, 1)])
def test_an_agenda_is_stored_as_plain_values_and_read_back_the_same(review, today):
    agenda = agenda_for(ReviewSchedule(PROCESS, review, calendar_for("england"), today))
    stored = encode(agenda)
    assert marshal.loads(marshal.dumps(stored)) == stored  # only what marshal can keep
    assert decode(stored) == agenda
    assert not any(isinstance(value, dt.date) for value in _flat(stored))


def test_agendas_with_series_and_holds_are_among_those_stored():
    agendas = [agenda_for(ReviewSchedule(PROCESS, r, calendar_for("england"), dt.date(2027, 1, 1)))
               for r in (A, REOPENED)]
    series = [p.series for a in agendas for p in a.pending if p.series is not None]
    assert any(s.end is not None for s in series) and any(s.end is None for s in series)
    assert any(s.answered for s in series) and any(s.quiet for s in series)
    assert any(end is None for a in agendas for _, _, end in a.holds)
    assert any(end is not None for a in agendas for _, _, end in a.holds)


def _flat(value):
    if isinstance(value, tuple):
        for item in value:
            yield from _flat(item)
    else:
        yield value
