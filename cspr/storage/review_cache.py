"""The cache of parsed reviews in `.cspr/reviews.cache`: every valid review as plain values.

Reports read every review; parsing YAML and checking each field is most of their cost. The
cache keeps each review that parsed and checked cleanly, keyed by its file's size, mtime,
ctime and inode, so any change to the file (by cspr, by hand, by `git pull`) misses the
cache and the file is read again. A file changed within RACY_SECONDS of being cached could
be changed again within the same timestamp tick, so its entry also keeps a digest of the
text, checked on every use (as git does for "racily clean" files). Files that fail to parse
are never cached: their errors are found afresh, with their line, on every run.

The file is marshal data: text, numbers and None in tuples and dicts, which loading turns
back into values and never runs (pickle, by contrast, can run code named in the file, and
`.cspr/` sits in a folder other people may write to). It carries a checksum, its format and
a fingerprint of the code that wrote it; anything that does not match (another cspr or
Python version, a changed review model or reader, a truncated or corrupt file) is thrown
away and rebuilt, never trusted. Writing is atomic (a temporary file renamed over the old)
and best-effort: a read-only workspace just goes without a cache.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import marshal
import sys
from pathlib import Path

from cspr import __version__
from cspr.model.dates import from_ordinal, ordinal
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
from cspr.storage.cache import (  # noqa: F401
    MAGIC,
    KeyedCache,
    code_stamp,
    digest,
    file_key,
    installed_stamp,
    is_racy,
)

CACHE_FILE = "reviews.cache"
FORMAT = 2

# The fields the codec below writes and reads, class by class. If the review model gains or
# loses a field, the cache switches itself off (reports stay right, only slower) and
# tests/test_cache.py fails until the codec is brought up to date.
SHAPES: dict[type, tuple[str, ...]] = {
    Review: ("id", "child", "aware", "incident", "agencies", "themes", "lead_reviewer",
             "publication_address", "decision", "completions", "agency_completions",
             "occurrences", "plans", "intervals", "holds", "closed", "recommendations",
             "looked_after", "withheld", "decision_history", "skipped", "stage_blocks"),
    Completion: ("done", "by", "note"),
    Occurrence: ("due", "done", "by", "note"),
    Hold: ("reason", "start", "end"),
    Decision: ("track", "on", "by", "reason"),
    Skip: ("on", "reason", "by"),
    Closure: ("on", "reason", "by"),
    ActionUpdate: ("on", "status", "note", "by"),
    ActionChange: ("on", "reason", "by", "due", "agency", "text"),
    Action: ("key", "recommendation", "agency", "due", "text", "updates", "changes"),
    Recommendation: ("key", "text", "actions"),
    Withholding: ("on", "reason", "by"),
}


def codec_matches_model() -> bool:
    """The codec writes and reads every field of the model, in its order."""
    return all(tuple(f.name for f in dataclasses.fields(cls)) == names for cls, names in SHAPES.items())


def _fingerprint() -> tuple:
    """The code and versions whose change can change what a cached review should be."""
    return (FORMAT, __version__, tuple(sys.version_info[:2]), marshal.version,
            installed_stamp("ruamel.yaml"), code_stamp("model", "storage"))


# -- encoding: a review as nested tuples of text, ordinals (for dates) and None -------------
# Each review is marshalled on its own, so the cache holds one small bytes object per review
# until it is needed, rather than tens of thousands of tuples.
def _completion(c: Completion) -> tuple:
    return (c.done.toordinal(), c.by, c.note)


def _decision(d: Decision) -> tuple:
    return (d.track, d.on.toordinal(), d.by, d.reason)


def encode_recommendation(rec: Recommendation) -> tuple:
    """A recommendation and its actions as plain values (the actions' cache keeps them too)."""
    return (rec.key, rec.text, tuple(
        (a.key, a.recommendation, a.agency, a.due.toordinal(), a.text,
         tuple((u.on.toordinal(), u.status, u.note, u.by) for u in a.updates),
         tuple((c.on.toordinal(), c.reason, c.by, ordinal(c.due), c.agency, c.text) for c in a.changes))
        for a in rec.actions))


def encode(review: Review) -> bytes:
    r = review
    return marshal.dumps((
        r.id, r.child, r.aware.toordinal(), ordinal(r.incident), r.agencies, r.themes,
        r.lead_reviewer, r.publication_address,
        _decision(r.decision) if r.decision else None,
        {key: _completion(c) for key, c in r.completions.items()},
        {key: {agency: _completion(c) for agency, c in by_agency.items()}
         for key, by_agency in r.agency_completions.items()},
        {key: tuple((o.due.toordinal(), o.done.toordinal(), o.by, o.note) for o in found)
         for key, found in r.occurrences.items()},
        {key: day.toordinal() for key, day in r.plans.items()},
        dict(r.intervals),
        tuple((h.reason, h.start.toordinal(), ordinal(h.end)) for h in r.holds),
        (r.closed.on.toordinal(), r.closed.reason, r.closed.by) if r.closed else None,
        tuple(map(encode_recommendation, r.recommendations)),
        r.looked_after,
        (r.withheld.on.toordinal(), r.withheld.reason, r.withheld.by) if r.withheld else None,
        tuple(map(_decision, r.decision_history)),
        {key: (s.on.toordinal(), s.reason, s.by) for key, s in r.skipped.items()},
        r.stage_blocks,
    ))


_day_of = dt.date.fromordinal


def _decode_completion(c: tuple) -> Completion:
    return Completion(_day_of(c[0]), c[1], c[2])


def _decode_occurrence(o: tuple) -> Occurrence:
    return Occurrence(_day_of(o[0]), _day_of(o[1]), o[2], o[3])


def _decode_hold(h: tuple) -> Hold:
    return Hold(h[0], _day_of(h[1]), from_ordinal(h[2]))


def _decode_update(u: tuple) -> ActionUpdate:
    return ActionUpdate(_day_of(u[0]), u[1], u[2], u[3])


def _decode_change(c: tuple) -> ActionChange:
    return ActionChange(_day_of(c[0]), c[1], c[2], from_ordinal(c[3]), c[4], c[5])


def _decode_action(a: tuple) -> Action:
    return Action(a[0], a[1], a[2], _day_of(a[3]), a[4], tuple(map(_decode_update, a[5])),
                  tuple(map(_decode_change, a[6])))


def _decode_decision(d: tuple) -> Decision:
    return Decision(d[0], _day_of(d[1]), d[2], d[3])


def decode_recommendation(rec: tuple) -> Recommendation:
    return Recommendation(rec[0], rec[1], tuple(map(_decode_action, rec[2])))


def decode(blob: bytes) -> Review:
    (review_id, child, aware, incident, agencies, themes, lead_reviewer, address, decision,
     completions, agency_completions, occurrences, plans, intervals, holds, closed,
     recommendations, looked_after, withheld, decision_history, skipped, stage_blocks) = marshal.loads(blob)
    return Review(
        review_id, child, _day_of(aware), from_ordinal(incident),
        agencies, themes, lead_reviewer, address,
        _decode_decision(decision) if decision else None,
        {key: _decode_completion(c) for key, c in completions.items()},
        {key: {agency: _decode_completion(c) for agency, c in by_agency.items()}
         for key, by_agency in agency_completions.items()},
        {key: tuple(map(_decode_occurrence, found)) for key, found in occurrences.items()},
        {key: _day_of(day) for key, day in plans.items()},
        intervals,
        tuple(map(_decode_hold, holds)),
        Closure(_day_of(closed[0]), closed[1], closed[2]) if closed else None,
        tuple(map(decode_recommendation, recommendations)),
        looked_after,
        Withholding(_day_of(withheld[0]), withheld[1], withheld[2]) if withheld else None,
        tuple(map(_decode_decision, decision_history)),
        {key: Skip(_day_of(s[0]), s[1], s[2]) for key, s in skipped.items()},
        stage_blocks,
    )


class ReviewCache(KeyedCache):
    """The cache of parsed reviews, `.cspr/reviews.cache`."""

    @classmethod
    def open(cls, state_dir: Path) -> ReviewCache:  # type: ignore[override]
        return super().open(state_dir / CACHE_FILE, _fingerprint(), enabled=codec_matches_model())

    def put(self, review_id: str, key: tuple, text_digest: bytes | None, review: Review) -> None:
        self.put_encoded(review_id, key, text_digest, encode(review))
