"""The review folders are listed once per command, and again after the command adds, renames or
deletes one: what a command reads after its own change includes that change."""

from __future__ import annotations

import datetime as dt

from cspr.ops.corrections import delete_review, rename_review
from cspr.ops.new import create_review
from cspr.storage.workspace import Workspace as DiskWorkspace
from tests.helpers.workspace import OFFICER


def test_the_folders_are_listed_again_after_a_review_is_added_renamed_or_deleted(workspace):
    disk = DiskWorkspace(workspace.root)
    assert disk.review_ids() == []
    create_review(disk, "Child A", dt.date(2026, 4, 1), today=dt.date(2026, 4, 2), by=OFFICER)
    assert disk.review_ids() == ["2026-child-a"]
    rename_review(disk, "2026-child-a", "2026-child-z", by=OFFICER)
    assert disk.review_ids() == ["2026-child-z"]
    delete_review(disk, "2026-child-z", reason="Created in error", by=OFFICER)
    assert disk.review_ids() == []


def test_a_listing_is_a_copy_a_caller_may_change(workspace):
    disk = DiskWorkspace(workspace.root)
    create_review(disk, "Child A", dt.date(2026, 4, 1), today=dt.date(2026, 4, 2), by=OFFICER)
    disk.review_ids().append("2026-child-b")
    assert disk.review_ids() == ["2026-child-a"]
