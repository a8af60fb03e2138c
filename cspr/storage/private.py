"""The workspace's private folder, which git ignores: the restricted terms."""

from __future__ import annotations

from pathlib import Path

from cspr.model.restricted import TERMS_FILE, parse_terms
from cspr.storage.paths import PRIVATE_DIR, relative
from cspr.storage.yamlio import read_text


def terms_path(root: Path) -> Path:
    return root / PRIVATE_DIR / TERMS_FILE


def read_terms(root: Path) -> list[str] | None:
    """The workspace's restricted terms, or None when it has no terms file."""
    path = terms_path(root)
    if not path.is_file():
        return None
    return parse_terms(read_text(path))


def terms_to_check(root: Path, what: str) -> tuple[list[str], str | None]:
    """The restricted terms to check `what` against (such as "the pages were"); with none
    listed, the warning that it went unchecked instead."""
    terms = read_terms(root)
    if terms:
        return terms, None
    return [], (f"no restricted terms listed in {relative(terms_path(root))}: {what} not checked "
                "for real names, addresses or schools")
