"""`make mutate`: mutation testing (mutmut) of cspr's model, record, reports and storage layers.

Each package is tried in parts (`PARTS` below): a part is some of the package's modules and
the tests that pin them, run by mutmut on its own in a copy of the checkout under
`.mutate/PART/`. For each mutant, mutmut runs only those of the part's tests that reached
the mutated function, fastest first, and stops at the first failure. Results are kept
between runs: mutmut tests again the functions that changed, and this script tries every
mutant that survived last time again (the tests may have changed since).

    python scripts/mutate.py [PACKAGE ...] [--jobs N] [--only 'cspr.model.deadlines.*' ...]

With --jobs 2 or more, two parts run at once, each with half the jobs (`LONGEST_FIRST`).
Prints, per package, the mutants killed out of those tried, the score, the time its parts took,
and every mutant that survived (see one with `cd .mutate/PART && mutmut show NAME`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".mutate"


@dataclass(frozen=True)
class Part:
    """Some modules of a package (None: the ones no other part of it names) and their tests."""

    package: str
    name: str
    modules: tuple[str, ...] | None
    tests: tuple[str, ...]


# Why parts: a surviving mutant costs every selected test that reached its function, and a
# command-line test (a real git workspace, `cspr init`, commits) costs a second or more under
# load. A function every command calls (reading a date, a review, the process) would run every
# command-line test for each of its survivors: hours. So each package is tried with its pure
# tests (tests/model, tests/record, tests/reports need no disk or git; tests/storage uses real
# files and git but no more than it needs), and the mail transport with its own tests against
# a real SMTP server (tests/storage/test_mail_transport.py: they kill every mutant the command-
# line tests of `cspr chase` killed, and more, in 25 s where those took 2.4 min). The tracker
# import's command-line tests are left out: a surviving mutant of importing.py would run all of
# them, and tests/record pins the import's rules. `PURE` are the pure tests that live in
# tests/cli beside the command-line tests of the same command.
PURE = (
    *(f"tests/cli/test_process_validation.py::{name}" for name in (
        "test_a_refused_stage_names_the_key_at_fault", "test_unknown_top_level_keys_are_refused",
        "test_flags_and_a_name_are_read", "test_an_interval_is_at_least_one_week_or_month",
        "test_intervals_read_as_a_person_writes_them", "test_a_recurrence_keeps_its_until_in_plain_words")),
    "tests/cli/test_review_ids.py::test_matching_rules",
    "tests/cli/test_briefing.py::test_paragraphs_and_the_seven_parts_share_out_the_learning",
    "tests/cli/test_briefing.py::test_terms_match_whole_words_in_any_case_across_lines",
)
# Five tests of tests/reports work on the benchmark generator's reviews: a module's fixture
# writes and reads a 200-review workspace (0.5 s and more in each mutant's process), and mutmut
# counts every model function it calls as reached by the first of them. So each surviving mutant
# of a deadline or a review field paid for a workspace: two thirds of the model part's time, and
# in a run of the model part they killed no mutant first. They pin the reports (index against
# agenda, every row and rating reached) and run in that part, not in the model's.
GENERATED = tuple(f"--deselect=tests/reports/{test}" for test in (
    "test_board_rating.py::test_every_rating_and_reason_is_reached",
    "test_board_rating.py::test_the_rating_from_the_rows_is_the_rating_of_the_items",
    "test_board_rating.py::test_the_next_stage_found_with_the_rating_is_the_next_stage",
    "test_review_index.py::test_the_generated_reviews_reach_every_kind_of_row",
    "test_review_index.py::test_the_index_gives_the_items_the_agenda_gives"))
# The one command-line test kept in tests/record (a real workspace, four commands and git, 0.4 s)
# reaches 66 functions of the model: a fifth of the model part's survivors' time, for a rule
# the pure tests beside it pin. It runs in the record part, whose mutants it is about.
THROUGH_THE_CLI = (
    "--deselect=tests/record/test_recording_rules.py::"
    "test_closing_a_review_that_closed_itself_is_refused_through_the_cli",)
PARTS = (
    Part("model", "model", None, ("tests/model", "tests/record", "tests/reports", *PURE, *GENERATED,
                                  *THROUGH_THE_CLI)),
    Part("record", "record", None, ("tests/record", "tests/cli/test_withhold_looked_after.py")),
    Part("reports", "reports", None, ("tests/reports", "tests/model/test_boundaries.py", "tests/record", *PURE,
                                      *THROUGH_THE_CLI)),
    # Storage in groups of modules, each with its own tests: a surviving mutant of the YAML
    # reader ran every storage test that reads a file (16 to 55 s), the cache tests' git
    # workspaces among them. The cache differential test (a 150-review workspace, 20 s) stays
    # with `make test`: the cache tests here pin each way a cache could be wrongly trusted.
    Part("storage", "storage-yaml", ("plain_yaml.py", "yamlio.py"), tuple(
        f"tests/storage/test_{name}.py" for name in (
            "plain_yaml", "partial_yaml", "yaml_files", "yamlio", "output_files", "storage_safety",
            "review_text"))),
    # The partial reader, a part of its own so that the YAML modules' survivors (the longest
    # work of a run) are shared by both lanes; only its own tests reach it (the others read
    # files below the size at which a review is read part by part).
    Part("storage", "storage-partial", ("partial_yaml.py",), ("tests/storage/test_partial_yaml.py",)),
    Part("storage", "storage-cache", (
        "cache.py", "review_cache.py", "review_reader.py", "agenda_cache.py", "facts_cache.py",
        "index_cache.py", "report_facts.py", "forked.py", "bank_holidays.py"), tuple(
        f"tests/storage/test_{name}.py" for name in (
            "cache", "cache_encoding", "cache_trust", "agenda", "agenda_encoding", "facts_cache",
            "report_facts", "forked", "review_text"))),
    # the workspace, its paths, the restricted terms and the tracker files
    Part("storage", "storage", None, tuple(f"tests/storage/test_{name}.py" for name in (
        "finding_the_workspace", "review_folders", "review_lookup", "review_text", "tracker_files",
        "yaml_files", "storage_safety"))),
    Part("storage", "storage-mail", ("smtp.py",), ("tests/storage/test_mail_transport.py",)),
)
PACKAGES = tuple(dict.fromkeys(part.package for part in PARTS))

# A mutant that loops forever is stopped after this x (its tests' recorded time, setup
# included, + 1 s) of wall-clock time, or twice that of processor time: 5 s for most, against
# mutmut's default of 15, which such mutants (counted as killed, "timeout") would each spend.
# A mutant whose tests all pass never comes near it: it spends about its tests' time.
TIMEOUT_MULTIPLIER = 5.0

# A fresh interpreter started by a test cannot load mutated code: those tests stay with `make test`.
# (Each counts the modules a `cspr` command imports; under mutmut every mutated module imports mutmut.)
DESELECT = "not imports_no_heavy_module and not module_entry_point and not reads_no_review"


def files(part: Part) -> list[str]:
    """The part's modules as mutmut's globs; the rest of the package when it names none."""
    if part.modules is not None:
        return [f"cspr/{part.package}/{module}" for module in part.modules]
    return [f"cspr/{part.package}/*"]


def config(part: Part) -> str:
    def listed(items: list[str] | tuple[str, ...]) -> str:
        return ", ".join(f'"{item}"' for item in items)

    others = [] if part.modules is not None else [
        name for other in PARTS if other.package == part.package and other.modules is not None
        for name in files(other)]
    return f"""
