"""The workspace's settings in `cspr.yaml`: partnership, working-day region, closures, agencies."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cspr.errors import InvalidField
from cspr.model.working_days import REGIONS

_KEYS = {"partnership", "region", "closures", "agencies", "remote", "website"}


@dataclass(frozen=True)
class Config:
    partnership: str
    region: str = "england"
    closures: tuple[dt.date, ...] = ()
    agencies: tuple[str, ...] = ()
    remote: str = "origin"
    website: str | None = None


def parse_config(data: Any) -> Config:
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise InvalidField((), "cspr.yaml is a mapping: partnership, region, closures, agencies")
    for key in data:
        if key not in _KEYS:
            raise InvalidField((key,), f"unknown key {key!r}; expected one of: {', '.join(sorted(_KEYS))}", at_key=True)
    partnership = data.get("partnership")
    if not isinstance(partnership, str) or not partnership.strip():
        raise InvalidField(("partnership",), "'partnership' must name the partnership")
    region = data.get("region", "england")
    if region not in REGIONS:
        raise InvalidField(("region",), f"unknown region {region!r}; use one of: {', '.join(REGIONS)}")
    closures = data.get("closures") or []
    if not isinstance(closures, list):
        raise InvalidField(("closures",), "'closures' is a list of dates such as 2026-12-29")
    for index, day in enumerate(closures):
        if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
            raise InvalidField(("closures", index), f"expected a date written as 2026-12-29, found {day!r}")
    agencies = data.get("agencies") or []
    if not isinstance(agencies, list) or not all(isinstance(a, str) and a.strip() for a in agencies):
        raise InvalidField(("agencies",), "'agencies' is a list of agency names")
    remote = data.get("remote") or "origin"
    if not isinstance(remote, str):
        raise InvalidField(("remote",), "'remote' names a git remote, such as origin")
    website = data.get("website")
    if website is not None and not isinstance(website, str):
        raise InvalidField(("website",), "'website' is the partnership's web address")
    return Config(partnership.strip(), region, tuple(closures), tuple(agencies), remote, website)
