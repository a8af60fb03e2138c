"""The yearly figures (`cspr stats`) computed straight from reviews: the same six reviews and
hand-worked values as tests/cli/test_stats.py, without a workspace. Pure: no disk, no git.

    review  aware       notified (due)            rapid review (due)         decision
    A       Wed 1 Apr   Fri 10 Apr (Fri 10 Apr)   Fri 1 May (Fri 1 May)      local Tue 5 May
    B       Mon 13 Apr  Tue 21 Apr (Mon 20 Apr)*  Thu 14 May (Wed 13 May)*  national Wed 20 May
    C       Wed 1 Apr   Thu 2 Apr (Fri 10 Apr)    Mon 27 Apr (Mon 27 Apr)    local Thu 30 Apr
    D       Fri 1 May   Tue 5 May (Mon 11 May)    Fri 29 May (Wed 27 May)*   local Mon 1 Jun
    E       Mon 2 Mar   Fri 6 Mar 2026: the year before                      none Wed 1 Apr
    F       Mon 29 Mar 2027, notified Thu 1 Apr 2027: the year after
    (* late)
"""

from __future__ import annotations

import datetime as dt

import pytest

from cspr.model.deadlines import ReviewSchedule
from cspr.model.review import (
    Action,
    ActionUpdate,
    Completion,
    Decision,
    Hold,
    Recommendation,
    Review,
)
from cspr.reports.stats import (
    AgencyActions,
    OnTime,
    Period,
    Publication,
    as_at,
    compute,
    financial_year,
)
from tests.helpers.domain import ENGLAND, PROCESS

D = dt.date
TODAY = D(2027, 6, 30)
AGENCIES = ("Police", "Integrated Care Board", "Local authority")


def done(**days: dt.date) -> dict[str, Completion]:
    return {key.replace("_", "-"): Completion(day) for key, day in days.items()}


def action(key: str, agency: str, due: dt.date, agreed: dt.date, *later: tuple[dt.date, str]) -> Action:
    updates = (ActionUpdate(agreed, "open", "Action agreed"), *(ActionUpdate(on, status) for on, status in later))
    return Action(key, key.split(".")[0], agency, due, key, updates)


REVIEWS = (
    Review("2026-child-a", "Child A", D(2026, 4, 1), agencies=AGENCIES, themes=("neglect", "domestic abuse"),
           decision=Decision("local", D(2026, 5, 5)),
           completions=done(notification=D(2026, 4, 10), rapid_review=D(2026, 5, 1), published=D(2026, 10, 30),
                            briefing_circulated=D(2026, 11, 6)),
           recommendations=(Recommendation("R1", "Share records.", (
               action("R1.1", "Police", D(2027, 1, 31), D(2026, 11, 1), (D(2027, 1, 20), "complete")),
               action("R1.2", "Integrated Care Board", D(2027, 2, 28), D(2026, 11, 1),
                      (D(2027, 2, 1), "in-progress")),
               action("R1.3", "Police", D(2027, 3, 31), D(2026, 11, 1), (D(2027, 4, 10), "complete")),
           )),)),
    Review("2026-child-b", "Child B", D(2026, 4, 13), agencies=AGENCIES, themes=("Neglect", "exploitation"),
           decision=Decision("national", D(2026, 5, 20)),
           completions=done(notification=D(2026, 4, 21), rapid_review=D(2026, 5, 14))),
    Review("2026-child-c", "Child C", D(2026, 4, 1), agencies=AGENCIES,
           themes=("domestic abuse", "parental mental health", " Domestic Abuse "),
           decision=Decision("local", D(2026, 4, 30)), holds=(Hold("criminal trial", D(2026, 6, 1), D(2026, 8, 31)),),
           completions=done(notification=D(2026, 4, 2), rapid_review=D(2026, 4, 27), published=D(2027, 1, 15),
                            briefing_circulated=D(2027, 1, 20)),
           recommendations=(Recommendation("R1", "Check the plan.", (
               action("R1.1", "Local authority", D(2027, 3, 1), D(2027, 1, 15), (D(2027, 2, 20), "complete")),
               action("R1.2", "Local authority", D(2027, 5, 1), D(2027, 4, 5)),
           )),)),
    Review("2026-child-d", "Child D", D(2026, 5, 1), agencies=AGENCIES, themes=("neglect", ""),
           decision=Decision("local", D(2026, 6, 1)),
           completions=done(notification=D(2026, 5, 5), rapid_review=D(2026, 5, 29), published=D(2026, 12, 10),
                            briefing_circulated=D(2027, 4, 5))),
    Review("2026-child-e", "Child E", D(2026, 3, 2), agencies=AGENCIES, themes=("online harm",),
           decision=Decision("none", D(2026, 4, 1)),
           completions=done(notification=D(2026, 3, 6), rapid_review=D(2026, 3, 27))),
    Review("2027-child-f", "Child F", D(2027, 3, 29), agencies=AGENCIES, themes=("neglect",),
           completions=done(notification=D(2027, 4, 1))),
)


