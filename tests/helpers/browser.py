"""Finding a headless Chromium (or Chrome) for the tests that open pages in a real browser."""

from __future__ import annotations

import shutil

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_browser() -> str | None:
    """The first browser on PATH, or None (.ci/run installs Debian's chromium)."""
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None
