"""The cache of parsed reviews is never wrong: every change is seen, a bad cache is rebuilt.

Also: the caches keep heavy modules out of a warm report, and `--help`/`--version` import
none of them. Those are properties of the code, so they are checked here; timings are
`make bench`'s business.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cspr.model.review import parse_review
from cspr.storage import cache as cache_store
from cspr.storage import review_cache
from cspr.storage.report_facts import PROBLEMS
from cspr.storage.review_cache import MAGIC, ReviewCache, codec_matches_model, decode, encode
from cspr.storage.yamlio import load_data
from tests.helpers.workspace import OFFICER, REPO, git

AS_OF = "2026-05-01"


def new_reviews(workspace, *children: str) -> list[str]:
    return [workspace.run("new", child, "--aware", "2026-04-01", "--by", OFFICER).stdout.strip()
            for child in children]


def read_all(workspace) -> None:
    """`cspr check` without its cache of problems found reads every review through the review
    cache (reports read their cached facts, and reviews only for the files that changed)."""
    with contextlib.suppress(OSError):  # `.cspr` may be missing, or a file in the way
        (workspace.root / ".cspr" / PROBLEMS.file).unlink()
    workspace.run("check", ok=None)


def overdue_stages(workspace, review_id: str) -> set[str]:
    read_all(workspace)
    report = workspace.json("overdue", "--as-of", AS_OF)
    return {item["stage"] for item in report["items"] if item["review"] == review_id}


def cache_file(workspace) -> Path:
    return workspace.root / ".cspr" / review_cache.CACHE_FILE


def fill_in(path: Path, stage: str, day: str) -> None:
    """A hand edit: record `stage` as done on `day` in the file's text."""
    text = path.read_text()
    block = f"  {stage}:\n    done:\n"
    assert block in text
    path.write_text(text.replace(block, f"  {stage}:\n    done: {day}\n"))


@pytest.fixture(params=["racy", "settled"])
def settledness(request, monkeypatch):
    """Run each test with files cached as just-changed (text digest checked) and as settled
    (stat alone trusted), so both ways of trusting an entry are proved."""
    if request.param == "settled":
        monkeypatch.setattr(cache_store, "RACY_SECONDS", -10**9)
    return request.param


def test_the_cache_is_written_and_used(workspace, settledness):
    first, _ = new_reviews(workspace, "Child A", "Child B")
    assert "notification" in overdue_stages(workspace, first)
    blob = cache_file(workspace).read_bytes()
    assert blob.startswith(MAGIC)
    entries = ReviewCache.open(workspace.root / ".cspr").entries
    assert set(entries) == {"2026-child-a", "2026-child-b"}
    assert (entries[first][1] is None) == (settledness == "settled")
    assert workspace.git("status", "--porcelain") == ""  # git-ignored


def test_a_hand_edit_is_seen_by_the_next_report(workspace, settledness):
    first, second = new_reviews(workspace, "Child A", "Child B")
    assert "notification" in overdue_stages(workspace, first)
    fill_in(workspace.review_file(first), "notification", "2026-04-03")
    assert "notification" not in overdue_stages(workspace, first)
    assert "notification" in overdue_stages(workspace, second)


def test_an_edit_that_keeps_size_inode_and_mtime_is_seen_through_the_digest(workspace):
    first, _ = new_reviews(workspace, "Child A", "Child B")
    path = workspace.review_file(first)
    assert "notification" in overdue_stages(workspace, first)
    before = os.stat(path)
    text = path.read_text()
    # same length: "done:" + 11 spaces -> "done: 2026-04-03"
    padded = text.replace("  notification:\n    done:\n", "  notification:\n    done:           \n")
    path.write_text(padded)
    git(workspace.root, "commit", "--quiet", "-am", "padding")
    overdue_stages(workspace, first)  # cached while racy, so with a digest of the text
    path.write_text(padded.replace("    done:           \n", "    done: 2026-04-03\n", 1))
    os.utime(path, ns=(before.st_atime_ns, os.stat(path).st_mtime_ns))
    # Make the entry's key match the file as it now is, as an edit inside one timestamp
    # tick would: only the digest can tell.
    cache = ReviewCache.open(workspace.root / ".cspr")
    key, text_digest, encoded = cache.entries[first]
    assert text_digest is not None
    cache.entries[first] = (review_cache.file_key(os.stat(path)), text_digest, encoded)
    cache.changed = True
    cache.save()
    assert "notification" not in overdue_stages(workspace, first)


def test_a_change_by_cspr_is_seen(workspace, settledness):
    first, _ = new_reviews(workspace, "Child A", "Child B")
    assert "notification" in overdue_stages(workspace, first)
    workspace.run("complete", first, "notification", "--on", "2026-04-02", "--by", OFFICER)
    assert "notification" not in overdue_stages(workspace, first)


