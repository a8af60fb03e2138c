"""Reading cspr.yaml: the settings, the mail settings and the contacts, each mistake named with
its key path and what to write instead, exactly as `cspr check` and `cspr chase` show it. Pure."""

from __future__ import annotations

import datetime as dt

import pytest

from cspr.errors import InvalidField
from cspr.model.config import Mail, Smtp, is_address, parse_config

SENDER = "Business Unit <bu@example.org>"


def mail(**settings) -> Mail | None:
    return parse_config({"partnership": "Testshire", "mail": settings}).mail


@pytest.mark.parametrize(("security", "port"), [("starttls", 587), ("ssl", 465), ("none", 25)])
def test_the_port_defaults_from_the_security_and_starttls_is_the_default(security, port):
    assert mail(**{"from": SENDER, "smtp": {"host": " smtp.example.org ", "security": security}}) == Mail(
        SENDER, Smtp("smtp.example.org", port, security))
    assert mail(**{"from": f" {SENDER} ", "reply_to": "r@example.org",
                   "smtp": {"host": "h", "port": 2525, "username": "bu"}}) == Mail(
        SENDER, Smtp("h", 2525, "starttls", "bu"), "r@example.org")


@pytest.mark.parametrize(("settings", "path", "message", "at_key"), [
    ({"from": SENDER, "smtp": {"host": "h"}, "cc": "x"}, ("mail", "cc"),
     "unknown key 'cc'; expected one of: from, reply_to, smtp", True),
    ({"smtp": {"host": "h"}}, ("mail",), "'mail: from' is the sender, such as \"Business Unit <bu@example.org>\"",
     False),
    ({"from": "Business Unit", "smtp": {"host": "h"}}, ("mail", "from"),
     "'mail: from' is the sender, such as \"Business Unit <bu@example.org>\"", False),
    ({"from": 7, "smtp": {"host": "h"}}, ("mail", "from"),
     "'mail: from' is the sender, such as \"Business Unit <bu@example.org>\"", False),
    ({"from": SENDER, "reply_to": "nobody", "smtp": {"host": "h"}}, ("mail", "reply_to"),
     "'nobody' is not an email address", False),
    ({"from": SENDER, "reply_to": 3, "smtp": {"host": "h"}}, ("mail", "reply_to"), "3 is not an email address", False),
    ({"from": SENDER}, ("mail",),
     "'mail: smtp' is a mapping: host, port, security (starttls, ssl or none), username", False),
    ({"from": SENDER, "smtp": "h"}, ("mail", "smtp"),
     "'mail: smtp' is a mapping: host, port, security (starttls, ssl or none), username", False),
    ({"from": SENDER, "smtp": {"host": "h", "tls": True}}, ("mail", "smtp", "tls"),
     "unknown key 'tls'; expected one of: host, port, security, username", True),
    ({"from": SENDER, "smtp": {"host": "h", "password": "x"}}, ("mail", "smtp", "password"),
     "the password is never kept in cspr.yaml: set the environment variable CSPR_SMTP_PASSWORD", True),
    ({"from": SENDER, "smtp": {"port": 25}}, ("mail", "smtp"),
     "'host' names the SMTP server, such as smtp.example.org", False),
    ({"from": SENDER, "smtp": {"host": "  "}}, ("mail", "smtp", "host"),
     "'host' names the SMTP server, such as smtp.example.org", False),
    ({"from": SENDER, "smtp": {"host": "h", "security": "tls"}}, ("mail", "smtp", "security"),
     "unknown security 'tls'; use one of: starttls, ssl, none", False),
    ({"from": SENDER, "smtp": {"host": "h", "port": "587"}}, ("mail", "smtp", "port"),
     "'port' is a number such as 587, found '587'", False),
    ({"from": SENDER, "smtp": {"host": "h", "security": "ssl", "port": True}}, ("mail", "smtp", "port"),
     "'port' is a number such as 465, found True", False),
    ({"from": SENDER, "smtp": {"host": "h", "port": 0}}, ("mail", "smtp", "port"),
     "'port' is a number such as 587, found 0", False),
    ({"from": SENDER, "smtp": {"host": "h", "port": 65536}}, ("mail", "smtp", "port"),
     "'port' is a number such as 587, found 65536", False),
    ({"from": SENDER, "smtp": {"host": "h", "username": " "}}, ("mail", "smtp", "username"),
     "'username' is the SMTP login name", False),
    ({"from": SENDER, "smtp": {"host": "h", "username": 5}}, ("mail", "smtp", "username"),
     "'username' is the SMTP login name", False),
])
def test_each_mail_mistake_is_named_with_its_key_path(settings, path, message, at_key):
    with pytest.raises(InvalidField) as refused:
        mail(**settings)
    assert (refused.value.path, refused.value.message, refused.value.at_key) == (path, message, at_key)


