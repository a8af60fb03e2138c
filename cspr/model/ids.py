"""Review IDs: what makes a usable one, and the default from the year and pseudonym (`2026-child-h`)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence

# Short and filesystem-safe: letters, digits, '.', '_' and '-', nothing that climbs out of reviews/.
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def review_id_for(year: int, child: str) -> str:
    slug = slugify(child)[:48].strip("-")
    return f"{year}-{slug}" if slug else str(year)


def _parts(text: str) -> list[str]:
    return [part for part in re.split(r"[^a-z0-9]+", text.lower()) if part]


def _has_run(parts: list[str], run: list[str]) -> bool:
    return any(parts[i:i + len(run)] == run for i in range(len(parts) - len(run) + 1))


def match_review_ids(text: str, ids: Sequence[str], pseudonyms: Mapping[str, str] | None = None) -> list[str]:
    """The review IDs `text` may mean, best kind of match first found:

    the ID itself (any case); else IDs holding the text's words as whole parts (`child-a`,
    `"Child A"` and `2026 child a` all mean `2026-child-a`, not `2026-child-ab`); else IDs
    holding the text anywhere; else reviews whose pseudonym is, or holds, the text.
    """
    wanted = text.strip().lower()
    if not wanted:
        return []
    by_lower = {review_id.lower(): review_id for review_id in ids}
    if wanted in by_lower:
        return [by_lower[wanted]]
    run = _parts(wanted)
    whole = [i for i in ids if run and _has_run(_parts(i), run)]
    if whole:
        return whole
    anywhere = [i for i in ids if wanted in i.lower() or (slugify(wanted) and slugify(wanted) in i.lower())]
    if anywhere:
        return anywhere
    if pseudonyms:
        named = [i for i in ids if pseudonyms.get(i, "").strip().lower() == wanted]
        return named or [i for i in ids if wanted in pseudonyms.get(i, "").lower()]
    return []


def nearest_ids(text: str, ids: Sequence[str], count: int = 3) -> list[str]:
    """The IDs that look most like `text`, for 'did you mean ...?'."""
    import difflib

    wanted = text.strip().lower()
    lower = {review_id.lower(): review_id for review_id in ids}
    close = difflib.get_close_matches(wanted, list(lower), n=count, cutoff=0.6)
    if not close:  # a typo in the pseudonym part: compare without the year
        tails = {review_id.split("-", 1)[-1]: review_id for review_id in lower}
        close = [tails[t] for t in difflib.get_close_matches(slugify(wanted), list(tails), n=count, cutoff=0.6)]
    return [lower[c] for c in close]


def shorten(text: str, limit: int = 40) -> str:
    """Text as it may be echoed in a message: a pasted paragraph is cut, with '...' to say so."""
    return text if len(text) <= limit else f"{text[:limit]}..."
