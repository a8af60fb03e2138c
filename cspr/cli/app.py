"""The application object in click's `ctx.obj`: the workspace, today's date, and the console."""

from __future__ import annotations

import datetime as dt
import os
import sys
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # `cspr --help` and `--version` need no pathlib (nor urllib, which it imports)
    from pathlib import Path


def terminal_columns() -> int:
    """The terminal's width: COLUMNS, else the terminal's own, else 80 (as
    `shutil.get_terminal_size` works it out, without importing shutil, which imports three
    compression libraries: about a twentieth of the time `cspr --help` takes)."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class App:
    """One run's settings, from the global options and the command's own (a plain class, not a
    dataclass: `cspr --help` would import dataclasses and copy for it, about 2 ms of its 45)."""

    def __init__(self, workspace_option: str | None = None, color: bool | None = None,
                 debug: bool = False) -> None:
        self.workspace_option = workspace_option
        self.color = color
        self.debug = debug
        self.wide = False  # --wide: long texts in full (wrapped between words), never cut
        self.output: Path | None = None  # -o FILE: a listing written to a file (needed for xlsx)
        self.bom = False  # --bom: CSV starts with a byte-order mark, for Excel on Windows
        self._today: dt.date | None = None

    @cached_property
    def workspace(self):
        from cspr.storage.workspace import find_workspace

        return find_workspace(self.workspace_option)

    @property
    def today(self) -> dt.date:
        """Today, unless CSPR_TODAY pins it (for demos and reproducible reports)."""
        if self._today is None:
            pinned = os.environ.get("CSPR_TODAY")
            if pinned:
                from cspr.errors import UsageError
                from cspr.model.dates import parse_date

                try:
                    self._today = parse_date(pinned, dt.date.today())
                except ValueError as exc:
                    raise UsageError(f"CSPR_TODAY: {exc}") from None
            else:
                self._today = dt.date.today()
        return self._today

    def is_terminal(self) -> bool:
        return sys.stdout.isatty()

    def width(self) -> int:
        return max(20, terminal_columns())

    def use_color(self) -> bool:
        """--color/--no-color beats NO_COLOR, which beats whether stdout is a terminal."""
        if self.color is not None:
            return self.color
        if os.environ.get("NO_COLOR"):
            return False
        return self.is_terminal()

    def console(self, stderr: bool = False) -> Any:
        from rich.console import Console

        color = self.use_color()
        return Console(
            file=sys.stderr if stderr else sys.stdout,
            markup=False,
            highlight=False,
            emoji=False,
            no_color=not color,
            force_terminal=True if color else None,
            color_system="auto" if color else None,
            soft_wrap=False,
        )
