"""Sending mail through the partnership's SMTP server (starttls, ssl or none), one connection.

A message the server refuses is reported and the connection kept for the next one; a lost
connection is opened again for the next message. The password never comes from a file: the
caller passes it from the environment (CSPR_SMTP_PASSWORD).
"""

from __future__ import annotations

import contextlib
import smtplib
import ssl
from email.message import EmailMessage

from cspr.errors import MailError
from cspr.model.config import Smtp

TIMEOUT_SECONDS = 60


class Transport:
    """An SMTP session, opened on the first message and closed by `close` (or `with`)."""

    def __init__(self, settings: Smtp, password: str | None):
        self.settings = settings
        self.password = password
        self._session: smtplib.SMTP | None = None

    def __enter__(self) -> Transport:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _open(self) -> smtplib.SMTP:
        s = self.settings
        try:
            if s.security == "ssl":
                session: smtplib.SMTP = smtplib.SMTP_SSL(s.host, s.port, timeout=TIMEOUT_SECONDS,
                                                         context=ssl.create_default_context())
            else:
                session = smtplib.SMTP(s.host, s.port, timeout=TIMEOUT_SECONDS)
                if s.security == "starttls":
                    session.starttls(context=ssl.create_default_context())
            if s.username:
                session.login(s.username, self.password or "")
        except smtplib.SMTPAuthenticationError as exc:
            raise MailError(f"the mail server {s.host}:{s.port} refused the login of {s.username!r} "
                            f"({exc.smtp_code}); check mail: smtp: username in cspr.yaml and CSPR_SMTP_PASSWORD") from None
        except (OSError, smtplib.SMTPException) as exc:
            raise MailError(f"could not reach the mail server {s.host}:{s.port} ({s.security}): {exc}; "
                            "check mail: smtp: in cspr.yaml") from None
        return session

    def connect(self) -> None:
        """Open the session now (so a server that cannot be reached is found before any message)."""
        if self._session is None:
            self._session = self._open()

    def send(self, message: EmailMessage) -> list[str]:
        """Send one message to every address in To; return the addresses the server refused
        when it took the message for the others; raise MailError when it took it for none."""
        self.connect()
        assert self._session is not None
        try:
            refused = self._session.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            raise MailError(f"refused by the mail server: {_refusals(exc.recipients)}") from None
        except smtplib.SMTPResponseException as exc:
            raise MailError(f"refused by the mail server: {exc.smtp_code} {_text(exc.smtp_error)}") from None
        except (OSError, smtplib.SMTPException) as exc:
            self.close()  # open a fresh connection for the next message
            raise MailError(f"the connection to the mail server failed: {exc}") from None
        return list(refused)

    def close(self) -> None:
        if self._session is not None:
            with contextlib.suppress(OSError, smtplib.SMTPException):
                self._session.quit()
            self._session = None


def _text(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _refusals(recipients: dict) -> str:
    return "; ".join(f"{address} ({code} {_text(reason)})" for address, (code, reason) in recipients.items())
