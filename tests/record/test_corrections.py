"""Corrections applied to a review's document (`cspr uncomplete`, `skip`, `agency`, `theme`,
`action update --due/--agency/--text`, `recommend --edit/--remove`): what each records and what
each refuses, message and all. Pure: the document `cspr new` writes, in memory (the commands
end to end are tests/cli/test_corrections.py's)."""

from __future__ import annotations

import datetime as dt

import pytest

from cspr.cli.output import error_text  # the message as the officer reads it
from cspr.errors import StateError, UsageError
from cspr.model.deadlines import ReviewSchedule
from cspr.model.process import parse_process
from cspr.model.review import ActionChange, Skip, parse_review
from cspr.record import actions as recording_actions
from cspr.record import stages as recording
from cspr.record.new_review import new_review_text
from cspr.storage.bank_holidays import calendar_for
from cspr.storage.yamlio import parse_text
from tests.record.test_tracker_rows import PROCESS

D = dt.date
TODAY = D(2026, 11, 27)
BY = "Officer One"


def review(document):
    return parse_review(document, "2026-child-a")


@pytest.fixture
def document():
    """Decided local on 28 Apr; notified 10 Apr; Police confirmed agency responses on 1 Jun; the
    progress check due 28 May done 2 Jun; a recommendation with one action, agreed 1 Nov."""
    doc = parse_text(new_review_text(PROCESS, "2026-child-a", "Child A", D(2026, 4, 1), agencies=["Police", "Health"],
                                     themes=["neglect"]), "review.yaml")
    recording.decide(PROCESS, review(doc), doc, "local", on=D(2026, 4, 28), today=TODAY, by=BY)
    recording.complete(PROCESS, review(doc), doc, "notification", on=D(2026, 4, 10), today=TODAY, by=BY)
    recording.complete(PROCESS, review(doc), doc, "agency-responses", on=D(2026, 6, 1), today=TODAY, by=BY,
                       agency="Police")
    state = ReviewSchedule(PROCESS, review(doc), calendar_for("england"), TODAY).state("progress-check")
    recording.complete(PROCESS, review(doc), doc, "progress-check", on=D(2026, 6, 2), today=TODAY, by=BY,
                       outstanding=state.outstanding)
    recording_actions.recommend(review(doc), doc, "Share records.")
    recording_actions.add_action(review(doc), doc, "R1", text="Alert on missed appointments", agency="Police",
                                 due=D(2027, 1, 31), on=D(2026, 11, 1), today=TODAY, by=BY)
    return doc


def refused(kind, call) -> str:
    with pytest.raises(kind) as caught:
        call()
    return str(caught.value)


def test_a_completion_is_taken_back_with_the_reason(document):
    assert recording.uncomplete(PROCESS, review(document), document, "notification", reason="  wrong   day ") == (
        "notification completion (on Fri 10 Apr 2026) taken back: wrong day")
    assert "notification" not in review(document).completions
    assert refused(StateError, lambda: recording.uncomplete(PROCESS, review(document), document, "notification",
                                                            reason="again")) == (
        "notification is not recorded as complete for 2026-child-a, so there is nothing to take back")


def test_an_agencys_confirmation_is_taken_back_by_naming_the_agency(document):
    uncomplete = recording.uncomplete
    assert refused(UsageError, lambda: uncomplete(PROCESS, review(document), document, "agency-responses",
                                                  reason="x")) == (
        "agency-responses is confirmed agency by agency; name the one with --agency (confirmed: Police)")
    assert refused(StateError, lambda: uncomplete(PROCESS, review(document), document, "agency-responses",
                                                  reason="x", agency="health")) == (
        "Health has not confirmed agency-responses, so there is nothing to take back")
    assert refused(UsageError, lambda: uncomplete(PROCESS, review(document), document, "agency-responses",
                                                  reason="x", agency="Education")) == (
        "'Education' is not taking part in 2026-child-a; agencies taking part: Police, Health")
    assert uncomplete(PROCESS, review(document), document, "agency-responses", reason="x", agency="POLICE") == (
        "agency-responses confirmation by Police (on Mon 1 Jun 2026) taken back: x")
    assert dict(review(document).agency_completions["agency-responses"]) == {}


