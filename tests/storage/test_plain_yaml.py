"""The fast YAML reader gives exactly ruamel's values, or steps aside (NotPlain). Never a third answer."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from cspr.storage import plain_yaml, yamlio
from cspr.storage.plain_yaml import NotPlain
from tests.helpers.workspace import REPO

RUAMEL = YAML(typ="safe", pure=True)


def same(a, b) -> bool:
    """Equal values of the same types all the way down (True is not 1, a date is not text)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def agrees_with_ruamel(text: str) -> None:
    """Either NotPlain, or ruamel reads the text without error to the very same value."""
    try:
        fast = plain_yaml.load(text)
    except NotPlain:
        return
    slow = RUAMEL.load(text)  # must not raise: the fast reader accepted it
    assert same(fast, slow), (text, fast, slow)


@pytest.mark.parametrize("path", [
    *sorted((REPO / "reviews").glob("*/review.yaml")),
    REPO / "cspr" / "process.yaml",
    REPO / "cspr.yaml",
    REPO / "tests" / "data" / "full-review.yaml",
], ids=lambda p: str(p.relative_to(REPO)))
def test_the_files_cspr_writes_are_read_fast_and_the_same(path):
    text = path.read_text(encoding="utf-8")
    assert same(plain_yaml.load(text), RUAMEL.load(text))


def test_a_new_review_file_is_read_fast():
    from cspr.record.new_review import new_review_text
    from cspr.storage.workspace import Workspace

    process = Workspace(REPO).process
    text = new_review_text(process, "2026-child-h", "Child H", dt.date(2026, 4, 1),
                           agencies=["Police", "Children's services"], themes=["neglect: chronic"])
    assert same(plain_yaml.load(text), RUAMEL.load(text))


@pytest.mark.parametrize("text, value", [
    ("on: yes\noff: no\n", {"on": "yes", "off": "no"}),  # YAML 1.2: words, not booleans
    ("a: true\nb: False\nc: null\nd: ~\ne:\n", {"a": True, "b": False, "c": None, "d": None, "e": None}),
    ("due: 2026-04-01\n", {"due": dt.date(2026, 4, 1)}),
    ("rule: 5 working days after aware\n", {"rule": "5 working days after aware"}),
    ('name: "Child \\"A\\"" # quoted\n', {"name": 'Child "A"'}),
    ("name: 'it''s' # quoted\n", {"name": "it's"}),
    ("note: C# and F#  # a comment\n", {"note": "C# and F#"}),
    ("tracks: [local, national]\nempty: []\nnone: {}\n", {"tracks": ["local", "national"], "empty": [], "none": {}}),
    ("list:\n- a\n- b\nnext: c\n", {"list": ["a", "b"], "next": "c"}),
    ("holds:\n  - reason: trial\n    from: 2026-01-01\n  -\n    reason: x\n", {"holds": [{"reason": "trial", "from": dt.date(2026, 1, 1)}, {"reason": "x"}]}),
    ("", None),
    ("# only a comment\n", None),
])
def test_values(text, value):
    assert same(plain_yaml.load(text), value)
    assert same(RUAMEL.load(text), value)


@pytest.mark.parametrize("text, value", [
    ("a:\n  - x\n  - y\nb: z\n", {"a": ["x", "y"], "b": "z"}),
    ("- a: b\n  c: d\n- e\n", [{"a": "b", "c": "d"}, "e"]),
    ("-\n- # empty\n- x\n", [None, None, "x"]),
    ("a:  # nothing\nb: c\n", {"a": None, "b": "c"}),
    ('a: "tab\\there \\"q\\" back\\\\slash"\n', {"a": 'tab\there "q" back\\slash'}),
    ('a: "x" # note\n', {"a": "x"}),
    ('a: "x\\ty"#note\n', {"a": "x\ty"}),  # an escape, and a comment right after the closing quote
    ("a: 'it''s' # note\nb: 'x' \n", {"a": "it's", "b": "x"}),
    ("a: [local, national] # tracks\nb: {} # none\nc: [ ]\n", {"a": ["local", "national"], "b": {}, "c": []}),
    ("a: [local]   # a hand comment, some spaces out\nb: {}  # none\n", {"a": ["local"], "b": {}}),
    ("a: [Child A, R1.2, x_y-z]\n", {"a": ["Child A", "R1.2", "x_y-z"]}),
    ("X-ray: Xavier X\nlist:\n  - X-ray unit\n", {"X-ray": "Xavier X", "list": ["X-ray unit"]}),
    ("a: 5 working days after aware\nb: 7-minute briefing\nc: 6m\n",
     {"a": "5 working days after aware", "b": "7-minute briefing", "c": "6m"}),
    ("a: True\nb: FALSE\nc: Null\nd: ~\ne: NULL\nf: TRUE\ng: false\n",
     {"a": True, "b": False, "c": None, "d": None, "e": None, "f": True, "g": False}),
    ("a: 2026-04-01 # the day\n", {"a": dt.date(2026, 4, 1)}),
    ("a: über\nb: é\n", {"a": "über", "b": "é"}),
    ("a:\n  b:\n    c: d\n  e: f\n", {"a": {"b": {"c": "d"}, "e": "f"}}),
    ("a: x\n\n\n# end\n", {"a": "x"}),
    ("  a: x\n  b: y\n", {"a": "x", "b": "y"}),
    ("- x\n-   y\n", ["x", "y"]),
    ("a: \"b: c\"\nd: 'e: f' # g: h\n", {"a": "b: c", "d": "e: f"}),  # the key ends at the first ': '
    ("-\n  - a\n  - b\n-\n  c: d\n", [["a", "b"], {"c": "d"}]),  # an item holding a list or a map below it
])
def test_the_plain_yaml_cspr_writes_is_read_fast_to_ruamels_values(text, value):
    assert same(plain_yaml.load(text), value)
    assert same(RUAMEL.load(text), value)


