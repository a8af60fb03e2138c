"""Each change written into a new review's round-trip document: exactly where an officer would
put it, every comment kept in its section, and the summary that becomes the commit message."""

from __future__ import annotations

import datetime as dt

import pytest

from cspr.cli.output import error_text  # the message as the officer reads it
from cspr.errors import StateError, UsageError
from cspr.model.process import parse_process
from cspr.model.review import parse_review
from cspr.record import actions as recording_actions
from cspr.record import stages as recording
from cspr.record.document import append, put
from cspr.record.new_review import new_review_text, notes_text
from cspr.storage.yamlio import dump_document, parse_text

D = dt.date
TODAY = D(2026, 11, 27)
BY = "Officer One"
PROCESS = parse_process({
    "tracks": {"local": "Local review", "national": "National review"},
    "stages": [
        {"key": "notification", "title": "Notified", "owner": "Local authority", "due": "5 working days after aware"},
        {"key": "agency-responses", "title": "Agencies confirm", "owner": "Agencies", "tracks": ["local"],
         "due": "14 days after notification", "per_agency": True},
        {"key": "published", "title": "Published", "owner": "Business unit", "tracks": ["local"],
         "due": "6 months after decision", "paused_by_holds": True},
        {"key": "progress-check", "title": "Progress checked", "owner": "Subgroup", "tracks": ["local"],
         "every": "1 month from decision until published"},
        {"key": "national-review", "title": "National review", "owner": "National Panel", "tracks": ["national"]},
        {"key": "learning", "title": "Learning shared", "owner": "Business unit", "tracks": ["local", "national"]},
    ],
})


def new_document(agencies=("Police", "Health")):
    text = new_review_text(PROCESS, "2026-child-a", "Child A", D(2026, 4, 1), agencies=list(agencies),
                           themes=["neglect"], incident=D(2026, 3, 30))
    return parse_text(text, "review.yaml")


NEW = """\
# Child Safeguarding Practice Review record, kept by cspr.
# Use pseudonyms only ("Child A", "Baby B"): never a real name, address or school.
# Change it through cspr (cspr complete, decide, plan, hold...) so that every change is a
# commit in the audit trail. Hand edits are allowed: commit them yourself with git.

id: "2026-child-a"
child: Child A
aware: 2026-04-01
incident: 2026-03-30
agencies:
  - Police
  - Health
themes:
  - neglect
lead_reviewer:
publication_address:
# A looked-after child: the Secretary of State and Ofsted are notified too (`cspr set`).
looked_after: false

# Set by `cspr decide ID local|national|none`.
decision:
  track:
  on:
  by:

# One block per stage; `cspr complete` fills in done and by.
stages:
  notification:
    done:
    by:
    note:
  agency-responses:
    agencies:
      Police:
        done:
        by:
      Health:
        done:
        by:
  published:
    done:
    by:
    note:
  progress-check:
    occurrences: []
  national-review:
    done:
    by:
    note:
  learning:
    done:
    by:
    note:

# Dates agreed in the terms of reference's timeline (`cspr plan ID STAGE DATE`).
plans: {}

# Agreed intervals for recurring stages (`cspr plan ID assurance --every 6m`).
intervals: {}

# Parallel proceedings (`cspr hold` / `cspr resume`); the history is kept.
holds: []

# Closed early (`cspr close ID --reason ...`).
closed:

# Recommendations and the actions answering them (`cspr recommend`, `cspr action`).
recommendations: {}
"""


def test_a_new_review_is_laid_out_with_a_block_per_stage():
    assert new_review_text(PROCESS, "2026-child-a", "Child A", D(2026, 4, 1), agencies=["Police", "Health"],
                           themes=["neglect"], incident=D(2026, 3, 30)) == NEW  # as written to the file
    assert dump_document(new_document()) == NEW
    review = parse_review(new_document())
    assert (review.id, review.child, review.aware, review.incident) == (
        "2026-child-a", "Child A", D(2026, 4, 1), D(2026, 3, 30))
    assert review.agencies == ("Police", "Health") and review.themes == ("neglect",)


