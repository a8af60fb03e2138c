"""Bank holidays for a working-day region, from the `holidays` package (imported lazily).

Importing `holidays` and working out a region's days costs more than a whole report on a
warm cache, so a workspace keeps the days it has needed in `.cspr/bank-holidays.json`, by
region and year, stamped with the installed `holidays` package: upgrading it (a newly
announced bank holiday) throws the stored days away. A missing, corrupt or stale file is
rebuilt; a read-only workspace just goes without.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path

from cspr.model.working_days import REGIONS
from cspr.storage.cache import installed_stamp


def bank_holidays(region: str, years: Iterable[int]) -> list[dt.date]:
    """Every bank holiday (substitute days and one-off days included) in `years`."""
    import holidays  # heavy: only when a command needs working days

    country, subdiv = REGIONS[region]
    # subdiv matters: without it, England's Easter Monday and August bank holiday are missing.
    return list(holidays.country_holidays(country, subdiv=subdiv, years=list(years)).keys())


def calendar_for(region: str, closures: Iterable[dt.date] = (), cache_dir: Path | None = None):
    """The working-day calendar of `region`; with `cache_dir`, its bank holidays are kept there."""
    from cspr.model.working_days import WorkingCalendar

    if cache_dir is None:
        return WorkingCalendar(lambda years: bank_holidays(region, years), closures)
    return WorkingCalendar(StoredHolidays(region, cache_dir), closures)


CACHE_FILE = "bank-holidays.json"
FORMAT = 1


class StoredHolidays:
    """A holiday source for WorkingCalendar that asks `holidays` only about years not stored."""

    def __init__(self, region: str, cache_dir: Path):
        self.region = region
        self.path = cache_dir / CACHE_FILE
        self._stamp = installed_stamp("holidays")
        self._stored: dict[str, dict[str, list[str]]] | None = None

    def __call__(self, years: Iterable[int]) -> list[dt.date]:
        years = list(years)
        stored = self._load()
        by_year = stored.setdefault(self.region, {})
        missing = [year for year in years if str(year) not in by_year]
        if missing:
            for year in missing:
                by_year[str(year)] = []
            for day in bank_holidays(self.region, missing):
                by_year.setdefault(str(day.year), []).append(day.isoformat())
            self._save(stored)
        return [dt.date.fromisoformat(day) for year in years for day in by_year[str(year)]]

    def _load(self) -> dict[str, dict[str, list[str]]]:
        if self._stored is None:
            self._stored = {}
            with contextlib.suppress(OSError, ValueError, TypeError, AttributeError):
                data = json.loads(self.path.read_text(encoding="utf-8"))
                if data.get("format") == FORMAT and data.get("holidays") == self._stamp and self._stamp:
                    regions = data["regions"]
                    for days in (d for by_year in regions.values() for d in by_year.values()):
                        for day in days:
                            dt.date.fromisoformat(day)  # a corrupt entry throws the file away
                    self._stored = regions
        return self._stored

    def _save(self, stored: dict) -> None:
        if not self._stamp:
            return  # no way to tell when the stored days go stale: keep none
        from cspr.storage.yamlio import atomic_write

        text = json.dumps({"format": FORMAT, "holidays": self._stamp, "regions": stored}, sort_keys=True)
        with contextlib.suppress(OSError):
            atomic_write(self.path, text, durable=False)


