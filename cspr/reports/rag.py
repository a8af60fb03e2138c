"""Red, amber or green for a whole review and for each agency's actions: one rule for every
report that rates them (the board paper and the dashboard). Pure."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cspr.model.dates import lateness
from cspr.model.statuses import ItemStatus, Rag
from cspr.reports.overdue import Item


@dataclass(frozen=True)
class AgencyRag:
    """How many of one agency's actions are red, amber and green."""

    agency: str
    red: int
    amber: int
    green: int

    @property
    def total(self) -> int:
        return self.red + self.amber + self.green


def review_rag(items: Sequence[Item], hold: str | None) -> tuple[Rag, str]:
    """(rating, why in words) of one review from its overdue-report items and the reason for the
    hold it is on (if any): red when anything is overdue; amber when something falls due soon or
    publication is on hold; else green."""
    overdue = sum(1 for item in items if item.status == ItemStatus.OVERDUE)
    soon = [item.days_overdue or 0 for item in items if item.status == ItemStatus.DUE_SOON]
    return rag_of(overdue, max(soon) if soon else None, hold)


def rag_of(overdue: int, soonest: int | None, hold: str | None) -> tuple[Rag, str]:
    """`review_rag` from how many items are overdue, the days overdue of the item due soonest
    (-3: due in 3 days; None: nothing due soon) and the hold's reason."""
    reasons = []
    if overdue:
        reasons.append(f"{overdue} overdue")
    if soonest is not None:
        reasons.append(lateness(soonest))
    if hold is not None:
        reasons.append(f"on hold: {hold}")
    rag = Rag.RED if overdue else (Rag.AMBER if soonest is not None or hold is not None else Rag.GREEN)
    return rag, "; ".join(reasons) or "on track"


def agency_rags(ratings: Iterable[tuple[str, str]]) -> tuple[AgencyRag, ...]:
    """Each agency's actions counted by rating, from (agency, rating) of each action; agencies
    told apart in any case, by name."""
    counts: dict[str, dict[Rag, int]] = {}
    spelling: dict[str, str] = {}
    folded: dict[str, str] = {}  # each spelling folded once: a few dozen agencies, not 21,000 names
    for agency, rag in ratings:  # 21,000 actions on a board paper over 10,000 reviews
        key = folded.get(agency)
        if key is None:
            key = folded[agency] = agency.casefold()
        tally = counts.get(key)
        if tally is None:
            spelling[key] = agency
            tally = counts[key] = dict.fromkeys(Rag, 0)
        tally[rag] += 1  # a Rag is a str: "red" finds Rag.RED
    return tuple(AgencyRag(spelling[key], tally[Rag.RED], tally[Rag.AMBER], tally[Rag.GREEN])
                 for key, tally in sorted(counts.items()))
