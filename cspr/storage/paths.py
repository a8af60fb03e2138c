"""Where things are on disk: the workspace's layout, review IDs as folder names, and the
package's own data (the default process and the built-in templates)."""

from __future__ import annotations

from pathlib import Path

from cspr.errors import UsageError
from cspr.model.ids import ID_PATTERN, shorten

CONFIG_FILE = "cspr.yaml"
PROCESS_FILE = "process.yaml"
REVIEWS_DIR = "reviews"
REVIEW_FILE = "review.yaml"
NOTES_FILE = "notes.md"
STATE_DIR = ".cspr"  # lock and cache; git-ignored
PRIVATE_DIR = "private"  # restricted terms; git-ignored
CHASES_DIR = "chases"  # what `cspr chase --send` sent, one YAML file a year

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # cspr/
DEFAULT_PROCESS = PACKAGE_DIR / PROCESS_FILE


def packaged_templates_dir() -> Path:
    """Built-in templates: inside the installed wheel, or the checkout's templates/ folder."""
    inside = PACKAGE_DIR / "templates"
    if inside.is_dir():
        return inside
    return PACKAGE_DIR.parent / "templates"


def relative(path: Path) -> Path:
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def check_id(review_id: str) -> str:
    """IDs are short and filesystem-safe; nothing that climbs out of reviews/."""
    if not ID_PATTERN.match(review_id) or review_id in {".", ".."} or ".." in review_id:
        raise UsageError(
            f"{shorten(review_id)!r} is not a usable review ID: use letters, digits, '-', '_' and '.', "
            "starting with a letter or digit, at most 64 characters (for example 2026-child-h)"
        )
    return review_id
