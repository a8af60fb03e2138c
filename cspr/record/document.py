"""Changing a round-trip YAML document in place without moving an officer's comments. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# ruamel keeps the comment that follows a block (such as the "# Parallel proceedings" note after
# `plans:`) on the deepest last entry of that block. Adding an entry after it would leave the
# comment above the new entry, inside the wrong section. `put` and `append` move that trailing
# comment down to the new last entry, so sections and their notes stay where an officer put them.


def _commented(value: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, Mapping) and not isinstance(value, CommentedMap):
        return CommentedMap((key, _commented(item)) for key, item in value.items())
    if isinstance(value, list) and not isinstance(value, CommentedSeq):
        return CommentedSeq(_commented(item) for item in value)
    return value


def _deepest_last(node: Any) -> tuple[Any, Any] | None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    holder = None
    while True:
        if isinstance(node, CommentedMap) and len(node):
            key = next(reversed(node))
            holder, node = (node, key), node[key]
        elif isinstance(node, CommentedSeq) and len(node):
            holder, node = (node, len(node) - 1), node[-1]
        else:
            return holder


def _slot(container: Any) -> int:
    from ruamel.yaml.comments import CommentedMap

    return 2 if isinstance(container, CommentedMap) else 0  # after the value / after the item


def _take_trailing(node: Any) -> Any:
    holder = _deepest_last(node)
    if holder is None:
        return None
    container, key = holder
    entry = container.ca.items.get(key)
    slot = _slot(container)
    if entry and len(entry) > slot and entry[slot] is not None:
        token, entry[slot] = entry[slot], None
        return token
    return None


def _give_trailing(node: Any, token: Any) -> None:
    holder = _deepest_last(node)
    if token is None or holder is None:
        return
    container, key = holder
    entry = container.ca.items.setdefault(key, [None, None, None, None])
    entry[_slot(container)] = token


def put(mapping: Any, key: Any, value: Any) -> None:
    """Set `mapping[key]`, keeping a comment that follows the block below the block."""
    if not hasattr(mapping, "ca") or key in mapping:
        mapping[key] = _commented(value) if hasattr(mapping, "ca") else value
        return
    token = _take_trailing(mapping)
    mapping[key] = _commented(value)
    _give_trailing(mapping, token)


def append(sequence: Any, item: Any) -> None:
    """Append to a list, keeping a comment that follows the list below the list."""
    if not hasattr(sequence, "ca"):
        sequence.append(item)
        return
    token = _take_trailing(sequence)
    sequence.append(_commented(item))
    _give_trailing(sequence, token)
