"""A review file of several MB, as the benchmark writes one: a long `recommendations:` block."""

from __future__ import annotations

from pathlib import Path


def recommendations(count: int, *, note_at: int | None = None) -> str:
    """`count` recommendations of three actions with five updates each (about 2.5 KB apiece);
    a hand-written comment line above recommendation `note_at`."""
    lines = ["recommendations:"]
    for number in range(1, count + 1):
        if number == note_at:
            lines.append("  # from here on, the panel's recommendations (a hand-written note)")
        lines += [f"  R{number}:", f"    text: Recommendation {number}, written at the length a real one runs to.",
                  "    actions:"]
        for action in range(1, 4):
            lines += [f"      R{number}.{action}:", "        agency: Police", "        due: 2026-09-30",
                      f"        text: Action {action} answering recommendation {number}.", "        updates:"]
            for month in range(1, 6):
                lines += [f"          - on: 2026-0{month}-15", "            status: in-progress",
                          "            note: Progress reported to the QPP subgroup, with evidence.",
                          "            by: Officer One"]
    return "\n".join(lines) + "\n"


def make_large(path: Path, count: int, *, note_at: int | None = None) -> None:
    """Give the review written by `cspr new` at `path` a long history of actions."""
    text = path.read_text()
    assert text.endswith("recommendations: {}\n")
    path.write_text(text.replace("recommendations: {}\n", recommendations(count, note_at=note_at)))
