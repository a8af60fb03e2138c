"""Chase emails: one message per owner, plain text and HTML from templates, as an EmailMessage.

The two parts come from `chase.txt.j2` and `chase.html.j2` (the workspace's `templates/`
first, then the packaged ones), rendered in the same sandbox as briefings. The message is
multipart/alternative, so a mail program shows the HTML and a plain reader the text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from pathlib import Path
from typing import Any

from cspr.model.config import Config
from cspr.model.dates import day_count, long_date
from cspr.present import templates as render
from cspr.present.overdue import when_text
from cspr.reports.chase import Chase
from cspr.reports.overdue import Item

TEXT_TEMPLATE = "chase.txt.j2"
HTML_TEMPLATE = "chase.html.j2"


@dataclass(frozen=True)
class ChaseMessage:
    chase: Chase
    subject: str
    text: str
    html: str
    message: EmailMessage


def subject_for(config: Config, chase: Chase, as_of: dt.date) -> str:
    """'Testshire Safeguarding Partnership: 2 overdue, 1 due soon for Police (Mon 20 Apr 2026)'."""
    return (f"{config.partnership}: {chase.overdue} overdue, {chase.due_soon} due soon for {chase.owner} "
            f"({long_date(as_of)})")


def _what(stage: str) -> str:
    return f"action {stage.removeprefix('action:')}" if stage.startswith("action:") else stage


def chase_context(config: Config, chase: Chase, as_of: dt.date, within: int, subject: str) -> dict[str, Any]:
    """The plain data a chase template sees (documented in docs/chase-and-dashboard.md)."""
    reply_to = (config.mail.reply_to or config.mail.sender) if config.mail else "the business unit"
    return {
        "partnership": {"name": config.partnership, "website": config.website},
        "owner": chase.owner,
        "to": list(chase.to),
        "subject": subject,
        "as_of": as_of,
        "within": within,
        "overdue": chase.overdue,
        "due_soon": chase.due_soon,
        "reply_to": reply_to,
        "items": [
            {**item.record(), "due": item.due, "what": _what(item.stage), "when": when_text(item)}
            for item in chase.items
        ],
    }


def chase_message(template_dirs: list[Path], config: Config, chase: Chase, as_of: dt.date, within: int,
                  now: dt.datetime) -> ChaseMessage:
    """Render one owner's message; From and Reply-To come from `mail:` when it is set."""
    subject = subject_for(config, chase, as_of)
    context = chase_context(config, chase, as_of, within, subject)
    text = render.render(template_dirs, TEXT_TEMPLATE, "txt", context)
    html = render.render(template_dirs, HTML_TEMPLATE, "html", context)
    message = EmailMessage()
    if config.mail is not None:
        message["From"] = config.mail.sender
        if config.mail.reply_to:
            message["Reply-To"] = config.mail.reply_to
    message["To"] = ", ".join(chase.to)
    message["Subject"] = subject
    message["Date"] = format_datetime(now)
    domain = parseaddr(config.mail.sender)[1].partition("@")[2] if config.mail else None
    message["Message-ID"] = make_msgid("cspr-chase", domain=domain or "localhost")
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    return ChaseMessage(chase, subject, text, html, message)


def file_name(owner: str) -> str:
    """A safe .eml file name for an owner: 'Integrated Care Board' -> integrated-care-board.eml."""
    import re

    return (re.sub(r"[^a-z0-9]+", "-", owner.casefold()).strip("-") or "owner") + ".eml"


# -- what the command prints -------------------------------------------------------------------
# `run` is ops.chase's ChaseRun (present sits below ops, so it is read, not imported).

def item_line(item: Item) -> str:
    return f"    {item.review} ({item.child}) {_what(item.stage)}: {long_date(item.due)}, {when_text(item)}"


def recipients(chase: Chase) -> str:
    return ", ".join(chase.to)


def _counts(chase: Chase) -> str:
    return f"{chase.overdue} overdue, {chase.due_soon} due soon"


def chase_lines(run: Any) -> list[str]:
    """The text `cspr chase` prints: one line per message (and its items on a dry run)."""
    within = run.chases.within
    if not run.outcomes:
        if run.chases.without_contact:
            return ["Nothing to chase: no owner with overdue or due-soon items has a contact in cspr.yaml."]
        soon = "due today" if within == 0 else f"due in the next {day_count(within)}"
        return [f"Nothing to chase: nothing overdue or {soon}."]
    lines: list[str] = []
    for outcome in run.outcomes:
        chase = outcome.message.chase
        if outcome.status == "would-send":
            lines.append(f"{chase.owner} ({recipients(chase)}): {_counts(chase)}")
            lines += [item_line(item) for item in chase.items]
        elif outcome.status == "written":
            lines.append(f"wrote {outcome.file} for {chase.owner} ({recipients(chase)}): {_counts(chase)}")
        elif outcome.status == "sent" or outcome.delivered_to:
            lines.append(f"sent to {chase.owner} ({', '.join(outcome.delivered_to)}): {_counts(chase)}")
    return lines


def chase_record(outcome: Any) -> dict[str, Any]:
    """One message in `cspr chase --format json` (documented in docs/chase-and-dashboard.md)."""
    chase = outcome.message.chase
    return {
        "owner": chase.owner,
        "to": list(chase.to),
        "subject": outcome.message.subject,
        "status": outcome.status,
        "file": str(outcome.file) if outcome.file else None,
        "error": outcome.error,
        "items": [item.record() for item in chase.items],
    }


def chase_json(run: Any) -> str:
    from cspr.present.listing import to_json

    return to_json({
        "as_of": run.chases.as_of.isoformat(),
        "within": run.chases.within,
        "mode": run.mode,
        "messages": [chase_record(o) for o in run.outcomes],
        "without_contact": [
            {"owner": c.owner, "items": [item.record() for item in c.items]} for c in run.chases.without_contact
        ],
        "log_file": str(run.log_file) if run.log_file else None,
        "commit": run.commit,
    })
