"""Who is making a change: `--by`, else CSPR_OFFICER, else the repository's git identity."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cspr.errors import UsageError

_IDENTITY = re.compile(r"^\s*([^<>]+?)\s*<([^<>\s]+@[^<>\s]+)>\s*$")

HOW_TO_SET = (
    "say who you are with --by \"Name <email>\", or set CSPR_OFFICER=\"Name <email>\", "
    "or set git's user.name and user.email"
)


@dataclass(frozen=True)
class Officer:
    name: str
    email: str

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


def parse_officer(text: str, source: str) -> Officer:
    from cspr.model.hygiene import control_character

    found = control_character(text)
    if found is not None:
        raise UsageError(f"{source} holds the control character {found}; write it as \"Name <name@example.org>\" on one line")
    match = _IDENTITY.match(text)
    if not match:
        raise UsageError(f"{source}: {text!r} is not an identity; write it as \"Name <name@example.org>\"")
    return Officer(match.group(1), match.group(2))
