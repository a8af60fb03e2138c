"""The review folders are listed once per command, and again after the command adds, renames or
deletes one: what a command reads after its own change includes that change."""

from __future__ import annotations

import datetime as dt

import pytest

from cspr.errors import UsageError
from cspr.ops.corrections import delete_review, rename_review
from cspr.ops.new import create_review
from cspr.storage.paths import check_id, packaged_templates_dir
from cspr.storage.workspace import Workspace as DiskWorkspace
from tests.helpers.workspace import OFFICER, REPO


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


def _listing(root):
    disk = DiskWorkspace(root)
    return disk.review_folders(), [str(problem) for problem in disk.folder_problems()]


def test_the_review_folders_and_what_under_reviews_cannot_be_a_review(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    reviews = tmp_path / "reviews"
    for name in ("2026-child-b", "2026-child-a", "2025.baby-r", ".git-folder", "bad name", "a..b", "x" * 65):
        (reviews / name).mkdir(parents=True)
    (reviews / ".gitkeep").write_text("")
    (reviews / "README.md").write_text("not a review\n")
    (reviews / "2026-child-c").symlink_to(tmp_path / "gone")
    (reviews / "2026-child-d").symlink_to(reviews / "2026-child-d")  # a link that loops
    (reviews / "2026-child-e").symlink_to(reviews / "2026-child-a")  # a link to a folder is a review
    message = ("this folder's name is not a usable review ID (letters, digits, '-', '_' and '.', at most 64 "
               "characters): rename it with 'git mv'")
    link = ("a link to a folder that does not exist (or a link that loops); remove it, or point it at the "
            "review's folder")
    assert _listing(tmp_path) == (
        ["2025.baby-r", "2026-child-a", "2026-child-b", "2026-child-e"],
        [f"reviews/2026-child-c: {link}", f"reviews/2026-child-d: {link}", f"reviews/a..b: {message}",
         f"reviews/bad name: {message}", f"reviews/{'x' * 40}...: {message}"])


def test_no_reviews_folder_is_no_reviews_and_one_that_cannot_be_listed_is_said(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert _listing(tmp_path) == ([], [])
    (tmp_path / "reviews").write_text("a file where the folder should be\n")
    assert _listing(tmp_path) == ([], ["reviews: cannot be read: Not a directory"])


def test_the_folders_are_read_once_until_forgotten(tmp_path):
    disk = DiskWorkspace(tmp_path)
    (tmp_path / "reviews" / "2026-child-a").mkdir(parents=True)
    assert disk.review_ids() == ["2026-child-a"]
    (tmp_path / "reviews" / "2026-child-b").mkdir()
    (tmp_path / "reviews" / "bad name").mkdir()
    assert (disk.review_ids(), disk.folder_problems()) == (["2026-child-a"], [])
    disk.forget_scan()
    assert disk.review_ids() == ["2026-child-a", "2026-child-b"]
    assert len(disk.folder_problems()) == 1
    assert disk.review_dir("2026-child-b") == tmp_path / "reviews" / "2026-child-b"


def test_a_review_id_must_be_a_usable_folder_name():
    assert check_id("2026-child-a") == "2026-child-a"
    assert check_id("R.1_b") == "R.1_b"
    for bad in ("a..b", "../x", "-child", "a b", "x" * 65, ""):
        with pytest.raises(UsageError) as refused:
            check_id(bad)
        shown = bad if len(bad) <= 40 else bad[:40] + "..."
        assert str(refused.value) == (
            f"{shown!r} is not a usable review ID: use letters, digits, '-', '_' and '.', starting with a letter "
            "or digit, at most 64 characters (for example 2026-child-h)")


def test_the_built_in_templates_are_the_checkouts_outside_a_wheel():
    assert packaged_templates_dir() == REPO / "templates"
    assert packaged_templates_dir().is_dir()