def test_a_git_pull_is_seen_in_a_second_clone(workspace, tmp_path, runner, settledness):
    first, _ = new_reviews(workspace, "Child A", "Child B")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(workspace.root), str(clone)], check=True)
    git(clone, "config", "user.name", "Officer Two")
    git(clone, "config", "user.email", "officer.two@example.org")
    other = type(workspace)(clone, runner)
    assert "notification" in overdue_stages(other, first)
    assert cache_file(other).is_file()
    workspace.run("complete", first, "notification", "--on", "2026-04-02", "--by", OFFICER)
    git(clone, "pull", "--quiet", "--ff-only")
    assert "notification" not in overdue_stages(other, first)


def test_a_review_removed_or_added_by_a_pull_is_seen(workspace, settledness):
    first, second = new_reviews(workspace, "Child A", "Child B")
    assert {i["review"] for i in workspace.json("overdue", "--as-of", AS_OF)["items"]} == {first, second}
    workspace.git("rm", "--quiet", "-r", f"reviews/{second}")
    workspace.git("commit", "--quiet", "-m", "remove")
    new_reviews(workspace, "Child C")
    reviews = {i["review"] for i in workspace.json("overdue", "--as-of", AS_OF)["items"]}
    assert reviews == {first, "2026-child-c"}
    read_all(workspace)
    assert second not in ReviewCache.open(workspace.root / ".cspr").entries


@pytest.mark.parametrize("garbage", [b"", b"not a cache", MAGIC + b"\x00\x00\x00\x00junk", "truncate"])
def test_a_corrupt_cache_is_rebuilt(workspace, garbage):
    first, _ = new_reviews(workspace, "Child A", "Child B")
    expected = workspace.json("overdue", "--as-of", AS_OF)
    path = cache_file(workspace)
    good = path.read_bytes()
    path.write_bytes(good[: len(good) // 2] if garbage == "truncate" else garbage)
    assert workspace.json("overdue", "--as-of", AS_OF) == expected
    read_all(workspace)
    assert path.read_bytes().startswith(MAGIC) and ReviewCache.open(path.parent).entries


def test_a_cache_from_other_code_is_not_trusted(workspace, monkeypatch):
    first, _ = new_reviews(workspace, "Child A", "Child B")
    overdue_stages(workspace, first)
    cache = ReviewCache.open(workspace.root / ".cspr")
    # a lying entry: what a cache written by other code could hold
    cache.entries[first] = (cache.entries[first][0], None, encode(parse_review(
        {"id": first, "child": "Someone Else", "aware": __import__("datetime").date(2026, 4, 1)}, first)))
    cache.changed = True
    cache.save()
    monkeypatch.setattr(review_cache, "FORMAT", review_cache.FORMAT + 1)
    children = {i["child"] for i in workspace.json("overdue", "--as-of", AS_OF)["items"]}
    assert children == {"Child A", "Child B"}


def test_a_broken_file_is_reported_with_its_line_even_when_cached_before(workspace, settledness):
    first, second = new_reviews(workspace, "Child A", "Child B")
    overdue_stages(workspace, first)
    path = workspace.review_file(first)
    lines = path.read_text().splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines) if line.startswith("aware:"))
    lines[number] = "aware: not a date\n"
    path.write_text("".join(lines))
    for _ in range(2):  # and again: a broken file is never cached
        result = workspace.run("overdue", "--as-of", AS_OF, "--format", "json", ok=False)
        assert result.exit_code == 1
        assert f"review.yaml:{number + 1}:8: expected a date" in result.stderr
        assert {i["review"] for i in json.loads(result.stdout)["items"]} == {second}
        read_all(workspace)
        assert first not in ReviewCache.open(workspace.root / ".cspr").entries
    check = workspace.run("check", ok=False)
    assert f"review.yaml:{number + 1}:8" in check.stderr


def test_a_yaml_error_is_reported_with_its_line_even_when_cached_before(workspace, settledness):
    first, _ = new_reviews(workspace, "Child A", "Child B")
    overdue_stages(workspace, first)
    path = workspace.review_file(first)
    path.write_text(path.read_text().replace("child: Child A\n", "child: Child A: the first\n"))
    result = workspace.run("overdue", "--as-of", AS_OF, ok=False)
    assert "review.yaml:7:" in result.stderr and "mapping values are not allowed" in result.stderr


def test_a_workspace_where_the_cache_cannot_be_written_still_reports(workspace):
    first, _ = new_reviews(workspace, "Child A", "Child B")
    state = workspace.root / ".cspr"
    if state.exists():
        for child in state.iterdir():
            child.unlink()
        state.rmdir()
    state.write_text("a file where the cache folder would be\n")  # not even root can write in it
    assert "notification" in overdue_stages(workspace, first)
    fill_in(workspace.review_file(first), "notification", "2026-04-03")
    assert "notification" not in overdue_stages(workspace, first)


