"""The board dashboard as static HTML pages: an overview, a page per review, the yearly figures.

Pages come from the Jinja templates under `templates/dashboard/` (a workspace overrides one
by giving its own the same path), rendered in the briefing sandbox over plain data. Each
review's timeline is drawn here as SVG coordinates, so the pages need no JavaScript; the
template draws the shapes and gives the chart a title and a description in words.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from cspr.model.config import Config
from cspr.model.dates import lateness, long_date
from cspr.model.statuses import Rag, StageStatus
from cspr.present import templates as render
from cspr.present.reviews import STATE_WORDS, state_cell
from cspr.present.stats import stats_listing
from cspr.reports.dashboard import RAG_WORDS, Board, ReviewBoard, ReviewLine, line_of
from cspr.reports.timeline import (
    DONE_MARK,
    DUE_MARK,
    HOLD_SPAN,
    LATE_SPAN,
    OVERDUE_SPAN,
    PLANNED_MARK,
    Timeline,
    span_of,
)

INDEX = "index.html"
FIGURES = "figures.html"
REVIEWS = "reviews"
TEMPLATES = {"index": "dashboard/index.html.j2", "review": "dashboard/review.html.j2",
             "figures": "dashboard/figures.html.j2"}
MARKER = ".cspr-dashboard"  # marks a folder cspr wrote, so only a dashboard is ever replaced

# the chart's geometry, in SVG user units
LABEL_WIDTH, CHART_WIDTH, ROW_HEIGHT, AXIS_HEIGHT = 230, 640, 24, 28
KIND_WORDS = {DONE_MARK: "done", DUE_MARK: "due", PLANNED_MARK: "planned", OVERDUE_SPAN: "overdue",
              LATE_SPAN: "done late", HOLD_SPAN: "on hold"}


def review_page(review_id: str) -> str:
    return f"{REVIEWS}/{review_id}.html"


# -- the timeline as SVG -----------------------------------------------------------------------

def timeline_svg(timeline: Timeline, title: str, coordinates: bool = True) -> dict[str, Any]:
    """The chart drawn (`drawing`: a row per line, month ticks), today's rule, and with
    `coordinates` the rows', ticks' and shapes' coordinates for a template to draw from.

    Drawn here rather than in the template: looping over a few dozen shapes in Jinja was three
    quarters of each review page's time, and a dashboard has a page per open review. The
    template keeps the chart's frame, its title and its description in words; a workspace's
    own template can still draw from the coordinates (`own_templates`), which otherwise are
    not worked out: their dictionaries were a third of the chart's time."""
    from markupsafe import Markup

    start, end = span_of(timeline)
    span = max((end - start).days, 1)
    first, last = start.toordinal(), end.toordinal()

    def x(day: int) -> float:  # a day, as its ordinal
        return round(LABEL_WIDTH + (min(max(day, first), last) - first) * CHART_WIDTH / span, 1)

    height = AXIS_HEIGHT + len(timeline.lines) * ROW_HEIGHT + 8
    drawn: list[str] = []
    months = []
    day = start
    while day <= end:
        months.append(day)
        day = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    step = next(s for s in (1, 2, 3, 6, 12, 24, 60) if len(months) / s <= 12)
    ticks: list[dict[str, Any]] = []
    for i, m in enumerate(months):
        if (m.year * 12 + m.month - 1) % step and i:
            continue
        at = x(m.toordinal())
        if ticks and at - ticks[-1]["x"] < 60:  # room for "Jun 2025" before the next label
            continue
        label = f"{m:%b %Y}" if m.month == 1 or i == 0 else f"{m:%b}"
        ticks.append({"x": at, "label": label})
        drawn.append(f'  <line x1="{at}" y1="{AXIS_HEIGHT - 6}" x2="{at}" y2="{height - 8}" stroke="#ddd"/>\n'
                     f'  <text x="{at + 2}" y="{AXIS_HEIGHT - 10}">{_escaped(label)}</text>')
    rows = []
    for index, line in enumerate(timeline.lines):
        y = AXIS_HEIGHT + index * ROW_HEIGHT
        mid = y + ROW_HEIGHT / 2
        label = line.label.strip()
        indent = line.label != line.label.lstrip()
        drawn.append(f'  <text x="{16 if indent else 4}" y="{mid + 4}">{_escaped(label)}</text>\n'
                     f'  <line x1="{LABEL_WIDTH}" y1="{mid}" x2="{LABEL_WIDTH + CHART_WIDTH}" y2="{mid}" stroke="#eee"/>')
        offsets = (f"{mid}", f"{mid - 6}", f"{mid + 6}", f"{mid + 5}", f"{mid - 5}")
        shapes = []
        for kind, begins, ends in line.marks:
            left = x(begins.toordinal())
            right = x(ends.toordinal() + 1) if ends else left
            width = round(max(right - left, 2), 1)
            words, shown = _mark_words(kind, begins, ends)
            if coordinates:
                shapes.append({"kind": kind, "x": left, "x2": max(right, left + 2), "width": width, "words": words})
            shape = _shape(kind, left, width, y, offsets)
            if shape is not None:
                drawn.append(f"  {shape[0]}<title>{shown}</title>{shape[1]}")
        if coordinates:
            rows.append({"y": y, "mid": mid, "label": label, "indent": indent, "note": line.note,
                         "state": line.state, "shapes": shapes})
    described = "; ".join(f"{line.label.strip()}: {line.note}" for line in timeline.lines if line.note)
    chart = {
        "width": LABEL_WIDTH + CHART_WIDTH + 10, "height": height, "label_width": LABEL_WIDTH,
        "chart_right": LABEL_WIDTH + CHART_WIDTH, "axis": AXIS_HEIGHT, "row_height": ROW_HEIGHT,
        "title": title, "desc": f"As of {long_date(timeline.today)}, from {long_date(start)} to "
                                f"{long_date(end)}. {described}.",
        "today": x(timeline.today.toordinal()), "today_label": long_date(timeline.today),
        "drawing": Markup("\n".join(drawn)),
    }
    return {**chart, "ticks": ticks, "rows": rows} if coordinates else chart


