"""7-minute briefings: the learning file, templates, the sandbox, restricted terms, one A4 page."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from cspr.model.briefing import Learning, paragraphs, skeleton_text
from cspr.model.restricted import terms_in
from cspr.reports.briefing import parts
from tests.helpers.browser import find_browser
from tests.helpers.workspace import OFFICER

ID = "2026-child-a"
ADDRESS = "https://example.org/testshire/cspr/child-a"

LEARNING = """\
# The learning for Child A, written by the business unit.
background: |
  Child A was three years old and lived with a parent and the parent's new partner.
  The family moved home three times in eighteen months.

  Each agency saw a part of the picture; no one put the parts together.
why_it_matters: |
  Neglect is cumulative: no single missed appointment looks serious on its own.
learning:
  - |
    Missed appointments are a safeguarding signal: the child "was not brought".
  - |
    A new adult in the household must be known to every agency.
  - |
    When a family moves, the record must move with them.
  - |
    Professional curiosity means checking what we are told against what we see.
remember:
  - How do you find out who lives in the household?
  - Who do you tell when a child is not brought to an appointment?
what_to_do:
  - Record missed appointments as "was not brought" & follow the procedure <today>.
  - Hand over in person when a family moves area.
further_reading:
  - Working Together to Safeguard Children 2023, chapter 5.
