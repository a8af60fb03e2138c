"""Write the built-in Word templates, templates/briefing.docx and templates/board.docx, with python-docx.

The .docx files are committed (and packaged); this script is how they were made, so a change
to their layout is a change here, then `python scripts/make_docx_templates.py`. They hold
docxtpl's Jinja tags: `{{ ... }}` in a run, `{%p ... %}` for a paragraph that only holds a tag,
and `{%tr ... %}` for a table row that only holds a tag. Each tag is written as one run, since
Word's spell checker would otherwise split a tag across runs that docxtpl cannot read.
A partnership that wants its own letterhead opens the copy `cspr init` put in its workspace's
templates/ folder in Word, and changes fonts, colours, logo and wording around the tags.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
ACCENT = RGBColor(0x1F, 0x4E, 0x79)
# dict(...) rather than {...}: docxtpl finds a paragraph's tag by its braces, so none may be inside it.
HEADINGS = ('dict(background="Background", why_it_matters="Why it matters", learning="Key learning", '
            'remember="Things to note and remember", what_to_do="What to do")')


def _document():
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)  # A4
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10.5)
    for name in ("Title", "Heading 1", "Heading 2"):
        document.styles[name].font.name = "Arial"
        document.styles[name].font.color.rgb = ACCENT
    return document


def _tag(document, text: str) -> None:
    document.add_paragraph().add_run(text)


def briefing() -> None:
    document = _document()
    _tag(document, "{%p set headings = " + HEADINGS + " %}")
    document.add_paragraph("7-minute briefing: {{ review.child }}", style="Title")
    line = document.add_paragraph()
    line.add_run("{{ partnership.name }}").bold = True
    line.add_run(" · Child Safeguarding Practice Review · published {{ review.published|written_date }}")
    _tag(document, "{%p if review.themes %}")
    document.add_paragraph("Themes: {{ review.themes|join(', ') }}")
    _tag(document, "{%p endif %}")
    _tag(document, "{%p for part in parts %}")
    document.add_paragraph("{{ part.number }}. {{ headings[part.key] }}", style="Heading 2")
    _tag(document, "{%p for paragraph in part.paragraphs %}")
    document.add_paragraph("{{ paragraph }}")
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p for point in part.points %}")
    document.add_paragraph("{{ point }}", style="List Bullet")
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p endfor %}")
    document.add_paragraph(
        "Read the full report, published {{ review.published|written_date }}: {{ review.publication_address }}")
    _tag(document, "{%p if learning.further_reading %}")
    document.add_paragraph("Further reading", style="Heading 2")
    _tag(document, "{%p for item in learning.further_reading %}")
    document.add_paragraph("{{ item }}", style="List Bullet")
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p endif %}")
    closing = document.add_paragraph(
        "Please read this briefing with your team, and tell {{ partnership.name }} how you used it.")
    closing.alignment = WD_ALIGN_PARAGRAPH.CENTER
    closing.runs[0].italic = True
    document.save(TEMPLATES / "briefing.docx")


def _table(document, headings: list[str], cells: list[str], loop: str) -> None:
    """A table with a heading row and one row per item: the `{%tr %}` rows hold the loop."""
    table = document.add_table(rows=4, cols=len(headings))
    table.style = "Table Grid"
    for index, heading in enumerate(headings):
        run = table.rows[0].cells[index].paragraphs[0].add_run(heading)
        run.bold = True
    table.rows[1].cells[0].paragraphs[0].add_run("{%tr for item in " + loop + " %}")
    for index, cell in enumerate(cells):
        table.rows[2].cells[index].paragraphs[0].add_run(cell)
    table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")


def board() -> None:
    document = _document()
    document.add_paragraph("{{ partnership.name }}", style="Title")
    document.add_paragraph("Child Safeguarding Practice Reviews: report to the board, {{ period.name }}",
                           style="Heading 1")
    document.add_paragraph("{{ period.start|written_date }} to {{ period.end|written_date }}, as at "
                           "{{ as_of|written_date }}.")

    document.add_paragraph("Reviews in progress", style="Heading 2")
    _tag(document, "{%p if open_reviews %}")
    _table(document, ["Review", "Child", "Track", "Stage reached", "Next deadline", "RAG"],
           ["{{ item.id }}", "{{ item.child }}", "{{ item.track }}", "{{ item.stage }}",
            "{{ item.next }}", "{{ item.rag|upper }}"], "open_reviews")
    _tag(document, "{%p else %}")
    document.add_paragraph("No reviews in progress.")
    _tag(document, "{%p endif %}")

    document.add_paragraph("Completed in the period", style="Heading 2")
    _tag(document, "{%p if completed %}")
    _table(document, ["Review", "Stage", "Done", "Due", "On time"],
           ["{{ item.review }}", "{{ item.title }}", "{{ item.done|long_date }}",
            "{{ item.due|long_date if item.due else '' }}", "{{ item.on_time_words }}"], "completed")
    _tag(document, "{%p else %}")
    document.add_paragraph("No stage was completed in the period.")
    _tag(document, "{%p endif %}")

    document.add_paragraph("Slipped in the period", style="Heading 2")
    _tag(document, "{%p if slipped %}")
    _table(document, ["Review", "Stage", "Due", "Where it stands"],
           ["{{ item.review }}", "{{ item.title }}", "{{ item.due|long_date }}", "{{ item.standing }}"], "slipped")
    _tag(document, "{%p else %}")
    document.add_paragraph("No deadline slipped in the period.")
    _tag(document, "{%p endif %}")

    document.add_paragraph("On hold for parallel proceedings", style="Heading 2")
    _tag(document, "{%p if holds %}")
    _table(document, ["Review", "Reason", "From", "To"],
           ["{{ item.review }}", "{{ item.reason }}", "{{ item.start|long_date }}",
            "{{ item.end|long_date if item.end else 'continuing' }}"], "holds")
    _tag(document, "{%p else %}")
    document.add_paragraph("No review was on hold in the period.")
    _tag(document, "{%p endif %}")

    document.add_paragraph("Published in the period", style="Heading 2")
    _tag(document, "{%p if publications %}")
    _table(document, ["Review", "Published", "Days from decision", "Within the deadline", "Days on hold"],
           ["{{ item.review }}", "{{ item.published|long_date }}", "{{ item.days }}",
            "{{ 'yes' if item.within_deadline else 'no' }}", "{{ item.days_on_hold }}"], "publications")
    _tag(document, "{%p else %}")
    document.add_paragraph("No review was published in the period.")
    _tag(document, "{%p endif %}")

    document.add_paragraph("Actions by agency", style="Heading 2")
    _tag(document, "{%p if agencies %}")
    _table(document, ["Agency", "Red", "Amber", "Green", "Total"],
           ["{{ item.agency }}", "{{ item.red }}", "{{ item.amber }}", "{{ item.green }}", "{{ item.total }}"],
           "agencies")
    _tag(document, "{%p else %}")
    document.add_paragraph("No actions recorded.")
    _tag(document, "{%p endif %}")

    document.add_paragraph("Figures for the period", style="Heading 2")
    _table(document, ["Figure", "Value"], ["{{ item.figure }}", "{{ item.value }}"], "figures")
    document.add_paragraph("{{ figures_note }}")
    document.save(TEMPLATES / "board.docx")


if __name__ == "__main__":
    briefing()
    board()
