"""The layout of a new review's files: `review.yaml` and `notes.md`.

Every stage of the process gets its own block, with empty `done`, `by` and `note` lines, when
the review is made. Two officers recording different stages (or different agencies) then
change different lines, separated by lines neither touches, so git merges their changes
without a conflict.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from cspr.model.process import DECISION_STAGE, Process

HEADER = """\
# Child Safeguarding Practice Review record, kept by cspr.
# Use pseudonyms only ("Child A", "Baby B"): never a real name, address or school.
# Change it through cspr (cspr complete, decide, plan, hold...) so that every change is a
# commit in the audit trail. Hand edits are allowed: commit them yourself with git.
"""


_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 ._()/&'-]*$")
_RESERVED = {"yes", "no", "true", "false", "null", "on", "off", "y", "n", "~"}


def _scalar(value: object) -> str:
    """A YAML scalar: plain where that reads back as the same text, else quoted."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _RESERVED and not text.endswith(" "):
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def new_review_text(
    process: Process,
    review_id: str,
    child: str,
    aware: dt.date,
    *,
    incident: dt.date | None = None,
    agencies: list[str] | tuple[str, ...] = (),
    themes: list[str] | tuple[str, ...] = (),
    looked_after: bool = False,
) -> str:
    lines = [HEADER, f"id: {_scalar(review_id)}", f"child: {_scalar(child)}",
             f"aware: {_scalar(aware)}", f"incident: {_scalar(incident)}"]
    lines.append("agencies:" + ("" if agencies else " []"))
    lines += [f"  - {_scalar(agency)}" for agency in agencies]
    lines.append("themes:" + ("" if themes else " []"))
    lines += [f"  - {_scalar(theme)}" for theme in themes]
    lines += [
        "lead_reviewer:",
        "publication_address:",
        "# A looked-after child: the Secretary of State and Ofsted are notified too (`cspr set`).",
        f"looked_after: {'true' if looked_after else 'false'}",
        "",
        "# Set by `cspr decide ID local|national|none`.",
        "decision:",
        "  track:",
        "  on:",
        "  by:",
        "",
        "# One block per stage; `cspr complete` fills in done and by.",
        "stages:",
    ]
    for stage in process.stages:
        if stage.key == DECISION_STAGE:
            continue  # recorded in `decision:` above
        lines.append(f"  {stage.key}:")
        if stage.every is not None:
            lines.append("    occurrences: []")
        elif stage.per_agency and agencies:
            lines.append("    agencies:")
            for agency in agencies:
                lines += [f"      {_scalar(agency)}:", "        done:", "        by:"]
        else:
            lines += ["    done:", "    by:", "    note:"]
    lines += [
        "",
        "# Dates agreed in the terms of reference's timeline (`cspr plan ID STAGE DATE`).",
        "plans: {}",
        "",
        "# Agreed intervals for recurring stages (`cspr plan ID assurance --every 6m`).",
        "intervals: {}",
        "",
        "# Parallel proceedings (`cspr hold` / `cspr resume`); the history is kept.",
        "holds: []",
        "",
        "# Closed early (`cspr close ID --reason ...`).",
        "closed:",
        "",
        "# Recommendations and the actions answering them (`cspr recommend`, `cspr action`).",
        "recommendations: {}",
    ]
    return "\n".join(lines) + "\n"


def notes_text(child: str, review_id: str) -> str:
    return (
        f"# {child} ({review_id}): notes\n\n"
        "Working notes for the business unit. Pseudonyms only: never a real name, address or\n"
        "school. Restricted terms belong in private/restricted-terms.txt, which git ignores.\n"
    )
