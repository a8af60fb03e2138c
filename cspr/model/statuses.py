"""The words a review, a stage, an action and a report item can be in: one enum each.

They are StrEnums, so each member is also its plain string: JSON, CSV and the YAML files carry
the same words ("overdue", "on-hold", "not-started") as before, and a comparison with a string
read from a file still works.
"""

from __future__ import annotations

from enum import StrEnum


class StageStatus(StrEnum):
    """Where one stage of a review stands on a given day."""

    DONE = "done"
    OVERDUE = "overdue"
    DUE = "due"
    ON_HOLD = "on-hold"  # publication stages during parallel proceedings: never overdue
    WAITING = "waiting"  # counted from a stage not yet done, and no provisional date to show
    NO_DEADLINE = "no-deadline"
    SKIPPED = "skipped"  # an optional stage that will not happen (`cspr skip`)


class ItemStatus(StrEnum):
    """An item of the overdue report."""

    OVERDUE = "overdue"
    DUE_SOON = "due-soon"
    ON_HOLD = "on-hold"


class ActionStatus(StrEnum):
    """What an agency last reported of an action (written in the review file)."""

    NOT_STARTED = "not-started"
    OPEN = "open"
    IN_PROGRESS = "in-progress"
    COMPLETE = "complete"


class Rag(StrEnum):
    """An action's rating: red, amber or green."""

    RED = "red"
    AMBER = "amber"
    GREEN = "green"


class ReviewStatus(StrEnum):
    """A review as the list of reviews shows it."""

    OPEN = "open"
    ON_HOLD = "on-hold"
    CLOSED = "closed"
