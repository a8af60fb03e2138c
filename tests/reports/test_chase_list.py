"""Who is chased for what, and the contacts and mail settings: pure, no disk, git or SMTP."""

from __future__ import annotations

import datetime as dt

import pytest

from cspr.errors import InvalidField
from cspr.model.config import parse_config
from cspr.model.statuses import ItemStatus
from cspr.reports.chase import chase_list
from cspr.reports.overdue import Item

AS_OF = dt.date(2026, 4, 20)


def item(review: str, stage: str, owner: str, agency: str | None, status: ItemStatus, late: int) -> Item:
    return Item(review, "Child A", stage, "a stage", owner, agency, AS_OF - dt.timedelta(days=late), status, late)


ITEMS = [
    item("2026-child-a", "notification", "Local authority", None, ItemStatus.OVERDUE, 10),
    item("2025-child-c", "agency-responses", "Partner agency leads", "Police", ItemStatus.OVERDUE, 10),
    item("2025-child-c", "action:R1.1", "Health", "Health", ItemStatus.DUE_SOON, -4),
    item("2025-child-c", "agency-responses", "Partner agency leads", "health", ItemStatus.OVERDUE, 10),
    item("2025-baby-d", "published", "Business unit", None, ItemStatus.ON_HOLD, 139),
]
CONFIG = parse_config({"partnership": "Testshire", "contacts": {
    "police": "police.lead@example.org", "Health": ["health.lead@example.org", "Deputy <d@example.org>"],
    "Business unit": "bu@example.org"}})


def test_items_are_grouped_by_agency_else_owner_and_held_stages_are_not_chased():
    found = chase_list(ITEMS, CONFIG, AS_OF, 14)
    assert [(c.owner, c.to, [(i.review, i.stage) for i in c.items]) for c in found.chases] == [
        ("Health", ("health.lead@example.org", "Deputy <d@example.org>"),
         [("2025-child-c", "action:R1.1"), ("2025-child-c", "agency-responses")]),  # names match in any case
        ("Police", ("police.lead@example.org",), [("2025-child-c", "agency-responses")]),
    ]
    assert [(c.owner, len(c.items)) for c in found.without_contact] == [("Local authority", 1)]
    health = found.chases[0]
    assert (health.overdue, health.due_soon) == (1, 1)


def test_owner_keeps_the_owners_whose_name_contains_it():
    found = chase_list(ITEMS, CONFIG, AS_OF, 14, owner="POL")
    assert [c.owner for c in found.chases] == ["Police"] and found.without_contact == ()


@pytest.mark.parametrize(("data", "path", "words"), [
    ({"contacts": {"Police": "not an address"}}, ("contacts", "Police"), "not an email address"),
    ({"contacts": {"Police": ["a@example.org", 3]}}, ("contacts", "Police", 1), "not an email address"),
    ({"contacts": ["Police"]}, ("contacts",), "maps each owner"),
    ({"mail": {"smtp": {"host": "h"}}}, ("mail",), "the sender"),
    ({"mail": {"from": "bu@example.org", "smtp": {"host": "h", "security": "tls"}}},
     ("mail", "smtp", "security"), "starttls, ssl, none"),
    ({"mail": {"from": "bu@example.org", "smtp": {"host": "h", "port": "587"}}}, ("mail", "smtp", "port"), "a number"),
    ({"mail": {"from": "bu@example.org", "smtp": {"host": "h", "password": "x"}}},
     ("mail", "smtp", "password"), "CSPR_SMTP_PASSWORD"),
])
def test_bad_contacts_and_mail_settings_name_their_key(data, path, words):
    with pytest.raises(InvalidField) as caught:
        parse_config({"partnership": "Testshire", **data})
    assert caught.value.path == path and words in caught.value.message


def test_mail_settings_default_the_port_from_the_security():
    mail = parse_config({"partnership": "T", "mail": {"from": "BU <bu@example.org>",
                                                      "smtp": {"host": "smtp.example.org", "security": "ssl"}}}).mail
    assert (mail.sender, mail.reply_to, mail.smtp.host, mail.smtp.port, mail.smtp.security, mail.smtp.username) == (
        "BU <bu@example.org>", None, "smtp.example.org", 465, "ssl", None)
