"""The day-independent facts the reports work from, per review, each kind in its own cache file.

- `.cspr/figures.cache`: what each review gives `cspr stats` and the board's figures (the days
  its stages were done and their deadlines, its decision, publication, actions and themes).
- `.cspr/problems.cache`: the problems `cspr check` finds in a review against the process, with
  their lines (none, for almost every review: a clean review costs `check` one stat).
- `.cspr/actions.cache`: each review's actions, whether it is closed, and the series of its
  assurance stages (from which `cspr actions` finds the assurance point of any day).
- `.cspr/board.cache`: all the board paper needs of a review (its index, its holds, its stages
  and what was done of them, its figures, its actions and their assurance series), in one entry
  so that they agree, as plain values.

The reviews' indexes, which the overdue report and the review list read, are in
`index_cache.py`, apart from these: those reports import nothing they do not need.

They are cached as agendas are (`facts_cache.py`: keyed by the review file, thrown away whole
when the process, the settings, the bank holidays or the code that works them out changes);
each report works out from them what depends on its day.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from cspr.errors import DataError, Location
from cspr.model.actions import ReviewActions, actions_of
from cspr.model.series import from_plain, to_plain
from cspr.reports.board import ReviewPaper, paper_of
from cspr.reports.stats import ReviewFigures, figures_of
from cspr.storage.cache import shared
from cspr.storage.facts_cache import Kind
from cspr.storage.index_cache import decode_index, encode_index
from cspr.storage.paths import relative

if TYPE_CHECKING:
    from cspr.model.review import Review
    from cspr.storage.workspace import Workspace

_day = dt.date.fromordinal


# -- the yearly figures ---------------------------------------------------------------------
def _figures_of(workspace: Workspace, review: Review, today: dt.date) -> ReviewFigures:
    return figures_of(workspace.schedule_of(review, today))


# Plain already but for the day the record runs to (reports/stats.py: ReviewFigures).
def encode_figures(f: ReviewFigures) -> tuple:
    return (f.review, f.recorded_through.toordinal(), *f[2:])


_figures = ReviewFigures._make  # (index_cache.py says why)


def decode_figures(value: tuple) -> ReviewFigures:
    return _figures((value[0], _day(value[1]), *value[2:]))


FIGURES = Kind("figures.cache", 2, ("model", "storage", "reports"), _figures_of, encode_figures, decode_figures)


# -- the problems `cspr check` finds --------------------------------------------------------
class ReviewProblems(NamedTuple):
    """The problems a review has against the process, each where it sits in its file."""

    review: str
    found: tuple[tuple[int | None, int | None, str], ...]  # (line, column, message)

    def errors(self, path: Path) -> list[DataError]:
        """As `cspr check` reports them, at `path` (shown relative to the current folder)."""
        where = relative(path)
        return [DataError(Location(where, line, column), message) for line, column, message in self.found]


def _problems_of(workspace: Workspace, review: Review, today: dt.date) -> ReviewProblems:
    from cspr.reports.problems import review_problems
    from cspr.storage.yamlio import data_error

    path = workspace.review_path(review.id)
    errors = [data_error(path, problem) for problem in review_problems(workspace.process, review)]
    return ReviewProblems(review.id, tuple((e.location.line, e.location.column, e.message) for e in errors))


def _encode_problems(problems: ReviewProblems) -> tuple:
    return tuple(problems)


def _decode_problems(value: tuple) -> ReviewProblems:
    return ReviewProblems(value[0], tuple(value[1]))


PROBLEMS = Kind("problems.cache", 1, ("model", "storage", "reports"), _problems_of, _encode_problems,
                _decode_problems)


# -- the actions and their assurance points -------------------------------------------------
def _actions_of(workspace: Workspace, review: Review, today: dt.date) -> ReviewActions:
    return actions_of(workspace.schedule_of(review, today))


def _encode_actions(found: ReviewActions) -> tuple:
    # The review model, which the other reports need not import.
    from cspr.storage.review_cache import encode_recommendation

    return (found.review, found.child, found.recorded_through.toordinal(), found.closed,
            tuple(map(encode_recommendation, found.recommendations)), tuple(map(to_plain, found.assurance)))


def _decode_actions(value: tuple) -> ReviewActions:
    # The review model, which the other reports need not import.
    from cspr.storage.review_cache import decode_recommendation

    review, child, recorded_through, closed, recommendations, assurance = value
    return ReviewActions(review, child, _day(recorded_through), closed,
                         tuple(map(decode_recommendation, recommendations)), tuple(map(from_plain, assurance)))


ACTIONS = Kind("actions.cache", 1, ("model", "storage"), _actions_of, _encode_actions, _decode_actions)


# -- the board paper --------------------------------------------------------------------------
def _paper_of(workspace: Workspace, review: Review, today: dt.date) -> ReviewPaper:
    return paper_of(workspace.schedule_of(review, today))


# Plain already but for the index and the figures (reports/board.py: ReviewPaper), so a warm
# paper builds two values per review and reads the rest as marshal made them. Its days and
# names are shared among all the papers this process encodes (`cache.shared`): a warm paper
# over 10,000 reviews then reads a third fewer objects, and 5 % faster, for 20 microseconds a
# review more when the cache is built.
_SEEN: dict = {}
_SHARE_AT_MOST = 200_000  # values remembered; then forgotten, so a long-lived process never grows without end


def _encode_paper(paper: ReviewPaper) -> tuple:
    if len(_SEEN) > _SHARE_AT_MOST:
        _SEEN.clear()  # sharing saves space, never changes a value: forgetting is safe
    return shared((paper.review, paper.recorded_through.toordinal(), encode_index(paper.index), paper.holds,
                   paper.latest_stage, paper.done, paper.pending, encode_figures(paper.figures), paper.actions,
                   paper.assurance), _SEEN)


_paper = ReviewPaper._make


def _decode_paper(value: tuple) -> ReviewPaper:
    review, recorded_through, index, holds, latest, done, pending, found_figures, actions, assurance = value
    return _paper((review, _day(recorded_through), decode_index(index), holds, latest, done, pending,
                   decode_figures(found_figures), actions, assurance))


PAPER = Kind("board.cache", 5, ("model", "storage", "reports"), _paper_of, _encode_paper, _decode_paper)
