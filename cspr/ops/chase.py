"""`cspr chase`: one email per owner of what is theirs, checked, then shown, written or sent.

Every message is rendered and checked for restricted terms before any is written or sent.
With `--send`, a message the server refuses does not stop the others, and what was sent is
appended to `chases/<YEAR>.yaml` in one commit (`Cspr-Action: chase`), so the audit trail
shows when each agency was chased.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from dataclasses import dataclass
from pathlib import Path

from cspr.errors import DataError, Location, MailError, RestrictedTermFound, WorkspaceError
from cspr.model.config import PASSWORD_VARIABLE
from cspr.model.restricted import NUMBERED, term_number, terms_in
from cspr.ops.overdue import overdue
from cspr.present.mail import ChaseMessage, chase_message, file_name
from cspr.present.templates import template_dirs
from cspr.reports.chase import ChaseList, chase_list
from cspr.storage.paths import CHASES_DIR, relative
from cspr.storage.private import terms_to_check
from cspr.storage.workspace import Workspace

DRY_RUN, WRITE, SEND = "dry-run", "write", "send"
WOULD_SEND, WRITTEN, SENT, FAILED = "would-send", "written", "sent", "failed"


@dataclass(frozen=True)
class Outcome:
    """What became of one message."""

    message: ChaseMessage
    status: str  # would-send | written | sent | failed
    file: Path | None = None
    error: str | None = None
    delivered_to: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChaseRun:
    mode: str
    chases: ChaseList
    outcomes: tuple[Outcome, ...]
    warnings: tuple[str, ...]
    errors: tuple[DataError, ...]  # unreadable reviews, left out
    log_file: Path | None = None
    commit: str | None = None

    @property
    def failed(self) -> bool:
        return any(outcome.status == FAILED for outcome in self.outcomes)


def chase(workspace: Workspace, as_of: dt.date, today: dt.date, *, within: int, owner: str | None = None,
          mode: str = DRY_RUN, out_dir: Path | None = None, by: str | None = None,
          now: dt.datetime | None = None) -> ChaseRun:
    config = workspace.config
    now = now or dt.datetime.now().astimezone()
    report = overdue(workspace, as_of, within=within)
    chases = chase_list(report.items, config, as_of, within, owner)
    warnings = [
        f"no contact for {c.owner} ({_items(len(c.items))} not chased): add it under contacts: in cspr.yaml"
        for c in chases.without_contact
    ]
    if mode == SEND:
        _check_mail_settings(workspace)
    dirs = template_dirs(workspace.root)
    messages = [chase_message(dirs, config, c, as_of, within, now) for c in chases.chases]
    terms, unchecked = terms_to_check(workspace.root, "the messages were")
    if unchecked:
        warnings.append(unchecked)
    else:
        refuse_restricted(messages, terms)

    run = ChaseRun(mode, chases, (), tuple(warnings), tuple(report.errors))
    if mode == DRY_RUN:
        return _with(run, [Outcome(m, WOULD_SEND) for m in messages])
    if mode == WRITE:
        return _with(run, _write(messages, out_dir or Path(".")))
    return _send(workspace, run, messages, today, now, by)


def _with(run: ChaseRun, outcomes: list[Outcome], **changes) -> ChaseRun:
    from dataclasses import replace

    return replace(run, outcomes=tuple(outcomes), **changes)


def _items(count: int) -> str:
    return f"{count} item{'s' if count != 1 else ''}"


def refuse_restricted(messages: list[ChaseMessage], terms: list[str]) -> None:
    """Refuse every message when any holds a restricted term, naming the term (by number) and the owner."""
    found: list[str] = []
    for m in messages:
        # what a reader sees: headers, the text, and the HTML with entities undone and tags out
        shown = [str(m.message["To"]), m.subject, m.text, html.unescape(m.html),
                 html.unescape(re.sub(r"<[^>]*>", " ", m.html))]
        for term in terms:
            if any(terms_in(version, [term]) for version in shown):
                found.append(f"{term_number(term, terms)} in the message to {m.chase.owner}")
    if found:
        raise RestrictedTermFound(
            f"refused: the chase emails hold restricted terms, so no message was written or sent: "
            f"{'; '.join(found)} ({NUMBERED}). Use pseudonyms only, then run 'cspr chase' again"
        )


def _write(messages: list[ChaseMessage], folder: Path) -> list[Outcome]:
    from cspr.storage.yamlio import atomic_write

    outcomes = []
    for m in messages:
        path = folder / file_name(m.chase.owner)
        atomic_write(path, m.message.as_bytes())
        outcomes.append(Outcome(m, WRITTEN, file=path))
    return outcomes


def _check_mail_settings(workspace: Workspace) -> None:
    mail = workspace.config.mail
    if mail is None:
        raise WorkspaceError(f"{relative(workspace.config_path)} has no mail: settings, so nothing can be sent: "
                             "add mail: with from and smtp (see 'Chasing agencies' in the README), "
                             "or preview with 'cspr chase -o DIR'")
    if mail.smtp.username and not os.environ.get(PASSWORD_VARIABLE):
        raise WorkspaceError(f"mail: smtp: username is set but {PASSWORD_VARIABLE} is not: set the SMTP "
                             f"password in the environment variable {PASSWORD_VARIABLE} (never in cspr.yaml)")


def _send(workspace: Workspace, run: ChaseRun, messages: list[ChaseMessage], today: dt.date,
          now: dt.datetime, by: str | None) -> ChaseRun:
    from cspr.git import repo as gitrepo
    from cspr.git.change import Change, refuse_hand_edits, workspace_lock
    from cspr.storage.smtp import Transport

    if not messages:
        return run
    mail = workspace.config.mail
    assert mail is not None  # checked before anything was rendered
    officer = gitrepo.officer_for(workspace.root, by)
    log_path = workspace.root / CHASES_DIR / f"{today.year}.yaml"
    with workspace_lock(workspace):
        refuse_hand_edits(workspace, [log_path])  # before sending: a send must be recordable
        existing = _existing_log(log_path)
        outcomes: list[Outcome] = []
        with Transport(mail.smtp, os.environ.get(PASSWORD_VARIABLE)) as transport:
            transport.connect()  # a server that cannot be reached stops the run before any message
            for m in messages:
                try:
                    refused = transport.send(m.message)
                except MailError as exc:
                    outcomes.append(Outcome(m, FAILED, error=str(exc)))
                    continue
                delivered = tuple(a for a in m.chase.to if _address(a) not in refused)
                if refused:
                    outcomes.append(Outcome(m, FAILED, delivered_to=delivered,
                                            error=f"the mail server refused {', '.join(refused)}"))
                else:
                    outcomes.append(Outcome(m, SENT, delivered_to=delivered))
        sent = [o for o in outcomes if o.delivered_to]
        if not sent:
            return _with(run, outcomes)
        change = Change(workspace, officer, None, "chase")
        change.write(log_path, _log_text(existing, sent, run.chases.as_of, now))
        owners = ", ".join(o.message.chase.owner for o in sent)
        summary = f"chase: {len(sent)} message{'s' if len(sent) != 1 else ''} sent ({owners})"
        body = "\n".join(f"- {o.message.chase.owner}: {', '.join(o.delivered_to)}: "
                         f"{', '.join(_item_key(i) for i in o.message.chase.items)}" for o in sent)
        commit = change.commit(summary, body)
    return _with(run, outcomes, log_file=log_path, commit=commit)


def _address(text: str) -> str:
    from email.utils import parseaddr

    return parseaddr(text)[1]


def _item_key(item) -> str:
    return f"{item.review} {item.stage}" + (f" ({item.agency})" if item.agency and not item.stage.startswith("action:") else "")


def _existing_log(path: Path) -> str | None:
    from cspr.storage import yamlio

    if not path.exists():
        return None
    text = yamlio.read_text(path)
    data = yamlio.parse_text(text, path, round_trip=False)
    if data is not None and not isinstance(data, list):
        raise DataError(Location(relative(path)), "the chase log is a list of messages sent; "
                                                  "put it back as cspr wrote it (git checkout) and run again")
    return text


def _log_text(existing: str | None, sent: list[Outcome], as_of: dt.date, now: dt.datetime) -> str:
    from cspr.record.chases import appended, log_entry
    from cspr.storage import yamlio

    entries = [log_entry(now, as_of, o.message.chase.owner, o.delivered_to, o.message.subject,
                         o.message.chase.items) for o in sent]
    return appended(existing, yamlio.dump_document(entries))
