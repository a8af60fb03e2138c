"""A review file of several MB, as the benchmark writes one: a long `recommendations:` block."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.bench import generator


def recommendations(count: int, *, note_at: int | None = None) -> str:
    """`count` recommendations of three actions with five updates each (about 2.5 KB apiece);
    a hand-written comment line above recommendation `note_at`."""
    return generator().large_recommendations(count, note_at=note_at)


def make_large(path: Path, count: int, *, note_at: int | None = None) -> None:
    """Give the review written by `cspr new` at `path` a long history of actions."""
    text = path.read_text()
    assert text.endswith("recommendations: {}\n")
    path.write_text(text.replace("recommendations: {}\n", recommendations(count, note_at=note_at)))
