"""Drawing a laid-out timeline: plain ASCII for pipes and files, rich colour at a terminal."""

from __future__ import annotations

from typing import Any

from cspr.model.dates import long_date
from cspr.model.statuses import StageStatus
from cspr.reports.timeline import (
    DONE_MARK,
    DUE_MARK,
    HOLD_SPAN,
    LATE_SPAN,
    OVERDUE_SPAN,
    PLANNED_MARK,
    TODAY_MARK,
    Grid,
    Timeline,
    layout,
)

PLAIN = {
    DONE_MARK: "*", DUE_MARK: "D", PLANNED_MARK: "P", TODAY_MARK: ":",
    OVERDUE_SPAN: "=", LATE_SPAN: "-", HOLD_SPAN: "~", None: " ",
}
FANCY = {
    DONE_MARK: "●", DUE_MARK: "◆", PLANNED_MARK: "◇", TODAY_MARK: "│",
    OVERDUE_SPAN: "━", LATE_SPAN: "─", HOLD_SPAN: "░", None: " ",
}
STYLES = {
    DONE_MARK: "green", DUE_MARK: "bold", PLANNED_MARK: "cyan", TODAY_MARK: "bold blue",
    OVERDUE_SPAN: "bold red", LATE_SPAN: "yellow", HOLD_SPAN: "grey50 on grey19", None: "",
}
KEY = [
    (DUE_MARK, "due"), (PLANNED_MARK, "planned"), (DONE_MARK, "done"), (LATE_SPAN, "done late"),
    (OVERDUE_SPAN, "overdue"), (HOLD_SPAN, "on hold"), (TODAY_MARK, "today"),
]
MIN_CHART = 20
NOTE_ROOM = 40  # a longer note runs on past the width rather than squeezing the chart
GAP = "  "


def _fit(timeline: Timeline, total_width: int) -> tuple[Grid, int, int]:
    """Lay out the chart in what is left of `total_width` after the labels and notes."""
    label_width = max([len(line.label) for line in timeline.lines] + [0])
    note_width = min(NOTE_ROOM, max([len(line.note) for line in timeline.lines] + [0]))
    chart = max(MIN_CHART, total_width - label_width - note_width - 2 * len(GAP))
    return layout(timeline, chart), label_width, note_width


def _axis(grid: Grid) -> str:
    chars = [" "] * grid.width
    for column, label in grid.ticks:
        text = "|" + label
        for offset, char in enumerate(text):
            position = column + offset
            if position >= len(chars):
                chars.append(char)
            else:
                chars[position] = char
    return "".join(chars).rstrip()


def _today_line(grid: Grid) -> str:
    column = grid.today_column or 0
    return " " * column + f"^ today {long_date(grid.timeline.today)}"


def plain(timeline: Timeline, total_width: int) -> str:
    """The timeline in plain ASCII: never cut, never coloured, the same on every machine."""
    title = " - ".join(timeline.facts)
    if not timeline.lines:
        return f"{title}\nNo open reviews.\n"
    grid, label_width, _ = _fit(timeline, total_width)
    pad = " " * (label_width + len(GAP))
    out = [title, pad + _axis(grid)]
    for line, row in zip(timeline.lines, grid.cells, strict=True):
        chart = "".join(map(PLAIN.__getitem__, row))
        out.append((line.label.ljust(label_width) + GAP + chart + GAP + line.note).rstrip())
    out.append(pad + _today_line(grid))
    out.append("Key: " + "  ".join(f"{PLAIN[kind]} {words}" for kind, words in KEY))
    return "\n".join(out) + "\n"


def print_rich(console: Any, timeline: Timeline) -> None:
    """The same chart in colour: overdue in red, holds shaded, today a blue rule."""
    from rich.text import Text

    console.print(Text(" · ".join(timeline.facts), style="bold"))
    if not timeline.lines:
        console.print("No open reviews.")
        return
    grid, label_width, _ = _fit(timeline, console.width)
    pad = " " * (label_width + len(GAP))
    console.print(Text(pad + _axis(grid), style="dim"), no_wrap=True, crop=False)
    for line, row in zip(timeline.lines, grid.cells, strict=True):
        late = line.state == StageStatus.OVERDUE
        text = Text(line.label.ljust(label_width), style="bold red" if late else "")
        text.append(GAP)
        for cell in row:
            style = STYLES[cell]
            if late and cell == DUE_MARK:
                style = "bold red"
            text.append(FANCY[cell], style=style)
        text.append(GAP)
        text.append(line.note, style="red" if late else "dim")
        console.print(text, no_wrap=True, crop=False)
    console.print(Text(pad + _today_line(grid).replace("^", "▲"), style="bold blue"), no_wrap=True, crop=False)
    key = Text("Key: ")
    for kind, words in KEY:
        key.append(FANCY[kind], style=STYLES[kind])
        key.append(f" {words}  ")
    console.print(key)
