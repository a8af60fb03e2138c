"""YAML on disk: round-trip loading for edits, safe loading for reads, atomic writes.

Round-trip documents keep an officer's comments and key order through every command. Every
problem is reported as a DataError at FILE:LINE:COL.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from cspr.errors import DataError, InvalidField, Location, UsageError
from cspr.storage.paths import relative


def _yaml(kind: str):
    from enum import StrEnum

    from ruamel.yaml import YAML

    yaml = YAML(typ=kind)
    if kind == "rt":
        yaml.indent(sequence=4, offset=2)  # a mapping's by 2, ruamel's own
        yaml.width = 4096  # never fold an officer's long line
        yaml.preserve_quotes = True
        # a status (cspr.model.statuses) is written as the plain word it stands for
        yaml.representer.add_multi_representer(StrEnum, lambda rep, value: rep.represent_str(str(value)))
    return yaml


_LOADERS: dict[str, Any] = {}


def _loader(kind: str):
    if kind not in _LOADERS:
        _LOADERS[kind] = _yaml(kind)
    return _LOADERS[kind]


def parse_text(text: str, path: Path | str, *, round_trip: bool = True) -> Any:
    """Parse YAML text; a syntax error or a tag that would build an object is a DataError.

    The safe loader and the round-trip loader both refuse `!!python/...` tags: neither ever
    builds a Python object from a data file. Safe loading tries `plain_yaml` first (the same
    values, many times faster, for the plain YAML cspr writes) and gives anything else to ruamel.
    """
    try:
        return _parse(text, path, round_trip)
    except RecursionError:
        raise DataError(_deepest(text, path), "nested too deeply to read (brackets or indentation "
                        f"more than {DEEPEST} levels deep); a cspr file is a few levels deep: "
                        "remove the extra nesting") from None


DEEPEST = 100  # levels of [ and {: far beyond any record, far below Python's recursion limit


def _deepest(text: str, path: Path | str) -> Location:
    """Where the brackets first nest deeper than DEEPEST (for the error), else the file."""
    depth, line, column = 0, 1, 0
    for char in text:
        column += 1
        if char == "\n":
            line, column = line + 1, 0
        elif char in "[{":
            depth += 1
            if depth > DEEPEST:
                return _where(path, line, column)
        elif char in "]}":
            depth = max(0, depth - 1)
    return _where(path)


def _where(path: Path | str, line: int | None = None, column: int | None = None) -> Location:
    """A place in a file, named as a field's problem names it (`data_error`): relative to the
    current folder when inside it, so one file is never named two ways in one report."""
    return Location(relative(Path(path)), line, column)


# What ruamel's constructors raise for a scalar they cannot make: a ValueError for one its tag
# cannot make (a date-shaped one that is no real date, 2026-13-45); the others where they trip
# over it instead of refusing it (`0x_` in a round trip, `!!bool x`, `!!set x`).
_TRIPPED = (ValueError, LookupError, AttributeError, TypeError)


def _parse(text: str, path: Path | str, round_trip: bool) -> Any:
    if not round_trip:
        from cspr.storage.plain_yaml import NotPlain, load

        try:
            return load(text)
        except NotPlain:
            pass
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        return _loader("rt" if round_trip else "safe").load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "YAML does not parse").strip()
        if "constructor for the tag" in problem:
            problem = f"{problem}: tags that build objects are not allowed; remove the tag"
        where = _where(path, mark.line + 1, mark.column + 1) if mark else _where(path)
        raise DataError(where, problem) from None
    except YAMLError as exc:
        raise DataError(_where(path), f"YAML does not parse: {exc}") from None
    except _TRIPPED as exc:
        if round_trip and not isinstance(exc, ValueError):
            _parse(text, path, round_trip=False)  # the safe loader's own located error, if it has one
        raise _bad_scalar_error(text, path, exc) from None


def _bad_scalar_error(text: str, path: Path | str, exc: Exception) -> DataError:
    """The error for the scalar the constructor could not make, at its line and column."""
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    # a safe loader's constructor (a fresh one: it keeps what it made), asked of each scalar:
    # a bad time (T25:00) or a tagged value (!!int x) is found too
    constructor = _yaml("safe").constructor

    def walk(node):
        if isinstance(node, ScalarNode):
            try:
                constructor.construct_object(node)
            except _TRIPPED:
                return node
            except Exception:  # not this one's problem (a tag the safe loader refuses anyway)
                return None
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                found = walk(key) or walk(value)
                if found:
                    return found
        elif isinstance(node, SequenceNode):
            for item in node.value:
                found = walk(item)
                if found:
                    return found
        return None

    try:
        bad = walk(_loader("rt").compose(text))
    except Exception:  # the text was already found wanting; a location is a bonus
        bad = None
    if bad is None:
        return DataError(_where(path), f"YAML does not parse: {exc}")
    where = _where(path, bad.start_mark.line + 1, bad.start_mark.column + 1)
    if bad.tag.endswith(":timestamp"):
        return DataError(where, f"not a real date ({exc}); write it as 2026-04-01")
    tag = bad.tag.replace("tag:yaml.org,2002:", "!!")  # only a tag the safe loader knows makes a value
    why = f" ({exc})" if isinstance(exc, ValueError) else ""  # not "string index out of range"
    if text.startswith("!", bad.start_mark.index):
        return DataError(where, f"{bad.value!r} cannot be read as {tag}{why}; remove the tag")
    # untagged, it looks like a number (0x_) to YAML
    return DataError(where, f"{bad.value!r} reads as {tag} in YAML but is not one{why}; "
                            "put it in quotes to keep it as text")


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(_where(path), f"not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise DataError(_where(path), f"cannot be read: {exc.strerror}") from None


# A file this large is changed part by part (cspr.storage.partial_yaml): only the blocks a
# command touches go through the round-trip loader, which keeps comments but takes about 3 s a
# MB on a slow machine. Smaller files (a review record is a few KB) are read and written whole.
PARTIAL_FROM = 500_000  # bytes
# The largest file read whole for a change: a file the fast reader does not take (anchors, block
# scalars...) cannot be changed part by part, and tens of MB would hold the lock for minutes.
LARGEST_EDIT = 2_000_000  # bytes
# The largest file cspr will change at all: part by part, a command on a 20 MB review takes about
# 2 s of processor time and 210 MiB of memory, and both grow in step with the file.
LARGEST_PARTIAL_EDIT = 100_000_000  # bytes


def load_document(path: Path, *, whole_for: str | None = None) -> Any:
    """Round-trip load, for a command that will change the file (part by part when large).

    `whole_for` names a command that must read the whole document (it compares every field,
    such as `cspr import --update`): it reads at most LARGEST_EDIT, as a part-by-part read of
    every part would take minutes.
    """
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # the read below says what is wrong
    if whole_for is not None and size > LARGEST_EDIT:
        raise DataError(Location(relative(path)), f"is {size / 1_000_000:.1f} MB, more than the "
                        f"{LARGEST_EDIT // 1_000_000} MB {whole_for} reads whole (a review record is a few KB): "
                        "record this review's changes with cspr complete, decide, plan or set instead")
    if whole_for is not None:
        return parse_text(read_text(path), path)
    if size > LARGEST_PARTIAL_EDIT:
        raise DataError(Location(relative(path)), f"is {size / 1_000_000:.0f} MB, more than the "
                        f"{LARGEST_PARTIAL_EDIT // 1_000_000} MB cspr will change (a review record is a few KB): "
                        "move long text to the review's notes.md, commit that, then run the command again")
    return parse_document(read_text(path), path)


def parse_document(text: str, path: Path | str) -> Any:
    """The round-trip document of a review's text: read part by part when large and plain."""
    if len(text) < PARTIAL_FROM:
        return parse_text(text, path, round_trip=True)
    from cspr.storage.partial_yaml import load as load_partial
    from cspr.storage.plain_yaml import NotPlain, load

    try:
        values = load(text)
    except NotPlain:
        values = None
    document = load_partial(text, lambda part: _loader("rt").load(part), dump_document) if isinstance(values, Mapping) else None
    if document is None:
        size = len(text.encode("utf-8"))
        if size > LARGEST_EDIT:
            raise DataError(Location(relative(Path(path))), f"is {size / 1_000_000:.1f} MB and uses YAML beyond the "
                            "plain layout cspr writes (such as anchors, tags, block scalars, numbers or "
                            f"flow mappings), so it would be read whole, and cspr reads at most "
                            f"{LARGEST_EDIT // 1_000_000} MB whole: rewrite those parts as cspr writes them, "
                            "or move long text to the review's notes.md, commit that, then run the command again")
        return parse_text(text, path, round_trip=True)
    document.plain_values = values
    return document


