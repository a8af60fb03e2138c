"""Synthetic workspaces for the benchmark: N fictional reviews in mixed states, one git commit.

Reviews are written as YAML text directly (the layout `cspr new` writes, with every stage of
the default process present), not through `cspr`, so making 10,000 takes seconds. The same
seed always gives the same workspace. Every name is a pseudonym ("Child 0042").
"""

from __future__ import annotations

import datetime as dt
import json
import random
import subprocess
from pathlib import Path

from cspr.model.process import Process, Stage, parse_process
from cspr.ops.init import GITIGNORE, config_text
from cspr.record.new_review import HEADER

AS_OF = dt.date(2026, 6, 1)  # the day every benchmark report is judged on (pinned: reproducible)
SPAN_DAYS = 4 * 365  # reviews became known over the four years before AS_OF
AGENCIES = [
    "Local authority children's services", "Police", "Integrated Care Board",
    "Education", "Probation", "Housing", "Youth Justice Service",
]
THEMES = ["neglect", "safer sleep", "domestic abuse", "criminal exploitation", "mental health",
          "missed health appointments", "online harm"]
OFFICERS = ["Officer One", "Officer Two", "Officer Three"]
STATUSES = ["not-started", "open", "in-progress", "complete"]


def default_process() -> Process:
    from ruamel.yaml import YAML

    path = Path(__file__).resolve().parent.parent / "cspr" / "process.yaml"
    return parse_process(YAML(typ="safe").load(path.read_text(encoding="utf-8")))


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _day(day: dt.date | None) -> str:
    return day.isoformat() if day else ""




def review_text(process: Process, number: int, rng: random.Random) -> tuple[str, list[dt.date]]:
    """One review's YAML, and five due dates for the matching Taskwarrior tasks."""
    aware = AS_OF - dt.timedelta(days=rng.randrange(SPAN_DAYS))
    review_id = f"{aware.year}-child-{number:05d}"
    agencies = rng.sample(AGENCIES, rng.randint(2, 5))
    track = rng.choices(["local", "national", "none", None], weights=[70, 8, 17, 5])[0]
    age = (AS_OF - aware).days
    # Older reviews are further on; one in ten stalls part-way (the overdue report's business).
    progress = min(1.0, age / 600 * rng.uniform(0.6, 1.4))
    if rng.random() < 0.1:
        progress *= rng.uniform(0.2, 0.8)
    stages = [s for s in process.stages if s.every is None and s.applies_to(track)]
    done_count = round(progress * len(stages)) if track else min(len(stages), int(progress * 2))
    done: dict[str, dt.date] = {}
    day = aware
    for stage in stages[:done_count]:
        day = min(AS_OF, day + dt.timedelta(days=rng.randint(2, 40)))
        done[stage.key] = day
    decided = done.get("rapid-review", aware) + dt.timedelta(days=rng.randint(1, 20))
    if track is None or decided > AS_OF:
        track, decided = None, None

    lines = [HEADER, f"id: {_quote(review_id)}", f"child: Child {number:05d}",
             f"aware: {aware.isoformat()}", f"incident: {_day(aware - dt.timedelta(days=rng.randint(1, 30)))}",
             "agencies:", *[f"  - {a}" for a in agencies],
             "themes:", *[f"  - {t}" for t in rng.sample(THEMES, rng.randint(1, 3))],
             f"lead_reviewer: {'Reviewer ' + str(rng.randint(1, 40)) if track == 'local' else ''}",
             "publication_address:", "",
             "# Set by `cspr decide ID local|national|none`.", "decision:",
             f"  track: {track or ''}", f"  on: {_day(decided)}",
             f"  by: {rng.choice(OFFICERS) if track else ''}", "",
             "# One block per stage; `cspr complete` fills in done and by.", "stages:"]
    published = done.get("published")
    for stage in process.stages:
        lines.append(f"  {stage.key}:")
        if stage.every is not None:
            lines += _occurrences(stage, decided, published, rng)
        elif stage.per_agency:
            lines.append("    agencies:")
            for agency in agencies:
                confirmed = done.get(stage.key) if rng.random() < 0.9 else None
                lines += [f"      {agency}:", f"        done: {_day(confirmed)}",
                          f"        by: {rng.choice(OFFICERS) if confirmed else ''}"]
        else:
            finished = done.get(stage.key)
            lines += [f"    done: {_day(finished)}", f"    by: {rng.choice(OFFICERS) if finished else ''}",
                      "    note:"]
    plans = {}
    if track == "local":
        plans["published"] = decided + dt.timedelta(days=rng.randint(150, 240))
        if "tor-agreed" in done:
            plans["final-draft"] = plans["published"] - dt.timedelta(days=rng.randint(40, 80))
    lines += ["", "# Dates agreed in the terms of reference's timeline (`cspr plan ID STAGE DATE`).",
              "plans:" + ("" if plans else " {}"), *[f"  {k}: {v.isoformat()}" for k, v in plans.items()],
              "", "# Agreed intervals for recurring stages (`cspr plan ID assurance --every 6m`).",
              "intervals: {}", "", "# Parallel proceedings (`cspr hold` / `cspr resume`); the history is kept."]
    if track == "local" and not published and rng.random() < 0.08:
        start = max(decided, AS_OF - dt.timedelta(days=rng.randint(10, 200)))
        end = start + dt.timedelta(days=rng.randint(20, 90)) if rng.random() < 0.5 else None
        end = end if end and end <= AS_OF else None
        lines += ["holds:", "  - reason: Criminal trial at the Crown Court", f"    from: {start.isoformat()}",
                  f"    to: {_day(end)}", f"    by: {rng.choice(OFFICERS)}"]
    else:
        lines.append("holds: []")
    lines += ["", "# Closed early (`cspr close ID --reason ...`).", "closed:", "",
              "# Recommendations and the actions answering them (`cspr recommend`, `cspr action`)."]
    if published:
        lines.append("recommendations:")
        for r in range(1, rng.randint(2, 5)):
            lines += [f"  R{r}:", f"    text: Recommendation {r} of the review into Child {number:05d}.",
                      "    actions:"]
            for a in range(1, rng.randint(2, 4)):
                lines += [f"      R{r}.{a}:", f"        agency: {rng.choice(agencies)}",
                          f"        due: {(published + dt.timedelta(days=rng.randint(60, 400))).isoformat()}",
                          f"        text: Action {a} answering recommendation {r}.", "        updates:"]
                when = published
                for _ in range(rng.randint(0, 3)):
                    when += dt.timedelta(days=rng.randint(20, 120))
                    if when > AS_OF:
                        break
                    lines += [f"          - on: {when.isoformat()}", f"            status: {rng.choice(STATUSES[1:])}",
                              "            note: Progress reported to the QPP subgroup.",
                              f"            by: {rng.choice(OFFICERS)}"]
                if lines[-1] == "        updates:":
                    lines[-1] = "        updates: []"
    else:
        lines.append("recommendations: {}")
    due = [aware + dt.timedelta(days=rng.randint(5, 400)) for _ in range(5)]
    return "\n".join(lines) + "\n", due