@pytest.mark.parametrize("text", [
    "a: 1\n",  # numbers are ruamel's
    "a: 2026-13-45\n",  # not a real date: ruamel says where
    "a: b: c\n",  # an error: ruamel says where
    "a: 1\na: 2\n",  # duplicate key
    "a: |\n  text\n",  # block scalar
    "a: long\n  continued\n",  # multi-line plain scalar
    "a: long\n  - continued\n",  # ...whose next line looks like an item
    "- long\n  continued\n",  # ...in a sequence
    "- long\n  - continued\n",
    "x:\n  a: long\n    continued\n  b: c\n",  # ...inside a nested mapping
    "x:\n  - a: long\n      continued\n",
    "a: &x 1\nb: *x\n",  # anchors
    "a: !!python/object:os.system x\n",  # tags
    "a:\tb\n",  # tab
    "a: b\r\n",  # carriage return
    "- - a\n",  # nested sequence on one line
    "? a\n: b\n",  # complex key
    "a:\n  b: 1\n c: 2\n",  # bad indentation
    "a:\n  - x\n  b: y\n",  # a key after a sequence at the same indent
    "--- \na: b\n",  # document marker
    "a: b\n---\nc: d\n",  # a second document
    "a: b\n--- c\n",
    "- a\n---\n- b\n",
    "a: b\n...\n",  # document end
    "%YAML 1.2\n---\na: b\n",  # a directive
    "a: b\n%TAG ! tag:example.org,2026:\n",  # ...after the first line: still not plain
    "a:\n  b: c\n--- \n",  # a marker after lines read (and remembered) before
    "...\na: b\n",  # a document end first
    "2026: a\n",  # a number as a key
    'a: "\\u00e9"\n',  # escapes beyond the plain ones
    "a: {b: c}\n",  # flow mapping
    "a: [b, [c]]\n",  # nested flow
    'a: "x" y\n',  # text after a closing quote
    "a: 'x' y\n",
    "a: 'x\n",  # a quote running on to the next line
    'a: "x\n',
    'a: "\\q"\n',  # an escape JSON does not know
    "a: [a, true]\n",  # a word that is not text in a flow list
    "a: [1]\n",
    "a: [a, ]\n",
    "a: [a]]\n",
    "a: {b}\n",
    "a #b: c\n",  # a comment inside a key
    "true: x\n",  # a key that is not text
    "null: x\n",
    "2026-04-01: x\n",
    "a: -x\n",  # text starting with a symbol
    "a: x:\n",
    "a:b\n",
    "- ? a\n",
    "a: \u2028\n",  # line separators and the like
    "a: \x85b\n",
    "a: b\n c: d\n",  # deeper lines after a value
    "- a\n - b\n",
])
def test_anything_else_is_left_to_ruamel(text):
    with pytest.raises(NotPlain):
        plain_yaml.load(text)


