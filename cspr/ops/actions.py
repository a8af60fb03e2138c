"""Recommendations and the actions answering them: record them, and list where they stand."""

from __future__ import annotations

import datetime as dt

from cspr.errors import DataError
from cspr.model.actions import ActionState, action_states, states_on
from cspr.ops.judging import cached_facts, schedule_for
from cspr.storage.workspace import Workspace

# The recording functions import the change path (git, the round-trip YAML writer, the record's
# rules) when they run: `cspr actions`, a read, needs none of it (about 25 ms of imports).


def recommend(workspace: Workspace, review_id: str, text: str, *, key: str | None, by: str | None = None) -> str:
    from cspr.ops.stages import record
    from cspr.record import actions as action_plan

    return record(workspace, review_id, by, "recommend",
                  lambda review, doc, who: action_plan.recommend(review, doc, text, key),
                  {"the recommendation's TEXT": text, "--id": key})


def add_action(workspace: Workspace, review_id: str, recommendation: str, text: str, *, agency: str,
               due: dt.date, new_agency: bool, on: dt.date | None, today: dt.date, by: str | None = None) -> str:
    from cspr.ops.stages import record
    from cspr.record import actions as action_plan

    def edit(review, document, who):
        known = action_plan.known_agencies(review, workspace.config.agencies)
        owner = action_plan.owning_agency(agency, known, new_agency=new_agency)
        return action_plan.add_action(review, document, recommendation, agency=owner, due=due, text=text,
                                      on=on or today, today=today, by=who)

    return record(workspace, review_id, by, "action add", edit,
                  {"the action's TEXT": text, "--agency": agency})


def edit_recommendation(workspace: Workspace, review_id: str, key: str, text: str, *, by: str | None = None) -> str:
    from cspr.ops.stages import record
    from cspr.record import actions as action_plan

    return record(workspace, review_id, by, "recommend edit",
                  lambda review, doc, who: action_plan.edit_recommendation(review, doc, key, text),
                  {"the recommendation's TEXT": text})


def remove_recommendation(workspace: Workspace, review_id: str, key: str, *, reason: str, by: str | None = None) -> str:
    from cspr.ops.stages import record
    from cspr.record import actions as action_plan

    return record(workspace, review_id, by, "recommend remove",
                  lambda review, doc, who: action_plan.remove_recommendation(review, doc, key, reason=reason),
                  {"--reason": reason})


def update_action(workspace: Workspace, review_id: str, action_key: str, *, status: str | None, note: str | None,
                  on: dt.date | None, today: dt.date, due: dt.date | None = None, agency: str | None = None,
                  new_agency: bool = False, text: str | None = None, reason: str | None = None,
                  by: str | None = None) -> str:
    from cspr.ops.stages import record
    from cspr.record import actions as action_plan

    def edit(review, document, who):
        owner = None
        if agency is not None:
            known = action_plan.known_agencies(review, workspace.config.agencies)
            owner = action_plan.owning_agency(agency, known, new_agency=new_agency)
        return action_plan.update_action(review, document, action_key, status=status, note=note, on=on or today,
                                         today=today, by=who, due=due, agency=owner, text=text, reason=reason)

    return record(workspace, review_id, by, "action update", edit,
                  {"--note": note, "--text": text, "--agency": agency, "--reason": reason})


def list_actions(workspace: Workspace, review_id: str | None, *, agency: str | None, as_of: dt.date,
                 within: int, show_all: bool, as_recorded: bool = False) -> tuple[list[ActionState], list[DataError]]:
    """The actions of one review (or of every open review, every review with show_all)."""
    errors: list[DataError] = []
    if review_id is not None:
        states = action_states(schedule_for(workspace, review_id, as_of, as_recorded=as_recorded), within)
    else:
        # Each review's actions and assurance series are cached; only the judging is done today.
        from cspr.storage.report_facts import ACTIONS

        found, errors = cached_facts(workspace, ACTIONS, as_of, as_recorded=as_recorded)
        states = [state for actions in found if actions.recommendations and (show_all or not actions.closed)
                  for state in states_on(actions, as_of, within)]
    if agency:
        needle = agency.casefold()
        states = [s for s in states if needle in s.action.agency.casefold()]
    return states, errors
