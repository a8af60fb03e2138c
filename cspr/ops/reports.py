"""The records turned into reports: yearly figures, timelines and the iCalendar export."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cspr.errors import DataError, UsageError
from cspr.ops.judging import agendas, cached_facts, named_reviews, schedule_for, schedules
from cspr.reports import stats as figures
from cspr.reports import timeline as chart
from cspr.storage.workspace import Workspace


def period_of(today: dt.date, year: int | None, start: dt.date | None, end: dt.date | None) -> figures.Period:
    """The period asked for: --year (a financial year), --from/--to, else this financial year."""
    if year is not None and (start or end):
        raise UsageError("give either --year or --from/--to, not both")
    if end is not None and start is None:
        raise UsageError("--to needs --from (or use --year for a financial year)")
    if start is not None:
        period = figures.Period(start, end or today)
        if period.end < period.start:
            raise UsageError(f"--to {period.end.isoformat()} is before --from {start.isoformat()}")
        return period
    if year is not None:
        return figures.financial_year(year)
    return figures.financial_year_of(today)


def stats(workspace: Workspace, period: figures.Period, today: dt.date, *,
          as_recorded: bool = False) -> tuple[figures.Stats, list[DataError]]:
    """The figures over `period`, from the records as they stood on `today` (--as-of)."""
    judged_on = figures.as_at(period, today)
    process = workspace.process
    if figures.counts_any_day(process):  # what each review gives the figures is cached
        from cspr.storage.report_facts import FIGURES

        found, errors = cached_facts(workspace, FIGURES, today, as_recorded=as_recorded)
        return figures.compute_from(process, found, period, judged_on), errors
    schedules_found, errors = schedules(workspace, judged_on, records_on=today, as_recorded=as_recorded)
    return figures.compute(process, schedules_found, period, judged_on), errors


def timeline(workspace: Workspace, review_id: str | None, *, show_all: bool, as_of: dt.date,
             as_recorded: bool = False):
    """One review's timeline, or one line per open review; and the unreadable reviews."""
    if review_id is None and not show_all:
        raise UsageError("name a review (cspr timeline ID), or use --all for every open review")
    if review_id is not None and show_all:
        raise UsageError("give either a review ID or --all, not both")
    if show_all:
        from cspr.storage.index_cache import INDEXES

        found, errors = cached_facts(workspace, INDEXES, as_of, as_recorded=as_recorded)
        return chart.board_timeline(found, as_of), errors
    return chart.review_timeline(schedule_for(workspace, review_id, as_of, as_recorded=as_recorded)), []


@dataclass(frozen=True)
class CalendarExport:
    text: str
    events: int
    held: int
    errors: list[DataError]


def calendar(workspace: Workspace, as_of: dt.date, review_ids: tuple[str, ...] = (),
             output: Path | None = None, *, as_recorded: bool = False) -> CalendarExport:
    """Every pending deadline as iCalendar text; written atomically to `output` when given."""
    from cspr.present import ical

    found, errors = agendas(workspace, as_of, named_reviews(workspace, review_ids), as_recorded=as_recorded)
    events, held = ical.deadlines(found, as_of)
    text = ical.calendar_text(events, workspace.config.partnership, as_of)
    if output is not None:
        from cspr.storage.yamlio import write_output

        write_output(output, text)
    return CalendarExport(text, len(events), held, errors)