def test_a_new_review_without_agencies_has_empty_lists_and_one_block_for_a_per_agency_stage():
    text = new_review_text(PROCESS, "2026-child-a", "Child A", D(2026, 4, 1))
    assert "agencies: []\nthemes: []\n" in text
    review = parse_review(parse_text(text, "review.yaml"))
    assert review.incident is None and review.agencies == () and review.themes == ()
    assert "  agency-responses:\n    done:\n    by:\n    note:\n" in text


@pytest.mark.parametrize(("child", "written"), [
    ("Child A", "Child A"),
    ("Baby B (twin)", "Baby B (twin)"),
    ("Yes", '"Yes"'),  # a word YAML would read as something else
    ("null", '"null"'),
    ("Child A ", '"Child A "'),
    ("Child: A", '"Child: A"'),
    ("7-minute", '"7-minute"'),
    ("Zoë", '"Zoë"'),  # kept as it is, not escaped
])
def test_text_is_written_plain_only_where_it_reads_back_the_same(child, written):
    text = new_review_text(PROCESS, "2026-child-a", child, D(2026, 4, 1))
    assert f"\nchild: {written}\n" in text
    assert parse_review(parse_text(text, "review.yaml")).child == child


def test_the_notes_file_names_the_child_and_the_review():
    notes = notes_text("Child A", "2026-child-a")
    assert notes.startswith("# Child A (2026-child-a): notes\n\n")
    assert "Pseudonyms only" in notes and "private/restricted-terms.txt" in notes


def _apply(document, change) -> str:
    return change(parse_review(document), document)


def test_every_change_is_written_in_its_section_and_said_in_one_line():
    document = new_document()
    changes = [
        (lambda r, d: recording.decide(PROCESS, r, d, "local", on=D(2026, 4, 20), today=TODAY, by=BY),
         "decision recorded: local (Local review), Mon 20 Apr 2026"),
        (lambda r, d: recording.complete(PROCESS, r, d, "notification", on=D(2026, 4, 7), today=TODAY, by=BY,
                                         note="Form sent"),
         "notification completed on Tue 7 Apr 2026"),
        (lambda r, d: recording.complete(PROCESS, r, d, "agency-responses", on=D(2026, 4, 10), today=TODAY, by=BY,
                                         agency="police", note="Board agreed"),
         "agency-responses confirmed by Police on Fri 10 Apr 2026"),
        (lambda r, d: recording.complete(PROCESS, r, d, "progress-check", on=D(2026, 5, 21), today=TODAY, by=BY,
                                         outstanding=(D(2026, 5, 20),), note="On track"),
         "progress-check (due Wed 20 May 2026) recorded on Thu 21 May 2026"),
        (lambda r, d: recording.complete(PROCESS, r, d, "progress-check", on=D(2026, 6, 19), today=TODAY, by=BY,
                                         outstanding=(D(2026, 6, 20),)),
         "progress-check (due Sat 20 Jun 2026) recorded on Fri 19 Jun 2026"),
        (lambda r, d: recording.plan(PROCESS, r, d, "published", D(2026, 12, 1)),
         "published planned for Tue 1 Dec 2026"),
        (lambda r, d: recording.plan(PROCESS, r, d, "learning", D(2027, 1, 4)),
         "learning planned for Mon 4 Jan 2027"),
        (lambda r, d: recording.plan_interval(PROCESS, r, d, "progress-check", "2w"),
         "progress-check every 2 weeks (agreed interval)"),
        (lambda r, d: recording.hold(r, d, " Criminal trial ", start=D(2026, 5, 1), today=TODAY, by=BY),
         "on hold from Fri 1 May 2026: Criminal trial"),
        (lambda r, d: recording.resume(r, d, on=D(2026, 5, 11), today=TODAY, by="Officer Two"),
         "resumed on Mon 11 May 2026 after 10 days on hold (Criminal trial)"),
        (lambda r, d: recording.hold(r, d, "Inquest", start=D(2026, 6, 1), today=TODAY, by=BY),
         "on hold from Mon 1 Jun 2026: Inquest"),
        (lambda r, d: recording.set_field(r, d, "publication-address", "https://example.org/cspr", today=TODAY),
         "publication-address set to https://example.org/cspr"),
        (lambda r, d: recording_actions.recommend(r, d, "Share  records"),
         "recommendation R1 recorded: Share records"),
        (lambda r, d: recording_actions.add_action(r, d, "R1", agency="Police", due=D(2027, 1, 31), text="Alerts",
                                                   on=D(2026, 11, 1), today=TODAY, by=BY),
         "action R1.1 for Police, due Sun 31 Jan 2027: Alerts"),
        (lambda r, d: recording_actions.update_action(r, d, "R1.1", status="in-progress", note=None,
                                                      on=D(2026, 11, 10), today=TODAY, by=BY),
         "action R1.1 (Police) not-started -> in-progress on Tue 10 Nov 2026"),
        (lambda r, d: recording_actions.update_action(r, d, "R1.1", status="in-progress", note="Half done",
                                                      on=D(2026, 11, 11), today=TODAY, by=BY),
         "action R1.1 (Police) in-progress on Wed 11 Nov 2026"),
        (lambda r, d: recording_actions.update_action(r, d, "r1.1", status="complete", note=" Alerts  live ",
                                                      on=D(2026, 11, 20), today=TODAY, by=BY),
         "action R1.1 (Police) in-progress -> complete on Fri 20 Nov 2026"),
        (lambda r, d: recording.close(r, d, "Merged", on=TODAY, today=TODAY, by=BY),
         "closed on Fri 27 Nov 2026: Merged"),
    ]
    summaries = []
    for change, _ in changes:
        # each command reads the file afresh: comments then hang on the last entry before them
        document = parse_text(dump_document(document), "review.yaml")
        summaries.append(_apply(document, change))
    assert summaries == [summary for _, summary in changes]
    expected = NEW
    for before, after in CHANGED:
        assert before in expected
        expected = expected.replace(before, after, 1)
    assert dump_document(document) == expected
    # reopening empties the closure again (git keeps it in the history)
    assert _apply(document, recording.reopen) == "reopened (closed on Fri 27 Nov 2026: Merged)"
    assert "\nclosed:\n\n# Recommendations" in dump_document(document)
    assert "was not closed" in str(pytest.raises(StateError, _apply, document, recording.reopen).value)