def test_mail_is_a_mapping_and_the_port_range_is_inclusive():
    with pytest.raises(InvalidField) as refused:
        parse_config({"partnership": "T", "mail": "bu@example.org"})
    assert (refused.value.path, refused.value.message) == (("mail",), "'mail' is a mapping: from, reply_to (optional) and smtp")
    assert mail(**{"from": SENDER, "smtp": {"host": "h", "port": 1}}).smtp.port == 1
    assert mail(**{"from": SENDER, "smtp": {"host": "h", "port": 65535}}).smtp.port == 65535
    assert parse_config({"partnership": "T", "mail": None}).mail is None


@pytest.mark.parametrize(("text", "valid"), [
    ("bu@example.org", True), ("Business Unit <bu@example.org>", True), ("bu@example", False), ("@example.org", False),
    ("bu@", False), ("bu example.org", False), ("", False), ("b u@example.org", False),
])
def test_an_email_address_is_something_at_somewhere_dot_something(text, valid):
    assert is_address(text) is valid


@pytest.mark.parametrize(("contacts", "path", "message", "at_key"), [
    ({"Police": "not an address"}, ("contacts", "Police"),
     "'not an address' is not an email address (such as police.lead@example.org)", False),
    ({"Police": ["a@example.org", 3]}, ("contacts", "Police", 1),
     "3 is not an email address (such as police.lead@example.org)", False),
    ({"Police": []}, ("contacts", "Police"), "no address for 'Police': give one, or a list", False),
    ({" ": "a@example.org"}, ("contacts", " "), "a contact is named by an owner or agency", True),
    ({"Police": "a@example.org", " police ": "b@example.org"}, ("contacts", " police "),
     "' police ' is listed twice under contacts", True),
    (["Police"], ("contacts",), "'contacts' maps each owner or agency to an address or a list of addresses, "
                                "such as  Police: police.lead@example.org", False),
])
def test_each_contact_mistake_is_named_with_its_key_path(contacts, path, message, at_key):
    with pytest.raises(InvalidField) as refused:
        parse_config({"partnership": "T", "contacts": contacts})
    assert (refused.value.path, refused.value.message, refused.value.at_key) == (path, message, at_key)


def test_contacts_are_kept_trimmed_and_found_in_any_case():
    config = parse_config({"partnership": "T", "contacts": {" Police ": [" a@example.org", "b@example.org "],
                                                            "Health": "h@example.org"}})
    assert config.contacts == (("Police", ("a@example.org", "b@example.org")), ("Health", ("h@example.org",)))
    assert config.contact("POLICE") == ("a@example.org", "b@example.org")
    assert config.contact("Education") == ()
    assert parse_config({"partnership": "T", "contacts": None}).contacts == ()


