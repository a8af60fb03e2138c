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


def test_a_failed_dump_leaves_later_reads_and_writes_whole():
    with pytest.raises(Exception, match="cannot represent"):
        yamlio.dump_document({"what": object()})
    document = yamlio.parse_text("id: 2026-child-a\nchild: Child A\n", "review.yaml")
    assert dict(document) == {"id": "2026-child-a", "child": "Child A"}
    assert yamlio.dump_document(document) == "id: 2026-child-a\nchild: Child A\n"
