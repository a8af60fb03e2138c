"""Writing YAML documents: statuses as plain words, and one failed dump spoils nothing after it."""

from __future__ import annotations

import pytest

from cspr.model.statuses import ItemStatus, StageStatus
from cspr.storage import yamlio


def test_a_status_is_written_as_its_word():
    document = yamlio.parse_text("review: 2026-child-a\n", "chases.yaml")
    document["status"] = ItemStatus.OVERDUE
    document["stage"] = StageStatus.ON_HOLD
    assert yamlio.dump_document(document) == "review: 2026-child-a\nstatus: overdue\nstage: on-hold\n"


def test_a_line_of_up_to_4096_characters_is_written_whole_and_a_longer_one_folded_at_its_last_space():
    kept = {"note": "a" * 4080 + " " + "b" * 9}  # 6 + 4,090: a line of 4,096
    assert yamlio.dump_document(kept) == f"note: {kept['note']}\n"
    longer = {"note": "a" * 4081 + " " + "b" * 9}
    assert yamlio.dump_document(longer) == f"note: {'a' * 4081} \n  {'b' * 9}\n"


def test_a_failed_dump_leaves_later_reads_and_writes_whole():
    with pytest.raises(Exception, match="cannot represent"):
        yamlio.dump_document({"what": object()})
    document = yamlio.parse_text("id: 2026-child-a\nchild: Child A\n", "review.yaml")
    assert dict(document) == {"id": "2026-child-a", "child": "Child A"}
    assert yamlio.dump_document(document) == "id: 2026-child-a\nchild: Child A\n"


def test_a_large_file_beyond_the_plain_layout_is_refused_saying_what_to_do(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    # an anchor is not plain, so the file could only be read whole, and it is over 2 MB
    text = "id: 2026-child-a\nsummary: &said x\nnotes: " + "y" * (2_350_001 - 42) + "\n"
    assert len(text.encode("utf-8")) == 2_350_001
    with pytest.raises(yamlio.DataError) as refused:
        yamlio.parse_document(text, tmp_path / "reviews" / "2026-child-a" / "review.yaml")
    assert str(refused.value) == (
        "reviews/2026-child-a/review.yaml: is 2.4 MB and uses YAML beyond the plain layout cspr writes (such as "
        "anchors, tags, block scalars, numbers or flow mappings), so it would be read whole, and cspr reads at "
        "most 2 MB whole: rewrite those parts as cspr writes them, or move long text to the review's notes.md, "
        "commit that, then run the command again")


@pytest.mark.parametrize("round_trip", [True, False])
def test_a_character_yaml_does_not_allow_is_reported_in_its_file(round_trip):
    with pytest.raises(yamlio.DataError) as refused:
        yamlio.parse_text("id: 2026-child-a\nchild: Child\x07A\n", "reviews/2026-child-a/review.yaml",
                          round_trip=round_trip)
    assert str(refused.value) == ("reviews/2026-child-a/review.yaml: YAML does not parse: unacceptable character "
                                  "#x0007: special characters are not allowed\n  in \"<unicode string>\", position 29")
