"""Changing a large review file by round-tripping only the blocks a command touches.

ruamel.yaml's round trip keeps an officer's comments but is pure Python: about 3 s a MB to
read and write a whole file. A review of tens of MB (thousands of recommendations with long
histories) would hold the workspace lock for minutes to add one line. For a file the fast
reader (`plain_yaml`) takes, the text is cut into blocks by indentation instead: the document
is a `PartialMap` whose entries are read through ruamel only when a recording function first
touches them, and a big block mapping (`recommendations:`) is itself cut into its entries.
On writing, an entry never touched is its original text, byte for byte; a touched one is
dumped by ruamel in its place (with its ancestors' keys above it, then cut away), so it comes
out exactly as the whole-file round trip would write it.

Comments between two entries go with the entry ruamel gives them to: after a value they end
the entry before (ruamel keeps them on its deepest last value), after an empty value (`key:`,
`{}`, `[]`) they open the entry after (ruamel keeps them before its key). Where the text is
not plain enough to say, `load` returns None and the caller reads the file whole. Where the
whole round trip would rewrite text nobody changed (trailing spaces, a blank line opening the
file), an untouched entry keeps it as the officer wrote it; a touched one is rewritten alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq, LineCol
from ruamel.yaml.compat import ordereddict

# A block at least this large, holding a block mapping, is cut into its entries in turn
# (a recommendation with its actions is a few KB: read whole, it costs milliseconds).
SPLIT_FROM = 64_000  # characters


@dataclass(frozen=True)
class _Unread:
    """An entry not read yet: its text (comments before its key included) and where it is."""

    start: int  # the entry's text in the source
    end: int
    key_start: int  # where its key's line starts
    key_line: int  # and which line that is, from 0


class PartialMap(CommentedMap):
    """A block mapping of a large review whose entries ruamel reads on first access."""

    def _partial(self, source: str, headers: tuple[str, ...], lead: tuple[int, int],
                 entries: list[tuple[str, _Unread]], indent: int, yaml: _Yaml) -> None:
        self._yaml = yaml
        self._source = source
        self._headers = headers  # the keys' lines above this mapping, to read an entry in place
        self._lead = lead  # text before the first entry: the file's header, or this block's key line
        self._end = (0, 0)  # comments ending the file that ruamel keeps after everything
        self._indent = indent
        self._read: dict[Any, tuple[Any, Any]] = {}  # key -> (the document read, the mapping in it)
        self._positions: dict[Any, _Unread] = {}
        for key, unread in entries:
            ordereddict.__setitem__(self, key, unread)
            self._ok.add(key)
            self._positions[key] = unread

    def __getitem__(self, key: Any) -> Any:
        value = ordereddict.__getitem__(self, key)
        if type(value) is _Unread:
            value = self._load(key, value)
        return value

    def __setitem__(self, key: Any, value: Any) -> None:
        if ordereddict.__contains__(self, key):
            self[key]  # read first: its comments stay with it
        CommentedMap.__setitem__(self, key, value)

    def __deepcopy__(self, memo: Any) -> Any:
        raise TypeError("a partly read review cannot be copied")

    @property
    def lc(self) -> LineCol:
        """Where each entry's key is in the file (for errors), without reading the entries."""
        found = getattr(self, LineCol.attrib, None)
        if found is None:
            found = LineCol()
            for key, unread in self._positions.items():
                found.add_kv_line_col(key, [unread.key_line, self._indent, unread.key_line, self._indent])
            first = next(iter(self._positions.values()), None)
            found.line, found.col = (first.key_line, self._indent) if first else (0, 0)
            setattr(self, LineCol.attrib, found)
        return found

    def _load(self, key: Any, unread: _Unread) -> Any:
        source = self._source
        value: Any = _split_block(source, unread, self._headers, self._yaml)
        if value is None:
            document, parent = _in_place(
                self._yaml.read("".join(self._headers) + source[unread.key_start:unread.end]), self._headers)
            value = parent[key]
            _shift_lines(value, unread.key_line - len(self._headers))
            if key in parent.ca.items:
                self.ca.items[key] = parent.ca.items[key]
            self._read[key] = (document, parent)
        ordereddict.__setitem__(self, key, value)
        return value

    def _texts(self) -> Iterator[str]:
        source = self._source
        yield source[self._lead[0]:self._lead[1]]
        for key in ordereddict.__iter__(self):
            value = ordereddict.__getitem__(self, key)
            if type(value) is _Unread:
                yield source[value.start:value.end]
            elif isinstance(value, PartialMap) and value._headers[:-1] == self._headers:
                yield from value._texts()
            else:
                unread = self._positions.get(key)
                if unread is not None:  # the comments above its key: ruamel never moves them
                    yield source[unread.start:unread.key_start]
                yield self._dumped(key, value)
        yield source[self._end[0]:self._end[1]]

    def _dumped(self, key: Any, value: Any) -> str:
        if key not in self._read and key in self._positions:  # a big block given a new value
            unread = self._positions[key]
            self._read[key] = _in_place(self._yaml.read(
                "".join(self._headers) + self._source[unread.key_start:unread.end]), self._headers)
        if key in self._read:
            document, parent = self._read[key]
        else:  # a new entry: under its ancestors' keys, as the whole file would hold it
            document = parent = CommentedMap()
            for header in self._headers:
                parent[_header_key(header)] = CommentedMap()
                parent = parent[_header_key(header)]
        ordereddict.__setitem__(parent, key, value)
        if key in self.ca.items:
            parent.ca.items[key] = self.ca.items[key]
        text = self._yaml.write(document)
        at = 0
        for _ in self._headers:
            at = text.index("\n", at) + 1
        return text[at:]


