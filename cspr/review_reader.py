"""Reading many review files quickly for reports, one error per unreadable file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cspr.errors import DataError, InvalidField
from cspr.review import Review, parse_review

if TYPE_CHECKING:
    from cspr.workspace import Workspace


def load_reviews(workspace: Workspace, review_ids: list[str]) -> tuple[list[Review], list[DataError]]:
    from cspr import yamlio
    from cspr.workspace import data_error

    reviews: list[Review] = []
    errors: list[DataError] = []
    for review_id in review_ids:
        path = workspace.review_path(review_id)
        try:
            data = yamlio.load_data(path)
            reviews.append(parse_review(data, review_id))
        except InvalidField as exc:
            errors.append(data_error(path, exc))
        except DataError as exc:
            errors.append(exc)
    return reviews, errors