"""


@pytest.fixture
def published(workspace, monkeypatch):
    """A local review of Child A built through the CLI and published on 1 July 2026."""
    monkeypatch.setenv("CSPR_TODAY", "2026-11-20")
    monkeypatch.setenv("CSPR_OFFICER", OFFICER)
    workspace.run("new", "Child A", "--aware", "2026-01-05", "--theme", "neglect")
    workspace.run("decide", ID, "local", "--on", "2026-01-20")
    workspace.run("complete", ID, "published", "--on", "01/07/2026")
    review = workspace.review_file(ID)
    review.write_text(review.read_text().replace("publication_address:\n", f"publication_address: {ADDRESS}\n"))
    workspace.git("commit", "--quiet", "-am", "publication address")
    return workspace


def write_learning(workspace, text: str = LEARNING) -> Path:
    path = workspace.root / "reviews" / ID / "briefing.yaml"
    path.write_text(text)
    return path


def restrict(workspace, *terms: str) -> None:
    path = workspace.root / "private" / "restricted-terms.txt"
    path.write_text(path.read_text() + "# added by the test\n" + "\n".join(terms) + "\n")


def failure(workspace, *args: str) -> str:
    result = workspace.run(*args, ok=False)
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert result.stdout == ""
    return result.stderr


# -- the learning file ---------------------------------------------------------------------------

def test_new_review_starts_with_a_committed_skeleton_that_cannot_be_published(published):
    path = published.root / "reviews" / ID / "briefing.yaml"
    assert path.read_text() == skeleton_text("Child A", ID)
    assert "PSEUDONYMS ONLY" in path.read_text() and "restricted-terms.txt" in path.read_text()
    first = published.git("log", "--reverse", "--format=%H", "--", str(path)).split()[0]
    assert published.git("log", "-1", "--format=%B", first).startswith(f"{ID}: new review for Child A")

    assert "still the unedited skeleton" in failure(published, "brief", ID)
    # One part written, the rest forgotten: the first placeholder left is named with its line.
    path.write_text(path.read_text().replace("TO WRITE: two or three sentences", "Child A lived with a parent.", 1))
    message = failure(published, "brief", ID)
    line = path.read_text().splitlines().index("why_it_matters: |") + 1
    assert f"reviews/{ID}/briefing.yaml:{line}:17: 2. Why it matters still says 'TO WRITE'" in message


def test_learning_file_mistakes_are_reported_at_their_line(published):
    write_learning(published, LEARNING.replace("  - |\n    When a family moves, the record must move with them.\n", "")
                   .replace("  - |\n    Professional curiosity means checking what we are told against what we see.\n", ""))
    message = failure(published, "brief", ID)
    line = LEARNING.splitlines().index("learning:") + 1
    assert re.search(rf"briefing\.yaml:{line}:\d+: 3-5\. Key points of learning: 2 points written; "
                     "a briefing has three to five", message), message
    write_learning(published, LEARNING + "summary: a field nobody knows\n")
    message = failure(published, "brief", ID)
    assert re.search(r"briefing\.yaml:26:1: unknown key 'summary'", message), message


def test_a_review_made_before_briefings_gets_a_skeleton_on_request(published):
    path = published.root / "reviews" / ID / "briefing.yaml"
    path.unlink()
    assert "does not exist" in failure(published, "brief", ID)
    assert published.run("brief", ID, "--skeleton").stdout == skeleton_text("Child A", ID)
    published.run("brief", ID, "--skeleton", "-o", str(path))
    assert path.read_text() == skeleton_text("Child A", ID)
    path.write_text(LEARNING)
    assert "already exists" in failure(published, "brief", ID, "--skeleton", "-o", str(path))
    assert path.read_text() == LEARNING


def test_paragraphs_and_the_seven_parts_share_out_the_learning():
    assert paragraphs("one\ntwo\n\n\nthree  four\n") == ("one two", "three four")
    for count, sizes in ((3, [1, 1, 1]), (4, [2, 1, 1]), (5, [2, 2, 1])):
        learning = Learning(("b",), ("w",), tuple(f"p{i}" for i in range(count)), ("r",), ("d",))
        found = parts(learning)
        assert [p["number"] for p in found] == [1, 2, 3, 4, 5, 6, 7]
        assert [len(p["points"]) for p in found[2:5]] == sizes
        assert [pt for p in found[2:5] for pt in p["points"]] == list(learning.learning)


# -- rendering -----------------------------------------------------------------------------------

def test_markdown_briefing_has_the_seven_parts_dates_and_pseudonym(published):
    write_learning(published)
    result = published.run("brief", ID)
    text = result.stdout
    headings = re.findall(r"^## (\d)\. (.+)$", text, re.M)
    assert [int(n) for n, _ in headings] == [1, 2, 3, 4, 5, 6, 7]
    assert [h for _, h in headings] == ["Background", "Why it matters", "Key learning", "Key learning",
                                        "Key learning", "Things to note and remember", "What to do"]
    sections = dict(zip((int(n) for n, _ in headings), re.split(r"^## \d\. .+$", text, flags=re.M)[1:], strict=True))
    assert "three years old" in sections[1] and "no one put the parts together" in sections[1]
    assert "Neglect is cumulative" in sections[2]
    assert '"was not brought"' in sections[3] and "new adult" in sections[3]  # four points: 2, 1, 1
    assert "record must move" in sections[4] and "Professional curiosity" in sections[5]
    assert "who lives in the household" in sections[6] and "Hand over in person" in sections[7]
    assert text.startswith("# 7-minute briefing: Child A\n")
    assert "Testshire Safeguarding Partnership" in text
    assert "published 1 July 2026" in text and ADDRESS in text
    assert "Working Together to Safeguard Children 2023" in text
    assert "no restricted terms listed" in result.stderr  # the default terms file lists none


def test_html_briefing_has_seven_numbered_panels_and_escapes_text(published):
    write_learning(published)
    text = published.run("brief", ID, "--format", "html").stdout
    panels = re.findall(r'<li class="part" id="part-(\d)">\s*<span class="number">(\d)</span>\s*<h2>([^<]+)</h2>', text)
    assert [(int(a), int(b)) for a, b, _ in panels] == [(n, n) for n in range(1, 8)]
    assert panels[0][2] == "Background" and panels[6][2] == "What to do"
    assert "<title>7-minute briefing: Child A" in text and "Published 1 July 2026" in text
    assert f'href="{ADDRESS}"' in text and "Testshire Safeguarding Partnership" in text
    assert "&#34;was not brought&#34; &amp; follow the procedure &lt;today&gt;." in text
    assert "<today>" not in text


def test_output_file_is_written_whole(published):
    write_learning(published)
    target = published.root / "out" / "child-a.html"
    assert "does not exist" in published.run("brief", ID, "-f", "html", "-o", str(target), ok=False).stderr
    target.parent.mkdir()  # -o never makes a folder: a mistyped one is said, not made
    result = published.run("brief", ID, "-f", "html", "-o", str(target))
    assert result.stdout == "" and target.read_text().startswith("{#") is False
    assert target.read_text() == published.run("brief", ID, "-f", "html").stdout
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_review_must_be_published_with_an_address(workspace, monkeypatch):
    monkeypatch.setenv("CSPR_TODAY", "2026-11-20")
    monkeypatch.setenv("CSPR_OFFICER", OFFICER)
    workspace.run("new", "Child A", "--aware", "2026-01-05")
    workspace.run("decide", ID, "local", "--on", "2026-01-20")
    write_learning(workspace)
    assert f"cspr complete {ID} published" in failure(workspace, "brief", ID)
    workspace.run("complete", ID, "published", "--on", "2026-07-01")
    assert "publication_address is empty" in failure(workspace, "brief", ID)


# -- templates -----------------------------------------------------------------------------------

def test_workspace_template_overrides_the_packaged_one_by_name(published):
    write_learning(published)
    assert (published.root / "templates" / "briefing.md.j2").is_file()  # copied by cspr init
    (published.root / "templates" / "briefing.md.j2").write_text(
        "{{ partnership.name }} | {{ review.child }} | {{ review.published | long_date }}\n"
        "{% for part in parts %}[{{ part.number }}]{% endfor %}\n"
    )
    assert published.run("brief", ID).stdout == (
        "Testshire Safeguarding Partnership | Child A | Wed 1 Jul 2026\n[1][2][3][4][5][6][7]")
    # --template picks another by name; it may extend a built-in one.
    (published.root / "templates" / "short.md.j2").write_text("Short briefing for {{ review.child }}\n")
    assert published.run("brief", ID, "--template", "short").stdout == "Short briefing for Child A\n"
    (published.root / "templates" / "briefing.md.j2").unlink()
    assert "## 7. What to do" in published.run("brief", ID).stdout  # the packaged one again
    assert "not a path" in failure(published, "brief", ID, "--template", "../cspr.yaml")
    listed = failure(published, "brief", ID, "--template", "nope")
    assert "the templates are: " in listed
    for name in ("briefing.html.j2", "briefing.md.j2", "short.md.j2"):
        assert name in listed


def test_template_error_names_the_file_and_line(published):
    write_learning(published)
    (published.root / "templates" / "bad.md.j2").write_text("# {{ review.child }}\n\n{% for part in parts %}\n")
    message = failure(published, "brief", ID, "--template", "bad.md.j2")
    assert re.search(r"templates/bad\.md\.j2:3: template does not parse: .*'endfor'", message), message


def test_missing_field_is_named_with_its_location(published):
    write_learning(published)
    (published.root / "templates" / "gap.md.j2").write_text("# {{ review.child }}\nBorn {{ review.birthday }}\n")
    message = failure(published, "brief", ID, "--template", "gap")
    assert "templates/gap.md.j2:2: missing field review.birthday (no field 'birthday'; the fields there are: id, child," in message


@pytest.mark.parametrize("payload", [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.system('touch MARKER') }}",
    "{{ review['__class__'] }}",
    # Names built at run time get past the check before rendering; the sandbox stops them.
    "{{ (lipsum | attr('_' ~ '_globals_' ~ '_'))['os'].system('touch MARKER') }}",
])
def test_a_template_reaching_for_python_internals_is_refused(published, payload):
    write_learning(published)
    marker = published.root / "MARKER"
    (published.root / "templates" / "evil.md.j2").write_text(f"Briefing\n{payload.replace('MARKER', str(marker))}\n")
    message = failure(published, "brief", ID, "--template", "evil", "-o", str(published.root / "out.md"))
    assert re.search(r"templates/evil\.md\.j2:2: refused: the template reaches for Python internals", message), message
    assert not marker.exists() and not (published.root / "out.md").exists()


# -- restricted terms ----------------------------------------------------------------------------

def test_terms_match_whole_words_in_any_case_across_lines():
    terms = ["Smith", "Oak Road", "O'Brien", "St. Mary's"]
    assert terms_in("met mr SMITH today", terms) == ["Smith"]
    assert terms_in("Smithson and Blacksmith", terms) == []
    assert terms_in("lived on oak\n  road", terms) == ["Oak Road"]
    assert terms_in("o'brien; st. mary's", terms) == ["O'Brien", "St. Mary's"]


def test_a_restricted_term_blocks_the_briefing_and_nothing_is_written(published):
    write_learning(published, LEARNING.replace("a parent and the parent's new partner",
                                               "a parent and Mr SMITH, of Oak\n  Road")
                   .replace("Hand over in person", "Hand over to St. Mary's in person"))
    restrict(published, "Smith", "oak road", "St. Mary's", "Blacksmith")
    target = published.root / "briefing.html"
    for fmt in ("md", "html"):
        message = failure(published, "brief", ID, "-f", fmt, "-o", str(target))
        assert "nothing was written" in message
        # Each term by its place in the terms file: the message never repeats a real name.
        assert "term 1 in 1. Background (briefing.yaml)" in message
        assert "term 2 in 1. Background (briefing.yaml)" in message
        assert "term 3 in 7. What to do (briefing.yaml)" in message
        assert "term 4" not in message  # Blacksmith is listed, and not in the briefing
        assert "terms numbered as private/restricted-terms.txt lists them" in message
        assert not any(term.casefold() in message.casefold() for term in ("Smith", "oak road", "Mary"))
        assert not target.exists()
    target.write_text("the old briefing\n")
    failure(published, "brief", ID, "-f", "html", "-o", str(target))
    assert target.read_text() == "the old briefing\n"  # an earlier file is left as it was


def test_a_term_the_template_adds_is_caught_and_escaping_cannot_hide_one(published):
    write_learning(published)
    restrict(published, "O'Brien")
    (published.root / "templates" / "named.html.j2").write_text("<p>Thanks to\nMrs O&#39;Brien</p>\n")
    message = failure(published, "brief", ID, "--template", "named.html.j2")
    assert "term 1 in the template named.html.j2 (output line 2)" in message and "Brien" not in message
    write_learning(published, LEARNING.replace("Neglect is cumulative", "Neglect (seen by o'brien) is cumulative"))
    message = failure(published, "brief", ID, "-f", "html")
    assert "term 1 in 2. Why it matters (briefing.yaml)" in message and "Brien" not in message


def test_the_restricted_terms_file_stays_out_of_git(published):
    restrict(published, "Smith")
    assert published.git("status", "--porcelain") == ""
    assert published.git("check-ignore", "private/restricted-terms.txt").strip() == "private/restricted-terms.txt"


# -- one A4 page in a real browser ---------------------------------------------------------------

def _words(count: int) -> str:
    sentence = "Each agency saw a part of the picture and no one put the parts together in time."
    words = (sentence + " ") * (count // len(sentence.split()) + 1)
    return " ".join(words.split()[:count])


# As long as the skeleton's guidance allows (about 450 words), with five points of learning.
FULL_LEARNING = f"""\
background: |
  {_words(80)}