_MARKUP = re.compile(r"[&<>'\"]")


def _escaped(text: str) -> str:
    """Text as Jinja escapes it (markupsafe), quickly for the common text that needs nothing."""
    if _MARKUP.search(text) is None:
        return text
    from markupsafe import escape

    return str(escape(text))


@lru_cache(maxsize=8192)  # the same few thousand days over and over, across the pages
def _mark_words(kind: str, start: dt.date, end: dt.date | None) -> tuple[str, str]:
    """A mark in words ("done Fri 10 Apr 2026"), and escaped."""
    words = f"{KIND_WORDS.get(kind, kind)} {long_date(start)}" + (f" to {long_date(end)}" if end else "")
    return words, _escaped(words)


# How each kind of mark is drawn: its SVG element before the words, and after them (the words
# go in a <title>, which a screen reader reads), from its x and width, its row's top, and its
# row's middle with the offsets the shapes use (as text, worked out once a row).
def _shape(kind: str, x: float, width: float, y: int, mid: tuple[str, ...]) -> tuple[str, str] | None:
    if kind == DONE_MARK:
        return f'<circle cx="{x}" cy="{mid[0]}" r="5" fill="#1d5a1d">', "</circle>"
    if kind == DUE_MARK:
        return (f'<path d="M {x} {mid[1]} L {x + 6} {mid[0]} L {x} {mid[2]} L {x - 6} {mid[0]} Z" fill="#fff" '
                'stroke="#1f4e79" stroke-width="2">', "</path>")
    if kind == HOLD_SPAN:
        return (f'<rect x="{x}" y="{y + 5}" width="{width}" height="{ROW_HEIGHT - 10}" fill="url(#hatch)">',
                "</rect>")
    if kind == OVERDUE_SPAN:
        return f'<rect x="{x}" y="{y + 8}" width="{width}" height="{ROW_HEIGHT - 16}" fill="#c00000">', "</rect>"
    if kind == LATE_SPAN:
        return f'<rect x="{x}" y="{y + 9}" width="{width}" height="{ROW_HEIGHT - 18}" fill="#d98c00">', "</rect>"
    if kind == PLANNED_MARK:
        return (f'<path d="M {x - 5} {mid[3]} L {x + 5} {mid[3]} L {x} {mid[4]} Z" fill="#fff" stroke="#555" '
                'stroke-width="1.5">', "</path>")
    return None


# -- the pages' data ---------------------------------------------------------------------------

def _rag(rag: str) -> dict[str, str]:
    return {"key": str(rag), "word": RAG_WORDS[Rag(rag)]}


