"""`cspr chase`: one email per owner, through a real SMTP server (aiosmtpd) in the test process."""

from __future__ import annotations

import email
import email.policy
import re
import socket

import pytest

from tests.helpers.certificates import self_signed_certificate
from tests.helpers.workspace import OFFICER

CONTACTS = """\
contacts:
  Police: police.lead@example.org
  Health: [health.lead@example.org, "Health Deputy <health.deputy@example.org>"]
  Local authority: la@example.org
  Business unit: bu@example.org
mail:
  from: "Business Unit <bu@example.org>"
  reply_to: bu@example.org
  smtp: {host: 127.0.0.1, port: PORT, security: none}
"""


class Collector:
    """An aiosmtpd handler that keeps every envelope and refuses the addresses in `refuse`."""

    def __init__(self) -> None:
        self.envelopes: list = []
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def messages(self) -> dict[str, tuple[list[str], email.message.EmailMessage]]:
        """Subject's owner -> (envelope recipients, parsed message)."""
        found = {}
        for envelope in self.envelopes:
            message = email.message_from_bytes(envelope.content, policy=email.policy.default)
            owner = re.search(r"due soon for (.+) \(", message["Subject"]).group(1)
            found[owner] = (sorted(envelope.rcpt_tos), message)
        return found


@pytest.fixture
def smtp():
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:  # a free port (the controller checks its own port on start)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = Collector()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


@pytest.fixture
def owners(workspace, monkeypatch, smtp):
    """Reviews judged on Mon 20 Apr 2026, with items for several owners:

    - 2026-child-a: notification due Fri 10 Apr, not done: Local authority, 10 days overdue.
    - 2026-child-b: notification due Tue 21 Apr: Local authority, due soon.
    - 2025-child-c: agency responses due Fri 10 Apr; Police and Health have not confirmed,
      Education has (Police and Health overdue); a monthly progress check (Practice review
      subgroup, no contact); an action for Health due Fri 24 Apr (due soon).
    """
    monkeypatch.setenv("CSPR_TODAY", "2026-04-20")
    monkeypatch.setenv("CSPR_OFFICER", OFFICER)
    run = workspace.run
    run("new", "Child A", "--aware", "2026-04-01")
    run("new", "Child B", "--aware", "2026-04-14")
    run("new", "Child C", "--aware", "2025-06-02", "--agency", "Police", "--agency", "Health",
        "--agency", "Education")
    run("complete", "2025-child-c", "notification", "--on", "2025-06-04")
    run("complete", "2025-child-c", "rapid-review", "--on", "2025-06-20")
    run("decide", "2025-child-c", "local", "--on", "2025-12-01")
    run("plan", "2025-child-c", "panel-confirmed", "2026-06-30")  # a timeline: nothing for the business unit
    run("complete", "2025-child-c", "final-draft", "--on", "2026-03-27")
    run("complete", "2025-child-c", "agency-responses", "--agency", "Education", "--on", "2026-04-01")
    run("recommend", "2025-child-c", "Share records when a family moves.")
    run("action", "add", "2025-child-c", "R1", "Audit the transfer of health records.",
        "--agency", "Health", "--due", "2026-04-24")
    config = workspace.root / "cspr.yaml"
    config.write_text(config.read_text() + CONTACTS.replace("PORT", str(smtp[1])))
    workspace.git("commit", "--quiet", "-am", "contacts and mail settings")
    return workspace


def test_each_owner_gets_one_message_with_only_their_items(owners, smtp):
    handler, _ = smtp
    result = owners.run("chase", "--send")
    got = handler.messages()
    assert sorted(got) == ["Health", "Local authority", "Police"]
    assert got["Police"][0] == ["police.lead@example.org"]
    assert got["Health"][0] == ["health.deputy@example.org", "health.lead@example.org"]
    assert got["Local authority"][0] == ["la@example.org"]
    police = got["Police"][1]
    assert police["Subject"] == "Testshire Safeguarding Partnership: 1 overdue, 0 due soon for Police (Mon 20 Apr 2026)"
    assert police["From"] == "Business Unit <bu@example.org>" and police["Reply-To"] == "bu@example.org"
    assert police.get_content_type() == "multipart/alternative"
    text = police.get_body(("plain",)).get_content()
    html = police.get_body(("html",)).get_content()
    assert "2025-child-c (Child C): agency-responses" in text and "Fri 10 Apr 2026: 10 days overdue" in text
    assert "2026-child-a" not in text and "action R1.1" not in text  # only the Police's own items
    assert "<th scope=\"col\"" in html and "10 days overdue" in html
    health = got["Health"][1]
    assert health["Subject"].startswith("Testshire Safeguarding Partnership: 1 overdue, 1 due soon for Health")
    health_text = health.get_body(("plain",)).get_content()
    assert "agency-responses" in health_text and "action R1.1" in health_text and "due in 4 days" in health_text
    la_text = got["Local authority"][1].get_body(("plain",)).get_content()
    assert "2026-child-a (Child A): notification" in la_text and "2026-child-b (Child B): notification" in la_text
    # one line per message sent; owners without a contact are warned about, never silently skipped
    assert result.stdout.count("sent to ") == 3
    assert "sent to Police (police.lead@example.org): 1 overdue, 0 due soon" in result.stdout
    assert "no contact for Practice review subgroup (1 item not chased)" in result.stderr
    assert "Education" not in result.stdout + result.stderr  # it has confirmed


