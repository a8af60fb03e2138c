"""A review's 7-minute briefing: the plain data its template sees, and the checks before it is published.

`briefing_context` is pure: it turns the review, its schedule, the partnership and the officer's
learning into dicts, lists, strings and dates (never the review objects themselves, so a
template can reach nothing else). `refuse_restricted` refuses a rendered briefing that holds a
restricted term (the reading and rendering are `cspr.ops.brief`'s).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from cspr.errors import RestrictedTermFound
from cspr.model.briefing import BRIEFING_FILE, FIELDS, Learning

if TYPE_CHECKING:
    from cspr.model.config import Config
    from cspr.model.deadlines import ReviewSchedule

PUBLISHED_STAGES = ("published", "national-published")  # local review, else the National Panel's
LEARNING_PARTS = (3, 4, 5)
ONE_PAGE_WORDS = 450  # measured: the packaged HTML template in Chromium fits 400-500 words on A4


# -- the data a template sees --------------------------------------------------------------------

def publication_date(schedule: ReviewSchedule) -> dt.date | None:
    for key in PUBLISHED_STAGES:
        completion = schedule.review.completions.get(key)
        if completion is not None:
            return completion.done
    return None


def parts(learning: Learning) -> list[dict[str, Any]]:
    """The seven numbered parts; three to five points of learning share parts 3, 4 and 5 in order."""
    count = len(learning.learning)
    sizes = [count // 3 + (1 if index < count % 3 else 0) for index in range(3)]
    groups, start = [], 0
    for size in sizes:
        groups.append(list(learning.learning[start:start + size]))
        start += size
    found = [
        {"number": 1, "key": "background", "paragraphs": list(learning.background), "points": []},
        {"number": 2, "key": "why_it_matters", "paragraphs": list(learning.why_it_matters), "points": []},
    ]
    found += [{"number": number, "key": "learning", "paragraphs": [], "points": group}
              for number, group in zip(LEARNING_PARTS, groups, strict=True)]
    found += [
        {"number": 6, "key": "remember", "paragraphs": [], "points": list(learning.remember)},
        {"number": 7, "key": "what_to_do", "paragraphs": [], "points": list(learning.what_to_do)},
    ]
    return found


def briefing_context(config: Config, schedule: ReviewSchedule, learning: Learning, today: dt.date) -> dict[str, Any]:
    """Everything a briefing template may use; see docs/briefings.md for the fields."""
    review = schedule.review
    completed = {key: c.done for key, c in review.completions.items()}
    return {
        "partnership": {"name": config.partnership, "website": config.website},
        "review": {
            "id": review.id,
            "child": review.child,
            "aware": review.aware,
            "incident": review.incident,
            "agencies": list(review.agencies),
            "themes": list(review.themes),
            "lead_reviewer": review.lead_reviewer,
            "track": review.track,
            "decided": review.decision.on if review.decision else None,
            "published": publication_date(schedule),
            "publication_address": review.publication_address,
            "briefing_circulated": completed.get("briefing-circulated"),
            "holds": [{"reason": h.reason, "from": h.start, "to": h.end} for h in review.holds],
        },
        # Officers' names (who recorded each stage) are left out: they are not for publication.
        "stages": [
            {"key": s.stage.key, "title": s.stage.title, "owner": s.stage.owner, "state": s.state,
             "due": s.due, "done": s.done}
            for s in schedule.states
        ],
        "recommendations": [
            {"key": rec.key, "text": rec.text, "actions": [
                {"key": a.key, "agency": a.agency, "due": a.due, "text": a.text, "status": a.status}
                for a in rec.actions
            ]}
            for rec in review.recommendations
        ],
        "learning": {
            "background": list(learning.background),
            "why_it_matters": list(learning.why_it_matters),
            "learning": list(learning.learning),
            "remember": list(learning.remember),
            "what_to_do": list(learning.what_to_do),
            "further_reading": list(learning.further_reading),
        },
        "parts": parts(learning),
        "today": today,
    }


def sections(context: dict[str, Any]) -> list[tuple[str, str]]:
    """(section name, text) for every string a template can show, named as an officer knows it."""
    found: list[tuple[str, str]] = []
    for part in context["parts"]:
        name = FIELDS[part["key"]] if part["key"] != "learning" else f"{part['number']}. Key learning"
        found += [(f"{name} ({BRIEFING_FILE})", text) for text in part["paragraphs"] + part["points"]]
    found += [(f"{FIELDS['further_reading']} ({BRIEFING_FILE})", t) for t in context["learning"]["further_reading"]]

    def walk(value: Any, path: str) -> None:
        if isinstance(value, str):
            found.append((path, value))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{path}.{key}" if path else key)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{path}[{index}]")

    for key in ("partnership", "review", "stages", "recommendations"):
        walk(context[key], key)
    return found


# -- checking --------------------------------------------------------------------------------------

def refuse_restricted(context: dict[str, Any], text: str, template: str, fmt: str, terms: list[str]) -> None:
    """Raise RestrictedTermFound naming (by number) each term in the output and the section holding it."""
    import html
    import re

    from cspr.model.restricted import (
        NUMBERED,
        Finding,
        find_terms,
        lines_holding,
        term_number,
        terms_in,
    )

    # What a reader sees: for HTML, entities (&#39;) are undone and tags taken out, so neither
    # escaping nor markup between two words can hide a name.
    shown = [text] if fmt != "html" else [html.unescape(text), html.unescape(re.sub(r"<[^>]*>", " ", text))]
    published = [term for term in terms if any(terms_in(version, [term]) for version in shown)]
    if not published:
        return
    # A term is put down to the learning or the record only where that text is in the output;
    # anything else came from the template itself.
    flat = [" ".join(version.split()) for version in shown]
    rendered = [(name, value) for name, value in sections(context)
                if any(" ".join(value.split()) in version for version in flat)]
    findings = find_terms(rendered, published)
    placed = {f.term.casefold() for f in findings}
    for term in published:
        if term.casefold() not in placed:  # words the template itself adds
            lines = ", ".join(str(n) for n in sorted({n for v in shown for n in lines_holding(v, term)}))
            findings.append(Finding(term, f"the template {template} (output line {lines})"))
    listed = "; ".join(f"{term_number(f.term, terms)} in {f.section}" for f in findings)
    raise RestrictedTermFound(
        f"refused: the briefing holds restricted terms, so nothing was written: {listed} ({NUMBERED}). "
        "Use pseudonyms only, then run 'cspr brief' again"
    )