@dataclass(frozen=True)
class _Yaml:
    """ruamel's round trip, as cspr.storage.yamlio sets it up: text to document and back."""

    read: Callable[[str], Any]
    write: Callable[[Any], str]


def load(text: str, read: Callable[[str], Any], write: Callable[[Any], str]) -> PartialMap | None:
    """The document of a plain block YAML text (one the fast reader takes), read part by part
    with `read` and written back with `write`; None when the text cannot be cut."""
    end = _run_start(text, 0, len(text))
    if end < len(text):  # comments (or blank lines) end the file
        ends_entry = _ends_entry(_line_before(text, end))
        if ends_entry is None:
            return None
        if ends_entry:
            end = len(text)
    entries = _entries(text, 0, end, 0, 0)
    if not entries:
        return None
    document = PartialMap()
    document._partial(text, (), (0, entries[0][1].start), entries, 0, _Yaml(read, write))
    document._end = (end, len(text))
    return document


def dump(document: PartialMap) -> str:
    return "".join(document._texts())


# -- cutting text into entries -------------------------------------------------------------------

_KEY_LINES: dict[int, re.Pattern] = {}


def _key_lines(indent: int) -> re.Pattern:
    """Lines starting a mapping entry at `indent`: not deeper, not a comment, not a list item;
    the line after its indentation is the group."""
    if indent not in _KEY_LINES:
        _KEY_LINES[indent] = re.compile(rf"^ {{{indent}}}(?![ #\n]|- |-$)(.+)", re.M)
    return _KEY_LINES[indent]


def _entries(text: str, start: int, end: int, indent: int, line: int) -> list[tuple[str, _Unread]] | None:
    """The entries of the block mapping at `indent` in text[start:end] (`line` is the line of
    `start`, where the first entry's key line may begin), or None when the block cannot be cut:
    no entries, a key that is not plain text, or comments whose owner is unclear."""
    from cspr.storage.plain_yaml import NotPlain, _key_end, _scalar

    keys: list[str] = []
    key_starts: list[int] = []
    cuts: list[int] = []  # where each entry's text begins: its key, or the comments above it
    for match in _key_lines(indent).finditer(text, start, end):
        at = match.start()
        cut = _owner_cut(text, start, at) if key_starts else at
        if cut is None:
            return None
        content = match.group(1)  # (spaces after it change nothing _key_end finds)
        key_at = _key_end(content)
        if key_at == -1:
            return None
        try:
            key = _scalar(content[:key_at].rstrip(" "))
        except NotPlain:
            return None
        if not isinstance(key, str):
            return None
        keys.append(key)
        key_starts.append(at)
        cuts.append(cut)
    if not keys:  # (a key twice: the fast reader, which took the text, refuses it)
        return None
    entries = []
    lines = line + text.count("\n", start, cuts[0])
    for index, key in enumerate(keys):
        cut, key_start = cuts[index], key_starts[index]
        stop = cuts[index + 1] if index + 1 < len(cuts) else end
        key_line = lines + text.count("\n", cut, key_start)
        entries.append((key, _Unread(cut, stop, key_start, key_line)))
        lines = key_line + text.count("\n", key_start, stop)
    return entries


