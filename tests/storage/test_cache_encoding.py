"""What the caches store is read back as the very values stored: a review with every field set
(`.cspr/reviews.cache`), and the facts each report caches per review (figures, problems,
actions, the board paper, the overdue index). Pure: the values are worked out in memory, every
field different from every other, so a field read from the wrong place cannot go unnoticed;
the caches on disk are tests/storage/test_cache.py's and test_report_facts.py's."""

from __future__ import annotations

import datetime as dt
import marshal

from cspr.model.actions import actions_of
from cspr.model.agenda import agenda_for
from cspr.model.deadlines import ReviewSchedule
from cspr.model.review import (
    Action,
    ActionChange,
    ActionUpdate,
    Closure,
    Completion,
    Decision,
    Hold,
    Occurrence,
    Recommendation,
    Review,
    Skip,
    Withholding,
)
from cspr.reports.board import paper_of
from cspr.reports.index import index_of
from cspr.reports.stats import figures_of
from cspr.storage import index_cache, report_facts, review_cache
from tests.helpers.domain import ENGLAND, PROCESS
from tests.reports.test_board_paper import CLOSED, A, B
from tests.storage.test_agenda_encoding import FULL, REOPENED

D = dt.date


def every_field() -> Review:
    """A review with every field set, and each value different from the others."""
    return Review(
        "2026-child-e", "Child E", D(2026, 4, 1), incident=D(2026, 3, 30), agencies=("Police", "Health"),
        themes=("neglect", "housing"), lead_reviewer="Reviewer Nine", publication_address="https://example.org/e",
        decision=Decision("local", D(2026, 4, 28), "Officer One", "new information"),
        completions={"notification": Completion(D(2026, 4, 2), "Officer Two", "by secure email"),
                     "rapid-review": Completion(D(2026, 4, 20)), "published": Completion(D(2026, 11, 2)),
                     "briefing-circulated": Completion(D(2026, 11, 9), "Officer Eleven")},
        agency_completions={"agency-responses": {"Police": Completion(D(2026, 5, 3), "Officer Three", "late"),
                                                 "Health": Completion(D(2026, 5, 4))}},
        occurrences={"progress-check": (Occurrence(D(2026, 5, 28), D(2026, 6, 2), "Officer Four", "at subgroup"),
                                        Occurrence(D(2026, 6, 28), D(2026, 6, 29)))},
        plans={"published": D(2026, 10, 30), "briefing": D(2026, 11, 6)},
        intervals={"assurance": "6m", "progress-check": "2w"},
        holds=(Hold("criminal trial", D(2026, 6, 10), D(2026, 7, 1)), Hold("inquest", D(2026, 8, 3))),
        closed=Closure(D(2027, 1, 11), "merged into a thematic review", "Officer Five"),
        recommendations=(
            Recommendation("R1", "Share records.", (
                Action("R1.1", "R1", "Health", D(2026, 12, 31), "Add alerts.",
                       (ActionUpdate(D(2026, 9, 1), "in-progress", "specified", "Officer Six"),
                        ActionUpdate(D(2026, 12, 15), "complete")),
                       (ActionChange(D(2026, 9, 2), "supplier delay", "Officer Seven", D(2026, 11, 30), "Police",
                                     "Add flags."),
                        ActionChange(D(2026, 9, 3)), ActionChange(D(2026, 9, 4), due=D(2026, 10, 31)),
                        ActionChange(D(2026, 9, 5), agency="Health"))),
                Action("R1.2", "R1", "Police", D(2027, 3, 31), "Brief officers."))),
            Recommendation("R2", "Test recognition.")),
        looked_after=True,
        withheld=Withholding(D(2026, 12, 1), "safety of a sibling", "Officer Eight"),
        decision_history=(Decision("none", D(2026, 4, 21), "Officer Nine"), Decision("national", D(2026, 4, 24))),
        skipped={"panel-meeting": Skip(D(2026, 5, 5), "not needed", "Officer Ten"),
                 "scoping": Skip(D(2026, 5, 6), "merged")},
        stage_blocks=("notification", "rapid-review", "agency-responses", "progress-check"),
    )


def test_a_review_with_every_field_is_cached_and_read_back_the_same():
    review = every_field()
    stored = review_cache.encode(review)
    assert isinstance(stored, bytes)
    assert review_cache.decode(stored) == review


def test_a_review_with_no_optional_field_is_cached_and_read_back_the_same():
    review = Review("2026-child-b", "Child B", D(2026, 6, 20))
    assert review_cache.decode(review_cache.encode(review)) == review


def schedules() -> list[ReviewSchedule]:
    """The reviews judged on a day after every date in them (the facts cached do not depend on it)."""
    today = D(2027, 6, 1)
    return [ReviewSchedule(PROCESS, review, ENGLAND, today) for review in (A, B, CLOSED, FULL, REOPENED, every_field())]


def _stored(kind, facts):
    """What marshal keeps of the encoded facts, as the cache file would give it back."""
    return marshal.loads(marshal.dumps(kind.encode(facts)))


def test_the_yearly_figures_are_read_back_the_same():
    found = [figures_of(schedule) for schedule in schedules()]
    assert any(f.publication is not None for f in found) and any(f.decision is not None for f in found)
    for figures in found:
        assert report_facts.FIGURES.decode(_stored(report_facts.FIGURES, figures)) == figures


def test_the_actions_are_read_back_the_same():
    for schedule in schedules():
        actions = actions_of(schedule)
        assert report_facts.ACTIONS.decode(_stored(report_facts.ACTIONS, actions)) == actions


def test_the_board_papers_facts_are_read_back_the_same():
    for schedule in schedules():
        paper = paper_of(schedule)
        assert report_facts.PAPER.decode(_stored(report_facts.PAPER, paper)) == paper


def test_the_overdue_index_is_read_back_the_same():
    for schedule in schedules():
        index = index_of(agenda_for(schedule))
        assert index_cache.INDEXES.decode(_stored(index_cache.INDEXES, index)) == index


def test_the_problems_are_read_back_the_same():
    problems = report_facts.ReviewProblems("2026-child-a", ((4, 3, "a stage that is not in the process"),
                                                           (None, None, "no decision yet")))
    assert report_facts.PROBLEMS.decode(_stored(report_facts.PROBLEMS, problems)) == problems
