"""The statutory rules on their own: closures, provisional deadlines, the decision, timelines,
withholding and looked-after children, each with dates worked out by hand."""

from __future__ import annotations

import datetime as dt

from cspr.model.agenda import agenda_for
from cspr.model.as_of import review_as_of
from cspr.model.deadlines import ReviewSchedule
from cspr.model.review import Completion, Decision, Hold, Review, Withholding
from cspr.reports.overdue import items_on
from cspr.storage.bank_holidays import calendar_for
from tests.helpers.domain import ENGLAND, PROCESS

D = dt.date


def schedule(as_of: dt.date, calendar=ENGLAND, needs_timeline_after: int = 20, **fields) -> ReviewSchedule:
    review = Review(id="2026-child-a", child="Child A", aware=fields.pop("aware", D(2026, 4, 1)), **fields)
    return ReviewSchedule(PROCESS, review, calendar, as_of, needs_timeline_after=needs_timeline_after)


def test_a_closure_never_moves_a_statutory_deadline_but_moves_a_local_one():
    closed = calendar_for("england", [D(2026, 4, 9), D(2026, 7, 27)])
    # Aware Wed 1 Apr 2026: 5 working days, Good Friday and Easter Monday skipped: Fri 10 Apr,
    # whatever the partnership's closure on Thu 9 Apr.
    assert schedule(D(2026, 4, 2), closed).state("notification").due == D(2026, 4, 10)
    assert closed.working_days_after(D(2026, 4, 1), 5) == D(2026, 4, 13)  # what a local stage would get
    # Publication planned for Fri 31 Jul 2026; a closure on Mon 27 Jul. The notice to the Panel
    # (statutory): 7 working days before, Wed 22 Jul. The Cabinet Member (local): Tue 21 Jul.
    s = schedule(D(2026, 7, 1), closed, decision=Decision("local", D(2026, 2, 2)), plans={"published": D(2026, 7, 31)})
    assert s.state("pre-publication-notice").due == D(2026, 7, 22)
    assert s.state("cabinet-member-notified").due == D(2026, 7, 21)
    assert s.state("pre-publication-notice").stage.statutory and not s.state("cabinet-member-notified").stage.statutory


def test_a_late_notification_gives_a_provisional_rapid_review_deadline():
    # Aware Fri 16 Sep 2022, no notification yet: rapid review provisionally 15 working days
    # after the notification's deadline (Mon 26 Sep, the state funeral skipped): Mon 17 Oct.
    s = schedule(D(2022, 10, 3), aware=D(2022, 9, 16))
    rapid = s.state("rapid-review")
    assert (rapid.due, rapid.state, rapid.provisional, rapid.counted_from) == (D(2022, 10, 17), "due", True, "notification")
    assert s.state("decision").due == D(2022, 10, 17) and s.state("decision").provisional
    # Notified Wed 21 Sep: 15 working days after it, Wed 12 Oct, no longer provisional.
    s = schedule(D(2022, 10, 3), aware=D(2022, 9, 16), completions={"notification": Completion(D(2022, 9, 21))})
    assert (s.state("rapid-review").due, s.state("rapid-review").provisional) == (D(2022, 10, 12), False)


def test_the_decision_is_due_with_the_rapid_review_and_overdue_after_it():
    # Notified Wed 8 Apr 2026: rapid review due 15 working days later, Wed 29 Apr; done early
    # on Fri 24 Apr, but the decision is still due by 29 Apr, and overdue on 30 Apr.
    done = {"notification": Completion(D(2026, 4, 8)), "rapid-review": Completion(D(2026, 4, 24))}
    s = schedule(D(2026, 4, 30), completions=done)
    decision = s.state("decision")
    assert (decision.due, decision.state, decision.provisional) == (D(2026, 4, 29), "overdue", False)
    items = items_on(agenda_for(s), D(2026, 4, 30), 0)
    assert [(i.stage, i.owner, i.due, i.status, i.days_overdue) for i in items] == [
        ("decision", "Safeguarding partners", D(2026, 4, 29), "overdue", 1)]
    decided = schedule(D(2026, 4, 30), completions=done, decision=Decision("local", D(2026, 4, 30), "Officer One"))
    assert (decided.state("decision").state, decided.state("decision").by) == ("done", "Officer One")