CHANGED = [
    ("decision:\n  track:\n  on:\n  by:\n", "decision:\n  track: local\n  on: 2026-04-20\n  by: Officer One\n"),
    ("  notification:\n    done:\n    by:\n    note:\n",
     "  notification:\n    done: 2026-04-07\n    by: Officer One\n    note: Form sent\n"),
    ("      Police:\n        done:\n        by:\n",
     "      Police:\n        done: 2026-04-10\n        by: Officer One\n        note: Board agreed\n"),
    ("publication_address:\n", "publication_address: https://example.org/cspr\n"),
    ("    occurrences: []\n",
     "    occurrences:\n"
     "      - due: 2026-05-20\n        done: 2026-05-21\n        by: Officer One\n        note: On track\n"
     "      - due: 2026-06-20\n        done: 2026-06-19\n        by: Officer One\n"),
    ("plans: {}\n", "plans:\n  published: 2026-12-01\n  learning: 2027-01-04\n"),
    ("intervals: {}\n", "intervals:\n  progress-check: 2 weeks\n"),
    ("holds: []\n", "holds:\n  - reason: Criminal trial\n    from: 2026-05-01\n    to: 2026-05-11\n"
     "    by: Officer One\n    resumed_by: Officer Two\n"
     "  - reason: Inquest\n    from: 2026-06-01\n    to:\n    by: Officer One\n"),
    ("closed:\n", "closed:\n  on: 2026-11-27\n  reason: Merged\n  by: Officer One\n"),
    ("recommendations: {}\n",
     "recommendations:\n  R1:\n    text: Share records\n    actions:\n      R1.1:\n        agency: Police\n"
     "        due: 2027-01-31\n        text: Alerts\n        updates:\n"
     "          - on: 2026-11-01\n            status: not-started\n            note: Action agreed\n"
     "            by: Officer One\n"
     "          - on: 2026-11-10\n            status: in-progress\n            by: Officer One\n"
     "          - on: 2026-11-11\n            status: in-progress\n            note: Half done\n"
     "            by: Officer One\n"
     "          - on: 2026-11-20\n            status: complete\n            note: Alerts live\n"
     "            by: Officer One\n"),
]


# -- every refusal says what was wrong and what to do, and changes nothing ----------------------