def test_a_recurring_checks_occurrence_is_taken_back(document):
    assert refused(UsageError, lambda: recording.uncomplete(PROCESS, review(document), document, "progress-check",
                                                            reason="x", agency="Police")) == (
        "--agency is for per-agency stages; progress-check is a recurring check")
    assert recording.uncomplete(PROCESS, review(document), document, "progress-check", reason="x") == (
        "progress-check (due Thu 28 May 2026, done Tue 2 Jun 2026) taken back: x")
    assert review(document).occurrences["progress-check"] == ()


@pytest.mark.parametrize(("options", "message"), [
    ({"occurrence": D(2026, 5, 28)}, "--occurrence is for recurring stages, and notification is not one"),
    ({"agency": "Police"}, "--agency is only for per-agency stages, and notification is not one"),
    ({"reason": " "}, "--reason is empty; say why, in words (it goes into the audit trail)"),
])
def test_taking_back_is_refused_with_what_to_do(document, options, message):
    options = {"reason": "x", **options}
    assert refused(UsageError, lambda: recording.uncomplete(PROCESS, review(document), document, "notification",
                                                            **options)) == message


def test_an_optional_stage_is_marked_not_needed_and_that_can_be_taken_back(document):
    assert refused(UsageError, lambda: recording.skip(PROCESS, review(document), document, "notification", reason="x",
                                                      on=D(2026, 5, 1), today=TODAY, by=BY)) == (
        "notification is not optional, so it cannot be skipped; optional stages: panel-response, practitioner-briefing")
    assert recording.skip(PROCESS, review(document), document, "panel-response", reason=" Panel   review ",
                          on=D(2026, 5, 1), today=TODAY, by=BY) == "panel-response not needed (Panel review)"
    assert dict(review(document).skipped) == {"panel-response": Skip(D(2026, 5, 1), "Panel review", BY)}
    assert refused(StateError, lambda: recording.skip(PROCESS, review(document), document, "panel-response",
                                                      reason="x", on=D(2026, 5, 2), today=TODAY, by=BY)) == (
        "panel-response was already marked not needed on 2026-05-01")
    assert recording.uncomplete(PROCESS, review(document), document, "panel-response", reason="after all") == (
        "panel-response no longer marked not needed (after all)")
    assert dict(review(document).skipped) == {}


def test_a_stage_already_recorded_cannot_be_marked_not_needed(document):
    recording.complete(PROCESS, review(document), document, "panel-response", on=D(2026, 5, 1), today=TODAY, by=BY)
    assert refused(StateError, lambda: recording.skip(PROCESS, review(document), document, "panel-response",
                                                      reason="x", on=D(2026, 5, 2), today=TODAY, by=BY)) == (
        "panel-response is already recorded; take that back first with "
        "'cspr uncomplete 2026-child-a panel-response --reason TEXT'")


def test_agencies_and_themes_are_added_and_removed_in_any_case(document):
    assert recording.add_agency(review(document), document, "  Local   authority ") == "agency added: Local authority"
    assert refused(StateError, lambda: recording.add_agency(review(document), document, "police")) == (
        "Police already takes part in 2026-child-a")
    assert refused(UsageError, lambda: recording.add_agency(review(document), document, " ")) == (
        "NAME is empty; give the agency's name")
    assert recording.remove_agency(review(document), document, "HEALTH") == "agency removed: Health"
    assert review(document).agencies == ("Police", "Local authority")
    assert recording.add_theme(review(document), document, "  domestic   abuse ") == "theme added: domestic abuse"
    assert refused(StateError, lambda: recording.add_theme(review(document), document, "Neglect")) == (
        "2026-child-a already has the theme 'neglect'")
    assert refused(UsageError, lambda: recording.add_theme(review(document), document, "")) == (
        "THEME is empty; give the theme, such as 'neglect'")
    assert recording.remove_theme(review(document), document, "DOMESTIC  abuse") == "theme removed: domestic abuse"
    assert refused(UsageError, lambda: recording.remove_theme(review(document), document, "none")) == (
        "2026-child-a has no theme 'none'; its themes: neglect")
    assert review(document).themes == ("neglect",)


def test_an_agency_that_confirmed_a_stage_is_not_removed(document):
    message = refused(StateError, lambda: recording.remove_agency(review(document), document, "police"))
    assert "agency-responses" in message and "Police" in message
    assert review(document).agencies == ("Police", "Health")


def change(document, **what):
    what = {"status": None, "note": None, **what}
    return recording_actions.update_action(review(document), document, "R1.1", on=D(2026, 11, 20), today=TODAY, by=BY,
                                           **what)


