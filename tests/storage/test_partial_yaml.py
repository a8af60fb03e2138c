"""A large review is changed part by part (cspr.storage.partial_yaml): every recording writes
exactly the text the whole-file round trip writes, and the text it did not change stays as it
was, byte for byte. Differential: each change is made both ways on the same text, with the
size thresholds forced low so small reviews (with hand-written comments) take the new path."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from cspr.errors import CsprError
from cspr.model.process import parse_process
from cspr.model.review import parse_review
from cspr.record import actions as recording_actions
from cspr.record import stages as recording
from cspr.record.new_review import new_review_text
from cspr.storage import partial_yaml, plain_yaml, yamlio
from cspr.storage.paths import DEFAULT_PROCESS

D = dt.date
TODAY = D(2026, 11, 27)
BY = "Officer One"
PROCESS = parse_process(yamlio.load_data(DEFAULT_PROCESS))


@pytest.fixture(params=["every block cut", "top level cut"])
def partial(request, monkeypatch):
    """Every review read part by part: each block mapping cut into its entries, or only the file."""
    monkeypatch.setattr(yamlio, "PARTIAL_FROM", 0)
    monkeypatch.setattr(partial_yaml, "SPLIT_FROM", 0 if request.param == "every block cut" else 10**9)
    return request.param


def whole(text: str, change) -> tuple[object, str]:
    """The change made as cspr makes it on a small file: the whole text through ruamel."""
    document = yamlio.parse_text(text, "review.yaml")
    return _outcome(change, document, document), yamlio.dump_document(document)


def in_parts(text: str, change) -> tuple[object, str]:
    document = yamlio.parse_document(text, "review.yaml")
    assert isinstance(document, partial_yaml.PartialMap)
    return _outcome(change, document, yamlio.values_of(document)), yamlio.dump_document(document)


def _outcome(change, document, values):
    try:
        return change(parse_review(values), document)
    except CsprError as exc:
        return type(exc).__name__, str(exc)


def same_both_ways(text: str, change) -> str:
    expected = whole(text, change)
    assert in_parts(text, change) == expected
    return expected[1]


def build(*changes, text: str | None = None) -> str:
    """A review written by cspr (new, then each change through the whole round trip)."""
    if text is None:
        text = new_review_text(PROCESS, "2026-child-a", "Child A", D(2026, 1, 5),
                               agencies=["Police", "Health", "Education", "Probation"], themes=["neglect"], incident=D(2026, 1, 2))
    for change in changes:
        summary, text = whole(text, change)
        assert not isinstance(summary, tuple), summary
    return text


def _action(rec, agency, due, words, on):
    return lambda r, d: recording_actions.add_action(r, d, rec, agency=agency, due=due, text=words, on=on,
                                                     today=TODAY, by=BY)


def _update(key, status, on, note=None):
    return lambda r, d: recording_actions.update_action(r, d, key, status=status, note=note, on=on, today=TODAY,
                                                        by=BY)


WRITTEN = [
    lambda r, d: recording.decide(PROCESS, r, d, "local", on=D(2026, 2, 2), today=TODAY, by=BY),
    lambda r, d: recording.complete(PROCESS, r, d, "notification", on=D(2026, 1, 9), today=TODAY, by=BY,
                                    note="Form sent"),
    lambda r, d: recording.complete(PROCESS, r, d, "rapid-review", on=D(2026, 1, 30), today=TODAY, by=BY),
    lambda r, d: recording.complete(PROCESS, r, d, "agency-responses", on=D(2026, 4, 1), today=TODAY, by=BY,
                                    agency="Police"),
    lambda r, d: recording.complete(PROCESS, r, d, "progress-check", on=D(2026, 3, 3), today=TODAY, by=BY,
                                    outstanding=(D(2026, 3, 2),), note="On track"),
    lambda r, d: recording.complete(PROCESS, r, d, "progress-check", on=D(2026, 4, 3), today=TODAY, by=BY,
                                    outstanding=(D(2026, 4, 2),)),
    lambda r, d: recording.plan(PROCESS, r, d, "published", D(2026, 12, 1)),
    lambda r, d: recording.hold(r, d, "Criminal trial", start=D(2026, 5, 1), today=TODAY, by=BY),
    lambda r, d: recording_actions.recommend(r, d, "Share records"),
    lambda r, d: recording_actions.recommend(r, d, "Train staff"),
    lambda r, d: recording_actions.recommend(r, d, "Audit referrals"),
    lambda r, d: recording_actions.recommend(r, d, "Review the threshold document"),
    _action("R1", "Police", D(2027, 1, 31), "Alerts", D(2026, 6, 1)),
    _action("R1", "Health", D(2027, 2, 28), "Flags on records", D(2026, 6, 1)),
    _action("R2", "Education", D(2027, 3, 31), "Training days", D(2026, 6, 2)),
    _action("R3", "Police", D(2027, 3, 31), "Audit", D(2026, 6, 3)),
    _action("R3", "Health", D(2027, 4, 30), "Second audit", D(2026, 6, 3)),
    _update("R1.1", "in-progress", D(2026, 7, 1), "Half done"),
    _update("R3.2", "in-progress", D(2026, 7, 2)),
]

# Comments an officer might add by hand, where ruamel keeps them differently: after a value
# (on the deepest last value before), after an empty value (before the next key), at the end
# of a line, at the left edge inside a block, and at the end of the file.
HAND_COMMENTS = [
    ("  sos-ofsted-notified:\n", "  # Ofsted asked for the form again\n  sos-ofsted-notified:\n"),
    ("    note: Form sent\n", "    note: Form sent  # by email\n\n  # the rapid review met twice\n"),
    ("  R2:\n", "  # R2 came from the panel\n\n  R2:\n"),
    ("  R3:\n", "# left-edge note inside recommendations\n  R3:\n"),
    ("      R1.2:\n", "        # R1.1 is the priority\n      R1.2:\n"),
    ("holds:\n", "holds:  # parallel proceedings\n"),
    ("  R4:\n", "\n\n  R4:\n"),
]


def commented(text: str) -> str:
    for before, after in HAND_COMMENTS:
        assert before in text
        text = text.replace(before, after, 1)
    return text + "# the end of the record\n"


@pytest.fixture(scope="module")
def written():
    return build(*WRITTEN)


@pytest.fixture(scope="module")
def ending_with_a_value():
    """The last recommendation has an action: the file ends with a value, not `actions: {}`."""
    return build(*WRITTEN, _action("R4", "Health", D(2027, 5, 31), "Threshold", D(2026, 8, 1)))


CHANGES = {
    "amend a completion's note": lambda r, d: recording.complete(
        PROCESS, r, d, "notification", on=None, today=TODAY, by=BY, note="Form sent twice", amend=True),
    "remove a note": lambda r, d: recording.complete(
        PROCESS, r, d, "notification", on=None, today=TODAY, by=BY, note="", amend=True),
    "complete a stage": lambda r, d: recording.complete(
        PROCESS, r, d, "tor-agreed", on=D(2026, 3, 20), today=TODAY, by=BY, note="Agreed"),
    "an agency confirms": lambda r, d: recording.complete(
        PROCESS, r, d, "agency-responses", on=D(2026, 4, 2), today=TODAY, by=BY, agency="health"),
    "an occurrence": lambda r, d: recording.complete(
        PROCESS, r, d, "progress-check", on=D(2026, 5, 4), today=TODAY, by=BY, outstanding=(D(2026, 5, 2),)),
    "amend an occurrence": lambda r, d: recording.complete(
        PROCESS, r, d, "progress-check", on=D(2026, 3, 4), today=TODAY, by=BY, amend=True,
        occurrence=D(2026, 3, 2)),
    "take back a completion": lambda r, d: recording.uncomplete(
        PROCESS, r, d, "rapid-review", reason="Recorded in error"),
    "take back an agency's confirmation": lambda r, d: recording.uncomplete(
        PROCESS, r, d, "agency-responses", reason="Wrong agency", agency="Police"),
    "take back an occurrence": lambda r, d: recording.uncomplete(
        PROCESS, r, d, "progress-check", reason="Wrong month", occurrence=D(2026, 4, 2)),
    "skip a stage": lambda r, d: recording.skip(
        PROCESS, r, d, "practitioner-briefing", reason="Covered by the learning event", on=D(2026, 6, 1),
        today=TODAY, by=BY),
    "change the decision": lambda r, d: recording.decide(
        PROCESS, r, d, "national", on=D(2026, 3, 1), today=TODAY, by=BY, change=True, reason="Panel view"),
    "plan a stage again": lambda r, d: recording.plan(PROCESS, r, d, "published", D(2027, 1, 5)),
    "plan a new stage": lambda r, d: recording.plan(PROCESS, r, d, "learning-shared", D(2027, 2, 1)),
    "agree an interval": lambda r, d: recording.plan_interval(PROCESS, r, d, "progress-check", "2w"),
    "hold again": lambda r, d: recording.hold(r, d, "Inquest", start=D(2026, 6, 1), today=TODAY, by=BY),
    "resume": lambda r, d: recording.resume(r, d, on=D(2026, 6, 11), today=TODAY, by=BY),
    "close": lambda r, d: recording.close(r, d, "Merged", on=TODAY, today=TODAY, by=BY),
    "withhold": lambda r, d: recording.withhold(PROCESS, r, d, "To protect a sibling", on=TODAY, today=TODAY,
                                                by=BY),
    "set the pseudonym": lambda r, d: recording.set_field(r, d, "pseudonym", "Child B", today=TODAY),
    "set the incident": lambda r, d: recording.set_field(r, d, "incident", "2026-01-03", today=TODAY),
    "set the lead reviewer": lambda r, d: recording.set_field(r, d, "lead-reviewer", "A Reviewer", today=TODAY),
    "set looked after": lambda r, d: recording.set_field(r, d, "looked-after", "yes", today=TODAY),
    "add an agency": lambda r, d: recording.add_agency(r, d, "Youth Offending"),
    "remove an agency": lambda r, d: recording.remove_agency(r, d, "Probation"),
    "add a theme": lambda r, d: recording.add_theme(r, d, "domestic abuse"),
    "remove a theme": lambda r, d: recording.remove_theme(r, d, "neglect"),
    "recommend": lambda r, d: recording_actions.recommend(r, d, "Share learning"),
    "recommend with a key": lambda r, d: recording_actions.recommend(r, d, "Share learning", key="Q1"),
    "reword a recommendation": lambda r, d: recording_actions.edit_recommendation(r, d, "R2", "Train all staff"),
    "remove a recommendation": lambda r, d: recording_actions.remove_recommendation(r, d, "R4", reason="Duplicate"),
    "add an action": _action("R2", "Police", D(2027, 5, 31), "Police training", D(2026, 8, 1)),
    "add an action to the last recommendation": _action("R4", "Health", D(2027, 5, 31), "Threshold", D(2026, 8, 1)),
    "update an action": _update("R1.1", "in-progress", D(2026, 8, 1), "More evidence"),
    "update the last action": _update("R3.2", "complete", D(2026, 8, 2), "Audit published"),
    "give an action longer": lambda r, d: recording_actions.update_action(
        r, d, "R2.1", status=None, note=None, on=D(2026, 8, 3), today=TODAY, by=BY, due=D(2027, 6, 30),
        reason="Staff changes", agency="Police", text="Training days for all"),
    "a refused change": _update("R9.9", "complete", D(2026, 8, 2), "Nothing"),
}


def test_an_untouched_review_is_written_back_as_it_was(partial, written):
    for text in (written, commented(written)):
        document = yamlio.parse_document(text, "review.yaml")
        assert yamlio.dump_document(document) == text
        assert yamlio.values_of(document) == yamlio.parse_text(text, "review.yaml", round_trip=False)


@pytest.mark.parametrize(("cut", "hand"), [
    ("every block cut", "as cspr writes it"),
    ("every block cut", "with hand comments"),
    ("every block cut", "ending with a value, commented"),
    ("top level cut", "with hand comments"),
])
@pytest.mark.parametrize("name", list(CHANGES))
def test_each_change_writes_what_the_whole_round_trip_writes(monkeypatch, written, ending_with_a_value, cut, hand,
                                                             name):
    monkeypatch.setattr(yamlio, "PARTIAL_FROM", 0)
    monkeypatch.setattr(partial_yaml, "SPLIT_FROM", 0 if cut == "every block cut" else 10**9)
    text = {"as cspr writes it": written, "with hand comments": commented(written),
            "ending with a value, commented": commented(ending_with_a_value)}[hand]
    summary, after = whole(text, CHANGES[name])
    assert in_parts(text, CHANGES[name]) == (summary, after)
    refused = name == "a refused change" or (name, hand) == ("remove a recommendation", "ending with a value, commented")
    assert isinstance(summary, tuple) == refused, summary
    assert (after == text) == refused


def test_a_run_of_changes_reads_each_result_afresh_and_agrees_throughout(partial, written):
    text = commented(written)
    for name in ("add an action", "update an action", "close", "recommend", "update the last action",
                 "remove a recommendation", "set looked after", "withhold"):
        text = same_both_ways(text, CHANGES[name])
    text = same_both_ways(text, lambda r, d: recording.reopen(r, d))
    assert "withheld:\n  on: 2026-11-27\n" in text and text.endswith("# the end of the record\n")


def test_a_new_review_is_decided_and_corrected_alike_both_ways(partial):
    text = build().replace("decision:\n", "# decided at the panel\ndecision:  # a hand note\n", 1) + "# the end\n"
    for change in (
        lambda r, d: recording.set_field(r, d, "aware", "2026-01-04", today=TODAY, reason="Date of the referral"),
        lambda r, d: recording.set_field(r, d, "publication-address", "https://example.org/cspr", today=TODAY),
        lambda r, d: recording.decide(PROCESS, r, d, "local", on=D(2026, 2, 2), today=TODAY, by=BY),
        lambda r, d: recording.skip(PROCESS, r, d, "panel-response", reason="Not asked", on=D(2026, 2, 3),
                                    today=TODAY, by=BY),
        lambda r, d: recording.uncomplete(PROCESS, r, d, "panel-response", reason="Asked after all"),
    ):
        summary, after = whole(text, change)
        assert not isinstance(summary, tuple), summary
        assert in_parts(text, change) == (summary, after)
        text = after
    assert "decision:  # a hand note\n  track: local\n  on: 2026-02-02\n" in text and "panel-response:\n" not in text


def test_a_hand_comment_on_any_line_stays_where_the_whole_round_trip_puts_it(monkeypatch, ending_with_a_value):
    lines = ending_with_a_value.splitlines(keepends=True)
    names = list(CHANGES)
    for number in range(1, len(lines) + 1, 3):  # (a blank line opening the file: see below)
        monkeypatch.setattr(yamlio, "PARTIAL_FROM", 0)
        monkeypatch.setattr(partial_yaml, "SPLIT_FROM", 0 if number % 4 == 1 else 10**9)
        comment = "\n" * (number % 3 == 0) + " " * (2 * (number % 7)) + "# a hand note\n" + "\n" * (number % 5 == 0)
        text = "".join(lines[:number]) + comment + "".join(lines[number:])
        same_both_ways(text, CHANGES[names[number % len(names)]])


def test_a_blank_line_opening_the_file_is_kept_though_the_whole_round_trip_drops_it(partial, written):
    text = "\n" + written
    _, after = in_parts(text, CHANGES["update an action"])
    assert after.startswith("\n# Child Safeguarding") and whole(text, CHANGES["update an action"])[1] == after[1:]


def test_only_the_changed_lines_differ(monkeypatch, written):
    monkeypatch.setattr(yamlio, "PARTIAL_FROM", 0)
    monkeypatch.setattr(partial_yaml, "SPLIT_FROM", 0)
    text = commented(written).replace("by: Officer One\n", "by: Officer One \n")  # a hand edit's spaces
    _, after = in_parts(text, CHANGES["update the last action"])
    before, now = text.splitlines(keepends=True), after.splitlines(keepends=True)
    first, last = before.index("      R3.2:\n"), before.index("  R4:\n")
    # R3.2 was read and written by ruamel (so its trailing spaces went); nothing else moved
    rewritten = [line.replace(" \n", "\n") for line in before[first:last]]
    assert rewritten[-2:] == ["\n", "\n"]
    added = ["          - on: 2026-08-02\n", "            status: complete\n", "            note: Audit published\n",
             "            by: Officer One\n"]
    assert now == before[:first] + rewritten[:-2] + added + rewritten[-2:] + before[last:]


def test_a_bad_value_in_a_large_review_is_reported_at_its_line(monkeypatch, written, tmp_path):
    from cspr.errors import InvalidField

    monkeypatch.setattr(yamlio, "PARTIAL_FROM", 0)
    text = written.replace("status: in-progress", "status: half-way", 1)
    path = tmp_path / "review.yaml"
    path.write_text(text)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "half-way" in row)
    document = yamlio.load_document(path)
    with pytest.raises(InvalidField) as caught:
        parse_review(yamlio.values_of(document))
    error = yamlio.data_error(path, caught.value, document)
    assert re.search(rf"review.yaml:{line}:21\b", str(error.location)), error.location


def test_a_file_too_large_to_change_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "review.yaml"
    with path.open("wb") as handle:  # sparse: nothing is written to disk, and nothing read
        handle.truncate(yamlio.LARGEST_PARTIAL_EDIT + 1)
    with pytest.raises(CsprError, match=r"review.yaml: is 100 MB, more than the 100 MB cspr will change"):
        yamlio.load_document(path)


def test_a_large_file_not_in_cspr_layout_is_read_whole_only_up_to_the_limit(monkeypatch, tmp_path):
    monkeypatch.setattr(yamlio, "PARTIAL_FROM", 0)
    monkeypatch.setattr(yamlio, "LARGEST_EDIT", 1_000)
    text = "id: 2026-child-a\nnotes: |\n  " + "x" * 2_000 + "\n"  # a block scalar: not plain
    with pytest.raises(CsprError, match=r"is 0\.0 MB and uses YAML beyond the plain layout cspr writes"):
        yamlio.parse_document(text, "review.yaml")
    monkeypatch.setattr(yamlio, "LARGEST_EDIT", 10_000)
    assert yamlio.parse_document(text, "review.yaml")["notes"] == "x" * 2_000 + "\n"


def _key_paths(values, path=(), depth=4):
    """Every key path into the review's values, down to `depth` steps."""
    if depth == 0:
        return
    items = values.items() if isinstance(values, dict) else enumerate(values) if isinstance(values, list) else ()
    for key, value in items:
        yield (*path, key)
        yield from _key_paths(value, (*path, key), depth - 1)