def _decided(document):
    _apply(document, lambda r, d: recording.decide(PROCESS, r, d, "local", on=D(2026, 4, 20), today=TODAY, by=BY))
    return document


def _with_action(document):
    _decided(document)
    _apply(document, lambda r, d: recording_actions.recommend(r, d, "Share records"))
    _apply(document, lambda r, d: recording_actions.add_action(
        r, d, "R1", agency="Police", due=D(2027, 1, 31), text="Alerts", on=D(2026, 11, 1), today=TODAY, by=BY))
    return document


def _agency_confirmed(document):
    _decided(document)
    _apply(document, lambda r, d: recording.complete(
        PROCESS, r, d, "agency-responses", on=D(2026, 5, 1), today=TODAY, by=BY, agency="Police"))
    return document


def _completed(document):
    _apply(document, lambda r, d: recording.complete(PROCESS, r, d, "notification", on=D(2026, 4, 7), today=TODAY, by=BY))
    return document


def _held(document):
    _apply(document, lambda r, d: recording.hold(r, d, "Trial", start=D(2026, 5, 1), today=TODAY, by=BY))
    return document


def _closed(document):
    _with_action(document)
    _apply(document, lambda r, d: recording.close(r, d, "Merged", on=D(2026, 11, 2), today=TODAY, by=BY))
    return document


def _two_recommendations(document):
    _with_action(document)
    _apply(document, lambda r, d: recording_actions.recommend(r, d, "Train staff"))
    return document


def _all_confirmed(document):
    _agency_confirmed(document)
    _apply(document, lambda r, d: recording.complete(
        PROCESS, r, d, "agency-responses", on=D(2026, 5, 2), today=TODAY, by=BY, agency="Health"))
    return document


def _nothing(document):
    return document


