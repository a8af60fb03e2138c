"""The learning file `reviews/<ID>/briefing.yaml`: its skeleton, and reading what an officer wrote.

The officer writes the learning; everything else in a 7-minute briefing (pseudonym, dates,
address, partnership) comes from the review's record, so it is never retyped. Parsing is pure:
problems are raised as InvalidField with the key path, which the caller turns into FILE:LINE:COL.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cspr.errors import InvalidField

BRIEFING_FILE = "briefing.yaml"
PLACEHOLDER = "TO WRITE"  # every skeleton value starts with it, so a forgotten one is found
MIN_POINTS, MAX_POINTS = 3, 5

# key -> what it is, as named in messages
FIELDS = {
    "background": "1. Background",
    "why_it_matters": "2. Why it matters",
    "learning": "3-5. Key points of learning",
    "remember": "6. Things to note and remember",
    "what_to_do": "7. What to do",
    "further_reading": "Further reading",
}


@dataclass(frozen=True)
class Learning:
    """What the officer wrote: paragraphs for the first two parts, points for the rest."""

    background: tuple[str, ...]
    why_it_matters: tuple[str, ...]
    learning: tuple[str, ...]
    remember: tuple[str, ...]
    what_to_do: tuple[str, ...]
    further_reading: tuple[str, ...] = ()


def skeleton_text(child: str, review_id: str) -> str:
    """The file `cspr new` starts a review with: guidance comments and placeholders."""
    return f"""\
# 7-minute briefing for {child} ({review_id}): the learning, in the words to be read aloud.
#
# `cspr brief {review_id}` renders it, after publication, with the review's own facts: the
# partnership, the pseudonym, the publication date and address. Write only the learning here.
#
# PSEUDONYMS ONLY. Never a real name, address, school or anything that identifies the family;
# change ages and circumstances where needed. `cspr brief` refuses any term listed in
# private/restricted-terms.txt, and refuses while any part below still says "{PLACEHOLDER}".
#
# Write plain text after `|`, indented under it; a blank line starts a new paragraph. About
# 450 words in all fit on one A4 page: aim for 40-80 words a part.

# 1. Background: the case in brief, anonymised (pseudonym, ages and circumstances changed).
background: |
  {PLACEHOLDER}: two or three sentences on {child}, the family and what happened.

# 2. Why it matters: why practitioners in every agency should listen.
why_it_matters: |
  {PLACEHOLDER}: why this learning matters beyond this one family.

# 3-5. Key points of learning: three to five, one short paragraph each (add or remove items,
# each starting with `- |`).
learning:
  - |
    {PLACEHOLDER}: the first key point of learning.
  - |
    {PLACEHOLDER}: the second key point of learning.
  - |
    {PLACEHOLDER}: the third key point of learning.

# 6. Things to note and remember, or questions for reflection in supervision.
remember:
  - |
    {PLACEHOLDER}: a question for teams to reflect on.

# 7. What to do: what practitioners and managers should change.
what_to_do:
  - |
    {PLACEHOLDER}: what practitioners should do differently.

# Further reading: the published report, guidance, training (optional; `further_reading: []`
# for none).
further_reading:
  - |
    {PLACEHOLDER}: the published report, guidance or training.
"""


def is_placeholder(text: str) -> bool:
    return text.lstrip().upper().startswith(PLACEHOLDER)


def parse_learning(data: Any) -> Learning:
    """Build the Learning from parsed YAML, checking every field and every placeholder."""
    if not isinstance(data, Mapping):
        raise InvalidField((), f"a briefing file is a mapping of: {', '.join(FIELDS)}")
    for key in data:
        if key not in FIELDS:
            raise InvalidField((key,), f"unknown key {key!r}; expected one of: {', '.join(FIELDS)}", at_key=True)
    # Checked in the file's order, so the first problem reported is the first in the file.
    background = paragraphs(_text(data, "background"))
    why_it_matters = paragraphs(_text(data, "why_it_matters"))
    learning = _points(data, "learning", required=True)
    if not MIN_POINTS <= len(learning) <= MAX_POINTS:
        raise InvalidField(("learning",), f"{FIELDS['learning']}: {len(learning)} point"
                           f"{'s' if len(learning) != 1 else ''} written; a briefing has three to five",
                           at_key=True)
    return Learning(
        background=background,
        why_it_matters=why_it_matters,
        learning=learning,
        remember=_points(data, "remember", required=True),
        what_to_do=_points(data, "what_to_do", required=True),
        further_reading=_points(data, "further_reading", required=False),
    )


def paragraphs(text: str) -> tuple[str, ...]:
    """Blank lines part paragraphs; the line breaks inside one are only where the officer typed."""
    found: list[str] = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        joined = " ".join(block.split())
        if joined:
            found.append(joined)
    return tuple(found)


def _text(data: Mapping, key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        shown = "nothing" if value is None else repr(value)
        raise InvalidField((key,), f"{FIELDS[key]}: expected text written after `|`, found {shown}")
    _not_placeholder(value, (key,), FIELDS[key], "write it (pseudonyms only)")
    return str(value)


def _points(data: Mapping, key: str, *, required: bool) -> tuple[str, ...]:
    value = data.get(key)
    if value is None and not required:
        return ()
    if isinstance(value, str):  # one point written as plain text is one point
        value = [value]
    if not isinstance(value, list) or (required and not value):
        raise InvalidField((key,), f"{FIELDS[key]}: expected a list of points, each starting with `- |`")
    points = []
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            shown = "nothing" if item is None else repr(item)
            raise InvalidField((key, index), f"{FIELDS[key]}, point {index + 1}: expected text, found {shown}")
        _not_placeholder(item, (key, index), f"{FIELDS[key]}, point {index + 1}",
                         "write it (pseudonyms only) or delete the point")
        points.append(" ".join(paragraphs(str(item))))
    return tuple(points)


def _not_placeholder(text: str, path: tuple, what: str, advice: str) -> None:
    if is_placeholder(text):
        raise InvalidField(path, f"{what} still says {PLACEHOLDER!r}: {advice}")
