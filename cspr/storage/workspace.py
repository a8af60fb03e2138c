"""The workspace on disk: finding it, its settings and process, and reading its reviews.

A workspace is a folder with `cspr.yaml` and `reviews/<ID>/review.yaml`, under git. Reading
for reports uses the safe loader; a command that changes a file uses the round-trip loader
(see `cspr.git.change`). Every problem becomes a DataError at FILE:LINE:COL.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from cspr.errors import DataError, InvalidField, UsageError, WorkspaceError
from cspr.model.ids import ID_PATTERN
from cspr.storage.paths import (
    CONFIG_FILE,
    DEFAULT_PROCESS,
    PROCESS_FILE,
    REVIEW_FILE,
    REVIEWS_DIR,
    STATE_DIR,
    check_id,
    relative,
)
from cspr.storage.yamlio import data_error


def find_workspace(explicit: str | os.PathLike | None, start: Path | None = None) -> Workspace:
    """`--workspace`/CSPR_WORKSPACE if given, else the nearest folder up with a cspr.yaml."""
    if explicit:
        root = Path(explicit).expanduser().resolve()
        if not (root / CONFIG_FILE).is_file():
            raise WorkspaceError(
                f"{root} is not a cspr workspace (no {CONFIG_FILE}); "
                f"make one with 'cspr init {explicit}'"
            )
        return Workspace(root)
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return Workspace(folder)
    clone = empty_clone(here)
    if clone is not None:
        raise WorkspaceError(
            f"{clone} is a git clone with no commits yet: the shared repository was empty when it "
            "was cloned (the first officer had not yet sent the workspace with 'cspr sync'); once "
            "they have, run 'cspr sync' here to bring it in"
        )
    raise WorkspaceError(
        f"not inside a cspr workspace (no {CONFIG_FILE} here or above {here}); "
        "make one with 'cspr init DIR', or point to one with --workspace DIR or CSPR_WORKSPACE"
    )


def empty_clone(start: Path) -> Path | None:
    """The git working tree at or above `start`, if it has no commits at all (read from .git
    directly: no branch file under refs/heads and none packed)."""
    for folder in (start, *start.parents):
        dot_git = folder / ".git"
        if dot_git.is_dir():
            heads = dot_git / "refs" / "heads"
            has_branch = heads.is_dir() and any(p.is_file() for p in heads.rglob("*"))
            packed = dot_git / "packed-refs"
            has_packed = packed.is_file() and " refs/heads/" in packed.read_text(encoding="utf-8", errors="replace")
            return None if has_branch or has_packed else folder
        if dot_git.exists():  # a worktree or submodule: not a fresh clone
            return None
    return None


@dataclass
class Workspace:
    root: Path
    _scan: tuple[list[str], list[DataError]] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_FILE

    @cached_property
    def reviews_dir(self) -> Path:
        return self.root / REVIEWS_DIR

    @property
    def state_dir(self) -> Path:
        return self.root / STATE_DIR

    @property
    def process_path(self) -> Path:
        """The workspace's own process.yaml, else the one shipped with the package."""
        own = self.root / PROCESS_FILE
        return own if own.is_file() else DEFAULT_PROCESS

    def _parse(self, path: Path, parser: Callable[[Any], Any]) -> Any:
        from cspr.storage import yamlio

        data = yamlio.load_data(path)  # the fast read; positions are found only for an error
        try:
            return parser(data)
        except InvalidField as exc:
            raise data_error(path, exc) from None

    @cached_property
    def config(self):
        from cspr.model.config import parse_config

        return self._parse(self.config_path, parse_config)

    @cached_property
    def process(self):
        from cspr.model.process import parse_process

        return self._parse(self.process_path, parse_process)

    @cached_property
    def calendar(self):
        from cspr.storage.bank_holidays import calendar_for

        return calendar_for(self.config.region, self.config.closures, cache_dir=self.state_dir)

    def schedule_of(self, review, as_of):
        """A review judged on `as_of` under this workspace's process, calendar and settings."""
        from cspr.model.deadlines import ReviewSchedule

        return ReviewSchedule(self.process, review, self.calendar, as_of,
                              needs_timeline_after=self.config.needs_timeline_after)

    # -- reviews ---------------------------------------------------------------------------
    def review_dir(self, review_id: str) -> Path:
        check_id(review_id)
        return self.reviews_dir / review_id

    def review_path(self, review_id: str) -> Path:
        return self.review_dir(review_id) / REVIEW_FILE

    def review_ids(self) -> list[str]:
        """Every review folder's name: a usable ID. One whose review.yaml is missing or not a
        file is still listed, so that reading it reports the problem instead of hiding it."""
        return self.review_folders()

    def review_folders(self) -> list[str]:
        """The folders under reviews/ whose names are usable IDs, sorted."""
        return list(self._scan_reviews()[0])

    def folder_problems(self) -> list[DataError]:
        """What under reviews/ cannot be a review: a name that is no usable ID, a broken link."""
        return list(self._scan_reviews()[1])

    def _scan_reviews(self) -> tuple[list[str], list[DataError]]:
        """The review folders and the problems under reviews/, read once per command (a change
        to the folders made by this process goes through `forget_scan`)."""
        if self._scan is None:
            self._scan = self._scan_folders()
        return self._scan

    def forget_scan(self) -> None:
        """Read reviews/ afresh next time (after this process adds, renames or removes a review)."""
        self._scan = None

    def _scan_folders(self) -> tuple[list[str], list[DataError]]:
        from cspr.errors import Location
        from cspr.model.ids import shorten

        names: list[str] = []
        problems: list[DataError] = []
        try:
            entries = list(os.scandir(self.reviews_dir))
        except FileNotFoundError:
            return [], []
        except OSError as exc:
            return [], [DataError(Location(relative(self.reviews_dir)), f"cannot be read: {exc.strerror}")]
        usable = ID_PATTERN.match
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue  # .gitkeep, an editor's folder: not reviews
            try:
                is_dir = entry.is_dir()
            except OSError:  # a link that loops
                is_dir = False
            if not is_dir:
                if entry.is_symlink():
                    problems.append(DataError(Location(relative(self.reviews_dir / name)),
                                              "a link to a folder that does not exist (or a link that "
                                              "loops); remove it, or point it at the review's folder"))
                continue  # a plain file beside the reviews (a README) is not a review
            if not usable(name) or ".." in name:
                problems.append(DataError(Location(relative(self.reviews_dir / shorten(name))),
                                          "this folder's name is not a usable review ID (letters, digits, '-', "
                                          "'_' and '.', at most 64 characters): rename it with 'git mv'"))
                continue
            names.append(name)
        names.sort()
        return names, sorted(problems, key=lambda problem: str(problem.location))

    def pseudonyms(self, review_ids: list[str] | None = None) -> dict[str, str]:
        """Each review's pseudonym, from its `child:` line alone: quick enough for matching what
        an officer typed, and for shell completion, over thousands of reviews."""
        found = {}
        for review_id in self.review_ids() if review_ids is None else review_ids:
            try:
                # a file that is not UTF-8 gives what it can: reading the review reports it
                with open(os.path.join(self.reviews_dir, review_id, REVIEW_FILE), encoding="utf-8",
                          errors="replace") as file:
                    for line in file:
                        if line.startswith("child:"):
                            found[review_id] = line[6:].split(" #", 1)[0].strip().strip("'\"")
                            break
            except OSError:
                continue
        return found

    def resolve_review_id(self, text: str) -> str:
        """The review an officer means: the ID in full, any unique part of it or of the pseudonym
        (any case). Refused with the candidates when it could be several, or with the nearest
        IDs when it is none."""
        from cspr.model.ids import match_review_ids, nearest_ids, shorten

        if ID_PATTERN.match(text) and os.path.isfile(os.path.join(self.reviews_dir, text, REVIEW_FILE)):
            return text  # the usual case, with no folder listing at all
        ids = self.review_ids()
        found = match_review_ids(text, ids)
        if not found:
            found = match_review_ids(text, ids, self.pseudonyms(ids))
        if len(found) == 1:
            return found[0]
        if found:
            shown = ", ".join(found[:8]) + (f" and {len(found) - 8} more" if len(found) > 8 else "")
            raise UsageError(f"{shorten(text)!r} could be any of {len(found)} reviews: {shown}; give more of the ID")
        near = nearest_ids(text, ids)
        hint = f"did you mean {' or '.join(near)}?" if near else "'cspr list --all' shows them"
        raise UsageError(f"no review {shorten(text)!r} in {relative(self.reviews_dir)}; {hint}")

    def load_review(self, review_id: str):
        path = self.review_path(review_id)
        if not path.is_file() and not path.parent.is_dir():
            from cspr.model.ids import shorten

            raise UsageError(f"no review {shorten(review_id)!r} in {relative(self.reviews_dir)}; "
                             "'cspr list --all' shows them")
        from cspr.storage.review_reader import load_reviews

        reviews, errors = load_reviews(self, [review_id])
        if errors:
            raise errors[0]
        return reviews[0]

    def load_all(self) -> tuple[list, list[DataError]]:
        """Every review that can be read, and a DataError for each that cannot."""
        from cspr.storage.review_reader import load_reviews

        return load_reviews(self, self.review_ids())
