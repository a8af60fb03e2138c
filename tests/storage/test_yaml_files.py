"""YAML on disk: every problem at FILE:LINE:COL, round trips that keep an officer's layout,
and the workspace's reading of one review and its private terms."""

from __future__ import annotations

import pytest

from cspr.errors import DataError, InvalidField, UsageError
from cspr.storage.private import read_terms, terms_path, terms_to_check
from cspr.storage.workspace import Workspace as DiskWorkspace
from cspr.storage.yamlio import (
    data_error,
    dump_document,
    load_data,
    locate,
    locate_key,
    parse_text,
    read_text,
)
from tests.helpers.workspace import OFFICER

DOCUMENT = """\
id: 2026-child-a
stages:
  notification:
    done: 2026-04-07
  progress-check:
    occurrences:
      - due: 2026-05-20
        done: 2026-05-21
"""


@pytest.mark.parametrize(("text", "where", "message"), [
    ("id: x\nchild: a: b\n", "r.yaml:2:9", "mapping values are not allowed here"),
    ("id: x\nholds:\n  - from: 2026-13-45\n", "r.yaml:3:11", "not a real date"),
    ("id: x\naware: 2026-02-30\n", "r.yaml:2:8", "not a real date"),
    ("id: x\naware: 2026-04-01T25:00:00\n", "r.yaml:2:8", "not a real date (hour must be in 0..23)"),
    ("id: x\n2026-02-30: y\n", "r.yaml:2:1", "not a real date (day is out of range for month)"),
    ("id: x\nthemes: [2026-04-01, 2026-02-30]\n", "r.yaml:2:22", "not a real date"),
    ("id: x\nweeks: !!int six\n", "r.yaml:2:8",
     "'six' cannot be read as !!int (invalid literal for int() with base 10: 'six'); remove the tag"),
    ("id: x\nweeks: !!float 1.5.1\n", "r.yaml:2:8", "'1.5.1' cannot be read as !!float ("),
    ("id: [x\n", "r.yaml:2:1", "expected ',' or ']'"),
    # scalars ruamel's constructors trip over (IndexError, KeyError, AttributeError) rather than refuse
    ("id: x\nweeks: 0x_\n", "r.yaml:2:8", "'0x_' reads as !!int in YAML but is not one (invalid literal for int() "
     "with base 16: ''); put it in quotes to keep it as text"),
    ("id: x\nthemes:\n  - +_\n", "r.yaml:3:5", "'+_' reads as !!int in YAML but is not one ("),
    ("id: x\nlooked-after: !!bool x\n", "r.yaml:2:15", "'x' cannot be read as !!bool; remove the tag"),
    ("id: x\nthemes: !!set x\n", "r.yaml:2:9", "expected a mapping node, but found scalar"),
    ("id: x\nthemes: !!omap x\n", "r.yaml:2:9", "expected a sequence, but found scalar"),
])
@pytest.mark.parametrize("round_trip", [True, False])
def test_a_problem_is_reported_at_its_line_and_column(text, where, message, round_trip):
    with pytest.raises(DataError) as caught:
        parse_text(text, "r.yaml", round_trip=round_trip)
    assert str(caught.value.location) == where and str(caught.value).startswith(f"{where}: {message}")


def test_a_tag_that_would_build_an_object_is_refused_where_it_stands():
    with pytest.raises(DataError) as caught:
        parse_text("id: x\nrun: !!python/object/apply:os.system [echo]\n", "r.yaml", round_trip=False)
    assert str(caught.value.location) == "r.yaml:2:6"
    assert "tags that build objects are not allowed; remove the tag" in str(caught.value)