def test_sending_is_recorded_in_one_commit_the_log_shows(owners, smtp):
    before = owners.git("rev-list", "--count", "HEAD")
    owners.run("chase", "--send")
    assert int(owners.git("rev-list", "--count", "HEAD")) == int(before) + 1
    message = owners.git("log", "-1", "--format=%B")
    assert "Cspr-Action: chase" in message and message.startswith("chase: 3 messages sent")
    assert owners.git("show", "--name-only", "--format=", "HEAD").split() == ["chases/2026.yaml"]
    assert owners.git("status", "--porcelain") == ""
    from ruamel.yaml import YAML

    entries = YAML(typ="safe").load((owners.root / "chases" / "2026.yaml").read_text())
    police = next(e for e in entries if e["owner"] == "Police")
    assert police["to"] == ["police.lead@example.org"]
    assert [(i["review"], i["stage"], i["agency"]) for i in police["items"]] == [
        ("2025-child-c", "agency-responses", "Police")]
    assert str(police["as_of"]) == "2026-04-20" and police["sent"]
    log = owners.json("log")
    assert log[0]["action"] == "chase" and log[0]["review"] is None
    table = owners.run("log").stdout
    assert "chase" in table and "3 messages sent" in table
    # a second week appends to the same file; the first entries stay as they were
    first = (owners.root / "chases" / "2026.yaml").read_text()
    owners.run("chase", "--send", "--owner", "police")
    assert (owners.root / "chases" / "2026.yaml").read_text().startswith(first)


def test_a_reviews_log_shows_the_chases_that_named_it(owners, smtp):
    owners.run("chase", "--send")  # the Local authority about A and B; Police and Health about C
    owners.run("chase", "--send", "--owner", "police")  # about C alone
    chases = {review: [e for e in owners.json("log", review) if e["action"] == "chase"]
              for review in ("2026-child-a", "2026-child-b", "2025-child-c")}
    assert [len(found) for found in chases.values()] == [1, 1, 2]
    assert all(e["review"] == review for review, found in chases.items() for e in found)
    assert chases["2025-child-c"][0]["summary"] == "chase: 1 message sent (Police)"
    assert "chase" in owners.run("log", "2026-child-b").stdout
    # the whole log shows each chase once, with no review
    assert [e["review"] for e in owners.json("log") if e["action"] == "chase"] == [None, None]


def test_a_refused_recipient_does_not_stop_the_others(owners, smtp):
    handler, _ = smtp
    handler.refuse = {"police.lead@example.org", "health.deputy@example.org"}
    result = owners.run("chase", "--send", ok=False)
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    got = handler.messages()
    assert sorted(got) == ["Health", "Local authority"]  # Police was refused, the rest went
    assert got["Health"][0] == ["health.lead@example.org"]
    assert "could not send to Police (police.lead@example.org)" in result.stderr and "550" in result.stderr
    assert "the mail server refused health.deputy@example.org" in result.stderr
    from ruamel.yaml import YAML

    entries = YAML(typ="safe").load((owners.root / "chases" / "2026.yaml").read_text())
    assert {e["owner"]: e["to"] for e in entries} == {
        "Health": ["health.lead@example.org"], "Local authority": ["la@example.org"]}


def test_dry_run_sends_nothing_and_says_who_would_get_what(owners, smtp):
    handler, _ = smtp
    head = owners.git("rev-parse", "HEAD")
    for args in ((), ("--dry-run",)):
        result = owners.run("chase", *args)
        assert "Police (police.lead@example.org): 1 overdue, 0 due soon" in result.stdout
        assert "2025-child-c (Child C) action R1.1: Fri 24 Apr 2026, due in 4 days" in result.stdout
        assert "nothing was sent" in result.stderr
    data = owners.json("chase", "--dry-run")
    assert [m["owner"] for m in data["messages"]] == ["Health", "Local authority", "Police"]
    assert {m["status"] for m in data["messages"]} == {"would-send"}
    # and Child A's rapid review and decision, due provisionally on Fri 1 May (Safeguarding partners)
    assert [c["owner"] for c in data["without_contact"]] == ["Practice review subgroup", "Safeguarding partners"]
    assert handler.envelopes == []
    assert owners.git("rev-parse", "HEAD") == head and not (owners.root / "chases").exists()


