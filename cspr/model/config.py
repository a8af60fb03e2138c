"""The workspace's settings in `cspr.yaml`: partnership, working-day region, closures, agencies,
the contacts chased by email and the mail settings.

Also: `needs_timeline_after` (working days after the decision before a local review with no
date for its next stage is listed as needing a timeline; 20) and `timezone` (where a day
begins and ends for `--as-recorded`; Europe/London).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cspr.errors import InvalidField
from cspr.model.dates import out_of_range
from cspr.model.working_days import REGIONS

_KEYS = {"partnership", "region", "closures", "agencies", "remote", "website", "contacts", "mail",
         "needs_timeline_after", "timezone"}
NEEDS_TIMELINE_AFTER = 20
TIMEZONE = "Europe/London"
_MAIL_KEYS = {"from", "reply_to", "smtp"}
_SMTP_KEYS = {"host", "port", "security", "username"}
SECURITY = {"starttls": 587, "ssl": 465, "none": 25}  # how to reach the server, and its usual port
PASSWORD_VARIABLE = "CSPR_SMTP_PASSWORD"  # never in cspr.yaml, which is in git


@dataclass(frozen=True)
class Smtp:
    host: str
    port: int
    security: str  # starttls | ssl | none
    username: str | None = None


@dataclass(frozen=True)
class Mail:
    sender: str  # the From header, such as "Business Unit <bu@example.org>"
    smtp: Smtp
    reply_to: str | None = None


@dataclass(frozen=True)
class Config:
    partnership: str
    region: str = "england"
    closures: tuple[dt.date, ...] = ()
    agencies: tuple[str, ...] = ()
    remote: str = "origin"
    website: str | None = None
    contacts: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (owner or agency, addresses)
    mail: Mail | None = None

    def contact(self, owner: str) -> tuple[str, ...]:
        """The addresses for an owner or agency (names match in any case); () when none."""
        wanted = owner.casefold()
        return next((addresses for name, addresses in self.contacts if name.casefold() == wanted), ())
    needs_timeline_after: int = NEEDS_TIMELINE_AFTER
    timezone: str = TIMEZONE


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
        if out_of_range(day):
            raise InvalidField(("closures", index), f"{out_of_range(day)}; correct the year")
    agencies = data.get("agencies") or []
    if not isinstance(agencies, list) or not all(isinstance(a, str) and a.strip() for a in agencies):
        raise InvalidField(("agencies",), "'agencies' is a list of agency names")
    remote = data.get("remote") or "origin"
    if not isinstance(remote, str):
        raise InvalidField(("remote",), "'remote' names a git remote, such as origin")
    website = data.get("website")
    if website is not None and not isinstance(website, str):
        raise InvalidField(("website",), "'website' is the partnership's web address")
    contacts = _contacts(data.get("contacts"))
    mail = _mail(data["mail"]) if data.get("mail") is not None else None
    allowance = data.get("needs_timeline_after", NEEDS_TIMELINE_AFTER)
    if isinstance(allowance, bool) or not isinstance(allowance, int) or not 0 <= allowance <= 1000:
        raise InvalidField(("needs_timeline_after",), "'needs_timeline_after' is a number of working days, such as 20")
    timezone = data.get("timezone") or TIMEZONE
    if not isinstance(timezone, str) or not timezone.strip():
        raise InvalidField(("timezone",), "'timezone' names a time zone, such as Europe/London")
    return Config(partnership.strip(), region, tuple(closures), tuple(agencies), remote, website, contacts, mail,
                  needs_timeline_after=allowance, timezone=timezone.strip())


def is_address(text: str) -> bool:
    """An email address, bare or with a display name: something@somewhere, nothing else."""
    # Imported here: email.utils brings socket and random, about 10 ms, and only contacts need it.
    from email.utils import parseaddr

    name, address = parseaddr(text)
    local, at, domain = address.partition("@")
    return bool(at and local and domain and "." in domain and " " not in address)


def _contacts(data: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if data is None:
        return ()
    if not isinstance(data, Mapping):
        raise InvalidField(("contacts",), "'contacts' maps each owner or agency to an address or a list of "
                                          "addresses, such as  Police: police.lead@example.org")
    found: list[tuple[str, tuple[str, ...]]] = []
    seen: set[str] = set()
    for name, value in data.items():
        if not isinstance(name, str) or not name.strip():
            raise InvalidField(("contacts", name), "a contact is named by an owner or agency", at_key=True)
        if name.strip().casefold() in seen:
            raise InvalidField(("contacts", name), f"{name!r} is listed twice under contacts", at_key=True)
        seen.add(name.strip().casefold())
        addresses = value if isinstance(value, list) else [value]
        if not addresses:
            raise InvalidField(("contacts", name), f"no address for {name!r}: give one, or a list")
        for index, address in enumerate(addresses):
            where = ("contacts", name, index) if isinstance(value, list) else ("contacts", name)
            if not isinstance(address, str) or not is_address(address):
                raise InvalidField(where, f"{address!r} is not an email address (such as police.lead@example.org)")
        found.append((name.strip(), tuple(a.strip() for a in addresses)))
    return tuple(found)


def _mail(data: Any) -> Mail:
    if not isinstance(data, Mapping):
        raise InvalidField(("mail",), "'mail' is a mapping: from, reply_to (optional) and smtp")
    for key in data:
        if key not in _MAIL_KEYS:
            raise InvalidField(("mail", key), f"unknown key {key!r}; expected one of: {', '.join(sorted(_MAIL_KEYS))}",
                               at_key=True)
    sender = data.get("from")
    if not isinstance(sender, str) or not is_address(sender):
        raise InvalidField(("mail", "from") if "from" in data else ("mail",),
                           "'mail: from' is the sender, such as \"Business Unit <bu@example.org>\"")
    reply_to = data.get("reply_to")
    if reply_to is not None and (not isinstance(reply_to, str) or not is_address(reply_to)):
        raise InvalidField(("mail", "reply_to"), f"{reply_to!r} is not an email address")
    smtp = data.get("smtp")
    if not isinstance(smtp, Mapping):
        raise InvalidField(("mail", "smtp") if "smtp" in data else ("mail",),
                           "'mail: smtp' is a mapping: host, port, security (starttls, ssl or none), username")
    for key in smtp:
        if key not in _SMTP_KEYS:
            message = f"unknown key {key!r}; expected one of: {', '.join(sorted(_SMTP_KEYS))}"
            if key == "password":
                message = f"the password is never kept in cspr.yaml: set the environment variable {PASSWORD_VARIABLE}"
            raise InvalidField(("mail", "smtp", key), message, at_key=True)
    host = smtp.get("host")
    if not isinstance(host, str) or not host.strip():
        raise InvalidField(("mail", "smtp", "host") if "host" in smtp else ("mail", "smtp"),
                           "'host' names the SMTP server, such as smtp.example.org")
    security = smtp.get("security", "starttls")
    if security not in SECURITY:
        raise InvalidField(("mail", "smtp", "security"), f"unknown security {security!r}; use one of: {', '.join(SECURITY)}")
    port = smtp.get("port", SECURITY[security])
    if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
        raise InvalidField(("mail", "smtp", "port"), f"'port' is a number such as {SECURITY[security]}, found {port!r}")
    username = smtp.get("username")
    if username is not None and (not isinstance(username, str) or not username.strip()):
        raise InvalidField(("mail", "smtp", "username"), "'username' is the SMTP login name")
    return Mail(sender.strip(), Smtp(host.strip(), port, security, username), reply_to)
