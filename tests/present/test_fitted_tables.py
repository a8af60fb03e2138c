"""The table layout for a terminal, as pure functions: fit_columns, cut and fit_table."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cspr.present.listing import ELLIPSIS, KEEP, Column, Listing, cut, fit_table

WORD = st.text(alphabet="abcdefghij-", min_size=1, max_size=12)
TEXT = st.lists(WORD, min_size=1, max_size=12).map(" ".join)


def listing(rows: list[dict]) -> Listing:
    columns = [
        Column("review", "Review", fit=KEEP), Column("child", "Child", fit=KEEP, priority=3),
        Column("what", "What", priority=2), Column("owner", "Owner", priority=2),
        Column("due", "Due", fit=KEEP), Column("status", "Status", min_width=15),
    ]
    return Listing(columns, rows, rows, status="status", styles=["red"] * len(rows))


ROW = st.fixed_dictionaries({
    "review": st.sampled_from(["2026-child-a", "2025-baby-r", "2026-child-ab"]),
    "child": st.sampled_from(["Child A", "Baby R"]),
    "what": TEXT, "owner": TEXT,
    "due": st.sampled_from(["Fri 10 Apr 2026", "Mon 1 Jun 2026"]),
    "status": st.sampled_from(["4 days overdue", "due today", "on hold: criminal trial at the crown court"]),
})


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(ROW, min_size=1, max_size=6), width=st.integers(min_value=80, max_value=220))
def test_every_line_fits_and_no_word_is_broken(rows, width):
    lines = fit_table(listing(rows), width).lines
    words = {w for row in rows for value in row.values() for w in value.split()} | {
        "Review", "Child", "What", "Owner", "Due", "Status"}
    for text, span, _style in lines:
        assert len(text) <= width
        for word in text.split():
            assert word in words or word.endswith(ELLIPSIS), word
        if span is not None:  # colour only where the status cell's words are
            assert text[span[0]:span[1]].split()[0] in {"4", "due", "on", "days", "criminal", "trial", "at",
                                                         "the", "crown", "court", "today", "overdue", "hold:"}
    body = lines[1:]
    firsts = [text for text, _, _ in body if not text.startswith(" ")]
    assert len(firsts) == len(rows)
    assert len(body) <= (1 if width >= 100 else 2) * len(rows)
    for row in rows:  # IDs and dates never cut
        assert any(row["review"] in text and row["due"] in text for text, _, _ in body)


def test_cut_ends_between_words_with_an_ellipsis():
    assert cut("Progress and quality of the review checked", 20, 1) == ["Progress and…"]
    assert cut("Progress and quality of the review checked", 20, 2) == ["Progress and quality", "of the review…"]
    assert cut("Progress and quality of the review checked", 20, None) == [
        "Progress and quality", "of the review", "checked"]
    assert cut("missed-appointment alerts", 12, 2) == ["missed-appo…"]
    assert cut("short", 12, 1) == ["short"]


def test_columns_give_way_by_priority_before_anything_is_cut_too_far():
    rows = [{"review": "2026-child-a", "child": "Child A", "what": "Serious incident notified to the National Panel",
             "owner": "Local authority children's services", "due": "Fri 10 Apr 2026", "status": "4 days overdue"}]
    header_80 = fit_table(listing(rows), 80).lines[0][0].split()
    header_200 = fit_table(listing(rows), 200).lines[0][0].split()
    assert header_200 == ["Review", "Child", "What", "Owner", "Due", "Status"]
    assert "Child" not in header_80 and {"Review", "Due", "Status"} <= set(header_80)