def test_what_an_action_agreed_is_corrected_and_the_earlier_values_kept(document):
    assert change(document, due=D(2027, 3, 31), reason="  Supplier   late ", agency="Health", text=" Alerts on GP ") == (
        "action R1.1 (Health) due Sun 31 Jan 2027 -> Wed 31 Mar 2027, owner Police -> Health, text changed: "
        "Supplier late")
    action = review(document).actions[0]
    assert (action.due, action.agency, action.text) == (D(2027, 3, 31), "Health", "Alerts on GP")
    assert action.changes == (ActionChange(D(2026, 11, 20), "Supplier late", BY, D(2027, 1, 31), "Police",
                                           "Alert on missed appointments"),)
    assert change(document, agency="Health", text="Alerts on GP") == "action R1.1 (Health) unchanged"
    assert change(document, text="Alerts on GP records") == "action R1.1 (Health) text changed"
    assert review(document).actions[0].changes[1] == ActionChange(D(2026, 11, 20), None, BY, text="Alerts on GP")


@pytest.mark.parametrize(("what", "message"), [
    ({"due": D(2027, 3, 31)}, "--due needs --reason TEXT: why the action was given longer (it is kept with the old date)"),
    ({"due": D(2027, 3, 31), "reason": " "},
     "--due needs --reason TEXT: why the action was given longer (it is kept with the old date)"),
    ({"due": D(2026, 10, 1), "reason": "x"}, "2026-10-01 is before the action was agreed (2026-11-01); check the date"),
    ({"reason": "x"}, "say what changed: --status (progress), or --due, --agency or --text (a correction)"),
])
def test_a_correction_of_an_action_is_refused_with_what_to_do(document, what, message):
    assert refused(UsageError, lambda: change(document, **what)) == message
    assert review(document).actions[0].changes == ()


def test_a_recommendation_is_edited_or_removed_with_a_reason(document):
    recording_actions.recommend(review(document), document, "Check plans.")
    assert recording_actions.edit_recommendation(review(document), document, "R2", "  Check   plans at visits ")
    assert review(document).recommendations[1].text == "Check plans at visits"
    assert recording_actions.remove_recommendation(review(document), document, "R2", reason="made twice")
    assert [r.key for r in review(document).recommendations] == ["R1"]
    with pytest.raises(StateError):
        recording_actions.remove_recommendation(review(document), document, "R1", reason="x")


def complete_check(document, on):
    state = ReviewSchedule(PROCESS, review(document), calendar_for("england"), TODAY).state("progress-check")
    return recording.complete(PROCESS, review(document), document, "progress-check", on=on, today=TODAY, by=BY,
                              outstanding=state.outstanding)


def amend_check(document, **what):
    options = {"on": None, "note": None, **what}
    return recording.complete(PROCESS, review(document), document, "progress-check", today=TODAY, by=BY, amend=True,
                              **options)


def test_a_recurring_checks_occurrence_is_amended_the_latest_unless_one_is_named(document):
    complete_check(document, D(2026, 6, 29))  # the check due 28 Jun
    assert amend_check(document, note="At the subgroup") == (
        "progress-check (due Sun 28 Jun 2026) amended (note: At the subgroup)")
    assert amend_check(document, on=D(2026, 6, 3), occurrence=D(2026, 5, 28)).startswith(
        "progress-check (due Thu 28 May 2026) amended (")
    assert amend_check(document, on=D(2026, 6, 30), occurrence=D(2026, 6, 29)).startswith(
        "progress-check (due Sun 28 Jun 2026) amended (")
    checks = review(document).occurrences["progress-check"]
    assert [(o.due, o.done, o.note) for o in checks] == [(D(2026, 5, 28), D(2026, 6, 3), None),
                                                         (D(2026, 6, 28), D(2026, 6, 30), "At the subgroup")]


def test_amending_an_occurrence_is_refused_when_it_cannot_be_found_or_would_repeat_a_day(document):
    assert refused(UsageError, lambda: amend_check(document, note="x", occurrence=D(2026, 7, 1))) == (
        "--occurrence 2026-07-01 matches no recorded occurrence of progress-check; recorded: 2026-05-28 (done 2026-06-02)")
    complete_check(document, D(2026, 6, 29))
    assert refused(StateError, lambda: amend_check(document, on=D(2026, 6, 2))) == (
        "progress-check was already recorded on 2026-06-02; choose the occurrence with --occurrence")
    recording.uncomplete(PROCESS, review(document), document, "progress-check", reason="x")
    recording.uncomplete(PROCESS, review(document), document, "progress-check", reason="x")
    assert refused(StateError, lambda: amend_check(document, note="x")) == (
        "no occurrence of progress-check is recorded for 2026-child-a, so there is nothing to change")


