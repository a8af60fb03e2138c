"""Review IDs: what makes a usable one, and the default from the year and pseudonym (`2026-child-h`)."""

from __future__ import annotations

import re
import unicodedata

# Short and filesystem-safe: letters, digits, '.', '_' and '-', nothing that climbs out of reviews/.
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def review_id_for(year: int, child: str) -> str:
    slug = slugify(child)[:48].strip("-")
    return f"{year}-{slug}" if slug else str(year)