def test_yamlio_falls_back_to_ruamel_and_reports_the_line(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text("id: x\nchild: a: b\n")
    with pytest.raises(Exception) as raised:
        yamlio.load_data(path)
    assert str(raised.value).startswith(f"{path}:2:")
    path.write_text("id: x\nnote: |\n  two\n  lines\n")
    assert yamlio.load_data(path) == {"id": "x", "note": "two\nlines\n"}


def test_a_continued_scalar_and_a_second_document_go_to_ruamel_never_misread(tmp_path):
    path = tmp_path / "review.yaml"
    path.write_text("id: 2026-child-a\nchild: Child A of the\n  Family U\nagencies:\n- Police\n  and Health\n")
    assert yamlio.load_data(path) == {"id": "2026-child-a", "child": "Child A of the Family U",
                                      "agencies": ["Police and Health"]}
    path.write_text("id: 2026-child-a\n---\nid: 2026-child-b\n")
    with pytest.raises(Exception) as raised:
        yamlio.load_data(path)
    assert str(raised.value).startswith(f"{path}:")


def test_remembered_lines_never_share_lists_between_documents():
    first = plain_yaml.load("tracks: [local]\nnone: {}\n")
    first["tracks"].append("changed")
    first["none"]["x"] = 1
    assert plain_yaml.load("tracks: [local]\nnone: {}\n") == {"tracks": ["local"], "none": {}}
    items = plain_yaml.load("- [local]\n- {}\n")
    items[0].append("changed")
    items[1]["x"] = 1
    assert plain_yaml.load("- [local]\n- {}\n") == [["local"], {}]


# -- differential: random text, random structures --------------------------------------------
WORDS = st.sampled_from([
    "a", "b", "key", "on", "yes", "No", "true", "False", "null", "NULL", "~", "Child A",
    "2026-04-01", "2026-4-1", "2026-02-30", "12", "0x1F", "1e3", ".5", "5 days", "7-minute briefing",
    "R1.2", "x: y", "x:", "a #b", "a#b", "-x", "- x", "'q'", "'it''s'", '"d"', '"a\\"b"', '"a\\tb"',
    "[a, b]", "[]", "{}", "[true]", "&a", "*a", "!t", "|", ">", "@x", "%x", "?", ":", "#c", "é", "über",
    "Local authority children's services", "2001-12-14 21:59:43", "12:30", "+1", "=", "<<",
])
INDENTS = st.sampled_from([0, 0, 2, 2, 4, 4, 6, 1, 3])


@st.composite
def yaml_lines(draw):
    lines = []
    for _ in range(draw(st.integers(1, 12))):
        indent = " " * draw(INDENTS)
        kind = draw(st.sampled_from(["kv", "kv", "k", "item", "item-kv", "dash", "comment", "blank"]))
        key, value = draw(WORDS), draw(WORDS)
        trailer = draw(st.sampled_from(["", "", " # note", "  ", " "]))
        lines.append({
            "kv": f"{indent}{key}: {value}{trailer}",
            "k": f"{indent}{key}:{trailer}",
            "item": f"{indent}- {value}{trailer}",
            "item-kv": f"{indent}- {key}: {value}{trailer}",
            "dash": f"{indent}-",
            "comment": f"{indent}# {value}",
            "blank": "",
        }[kind])
    return "\n".join(lines) + draw(st.sampled_from(["\n", ""]))


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(yaml_lines())
def test_random_text_is_read_the_same_or_left_to_ruamel(text):
    agrees_with_ruamel(text)


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20)
SCALARS = st.one_of(TEXT, WORDS, st.dates(), st.booleans(), st.none())
DOCUMENTS = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.one_of(TEXT, WORDS), inner, max_size=4)),
    max_leaves=15,
)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.one_of(TEXT, WORDS), DOCUMENTS, min_size=1, max_size=5))
def test_what_ruamel_writes_is_read_the_same_or_left_to_ruamel(data):
    """Whatever cspr's YAML writer (ruamel round-trip) produces from any values."""
    text = yamlio.dump_document(data)
    agrees_with_ruamel(text)


@pytest.mark.parametrize("code", range(0x80))
def test_every_ascii_character_in_a_value_is_read_or_refused_as_ruamel_would_have_it(code):
    """Control characters (a tab, a carriage return, DEL) go to ruamel; printable ones are read."""
    text = f"note: a{chr(code)}b\n"
    if code in (0x0A,):
        return  # a line break ends the value
    if code < 0x20 or code == 0x7F:
        with pytest.raises(NotPlain):
            plain_yaml.load(text)
    else:
        agrees_with_ruamel(text)


# Printable ASCII, and spaces YAML does not count as spaces (Python's strip does).
EDGE_CHARACTERS = [chr(code) for code in range(0x20, 0x7F)] + ["\u00a0", "\u2003", "\u3000"]


@pytest.mark.parametrize("shape", [
    "k{c}: {c}v{c}\n",  # a key's and a plain value's edges
    "k{c}: v\n",  # a key's last character alone
    "k: v{c} #x #y\n",  # a plain value's last character before its comment (which holds another ` #`)
    "{c}k: v\n",
    "- {c}v{c}\n",  # an item's
    "- k{c}: {c}v\n",
    "k: [{c}a, b{c}]\n",  # the first and last word's edges
    "k: [a, {c}b{c}, c]\n",  # a word's edges inside the list
    "k: [a]{c} #x\n",  # after the closing bracket, before a comment
    "k: {{}}{c} #x\n",
    "k: '{c}a'\n",  # right after the opening quote: `''a'` is no string
    "k: \"{c}a\"\n",  # `""a"` neither
    "k: 'a''{c} #x' #y\n",  # after an escaped quote: `'a'''` ends there, the rest is a comment
    "k: \"a\\\"{c}\" #y\n",
    "k: 'a'{c}\n",  # after the closing quote: a comment, or nothing
    "k: \"a\"{c}#x\n",
])
def test_every_character_at_the_edges_of_a_key_or_a_value_is_read_as_ruamel_reads_it(shape):
    for character in EDGE_CHARACTERS:
        agrees_with_ruamel(shape.format(c=character))
