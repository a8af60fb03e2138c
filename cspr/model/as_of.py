"""A review as its record stood on a day: everything dated after that day left out. Pure.

`--as-of DATE` judges a review by what its record said was true on DATE: a completion, an
agency's confirmation, a recurring check, the decision, a hold or its end, a closure, a
withholding and an action's updates all carry the date they happened, and those after DATE
are dropped; a review the local authority was not yet aware of is not known at all.

Some facts carry no date of their own, and are kept: the dates agreed in the review's timeline
(`plans`, `intervals`), whether the child is looked after, and a recommendation with no actions.
Only the record as committed (`--as-recorded`, read from git) can say when those were written.
An action counts from its first update (`cspr action add` records the day it was agreed); a
recommendation whose actions were all agreed after DATE is left out with them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from cspr.model.review import Action, Hold, Recommendation, Review


def review_as_of(review: Review, day: dt.date) -> Review | None:
    """The review as its record stood at the end of `day`; None when it was not yet known."""
    if review.aware > day:
        return None
    if latest_date(review) <= day:
        return review  # nothing to leave out: the common case for today's reports
    decision = review.decision if review.decision and review.decision.on <= day else None
    completions = {key: c for key, c in review.completions.items() if c.done <= day}
    agency_completions = {
        key: {agency: c for agency, c in confirmed.items() if c.done <= day}
        for key, confirmed in review.agency_completions.items()
    }
    occurrences = {key: tuple(o for o in found if o.done <= day) for key, found in review.occurrences.items()}
    holds = tuple(
        hold if hold.end is None or hold.end <= day else Hold(hold.reason, hold.start, None)
        for hold in review.holds if hold.start <= day
    )
    recommendations = []
    for rec in review.recommendations:
        actions = tuple(a for a in (_action_as_of(a, day) for a in rec.actions) if a is not None)
        if rec.actions and not actions:
            continue
        recommendations.append(Recommendation(rec.key, rec.text, actions))
    return dataclasses.replace(
        review,
        decision=decision,
        completions=completions,
        agency_completions=agency_completions,
        occurrences=occurrences,
        holds=holds,
        closed=review.closed if review.closed and review.closed.on <= day else None,
        withheld=review.withheld if review.withheld and review.withheld.on <= day else None,
        recommendations=tuple(recommendations),
    )


def _action_as_of(action: Action, day: dt.date) -> Action | None:
    if action.updates and action.updates[0].on > day:
        return None  # agreed after the day
    return dataclasses.replace(action, updates=tuple(u for u in action.updates if u.on <= day))


def latest_date(review: Review) -> dt.date:
    """The latest date anywhere in the record's dated facts."""
    days = [review.aware]
    if review.decision:
        days.append(review.decision.on)
    days += [c.done for c in review.completions.values()]
    days += [c.done for confirmed in review.agency_completions.values() for c in confirmed.values()]
    days += [o.done for found in review.occurrences.values() for o in found]
    days += [h.end or h.start for h in review.holds]
    if review.closed:
        days.append(review.closed.on)
    if review.withheld:
        days.append(review.withheld.on)
    days += [u.on for action in review.actions for u in action.updates]
    return max(days)
