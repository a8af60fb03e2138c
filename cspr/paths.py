"""Where the package's own data lives: the default process and the built-in templates."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def packaged_templates_dir() -> Path:
    """Built-in templates: inside the installed wheel, or the checkout's templates/ folder."""
    inside = PACKAGE_DIR / "templates"
    if inside.is_dir():
        return inside
    return PACKAGE_DIR.parent / "templates"
