"""`cspr overdue`: every pending deadline that is overdue or due soon, from the cached agendas."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cspr.errors import DataError
from cspr.model.statuses import ItemStatus
from cspr.ops.judging import cached_facts, named_reviews
from cspr.reports import overdue as report
from cspr.storage.workspace import Workspace


@dataclass(frozen=True)
class OverdueReport:
    items: list[report.Item]
    errors: list[DataError]
    open_reviews: int

    @property
    def anything_overdue(self) -> bool:
        return any(item.status == ItemStatus.OVERDUE for item in self.items)


def overdue(workspace: Workspace, as_of: dt.date, *, within: int, review_ids: tuple[str, ...] = (),
            owner: str | None = None, today: dt.date | None = None, as_recorded: bool = False) -> OverdueReport:
    """The report on `as_of`; a day other than `today` reads the records as they stood then."""
    from cspr.storage.index_cache import INDEXES

    # each review's index (reports/index.py): no agenda is built back from the cache
    found, errors = cached_facts(workspace, INDEXES, today or as_of, named_reviews(workspace, review_ids),
                                 as_of=as_of, as_recorded=as_recorded)
    items = report.report_from_indexes(found, as_of, within)
    open_reviews = sum(1 for index in found if not index.closed)
    if owner:
        needle = owner.casefold()
        items = [i for i in items if needle in i.owner.casefold() or needle in (i.agency or "").casefold()]
    return OverdueReport(items, errors, open_reviews)
