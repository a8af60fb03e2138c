"""What a 7-minute briefing's template sees, and the check for restricted terms before one is
written (`cspr brief`). Pure: no disk, no git, no template rendered (the command-line tests in
tests/cli/test_briefing.py render them)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from cspr.errors import RestrictedTermFound
from cspr.model.briefing import Learning
from cspr.model.config import Config
from cspr.model.deadlines import ReviewSchedule
from cspr.model.review import (
    Action,
    ActionUpdate,
    Completion,
    Decision,
    Hold,
    Recommendation,
    Review,
)
from cspr.reports.briefing import (
    briefing_context,
    parts,
    publication_date,
    refuse_restricted,
    sections,
)
from cspr.storage.bank_holidays import calendar_for
from tests.helpers.domain import PROCESS

D = dt.date
CONFIG = Config("Testshire Safeguarding Partnership", website="https://example.org")
LEARNING = Learning(("Child A was three.", "The family moved."), ("Neglect is cumulative.",),
                    ("One.", "Two.", "Three.", "Four."), ("Who lives there?",), ("Record it.",), ("Working Together",))
REVIEW = Review(
    "2026-child-a", "Child A", D(2026, 1, 5), incident=D(2026, 1, 1), agencies=("Police",), themes=("neglect",),
    lead_reviewer="Reviewer Nine", publication_address="https://example.org/child-a",
    decision=Decision("local", D(2026, 1, 20), "Officer One"),
    completions={"published": Completion(D(2026, 7, 1), "Officer One"),
                 "briefing-circulated": Completion(D(2026, 7, 8))},
    holds=(Hold("criminal trial", D(2026, 3, 1), D(2026, 4, 1)),),
    recommendations=(Recommendation("R1", "Share records.", (
        Action("R1.1", "R1", "Police", D(2026, 12, 31), "Alert on missed appointments",
               (ActionUpdate(D(2026, 7, 2), "in-progress"),)),)),))


def schedule() -> ReviewSchedule:
    return ReviewSchedule(PROCESS, REVIEW, calendar_for("england"), D(2026, 7, 10))
def context():
    # in each test, never at import: `make mutate` tests each mutant in a process forked after import
    return briefing_context(CONFIG, schedule(), LEARNING, D(2026, 7, 10))



def test_the_review_as_a_template_sees_it_plain_values_and_no_officers_names():
    assert context()["partnership"] == {"name": "Testshire Safeguarding Partnership", "website": "https://example.org"}
    assert context()["review"] == {
        "id": "2026-child-a", "child": "Child A", "aware": D(2026, 1, 5), "incident": D(2026, 1, 1),
        "agencies": ["Police"], "themes": ["neglect"], "lead_reviewer": "Reviewer Nine", "track": "local",
        "decided": D(2026, 1, 20), "published": D(2026, 7, 1), "publication_address": "https://example.org/child-a",
        "briefing_circulated": D(2026, 7, 8),
        "holds": [{"reason": "criminal trial", "from": D(2026, 3, 1), "to": D(2026, 4, 1)}],
    }
    assert context()["recommendations"] == [{"key": "R1", "text": "Share records.", "actions": [
        {"key": "R1.1", "agency": "Police", "due": D(2026, 12, 31), "text": "Alert on missed appointments",
         "status": "in-progress"}]}]
    assert context()["today"] == D(2026, 7, 10)
    published = next(s for s in context()["stages"] if s["key"] == "published")
    assert published == {"key": "published", "title": published["title"], "owner": published["owner"],
                         "state": "done", "due": published["due"], "done": D(2026, 7, 1)}
    assert [s["key"] for s in context()["stages"]] == [s.stage.key for s in schedule().states]
    assert "Officer One" not in repr(context())


def test_the_learning_as_written_and_shared_out_in_seven_parts():
    assert context()["learning"] == {"background": ["Child A was three.", "The family moved."],
                                   "why_it_matters": ["Neglect is cumulative."],
                                   "learning": ["One.", "Two.", "Three.", "Four."], "remember": ["Who lives there?"],
                                   "what_to_do": ["Record it."], "further_reading": ["Working Together"]}
    assert context()["parts"] == parts(LEARNING)
    assert [(p["number"], p["key"], p["paragraphs"], p["points"]) for p in parts(LEARNING)] == [
        (1, "background", ["Child A was three.", "The family moved."], []),
        (2, "why_it_matters", ["Neglect is cumulative."], []),
        (3, "learning", [], ["One.", "Two."]), (4, "learning", [], ["Three."]), (5, "learning", [], ["Four."]),
        (6, "remember", [], ["Who lives there?"]), (7, "what_to_do", [], ["Record it."]),
    ]


def test_a_review_not_yet_published_or_published_by_the_panel():
    unpublished = Review("2026-child-b", "Child B", D(2026, 1, 5))
    assert publication_date(ReviewSchedule(PROCESS, unpublished, calendar_for("england"), D(2026, 7, 10))) is None
    national = Review("2026-child-c", "Child C", D(2026, 1, 5), decision=Decision("national", D(2026, 1, 20)),
                      completions={"national-published": Completion(D(2026, 9, 1))})
    assert publication_date(ReviewSchedule(PROCESS, national, calendar_for("england"), D(2026, 10, 1))) == D(2026, 9, 1)
    context = briefing_context(CONFIG, ReviewSchedule(PROCESS, unpublished, calendar_for("england"), D(2026, 7, 10)),
                               LEARNING, D(2026, 7, 10))
    assert (context["review"]["decided"], context["review"]["track"], context["review"]["published"]) == (None, None, None)


def test_every_string_a_template_can_show_is_named_as_the_officer_knows_it():
    found = sections(context())
    assert found[:4] == [("1. Background (briefing.yaml)", "Child A was three."),
                         ("1. Background (briefing.yaml)", "The family moved."),
                         ("2. Why it matters (briefing.yaml)", "Neglect is cumulative."),
                         ("3. Key learning (briefing.yaml)", "One.")]
    assert ("5. Key learning (briefing.yaml)", "Four.") in found
    assert ("6. Things to note and remember (briefing.yaml)", "Who lives there?") in found
    assert ("Further reading (briefing.yaml)", "Working Together") in found
    assert ("partnership.name", "Testshire Safeguarding Partnership") in found
    assert ("review.holds[0].reason", "criminal trial") in found
    assert ("review.agencies[0]", "Police") in found
    assert ("recommendations[0].actions[0].text", "Alert on missed appointments") in found
    assert ("stages[0].key", "notification") in found
    assert not any(name.startswith(("learning", "today")) for name, _ in found)


def refusal(text: str, fmt: str = "md", terms: tuple[str, ...] = ("Smith",)) -> str:
    with pytest.raises(RestrictedTermFound) as refused:
        refuse_restricted(context(), text, f"briefing.{fmt}.j2", fmt, list(terms))
    return str(refused.value)


def test_a_briefing_without_restricted_terms_passes():
    refuse_restricted(context(), "Child A was three.\nNothing else.", "briefing.md.j2", "md", ["Smith"])
    refuse_restricted(context(), "<p>Child A</p>", "briefing.html.j2", "html", [])


def test_a_term_is_put_down_to_the_section_that_holds_it():
    context = briefing_context(CONFIG, schedule(), dataclasses.replace(LEARNING, background=("Child A met Smith.",)), D(2026, 7, 10))
    with pytest.raises(RestrictedTermFound) as refused:
        refuse_restricted(context, "# Briefing\nChild A met Smith.\n", "briefing.md.j2", "md", ["smith", "Jones"])
    assert str(refused.value) == (
        "refused: the briefing holds restricted terms, so nothing was written: term 1 in 1. Background "
        "(briefing.yaml) (terms numbered as private/restricted-terms.txt lists them). Use pseudonyms only, then run 'cspr brief' again")


def test_a_term_the_template_adds_is_put_down_to_the_template_with_its_lines():
    assert refusal("Smith\nChild A\nsmith and SMITH") == (
        "refused: the briefing holds restricted terms, so nothing was written: term 1 in the template "
        "briefing.md.j2 (output line 1, 3) (terms numbered as private/restricted-terms.txt lists them). Use pseudonyms only, then run 'cspr brief' again")


def test_html_cannot_hide_a_term_behind_entities_or_tags():
    assert "term 1 in the template briefing.html.j2 (output line 1)" in refusal(
        "<p>O&#39;Brien</p>", "html", ("O'Brien",))
    assert "term 1 in the template briefing.html.j2 (output line 1)" in refusal(
        "<b>Jo</b> <i>Smith</i>", "html", ("Jo Smith",))
    refuse_restricted(context(), "<b>Jo</b> <i>Smith</i>", "briefing.md.j2", "md", ["Jo Smith"])  # only for HTML