def values_of(document: Any) -> Any:
    """What a round-trip document holds, for checking it as a review: a large document read
    part by part answers with the fast reader's values (as it was read) instead of reading
    every part through ruamel."""
    return document.plain_values if _is_partial(document) else document


def _is_partial(document: Any) -> bool:
    if not hasattr(document, "ca"):
        return False  # plain values: ruamel, and so partial_yaml, may not even be loaded
    from cspr.storage.partial_yaml import PartialMap

    return isinstance(document, PartialMap)


def load_data(path: Path) -> Any:
    """Safe load, for reading only: plain dicts, lists, strings, dates."""
    return parse_text(read_text(path), path, round_trip=False)


def dump_document(document: Any) -> str:
    if _is_partial(document):
        from cspr.storage.partial_yaml import dump

        return dump(document)
    stream = io.StringIO()
    try:
        _loader("rt").dump(document, stream)
    except Exception:
        # A dump that fails half-way leaves ruamel's shared emitter mid-document; a fresh one
        # is made next time, so one failure never spoils the documents read or written after it.
        _LOADERS.pop("rt", None)
        raise
    return stream.getvalue()


def locate(document: Any, key_path: Sequence[str | int]) -> tuple[int, int] | None:
    """1-based (line, column) of the deepest part of `key_path` found in a round-trip document."""
    found: tuple[int, int] | None = None
    node = document
    for step in key_path:
        lc = getattr(node, "lc", None)
        if lc is None:
            break
        if isinstance(node, Mapping) and step in node:
            line, column = lc.value(step)
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            line, column = lc.item(step)
        else:
            break
        found = (line + 1, column + 1)
        node = node[step]
    if found is None and hasattr(document, "lc"):
        found = (document.lc.line + 1, document.lc.col + 1)
    return found


