"""The workspace on disk: finding it, its settings and process, and reading its reviews.

A workspace is a folder with `cspr.yaml` and `reviews/<ID>/review.yaml`, under git. Reading
for reports uses the safe loader; a command that changes a file uses the round-trip loader
(see `store.py`). Every problem becomes a DataError at FILE:LINE:COL.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from cspr.errors import DataError, InvalidField, Location, UsageError, WorkspaceError
from cspr.slug import ID_PATTERN

CONFIG_FILE = "cspr.yaml"
PROCESS_FILE = "process.yaml"
REVIEWS_DIR = "reviews"
REVIEW_FILE = "review.yaml"
NOTES_FILE = "notes.md"
STATE_DIR = ".cspr"  # lock and cache; git-ignored
PRIVATE_DIR = "private"  # restricted terms; git-ignored


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
    raise WorkspaceError(
        f"not inside a cspr workspace (no {CONFIG_FILE} here or above {here}); "
        "make one with 'cspr init DIR', or point to one with --workspace DIR or CSPR_WORKSPACE"
    )


def data_error(path: Path, exc: InvalidField, document: Any | None = None) -> DataError:
    """Turn a validation failure into FILE:LINE:COL, re-reading with positions when needed."""
    from cspr import yamlio

    if document is None or not hasattr(document, "lc"):
        try:
            document = yamlio.load_document(path)
        except DataError:
            document = None
    position = None
    if document is not None:
        position = yamlio.locate_key(document, exc.path) if exc.at_key else yamlio.locate(document, exc.path)
    location = Location(relative(path), *(position or (None, None)))
    return DataError(location, exc.message)


def relative(path: Path) -> Path:
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


@dataclass
class Workspace:
    root: Path

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_FILE

    @property
    def reviews_dir(self) -> Path:
        return self.root / REVIEWS_DIR

    @property
    def state_dir(self) -> Path:
        return self.root / STATE_DIR

    @property
    def process_path(self) -> Path:
        """The workspace's own process.yaml, else the one shipped with the package."""
        own = self.root / PROCESS_FILE
        return own if own.is_file() else Path(__file__).with_name(PROCESS_FILE)

    def _parse(self, path: Path, parser: Callable[[Any], Any]) -> Any:
        from cspr import yamlio

        data = yamlio.load_data(path)  # the fast read; positions are found only for an error
        try:
            return parser(data)
        except InvalidField as exc:
            raise data_error(path, exc) from None

    @cached_property
    def config(self):
        from cspr.config import parse_config

        return self._parse(self.config_path, parse_config)

    @cached_property
    def process(self):
        from cspr.process import parse_process

        return self._parse(self.process_path, parse_process)

    @cached_property
    def calendar(self):
        from cspr.bank_holidays import calendar_for

        return calendar_for(self.config.region, self.config.closures, cache_dir=self.state_dir)

    # -- reviews ---------------------------------------------------------------------------
    def review_dir(self, review_id: str) -> Path:
        check_id(review_id)
        return self.reviews_dir / review_id

    def review_path(self, review_id: str) -> Path:
        return self.review_dir(review_id) / REVIEW_FILE

    def review_ids(self) -> list[str]:
        return [name for name in self.review_folders()
                if os.path.isfile(os.path.join(self.reviews_dir, name, REVIEW_FILE))]

    def review_folders(self) -> list[str]:
        """The folders under reviews/, sorted: each a review if it holds a review.yaml."""
        try:
            return sorted(entry.name for entry in os.scandir(self.reviews_dir) if entry.is_dir())
        except FileNotFoundError:
            return []

    def load_review(self, review_id: str):
        path = self.review_path(review_id)
        if not path.is_file():
            raise UsageError(f"no review {review_id!r} in {relative(self.reviews_dir)}; 'cspr list --all' shows them")
        from cspr.review_reader import load_reviews

        reviews, errors = load_reviews(self, [review_id])
        if errors:
            raise errors[0]
        return reviews[0]

    def load_all(self) -> tuple[list, list[DataError]]:
        """Every review that can be read, and a DataError for each that cannot."""
        from cspr.review_reader import load_reviews

        return load_reviews(self, self.review_ids())


def check_id(review_id: str) -> str:
    """IDs are short and filesystem-safe; nothing that climbs out of reviews/."""
    if not ID_PATTERN.match(review_id) or review_id in {".", ".."} or ".." in review_id:
        raise UsageError(
            f"{review_id!r} is not a usable review ID: use letters, digits, '-', '_' and '.', "
            "starting with a letter or digit, at most 64 characters (for example 2026-child-h)"
        )
    return review_id