# -- the details of each correction's summary and refusals ---------------------------------------

def test_a_note_is_taken_away_with_an_empty_note_and_the_summary_says_what_changed(document):
    recording.complete(PROCESS, review(document), document, "notification", on=D(2026, 4, 11), today=TODAY, by=BY,
                       note="Sent", amend=True)
    assert document["stages"]["notification"]["note"] == "Sent"
    assert recording.complete(PROCESS, review(document), document, "notification", on=None, today=TODAY, by=BY,
                              note=" ", amend=True) == "notification amended (note removed)"
    assert "note" not in document["stages"]["notification"] and review(document).completions["notification"].note is None
    # a note already gone stays gone
    assert recording.complete(PROCESS, review(document), document, "notification", on=D(2026, 4, 12), today=TODAY,
                              by=BY, note="", amend=True) == "notification amended (done on Sun 12 Apr 2026; note removed)"
    assert amend_check(document, on=D(2026, 6, 3), note="At the subgroup") == (
        "progress-check (due Thu 28 May 2026) amended (done on Wed 3 Jun 2026; note: At the subgroup)")


def test_a_recurring_checks_occurrence_named_by_its_date_is_the_one_taken_back(document):
    complete_check(document, D(2026, 6, 29))  # the check due 28 Jun
    assert refused(UsageError, lambda: recording.uncomplete(PROCESS, review(document), document, "progress-check",
                                                            reason="x", occurrence=D(2026, 7, 1))) == (
        "--occurrence 2026-07-01 matches no recorded occurrence of progress-check; "
        "recorded: 2026-05-28 (done 2026-06-02), 2026-06-28 (done 2026-06-29)")
    assert recording.uncomplete(PROCESS, review(document), document, "progress-check", reason="x",
                                occurrence=D(2026, 6, 2)) == (
        "progress-check (due Thu 28 May 2026, done Tue 2 Jun 2026) taken back: x")
    assert [o.due for o in review(document).occurrences["progress-check"]] == [D(2026, 6, 28)]


def test_which_agencies_confirmed_is_said_when_none_is_named(document):
    recording.complete(PROCESS, review(document), document, "agency-responses", on=D(2026, 6, 2), today=TODAY, by=BY,
                       agency="Health")
    assert refused(UsageError, lambda: recording.uncomplete(PROCESS, review(document), document, "agency-responses",
                                                            reason="x")) == (
        "agency-responses is confirmed agency by agency; name the one with --agency (confirmed: Police, Health)")
    for agency in ("Police", "Health"):
        recording.uncomplete(PROCESS, review(document), document, "agency-responses", reason="x", agency=agency)
    assert refused(UsageError, lambda: recording.uncomplete(PROCESS, review(document), document, "agency-responses",
                                                            reason="x")) == (
        "agency-responses is confirmed agency by agency; name the one with --agency (confirmed: none)")


def test_a_per_agency_stage_completed_once_for_a_review_without_agencies_is_taken_back_whole():
    doc = {"id": "2026-child-a", "child": "Child A", "aware": D(2026, 4, 1),
           "decision": {"track": "local", "on": D(2026, 4, 28), "by": BY}}
    assert recording.complete(PROCESS, review(doc), doc, "agency-responses", on=D(2026, 6, 1), today=TODAY, by=BY) == (
        "agency-responses completed on Mon 1 Jun 2026")
    assert recording.uncomplete(PROCESS, review(doc), doc, "agency-responses", reason="x") == (
        "agency-responses completion (on Mon 1 Jun 2026) taken back: x")
    assert doc["stages"] == {}