def test_a_local_review_with_no_dates_needs_a_timeline():
    # Decided Mon 2 Feb 2026, no panel and no plan: 20 working days later is Mon 2 Mar 2026.
    decided = Decision("local", D(2026, 2, 2))
    s = schedule(D(2026, 3, 3), decision=decided)
    assert s.needs_timeline.due == D(2026, 3, 2) and s.needs_timeline.stage.key == "panel-confirmed"
    items = [i for i in items_on(agenda_for(s), D(2026, 3, 3), 0) if i.stage == "needs-timeline"]
    assert [(i.owner, i.due, i.status, i.days_overdue) for i in items] == [("Business unit", D(2026, 3, 2), "overdue", 1)]
    assert not [i for i in items_on(agenda_for(s), D(2026, 2, 27), 0) if i.stage == "needs-timeline"]
    # A workspace allowing 10 working days: Mon 16 Feb.
    assert schedule(D(2026, 3, 3), decision=decided, needs_timeline_after=10).needs_timeline.due == D(2026, 2, 16)
    # Once the panel's date is agreed, nothing is needed; nor on the national track.
    assert schedule(D(2026, 3, 3), decision=decided, plans={"panel-confirmed": D(2026, 3, 20)}).needs_timeline is None
    assert schedule(D(2026, 3, 3), decision=Decision("national", D(2026, 2, 2))).needs_timeline is None


def test_a_withheld_report_owes_reasons_by_the_publication_deadline():
    # Decided Mon 2 Feb 2026: publication was due 6 months later, Sun 2 Aug 2026.
    withheld = Withholding(D(2026, 6, 1), "to protect a sibling")
    s = schedule(D(2026, 6, 2), decision=Decision("local", D(2026, 2, 2)), withheld=withheld)
    keys = [x.stage.key for x in s.states]
    assert "published" not in keys and "pre-publication-notice" not in keys and "cabinet-member-notified" not in keys
    reasons = s.state("withheld-reasons-sent")
    assert (reasons.due, reasons.state, reasons.stage.statutory) == (D(2026, 8, 2), "due", True)
    # Sent on 1 Jul: the monthly progress checks (until published) stop there.
    sent = schedule(D(2026, 9, 1), decision=Decision("local", D(2026, 2, 2)), withheld=withheld,
                    completions={"withheld-reasons-sent": Completion(D(2026, 7, 1))})
    assert sent.completed_on("published") == D(2026, 7, 1)
    assert sent.state("progress-check").outstanding[-1] < D(2026, 7, 1)


def test_a_looked_after_child_adds_the_secretary_of_state_and_ofsted():
    assert schedule(D(2026, 4, 2)).state("sos-ofsted-notified") is None
    s = schedule(D(2026, 4, 13), looked_after=True)
    notified = s.state("sos-ofsted-notified")
    # Due with the notification: Fri 10 Apr 2026, overdue on Mon 13 Apr.
    assert (notified.due, notified.state, notified.stage.statutory) == (D(2026, 4, 10), "overdue", True)


def test_a_review_as_its_record_stood_on_a_day():
    review = Review(
        id="2026-child-a", child="Child A", aware=D(2026, 4, 1),
        decision=Decision("local", D(2026, 5, 5)),
        completions={"notification": Completion(D(2026, 4, 8)), "rapid-review": Completion(D(2026, 4, 24))},
        holds=(Hold("Criminal trial", D(2026, 6, 1), D(2026, 7, 1)),),
    )
    assert review_as_of(review, D(2026, 3, 31)) is None
    then = review_as_of(review, D(2026, 4, 20))
    assert list(then.completions) == ["notification"] and then.decision is None and then.holds == ()
    during = review_as_of(review, D(2026, 6, 15))
    assert during.holds == (Hold("Criminal trial", D(2026, 6, 1), None),) and during.decision == review.decision
    assert review_as_of(review, D(2026, 7, 1)) is review
