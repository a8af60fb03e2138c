"""Reading the plain block YAML that cspr writes, fast; anything else is left to ruamel.yaml.

ruamel.yaml's safe loader is pure Python here and takes several milliseconds per review
file, which is most of a report's time on a workspace without a cache. The files cspr writes
use a small part of YAML: block mappings and sequences, plain scalars that are text, ISO
dates, true/false/null, quoted strings, `{}`/`[]` and short flow lists of words, and
comments. `load` reads exactly that part and gives the same values as ruamel's safe loader
(YAML 1.2); for anything outside it (anchors, tags, block scalars, multi-line scalars,
numbers, odd indentation, duplicate keys, any YAML error) it raises NotPlain, and the caller
reads the file with ruamel instead, which reports errors with their line and column. It never
guesses: when in doubt it raises NotPlain.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from itertools import chain
from typing import Any


class NotPlain(Exception):
    """The text uses YAML this reader leaves to ruamel.yaml (or is not valid YAML)."""


# Characters YAML does not allow in a stream, and those left to ruamel: tab, carriage return,
# the other line breaks (NEL, LS, PS) and the byte order mark. (Named as what is refused, a
# short class: the regex compiles at every start-up.)
_NOT_PLAIN_CHARACTER = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
# Text starting with a digit that no YAML 1.2 number or timestamp can be: it holds a character
# no number has (numbers are digits, '_', '.', '+', '-', ':', e, x, o, b and hex digits) and
# does not start like a date (a timestamp may go on with 'T', 'Z' or a space). "6m",
# "5 working days after aware", "7-minute briefing".
_DIGIT_TEXT = re.compile(r"(?!\d{4}-)\d.*?[^0-9_.+:eExXoObBa-fA-F-]")
_FLOW_WORD = re.compile(r"[A-Za-z][A-Za-z0-9 _.-]*\Z")
# YAML 1.2 core schema words that are not text (ruamel's resolver, version 1.2).
_WORDS: dict[str, Any] = {
    "true": True, "True": True, "TRUE": True,
    "false": False, "False": False, "FALSE": False,
    "null": None, "Null": None, "NULL": None, "~": None,
}


# Lines recur across files ("    by:", "  - due: 2026-04-01"), so each line's tokens are
# remembered: most lines of a workspace are read once however many files share them. A line is
# remembered only once it has been found plain, its characters included.
_LINE_TOKENS: dict[str, tuple] = {}
_REMEMBER_LINES = 100_000


def load(text: str) -> Any:
    """The value of a one-document YAML text, as ruamel's safe loader gives it, or NotPlain."""
    if len(_LINE_TOKENS) > _REMEMBER_LINES:
        _LINE_TOKENS.clear()
    raw_lines = text.split("\n")
    # The remembered lines are looked up, and their tokens joined, by C code (map, chain): a
    # loop here over each line of each file was a quarter of reading the first run's reviews.
    tokens_by_line = list(map(_LINE_TOKENS.get, raw_lines))
    if None in tokens_by_line:
        for at, tokens in enumerate(tokens_by_line):
            if tokens is None:
                tokens_by_line[at] = _line_tokens(raw_lines[at])
    lines: list[tuple] = list(chain.from_iterable(tokens_by_line))  # (indent, is_item, key, has_value, value)
    if not lines:
        return None
    value, end = (_sequence if lines[0][1] else _mapping)(lines, 0, lines[0][0])
    if end != len(lines):
        raise NotPlain()
    return value


def _line_tokens(raw: str) -> tuple:
    """The tokens of one line (none for a blank line or a comment), remembered; or NotPlain.

    A character left to ruamel is refused here, when the line is first met, rather than by
    searching every text for them. So are a directive (`%YAML`) and a document marker (`---`,
    `...`): no plain key or value starts with `%`, `-` (but an item's `- `) or `.`.
    """
    if _has_not_plain_character(raw):
        raise NotPlain()
    content = raw.lstrip(" ")
    tokens: tuple = ()
    if content and content[0] != "#":
        tokens = tuple(_tokenise(len(raw) - len(content), content.rstrip(" ")))
    _LINE_TOKENS[raw] = tokens
    return tokens


def _has_not_plain_character(line: str) -> bool:
    """A control character, or one YAML does not allow as it is, in a line (without its break).

    ASCII text (almost every line) is asked of C's `isprintable`, which knows a string is ASCII
    without looking: the regular expression took about 30 µs for a 4 KB file, a quarter of a
    second over 10,000 files on the first run after a clone.
    """
    if line.isascii():
        return not line.isprintable()
    return _NOT_PLAIN_CHARACTER.search(line) is not None


def _tokenise(indent: int, content: str) -> list[tuple]:
    if content == "-" or content.startswith("- "):
        rest = content[2:].lstrip(" ")  # content[1] is the space after the dash (or nothing)
        if not rest or rest[0] == "#":
            return [(indent, True, None, False, None)]
        if rest[0] in "-?":  # a nested sequence or a complex key on the same line
            raise NotPlain()
        if _key_end(rest) == -1:
            return [(indent, True, None, *_valued(_scalar(rest)))]
        # "- key: value": an item holding a mapping whose keys line up with this key
        return [(indent, True, None, False, None), *_tokenise(indent + len(content) - len(rest), rest)]
    key_at = _key_end(content)
    if key_at == -1:
        raise NotPlain()
    key_text = content[:key_at].rstrip(" ")
    if " #" in key_text:
        raise NotPlain()
    key = _scalar(key_text)
    if not isinstance(key, str):  # numbers, dates, null as keys: ruamel's business
        raise NotPlain()
    text = content[key_at + 2:].strip(" ")  # content[key_at + 1] is the space after the colon (or nothing)
    if not text or text[0] == "#":
        return [(indent, False, key, False, None)]
    return [(indent, False, key, *_valued(_scalar(text)))]