REFUSALS = [
    (_nothing, lambda r, d: recording.complete(PROCESS, r, d, "notificaton", on=TODAY, today=TODAY, by=BY), UsageError,
     "unknown stage 'notificaton'; did you mean 'notification'? 'cspr show ID' lists the stages of a review"),
    (_nothing, lambda r, d: recording.complete(PROCESS, r, d, "zzz", on=TODAY, today=TODAY, by=BY), UsageError,
     "unknown stage 'zzz'; 'cspr show ID' lists the stages of a review"),
    (_nothing, lambda r, d: recording.complete(PROCESS, r, d, "learning", on=TODAY, today=TODAY, by=BY), StateError,
     "learning is part of a local or national review and 2026-child-a has no decision yet; "
     "record it first with 'cspr decide 2026-child-a local'"),
    (_nothing, lambda r, d: recording.complete(PROCESS, r, d, "published", on=TODAY, today=TODAY, by=BY), StateError,
     "published is part of a local review and 2026-child-a has no decision yet; "
     "record it first with 'cspr decide 2026-child-a local'"),
    (_decided, lambda r, d: recording.complete(PROCESS, r, d, "national-review", on=TODAY, today=TODAY, by=BY),
     StateError, "national-review is part of a national review, and 2026-child-a is on the local track"),
    (_nothing, lambda r, d: recording.complete(PROCESS, r, d, "notification", on=D(2026, 12, 1), today=TODAY, by=BY),
     UsageError, "--on 2026-12-01 is in the future; a completion can only be recorded once it has happened"),
    (_nothing, lambda r, d: recording.complete(PROCESS, r, d, "notification", on=D(2026, 3, 1), today=TODAY, by=BY),
     UsageError, "--on 2026-03-01 is before 2026-child-a became known (2026-04-01); check the date"),
    (_decided, lambda r, d: recording.complete(PROCESS, r, d, "progress-check", on=TODAY, today=TODAY, by=BY,
                                               agency="Police", outstanding=(D(2026, 5, 20),)), UsageError,
     "--agency is for per-agency stages; progress-check is a recurring check"),
    (_decided, lambda r, d: recording.complete(PROCESS, r, d, "progress-check", on=TODAY, today=TODAY, by=BY),
     StateError, "progress-check has no occurrence waiting to be recorded for 2026-child-a (it falls due every "
     "1 month from decision until published); 'cspr show 2026-child-a' shows where it stands"),
    (_decided, lambda r, d: recording.complete(PROCESS, r, d, "agency-responses", on=TODAY, today=TODAY, by=BY),
     UsageError, "agency-responses is confirmed agency by agency; name one with --agency "
     "(still to confirm: Police, Health)"),
    (_agency_confirmed, lambda r, d: recording.complete(PROCESS, r, d, "agency-responses", on=TODAY, today=TODAY,
                                                        by=BY), UsageError,
     "agency-responses is confirmed agency by agency; name one with --agency (still to confirm: Health)"),
    (_all_confirmed, lambda r, d: recording.complete(PROCESS, r, d, "agency-responses", on=TODAY, today=TODAY,
                                                     by=BY), UsageError,
     "agency-responses is confirmed agency by agency; name one with --agency (still to confirm: none)"),
    (_agency_confirmed, lambda r, d: recording.complete(PROCESS, r, d, "agency-responses", on=TODAY, today=TODAY,
                                                        by=BY, agency="POLICE"), StateError,
     "Police already confirmed agency-responses on 2026-05-01; use --amend to change it"),
    (_decided, lambda r, d: recording.complete(PROCESS, r, d, "agency-responses", on=TODAY, today=TODAY, by=BY,
                                               agency="Probation"), UsageError,
     "'Probation' is not taking part in 2026-child-a; agencies taking part: Police, Health"),
    (_nothing, lambda r, d: recording.complete(PROCESS, r, d, "notification", on=TODAY, today=TODAY, by=BY,
                                               agency="Police"), UsageError,
     "--agency is only for per-agency stages, and notification is not one"),
    (_completed, lambda r, d: recording.complete(PROCESS, r, d, "notification", on=TODAY, today=TODAY, by=BY),
     StateError, "notification was already completed on 2026-04-07; use --amend to change the record"),
    (_nothing, lambda r, d: recording.decide(PROCESS, r, d, "regional", on=TODAY, today=TODAY, by=BY), UsageError,
     "unknown track 'regional'; choose one of: local, national"),
    (_decided, lambda r, d: recording.decide(PROCESS, r, d, "national", on=TODAY, today=TODAY, by=BY), StateError,
     "2026-child-a already has a decision (local, on 2026-04-20); "
     "to record a new one use 'cspr decide 2026-child-a national --change --reason TEXT'"),
    (_nothing, lambda r, d: recording.decide(PROCESS, r, d, "local", on=D(2026, 12, 1), today=TODAY, by=BY),
     UsageError, "--on 2026-12-01 is in the future; a decision can only be recorded once it has happened"),
    (_decided, lambda r, d: recording.plan(PROCESS, r, d, "progress-check", TODAY), UsageError,
     "progress-check recurs; change its interval with 'cspr plan 2026-child-a progress-check --every 6m'"),
    (_completed, lambda r, d: recording.plan(PROCESS, r, d, "notification", TODAY), StateError,
     "notification is already complete; a plan is for a stage still to come"),
    (_nothing, lambda r, d: recording.hold(r, d, " ", start=TODAY, today=TODAY, by=BY), UsageError,
     "--reason must say what the parallel proceedings are (for example 'criminal trial')"),
    (_nothing, lambda r, d: recording.hold(r, d, "Trial", start=D(2026, 3, 1), today=TODAY, by=BY), UsageError,
     "--from 2026-03-01 is before 2026-child-a became known (2026-04-01)"),
    (_nothing, lambda r, d: recording.resume(r, d, on=TODAY, today=TODAY, by=BY), StateError,
     "2026-child-a is not on hold, so there is nothing to resume"),
    (_held, lambda r, d: recording.resume(r, d, on=D(2026, 4, 30), today=TODAY, by=BY), UsageError,
     "--on 2026-04-30 is before the hold began (2026-05-01)"),
    (_held, lambda r, d: recording.resume(r, d, on=D(2026, 12, 1), today=TODAY, by=BY), UsageError,
     "--on 2026-12-01 is in the future; record the resumption once it has happened"),
    (_nothing, lambda r, d: recording.close(r, d, "  ", on=TODAY, today=TODAY, by=BY), UsageError,
     "--reason is empty; say why the review is closed early"),
    (_nothing, lambda r, d: recording.close(r, d, "Merged", on=D(2026, 12, 1), today=TODAY, by=BY), UsageError,
     "--on 2026-12-01 is in the future; a closure can only be recorded once it has happened"),
    (_closed, lambda r, d: recording.close(r, d, "Again", on=TODAY, today=TODAY, by=BY), StateError,
     "2026-child-a was already closed on 2026-11-02 (Merged)"),
    (_nothing, lambda r, d: recording.close(r, d, "Done", on=TODAY, today=TODAY, by=BY, closed_by_itself=True),
     StateError, "2026-child-a has already closed itself: every stage is done and every action complete"),
    (_closed, lambda r, d: recording_actions.recommend(r, d, "More"), StateError,
     "2026-child-a was closed on 2026-11-02 (Merged); reopen it first with 'cspr reopen 2026-child-a'"),
    (_nothing, lambda r, d: recording_actions.recommend(r, d, " "), UsageError,
     "TEXT is empty; say what it is in words"),
    (_nothing, lambda r, d: recording_actions.recommend(r, d, "More", key="R1.1"), UsageError,
     "--id 'R1.1' cannot name a recommendation; use a letter then letters, digits or '-' (such as R4), "
     "without '.', which separates an action's number"),
    (_with_action, lambda r, d: recording_actions.recommend(r, d, "More", key="r1"), StateError,
     "2026-child-a already has recommendation R1; choose another --id"),
    (_nothing, lambda r, d: recording_actions.add_action(r, d, "R1", agency="Police", due=TODAY, text="x", on=TODAY,
                                                         today=TODAY, by=BY), UsageError,
     "2026-child-a has no recommendations yet; record one with 'cspr recommend add 2026-child-a TEXT'"),
    (_with_action, lambda r, d: recording_actions.add_action(r, d, "R2", agency="Police", due=TODAY, text="x",
                                                             on=TODAY, today=TODAY, by=BY), UsageError,
     "2026-child-a has no recommendation 'R2'; it has R1"),
    (_two_recommendations, lambda r, d: recording_actions.add_action(r, d, "R3", agency="Police", due=TODAY,
                                                                     text="x", on=TODAY, today=TODAY, by=BY),
     UsageError, "2026-child-a has no recommendation 'R3'; it has R1, R2"),
    (_with_action, lambda r, d: recording_actions.add_action(r, d, "R1", agency="Police", due=TODAY, text=" ",
                                                             on=TODAY, today=TODAY, by=BY), UsageError,
     "TEXT is empty; say what it is in words"),
    (_with_action, lambda r, d: recording_actions.add_action(r, d, "R1", agency="Police", due=TODAY, text="x",
                                                             on=D(2026, 12, 1), today=TODAY, by=BY), UsageError,
     "--on 2026-12-01 is in the future; an action's agreement can only be recorded once it has happened"),
    (_with_action, lambda r, d: recording_actions.add_action(r, d, "R1", agency="Police", due=D(2026, 11, 1),
                                                             text="x", on=TODAY, today=TODAY, by=BY), UsageError,
     "--due 2026-11-01 is before the action was agreed (2026-11-27); check the date"),
    (_nothing, lambda r, d: recording_actions.update_action(r, d, "R1.1", status="open", note=None, on=TODAY,
                                                            today=TODAY, by=BY), UsageError,
     "2026-child-a has no actions yet; add one with 'cspr action add 2026-child-a REC ...'"),
    (_with_action, lambda r, d: recording_actions.update_action(r, d, "R1.2", status="open", note=None, on=TODAY,
                                                                today=TODAY, by=BY), UsageError,
     "2026-child-a has no action 'R1.2'; did you mean 'R1.1'? 'cspr actions 2026-child-a' lists them"),
    (_with_action, lambda r, d: recording_actions.update_action(r, d, "Q9", status="open", note=None, on=TODAY,
                                                                today=TODAY, by=BY), UsageError,
     "2026-child-a has no action 'Q9'; 'cspr actions 2026-child-a' lists them"),
    (_with_action, lambda r, d: recording_actions.update_action(r, d, "R1.1", status="done", note=None, on=TODAY,
                                                                today=TODAY, by=BY), UsageError,
     "--status 'done' is not a status; use one of not-started, open, in-progress, complete"),
    (_with_action, lambda r, d: recording_actions.update_action(r, d, "R1.1", status="open", note=None,
                                                                on=D(2026, 12, 1), today=TODAY, by=BY), UsageError,
     "--on 2026-12-01 is in the future; an update can only be recorded once it has happened"),
    (_with_action, lambda r, d: recording_actions.update_action(r, d, "R1.1", status="open", note=None,
                                                                on=D(2026, 10, 31), today=TODAY, by=BY), UsageError,
     "--on 2026-10-31 is before R1.1's last update (2026-11-01); updates are kept in date order"),
    (_with_action, lambda r, d: recording_actions.update_action(r, d, "R1.1", status="complete", note="  ",
                                                                on=TODAY, today=TODAY, by=BY), UsageError,
     "--note is needed to mark an action complete: say what shows it is done (the evidence)"),
]


