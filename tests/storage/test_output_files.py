"""Files and folders the officer asks for (`-o FILE`, `--out FOLDER`), written whole or not at
all, and YAML nested too deeply to read. Real files in tmp_path."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from cspr.errors import DataError, UsageError
from cspr.storage.yamlio import DEEPEST, atomic_write, parse_text, staged_folder, write_output

MARKER = ".written-by-cspr"


def replace_folder(target, files: dict[str, str], marker: str) -> None:
    """`files` (relative path -> text) written through `staged_folder` as the folder `target`."""
    with staged_folder(target, marker) as write:
        for name, text in files.items():
            write(name, text)


def test_a_new_folder_is_written_with_its_marker(tmp_path):
    target = tmp_path / "site" / "dashboard"
    replace_folder(target, {"index.html": "<p>A</p>", "reviews/2026-child-a.html": "é\n"}, MARKER)
    assert (target / "index.html").read_text(encoding="utf-8") == "<p>A</p>"
    assert (target / "reviews" / "2026-child-a.html").read_bytes() == "é\n".encode()
    assert (target / MARKER).read_text() == "written by cspr; this folder is replaced whole on each run\n"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o755
    assert sorted(p.name for p in target.parent.iterdir()) == ["dashboard"]  # nothing left beside it


def test_a_folder_cspr_wrote_or_an_empty_one_is_replaced_whole(tmp_path):
    target = tmp_path / "dashboard"
    replace_folder(target, {"old.html": "old"}, MARKER)
    replace_folder(target, {"new.html": "new"}, MARKER)
    assert sorted(p.name for p in target.iterdir()) == [MARKER, "new.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dashboard"]
    empty = tmp_path / "empty"
    empty.mkdir()
    replace_folder(empty, {"a.html": "a"}, MARKER)
    assert (empty / "a.html").is_file()


def test_a_folder_cspr_did_not_write_or_a_file_is_never_replaced(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (theirs / "notes.txt").write_text("keep")
    with pytest.raises(UsageError) as refused:
        replace_folder(theirs, {"a.html": "a"}, MARKER)
    assert str(refused.value) == ("theirs already holds files that cspr did not write; give a new or empty folder "
                                  "(cspr replaces only a folder it wrote)")
    assert [p.name for p in theirs.iterdir()] == ["notes.txt"]
    (tmp_path / "file").write_text("x")
    with pytest.raises(UsageError) as refused:
        replace_folder(tmp_path / "file", {"a.html": "a"}, MARKER)
    assert str(refused.value) == "file is a file: give a folder for the output"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "theirs"]


def test_a_failed_write_leaves_the_previous_folder_as_it_was(tmp_path):
    target = tmp_path / "dashboard"
    replace_folder(target, {"index.html": "before"}, MARKER)
    with pytest.raises(FileExistsError):
        replace_folder(target, {"a": "x", "a/b": "y"}, MARKER)  # 'a' cannot be a file and a folder
    assert (target / "index.html").read_text() == "before"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dashboard"]


def test_an_output_file_is_written_whole_into_an_existing_folder(tmp_path):
    write_output(tmp_path / "board.md", "# Board\n")
    write_output(tmp_path / "board.xlsx", b"PK\x03\x04")
    assert (tmp_path / "board.md").read_text() == "# Board\n"
    assert (tmp_path / "board.xlsx").read_bytes() == b"PK\x03\x04"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["board.md", "board.xlsx"]


def test_an_output_file_in_a_missing_folder_or_that_cannot_be_written_names_the_option(tmp_path):
    missing = tmp_path / "nowhere" / "board.md"
    with pytest.raises(UsageError) as refused:
        write_output(missing, "x", option="--output")
    assert str(refused.value) == (f"--output {missing}: the folder {missing.parent} does not exist; create it first "
                                  "or choose another file (nothing was written)")
    (tmp_path / "taken").mkdir()
    with pytest.raises(UsageError) as refused:
        write_output(tmp_path / "taken", "x")
    assert str(refused.value).startswith(f"-o {tmp_path / 'taken'}: cannot write it (")
    assert str(refused.value).endswith("); choose another file")


@pytest.mark.parametrize("round_trip", [True, False])
def test_yaml_nested_too_deeply_is_refused_at_the_first_bracket_too_deep(tmp_path, round_trip):
    text = "id: x\nthemes:\n  " + "[" * 400 + "]" * 400 + "\n"
    assert _refused_as_too_deep(text, round_trip) == (
        f"r.yaml:3:{DEEPEST + 3}: nested too deeply to read (brackets or indentation more than {DEEPEST} levels "
        "deep); a cspr file is a few levels deep: remove the extra nesting")
    assert parse_text("a: " + "[" * DEEPEST + "]" * DEEPEST + "\n", "ok.yaml", round_trip=round_trip) is not None


def _refused_as_too_deep(text: str, round_trip: bool) -> str:
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(500)  # the parser gives up sooner, as it would on a longer text
    try:
        with pytest.raises(DataError) as refused:
            parse_text(text, "r.yaml", round_trip=round_trip)
    finally:
        sys.setrecursionlimit(limit)
    return str(refused.value)


@pytest.mark.parametrize("round_trip", [True, False])
def test_brackets_closed_earlier_do_not_count_towards_the_depth(round_trip):
    # line 2 opens and closes brackets of both kinds; line 3 opens two and closes one, so the
    # 101st bracket still open is its 40th '{', after 'notes: [[], ', 60 '[' and 39 '{X: '
    # (column 12 + 60 + 156 + 1); the X's and the keys' colons count for nothing
    text = ("id: X-ray\nthemes: [[X], {a: [b]}, [[]], {}]\nnotes: [[], " + "[" * 60 + "{X: " * 340 + "1"
            + "}" * 340 + "]" * 61 + "\n")
    assert _refused_as_too_deep(text, round_trip) == (
        f"r.yaml:3:229: nested too deeply to read (brackets or indentation more than {DEEPEST} levels deep); "
        "a cspr file is a few levels deep: remove the extra nesting")
    assert _refused_as_too_deep("[" * 400 + "]" * 400 + "\n", round_trip).startswith(f"r.yaml:1:{DEEPEST + 1}: ")


@pytest.mark.parametrize("round_trip", [True, False])
def test_indentation_nested_too_deeply_is_refused_for_the_whole_file(round_trip):
    text = "a:\n" + "".join("  " * depth + f"k{depth}:\n" for depth in range(1, 400)) + "  " * 400 + "v: 1\n"
    assert _refused_as_too_deep(text, round_trip) == (
        f"r.yaml: nested too deeply to read (brackets or indentation more than {DEEPEST} levels deep); "
        "a cspr file is a few levels deep: remove the extra nesting")


def test_a_folder_and_its_files_are_written_however_deep_they_are_new(tmp_path):
    target = tmp_path / "site" / "2026" / "dashboard"
    replace_folder(target, {"reviews/2026/child-a.html": "A", "index.html": "I"}, MARKER)
    assert (target / "reviews" / "2026" / "child-a.html").read_text() == "A"
    assert sorted(p.name for p in target.parent.iterdir()) == ["dashboard"]


def test_bytes_in_pieces_are_written_one_after_the_other(tmp_path):
    target = tmp_path / "x.cache"
    atomic_write(target, (b"CSPR", b"", b"\x00\x01payload"), durable=False)
    assert target.read_bytes() == b"CSPR\x00\x01payload"
    assert [p.name for p in tmp_path.iterdir()] == ["x.cache"]  # no temporary file left


class _Watched(tuple):
    """Pieces of bytes that note what the folder holds each time the writer asks for the next."""

    def __iter__(self):
        for piece in super().__iter__():
            self.seen.append(sorted(p.name for p in self.folder.iterdir()))
            self.old.append((self.folder / "x.cache").read_bytes())
            yield piece


def test_while_a_file_is_written_its_old_text_stays_whole_and_the_new_is_in_a_hidden_file_beside_it(tmp_path):
    target = tmp_path / "x.cache"
    target.write_bytes(b"old")
    pieces = _Watched((b"CSPR", b"payload"))
    pieces.folder, pieces.seen, pieces.old = tmp_path, [], []
    atomic_write(target, pieces, durable=False)
    [[temporary, name]] = {tuple(names) for names in pieces.seen}
    assert name == "x.cache" and pieces.old == [b"old", b"old"]
    assert temporary.startswith(".x.cache.") and temporary.endswith(".tmp")
    assert target.read_bytes() == b"CSPRpayload"
    assert [p.name for p in tmp_path.iterdir()] == ["x.cache"]


def test_a_folder_written_file_by_file_replaces_the_old_one_only_when_the_block_ends_well(tmp_path):
    from cspr.storage.yamlio import staged_folder

    target = tmp_path / "dashboard"
    replace_folder(target, {"index.html": "before"}, MARKER)
    with pytest.raises(ValueError), staged_folder(target, MARKER) as write:
        write("index.html", "after")
        write("reviews/2026-child-a.html", "A")
        raise ValueError("a page could not be rendered")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dashboard"]  # nothing half-written beside it
    assert sorted(p.name for p in target.iterdir()) == [MARKER, "index.html"]
    assert (target / "index.html").read_text() == "before"
    with staged_folder(target, MARKER) as write:
        write("index.html", "after")
        write("reviews/2026-child-a.html", "Child A – é\n")
    assert (target / "index.html").read_text() == "after"
    assert (target / "reviews" / "2026-child-a.html").read_bytes() == "Child A – é\n".encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dashboard"]
