"""Reading a review: a file on disk, or a review file's text as committed in a commit (what
`cspr` judges a past state by), checked the same way, each problem at FILE:LINE:COL. Real
files in tmp_path; the text of a commit is given as text, as the git layer hands it over."""

from __future__ import annotations

import datetime as dt

import pytest

from cspr.errors import UsageError
from cspr.model.review import Completion, Review
from cspr.storage.review_reader import load_reviews, read_review, read_review_text
from cspr.storage.workspace import Workspace

GOOD = "id: 2026-child-a\nchild: Child A\naware: 2026-04-01\nstages:\n  notification:\n    done: 2026-04-02\n"


@pytest.fixture
def workspace(tmp_path, monkeypatch) -> Workspace:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cspr.yaml").write_text("partnership: Testshire Safeguarding Partnership\n", encoding="utf-8")
    return Workspace(tmp_path)


def write(workspace: Workspace, review_id: str, text: str) -> None:
    folder = workspace.root / "reviews" / review_id
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "review.yaml").write_text(text, encoding="utf-8")


def child_a() -> Review:
    return Review("2026-child-a", "Child A", dt.date(2026, 4, 1),
                  completions={"notification": Completion(dt.date(2026, 4, 2))}, stage_blocks=("notification",))


def test_a_commits_text_is_read_as_the_review_it_was(workspace):
    assert read_review_text(workspace, "2026-child-a", GOOD, "abc1234") == (child_a(), None)


def test_a_bad_field_in_a_commits_text_is_reported_at_its_line_in_that_version(workspace):
    write(workspace, "2026-child-a", GOOD)  # the file on disk is fine: the commit's text is read
    text = GOOD.replace("aware: 2026-04-01\n", "aware: 2026-04-01\nholds:\n  - reason: trial\n"
                        "    from: 2026-05-01\n    to: 2026-04-30\n")
    review, error = read_review_text(workspace, "2026-child-a", text, "abc1234")
    assert review is None
    assert str(error) == "abc1234:reviews/2026-child-a/review.yaml:7:9: a hold cannot end before it starts"
    assert (error.location.line, error.location.column) == (7, 9)


def test_a_commits_text_that_is_not_yaml_is_reported_at_its_line(workspace):
    review, error = read_review_text(workspace, "2026-child-a", GOOD.replace("Child A", "[Child A"), "abc1234")
    assert review is None
    assert str(error) == "abc1234:reviews/2026-child-a/review.yaml:3:6: expected ',' or ']', but got ':'"


def test_a_review_file_is_read_with_its_text(workspace):
    write(workspace, "2026-child-a", GOOD)
    assert read_review(workspace.review_path("2026-child-a"), "2026-child-a") == (child_a(), GOOD, None)
    # text already read is not read again
    assert read_review(workspace.review_path("2026-child-a"), "2026-child-a", GOOD.replace("Child A", "Child Z")) \
        == (Review("2026-child-a", "Child Z", dt.date(2026, 4, 1),
                   completions={"notification": Completion(dt.date(2026, 4, 2))}, stage_blocks=("notification",)),
            GOOD.replace("Child A", "Child Z"), None)


def test_a_bad_review_file_gives_its_text_and_the_problem_at_its_line(workspace):
    text = GOOD.replace("aware: 2026-04-01", "aware: soon")
    write(workspace, "2026-child-a", text)
    review, found, error = read_review(workspace.review_path("2026-child-a"), "2026-child-a")
    assert (review, found) == (None, text)
    assert str(error).startswith("reviews/2026-child-a/review.yaml:3:8: ")
    missing = workspace.review_path("2026-child-b")
    assert read_review(missing, "2026-child-b")[:2] == (None, None)
    assert str(read_review(missing, "2026-child-b")[2]) == (
        "reviews/2026-child-b/review.yaml: cannot be read: No such file or directory")


def test_one_review_is_read_without_the_cache_and_an_error_is_given_back(workspace):
    write(workspace, "2026-child-a", GOOD)
    write(workspace, "2026-child-b", "id: 2026-child-b\nchild: Child B\naware: 2026-13-01\n")
    assert load_reviews(workspace, ["2026-child-a"]) == ([child_a()], [])
    reviews, errors = load_reviews(workspace, ["2026-child-b"])
    assert reviews == []
    assert [str(error) for error in errors] == [
        "reviews/2026-child-b/review.yaml:3:8: not a real date (month must be in 1..12); write it as 2026-04-01"]
    assert not (workspace.root / ".cspr").exists()
    assert load_reviews(workspace, []) == ([], [])


def test_many_reviews_are_read_through_the_cache_in_the_order_asked(workspace):
    write(workspace, "2026-child-a", GOOD)
    write(workspace, "2026-child-c", GOOD.replace("child-a", "child-c").replace("Child A", "Child C"))
    write(workspace, "2026-child-b", "id: 2026-child-b\nchild: Child B\naware: 2026-13-01\n")
    for _ in range(2):  # the second time, from the cache
        reviews, errors = load_reviews(workspace, ["2026-child-c", "2026-child-b", "2026-child-a", "2026-child-d"])
        assert [review.id for review in reviews] == ["2026-child-c", "2026-child-a"]
        assert [str(error) for error in errors] == [
            "reviews/2026-child-b/review.yaml:3:8: not a real date (month must be in 1..12); write it as 2026-04-01",
            "reviews/2026-child-d/review.yaml: cannot be read: No such file or directory"]
        assert (workspace.root / ".cspr" / "reviews.cache").is_file()


def test_a_review_that_is_not_there_is_named_as_the_officer_typed_it(workspace):
    write(workspace, "2026-child-a", GOOD)
    assert workspace.load_review("2026-child-a") == child_a()
    with pytest.raises(UsageError) as refused:
        workspace.load_review("2026-child-b")
    assert str(refused.value) == "no review '2026-child-b' in reviews; 'cspr list --all' shows them"


