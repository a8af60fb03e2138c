"""The problems `cspr check` finds in a review against the process: unknown tracks, stages and
agencies, and intervals that cannot be read, each with its key path. Pure."""

from __future__ import annotations

import datetime as dt

from cspr.model.review import Completion, Decision, Occurrence, Review
from cspr.reports.problems import review_problems
from tests.helpers.domain import PROCESS

D = dt.date(2026, 4, 1)
SOUND = Review("2026-child-a", "Child A", D, agencies=("Police",), decision=Decision("local", D),
               completions={"notification": Completion(D)}, plans={"published": D}, intervals={"assurance": "6m"})


def problems(review: Review) -> list[tuple[tuple, str, bool]]:
    return [(p.path, p.message, p.at_key) for p in review_problems(PROCESS, review)]


def test_a_review_that_fits_the_process_has_no_problems():
    assert problems(SOUND) == []
    assert problems(Review("2026-child-b", "Child B", D)) == []


def test_an_unknown_track_names_the_tracks_there_are():
    review = Review("2026-child-a", "Child A", D, decision=Decision("regional", D))
    assert problems(review) == [(("decision", "track"),
                                 "unknown track 'regional'; the process has local, national, none", False)]


def test_every_unknown_stage_is_named_where_it_was_written_with_the_nearest_key():
    review = Review(
        "2026-child-a", "Child A", D, stage_blocks=("notificaton", "notification"),
        completions={"notification": Completion(D), "rapid-reveiw": Completion(D)},
        agency_completions={"agency-respnses": {}}, occurrences={"zzz": (Occurrence(D, D),)},
        plans={"publishd": D}, intervals={"assurence": "6m"})
    assert problems(review) == [
        (("stages", "notificaton"), "unknown stage 'notificaton' (did you mean 'notification'?)", True),
        (("stages", "rapid-reveiw"), "unknown stage 'rapid-reveiw' (did you mean 'rapid-review'?)", True),
        (("stages", "agency-respnses"), "unknown stage 'agency-respnses' (did you mean 'agency-responses'?)", True),
        (("stages", "zzz"), "unknown stage 'zzz'", True),
        (("plans", "publishd"), "unknown stage 'publishd' (did you mean 'published'?)", True),
        (("intervals", "assurence"), "unknown stage 'assurence' (did you mean 'assurance'?)", True),
    ]


def test_an_interval_that_cannot_be_read_is_named_with_how_to_write_one():
    review = Review("2026-child-a", "Child A", D, intervals={"assurance": "sometimes"})
    assert problems(review) == [(("intervals", "assurance"),
                                 "'sometimes' is not an interval; write it as '6m', '3 months' or '2 weeks'", False)]


def test_an_agency_confirming_a_stage_must_be_one_of_the_reviews_agencies():
    review = Review("2026-child-a", "Child A", D, agencies=("Police",), agency_completions={
        "agency-responses": {"Police": Completion(D), "Health": Completion(D)}})
    assert problems(review) == [(("stages", "agency-responses", "agencies", "Health"),
                                 "'Health' is not one of the review's agencies", True)]
