"""The review files as committed at a moment, read from git history without checking anything out.

`--as-recorded` reports what an officer running cspr at the end of a day would have seen:
the review files of the last commit made (by commit date) at or before that moment. One
`git log` over `reviews/` finds the commit and one `git ls-tree` lists its review files. Those
still the same on disk (same blob as HEAD, no edits since) are read the quick way, through the
caches; one `git cat-file --batch` reads the rest. So a workspace's history costs a handful of
git runs however many reviews and commits it has.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from cspr.errors import GitError, WorkspaceError
from cspr.storage.paths import REVIEW_FILE, REVIEWS_DIR


@dataclass(frozen=True)
class Snapshot:
    """The review files at one commit (none when nothing had been committed by then)."""

    commit: str | None
    committed: dt.datetime | None = None
    blobs: dict[str, str] = field(default_factory=dict)  # review ID -> blob id of its review.yaml

    @property
    def short(self) -> str:
        return self.commit[:7] if self.commit else "(no commit)"


def commit_at(root: Path, moment: dt.datetime) -> tuple[str, dt.datetime] | None:
    """The newest commit touching reviews/ whose commit date is at or before `moment`."""
    from cspr.git.run import git, head

    if head(root) is None:
        return None
    cutoff = int(moment.timestamp())
    out = git(root, "log", "--format=%H %ct", "HEAD", "--", REVIEWS_DIR).out
    for line in out.splitlines():
        commit, _, when = line.partition(" ")
        if when.strip() and int(when) <= cutoff:
            return commit, dt.datetime.fromtimestamp(int(when), tz=moment.tzinfo)
    return None


def reviews_at(root: Path, moment: dt.datetime, review_ids: list[str] | None = None) -> Snapshot:
    """Which review files (all, or those of `review_ids`) were committed at `moment`, by blob."""
    found = commit_at(root, moment)
    if found is None:
        return Snapshot(None)
    commit, committed = found
    return Snapshot(commit, committed, _review_blobs(root, commit, review_ids))


def _review_blobs(root: Path, commit: str, review_ids: list[str] | None) -> dict[str, str]:
    from cspr.git.run import git

    blobs: dict[str, str] = {}
    wanted = set(review_ids) if review_ids is not None else None
    listing = git(root, "ls-tree", "-r", "-z", commit, "--", f"{REVIEWS_DIR}/").out
    for entry in listing.split("\0"):
        meta, _, name = entry.partition("\t")
        parts = name.split("/")
        fields = meta.split()
        if len(parts) != 3 or parts[2] != REVIEW_FILE or len(fields) != 3 or fields[1] != "blob":
            continue
        if wanted is None or parts[1] in wanted:
            blobs[parts[1]] = fields[2]
    return blobs


def unchanged_on_disk(root: Path, snapshot: Snapshot | None = None) -> dict[str, str]:
    """Review ID -> blob id, for each review file whose file on disk is as committed in HEAD.

    A snapshot's file with the same blob is the file on disk, so it can be read the quick way
    (through the caches) rather than parsed afresh.
    """
    from cspr.git.run import git, head

    current = head(root)
    if current is None:
        return {}
    # The snapshot taken at HEAD itself (the usual case for a recent day) is HEAD's listing.
    blobs = dict(snapshot.blobs) if snapshot and snapshot.commit == current else _review_blobs(root, "HEAD", None)
    changed = git(root, "diff", "--name-only", "-z", "--no-renames", "HEAD", "--", f"{REVIEWS_DIR}/").out
    for name in changed.split("\0"):
        parts = name.split("/")
        if len(parts) == 3 and parts[2] == REVIEW_FILE:
            blobs.pop(parts[1], None)
    return blobs


def read_blobs(root: Path, blobs: dict[str, str]) -> dict[str, str]:
    """The texts of many blobs (key -> blob id) from one `git cat-file --batch`."""
    import os
    import subprocess

    from cspr.git.run import QUIET_ENV

    if not blobs:
        return {}
    order = list(blobs.items())
    request = "".join(f"{sha}\n" for _, sha in order).encode()
    # Bytes, not text: the batch output gives each blob's length in bytes.
    done = subprocess.run(["git", "cat-file", "--batch"], cwd=root, input=request, capture_output=True,
                          env={**os.environ, "LANGUAGE": "C", "LC_ALL": "C", **QUIET_ENV})
    if done.returncode != 0:
        raise GitError(f"git cat-file failed: {done.stderr.decode('utf-8', 'replace').strip()}")
    out = done.stdout
    texts: dict[str, str] = {}
    position = 0
    for key, _ in order:
        header_end = out.index(b"\n", position)
        size = int(out[position:header_end].split()[2])
        start = header_end + 1
        texts[key] = out[start:start + size].decode("utf-8", "replace")
        position = start + size + 1
    return texts


def end_of_day(day: dt.date, timezone: str) -> dt.datetime:
    """The last moment of `day` in `timezone` (the first moment of the next day, exclusive)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise WorkspaceError(f"cspr.yaml: unknown timezone {timezone!r}; use a name such as Europe/London") from None
    following = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=zone)
    return following - dt.timedelta(seconds=1)
