"""Finding the review an officer means from what they typed, over the review folders on disk:
the ID, a unique part of it, or of the pseudonym (each review's `child:` line). Real files in
tmp_path; the command-line side is tests/cli/test_review_ids.py's."""

from __future__ import annotations

import datetime as dt

import pytest

from cspr.errors import DataError, UsageError
from cspr.model.review import Review
from cspr.storage.workspace import Workspace


@pytest.fixture
def reviews(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for review_id, child in [("2025-baby-r", "'Baby Rosie'  # as typed"), ("2026-child-a", "Child A"),
                             ("2026-child-ab", '"Child AB"'), ("2026-child-m", "Child M")]:
        folder = tmp_path / "reviews" / review_id
        folder.mkdir(parents=True)
        (folder / "review.yaml").write_text(f"id: {review_id}\nchild: {child}\naware: 2026-04-01\n", encoding="utf-8")
    (tmp_path / "reviews" / "not-a-review").mkdir()
    return Workspace(tmp_path)


def test_the_id_a_unique_part_of_it_or_of_the_pseudonym(reviews):
    assert reviews.resolve_review_id("2026-child-m") == "2026-child-m"
    assert reviews.resolve_review_id("2026-CHILD-M") == "2026-child-m"
    assert reviews.resolve_review_id("child a") == "2026-child-a"
    assert reviews.resolve_review_id("rosie") == "2025-baby-r"


def test_pseudonyms_are_read_from_the_child_line_unquoted_without_a_comment(reviews):
    assert reviews.pseudonyms() == {"2025-baby-r": "Baby Rosie", "2026-child-a": "Child A",
                                    "2026-child-ab": "Child AB", "2026-child-m": "Child M"}
    assert reviews.pseudonyms(["2026-child-m", "not-a-review", "missing"]) == {"2026-child-m": "Child M"}


def test_several_matches_are_listed_and_none_gets_the_nearest(reviews):
    with pytest.raises(UsageError) as refused:
        reviews.resolve_review_id("child")
    assert str(refused.value) == ("'child' could be any of 3 reviews: 2026-child-a, 2026-child-ab, 2026-child-m; "
                                  "give more of the ID")
    with pytest.raises(UsageError) as refused:
        reviews.resolve_review_id("2026-chlid-m")
    assert str(refused.value) == ("no review '2026-chlid-m' in reviews; did you mean 2026-child-m or 2026-child-a "
                                  "or 2026-child-ab?")
    with pytest.raises(UsageError) as refused:
        reviews.resolve_review_id("zzzz")
    assert str(refused.value) == "no review 'zzzz' in reviews; 'cspr list --all' shows them"


def test_a_long_list_of_matches_is_cut_at_eight(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for n in range(10):
        folder = tmp_path / "reviews" / f"2026-child-{n}"
        folder.mkdir(parents=True)
        (folder / "review.yaml").write_text(f"id: 2026-child-{n}\nchild: Child {n}\n", encoding="utf-8")
    with pytest.raises(UsageError) as refused:
        Workspace(tmp_path).resolve_review_id("2026")
    assert str(refused.value) == ("'2026' could be any of 10 reviews: " + ", ".join(f"2026-child-{n}" for n in range(8))
                                  + " and 2 more; give more of the ID")


def test_a_pseudonym_keeps_its_last_letter_and_a_missing_file_hides_no_other(reviews, tmp_path):
    folder = tmp_path / "reviews" / "2026-child-x"
    folder.mkdir()
    (folder / "review.yaml").write_text("id: 2026-child-x\nchild: Child X # born 2019 # by Officer One\n",
                                        encoding="utf-8")
    assert reviews.pseudonyms(["missing", "2026-child-x", "2026-child-m"]) == {
        "2026-child-x": "Child X", "2026-child-m": "Child M"}


def test_a_file_that_is_not_utf8_hides_no_other_pseudonym(reviews, tmp_path):
    folder = tmp_path / "reviews" / "2026-child-z"
    folder.mkdir()
    (folder / "review.yaml").write_bytes(b"id: 2026-child-z\nchild: Zo\xeb\n")
    assert reviews.pseudonyms(["2026-child-z", "2026-child-m"]) == {"2026-child-z": "Zo\ufffd", "2026-child-m": "Child M"}
    assert reviews.resolve_review_id("rosie") == "2025-baby-r"
    with pytest.raises(UsageError, match="^no review 'zoe' in reviews"):
        reviews.resolve_review_id("zoe")


def test_an_id_typed_in_full_is_found_on_disk_without_listing_the_folders(reviews, tmp_path):
    assert "2026-child-n" not in reviews.review_ids()  # listed once per command, before the review was made
    folder = tmp_path / "reviews" / "2026-child-n"
    folder.mkdir()
    (folder / "review.yaml").write_text("id: 2026-child-n\nchild: Child N\n", encoding="utf-8")
    assert reviews.resolve_review_id("2026-child-n") == "2026-child-n"
    (tmp_path / "reviews" / "2026-child-o").mkdir()  # a folder without its file is looked for in the listing
    with pytest.raises(UsageError, match="^no review '2026-child-o' in reviews"):
        reviews.resolve_review_id("2026-child-o")


@pytest.mark.parametrize(("count", "more"), [(8, ""), (9, " and 1 more")])
def test_up_to_eight_matches_are_shown_and_the_rest_counted(tmp_path, monkeypatch, count, more):
    monkeypatch.chdir(tmp_path)
    for n in range(count):
        folder = tmp_path / "reviews" / f"2026-child-{n}"
        folder.mkdir(parents=True)
        (folder / "review.yaml").write_text(f"id: 2026-child-{n}\nchild: Child {n}\n", encoding="utf-8")
    with pytest.raises(UsageError) as refused:
        Workspace(tmp_path).resolve_review_id("2026")
    assert str(refused.value) == (f"'2026' could be any of {count} reviews: "
                                  + ", ".join(f"2026-child-{n}" for n in range(8)) + f"{more}; give more of the ID")


def test_a_review_folder_without_its_file_is_reported_as_unreadable(reviews, tmp_path):
    (tmp_path / "reviews" / "2026-child-o").mkdir()
    with pytest.raises(DataError) as refused:
        reviews.load_review("2026-child-o")
    assert str(refused.value) == "reviews/2026-child-o/review.yaml: cannot be read: No such file or directory"
    with pytest.raises(UsageError) as refused:
        reviews.load_review("2026-child-q")
    assert str(refused.value) == "no review '2026-child-q' in reviews; 'cspr list --all' shows them"


def test_a_review_is_judged_under_the_workspaces_settings(tmp_path):
    (tmp_path / "cspr.yaml").write_text("partnership: Testshire Safeguarding Partnership\nneeds_timeline_after: 7\n",
                                        encoding="utf-8")
    disk = Workspace(tmp_path)
    schedule = disk.schedule_of(Review("2026-child-a", "Child A", dt.date(2026, 4, 1)), dt.date(2026, 5, 1))
    assert (schedule.needs_timeline_after, schedule.as_of, schedule.review.id) == (7, dt.date(2026, 5, 1), "2026-child-a")
    assert schedule.calendar is disk.calendar


def test_every_review_is_loaded_and_each_that_cannot_be_is_reported(reviews, tmp_path):
    (tmp_path / "reviews" / "2026-child-z").mkdir()
    (tmp_path / "reviews" / "2026-child-z" / "review.yaml").write_text("id: 2026-child-z\nchild: Child Z\naware: 2026-13-01\n",
                                                                      encoding="utf-8")
    loaded, problems = reviews.load_all()
    assert [(review.id, review.child) for review in loaded] == [
        ("2025-baby-r", "Baby Rosie"), ("2026-child-a", "Child A"), ("2026-child-ab", "Child AB"),
        ("2026-child-m", "Child M")]
    assert [str(problem).split(":")[0] for problem in problems] == [  # a bad date, a folder with no file
        "reviews/2026-child-z/review.yaml", "reviews/not-a-review/review.yaml"]