OPTIONAL = parse_process({  # optional stages that recur, or that each agency confirms
    "tracks": {"local": "Local review"},
    "stages": [
        {"key": "notification", "title": "Notified", "owner": "Local authority", "due": "5 working days after aware"},
        {"key": "visits", "title": "Visits", "owner": "Agencies", "optional": True, "per_agency": True},
        {"key": "audits", "title": "Audits", "owner": "Agencies", "optional": True, "per_agency": True},
        {"key": "check", "title": "Checked", "owner": "Subgroup", "optional": True,
         "every": "1 month from aware until notification"},
    ],
})
PLAIN = parse_process({"tracks": {"local": "Local review"}, "stages": [
    {"key": "notification", "title": "Notified", "owner": "Local authority", "due": "5 working days after aware"}]})


def optional_review(**fields):
    return {"id": "2026-child-a", "child": "Child A", "aware": D(2026, 4, 1), "agencies": ["Police", "Health"],
            **fields}


@pytest.mark.parametrize("stages", [
    {"visits": {"agencies": {"Police": {"done": D(2026, 5, 1)}}}},
    {"check": {"occurrences": [{"due": D(2026, 5, 1), "done": D(2026, 5, 1)}]}},
], ids=["an agency confirmed it", "an occurrence recorded"])
def test_an_optional_stage_partly_recorded_cannot_be_marked_not_needed(stages):
    doc = optional_review(stages=stages)
    key = next(iter(stages))
    assert refused(StateError, lambda: recording.skip(OPTIONAL, review(doc), doc, key, reason="x", on=D(2026, 5, 2),
                                                      today=TODAY, by=BY)) == (
        f"{key} is already recorded; take that back first with 'cspr uncomplete 2026-child-a {key} --reason TEXT'")


def test_a_stage_is_marked_not_needed_only_once_it_is_decided():
    doc = optional_review()
    assert refused(UsageError, lambda: recording.skip(OPTIONAL, review(doc), doc, "visits", reason="x",
                                                      on=TODAY + dt.timedelta(days=1), today=TODAY, by=BY)) == (
        "2026-11-28 is in the future; a decision that a stage is not needed can only be recorded once it has happened")
    assert recording.skip(OPTIONAL, review(doc), doc, "visits", reason="x", on=TODAY, today=TODAY, by=BY) == (
        "visits not needed (x)")
    assert refused(UsageError, lambda: recording.skip(PLAIN, review(doc), doc, "notification", reason="x", on=TODAY,
                                                      today=TODAY, by=BY)) == (
        "notification is not optional, so it cannot be skipped; optional stages: none")


def test_an_agency_is_removed_only_once_it_has_confirmed_nothing_and_owns_no_action():
    doc = optional_review(stages={"visits": {"agencies": {"Police": {"done": D(2026, 5, 1)}}},
                                  "audits": {"agencies": {"Police": {"done": D(2026, 5, 2)}}}},
                          recommendations={"R1": {"text": "Share records", "actions": {
                              key: {"agency": "Health", "due": D(2027, 1, 31), "text": "Alerts"}
                              for key in ("R1.1", "R1.2")}}})
    assert refused(StateError, lambda: recording.remove_agency(review(doc), doc, "police")) == (
        "Police has confirmed visits, audits for 2026-child-a; take that back first with "
        "'cspr uncomplete 2026-child-a visits --agency \"Police\" --reason TEXT'")
    assert refused(StateError, lambda: recording.remove_agency(review(doc), doc, "HEALTH")) == (
        "Health owns action R1.1, R1.2 of 2026-child-a; give it to another agency first with "
        "'cspr action update 2026-child-a R1.1 --agency NAME --reason TEXT'")
    doc["agencies"].append("Schools")
    assert refused(UsageError, lambda: recording.remove_agency(review(doc), doc, "schools", reason=" ")) == (
        "--reason is empty; say why, in words (it goes into the audit trail)")
    assert recording.remove_agency(review(doc), doc, "schools", reason=" added  in error ") == (
        "agency removed: Schools (added in error)")
    assert doc["agencies"] == ["Police", "Health"]


def test_a_theme_not_there_is_refused_naming_the_themes_there_are():
    doc = optional_review(themes=["neglect", "domestic abuse"])
    assert refused(UsageError, lambda: recording.remove_theme(review(doc), doc, "abuse")) == (
        "2026-child-a has no theme 'abuse'; its themes: neglect, domestic abuse")
    doc = optional_review()
    assert refused(UsageError, lambda: recording.remove_theme(review(doc), doc, "neglect")) == (
        "2026-child-a has no theme 'neglect'; its themes: none")


# -- recommendations and actions: the details -----------------------------------------------------

