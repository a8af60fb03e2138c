"""A review's 7-minute briefing: the plain data its template sees, and the checks before it is published.

`briefing_context` is pure: it turns the review, its schedule, the partnership and the officer's
learning into dicts, lists, strings and dates (never the review objects themselves, so a
template can reach nothing else). `make_briefing` reads the files, renders, and refuses a
briefing that holds a restricted term, writing nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cspr.briefing_file import BRIEFING_FILE, FIELDS, Learning
from cspr.errors import CsprError, DataError, Location, StateError

if TYPE_CHECKING:
    from cspr.config import Config
    from cspr.deadlines import ReviewSchedule
    from cspr.workspace import Workspace

PUBLISHED_STAGES = ("published", "national-published")  # local review, else the National Panel's
LEARNING_PARTS = (3, 4, 5)
ONE_PAGE_WORDS = 450  # measured: the packaged HTML template in Chromium fits 400-500 words on A4


class RestrictedTermFound(CsprError):
    """A restricted term (a real name, address or school) in a briefing about to be written."""


@dataclass(frozen=True)
class Briefing:
    text: str
    template: str
    warnings: tuple[str, ...] = ()


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
    """Everything a briefing template may use; see the README for the fields."""
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


# -- reading, rendering, checking ------------------------------------------------------------------

def load_learning(workspace: Workspace, review_id: str, child: str) -> Learning:
    """Read `reviews/<ID>/briefing.yaml`, refusing it while it is still the skeleton."""
    from cspr import yamlio
    from cspr.briefing_file import parse_learning, skeleton_text
    from cspr.errors import InvalidField
    from cspr.workspace import data_error, relative

    path = workspace.review_dir(review_id) / BRIEFING_FILE
    if not path.is_file():
        raise StateError(
            f"{relative(path)} does not exist: write the learning there first "
            f"('cspr brief {review_id} --skeleton -o {relative(path)}' starts one), then commit it"
        )
    text = yamlio.read_text(path)
    if text.strip() == skeleton_text(child, review_id).strip():
        raise StateError(f"{relative(path)} is still the unedited skeleton: write the learning in it "
                         "(pseudonyms only), then run 'cspr brief' again")
    document = yamlio.parse_text(text, path)
    try:
        return parse_learning(document)
    except InvalidField as exc:
        raise data_error(path, exc, document) from None


def make_briefing(workspace: Workspace, review_id: str, fmt: str, template: str | None, today: dt.date) -> Briefing:
    """Render review ID's briefing, or refuse it; nothing is written here."""
    from cspr import render
    from cspr.reporting import schedule_for
    from cspr.restricted import TERMS_FILE, read_terms
    from cspr.workspace import PRIVATE_DIR, relative

    schedule = schedule_for(workspace, review_id, today)
    review = schedule.review
    published = publication_date(schedule)
    if published is None:
        raise StateError(f"{review_id} is not published yet, and a briefing carries the publication date: "
                         f"record it first with 'cspr complete {review_id} published --on DATE'")
    if not review.publication_address:
        raise DataError(Location(relative(workspace.review_path(review_id))),
                        "publication_address is empty, and a briefing carries it: write the web address "
                        "of the published report there, and commit it")
    learning = load_learning(workspace, review_id, review.child)
    context = briefing_context(workspace.config, schedule, learning, today)

    dirs = render.template_dirs(workspace.root)
    name = render.find_template(dirs, template, fmt)
    text = render.render(dirs, name, fmt, context)

    warnings: list[str] = []
    words = sum(len(chunk.split()) for part in context["parts"] for chunk in part["paragraphs"] + part["points"])
    if fmt == "html" and words > ONE_PAGE_WORDS:
        warnings.append(f"the learning runs to {words} words; more than about {ONE_PAGE_WORDS} may not fit "
                        "on one A4 page, so check the printout")
    terms_path = workspace.root / PRIVATE_DIR / TERMS_FILE
    terms = read_terms(terms_path)
    if not terms:
        warnings.append(f"no restricted terms listed in {relative(terms_path)}: the briefing was not "
                        "checked for real names, addresses or schools")
    else:
        refuse_restricted(context, text, name, fmt, terms)
    return Briefing(text, name, tuple(warnings))


def refuse_restricted(context: dict[str, Any], text: str, template: str, fmt: str, terms: list[str]) -> None:
    """Raise RestrictedTermFound naming each term in the output and the section holding it."""
    import html
    import re

    from cspr.restricted import Finding, find_terms, lines_holding, terms_in

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
    listed = "; ".join(f'"{f.term}" in {f.section}' for f in findings)
    raise RestrictedTermFound(
        f"refused: the briefing holds restricted terms, so nothing was written: {listed}. "
        "Use pseudonyms only, then run 'cspr brief' again"
    )