def test_keys_and_values_are_located_in_a_round_trip_document():
    document = parse_text(DOCUMENT, "r.yaml")
    assert locate(document, ("stages", "notification", "done")) == (4, 11)
    assert locate(document, ("stages", "progress-check", "occurrences", 0, "done")) == (8, 15)
    assert locate(document, ("stages", "progress-check", "occurrences", 5)) == (7, 7)  # no such item: its list
    assert locate(document, ("stages", "progress-check", "occurrences", 1)) == (7, 7)  # one past the last
    assert locate(document, ("stages", "nowhere", "done")) == (3, 3)  # the deepest part found
    assert locate(document, ("nowhere",)) == (1, 1)  # nothing found: the document
    assert locate(document, ("stages", "notification", "done", "day")) == (4, 11)  # below a date: the date
    assert locate_key(document, ("id", "first")) == (1, 5)  # below text: the text
    assert locate({"plain": 1}, ("plain",)) is None  # no positions without a round trip
    assert locate_key(document, ("stages", "notification", "done")) == (4, 5)
    assert locate_key(document, ("stages", "nowhere", "done")) == (3, 3)
    assert locate_key(document, ("stages", "notification", "nothing")) == (4, 5)
    assert locate_key(document, ()) == (1, 1)


def test_a_validation_failure_is_turned_into_file_line_column(tmp_path):
    path = tmp_path / "review.yaml"
    path.write_text(DOCUMENT)
    problem = InvalidField(("stages", "notification", "done"), "must be a date")
    assert str(data_error(path, problem)) == f"{path}:4:11: must be a date"
    assert str(data_error(path, problem, load_data(path))) == f"{path}:4:11: must be a date"  # values alone: read again
    at_key = InvalidField(("stages", "notification", "done"), "unknown key 'done'", at_key=True)
    assert str(data_error(path, at_key, parse_text(DOCUMENT, path))) == f"{path}:4:5: unknown key 'done'"
    # a document given with its positions is the one located (a commit's text), not the file
    assert str(data_error(path, problem, parse_text("\n\n" + DOCUMENT, path))) == f"{path}:6:11: must be a date"
    path.write_text("id: [x\n")  # cannot be read again: the file alone
    assert str(data_error(path, problem)) == f"{path}: must be a date"


def test_unreadable_files_are_reported_without_a_traceback(tmp_path):
    path = tmp_path / "review.yaml"
    path.write_bytes(b"id: \xff\n")
    with pytest.raises(DataError) as raised:
        read_text(path)
    assert str(raised.value) == f"{path}: not UTF-8 text (invalid start byte)"
    with pytest.raises(DataError, match="cannot be read: No such file or directory"):
        load_data(tmp_path / "missing.yaml")


@pytest.mark.parametrize("text", [
    "id: x\nagencies:\n  - 'Police'\nwhen: 2026-04-01\n",  # what the fast reader reads
    "id: x\nagencies:\n  - 'Police'\nnote: |\n  kept\n",  # what it leaves to ruamel
])
def test_a_file_read_only_to_be_read_gives_plain_values(tmp_path, text):
    """Plain dicts, lists and strings (no round-trip types, which are larger and slower)."""
    path = tmp_path / "review.yaml"
    path.write_text(text)
    data = load_data(path)
    assert type(data) is dict and type(data["agencies"]) is list
    assert [type(value) for value in (data["id"], data["agencies"][0])] == [str, str]


def test_a_round_trip_keeps_quotes_comments_long_lines_and_indentation():
    text = (
        "# kept\n"
        "child: 'Child A'  # quoted as the officer wrote it\n"
        f"note: {'a very long note ' * 20}end\n"
        "agencies:\n"
        "  - Police\n"
        "  - Health\n"
        "stages:\n"
        "  notification:\n"
        "    done: 2026-04-07\n"
    )
    assert dump_document(parse_text(text, "r.yaml")) == text


def test_a_review_is_loaded_by_id_or_refused_with_what_to_do(workspace):
    workspace.run("new", "Child A", "--aware", "2026-04-01", "--by", OFFICER)
    disk = DiskWorkspace(workspace.root)
    assert disk.load_review("2026-child-a").child == "Child A"
    with pytest.raises(UsageError) as caught:
        disk.load_review("2026-child-z")
    assert str(caught.value).startswith("no review '2026-child-z' in ")
    assert str(caught.value).endswith("reviews; 'cspr list --all' shows them")
    workspace.review_file("2026-child-a").write_text("id: 2026-child-a\nchild: [\n")
    with pytest.raises(DataError) as caught:
        disk.load_review("2026-child-a")
    assert str(caught.value.location).endswith("review.yaml:3:1")


