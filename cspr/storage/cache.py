"""A cache file of entries keyed by review file: read whole, trusted only when it is exactly
what this code wrote, written atomically and never failing the command.

Entries are `review ID -> (file key, text digest or None, marshalled value)`. The file key is
the review file's stat (size, mtime, ctime, inode): any change to the file changes it. A file
changed within RACY_SECONDS of being cached could change again within the same timestamp tick,
so such an entry keeps a digest of the text to be checked on use (as git does for "racily
clean" files). The file is marshal data (never pickle, which can run code named in the file)
with a checksum and the fingerprint of whatever the values depend on; anything that does not
match is thrown away and rebuilt.
"""

from __future__ import annotations

import contextlib
import gc
import marshal
import os
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cspr.model.ids import ID_PATTERN
from cspr.storage.paths import REVIEW_FILE

MAGIC = b"cspr-reviews\n"
RACY_SECONDS = 3  # longer than any filesystem's timestamp tick (FAT: 2 s)


def installed_stamp(module: str) -> str | None:
    """Which copy of an installed module is there (its path, size and mtime), without importing
    it: a cache of values that module worked out is stale once it is upgraded."""
    from importlib.machinery import PathFinder  # cheaper to import than importlib.util

    try:
        spec, locations = None, None
        for depth, _ in enumerate(module.split(".")):
            name = ".".join(module.split(".")[: depth + 1])
            spec = PathFinder.find_spec(name, locations)
            if spec is None:
                return None
            locations = list(spec.submodule_search_locations or [])
        found = os.stat(spec.origin) if spec and spec.origin else None
    except (ImportError, ValueError, OSError):
        return None
    return f"{spec.origin}:{found.st_size}:{found.st_mtime_ns}" if found else None


def code_stamp(*packages: str) -> tuple:
    """The size and mtime of every module file in the named cspr packages (such as "model"):
    values worked out by that code are stale once any of it changes, wherever a module moves."""
    root = Path(__file__).resolve().parent.parent
    stamps = []
    for package in packages:
        folder = root / package
        with contextlib.suppress(OSError):
            for entry in sorted(os.scandir(folder), key=lambda e: e.name):
                if entry.name.endswith(".py"):
                    found = entry.stat()
                    stamps.append((package, entry.name, found.st_size, found.st_mtime_ns))
    return tuple(stamps)


@contextlib.contextmanager
def paused_cycle_collection() -> Iterator[None]:
    """Building thousands of small objects makes the cycle collector walk them over and over,
    for nothing: reviews and agendas hold no reference cycles. Pause it while they are built,
    then move everything built so far out of its sight (`gc.freeze`): they live until the
    command ends, and a report's output would otherwise have the collector walk them again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # What was built meanwhile is all still in the youngest generation: the first
        # collection would walk every object of it (0.3 s for a board paper's). Move it out of
        # the collector's sight instead; it is freed as usual when no longer referred to.
        gc.freeze()
        if was_enabled:
            gc.enable()


def shared(value: Any, seen: dict) -> Any:
    """`value` (plain: tuples of numbers, text, bytes, None) with every whole number and text
    equal to one already in `seen` replaced by that one. marshal writes an object met twice once,
    and reads it back as one object: the same few thousand days, counted in hundreds of
    thousands of places, are then read as a few thousand numbers, not hundreds of thousands."""
    kind = type(value)
    if kind is tuple:
        return tuple([shared(item, seen) for item in value])
    if kind is int or kind is str:  # exactly: True is an int and equal to 1, but is no int here
        return seen.setdefault(value, value)
    return value


def file_key(stat: os.stat_result) -> tuple[int, int, int, int]:
    """What changes whenever a file's content can have changed (ctime cannot be set back)."""
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


def path_key(path: Path | str) -> tuple | None:
    """The key of a file the whole cache depends on (the process, cspr.yaml); None if missing."""
    try:
        return (str(path), *file_key(os.stat(path)))
    except OSError:
        return None


