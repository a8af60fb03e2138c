"""`cspr import`: move a spreadsheet tracker's reviews into the workspace, all or nothing, in one commit."""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cspr.errors import CsprError, TrackerRefused, UsageError
from cspr.record.importing import Problem
from cspr.storage.workspace import Workspace


@dataclass(frozen=True)
class Imported:
    """One review the tracker creates or changes, and what is recorded on it."""

    review_id: str
    child: str
    created: bool
    changes: tuple[str, ...]


@dataclass(frozen=True)
class ImportResult:
    source: str
    reviews: tuple[Imported, ...]  # only those created or changed
    unchanged: int  # rows (with --update) that matched their review already
    commit: str | None  # None for --dry-run, or when nothing differed


def import_tracker(workspace: Workspace, path: Path, *, today: dt.date, dry_run: bool = False,
                   update: bool = False, by: str | None = None) -> ImportResult:
    """Check every row of the tracker, then write every review and commit once; or refuse, listing
    every problem as FILE:SHEET!CELL (FILE:ROW:COLUMN for CSV), with nothing written."""
    from cspr.git import repo as gitrepo
    from cspr.git.change import Change, workspace_lock
    from cspr.record.importing import match_headings
    from cspr.storage.paths import relative
    from cspr.storage.private import read_terms
    from cspr.storage.tracker import read_tracker

    tracker = read_tracker(path)
    shown = str(relative(path.resolve())) if path.is_absolute() else str(path)
    officer = gitrepo.officer_for(workspace.root, by)
    columns, problems = match_headings(tracker.headings, workspace.process)
    if problems:
        raise _refused(shown, problems)
    terms = read_terms(workspace.root) or []
    with workspace_lock(workspace):
        found, writes, unchanged, problems = _check_rows(workspace, tracker, columns, terms, today=today,
                                                         update=update, officer=officer.name)
        if problems:
            raise _refused(shown, problems)
        if dry_run or not writes:
            return ImportResult(shown, tuple(found), unchanged, None)
        change = Change(workspace, officer, None, "import")
        for file, text in writes:
            change.write(file, text)
        created = sum(1 for r in found if r.created)
        counts = [f"{created} new review{'s' if created != 1 else ''}"]
        if len(found) - created:
            counts.append(f"{len(found) - created} updated")
        body = "\n".join(f"{r.review_id}: {'; '.join(r.changes)}" for r in found)
        new_folders = [workspace.review_dir(r.review_id) for r in found if r.created]
        try:
            commit = change.commit(f"import from {path.name}: {', '.join(counts)}", body)
        except BaseException:
            for folder in new_folders:
                with contextlib.suppress(OSError):
                    folder.rmdir()
            raise
    return ImportResult(shown, tuple(found), unchanged, commit)


def _refused(shown: str, problems: list[Problem]) -> TrackerRefused:
    count = len(problems)
    return TrackerRefused(
        f"{shown}: {count} problem{'s' if count != 1 else ''}, so nothing was imported; "
        "correct the tracker and run 'cspr import' again",
        [f"{shown}:{p.where}: {p.message}" for p in problems],
    )


def _check_rows(workspace: Workspace, tracker, columns, terms: list[str], *, today: dt.date, update: bool,
                officer: str) -> tuple[list[Imported], list[tuple[Path, str]], int, list[Problem]]:
    """Every row applied in memory: what each review becomes, the files to write, the problems."""
    from cspr.git.change import refuse_hand_edits, serialise_review
    from cspr.model.deadlines import ReviewSchedule
    from cspr.model.ids import review_id_for
    from cspr.ops.new import new_review_files, unique
    from cspr.record.importing import Problem, apply_row, read_row
    from cspr.record.new_review import new_review_text
    from cspr.storage.paths import check_id
    from cspr.storage.yamlio import load_document, parse_text

    process = workspace.process
    problems: list[Problem] = []
    found: list[Imported] = []
    writes: list[tuple[Path, str]] = []
    unchanged = 0
    rows_of: dict[str, str] = {}  # review ID -> the cell that claimed it

    def schedule(review):
        return ReviewSchedule(process, review, workspace.calendar, today)

    for number, cells in tracker.rows:
        row, row_problems = read_row(number, cells, columns, process, today, terms)
        problems += row_problems
        if row is None:
            continue
        values = row.values
        missing = [key for key in ("child", "aware") if key not in values and key not in row.unreadable]
        for key in missing:
            heading = "Child" if key == "child" else "Aware"
            problems.append(Problem(row.where(key) if key in row.cells else row.first.where,
                                    f"row {number}: {heading} is empty; every review needs "
                                    f"{'the pseudonym' if key == 'child' else 'the date the LA became aware'}"))
        if missing or {"child", "aware", "id"} & row.unreadable:
            continue
        child, aware = values["child"], values["aware"]
        id_key = "id" if "id" in values else "child"
        try:
            review_id = check_id(values.get("id") or review_id_for(aware.year, child))
        except CsprError as exc:
            problems.append(Problem(row.where(id_key), str(exc)))
            continue
        if review_id in rows_of:
            problems.append(Problem(row.where(id_key), f"review {review_id} is also in {rows_of[review_id]}; "
                                    "give one of them its own ID"))
            continue
        rows_of[review_id] = row.where(id_key)
        review_path = workspace.review_path(review_id)
        exists = workspace.review_dir(review_id).exists()
        if exists and not update:
            problems.append(Problem(row.where(id_key), f"review {review_id} already exists; use --update to "
                                    "record what differs, or give this row another ID"))
            continue
        if exists:
            try:
                if not review_path.is_file():
                    workspace.load_review(review_id)
                refuse_hand_edits(workspace, [review_path])
                document = load_document(review_path, whole_for="cspr import --update")
            except CsprError as exc:
                problems.append(Problem(row.where(id_key), str(exc)))
                continue
        else:
            agencies = unique(values.get("agencies") or list(workspace.config.agencies))
            text = new_review_text(process, review_id, child, aware, agencies=agencies,
                                   themes=unique(values.get("themes") or []))
            document = parse_text(text, review_path)
        outcome = apply_row(process, row, review_id, document, today=today, by=officer, update=exists,
                            schedule=schedule)
        if outcome.problems:
            problems += outcome.problems
            continue
        if exists and not outcome.changes:
            unchanged += 1
            continue
        try:
            text = serialise_review(review_path, document, review_id)
        except CsprError as exc:
            problems.append(Problem(row.first.where, str(exc)))
            continue
        writes.append((review_path, text))
        changes = list(outcome.changes)
        if not exists:
            writes += new_review_files(workspace, review_id, child)
            changes.insert(0, f"new review for {child} (aware {aware.isoformat()})")
        found.append(Imported(review_id, child, not exists, tuple(changes)))
    return found, writes, unchanged, problems


def write_template(workspace: Workspace, output: Path) -> int:
    """An empty tracker with the headings, a notes sheet and data validation; the number of columns."""
    from cspr.present.xlsx import tracker_template
    from cspr.record.importing import template_columns
    from cspr.storage.yamlio import write_output

    if output.suffix.lower() != ".xlsx":
        raise UsageError(f"--template {output}: the template is an Excel workbook; name it FILE.xlsx")
    if output.exists():
        raise UsageError(f"--template {output} already exists; choose a new file name (nothing was written)")
    columns = template_columns(workspace.process)
    data = tracker_template(columns, list(workspace.process.tracks), workspace.config.partnership)
    write_output(output, data, "--template")
    return len(columns)