@pytest.mark.parametrize(("given", "change", "error", "message"), REFUSALS)
def test_a_refused_change_says_exactly_why_and_changes_nothing(given, change, error, message):
    document = given(new_document())
    before = dump_document(document)
    with pytest.raises(error) as caught:
        _apply(document, change)
    assert error_text(caught.value) == message
    assert dump_document(document) == before


def test_an_amended_completion_replaces_date_and_note():
    document = _decided(_completed(new_document()))
    summary = _apply(document, lambda r, d: recording.complete(
        PROCESS, r, d, "notification", on=D(2026, 4, 8), today=TODAY, by=BY, amend=True))
    assert summary == "notification amended (done on Wed 8 Apr 2026)"
    assert "  notification:\n    done: 2026-04-08\n    by: Officer One\n    note:\n" in dump_document(document)
    summary = _apply(document, lambda r, d: recording.complete(
        PROCESS, r, d, "agency-responses", on=D(2026, 5, 2), today=TODAY, by=BY, agency="Police", amend=True))
    assert summary == "agency-responses confirmed by Police on Sat 2 May 2026"


def test_put_and_append_work_on_plain_values_too():
    mapping, sequence = {"a": 1}, [1]
    put(mapping, "b", [2])
    append(sequence, {"c": 3})
    assert mapping == {"a": 1, "b": [2]} and sequence == [1, {"c": 3}]


