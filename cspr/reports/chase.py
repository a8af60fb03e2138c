"""Who to chase, and for what: the overdue report's items grouped by the owner who must act. Pure.

An item is chased with whoever must act on it: the agency, for one agency's part of a
per-agency stage or for an action; otherwise the stage's owner. Stages on hold are not
chased (nobody can act on them until the proceedings end).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from cspr.model.config import Config
from cspr.model.statuses import ItemStatus
from cspr.reports.overdue import Item


def chased_owner(item: Item) -> str:
    """The name an item is chased under: its agency when it has one, else its owner."""
    return item.agency or item.owner


@dataclass(frozen=True)
class Chase:
    """One message: an owner, the addresses it goes to, and that owner's items only."""

    owner: str
    to: tuple[str, ...]  # empty when cspr.yaml has no contact for the owner
    items: tuple[Item, ...]

    @property
    def overdue(self) -> int:
        return sum(1 for item in self.items if item.status == ItemStatus.OVERDUE)

    @property
    def due_soon(self) -> int:
        return sum(1 for item in self.items if item.status == ItemStatus.DUE_SOON)


@dataclass(frozen=True)
class ChaseList:
    as_of: dt.date
    within: int
    chases: tuple[Chase, ...]  # owners with a contact, by name
    without_contact: tuple[Chase, ...]  # owners cspr.yaml has no address for, by name


def chase_list(items: Iterable[Item], config: Config, as_of: dt.date, within: int,
               owner: str | None = None) -> ChaseList:
    """Group the overdue and due-soon items by owner (keeping the report's order within each).

    `owner` keeps only the owners whose name contains it (any case).
    """
    grouped: dict[str, list[Item]] = {}
    names: dict[str, str] = {}
    for item in items:
        if item.status == ItemStatus.ON_HOLD:
            continue
        name = chased_owner(item)
        key = name.casefold()
        names.setdefault(key, name)
        grouped.setdefault(key, []).append(item)
    needle = owner.casefold() if owner else None
    chases = [
        Chase(names[key], config.contact(names[key]), tuple(found))
        for key, found in sorted(grouped.items())
        if needle is None or needle in key
    ]
    return ChaseList(as_of, within, tuple(c for c in chases if c.to), tuple(c for c in chases if not c.to))