def test_every_key_is_found_at_its_line_before_and_after_its_part_is_read(partial, written):
    text = commented(written)
    whole_document = yamlio.parse_text(text, "review.yaml")
    paths = list(_key_paths(yamlio.parse_text(text, "review.yaml", round_trip=False)))
    assert len(paths) > 100
    document = yamlio.parse_document(text, "review.yaml")
    for path in paths:  # each key of the file where it stands, read part by part as it is reached
        assert yamlio.locate_key(document, path) == yamlio.locate_key(whole_document, path), path
    document = yamlio.parse_document(text, "review.yaml")
    assert (document.lc.line, document.lc.col) == (whole_document.lc.line, whole_document.lc.col) == (5, 0)
    if partial == "top level cut":  # a block cut into entries gives its keys' places for its values
        values = yamlio.parse_text(text, "review.yaml", round_trip=False)
        for path in paths:
            # a value below the top level: read, then found where it is (an empty value is placed
            # by ruamel at whatever follows it, which differs once the part is read on its own)
            if len(path) > 1 and _value_at(values, path) is not None:
                assert yamlio.locate(document, path) == yamlio.locate(whole_document, path), path


def _value_at(values, path):
    for step in path:
        values = values[step]
    return values


def test_a_partly_read_review_cannot_be_copied(partial, written):
    import copy

    with pytest.raises(TypeError, match="^a partly read review cannot be copied$"):
        copy.deepcopy(yamlio.parse_document(written, "review.yaml"))