def test_an_action_may_name_agencies_known_to_the_review_or_workspace_first_spelling_first():
    review = parse_review(_with_action(new_document()))
    known = recording_actions.known_agencies(review, ["health", "Schools"])
    assert known == ["Police", "Health", "Schools"]
    assert recording_actions.owning_agency(" schools ", known, new_agency=False) == "Schools"
    assert recording_actions.owning_agency("Youth  Offending", known, new_agency=True) == "Youth Offending"


@pytest.mark.parametrize(("name", "message"), [
    ("Polise", "--agency 'Polise' is not an agency known to this review or workspace; did you mean 'Police'? "
               "known: Police, Health. Add --new-agency to record an agency from outside the review"),
    ("Zzz", "--agency 'Zzz' is not an agency known to this review or workspace; "
            "known: Police, Health. Add --new-agency to record an agency from outside the review"),
    (" ", "--agency is empty; say what it is in words"),
])
def test_an_unknown_agency_needs_new_agency(name, message):
    with pytest.raises(UsageError) as caught:
        recording_actions.owning_agency(name, ["Police", "Health"], new_agency=False)
    assert error_text(caught.value) == message
    with pytest.raises(UsageError) as caught:
        recording_actions.owning_agency("Zzz", [], new_agency=False)
    assert "known: none." in error_text(caught.value)


def test_the_notes_file_in_full():
    assert notes_text("Child A", "2026-child-a") == (
        "# Child A (2026-child-a): notes\n\n"
        "Working notes for the business unit. Pseudonyms only: never a real name, address or\n"
        "school. Restricted terms belong in private/restricted-terms.txt, which git ignores.\n"
    )


def test_amending_what_was_never_recorded_records_it():
    document = new_document()
    assert _apply(document, lambda r, d: recording.complete(
        PROCESS, r, d, "notification", on=D(2026, 4, 7), today=TODAY, by=BY, amend=True)) == (
        "notification completed on Tue 7 Apr 2026")


