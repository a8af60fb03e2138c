"""Words for shell completion: review IDs, stage keys, agencies and action keys.

Completion runs on every press of Tab, so each function reads only what it needs: the folder
names under reviews/ (and the `child:` lines when the pseudonyms are wanted), or the one review
already named on the command line. Any problem means no suggestions, never an error.
"""

from __future__ import annotations

import contextlib

from cspr.storage.workspace import Workspace

Suggestions = list[tuple[str, str | None]]  # (word, what it is)


def review_ids(workspace: Workspace, incomplete: str) -> Suggestions:
    """IDs starting with the text, with their pseudonyms; else IDs holding it anywhere."""
    try:
        ids = workspace.review_ids()
    except Exception:  # completion must never fail the shell
        return []
    wanted = incomplete.lower()
    found = [i for i in ids if i.lower().startswith(wanted)] or [i for i in ids if wanted in i.lower()]
    names = workspace.pseudonyms(found) if len(found) <= 50 else {}
    return [(i, names.get(i)) for i in found]


def _review(workspace: Workspace, review_id: str | None):
    if not review_id:
        return None
    try:
        return workspace.load_review(review_id)
    except Exception:
        return None


def stage_keys(workspace: Workspace, review_id: str | None, incomplete: str) -> Suggestions:
    """The stages on the review's track (before the decision, the track-independent ones)."""
    try:
        process = workspace.process
        review = _review(workspace, review_id)
        stages = process.stages_for(review.track) if review is not None else process.stages
    except Exception:
        return []
    return [(s.key, s.title) for s in stages if s.key.startswith(incomplete)]


def agencies(workspace: Workspace, review_id: str | None, incomplete: str) -> Suggestions:
    """The review's agencies first, then the others named in cspr.yaml."""
    review = _review(workspace, review_id)
    names = list(review.agencies) if review is not None else []
    with contextlib.suppress(Exception):
        names += [a for a in workspace.config.agencies if a not in names]
    if review is not None:
        names += [a.agency for r in review.recommendations for a in r.actions if a.agency not in names]
    wanted = incomplete.lower()
    return [(name, None) for name in names if name.lower().startswith(wanted)]


def action_keys(workspace: Workspace, review_id: str | None, incomplete: str) -> Suggestions:
    """The review's actions (R1.2), each with its agency."""
    review = _review(workspace, review_id)
    if review is None:
        return []
    return [(a.key, a.agency) for r in review.recommendations for a in r.actions
            if a.key.lower().startswith(incomplete.lower())]