@pytest.mark.parametrize("after", [
    "themes: [neglect, housing]\n",  # a flow list: where ruamel puts the comment below is not plain
    "agencies:\n  -\n",  # an empty item
    "agencies:\n-\n",  # an empty item of a list not indented
    "agencies:\n  - # to come\n",  # an empty item with a comment
])
def test_a_comment_whose_owner_is_unclear_has_the_review_read_whole(partial, after):
    text = f"child: Child A\n{after}# a comment below it\nlead: Officer One\n"  # (all plain: the fast reader takes it)
    assert plain_yaml.load(text)["lead"] == "Officer One"
    document = yamlio.parse_document(text, "review.yaml")
    assert not isinstance(document, partial_yaml.PartialMap)
    assert yamlio.dump_document(document) == yamlio.dump_document(yamlio.parse_text(text, "review.yaml"))


def _reword_every_recommendation(review, document):
    for key in list(document["recommendations"]):
        document["recommendations"][key]["text"] = f"Reworded {key.strip()}"


def test_a_block_keyed_with_letters_a_careless_strip_would_drop_is_changed_as_the_whole_round_trip_does(
        partial, written):
    """An X at either end of a key, a no-break space at its end: YAML keeps both."""
    text = written.replace("  R3:\n", "  XR3X:\n", 1).replace("  R4:\n", "  R4\u00a0:\n", 1)
    after = same_both_ways(text, _reword_every_recommendation)
    assert "  XR3X:\n    text: Reworded XR3X\n" in after and "  R4\u00a0:\n    text: Reworded R4\n" in after
    assert list(yamlio.parse_document(text, "review.yaml")["recommendations"]) == ["R1", "R2", "XR3X", "R4\u00a0"]