def test_a_closing_reason_is_said_back_in_plain_words():
    document = new_document()
    assert _apply(document, lambda r, d: recording.close(r, d, " Merged  with\n2026-child-b ", on=TODAY, today=TODAY,
                                                         by=BY)) == "closed on Fri 27 Nov 2026: Merged with 2026-child-b"


HAND_WRITTEN = {  # a review written by hand, without the blocks `cspr new` lays out
    "id": "2026-child-a", "child": "Child A", "aware": D(2026, 4, 1), "agencies": ["Police", "Health"],
    "decision": {"track": "local", "on": D(2026, 4, 20)},
    "stages": {"progress-check": {"occurrences": None}},
    "recommendations": {"R1": {"text": "Share records", "actions": {
        "R1.1": {"agency": "Police", "due": D(2027, 1, 31), "text": "Alerts"}}}},
}


def test_changes_to_a_hand_written_review_make_the_blocks_they_need():
    import copy

    for document in (copy.deepcopy(HAND_WRITTEN), parse_text(dump_document(copy.deepcopy(HAND_WRITTEN)), "r.yaml")):
        _apply(document, lambda r, d: recording.complete(
            PROCESS, r, d, "progress-check", on=D(2026, 5, 20), today=TODAY, by=BY, outstanding=(D(2026, 5, 20),)))
        with pytest.raises(UsageError, match=r"still to confirm: Police, Health\)$"):
            _apply(document, lambda r, d: recording.complete(
                PROCESS, r, d, "agency-responses", on=TODAY, today=TODAY, by=BY))
        _apply(document, lambda r, d: recording.complete(
            PROCESS, r, d, "agency-responses", on=D(2026, 5, 1), today=TODAY, by=BY, agency="Health"))
        _apply(document, lambda r, d: recording_actions.update_action(
            r, d, "R1.1", status="open", note=None, on=TODAY, today=TODAY, by=BY))
        review = parse_review(document)
        assert [(o.due, o.done) for o in review.occurrences["progress-check"]] == [(D(2026, 5, 20), D(2026, 5, 20))]
        assert review.agency_completions["agency-responses"]["Health"].done == D(2026, 5, 1)
        assert [(u.on, u.status) for u in review.actions[0].updates] == [(TODAY, "open")]


def test_a_comment_after_a_list_of_names_stays_after_the_list_when_one_is_added():
    document = parse_text(
        "id: 2026-child-a\nchild: Child A\naware: 2026-04-01\n"
        "agencies:\n  - Police\n  - Health\n# Themes agreed at the rapid review\n"
        "themes:\n  - neglect\n\n# Set by `cspr decide`.\ndecision:\n", "review.yaml")
    assert _apply(document, lambda r, d: recording.add_agency(r, d, "Schools")) == "agency added: Schools"
    assert _apply(document, lambda r, d: recording.add_theme(r, d, "domestic abuse")) == "theme added: domestic abuse"
    assert dump_document(document) == (
        "id: 2026-child-a\nchild: Child A\naware: 2026-04-01\n"
        "agencies:\n  - Police\n  - Health\n  - Schools\n# Themes agreed at the rapid review\n"
        "themes:\n  - neglect\n  - domestic abuse\n\n# Set by `cspr decide`.\ndecision:\n")


def test_a_new_review_has_a_block_for_every_stage_of_the_process_but_the_decision():
    from tests.helpers.domain import PROCESS as DEFAULT

    text = new_review_text(DEFAULT, "2026-child-a", "Child A", D(2026, 4, 1), looked_after=True)
    assert "\nlooked_after: true\n" in text
    document = parse_text(text, "review.yaml")
    assert list(document["stages"]) == [stage.key for stage in DEFAULT.stages if stage.key != "decision"]
    assert parse_review(document).looked_after


def test_agencies_and_themes_are_added_to_a_review_written_without_them():
    document = {"id": "2026-child-a", "child": "Child A", "aware": D(2026, 4, 1), "themes": None}
    assert _apply(document, lambda r, d: recording.add_agency(r, d, "Police")) == "agency added: Police"
    assert _apply(document, lambda r, d: recording.add_theme(r, d, "neglect")) == "theme added: neglect"
    assert (document["agencies"], document["themes"]) == (["Police"], ["neglect"])