def _review_row(line: ReviewLine) -> dict[str, Any]:
    return {
        "id": line.id, "child": line.child, "page": review_page(line.id),
        "track": line.track or "awaiting decision",
        "next_stage": line.next_title, "next_key": line.next_key, "next_due": line.next_due,
        "next_when": lateness((line.as_of - line.next_due).days) if line.next_due else None,
        "rag": _rag(line.rag), "reason": line.reason,
        "hold": {"reason": line.hold.reason, "since": line.hold.start} if line.hold else None,
    }


def _common(config: Config, as_of: dt.date, within: int, root: str) -> dict[str, Any]:
    return {"partnership": {"name": config.partnership, "website": config.website},
            "as_of": as_of, "within": within, "root": root,
            "index": root + INDEX, "figures": root + FIGURES}


def index_context(config: Config, board: Board) -> dict[str, Any]:
    return {
        **_common(config, board.as_of, board.within, ""),
        "reviews": [_review_row(r) for r in board.reviews],
        "overdue": board.overdue, "due_soon": board.due_soon,
        "on_hold": [_review_row(r) for r in board.on_hold],
        "agencies": [{"agency": a.agency, "red": a.red, "amber": a.amber, "green": a.green} for a in board.agencies],
    }


def review_context(config: Config, review: ReviewBoard, within: int, coordinates: bool = True) -> dict[str, Any]:
    schedule, r = review.schedule, review.schedule.review
    stages = []
    for state in schedule.states:
        stages.append({
            "key": state.stage.key, "title": state.stage.title, "owner": state.stage.owner,
            "due": state.due, "done": state.done, "state": STATE_WORDS.get(state.state, str(state.state)),
            "overdue": state.state == StageStatus.OVERDUE, "words": state_cell(state, schedule.as_of),
            "agencies": [{"agency": a.agency, "done": a.done} for a in state.agencies],
        })
    recommendations = []
    by_key = {}
    for state in review.actions:
        by_key.setdefault(state.recommendation.key, []).append({
            "key": state.action.key, "text": state.action.text, "agency": state.action.agency,
            "due": state.action.due, "status": state.action.status.replace("-", " "),
            "rag": _rag(state.rag), "reason": state.reason,
        })
    for recommendation in r.recommendations:
        recommendations.append({"key": recommendation.key, "text": recommendation.text,
                                "actions": by_key.get(recommendation.key, [])})
    return {
        **_common(config, schedule.as_of, within, "../"),
        "review": {**_review_row(line_of(review)), "aware": r.aware, "incident": r.incident,
                   "agencies": list(r.agencies), "themes": list(r.themes),
                   "decision": {"track": r.decision.track, "on": r.decision.on} if r.decision else None},
        "stages": stages,
        "holds": [{"reason": h.reason, "start": h.start, "end": h.end, "days": h.days()} for h in r.holds],
        "recommendations": recommendations,
        "red_actions": sum(1 for s in review.actions if s.rag == Rag.RED),
        "timeline": timeline_svg(review.timeline, f"Timeline of {r.id} ({r.child})", coordinates),
    }


def figures_context(config: Config, board: Board) -> dict[str, Any]:
    listing = stats_listing(board.stats)
    return {**_common(config, board.as_of, board.within, ""), "title": listing.title, "summary": listing.summary,
            "rows": [{"figure": row["figure"].strip(), "level": (len(row["figure"]) - len(row["figure"].lstrip())) // 2,
                      "value": row["value"]} for row in listing.rows]}


def renderer(template_dirs: list[Path]) -> Callable[[str, dict[str, Any]], str]:
    """Render the dashboard's pages by template key ("index", "review", "figures"): each
    template compiled once for every page."""
    html = render.renderer(template_dirs, "html")
    return lambda key, context: html(TEMPLATES[key], context)


def review_html(html: Callable[[str, dict[str, Any]], str], config: Config, review: ReviewBoard, within: int,
                coordinates: bool = True) -> str:
    return html("review", review_context(config, review, within, coordinates))


def own_templates(template_dirs: list[Path]) -> bool:
    """Whether the workspace has dashboard templates of its own, which may draw the timeline
    from its coordinates (the built-in ones show it drawn)."""
    from cspr.storage.paths import packaged_templates_dir

    packaged = packaged_templates_dir().resolve()
    return any((folder / "dashboard").is_dir() for folder in template_dirs if folder.resolve() != packaged)


def overview_pages(html: Callable[[str, dict[str, Any]], str], config: Config, board: Board) -> dict[str, str]:
    """The overview and the figures: their paths in the dashboard folder and their HTML."""
    return {INDEX: html("index", index_context(config, board)), FIGURES: html("figures", figures_context(config, board))}