def test_a_block_keyed_with_a_space_before_the_colon_is_cut_read_and_changed(partial, written):
    """Cut, the block's key line is kept as the officer typed it; the whole round trip writes `R2:`."""
    text = written.replace("  R2:\n", "  R2 :\n", 1)
    expected = yamlio.parse_text(whole(text, _reword_every_recommendation)[1], "review.yaml", round_trip=False)
    summary, after = in_parts(text, _reword_every_recommendation)
    assert summary is None and "    text: Reworded R2\n" in after
    assert list(yamlio.parse_document(text, "review.yaml")["recommendations"]) == ["R1", "R2", "R3", "R4"]
    assert yamlio.parse_text(after, "review.yaml", round_trip=False) == expected


def test_a_cut_block_given_a_whole_new_value_is_written_as_the_whole_round_trip_writes_it(partial, written):
    """Three levels down (recommendations, R1, its actions), with a hand comment above the first action."""
    text = commented(written).replace("    actions:\n      R1.1:\n", "    actions:\n      # agreed at the panel\n"
                                      "      R1.1:\n", 1)

    def new_actions(review, document):
        document["recommendations"]["R1"]["actions"] = {"R1.1": {"agency": "Police", "text": "Alerts only"}}

    after = same_both_ways(text, new_actions)
    assert "    actions:\n      # agreed at the panel\n      R1.1:\n        agency: Police\n        text: Alerts only\n" in after


