"""Sending mail (`cspr.storage.smtp.Transport`) to a real SMTP server (aiosmtpd) in the test
process: what the server refuses, a lost connection, a login and TLS, each reported in words
the officer can act on. (`cspr chase` end to end is tests/cli/test_chase.py.)"""

from __future__ import annotations

import socket
from email.message import EmailMessage

import pytest

from cspr.errors import MailError
from cspr.model.config import Smtp
from cspr.storage.smtp import Transport
from tests.helpers.certificates import self_signed_certificate


class Handler:
    """Keeps each envelope's recipients; refuses the addresses in `refuse` with their reply."""

    def __init__(self) -> None:
        self.received: list[list[str]] = []
        self.refuse: dict[str, bytes] = {}
        self.data_reply = "250 Message accepted for delivery"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.data_reply.startswith("250"):
            self.received.append(list(envelope.rcpt_tos))
        return self.data_reply


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server():
    """Start an aiosmtpd server (`server(**options)` gives its handler and port); stopped after."""
    from aiosmtpd.controller import Controller

    started: list = []

    def start(port: int | None = None, **options) -> tuple[Handler, int]:
        handler, port = Handler(), port or free_port()
        controller = Controller(handler, hostname="127.0.0.1", port=port, **options)
        controller.start()
        started.append(controller)
        return handler, port

    def stop_all() -> None:
        while started:
            started.pop().stop()

    start.stop_all = stop_all
    yield start
    stop_all()


def message(*to: str) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = "Business Unit <bu@example.org>"
    mail["To"] = ", ".join(to)
    mail["Subject"] = "Items due soon"
    mail.set_content("Child A: notification due in 2 days.\n")
    return mail


def test_messages_share_one_connection_and_a_closed_one_is_opened_again(server):
    handler, port = server()
    with Transport(Smtp("127.0.0.1", port, "none"), None) as transport:
        assert transport.send(message("police@example.org")) == []
        transport.close()
        assert transport.send(message("health@example.org", "la@example.org")) == []
    assert handler.received == [["police@example.org"], ["health@example.org", "la@example.org"]]


def test_refused_recipients_are_named_with_the_servers_words(server):
    handler, port = server()
    handler.refuse = {"police@example.org": b"550 5.1.1 mailbox unavailable",
                      "health@example.org": b"550 5.1.1 bo\xeete inconnue"}  # not UTF-8: shown as it can be
    with Transport(Smtp("127.0.0.1", port, "none"), None) as transport:
        assert transport.send(message("police@example.org", "la@example.org")) == ["police@example.org"]
        with pytest.raises(MailError) as refused:
            transport.send(message("police@example.org", "health@example.org"))
    assert str(refused.value) == ("refused by the mail server: police@example.org (550 5.1.1 mailbox unavailable); "
                                  "health@example.org (550 5.1.1 bo\ufffdte inconnue)")
    assert handler.received == [["la@example.org"]]


def test_a_message_the_server_refuses_is_reported_with_its_code_and_words(server):
    handler, port = server()
    handler.data_reply = "554 5.7.1 refused as spam"
    with Transport(Smtp("127.0.0.1", port, "none"), None) as transport, pytest.raises(MailError) as refused:
        transport.send(message("police@example.org"))
    assert str(refused.value) == "refused by the mail server: 554 5.7.1 refused as spam"


def test_a_lost_connection_is_reported_and_the_next_message_opens_a_new_one(server):
    handler, port = server()
    transport = Transport(Smtp("127.0.0.1", port, "none"), None)
    transport.connect()
    server.stop_all()  # the server restarts: the open connection is lost
    handler, _ = server(port)
    with pytest.raises(MailError) as lost:
        transport.send(message("police@example.org"))
    assert str(lost.value).startswith("the connection to the mail server failed: ")
    assert transport.send(message("health@example.org")) == []
    transport.close()
    assert handler.received == [["health@example.org"]]


def test_a_server_that_cannot_be_reached_is_named_with_what_to_check():
    port = free_port()  # nothing listens there
    with pytest.raises(MailError) as unreachable:
        Transport(Smtp("127.0.0.1", port, "none"), None).connect()
    assert str(unreachable.value) == (f"could not reach the mail server 127.0.0.1:{port} (none): "
                                      "[Errno 111] Connection refused; check mail: smtp: in cspr.yaml")


def test_the_login_is_the_username_and_the_password_given(server):
    from aiosmtpd.smtp import AuthResult, LoginPassword

    def authenticator(server, session, envelope, mechanism, auth_data):
        return AuthResult(success=isinstance(auth_data, LoginPassword)
                          and (auth_data.login, auth_data.password) in {(b"bu", b"s3cret"), (b"bu", b"")}, handled=False)

    handler, port = server(authenticator=authenticator, auth_require_tls=False)
    with Transport(Smtp("127.0.0.1", port, "none", username="bu"), "s3cret") as transport:
        assert transport.send(message("police@example.org")) == []
    with Transport(Smtp("127.0.0.1", port, "none", username="bu"), None) as transport:  # no password: an empty one
        assert transport.send(message("health@example.org")) == []
    with pytest.raises(MailError) as refused:
        Transport(Smtp("127.0.0.1", port, "none", username="bu"), "wrong").connect()
    assert str(refused.value) == (f"the mail server 127.0.0.1:{port} refused the login of 'bu' (535); "
                                  "check mail: smtp: username in cspr.yaml and CSPR_SMTP_PASSWORD")
    assert handler.received == [["police@example.org"], ["health@example.org"]]


@pytest.fixture
def certificate(tmp_path):
    """A TLS context for a server on 127.0.0.1, and its self-signed certificate's file."""
    import ssl

    cert, key = self_signed_certificate(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context, cert


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_mail_goes_over_tls_to_a_trusted_server_only(server, certificate, monkeypatch, security):
    context, cert = certificate
    if security == "ssl":  # TLS from the first byte
        handler, port = server(ssl_context=context)
    else:  # a plain connection turned to TLS before anything is sent: the server insists
        handler, port = server(tls_context=context, require_starttls=True)
    with pytest.raises(MailError) as untrusted:
        Transport(Smtp("127.0.0.1", port, security), None).connect()
    assert str(untrusted.value).startswith(f"could not reach the mail server 127.0.0.1:{port} ({security}): ")
    assert "CERTIFICATE_VERIFY_FAILED" in str(untrusted.value)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # trusted, as a partnership's own server would be
    with Transport(Smtp("127.0.0.1", port, security), None) as transport:
        assert transport.send(message("police@example.org")) == []
    assert handler.received == [["police@example.org"]]
