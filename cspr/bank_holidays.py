"""Bank holidays for a working-day region, from the `holidays` package (imported lazily)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

# The regions a partnership may name in cspr.yaml, and what `holidays` calls them.
REGIONS = {
    "england": ("GB", "ENG"),
    "wales": ("GB", "WLS"),
    "scotland": ("GB", "SCT"),
    "northern-ireland": ("GB", "NIR"),
}


def bank_holidays(region: str, years: Iterable[int]) -> list[dt.date]:
    """Every bank holiday (substitute days and one-off days included) in `years`."""
    import holidays  # heavy: only when a command needs working days

    country, subdiv = REGIONS[region]
    # subdiv matters: without it, England's Easter Monday and August bank holiday are missing.
    return list(holidays.country_holidays(country, subdiv=subdiv, years=list(years)).keys())


def calendar_for(region: str, closures: Iterable[dt.date] = ()):
    from cspr.calendar import WorkingCalendar

    return WorkingCalendar(lambda years: bank_holidays(region, years), closures)