def locate_key(document: Any, key_path: Sequence[str | int]) -> tuple[int, int] | None:
    """Position of the last key itself (for unknown keys), falling back to `locate`."""
    if key_path:
        parent = document
        for step in key_path[:-1]:
            try:
                parent = parent[step]
            except (KeyError, IndexError, TypeError):
                return locate(document, key_path)
        lc = getattr(parent, "lc", None)
        if lc is not None and isinstance(parent, Mapping) and key_path[-1] in parent:
            line, column = lc.key(key_path[-1])
            return line + 1, column + 1
    return locate(document, key_path)


def write_output(path: Path, data: str | bytes, option: str = "-o") -> None:
    """Write a file the officer named (`-o FILE`), whole: its folder must exist already, since
    a mistyped folder should be said, not made; any failure is one UsageError naming the option."""
    from cspr.errors import UsageError

    path = Path(path)
    if not path.parent.is_dir():
        raise UsageError(f"{option} {path}: the folder {path.parent} does not exist; create it first "
                         "or choose another file (nothing was written)")
    try:
        atomic_write(path, data, make_folders=False)
    except OSError as exc:
        raise UsageError(f"{option} {path}: cannot write it ({exc.strerror}); choose another file") from None


def atomic_write(path: Path, data: str | bytes | tuple[bytes, ...], *, durable: bool = True,
                 make_folders: bool = True) -> None:
    """Write through a temporary file in the same folder, then rename over the target.

    A crash part-way leaves the old file whole; readers never see half a file. `durable`
    flushes the data to disk before the rename (records and briefings); a cache, which can
    always be rebuilt, skips that. `data` may come in pieces of bytes, written one after the
    other (a cache's header, then its tens of MB, with no copy of them joined).
    """
    import tempfile  # only writers need it; every command reads YAML

    if isinstance(data, str):
        data = data.encode()  # UTF-8, and "\n" as given, on every platform
    pieces = data if isinstance(data, tuple) else (data,)
    if make_folders:
        path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.writelines(pieces)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        if path.exists():
            os.chmod(temp_name, path.stat().st_mode & 0o777)
        else:
            os.chmod(temp_name, 0o644)
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise


@contextlib.contextmanager
def staged_folder(target: Path, marker: str) -> Iterator[Callable[[str, str], None]]:
    """A function writing a file (relative path, text) into the new folder `target`, which
    replaces the old one whole when the block ends without an error.

    Everything is written into a temporary sibling folder first, which is then renamed into
    place, so a failed run (whatever it raised) leaves the previous folder as it was and no
    partial one beside it. Only a folder that holds `marker` (one this function wrote) or an
    empty folder is ever replaced. Files can be written as they are made (a dashboard of 8,000
    pages is never held whole), also from processes forked inside the block.
    """
    import shutil
    import tempfile

    if target.exists():
        if not target.is_dir():
            raise UsageError(f"{relative(target)} is a file: give a folder for the output")
        if not (target / marker).is_file() and any(target.iterdir()):
            raise UsageError(f"{relative(target)} already holds files that cspr did not write; "
                             "give a new or empty folder (cspr replaces only a folder it wrote)")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    made = {staging}

    def write(name: str, text: str) -> None:
        path = staging / name
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        with open(path, "wb") as file:  # UTF-8 and "\n" as given, on every platform
            file.write(text.encode("utf-8"))

    try:
        yield write
        write(marker, "written by cspr; this folder is replaced whole on each run\n")
        os.chmod(staging, 0o755)
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
            os.rename(target, old / target.name)
        try:
            os.rename(staging, target)
        except BaseException:
            if old is not None:
                os.rename(old / target.name, target)
            raise
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


# -- editing round-trip documents without moving comments -------------------------------------
#
def data_error(path: Path, exc: InvalidField, document: Any | None = None) -> DataError:
    """Turn a validation failure into FILE:LINE:COL, re-reading with positions when needed."""
    if document is None or not hasattr(document, "lc"):
        with contextlib.suppress(DataError):  # then nothing is located: the file alone
            document = load_document(path)
    position = locate_key(document, exc.path) if exc.at_key else locate(document, exc.path)
    location = Location(relative(path), *(position or (None, None)))
    return DataError(location, exc.message)
