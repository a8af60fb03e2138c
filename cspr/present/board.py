"""The board paper as the plain data its templates see (Markdown, HTML, Word), and its rendering."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cspr.model.dates import long_date
from cspr.present.stats import stats_listing
from cspr.reports.board import Board, standing

if TYPE_CHECKING:
    from cspr.model.config import Config

TEMPLATES = {"md": "board.md.j2", "html": "board.html.j2", "docx": "board.docx"}


def board_context(config: Config, board: Board, today: dt.date) -> dict[str, Any]:
    """Everything a board template may use (listed in docs/import-and-export.md)."""
    period = board.period
    figures = stats_listing(board.stats)
    return {
        "partnership": {"name": config.partnership, "website": config.website},
        "period": {"name": period.name, "start": period.start, "end": period.end},
        "as_of": board.as_at,
        "today": today,
        "open_reviews": [
            {"id": r.id, "child": r.child, "track": r.track or "awaiting decision", "stage": r.stage,
             "next_stage": r.next_stage, "next_due": r.next_due,
             "next": f"{r.next_stage}, {long_date(r.next_due)}" if r.next_due else "",
             "rag": r.rag, "reason": r.reason, "hold": r.hold}
            for r in board.open_reviews
        ],
        "rag_counts": board.rag_counts,
        "completed": [
            {"review": e.review, "child": e.child, "stage": e.stage, "title": e.title, "due": e.due,
             "done": e.done, "on_time": e.on_time, "on_time_words": "yes" if e.on_time else "late"}
            for e in board.completed
        ],
        "slipped": [
            {"review": e.review, "child": e.child, "stage": e.stage, "title": e.title, "due": e.due,
             "done": e.done, "standing": standing(e, board.as_at)}
            for e in board.slipped
        ],
        "holds": [{"review": h.review, "child": h.child, "reason": h.reason, "start": h.start, "end": h.end}
                  for h in board.holds],
        "publications": [
            {"review": p.review, "decided": p.decided, "published": p.published, "days": p.days,
             "deadline": p.deadline, "within_deadline": bool(p.within_deadline), "days_on_hold": p.days_on_hold,
             "hold_reasons": list(p.hold_reasons)}
            for p in board.stats.publications
        ],
        "agencies": [{"agency": a.agency, "red": a.red, "amber": a.amber, "green": a.green, "total": a.total}
                     for a in board.agencies],
        "figures": [{"figure": row["figure"].strip(), "value": row["value"]} for row in figures.rows],
        "figures_note": figures.summary or "",
    }


def render_board(dirs: Sequence[Path], fmt: str, context: dict[str, Any]) -> tuple[str, bytes | None, str]:
    """(the words a reader sees, the .docx bytes for Word, the template's name)."""
    if fmt == "docx":
        from cspr.present.docx import document_text, find_word_template, render_docx

        template = find_word_template(dirs, TEMPLATES["docx"])
        data = render_docx(dirs, template, context)
        return document_text(data), data, template.name
    from cspr.present import templates as render

    name = render.find_template(dirs, TEMPLATES[fmt], fmt)
    return render.render(dirs, name, fmt, context), None, name