why_it_matters: |
  {_words(60)}
learning:
{"".join(f"  - |{chr(10)}    {_words(40)}{chr(10)}" for _ in range(5))}\
remember:
{"".join(f"  - {_words(18)}{chr(10)}" for _ in range(3))}\
what_to_do:
{"".join(f"  - {_words(18)}{chr(10)}" for _ in range(3))}\
further_reading:
  - Working Together to Safeguard Children 2023, chapter 5.
  - The partnership's neglect toolkit.
"""


def test_a_long_html_briefing_is_warned_about(published):
    write_learning(published, FULL_LEARNING.replace(_words(80), _words(200)))
    assert "may not fit on one A4 page" in published.run("brief", ID, "-f", "html").stderr


def test_html_briefing_prints_on_one_a4_page(published, tmp_path):
    browser = find_browser()
    if browser is None:
        pytest.skip("no Chromium or Chrome installed (.ci/run installs chromium)")
    write_learning(published, FULL_LEARNING)
    page = tmp_path / "briefing.html"
    result = published.run("brief", ID, "-f", "html", "-o", str(page))
    assert "may not fit" not in result.stderr  # as long as the guidance allows
    pdf = tmp_path / "briefing.pdf"
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", f"--print-to-pdf={pdf}", "--no-pdf-header-footer",
         page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    # Chromium writes each page as an uncompressed `/Type /Page` object, with its MediaBox.
    assert len(re.findall(rb"/Type\s*/Page(?![s\w])", data)) == 1
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    assert boxes and all(abs(float(w) - 595.3) < 2 and abs(float(h) - 841.9) < 2 for w, h in boxes)  # A4