def test_a_file_the_yaml_reader_refuses_is_named_as_one_with_a_bad_field_is(workspace):
    """Both relative to the current folder: one report never names files two ways."""
    write(workspace, "2026-child-a", GOOD.replace("2026-04-02", "2026-04-31"))
    write(workspace, "2026-child-b", "id: 2026-child-b\nchild: Child B\naware: soon\n")
    write(workspace, "2026-child-c", "id: 2026-child-c\nchild: [Child C\n")
    _, errors = load_reviews(workspace, ["2026-child-a", "2026-child-b", "2026-child-c"])
    assert [str(error) for error in errors] == [
        "reviews/2026-child-a/review.yaml:6:11: not a real date (day is out of range for month); write it as 2026-04-01",
        "reviews/2026-child-b/review.yaml:3:8: expected a date written as 2026-04-01, found 'soon'",
        "reviews/2026-child-c/review.yaml:3:1: expected ',' or ']', but got '<stream end>'"]


def test_an_id_that_does_not_match_its_folder_is_refused_on_disk_and_in_a_commit(workspace):
    text = GOOD.replace("id: 2026-child-a", "id: 2026-child-q")
    review, error = read_review_text(workspace, "2026-child-a", text, "abc1234")
    assert (review, str(error)) == (
        None, "abc1234:reviews/2026-child-a/review.yaml:1:5: id '2026-child-q' does not match its folder '2026-child-a'")
    write(workspace, "2026-child-a", text)
    assert [str(error) for error in load_reviews(workspace, ["2026-child-a"])[1]] == [
        "reviews/2026-child-a/review.yaml:1:5: id '2026-child-q' does not match its folder '2026-child-a'"]
    write(workspace, "2026-child-b", GOOD.replace("child-a", "child-b"))
    for _ in range(2):  # read, then from the cache of parsed reviews
        reviews, errors = load_reviews(workspace, ["2026-child-a", "2026-child-b"])
        assert [review.id for review in reviews] == ["2026-child-b"]
        assert [str(error) for error in errors] == [
            "reviews/2026-child-a/review.yaml:1:5: id '2026-child-q' does not match its folder '2026-child-a'"]


def _plant(workspace: Workspace, review_id: str, review: Review, racy: bool) -> None:
    """A cache entry for the file as it is now, holding `review`: what the cache gives back
    when (and only when) it vouches for the file."""
    import os

    from cspr.storage.cache import digest, file_key
    from cspr.storage.review_cache import ReviewCache

    path = workspace.review_path(review_id)
    cache = ReviewCache.open(workspace.state_dir)
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    cache.put(review_id, file_key(os.stat(path)), digest(text) if racy else None, review)
    cache.save()


def test_an_entry_cached_while_its_file_was_changing_is_used_only_while_the_text_is_the_same(workspace):
    write(workspace, "2026-child-a", GOOD)
    write(workspace, "2026-child-b", GOOD.replace("child-a", "child-b").replace("Child A", "Child B"))
    planted = Review("2026-child-a", "Child Z", dt.date(2026, 4, 1))
    _plant(workspace, "2026-child-a", planted, racy=True)
    reviews, _ = load_reviews(workspace, ["2026-child-a", "2026-child-b"])
    assert reviews[0] == planted  # the text is as it was: the entry is used, the file not parsed
    _plant(workspace, "2026-child-a", planted, racy=False)
    assert load_reviews(workspace, ["2026-child-a", "2026-child-b"])[0][0] == planted


def test_a_review_file_that_is_a_folder_is_reported_even_with_an_entry_for_it(workspace):
    (workspace.root / "reviews" / "2026-child-a" / "review.yaml").mkdir(parents=True)
    write(workspace, "2026-child-b", GOOD.replace("child-a", "child-b"))
    _plant(workspace, "2026-child-a", child_a(), racy=True)
    reviews, errors = load_reviews(workspace, ["2026-child-a", "2026-child-b"])
    assert [review.id for review in reviews] == ["2026-child-b"]
    assert [str(error) for error in errors] == ["reviews/2026-child-a/review.yaml: cannot be read: Is a directory"]


@pytest.mark.parametrize("change", ["its format", "cspr's version", "ruamel.yaml"])
def test_a_cache_of_reviews_written_by_other_code_is_not_trusted(workspace, tmp_path, monkeypatch, change):
    from cspr.storage import review_cache
    from cspr.storage.cache import installed_stamp

    write(workspace, "2026-child-a", GOOD)
    write(workspace, "2026-child-b", GOOD.replace("child-a", "child-b"))
    planted = Review("2026-child-a", "Child Z", dt.date(2026, 4, 1))
    _plant(workspace, "2026-child-a", planted, racy=False)
    assert load_reviews(workspace, ["2026-child-a", "2026-child-b"])[0][0] == planted  # trusted as it is
    if change == "its format":
        monkeypatch.setattr(review_cache, "FORMAT", review_cache.FORMAT + 1)
    elif change == "cspr's version":
        monkeypatch.setattr(review_cache, "__version__", "0.0.1")
    else:  # another copy of ruamel.yaml found first: an upgrade (the one imported stays)
        module = tmp_path / "site" / "ruamel" / "yaml" / "__init__.py"
        module.parent.mkdir(parents=True)
        module.write_text("# ruamel.yaml, another release\n")
        monkeypatch.syspath_prepend(str(tmp_path / "site"))
        assert installed_stamp("ruamel.yaml").startswith(str(module))
    assert load_reviews(workspace, ["2026-child-a", "2026-child-b"])[0][0] == child_a()
