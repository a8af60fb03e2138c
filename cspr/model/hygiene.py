"""What text typed on the command line may hold: no control characters, no bidi overrides.

A newline in a pseudonym splits the commit's subject; an escape sequence repaints the officer's
terminal when the audit trail is read back; a bidi override shows "Child A" while storing
something else. None of them belongs in a one-line value, so each is refused with the option named.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from cspr.errors import UsageError

# Bidi embeddings, overrides and isolates, and the invisible marks that steer them.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
LONGEST_VALUE = 10_000  # characters: a note or reason is a sentence or two, not a document


def control_character(text: str) -> str | None:
    """The first control character (C0, C1, DEL) or bidi control in `text`, as U+XXXX, or None."""
    for char in text:
        if char in BIDI_CONTROLS or unicodedata.category(char) == "Cc":
            return f"U+{ord(char):04X}"
    return None


def refuse_control_characters(fields: Mapping[str, str | None]) -> None:
    """Raise a UsageError naming the first field (an option such as --note) with a control
    character in it, or longer than anyone would type."""
    for label, value in fields.items():
        if value is None:
            continue
        found = control_character(value)
        if found is not None:
            what = "a line break" if found in ("U+000A", "U+000D") else f"the control character {found}"
            raise UsageError(f"{label} holds {what}; write it on one line of plain text")
        if len(value) > LONGEST_VALUE:
            raise UsageError(f"{label} is {len(value):,} characters long; keep it under {LONGEST_VALUE:,} "
                             "(put longer text in the review's notes.md)")
