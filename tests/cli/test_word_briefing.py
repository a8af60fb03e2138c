"""`cspr brief --format docx`: the 7-minute briefing as a Word document, checked on its rendered words."""

from __future__ import annotations

import io

from tests.cli import test_briefing as briefing
from tests.cli.test_briefing import ID, LEARNING, failure, restrict, write_learning

published = briefing.published  # the fixture: a published local review of Child A


def paragraphs(path) -> list[str]:
    from docx import Document

    return [p.text for p in Document(io.BytesIO(path.read_bytes())).paragraphs]


def test_the_briefing_as_a_word_document(published):
    write_learning(published)
    out = published.root / "briefing.docx"
    result = published.run("brief", ID, "--format", "docx", "-o", str(out))
    assert result.stdout == "" and "wrote" in result.stderr
    text = paragraphs(out)
    assert text[0] == "7-minute briefing: Child A"
    assert text[1] == "Testshire Safeguarding Partnership · Child Safeguarding Practice Review · published 1 July 2026"
    assert "Themes: neglect" in text
    assert "1. Background" in text and "7. What to do" in text
    assert any(t.startswith("Child A was three years old") for t in text)
    assert "Missed appointments are a safeguarding signal: the child \"was not brought\"." in text
    # text is text: the ampersand and angle brackets are escaped into the XML, and read back whole
    assert 'Record missed appointments as "was not brought" & follow the procedure <today>.' in text
    assert "Read the full report, published 1 July 2026: https://example.org/testshire/cspr/child-a" in text
    assert not any("{{" in t or "{%" in t for t in text)


def test_a_word_briefing_needs_a_file(published):
    write_learning(published)
    result = published.run("brief", ID, "--format", "docx", ok=False)
    assert result.exit_code == 1 and "-o FILE.docx" in result.stderr


def test_a_restricted_term_blocks_the_word_briefing(published):
    write_learning(published, LEARNING.replace("a parent and the parent's new partner", "a parent and Mr Smith"))
    restrict(published, "Smith")
    out = published.root / "briefing.docx"
    message = failure(published, "brief", ID, "--format", "docx", "-o", str(out))
    assert "term 1 in 1. Background (briefing.yaml)" in message and "nothing was written" in message
    assert "Smith" not in message
    assert not out.exists()


def test_the_workspace_word_template_wins_and_is_checked(published):
    from docx import Document

    write_learning(published)
    restrict(published, "Oak Road")
    own = Document()
    own.add_paragraph("Northbrook letterhead, Oak Road")
    own.add_paragraph("{{ review.child }}: {{ parts[0].paragraphs[0] }}")
    own.save(published.root / "templates" / "briefing.docx")
    out = published.root / "briefing.docx"
    message = failure(published, "brief", ID, "--format", "docx", "-o", str(out))
    assert "term 1 in the template briefing.docx" in message and "Oak Road" not in message
    assert not out.exists()
    own.paragraphs[0].text = "Northbrook letterhead"
    own.save(published.root / "templates" / "briefing.docx")
    published.run("brief", ID, "--format", "docx", "-o", str(out))
    assert paragraphs(out)[0] == "Northbrook letterhead"
    assert paragraphs(out)[1].startswith("Child A: Child A was three years old")