def _owner_cut(text: str, start: int, key_start: int) -> int | None:
    """Where the entry whose key line is at `key_start` begins: before the comments and blank
    lines above it when ruamel gives them to it (they follow an empty value), else at its key."""
    at = _run_start(text, start, key_start)
    if at == key_start:
        return key_start
    ends_entry = _ends_entry(_line_before(text, at))
    if ends_entry is None:
        return None
    return key_start if ends_entry else at


def _run_start(text: str, start: int, stop: int) -> int:
    """Where the comment and blank lines just before `stop` (a line's start) begin."""
    at = stop
    while at > start:
        previous = text.rfind("\n", 0, at - 1) + 1  # (at or after start, a line's start)
        line = text[previous:at].strip(" \n")  # (a line holds no line break but its last)
        if line and not line.startswith("#"):
            break
        at = previous
    return at


def _line_before(text: str, at: int) -> str:
    """The line ending at `at` (a line's start), stripped. (Where a block's text starts needs no
    bound: the line is at least the block's first, and a block starts at a line's start.)"""
    end = at - 1
    return text[text.rfind("\n", 0, end) + 1:end].strip(" ")


def _ends_entry(line: str) -> bool | None:
    """Whose are the comments after this line: True when they end the entry it is in (ruamel
    keeps them on its deepest last value), False when they open the next key's (after an empty
    value), None when ruamel's choice is not plain."""
    from cspr.storage.plain_yaml import _key_end

    if line == "-" or line.startswith("- "):
        line = line.removeprefix("-").lstrip(" ")
        if not line or line.startswith("#"):
            return None  # an empty item: ruamel's layout of these varies
    at = _key_end(line)
    if at == -1:
        return True  # an item's value (or, not in plain text, a value on its own line)
    value = line[at + 1:].strip(" ")
    if not value or value in ("{}", "[]"):
        return False
    # A value, or an end-of-line comment (ruamel joins the lines below to it): the entry's;
    # a flow list or map: not plain.
    return None if value[0] in "[{" else True


def _in_place(document: Any, headers: tuple[str, ...]) -> tuple[Any, Any]:
    """A part read on its own under its ancestors' keys, and the mapping holding it."""
    parent = document
    for header in headers:
        parent = parent[_header_key(header)]
    return document, parent


def _header_key(header: str) -> str:
    from cspr.storage.plain_yaml import _key_end, _scalar

    content = header.strip(" \n")
    return _scalar(content[:_key_end(content)].rstrip(" "))


def _split_block(source: str, unread: _Unread, headers: tuple[str, ...], yaml: _Yaml) -> PartialMap | None:
    """A big block mapping as a PartialMap of its entries, or None to read it whole."""
    if unread.end - unread.start < SPLIT_FROM:
        return None
    # The entry ends at a line's start or at the end of the text, so its key's line break, if
    # any, is inside it; a key's line never starts with one.
    body = source.find("\n", unread.key_start) + 1  # where the lines below the key's begin
    if body == 0:  # the key's line ends the text: nothing below it
        return None
    header = source[unread.key_start:body]
    content = header.strip(" \n")
    from cspr.storage.plain_yaml import _key_end

    if _key_end(content) != len(content) - 1:  # a value (or a comment) on the key's line
        return None
    # The first line below the key that is not blank or a comment. In a plain text (the fast
    # reader took it) that line, if the entry has one, is more indented than the key or is an
    # item of a list; past the entry's end, it is the next key at most as indented (or there
    # is none). A list, or no line, has no entries at `child_indent`: read whole.
    first = re.compile(r"^( *)[^ \n#]", re.M).search(source, body)
    if first is None:
        return None
    child_indent = len(first.group(1))
    entries = _entries(source, body, unread.end, child_indent, unread.key_line + 1)
    if not entries:
        return None
    block = PartialMap()
    block._partial(source, (*headers, header), (unread.start, entries[0][1].start), entries, child_indent, yaml)
    return block


def _shift_lines(node: Any, offset: int) -> None:
    """Line numbers of a part read on its own, made the file's (for errors at FILE:LINE:COL)."""
    if not isinstance(node, CommentedMap | CommentedSeq):
        return
    lc = getattr(node, LineCol.attrib, None)
    if lc is not None:
        if lc.line is not None:
            lc.line += offset
        for data in (lc.data or {}).values():
            data[0] += offset
            if len(data) > 2:
                data[2] += offset
    for child in (node.values() if isinstance(node, CommentedMap) else node):
        _shift_lines(child, offset)
