"""A rendered document is bounded in length, and rendering a batch of pieces at a time loses
none of them. Real template files in tmp_path, rendered through the sandbox."""

from __future__ import annotations

import pytest

from cspr.errors import UnsafeTemplate
from cspr.present.templates import LONGEST_OUTPUT, render


def _render(tmp_path, text: str) -> str:
    (tmp_path / "t.md.j2").write_text(text)
    return render([tmp_path], "t.md.j2", "md", {"rows": list(range(1000))})


def test_a_document_longer_than_any_document_should_be_is_refused(tmp_path):
    with pytest.raises(UnsafeTemplate, match=f"runs past {LONGEST_OUTPUT:,} characters"):
        _render(tmp_path, '{% for i in range(20000) %}{{ "x" * 1000 }}{% endfor %}')


def test_every_piece_is_kept_empty_ones_and_the_last_batch_included(tmp_path):
    assert _render(tmp_path, '{% for r in rows %}{{ "" }}{% endfor %}end\n') == "end\n"
    assert _render(tmp_path, "{% for r in rows %}{{ r }},{% endfor %}") == "".join(f"{r}," for r in range(1000))
    assert _render(tmp_path, "") == ""