[tool.mutmut]
source_paths = ["cspr/"]
only_mutate = [{listed(files(part))}]
do_not_mutate = [{listed(others)}]
pytest_add_cli_args_test_selection = [{listed(part.tests)}]
pytest_add_cli_args = ["-p", "no:cacheprovider", "-x", "-q", "-k", "{DESELECT}"]
timeout_multiplier = {TIMEOUT_MULTIPLIER}
process_isolation = "forkserver"
also_copy = ["templates/", "reviews/", "cspr.yaml", "README.md", "docs/", "bench/"]
"""


def checkout_copy(part: Part) -> Path:
    """The checkout's files (committed or not, less ignored ones) copied to .mutate/PART."""
    work = WORK / part.name
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
                            cwd=ROOT, check=True, capture_output=True, text=True).stdout.split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            target = work / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    with open(work / "pyproject.toml", "a", encoding="utf-8") as pyproject:
        pyproject.write(config(part))
    # the demo workspace's caches are never carried from one mutant or run to the next
    shutil.rmtree(work / "mutants" / ".cspr", ignore_errors=True)
    return work


def results(work: Path) -> dict[str, str]:
    shown = subprocess.run([sys.executable, "-m", "mutmut", "results", "--all", "true"], cwd=work,
                           check=True, capture_output=True, text=True).stdout
    found = {}
    for line in shown.splitlines():
        name, _, status = line.strip().partition(": ")
        if name:
            found[name] = status
    return found


NOT_KILLED = ("survived", "no tests", "suspicious", "segfault")


def mutmut_run(work: Path, part: Part, jobs: int, names: list[str]) -> int:
    """mutmut's `run`, through scripts/mutate_runner.py (each mutant's tests in a session collected once)."""
    temporary = Path(tempfile.gettempdir()) / f"cspr-mutate-{os.getpid()}-{part.name}"
    try:
        with open(WORK / f"{part.name}.log", "a", encoding="utf-8") as log:
            return subprocess.run([sys.executable, str(ROOT / "scripts" / "mutate_runner.py"), "run",
                                   "--max-children", str(jobs), *names],
                                  cwd=work, stdout=log, stderr=subprocess.STDOUT,
                                  env={**os.environ, "CSPR_MUTATE_TMP": str(temporary)}).returncode
    finally:
        # the folders of mutants stopped by the time limit, which could not remove their own
        shutil.rmtree(temporary, ignore_errors=True)