def test_a_file_opening_with_a_key_and_ending_with_a_flow_list_is_cut_and_keeps_a_hand_edits_spaces(partial):
    text = "child: Child A\nlead: Officer One  \naware: 2026-04-01\ntracks: [local]\n"
    document = yamlio.parse_document(text, "review.yaml")
    assert isinstance(document, partial_yaml.PartialMap)
    assert list(document) == ["child", "lead", "aware", "tracks"]
    document["aware"] = D(2026, 4, 2)
    # only the changed line differs: read whole, ruamel would drop the spaces after "Officer One"
    assert yamlio.dump_document(document) == text.replace("2026-04-01", "2026-04-02")


def test_a_block_as_large_as_the_threshold_is_cut_so_a_change_keeps_a_hand_edits_spaces(monkeypatch):
    block = "recommendations:\n  R1:\n    text: Share records  \n  R2:\n    text: Audit transfers\n"
    text = "child: Child A\n" + block
    monkeypatch.setattr(yamlio, "PARTIAL_FROM", 0)
    monkeypatch.setattr(partial_yaml, "SPLIT_FROM", len(block))
    document = yamlio.parse_document(text, "review.yaml")
    document["recommendations"]["R2"]["text"] = "Audit every transfer"
    # R1 untouched: read whole, the block would lose the spaces after "Share records"
    assert yamlio.dump_document(document) == text.replace("Audit transfers", "Audit every transfer")


