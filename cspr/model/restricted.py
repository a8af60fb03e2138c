"""Restricted terms: the real names, addresses and schools that must never reach a briefing.

They live in `private/restricted-terms.txt`, which the workspace's `.gitignore` keeps out of git:
one term per line, `#` starting a comment line. A term matches as whole words, in any case, and
a term of several words matches across a line break.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

TERMS_FILE = "restricted-terms.txt"


@dataclass(frozen=True)
class Finding:
    """A restricted term found in one section of a briefing."""

    term: str
    section: str


def parse_terms(text: str) -> list[str]:
    """The terms listed in the text of the terms file: one a line, `#` starting a comment."""
    terms: list[str] = []
    for line in text.splitlines():
        term = " ".join(line.split())
        if term and not term.startswith("#") and term.casefold() not in {t.casefold() for t in terms}:
            terms.append(term)
    return terms


def _pattern(term: str) -> re.Pattern[str]:
    # (?<!\w) and (?!\w) rather than \b, so a term that starts or ends with punctuation
    # ("St. Mary's", "O'Brien") still only matches whole words.
    words = r"\s+".join(re.escape(word) for word in term.split())
    return re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)


def terms_in(text: str, terms: Iterable[str]) -> list[str]:
    """The terms that occur in `text` as whole words, any case."""
    return [term for term in terms if _pattern(term).search(text)]


def find_terms(sections: Iterable[tuple[str, str]], terms: list[str]) -> list[Finding]:
    """Every (term, section) where a section's text holds a term; each pair once."""
    found: dict[tuple[str, str], Finding] = {}
    for section, text in sections:
        for term in terms_in(text, terms):
            found.setdefault((term.casefold(), section), Finding(term, section))
    return list(found.values())


def lines_holding(text: str, term: str) -> list[int]:
    """1-based numbers of the lines of `text` where `term` starts."""
    return [text.count("\n", 0, match.start()) + 1 for match in _pattern(term).finditer(text)]