def test_a_recommendation_removed_or_edited_says_so_and_needs_words(document):
    recording_actions.recommend(review(document), document, "Check plans.")
    assert refused(UsageError, lambda: recording_actions.edit_recommendation(review(document), document, "r2", " ")) == (
        "TEXT is empty; say what it is in words")
    assert recording_actions.edit_recommendation(review(document), document, "r2", "Check  plans at visits") == (
        "recommendation R2 now reads: Check plans at visits")
    assert refused(UsageError, lambda: recording_actions.remove_recommendation(
        review(document), document, "R2", reason="  ")) == "--reason is empty; say what it is in words"
    assert recording_actions.remove_recommendation(review(document), document, "r2", reason=" made  twice") == (
        "recommendation R2 removed (Check plans at visits): made twice")


def test_a_recommendation_answered_by_actions_stays(document):
    recording_actions.add_action(review(document), document, "R1", text="Audit", agency="Health", due=D(2027, 1, 31),
                                 on=D(2026, 11, 1), today=TODAY, by=BY)
    assert refused(StateError, lambda: recording_actions.remove_recommendation(
        review(document), document, "R1", reason="x")) == (
        "recommendation R1 has actions (R1.1, R1.2); they answer it, so it stays. Correct its words with "
        "'cspr recommend edit 2026-child-a R1 TEXT'")


@pytest.mark.parametrize(("keys", "following"), [
    (("4.1.1", "4.1.2"), "4.1.3"),  # a hand-written recommendation numbered after the report's section
    (("1", "3"), "4.1.4"),  # hand-written actions numbered without the recommendation's
    (("Audit", "4.1.a"), "4.1.1"),  # names, not numbers
])
def test_the_next_action_of_a_hand_written_recommendation_follows_the_highest_number(keys, following):
    doc = optional_review(recommendations={"4.1": {"text": "Share records", "actions": {
        key: {"agency": "Police", "due": D(2027, 1, 31), "text": "Alerts"} for key in keys}}})
    assert recording_actions.add_action(review(doc), doc, "4.1", text="Audit", agency="Police", due=D(2027, 1, 31),
                                        on=D(2026, 11, 1), today=TODAY, by=BY) == (
        f"action {following} for Police, due Sun 31 Jan 2027: Audit")
    assert [a.key for a in review(doc).actions] == [*keys, following]


def test_a_correction_and_progress_are_said_back_together(document):
    assert change(document, agency="Health", status="in-progress") == (
        "action R1.1 (Health) owner Police -> Health; not-started -> in-progress on Fri 20 Nov 2026")
    assert change(document, status="in-progress", note="Half done") == "action R1.1 (Health) in-progress on Fri 20 Nov 2026"
    assert refused(UsageError, lambda: change(document, status="complete", note="Done", reason="x")) == (
        "--reason goes with --due, --agency or --text: why what was agreed changed")
    assert refused(UsageError, lambda: change(document, text="  ")) == "--text is empty; say what it is in words"


def test_an_actions_due_date_may_move_back_to_the_day_it_was_agreed_but_not_before(document):
    with pytest.raises(UsageError) as caught:
        change(document, due=D(2026, 10, 31), reason="x")
    assert error_text(caught.value) == "--due 2026-10-31 is before the action was agreed (2026-11-01); check the date"
    assert change(document, due=D(2026, 11, 1), reason="sooner") == (
        "action R1.1 (Police) due Sun 31 Jan 2027 -> Sun 1 Nov 2026: sooner")


def test_an_action_written_by_hand_without_updates_is_given_longer():
    doc = optional_review(recommendations={"R1": {"text": "Share records", "actions": {
        "R1.1": {"agency": "Police", "due": D(2026, 12, 1), "text": "Alerts"}}}})
    assert recording_actions.update_action(review(doc), doc, "R1.1", status=None, note=None, on=D(2026, 11, 20),
                                           today=TODAY, by=BY, due=D(2026, 5, 1), reason="x") == (
        "action R1.1 (Police) due Tue 1 Dec 2026 -> Fri 1 May 2026: x")


def test_progress_may_be_recorded_the_same_day_as_the_last_update(document):
    assert change(document, status="open", note=None) == "action R1.1 (Police) not-started -> open on Fri 20 Nov 2026"
    assert change(document, status="in-progress", note=None) == (
        "action R1.1 (Police) open -> in-progress on Fri 20 Nov 2026")