def figures(period: Period, judged_on: dt.date):
    schedules = [ReviewSchedule(PROCESS, review, ENGLAND, TODAY) for review in reversed(REVIEWS)]
    return compute(PROCESS, schedules, period, judged_on)


YEAR = financial_year(2026)
def year_figures():
    # in each test, never at import: `make mutate` tests each mutant in a process forked after import
    return figures(YEAR, as_at(YEAR, TODAY))



def test_notifications_and_rapid_reviews_done_in_the_year_and_which_were_late():
    assert year_figures().as_at == D(2027, 3, 31) and year_figures().period == YEAR
    assert year_figures().notified == OnTime(("2026-child-a", "2026-child-b", "2026-child-c", "2026-child-d"),
                                    ("2026-child-b",))
    assert (year_figures().notified.count, year_figures().notified.on_time) == (4, 3)
    assert year_figures().rapid_reviews == OnTime(("2026-child-a", "2026-child-b", "2026-child-c", "2026-child-d"),
                                         ("2026-child-b", "2026-child-d"))
    assert year_figures().rules == {"notification": "5 working days after aware",
                           "rapid-review": "15 working days after notification",
                           "published": "6 months after decision"}


def test_decisions_by_track_every_track_named_even_with_none():
    assert year_figures().decisions == {"local": ("2026-child-a", "2026-child-c", "2026-child-d"),
                               "national": ("2026-child-b",), "none": ("2026-child-e",)}
    april = figures(Period(D(2026, 4, 2), D(2026, 4, 30)), D(2026, 4, 30))
    assert april.decisions == {"local": ("2026-child-c",), "national": (), "none": ()}


def test_local_reviews_published_with_their_deadlines_with_and_without_holds():
    assert year_figures().publications == (
        Publication("2026-child-a", D(2026, 5, 5), D(2026, 10, 30), D(2026, 11, 5), D(2026, 11, 5), 0, ()),
        Publication("2026-child-c", D(2026, 4, 30), D(2027, 1, 15), D(2026, 10, 30), D(2027, 1, 29), 91,
                    ("criminal trial",)),
        Publication("2026-child-d", D(2026, 6, 1), D(2026, 12, 10), D(2026, 12, 1), D(2026, 12, 1), 0, ()),
    )
    assert [p.days for p in year_figures().publications] == [178, 260, 192]
    assert [p.within_deadline for p in year_figures().publications] == [True, False, False]
    assert [p.on_time_with_holds for p in year_figures().publications] == [True, True, False]
    assert (year_figures().median_days, year_figures().longest_days, year_figures().within_deadline, year_figures().on_time_with_holds) == (
        192, 260, 1, 2)
    assert [p.review for p in year_figures().delayed] == ["2026-child-c"]


def test_a_publication_on_its_deadline_day_is_within_it():
    on_the_day = Publication("x", D(2026, 5, 5), D(2026, 11, 5), D(2026, 11, 5), D(2026, 11, 5), 0, ())
    assert (on_the_day.within_deadline, on_the_day.on_time_with_holds) == (True, True)
    unknown = Publication("x", D(2026, 5, 5), D(2026, 11, 5), None, None, 0, ())
    assert (unknown.within_deadline, unknown.on_time_with_holds) == (None, None)


def test_a_hold_still_open_at_publication_counts_up_to_publication_and_is_not_a_reason_yet():
    review = Review("2026-child-h", "Child H", D(2026, 4, 1), decision=Decision("local", D(2026, 5, 1)),
                    holds=(Hold("inquest", D(2026, 9, 1)), Hold("after", D(2026, 12, 1), D(2026, 12, 5))),
                    completions=done(published=D(2026, 10, 1)))
    (publication,) = compute(PROCESS, [ReviewSchedule(PROCESS, review, ENGLAND, TODAY)], YEAR, TODAY).publications
    assert (publication.days_on_hold, publication.hold_reasons) == (30, ("inquest",))