def review_file(reviews_dir: str, review_id: str) -> str:
    """A review file's path as plain text: a Path per review costs more than its stat."""
    return f"{reviews_dir}/{review_id}/{REVIEW_FILE}"


def review_exists(reviews_dir: str, review_id: str) -> bool:
    """Whether a cached review is still there (an entry whose name is not an ID never is)."""
    return bool(ID_PATTERN.match(review_id)) and ".." not in review_id and \
        os.path.isfile(review_file(reviews_dir, review_id))


def is_racy(stat: os.stat_result, now_ns: int) -> bool:
    """Changed so recently that another change could share its timestamps."""
    return max(stat.st_mtime_ns, stat.st_ctime_ns) >= now_ns - RACY_SECONDS * 1_000_000_000


def digest(text: str) -> bytes:
    import hashlib

    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


class KeyedCache:
    """Entries `review ID -> (file key, digest or None, marshalled review)`, read and written whole."""

    def __init__(self, path: Path, entries: dict[str, tuple] | None = None, enabled: bool = True):
        self.path = path
        self.entries: dict[str, tuple] = entries if entries is not None else {}
        self.enabled = enabled
        self.changed = False
        self.fingerprint: tuple = ()

    @classmethod
    def open(cls, path: Path, fingerprint: tuple, enabled: bool = True) -> KeyedCache:
        """The cache in `path`; empty (to be rebuilt) when missing, stale or corrupt.

        `fingerprint` names everything the values depend on besides their files (code,
        versions, settings); a cache written under another fingerprint is thrown away.
        """
        cache = cls(path, enabled=enabled)
        cache.fingerprint = fingerprint
        if not enabled:
            return cache
        try:
            blob = path.read_bytes()
        except OSError:
            return cache
        cache.entries = _read(blob, fingerprint)
        return cache

    def lookup(self, review_id: str, key: tuple) -> tuple[bytes | None, Any] | None:
        """(digest to check or None, the stored value) when the entry matches the file's key."""
        entry = self.entries.get(review_id)
        if entry is None or entry[0] != key:
            return None
        return entry[1], entry[2]

    def put_encoded(self, review_id: str, key: tuple, text_digest: bytes | None, blob: Any) -> None:
        """Store a value marshal can write (bytes, text, numbers, None, tuples, lists, dicts)."""
        if self.enabled:
            self.entries[review_id] = (key, text_digest, blob)
            self.changed = True

    def forget(self, review_id: str) -> None:
        if self.entries.pop(review_id, None) is not None:
            self.changed = True

    def prune(self, keep) -> None:
        """Drop entries of reviews that are gone (`keep(review_id)` is False)."""
        for review_id in [r for r in self.entries if not keep(r)]:
            del self.entries[review_id]
            self.changed = True

    def prune_gone(self, reviews_dir: str, seen) -> None:
        """Drop the entries of reviews whose file is gone (those in `seen` were just read)."""
        self.prune(lambda review_id: review_id in seen or review_exists(reviews_dir, review_id))

    def save(self) -> None:
        """Write the cache if it changed: atomically, and never failing the command."""
        if not (self.enabled and self.changed):
            return
        from cspr.storage.yamlio import atomic_write

        payload = marshal.dumps((self.fingerprint, self.entries))
        with contextlib.suppress(OSError):
            # In pieces: joined, the reviews' cache over 10,000 reviews was another 16 MB at once.
            atomic_write(self.path, (MAGIC + zlib.crc32(payload).to_bytes(4, "big"), payload), durable=False)
        self.changed = False


def _read(blob: bytes, fingerprint: tuple) -> dict[str, tuple]:
    """The entries of a cache file, or none when it is not exactly what this code writes."""
    head = len(MAGIC)
    if not blob.startswith(MAGIC) or len(blob) < head + 4:
        return {}
    payload = memoryview(blob)[head + 4:]  # not a copy: the reviews' cache is 16 MB
    if zlib.crc32(payload) != int.from_bytes(blob[head:head + 4], "big"):
        return {}
    try:
        found_fingerprint, entries = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return {}
    if found_fingerprint != fingerprint or not isinstance(entries, dict):
        return {}
    return entries