def test_restricted_terms_are_read_from_the_private_folder(tmp_path):
    assert read_terms(tmp_path) is None
    path = terms_path(tmp_path)
    assert path == tmp_path / "private" / "restricted-terms.txt"
    path.parent.mkdir()
    path.write_text("# one term a line\nOakfield Primary\n")
    assert read_terms(tmp_path) == ["Oakfield Primary"]


def test_output_is_checked_against_the_terms_or_said_to_go_unchecked(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert terms_to_check(tmp_path, "the pages were") == (
        [], "no restricted terms listed in private/restricted-terms.txt: the pages were not checked for real "
        "names, addresses or schools")
    terms_path(tmp_path).parent.mkdir()
    terms_path(tmp_path).write_text("# none yet\n")
    assert terms_to_check(tmp_path, "the paper was")[1] == (
        "no restricted terms listed in private/restricted-terms.txt: the paper was not checked for real "
        "names, addresses or schools")
    terms_path(tmp_path).write_text("Oakfield Primary\n")
    assert terms_to_check(tmp_path, "the paper was") == (["Oakfield Primary"], None)


def test_a_file_read_whole_for_a_change_is_a_round_trip_document_named_in_its_errors(tmp_path):
    from cspr.storage.yamlio import load_document

    path = tmp_path / "review.yaml"
    path.write_text("id: 2026-child-a  # as sent\nchild: Child A\n")
    document = load_document(path, whole_for="cspr import --update")
    assert dump_document(document) == "id: 2026-child-a  # as sent\nchild: Child A\n"
    assert locate(document, ("child",)) == (2, 8)
    path.write_text("id: [2026-child-a\n")
    with pytest.raises(DataError) as refused:
        load_document(path, whole_for="cspr import --update")
    assert str(refused.value.location) == f"{path}:2:1"
    with pytest.raises(DataError) as refused:
        load_document(tmp_path / "missing.yaml", whole_for="cspr import --update")
    assert str(refused.value) == f"{tmp_path / 'missing.yaml'}: cannot be read: No such file or directory"


def _of_size(size: int) -> str:
    head = "id: 2026-child-a\nnotes: "
    return head + "x" * (size - len(head) - 1) + "\n"


def test_a_file_too_large_to_read_whole_or_to_change_is_refused_with_its_size(tmp_path, monkeypatch):
    from cspr.storage import yamlio

    monkeypatch.chdir(tmp_path)
    path = tmp_path / "review.yaml"
    path.write_text(_of_size(2_350_000))
    with pytest.raises(DataError) as refused:
        yamlio.load_document(path, whole_for="cspr import --update")
    assert str(refused.value) == (
        "review.yaml: is 2.4 MB, more than the 2 MB cspr import --update reads whole (a review record is a few KB): "
        "record this review's changes with cspr complete, decide, plan or set instead")
    monkeypatch.setattr(yamlio, "LARGEST_PARTIAL_EDIT", 1_000_000)
    path.write_text(_of_size(1_500_000))
    with pytest.raises(DataError) as refused:
        yamlio.load_document(path)
    assert str(refused.value) == (
        "review.yaml: is 2 MB, more than the 1 MB cspr will change (a review record is a few KB): "
        "move long text to the review's notes.md, commit that, then run the command again")


def test_a_file_exactly_at_a_limit_is_still_read(tmp_path, monkeypatch):
    from cspr.storage import yamlio

    path = tmp_path / "review.yaml"
    path.write_text("id: 2026-child-a\nchild: Child A\n")
    size = path.stat().st_size
    monkeypatch.setattr(yamlio, "LARGEST_EDIT", size)
    monkeypatch.setattr(yamlio, "LARGEST_PARTIAL_EDIT", size)
    assert dict(yamlio.load_document(path, whole_for="cspr import --update")) == {"id": "2026-child-a", "child": "Child A"}
    assert dict(yamlio.load_document(path)) == {"id": "2026-child-a", "child": "Child A"}
    monkeypatch.setattr(yamlio, "LARGEST_EDIT", size - 1)
    monkeypatch.setattr(yamlio, "LARGEST_PARTIAL_EDIT", size - 1)
    with pytest.raises(DataError, match="reads whole"):
        yamlio.load_document(path, whole_for="cspr import --update")
    with pytest.raises(DataError, match="cspr will change"):
        yamlio.load_document(path)
