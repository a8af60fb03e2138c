"""The board dashboard as static HTML pages: an overview, a page per review, the yearly figures.

Pages come from the Jinja templates under `templates/dashboard/` (a workspace overrides one
by giving its own the same path), rendered in the briefing sandbox over plain data. Each
review's timeline is drawn here as SVG coordinates, so the pages need no JavaScript; the
template draws the shapes and gives the chart a title and a description in words.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from cspr.model.config import Config
from cspr.model.dates import lateness, long_date
from cspr.model.statuses import Rag, StageStatus
from cspr.present import templates as render
from cspr.present.reviews import STATE_WORDS, state_cell
from cspr.present.stats import stats_listing
from cspr.reports.dashboard import RAG_WORDS, Board, ReviewBoard
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

def timeline_svg(timeline: Timeline, title: str) -> dict[str, Any]:
    """Coordinates for the template to draw: a row per line, month ticks, today's rule."""
    start, end = span_of(timeline)
    span = max((end - start).days, 1)

    def x(day: dt.date) -> float:
        return round(LABEL_WIDTH + (min(max(day, start), end) - start).days * CHART_WIDTH / span, 1)

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
        if ticks and x(m) - ticks[-1]["x"] < 60:  # room for "Jun 2025" before the next label
            continue
        ticks.append({"x": x(m), "label": f"{m:%b %Y}" if m.month == 1 or i == 0 else f"{m:%b}"})
    rows = []
    for index, line in enumerate(timeline.lines):
        y = AXIS_HEIGHT + index * ROW_HEIGHT
        shapes = []
        for mark in line.marks:
            left = x(mark.start)
            right = x(mark.last + dt.timedelta(days=1)) if mark.end else left
            shapes.append({"kind": mark.kind, "x": left, "x2": max(right, left + 2), "width": round(max(right - left, 2), 1),
                           "words": f"{KIND_WORDS.get(mark.kind, mark.kind)} {long_date(mark.start)}"
                                    + (f" to {long_date(mark.last)}" if mark.end else "")})
        rows.append({"y": y, "mid": y + ROW_HEIGHT / 2, "label": line.label.strip(),
                     "indent": line.label != line.label.lstrip(), "note": line.note, "state": line.state,
                     "shapes": shapes})
    height = AXIS_HEIGHT + len(rows) * ROW_HEIGHT + 8
    described = "; ".join(f"{r['label']}: {r['note']}" for r in rows if r["note"])
    return {
        "width": LABEL_WIDTH + CHART_WIDTH + 10, "height": height, "label_width": LABEL_WIDTH,
        "chart_right": LABEL_WIDTH + CHART_WIDTH, "axis": AXIS_HEIGHT, "row_height": ROW_HEIGHT,
        "title": title, "desc": f"As of {long_date(timeline.today)}, from {long_date(start)} to "
                                f"{long_date(end)}. {described}.",
        "ticks": ticks, "today": x(timeline.today), "today_label": long_date(timeline.today), "rows": rows,
    }


# -- the pages' data ---------------------------------------------------------------------------

def _rag(rag: str) -> dict[str, str]:
    return {"key": str(rag), "word": RAG_WORDS[Rag(rag)]}


def _review_row(review: ReviewBoard) -> dict[str, Any]:
    r = review.schedule.review
    upcoming = review.next_deadline
    return {
        "id": r.id, "child": r.child, "page": review_page(r.id),
        "track": r.track or "awaiting decision",
        "next_stage": upcoming.stage.title if upcoming else None,
        "next_key": upcoming.stage.key if upcoming else None,
        "next_due": upcoming.due if upcoming else None,
        "next_when": lateness((review.schedule.as_of - upcoming.due).days) if upcoming and upcoming.due else None,
        "rag": _rag(review.rag), "reason": review.reason,
        "hold": {"reason": review.hold.reason, "since": review.hold.start} if review.hold else None,
    }


def _common(config: Config, board: Board, root: str) -> dict[str, Any]:
    return {"partnership": {"name": config.partnership, "website": config.website},
            "as_of": board.as_of, "within": board.within, "root": root,
            "index": root + INDEX, "figures": root + FIGURES}


def index_context(config: Config, board: Board) -> dict[str, Any]:
    return {
        **_common(config, board, ""),
        "reviews": [_review_row(r) for r in board.reviews],
        "overdue": board.overdue, "due_soon": board.due_soon,
        "on_hold": [_review_row(r) for r in board.on_hold],
        "agencies": [{"agency": a.agency, "red": a.red, "amber": a.amber, "green": a.green} for a in board.agencies],
    }


def review_context(config: Config, board: Board, review: ReviewBoard) -> dict[str, Any]:
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
        **_common(config, board, "../"),
        "review": {**_review_row(review), "aware": r.aware, "incident": r.incident,
                   "agencies": list(r.agencies), "themes": list(r.themes),
                   "decision": {"track": r.decision.track, "on": r.decision.on} if r.decision else None},
        "stages": stages,
        "holds": [{"reason": h.reason, "start": h.start, "end": h.end, "days": h.days()} for h in r.holds],
        "recommendations": recommendations,
        "red_actions": sum(1 for s in review.actions if s.rag == Rag.RED),
        "timeline": timeline_svg(review.timeline, f"Timeline of {r.id} ({r.child})"),
    }


def figures_context(config: Config, board: Board) -> dict[str, Any]:
    listing = stats_listing(board.stats)
    return {**_common(config, board, ""), "title": listing.title, "summary": listing.summary,
            "rows": [{"figure": row["figure"].strip(), "level": (len(row["figure"]) - len(row["figure"].lstrip())) // 2,
                      "value": row["value"]} for row in listing.rows]}


def pages(template_dirs: list[Path], config: Config, board: Board) -> dict[str, str]:
    """Every page's path in the dashboard folder and its HTML; nothing is written here."""
    html = render.renderer(template_dirs, "html")  # each template compiled once for every page
    found = {
        INDEX: html(TEMPLATES["index"], index_context(config, board)),
        FIGURES: html(TEMPLATES["figures"], figures_context(config, board)),
    }
    for review in board.reviews:
        found[review_page(review.id)] = html(TEMPLATES["review"], review_context(config, board, review))
    return found