def test_the_codec_covers_the_review_model():
    assert codec_matches_model(), "a field was added to the review model: update review_cache.SHAPES, encode and decode"


def test_every_review_survives_the_cache_unchanged():
    full = REPO / "tests" / "data" / "full-review.yaml"
    paths = [*sorted((REPO / "reviews").glob("*/review.yaml")), full]
    for path in paths:
        review = parse_review(load_data(path), path.parent.name if path != full else None)
        assert decode(encode(review)) == review, path


# -- start-up and warm runs import only what they need ----------------------------------------
HEAVY = ("git", "jinja2", "holidays", "rich", "ruamel.yaml", "dateutil")


def imported_after(args: list[str], cwd: Path, heavy_modules: tuple[str, ...] = HEAVY,
                   settled: bool = False) -> tuple[set[str], str]:
    """The heavy modules imported by running `cspr ARGS` in a fresh interpreter, and its output.
    `settled`: files just changed are cached as if they had not changed for a while."""
    settle = "import cspr.storage.cache\ncspr.storage.cache.RACY_SECONDS = -10**9\n" if settled else ""
    code = (
        "import sys\n"
        f"{settle}"
        "from cspr.cli import cli\n"
        f"sys.argv = ['cspr', *{args!r}]\n"
        "try:\n    cli.main(prog_name='cspr')\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True)
    modules = done.stderr.split("\n")[-2].split()
    return {heavy for heavy in heavy_modules for name in modules if name == heavy or name.startswith(heavy + ".")}, \
        done.stdout


@pytest.mark.parametrize("args", [["--help"], ["--version"]])
def test_help_and_version_import_no_heavy_module(args, tmp_path):
    # pathlib brings urllib, shutil three compression libraries: a few ms each
    heavy, out = imported_after(args, tmp_path, (*HEAVY, "pathlib", "shutil"))
    assert "cspr" in out
    assert not heavy


def test_a_warm_report_imports_no_heavy_module(workspace):
    """With the caches filled, the overdue report needs neither YAML nor holidays (nor git)."""
    new_reviews(workspace, "Child A", "Child B")
    args = ["--workspace", str(workspace.root), "overdue", "--as-of", AS_OF, "--format", "json"]
    imported_after(args, workspace.root)  # fills the caches
    heavy, out = imported_after(args, workspace.root)
    assert json.loads(out)["items"]
    assert not heavy


def test_a_warm_board_paper_reads_no_review(workspace):
    """With its cache filled, the board paper works from plain values: neither the review model
    nor the deadline engine is imported (loading them was a tenth of a warm paper's time)."""
    new_reviews(workspace, "Child A", "Child B")
    args = ["--workspace", str(workspace.root), "board", "--format", "md", "--quarter", "2026-Q1"]
    readers = ("cspr.model.review", "cspr.model.deadlines", "cspr.storage.review_reader")
    filled, _ = imported_after(args, workspace.root, readers, settled=True)
    assert filled  # the first run reads the reviews, so the test sees the modules when they come
    heavy, out = imported_after(args, workspace.root, readers, settled=True)
    assert "Child A" in out
    assert not heavy


def test_bank_holidays_are_stored_and_a_corrupt_store_is_rebuilt(tmp_path):
    import datetime as dt

    from cspr.storage.bank_holidays import CACHE_FILE, calendar_for

    cached = calendar_for("england", cache_dir=tmp_path)
    assert cached.working_days_after(dt.date(2026, 4, 1), 5) == dt.date(2026, 4, 10)  # Easter
    stored = json.loads((tmp_path / CACHE_FILE).read_text())
    assert "2026-04-06" in stored["regions"]["england"]["2026"]
    (tmp_path / CACHE_FILE).write_text('{"format": 1, "holidays": "x", "regions": {"england": {"2026": []}}}')
    again = calendar_for("england", cache_dir=tmp_path)
    assert again.working_days_after(dt.date(2026, 4, 1), 5) == dt.date(2026, 4, 10)



def test_shared_values_are_equal_and_read_back_as_one_object_each():
    import marshal

    seen: dict = {}
    day = 740_000
    first = cache_store.shared(("2026-child-a", int(str(day)), (True, 1, None, b"\x00"), ((int(str(day)), "x"),)), seen)
    second = cache_store.shared((int(str(day)), "2026-child-" + "a", 1.0, False), seen)
    assert first == ("2026-child-a", day, (True, 1, None, b"\x00"), ((day, "x"),))
    assert second == (day, "2026-child-a", 1.0, False)
    assert type(first[2][0]) is bool and type(second[2]) is float and type(second[3]) is bool  # never made 1 or 0
    assert first[1] is first[3][0][0] is second[0] and first[0] is second[1]
    read = marshal.loads(marshal.dumps((first, second)))
    assert read == (first, second) and read[0][1] is read[1][0] and read[0][0] is read[1][1]