def _occurrences(stage: Stage, decided: dt.date | None, published: dt.date | None,
                 rng: random.Random) -> list[str]:
    assert stage.every is not None
    start = {"decision": decided, "published": published}.get(stage.every.anchor)
    if start is None:
        return ["    occurrences: []"]
    step = stage.every.interval.count if stage.every.interval.unit == "months" else 1
    out = ["    occurrences:"]
    month = step
    while True:
        due = _add_months(start, month)
        if due > AS_OF or (stage.every.until == "published" and published and due >= published):
            break
        if rng.random() < 0.85:
            out += [f"      - due: {due.isoformat()}", f"        done: {min(AS_OF, due + dt.timedelta(days=rng.randint(0, 9))).isoformat()}",
                    f"        by: {rng.choice(OFFICERS)}", "        note: Checked at the subgroup"]
        month += step
    return out if len(out) > 1 else ["    occurrences: []"]


def _add_months(day: dt.date, months: int) -> dt.date:
    from dateutil.relativedelta import relativedelta

    return day + relativedelta(months=months)


def large_recommendations(count: int, *, note_at: int | None = None) -> str:
    """A `recommendations:` block of `count` recommendations of three actions with five
    updates each (about 2.5 KB apiece), for a review file of many MB; a hand-written comment
    line above recommendation `note_at`."""
    lines = ["recommendations:"]
    for number in range(1, count + 1):
        if number == note_at:
            lines.append("  # from here on, the panel's recommendations (a hand-written note)")
        lines += [f"  R{number}:", f"    text: Recommendation {number}, written at the length a real one runs to.",
                  "    actions:"]
        for action in range(1, 4):
            lines += [f"      R{number}.{action}:", "        agency: Police", "        due: 2026-09-30",
                      f"        text: Action {action} answering recommendation {number}.", "        updates:"]
            for month in range(1, 6):
                lines += [f"          - on: 2026-0{month}-15", "            status: in-progress",
                          "            note: Progress reported to the QPP subgroup, with evidence.",
                          "            by: Officer One"]
    return "\n".join(lines) + "\n"


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def make_workspace(root: Path, count: int, seed: int = 8) -> list[dt.date]:
    """Write a workspace of `count` reviews at `root` (one commit); return the task due dates."""
    rng = random.Random(seed)
    process = default_process()
    root.mkdir(parents=True)
    (root / "cspr.yaml").write_text(config_text("Benchmark Safeguarding Partnership (fictional)"), encoding="utf-8")
    (root / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    due: list[dt.date] = []
    for number in range(1, count + 1):
        text, review_due = review_text(process, number, rng)
        review_id = text.split("id: ", 1)[1].split("\n", 1)[0].strip('"')
        folder = root / "reviews" / review_id
        folder.mkdir(parents=True)
        (folder / "review.yaml").write_text(text, encoding="utf-8")
        (folder / "notes.md").write_text(f"# Child {number:05d} ({review_id}): notes\n", encoding="utf-8")
        due += review_due
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "config", "user.name", "Bench Officer")
    git(root, "config", "user.email", "bench.officer@example.org")
    git(root, "config", "commit.gpgSign", "false")
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "--no-verify", "-m", f"{count} synthetic reviews")
    return due
