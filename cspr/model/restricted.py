"""Restricted terms: the real names, addresses and schools that must never reach the record.

They live in `private/restricted-terms.txt`, which the workspace's `.gitignore` keeps out of git:
one term per line, `#` starting a comment line. A term matches as whole words, in any case; the
words of a term of several words may be parted by spaces, a line break, `-` or `.` (as in an ID).

Matching sees through the ways a name can be disguised, by accident or not: both the term and
the text are folded the same way (`fold`) before they are compared. Folding applies Unicode
compatibility decomposition (NFKD: full-width and mathematical letters become plain ones,
ligatures are split) and case folding, drops accents and other combining marks, drops invisible
characters (zero-width spaces and joiners, word joiner, BOM, soft hyphen, bidi controls), turns
typographic apostrophes, quotes and hyphens into plain ones, decodes HTML entities (`&#74;`,
`&amp;`), ignores Markdown emphasis (`*`, `_`, `~`), and maps Cyrillic and Greek letters that
look like Latin ones to those (`Jоhn` with a Cyrillic о is John). Every folded character keeps
the position of the character it came from, so a match can still say which line it is on.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

TERMS_FILE = "restricted-terms.txt"

# Characters that show nothing (or only a hyphen at a line break) and so can hide inside a word.
INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\u206a"
    "\u206b\u206c\u206d\u206e\u206f\u3164\ufe00\ufe01\ufe02\ufe03\ufe04\ufe05\ufe06\ufe07\ufe08"
    "\ufe09\ufe0a\ufe0b\ufe0c\ufe0d\ufe0e\ufe0f\ufeff\uffa0"
)
# Markdown emphasis and strike-through: `**Jo**hn` and `J_oh_n` still read as John.
EMPHASIS = frozenset("*_~")

# Typographic forms of the apostrophe, quotes and hyphen, as their plain forms.
PLAIN_PUNCTUATION = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u2035\u02bc\u02b9\u02bb\u02bd\u02c8\u0060\u00b4\uff07", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb\uff02", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe63\uff0d", "-"),
}

# Letters of other scripts that look like Latin letters (after case folding), as those letters:
# the common confusables of Unicode TR39 for Cyrillic, Greek and a few Latin extensions.
LOOK_ALIKES = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "з": "3", "к": "k", "м": "m", "н": "h", "о": "o",
    "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j",
    "ԁ": "d", "һ": "h", "ӏ": "l", "ԛ": "q", "ԝ": "w", "ү": "y", "ɡ": "g", "ь": "b", "п": "n",
    "г": "r", "ц": "u", "ш": "w", "ґ": "r", "є": "e", "ѵ": "v", "ә": "e",
    # Greek
    "α": "a", "β": "b", "γ": "y", "δ": "d", "ε": "e", "ζ": "z", "η": "h", "ι": "i", "κ": "k",
    "ν": "n", "ο": "o", "ρ": "p", "σ": "o", "τ": "t", "υ": "y", "χ": "x", "μ": "m", "ω": "w",
    "ϲ": "c", "ϳ": "j", "ϵ": "e", "ς": "c",
    # Latin look-alikes that decomposition leaves alone
    "ı": "i", "ȷ": "j", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ŀ": "l", "ɩ": "i", "ɑ": "a",
    "ɛ": "e", "ɔ": "c", "ʋ": "u", "ß": "ss", "æ": "ae", "œ": "oe", "ð": "d", "þ": "p",
    "\u026a": "i", "\u1d00": "a", "\u0299": "b", "\u1d04": "c", "\u1d05": "d",
    "\u1d07": "e", "\u0262": "g", "\u029c": "h", "\u1d0a": "j", "\u1d0b": "k", "\u029f": "l",
    "\u1d0d": "m", "\u0274": "n", "\u1d0f": "o", "\u1d18": "p", "\u0280": "r", "\ua731": "s",
    "\u1d1b": "t", "\u1d1c": "u", "\u1d20": "v", "\u1d21": "w", "\u028f": "y", "\u1d22": "z",
}

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


@dataclass(frozen=True)
class Finding:
    """A restricted term found in one section of a briefing."""

    term: str
    section: str


@dataclass(frozen=True)
class Folded:
    """Text folded for matching, and for each folded character the index it came from."""

    text: str
    origins: tuple[int, ...] | None  # None: the same positions as the original

    def origin(self, index: int) -> int:
        return index if self.origins is None else self.origins[index]


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in INVISIBLE or char in EMPHASIS:
        return ""
    if char in PLAIN_PUNCTUATION:
        return PLAIN_PUNCTUATION[char]
    out = []
    for part in unicodedata.normalize("NFKD", char).casefold():
        if unicodedata.combining(part) or part in INVISIBLE:
            continue
        part = unicodedata.normalize("NFKD", part)  # casefold can give a composed letter
        for piece in part:
            if not unicodedata.combining(piece):
                out.append(PLAIN_PUNCTUATION.get(piece, LOOK_ALIKES.get(piece, piece)))
    return "".join(out)


_PLAIN_ASCII = re.compile(r"[^&*_~`]*\Z")
# A run of ASCII characters that fold to themselves in lower case (all but the entity's `&`,
# the emphasis and the backquote), an HTML entity, or any other one character.
_PIECE = re.compile(rf"[^\x80-\U0010ffff&*_~`]+|{_ENTITY.pattern}|.", re.DOTALL)


@lru_cache(maxsize=64)
def fold(text: str) -> Folded:
    """Fold text for matching (see the module's docstring); positions point into `text`."""
    if text.isascii() and _PLAIN_ASCII.match(text):
        return Folded(text.lower(), None)  # the common case, and the quick one
    return Folded(*_folding(text, True))


@lru_cache(maxsize=64)
def folded_text(text: str) -> str:
    """`fold(text).text`, without the positions, which a search for a term does not need (and
    which were four fifths of the time of folding a web page)."""
    if text.isascii() and _PLAIN_ASCII.match(text):
        return text.lower()
    return _folding(text, False)[0]


def _folding(text: str, positions: bool) -> tuple[str, tuple[int, ...] | None]:
    # Mostly ASCII with a few other characters (a web page with a dash in it): the runs of plain
    # ASCII are lowered whole, the rest folded a character at a time. Folding every character
    # of a 22 KB page one by one took 3 ms.
    chars: list[str] = []
    origins: list[int] = []
    for piece in _PIECE.finditer(text):
        found, at = piece.group(), piece.start()
        if len(found) > 1 and found[0] != "&":  # a run of plain ASCII
            chars.append(found.lower())
            if positions:
                origins += range(at, piece.end())
            continue
        for index, char in _decoded_piece(found, at):
            folded = _fold_char(char)
            chars.append(folded)
            if positions:
                origins += [index] * len(folded)
    return "".join(chars), tuple(origins) if positions else None


def _decoded_piece(piece: str, at: int) -> Iterable[tuple[int, str]]:
    """(index in the text, character) of a piece found at `at`: an entity html knows decoded
    to the entity's position, anything else as written."""
    if len(piece) > 1:
        import html  # only for text with entities (HTML output): most text has none

        decoded = html.unescape(piece)
        if decoded != piece:
            return ((at, char) for char in decoded)
    return ((at + i, char) for i, char in enumerate(piece))


# A refusal names a term by its place in the list, never by its text: the message goes to a
# terminal, a log or cron's mail, where the real name must not go either.
NUMBERED = "terms numbered as private/restricted-terms.txt lists them"


def term_number(term: str, terms: Sequence[str]) -> str:
    """How a message names a restricted term without repeating it: `term 2`."""
    return f"term {terms.index(term) + 1}"


def parse_terms(text: str) -> list[str]:
    """The terms listed in the text of the terms file: one a line, `#` starting a comment.

    A byte-order mark or invisible characters around a line are ignored, so the first term of
    a file saved by Notepad still counts; a line that folds to nothing is no term.
    """
    terms: list[str] = []
    seen: set[str] = set()
    for line in text.splitlines():
        term = " ".join("".join(c for c in line if c not in INVISIBLE).split())
        key = " ".join(fold(term).text.split())
        if term and not term.startswith("#") and key and key not in seen:
            seen.add(key)
            terms.append(term)
    return terms


@lru_cache(maxsize=1024)
def _pattern(term: str) -> re.Pattern[str] | None:
    # (?<!\w) and (?!\w) rather than \b, so a term that starts or ends with punctuation
    # ("St. Mary's", "O'Brien") still only matches whole words.
    words = fold(term).text.split()
    if not words:
        return None
    # Words may be parted by spaces, a line break, or the '-' and '.' of an ID or file name.
    joined = r"[\s.-]+".join(re.escape(word) for word in words)
    return re.compile(rf"(?<![^\W_]){joined}(?![^\W_])")


def _matches(text: str, term: str) -> list[int]:
    """Where `term` starts in `text` (indexes into text), after folding both."""
    pattern = _pattern(term)
    if pattern is None or not text:
        return []
    folded = fold(text)
    return [folded.origin(match.start()) for match in pattern.finditer(folded.text)]


def terms_in(text: str, terms: Iterable[str]) -> list[str]:
    """The terms that occur in `text` as whole words, however disguised (see `fold`)."""
    found = []
    for term in terms:
        pattern = _pattern(term)
        if pattern is not None and text:
            folded = folded_text(text)
            if _may_hold(folded, term) and pattern.search(folded):
                found.append(term)
    return found


# A quick look before the pattern, which cannot skip ahead (it starts with a look-behind) and
# took a third of a millisecond over a 22 KB web page, for each term: a dashboard checks 8,000
# pages against every term. In a match, each word of the term is in the text as it is, between
# characters that are not letters or digits (the look-arounds; the spaces, dots and hyphens
# between words). So a word of letters and digits only is one of the text's runs of letters and
# digits, and any other word is in the text somewhere.
_LETTERS_AND_DIGITS = re.compile(r"[^\W_]+")
# Every ASCII byte but a letter or a digit, as a space; the bytes of other characters kept.
_ASCII_SEPARATORS = bytes(b if b >= 0x80 or chr(b).isalnum() else 0x20 for b in range(256))


def _may_hold(folded: str, term: str) -> bool:
    runs = None
    for word, plain in _words_of(term):
        if plain:
            if runs is None:
                runs = _runs_of(folded)
            if word not in runs:
                return False
        elif word.decode() not in folded:
            return False
    return True


@lru_cache(maxsize=1024)
def _words_of(term: str) -> tuple[tuple[bytes, bool], ...]:
    """The term's folded words (UTF-8), each with whether it is letters and digits only."""
    return tuple((word.encode(), _LETTERS_AND_DIGITS.fullmatch(word) is not None) for word in fold(term).text.split())


@lru_cache(maxsize=16)
def _runs_of(folded: str) -> frozenset[bytes]:
    """The runs of letters and digits of folded text (UTF-8), and maybe other pieces of it.

    Split by bytes (C's table and split) where the text is ASCII: a regular expression over
    every character of a 22 KB page took three times as long. A piece holding other characters
    is split again by the expression, and kept too (a piece more is only a look more)."""
    pieces = set(folded.encode().translate(_ASCII_SEPARATORS).split())
    for piece in [piece for piece in pieces if not piece.isascii()]:
        pieces.update(run.encode() for run in _LETTERS_AND_DIGITS.findall(piece.decode()))
    return frozenset(pieces)


def find_terms(sections: Iterable[tuple[str, str]], terms: list[str]) -> list[Finding]:
    """Every (term, section) where a section's text holds a term; each pair once."""
    found: dict[tuple[str, str], Finding] = {}
    for section, text in sections:
        for term in terms_in(text, terms):
            found.setdefault((term.casefold(), section), Finding(term, section))
    return list(found.values())


def lines_holding(text: str, term: str) -> list[int]:
    """1-based numbers of the lines of `text` where `term` starts."""
    return [text.count("\n", 0, start) + 1 for start in _matches(text, term)]


def lines_holding_any(text: str, terms: Iterable[str]) -> list[int]:
    """1-based numbers of the lines of `text` where any of `terms` starts, each line once."""
    pattern = _any_pattern(tuple(terms))
    if pattern is None or not text:
        return []
    folded = fold(text)
    lines = {text.count("\n", 0, folded.origin(match.start())) + 1 for match in pattern.finditer(folded.text)}
    return sorted(lines)


@lru_cache(maxsize=16)
def _any_pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for many terms: a file is searched once, not once a term."""
    parts = [pattern.pattern for pattern in map(_pattern, terms) if pattern is not None]
    return re.compile("|".join(f"(?:{part})" for part in parts)) if parts else None
