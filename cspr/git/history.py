"""The audit trail, read back from git: who changed which review, when, and how.

Every change cspr makes is a commit whose message ends with the trailers `Review: <id>` and
`Cspr-Action: <command>` (see `gitrepo.message`). A commit without them was made by hand;
it still belongs to the trail, as a "hand-edit" of each review whose files it touched.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cspr.storage.paths import CHASES_DIR, REVIEWS_DIR

HAND_EDIT = "hand-edit"
UNDO = "undo"
CHASE = "chase"

# `git revert` writes this line; `cspr undo` writes it too, so either kind is understood.
_REVERTS = re.compile(r"^This reverts commit ([0-9a-f]{40})\b", re.MULTILINE)
# `cspr undo` also names what it undid by author and date, which a rebase by sync keeps
# (the commit id above changes when an unsent change is rebased).
_UNDONE = re.compile(r"^Undone: \S+ by [^<>]*<([^<>]+)> on (\S+?)\.?$", re.MULTILINE)
_TRAILER = re.compile(r"^([A-Za-z][A-Za-z0-9-]*): (.*)$")

# One record per commit: fields split by US, records by RS, so no message text can break them.
_FORMAT = "%x1e%H%x1f%aI%x1f%an%x1f%ae%x1f%B%x1f"


@dataclass(frozen=True)
class Entry:
    """One change in the trail. A hand commit touching two reviews gives two entries."""

    commit: str
    when: dt.datetime
    officer: str
    email: str
    review: str | None
    action: str
    summary: str
    files: tuple[str, ...] = ()
    reverts: str | None = None  # the commit an undo reverses
    undoes: tuple[str, str] | None = None  # and that commit's author email and date (ISO)
    chased: tuple[str, ...] = ()  # a chase: the reviews whose items its messages named

    @property
    def short(self) -> str:
        return self.commit[:7]

    def record(self) -> dict[str, str | dt.datetime | None]:
        """The JSON/CSV shape documented in docs/ (the date written as ISO 8601 text)."""
        return {
            "commit": self.commit,
            "date": self.when,
            "officer": self.officer,
            "email": self.email,
            "review": self.review,
            "action": self.action,
            "summary": self.summary,
            "reverts": self.reverts,
        }


RECORD_FIELDS = ["commit", "date", "officer", "email", "review", "action", "summary", "reverts"]


@dataclass(frozen=True)
class Message:
    subject: str
    trailers: dict[str, str]
    text: str


def parse_message(text: str) -> Message:
    """Split a commit message into its subject and its trailers (the last paragraph's `Key: value` lines)."""
    text = text.strip("\n")
    subject = text.split("\n", 1)[0].strip()
    paragraphs = text.split("\n\n")
    trailers: dict[str, str] = {}
    if len(paragraphs) > 1:
        lines = [line for line in paragraphs[-1].splitlines() if line.strip()]
        matches = [_TRAILER.match(line) for line in lines]
        if lines and all(matches):
            trailers = {m.group(1).lower(): m.group(2).strip() for m in matches if m}
    return Message(subject, trailers, text)


def reviews_touched(files: Iterable[str]) -> list[str]:
    """The review IDs whose folders (reviews/<ID>/...) these paths lie in, in order."""
    found: list[str] = []
    for name in files:
        parts = name.split("/")
        if len(parts) >= 3 and parts[0] == REVIEWS_DIR and parts[1] not in found:
            found.append(parts[1])
    return found


# A chase commit's body has a line per message sent, `- OWNER: ADDRESSES: ITEM, ITEM`, each
# item `REVIEW-ID STAGE` with maybe ` (AGENCY)` (ops/chase.py); an ID has no spaces.
_CHASE_LINE = re.compile(r"^- .*?: [^:]*: (.+)$", re.MULTILINE)


def reviews_chased(text: str) -> tuple[str, ...]:
    """The review IDs a chase commit's message names, in order (older chases' commits too)."""
    from cspr.model.ids import ID_PATTERN

    found: dict[str, None] = {}
    for items in _CHASE_LINE.findall(text):
        for item in items.split(", "):
            first = item.split(" ", 1)[0]
            if ID_PATTERN.fullmatch(first):
                found[first] = None
    return tuple(found)


def entries_for_commit(commit: str, when: dt.datetime, officer: str, email: str,
                       message_text: str, files: tuple[str, ...]) -> list[Entry]:
    message = parse_message(message_text)
    action = message.trailers.get("cspr-action")
    if action:
        review = message.trailers.get("review") or None
        summary = message.subject
        if review and summary.startswith(f"{review}: "):
            summary = summary[len(review) + 2:]
        reverted = _REVERTS.search(message.text)
        undone = _UNDONE.search(message.text)
        # A change to several reviews at once (`cspr import`) names none in its trailers: it
        # belongs to the trail of each review whose files it touched.
        reviews = [review] if review else (reviews_touched(files) or [None])
        chased = reviews_chased(message.text) if action == CHASE and not review else ()
        return [Entry(commit, when, officer, email, each, action, summary, files,
                      reverted.group(1) if reverted else None,
                      (undone.group(1), undone.group(2)) if undone else None, chased)
                for each in reviews]
    reviews = reviews_touched(files) or [None]
    return [Entry(commit, when, officer, email, review, HAND_EDIT, message.subject, files) for review in reviews]


def read(root: Path, *revisions: str, paths: Iterable[str] = ()) -> list[Entry]:
    """The entries for `git log REVISIONS -- PATHS`, newest first (merges left out)."""
    from cspr.git.run import git, head

    if head(root) is None:
        return []
    out = git(root, "log", "--no-merges", "--no-renames", f"--format={_FORMAT}", "--name-only",
              *(revisions or ("HEAD",)), "--", *paths).out
    found: list[Entry] = []
    for record in out.split("\x1e")[1:]:
        commit, when, officer, email, message_text, names = record.split("\x1f")
        files = tuple(line for line in names.splitlines() if line.strip())
        found += entries_for_commit(commit, dt.datetime.fromisoformat(when), officer, email, message_text, files)
    return found


RENAME = "rename"
_RENAMED_FROM = re.compile(r"^renamed from (\S+) to ")


def review_trail(root: Path, review_id: str, revision: str = "HEAD") -> list[Entry]:
    """One review's changes up to `revision`, newest first, following `cspr rename`: before
    the rename that gave it this ID, its changes under the old ID belong to it too. A chase
    that named the review belongs to its trail (the whole log shows it once, with no review)."""
    from dataclasses import replace

    found = [e if e.review == review_id else replace(e, review=review_id)
             for e in read(root, revision, paths=[f"{REVIEWS_DIR}/{review_id}", CHASES_DIR])
             if e.review == review_id or review_id in e.chased]
    for index, entry in enumerate(found):
        renamed = _RENAMED_FROM.match(entry.summary) if entry.action == RENAME else None
        if renamed:
            return found[:index + 1] + review_trail(root, renamed.group(1), f"{entry.commit}^")
    return found


def audit_trail(root: Path, review_id: str | None = None, since: dt.date | None = None) -> list[Entry]:
    """What `cspr log` shows: every change (to one review, with an ID), newest first."""
    if review_id:
        from cspr.git.run import head

        found = review_trail(root, review_id) if head(root) is not None else []
    else:
        found = read(root)
    if since:
        found = [e for e in found if e.when.date() >= since]
    return found
