"""Merging two officers' versions of a YAML file field by field, when git's lines clash.

Git merges by lines: two changes to neighbouring lines clash even when they are to different
fields (Officer One plans tor-agreed while Officer Two plans draft-circulated: both add a line
to `plans`). Here the three versions (the common ancestor, the remote's and the officer's
own) are compared as data instead. Changes to different fields are combined; the fields that
both sides set to different values are the real conflicts and are named, never settled
unless a side to prefer is given.

It is used only when it provably loses nothing: the officer's own version must be exactly
what its data changes give when applied to the ancestor (so no comment or layout edit of
theirs is dropped), and the remote's version must be written back unchanged where the
officer's changes do not reach.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any

from cspr.errors import DataError

Path = tuple[str, ...]
_MISSING = object()


@dataclass(frozen=True)
class Merged:
    text: str | None  # the merged file, or None when there is a conflict left (or no safe merge)
    clashes: tuple[Path, ...] = ()  # fields both sides changed differently
    usable: bool = True  # False when field-by-field merging could lose something: use git's result


def changes(base: Any, side: Any, path: Path = ()) -> dict[Path, Any]:
    """The fields `side` changed from `base`, at the deepest mapping level (lists are whole values)."""
    if isinstance(base, Mapping) and isinstance(side, Mapping):
        found: dict[Path, Any] = {}
        for key in list(base) + [k for k in side if k not in base]:
            before, after = base.get(key, _MISSING), side.get(key, _MISSING)
            if before != after:
                found.update(changes(before, after, (*path, str(key))))
        return found
    return {} if base == side else {path: side}


def _overlaps(a: Path, b: Path) -> bool:
    return a[: len(b)] == b or b[: len(a)] == a


def clashes(remote_changes: dict[Path, Any], mine_changes: dict[Path, Any]) -> list[Path]:
    found: list[Path] = []
    for mine_path, mine_value in mine_changes.items():
        for remote_path, remote_value in remote_changes.items():
            if _overlaps(mine_path, remote_path) and not (mine_path == remote_path and mine_value == remote_value):
                for clash in (mine_path, remote_path):
                    if clash not in found:
                        found.append(clash)
    return found


def _value_at(document: Any, path: Path) -> Any:
    node = document
    for key in path:
        if not isinstance(node, Mapping) or key not in node:
            return _MISSING
        node = node[key]
    return node


def _apply(document: MutableMapping, path: Path, value: Any) -> None:
    node = document
    for key in path[:-1]:
        if not isinstance(node.get(key), MutableMapping):
            node[key] = {}
        node = node[key]
    if value is _MISSING:
        node.pop(path[-1], None)
    else:
        node[path[-1]] = value


def merge_texts(base: str, remote: str, mine: str, *, name: str, prefer: str | None = None) -> Merged:
    """Merge the officer's change (`base` → `mine`) into `remote`, field by field.

    `prefer` ("remote" or "mine") settles clashing fields for that side; without it any clash
    leaves `text` None and names the fields.
    """
    from cspr.storage import yamlio

    try:
        data = [yamlio.parse_text(text, name, round_trip=False) for text in (base, remote, mine)]
        base_doc, remote_doc, mine_doc = (yamlio.parse_text(text, name) for text in (base, remote, mine))
    except DataError:
        return Merged(None, usable=False)
    if not all(isinstance(d, Mapping) for d in data):
        return Merged(None, usable=False)
    remote_changes, mine_changes = changes(data[0], data[1]), changes(data[0], data[2])
    clashing = clashes(remote_changes, mine_changes)

    # Only when the officer's edit is nothing but its field changes, and writing the remote's
    # version back changes nothing, can the merge be done without losing a comment.
    for path in mine_changes:
        _apply(base_doc, path, _value_at(mine_doc, path))
    if yamlio.dump_document(base_doc) != mine or yamlio.dump_document(remote_doc) != remote:
        return Merged(None, tuple(clashing), usable=False)
    if clashing and prefer is None:
        return Merged(None, tuple(clashing))

    for path in mine_changes:
        if any(_overlaps(path, c) for c in clashing) and prefer != "mine":
            continue
        _apply(remote_doc, path, _value_at(mine_doc, path))
    return Merged(yamlio.dump_document(remote_doc), tuple(clashing))