def test_eml_files_parse_with_the_email_package(owners, smtp, tmp_path):
    handler, _ = smtp
    outbox = tmp_path / "outbox"
    result = owners.run("chase", "-o", str(outbox))
    assert sorted(p.name for p in outbox.iterdir()) == ["health.eml", "local-authority.eml", "police.eml"]
    assert result.stdout.count("wrote ") == 3
    message = email.message_from_bytes((outbox / "local-authority.eml").read_bytes(), policy=email.policy.default)
    assert message["To"] == "la@example.org"
    assert [part.get_content_type() for part in message.iter_parts()] == ["text/plain", "text/html"]
    assert "2026-child-b (Child B): notification" in message.get_body(("plain",)).get_content()
    assert handler.envelopes == []


def test_a_restricted_term_stops_every_message(owners, smtp, tmp_path):
    handler, _ = smtp
    (owners.root / "templates" / "chase.txt.j2").write_text(
        "Dear {{ owner }},\n{% for item in items %}{{ item.review }}\n{% endfor %}"
        "{% if owner == 'Health' %}Ask Mr Smithers.\n{% endif %}")
    (owners.root / "private" / "restricted-terms.txt").write_text("Smithers\n")
    head = owners.git("rev-parse", "HEAD")
    result = owners.run("chase", "--send", ok=False)
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert "term 1 in the message to Health" in result.stderr and "Smithers" not in result.stderr
    assert handler.envelopes == [] and owners.git("rev-parse", "HEAD") == head
    outbox = tmp_path / "outbox"
    owners.run("chase", "-o", str(outbox), ok=False)
    assert not outbox.exists()


def test_bad_mail_settings_are_located_and_nothing_is_sent(owners, smtp):
    config = owners.root / "cspr.yaml"
    text = config.read_text()
    config.write_text(text.replace("police.lead@example.org", "police lead"))
    result = owners.run("chase", ok=False)
    assert re.search(r"cspr\.yaml:\d+:\d+: 'police lead' is not an email address", result.stderr)
    config.write_text(text.replace("security: none}", "security: none, password: x}"))
    result = owners.run("chase", ok=False)
    assert "CSPR_SMTP_PASSWORD" in result.stderr and re.search(r"cspr\.yaml:\d+:\d+:", result.stderr)
    config.write_text(text.replace("security: none}", "security: none, username: bu}"))
    result = owners.run("chase", "--send", ok=False)
    assert "CSPR_SMTP_PASSWORD is not" in result.stderr and smtp[0].envelopes == []


def test_the_login_uses_the_password_from_the_environment(owners, monkeypatch):
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    def authenticator(server, session, envelope, mechanism, auth_data):
        given = tuple(v.decode() if isinstance(v, bytes) else v for v in auth_data) \
            if isinstance(auth_data, LoginPassword) else ()
        # handled=False: the server answers a failure with 535 itself
        return AuthResult(success=given == ("bu", "s3cret"), handled=False)

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = Collector()
    # AUTH over a plain connection is for this test only; real servers use starttls or ssl
    controller = Controller(handler, hostname="127.0.0.1", port=port, authenticator=authenticator,
                            auth_require_tls=False)
    controller.start()
    try:
        config = owners.root / "cspr.yaml"
        config.write_text(re.sub(r"port: \d+, security: none\}", f"port: {port}, security: none, username: bu}}",
                                 config.read_text()))
        owners.git("commit", "--quiet", "-am", "login")
        monkeypatch.setenv("CSPR_SMTP_PASSWORD", "wrong")
        result = owners.run("chase", "--send", ok=False)
        assert "refused the login of 'bu'" in result.stderr and "CSPR_SMTP_PASSWORD" in result.stderr
        assert handler.envelopes == [] and not (owners.root / "chases").exists()
        monkeypatch.setenv("CSPR_SMTP_PASSWORD", "s3cret")
        owners.run("chase", "--send")
        assert sorted(handler.messages()) == ["Health", "Local authority", "Police"]
    finally:
        controller.stop()


@pytest.fixture
def certificate(tmp_path):
    """A self-signed certificate for 127.0.0.1, trusted through SSL_CERT_FILE (openssl's own)."""
    return self_signed_certificate(tmp_path)


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_mail_goes_over_tls_and_an_untrusted_server_is_refused(owners, monkeypatch, certificate, security):
    import ssl

    from aiosmtpd.controller import Controller

    cert, key = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = Collector()
    if security == "ssl":
        controller = Controller(handler, hostname="127.0.0.1", port=port, ssl_context=context)
    else:
        controller = Controller(handler, hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True)
    controller.start()
    try:
        config = owners.root / "cspr.yaml"
        config.write_text(re.sub(r"port: \d+, security: none\}", f"port: {port}, security: {security}}}",
                                 config.read_text()))
        owners.git("commit", "--quiet", "-am", security)
        result = owners.run("chase", "--send", ok=False)  # the certificate is not trusted yet
        assert "could not reach the mail server" in result.stderr and "CERTIFICATE_VERIFY_FAILED" in result.stderr
        assert handler.envelopes == [] and not (owners.root / "chases").exists()
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))
        owners.run("chase", "--send")
        assert sorted(handler.messages()) == ["Health", "Local authority", "Police"]
    finally:
        controller.stop()