def test_the_median_of_an_even_count_keeps_its_half_and_no_publication_has_none():
    year = financial_year(2027)
    empty = figures(year, as_at(year, TODAY))
    assert (empty.median_days, empty.longest_days, empty.publications) == (None, None, ())
    two = figures(Period(D(2026, 10, 1), D(2026, 12, 31)), D(2026, 12, 31))
    assert [p.days for p in two.publications] == [178, 192] and two.median_days == 185
    odd = Period(D(2026, 10, 1), D(2027, 1, 31))
    three = figures(odd, D(2027, 1, 31))
    assert three.median_days == 192 and isinstance(three.median_days, int)


def test_briefings_circulated_in_the_year():
    assert year_figures().briefings == ("2026-child-a", "2026-child-c")


def test_actions_by_agency_as_they_stood_on_the_day_judged():
    assert year_figures().actions == (
        AgencyActions("Integrated Care Board", 0, 1, 1),
        AgencyActions("Local authority", 1, 0, 0),
        AgencyActions("Police", 1, 1, 0),
    )
    next_year = financial_year(2027)
    assert figures(next_year, TODAY).actions == (
        AgencyActions("Integrated Care Board", 0, 1, 1),
        AgencyActions("Local authority", 0, 1, 1),
        AgencyActions("Police", 1, 0, 0),
    )


def test_an_action_due_on_the_day_judged_is_open_but_not_overdue():
    assert figures(YEAR, D(2027, 2, 28)).actions[0] == AgencyActions("Integrated Care Board", 0, 1, 0)
    assert figures(YEAR, D(2027, 3, 1)).actions[0] == AgencyActions("Integrated Care Board", 0, 1, 1)


def test_an_agency_with_nothing_to_count_is_left_out_and_agencies_sort_in_any_case():
    quiet = figures(Period(D(2026, 4, 1), D(2026, 10, 31)), D(2026, 10, 31))
    assert quiet.actions == ()
    review = Review("2026-child-g", "Child G", D(2026, 4, 1), completions=done(published=D(2026, 6, 1)),
                    recommendations=(Recommendation("R1", "x", (
                        Action("R1.1", "R1", "police", D(2027, 1, 1), "a"),
                        Action("R1.2", "R1", "Health", D(2027, 1, 1), "b"),
                        Action("R1.3", "R1", "Zeta", D(2026, 6, 1), "c", (ActionUpdate(D(2026, 3, 1), "complete"),)),
                    )),))
    counted = compute(PROCESS, [ReviewSchedule(PROCESS, review, ENGLAND, TODAY)], YEAR, D(2026, 7, 1)).actions
    assert counted == (AgencyActions("Health", 0, 1, 0), AgencyActions("police", 0, 1, 0))


@pytest.mark.parametrize(("judged_on", "counted"), [(D(2026, 5, 31), ()),
                                                    (D(2026, 6, 1), (AgencyActions("Police", 0, 1, 0),))])
def test_an_action_with_no_update_counts_from_its_reviews_publication(judged_on, counted):
    review = Review("2026-child-g", "Child G", D(2026, 4, 1), completions=done(published=D(2026, 6, 1)),
                    recommendations=(Recommendation("R1", "x", (Action("R1.1", "R1", "Police", D(2027, 1, 1), "a"),)),))
    assert compute(PROCESS, [ReviewSchedule(PROCESS, review, ENGLAND, TODAY)], YEAR, judged_on).actions == counted


def test_themes_of_the_reviews_notified_most_frequent_first_in_any_case_once_a_review():
    assert year_figures().themes == (("neglect", 3), ("domestic abuse", 2), ("exploitation", 1),
                            ("parental mental health", 1))


@pytest.mark.parametrize(("days", "median"), [([178, 260, 192], 192), ([260, 178], 219), ([179, 260], 219.5),
                                              ([5, 1, 9, 7], 6), ([30], 30)])
def test_the_median_days_to_publication_is_the_middle_or_the_mean_of_the_two_middles(days, median):
    import dataclasses

    decided = D(2026, 5, 5)
    published = tuple(Publication(f"r{n}", decided, decided + dt.timedelta(days=d), None, None, 0, ())
                      for n, d in enumerate(days))
    found = dataclasses.replace(year_figures(), publications=published).median_days
    assert found == median and type(found) is type(median)