def test_the_settings_are_read_trimmed_with_their_defaults():
    config = parse_config({"partnership": " Testshire ", "region": "wales", "closures": [dt.date(2026, 12, 29)],
                           "agencies": ["Police"], "remote": "upstream", "website": "https://example.org",
                           "needs_timeline_after": 0, "timezone": " Europe/Dublin "})
    assert (config.partnership, config.region, config.closures, config.agencies, config.remote, config.website) == (
        "Testshire", "wales", (dt.date(2026, 12, 29),), ("Police",), "upstream", "https://example.org")
    assert (config.needs_timeline_after, config.timezone, config.mail, config.contacts) == (0, "Europe/Dublin", None, ())
    plain = parse_config({"partnership": "T", "closures": None, "agencies": None, "remote": None})
    assert (plain.region, plain.closures, plain.agencies, plain.remote, plain.website) == (
        "england", (), (), "origin", None)
    assert (plain.needs_timeline_after, plain.timezone) == (20, "Europe/London")
    assert parse_config({"partnership": "T", "needs_timeline_after": 1000}).needs_timeline_after == 1000


@pytest.mark.parametrize(("data", "path", "message", "at_key"), [
    ([], (), "cspr.yaml is a mapping: partnership, region, closures, agencies", False),
    (None, ("partnership",), "'partnership' must name the partnership", False),
    ({"partnership": "T", "colour": "red"}, ("colour",),
     "unknown key 'colour'; expected one of: agencies, closures, contacts, mail, needs_timeline_after, partnership, "
     "region, remote, timezone, website", True),
    ({"partnership": " "}, ("partnership",), "'partnership' must name the partnership", False),
    ({"partnership": "T", "region": "cornwall"}, ("region",),
     "unknown region 'cornwall'; use one of: england, wales, scotland, northern-ireland", False),
    ({"partnership": "T", "closures": "2026-12-29"}, ("closures",), "'closures' is a list of dates such as 2026-12-29",
     False),
    ({"partnership": "T", "closures": [dt.date(2026, 12, 29), "29/12/2026"]}, ("closures", 1),
     "expected a date written as 2026-12-29, found '29/12/2026'", False),
    ({"partnership": "T", "closures": [dt.datetime(2026, 12, 29, 9, 0)]}, ("closures", 0),
     "expected a date written as 2026-12-29, found datetime.datetime(2026, 12, 29, 9, 0)", False),
    ({"partnership": "T", "closures": [dt.date(1900, 1, 1)]}, ("closures", 0),
     "1900-01-01 is outside the years cspr works with (1990 to 2100); correct the year", False),
    ({"partnership": "T", "agencies": "Police"}, ("agencies",), "'agencies' is a list of agency names", False),
    ({"partnership": "T", "agencies": ["Police", " "]}, ("agencies",), "'agencies' is a list of agency names", False),
    ({"partnership": "T", "remote": 3}, ("remote",), "'remote' names a git remote, such as origin", False),
    ({"partnership": "T", "website": 3}, ("website",), "'website' is the partnership's web address", False),
    ({"partnership": "T", "needs_timeline_after": True}, ("needs_timeline_after",),
     "'needs_timeline_after' is a number of working days, such as 20", False),
    ({"partnership": "T", "needs_timeline_after": -1}, ("needs_timeline_after",),
     "'needs_timeline_after' is a number of working days, such as 20", False),
    ({"partnership": "T", "needs_timeline_after": 1001}, ("needs_timeline_after",),
     "'needs_timeline_after' is a number of working days, such as 20", False),
    ({"partnership": "T", "needs_timeline_after": "20"}, ("needs_timeline_after",),
     "'needs_timeline_after' is a number of working days, such as 20", False),
    ({"partnership": "T", "timezone": " "}, ("timezone",), "'timezone' names a time zone, such as Europe/London", False),
    ({"partnership": "T", "timezone": 1}, ("timezone",), "'timezone' names a time zone, such as Europe/London", False),
])
def test_each_mistake_in_the_settings_is_named_with_its_key_path(data, path, message, at_key):
    with pytest.raises(InvalidField) as refused:
        parse_config(data)
    assert (refused.value.path, refused.value.message, refused.value.at_key) == (path, message, at_key)