BLOCK = "  R1:\n    text: Share records  \n  R2:\n    text: Audit transfers\n"


@pytest.mark.parametrize(("key", "below"), [
    ("recommendations:", ""),
    ("X:", ""),  # a key a careless strip of the key's line would take for nothing
    ("recommendations:", "# from the panel\n"),  # a comment at the left edge right below the key
])
def test_a_cut_block_keeps_an_untouched_entrys_hand_typed_spaces(monkeypatch, key, below):
    block = f"{key}\n{below}{BLOCK}"
    text = "child: Child A\n" + block
    monkeypatch.setattr(yamlio, "PARTIAL_FROM", 0)
    monkeypatch.setattr(partial_yaml, "SPLIT_FROM", len(block))
    document = yamlio.parse_document(text, "review.yaml")
    document[key[:-1]]["R2"]["text"] = "Audit every transfer"
    assert yamlio.dump_document(document) == text.replace("Audit transfers", "Audit every transfer")


def test_a_block_smaller_than_the_threshold_is_read_whole_as_the_whole_round_trip_reads_it(monkeypatch):
    block = "recommendations:\n" + BLOCK
    text = "child: Child A\n" + block
    monkeypatch.setattr(yamlio, "PARTIAL_FROM", 0)
    monkeypatch.setattr(partial_yaml, "SPLIT_FROM", len(block) + 1)
    document = yamlio.parse_document(text, "review.yaml")
    document["recommendations"]["R2"]["text"] = "Audit every transfer"
    # read whole by ruamel, the block loses the spaces after "Share records", R1 untouched as it is
    assert yamlio.dump_document(document) == text.replace("Audit transfers", "Audit every transfer").replace(
        "Share records  ", "Share records")


