"""Every error a user can cause, in one hierarchy that the CLI maps to exit codes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class CsprError(Exception):
    """A problem the user can fix: printed as one line on stderr, exit status 1."""

    exit_code = 1


class UsageError(CsprError):
    """Input that cannot be used (bad date, unknown stage, ...).

    `option` names the input the message is about ("on" for a date), without saying how it
    was given: the command line shows it as `--on 2026-12-01 is in the future`, an import
    names the spreadsheet cell instead.
    """

    def __init__(self, message: str, *, option: str | None = None):
        super().__init__(message)
        self.option = option


class WorkspaceError(CsprError):
    """No workspace, or a workspace that is not set up as the tool expects."""


class StateError(CsprError):
    """A command that does not fit the review's state (completing twice, deciding twice...)."""


class RestrictedTermFound(CsprError):
    """A restricted term (a real name, address or school) in something about to be written."""


class UnsafeTemplate(CsprError):
    """A workspace template that reaches for Python internals or runs away with memory."""


class MailError(CsprError):
    """The mail server could not be reached, refused the login, or refused a message."""


class GitError(CsprError):
    """Git refused, or the working tree is not in a state the tool may commit from."""


@dataclass(frozen=True)
class Location:
    """Where in a data file a problem sits; line and column count from 1."""

    path: Path | str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        text = str(self.path)
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        return text


class DataError(CsprError):
    """A data file (review, process, configuration) that cannot be used as written."""

    def __init__(self, location: Location, message: str):
        super().__init__(f"{location}: {message}")
        self.location = location
        self.message = message


class InvalidField(Exception):
    """Raised by pure validation: `path` names the key path, so storage can find its line."""

    def __init__(self, path: tuple[str | int, ...], message: str, *, at_key: bool = False):
        super().__init__(message)
        self.path = path
        self.message = message
        self.at_key = at_key  # point at the key itself (an unknown key), not at its value


class TrackerRefused(CsprError):
    """A spreadsheet tracker with problems: every one is listed, and nothing was imported."""

    def __init__(self, message: str, problems: list[str]):
        super().__init__(message)
        self.problems = problems
