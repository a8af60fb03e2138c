"""Reading git's conflict markers to name the fields two officers both changed. Pure.

When `cspr sync` stops on a conflict, the file in the working tree holds both versions
between `<<<<<<<`, `=======` and `>>>>>>>` lines. For a review's YAML, each conflicting line
is mapped back to its key path (by indentation, which is how the review file is laid out),
so the message can say "stages.notification.done" rather than "line 31".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_KEY = re.compile(r"""^(?P<indent>\s*)(?P<dash>-\s+)?(?P<key>"(?:[^"\\]|\\.)*"|'[^']*'|[^\s#'"\-][^:#]*?|-[^\s:#][^:#]*?):(?:\s|$)""")
_ITEM = re.compile(r"^(?P<indent>\s*)-(?:\s|$)")


@dataclass(frozen=True)
class Region:
    """One conflict: the line ranges it covers in each side's version of the file."""

    ours: tuple[int, int]  # [start, end) in `ours_lines` (the side already on the remote)
    theirs: tuple[int, int]  # [start, end) in `theirs_lines` (the change being replayed)


@dataclass(frozen=True)
class Sides:
    ours_lines: list[str]
    theirs_lines: list[str]
    regions: list[Region]


def split_sides(text: str) -> Sides:
    """The two versions of a file with conflict markers, and where the conflicts lie in each."""
    ours: list[str] = []
    theirs: list[str] = []
    regions: list[Region] = []
    mode = None  # None outside a conflict; "ours", "base" or "theirs" inside one
    start_ours = start_theirs = 0
    for line in text.splitlines():
        if line.startswith("<<<<<<<") and mode is None:
            mode, start_ours, start_theirs = "ours", len(ours), len(theirs)
        elif line.startswith("|||||||") and mode == "ours":
            mode = "base"  # diff3 style: the common ancestor, which neither side now has
        elif line.startswith("=======") and mode in ("ours", "base"):
            mode = "theirs"
        elif line.startswith(">>>>>>>") and mode == "theirs":
            regions.append(Region((start_ours, len(ours)), (start_theirs, len(theirs))))
            mode = None
        elif mode is None:
            ours.append(line)
            theirs.append(line)
        elif mode == "ours":
            ours.append(line)
        elif mode == "theirs":
            theirs.append(line)
    return Sides(ours, theirs, regions)


def _unquote(key: str) -> str:
    if len(key) >= 2 and key[0] == key[-1] and key[0] in "\"'":
        return key[1:-1]
    return key.strip()


def _shape(line: str) -> tuple[int, int | None, str | None]:
    """(indent, column of a list item's dash or None, the key on the line or None)."""
    indent = len(line) - len(line.lstrip())
    match = _KEY.match(line)
    if match:
        dash = indent if match.group("dash") else None
        return indent, dash, _unquote(match.group("key"))
    return indent, indent if _ITEM.match(line) else None, None


def key_path(lines: list[str], index: int) -> tuple[str, ...]:
    """The YAML key path of line `index`, found by climbing to the less-indented keys above it.

    List items add no step: a line inside `occurrences` reads `stages.assurance.occurrences.done`.
    """
    indent, dash, key = _shape(lines[index])
    path = [key] if key else []
    column = dash if dash is not None else indent  # a parent starts left of this column
    for number in range(index - 1, -1, -1):
        if column == 0:
            break
        line = lines[number]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent, dash, key = _shape(line)
        if dash is not None:
            if dash < column:
                column = dash  # the list item holding this line; its parent key is further up
        elif indent < column:
            if key:
                path.append(key)
            column = indent
    return tuple(reversed(path))


def conflicting_fields(text: str) -> list[str]:
    """The key paths (joined with '.') of every conflicting line of a YAML file, in order."""
    sides = split_sides(text)
    fields: list[str] = []
    for region in sides.regions:
        for lines, (start, end) in ((sides.ours_lines, region.ours), (sides.theirs_lines, region.theirs)):
            for index in range(start, end):
                path = key_path(lines, index)
                name = ".".join(path) if path else f"line {index + 1}"
                if name not in fields:
                    fields.append(name)
    return fields


def conflicting_lines(text: str) -> list[str]:
    """For a file that is not YAML: 'line N' for the start of each conflict (in the remote's version)."""
    return [f"line {region.ours[0] + 1}" for region in split_sides(text).regions]