def test_a_file_ending_with_a_key_and_no_line_break_is_read_and_changed(partial):
    text = "child: Child A  \nlead:"
    document = yamlio.parse_document(text, "review.yaml")
    assert isinstance(document, partial_yaml.PartialMap) and document["lead"] is None
    document["lead"] = "Officer One"
    assert yamlio.dump_document(document) == "child: Child A  \nlead: Officer One\n"


@pytest.mark.parametrize(("last", "change"), [
    ("agencies:\n  - Police\n", lambda d: d["agencies"].append("Health")),
    ("agencies:\n  - X\n", lambda d: d["agencies"].append("Health")),
    ("agencies:\n  - name: Police\n", lambda d: d["agencies"].append("Health")),
    ("agencies:\n  - [Police, Health]\n", lambda d: d["agencies"].append("Probation")),
    ("decision:\n  track: local\n", lambda d: d["decision"].update(on="later")),
    ("decision:\n  track: X\n", lambda d: d["decision"].update(on="later")),
    ("decision:\n  track:  # to come\n", lambda d: d["decision"].update(on="later")),
    ("decision:\n  track:\n", lambda d: d["decision"].update(on="later")),
    ("decision:\n  track:\n", lambda d: d["decision"].update(track={"level": "local"})),
    ("decision:\n  track: {}\n", lambda d: d["decision"].update(on="later")),
])
def test_a_comment_after_an_entry_that_grows_stays_where_the_whole_round_trip_puts_it(partial, last, change):
    """After a value the comment ends the entry (the new line goes below it); after an empty
    value it opens the next key. Read part by part, the first line keeps its hand-typed spaces."""
    text = f"child: Child A  \n{last}# a hand note\nlead: Officer One\n"
    whole_document = yamlio.parse_text(text, "review.yaml")
    change(whole_document)
    document = yamlio.parse_document(text, "review.yaml")
    change(document)
    expected = yamlio.dump_document(whole_document)
    assert expected.startswith("child: Child A\n")
    assert yamlio.dump_document(document) == expected.replace("Child A", "Child A  ", 1)


def test_a_key_inserted_at_a_place_in_a_review_read_part_by_part_is_written_there(partial):
    text = "child: Child A  \nlead: Officer One\naware: 2026-04-01\n"
    document = yamlio.parse_document(text, "review.yaml")
    document.insert(1, "id", "child-a")
    assert yamlio.dump_document(document) == "child: Child A  \nid: child-a\nlead: Officer One\naware: 2026-04-01\n"