# A token's `has_value`: False (the value follows on the next lines, or is null), True (the
# value, as it is), or _COPIED: a list or map (`[local]`, `{}`), copied into each document so
# that no two share one. Told apart here, once per remembered line, not for every line read.
_COPIED = 2


def _valued(value: Any) -> tuple:
    """A line's `has_value` and value (the end of its tokens)."""
    return (_COPIED if type(value) is list or type(value) is dict else True, value)


def _key_end(content: str) -> int:
    """Where the ':' ending a plain key is, or -1 when the content is not `key: value`."""
    if content[0] in "\"'{[&*!|>%@`?:,]}#":
        return -1
    at = content.find(": ")
    if at < 0:
        return len(content) - 1 if content.endswith(":") else -1
    return at


def _mapping(lines: list, i: int, indent: int) -> tuple[dict, int]:
    # A value on the following lines, and the copy of a remembered list or map, are worked out
    # in the loops of _mapping and _sequence themselves: a call for each, for every line of every
    # review, was a fifth of the first run's reading.
    found: dict[str, Any] = {}
    count = len(lines)
    while i < count:
        line_indent, is_item, key, has_value, value = lines[i]
        if line_indent != indent or is_item:
            break
        if key in found:
            raise NotPlain()  # ruamel refuses duplicate keys, with their line
        i += 1
        if has_value:
            found[key] = value if has_value is True else value.copy()  # (_COPIED)
            continue  # a line more indented next (a continued scalar, or an error) ends the loop:
            # no block takes it, so `load` refuses it (the lines are not all read)
        if i < count:  # the value is written on the following lines (or is nothing: null)
            next_indent, next_is_item = lines[i][0], lines[i][1]
            if next_indent > indent:
                found[key], i = (_sequence if next_is_item else _mapping)(lines, i, next_indent)
                continue
            if next_indent == indent and next_is_item:  # a sequence not indented
                found[key], i = _sequence(lines, i, indent)
                continue
        found[key] = None
    return found, i


def _sequence(lines: list, i: int, indent: int) -> tuple[list, int]:
    found: list[Any] = []
    count = len(lines)
    while i < count:
        line_indent, is_item, _, has_value, value = lines[i]
        if line_indent != indent or not is_item:
            break
        i += 1
        if has_value:
            found.append(value if has_value is True else value.copy())
            continue  # as in _mapping
        if i < count and lines[i][0] > indent:
            value, i = (_sequence if lines[i][1] else _mapping)(lines, i, lines[i][0])
            found.append(value)
            continue
        found.append(None)
    return found, i


def _scalar(text: str) -> Any:
    """One scalar written on one line, its comment (if any) included."""
    first = text[0]
    if first == '"':
        return _double_quoted(text)
    if first == "'":
        return _single_quoted(text)
    text = text.partition(" #")[0].rstrip(" ")  # a comment, in a plain or a flow value
    if first == "[" or first == "{":
        return _flow(text)
    if text in _WORDS:
        return _WORDS[text]
    if ": " in text or text.endswith(":"):
        raise NotPlain()  # "mapping values are not allowed here": ruamel says where
    if first.isalpha():
        return text
    if _DATE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise NotPlain() from None  # 2026-13-45: ruamel reports it
    if _DIGIT_TEXT.match(text):
        return text
    raise NotPlain()  # numbers, and text starting with a digit or a symbol


def _after_closing_quote(text: str, end: int) -> None:
    rest = text[end + 1:].lstrip(" ")
    if rest and rest[0] != "#":
        raise NotPlain()


def _double_quoted(text: str) -> str:
    i = 1
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == '"':
            break
        i += 1
    else:
        raise NotPlain()  # runs on to the next line
    _after_closing_quote(text, i)
    body = text[1:i]
    if "\\" not in body:
        return body
    if "\\u" in body:
        raise NotPlain()  # surrogates and the like: ruamel's rules differ from JSON's (\U, \x: JSON refuses them)
    try:
        return json.loads(text[: i + 1])  # the escapes JSON shares with YAML mean the same
    except ValueError:
        raise NotPlain() from None


def _single_quoted(text: str) -> str:
    i = 1
    while i < len(text):
        if text[i] == "'":
            if text[i + 1:i + 2] == "'":
                i += 2
                continue
            break
        i += 1
    else:
        raise NotPlain()
    _after_closing_quote(text, i)
    return text[1:i].replace("''", "'")


def _flow(text: str) -> Any:
    """`{}`, `[]`, or a flow list of plain words such as `[local, national]` (its comment cut)."""
    if text == "{}":
        return {}
    if not (text.startswith("[") and text.endswith("]")):
        raise NotPlain()
    inner = text[1:-1].strip(" ")
    if not inner:
        return []
    words = [word.strip(" ") for word in inner.split(",")]
    if not all(_FLOW_WORD.match(word) and word not in _WORDS for word in words):
        raise NotPlain()
    return words