def may_match(part: Part, globs: list[str]) -> bool:
    """Whether a mutant named by one of the --only globs could be in the part's modules."""
    if not globs:
        return True
    def named(one: Part) -> list[str]:
        return [f"cspr.{one.package}.{module.removesuffix('.py')}." for module in one.modules or ()]

    modules = named(part) if part.modules is not None else [f"cspr.{part.package}."]
    # the rest of a package (a part naming no modules) holds none of the modules other parts name
    elsewhere = [] if part.modules is not None else [
        module for other in PARTS if other.package == part.package for module in named(other)]
    prefixes = [glob.split("*")[0].split("?")[0].split("[")[0] for glob in globs]
    return any((prefix.startswith(module) or module.startswith(prefix))
               and not any(prefix.startswith(other) for other in elsewhere)
               for prefix in prefixes for module in modules)


def run_part(part: Part, jobs: int, only: list[str]) -> dict[str, str] | None:
    """The status of each of the part's mutants after a run, or None if mutmut failed."""
    work = checkout_copy(part)
    (WORK / f"{part.name}.log").unlink(missing_ok=True)
    before = results(work) if (work / "mutants").is_dir() else {}
    if mutmut_run(work, part, jobs, only):
        return None
    found = results(work)
    # named with --only, every matching mutant was just tried again anyway
    again = [] if only else [name for name, status in before.items() if status in NOT_KILLED and name in found]
    if again:
        if mutmut_run(work, part, jobs, again):
            return None
        found = results(work)
    return found


# The parts, longest first: two parts run at once, each one mutant at a time, so that one part's
# fixed work (mutmut runs its tests for the stats, clean, and with a forced failure: a single
# process, minutes for the model part) overlaps the other's mutants instead of leaving a core
# idle; longest first, so that what is left at the end, one part alone, is short (the parts'
# times in the latest whole run: docs/testing.md, "Latest scores").
LONGEST_FIRST = ("model", "storage-cache", "reports", "storage-yaml", "storage-partial", "record", "storage",
                 "storage-mail")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("packages", nargs="*", default=list(PACKAGES), choices=PACKAGES, metavar="PACKAGE")
    parser.add_argument("--jobs", type=int, default=2, help="mutants tested at once (default 2)")
    parser.add_argument("--only", action="append", default=[], metavar="GLOB",
                        help="test only the mutants whose names match (a module: 'cspr.model.dates.*')")
    options = parser.parse_args()
    WORK.mkdir(exist_ok=True)
    parts = sorted((part for part in PARTS if part.package in options.packages and may_match(part, options.only)),
                   key=lambda part: LONGEST_FIRST.index(part.name))
    at_once = max(1, min(2, options.jobs, len(parts)))
    started = time.monotonic()
    found: dict[str, dict[str, str] | None] = {}
    minutes: dict[str, float] = {}

    def run(part: Part) -> None:
        begun = time.monotonic()
        found[part.name] = run_part(part, max(1, options.jobs // at_once), options.only)
        minutes[part.name] = (time.monotonic() - begun) / 60
        print(f"  part {part.name}: {minutes[part.name]:.1f} min", flush=True)

    with ThreadPoolExecutor(max_workers=at_once) as pool:
        list(pool.map(run, parts))
    summary = []
    for package in options.packages:
        tried: dict[str, str] = {}
        for part in (part for part in parts if part.package == package):
            if found[part.name] is None:
                print(f"cspr/{package}: mutmut failed on part {part.name}; see .mutate/{part.name}.log")
                return 1
            tried.update((name, status) for name, status in found[part.name].items() if status != "not checked")
            for name, status in sorted(found[part.name].items()):
                if status in NOT_KILLED:
                    print(f"  {status}: {name}  ({part.name})")
        killed = sum(status in ("killed", "timeout") for status in tried.values())
        timeouts = sum(status == "timeout" for status in tried.values())
        score = 100 * killed / len(tried) if tried else 0.0
        spent = sum(minutes[part.name] for part in parts if part.package == package)
        summary.append(f"cspr/{package:<8} {killed:5d} of {len(tried):5d} mutants killed ({timeouts} by timeout): "
                       f"{score:5.1f} %  (its parts: {spent:.1f} min)")
    summary.append(f"all: {(time.monotonic() - started) / 60:.1f} min, {at_once} parts at once")
    print("\n".join(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
