"""`make mutate`: mutation testing (mutmut) of cspr's model, record, reports and storage layers.

Each package runs on its own, in a copy of the checkout under `.mutate/PACKAGE/`, with only
the tests that matter for it: mutmut then runs, for each mutant, only those of them that
reached the mutated function. (Run over the whole suite, a fault in `parse_date` would run
every command-line test, a minute each; the tests below notice the same faults in seconds.)
Results are kept between runs: mutmut tests again the functions that changed, and this script
tries every mutant that survived last time again (the tests may have changed since).

    python scripts/mutate.py [PACKAGE ...] [--jobs N] [--only 'cspr.model.deadlines.*' ...]

Prints, per package, the mutants killed out of those tried, the score, the time taken, and
every mutant that survived (see them with `cd .mutate/PACKAGE && mutmut show NAME`).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".mutate"

# The tests that can notice a fault in each package and run in a second or so: the pure tests
# of the rules and the storage tests. Command-line tests with real git notice more, but cost
# a second or more each, run for every mutant of every function they reach: `make test` runs
# them, and docs/testing.md says what each package's score stands on.
TESTS = {
    "model": ["tests/model", "tests/record", "tests/cli/test_process_validation.py"],
    "record": ["tests/record", "tests/cli/test_import.py", "tests/cli/test_chase.py",
               "tests/cli/test_withhold_looked_after.py"],  # importing, chasing, withholding: CLI tests only
    "reports": ["tests/model/test_boundaries.py", "tests/record", "tests/cli/test_overdue.py",
                "tests/cli/test_stats.py", "tests/cli/test_timeline.py"],
    "storage": ["tests/storage"],
}

# A fresh interpreter started by a test cannot load mutated code: those tests stay with `make test`.
DESELECT = "not imports_no_heavy_module and not module_entry_point"


def config(package: str) -> str:
    tests = ", ".join(f'"{path}"' for path in TESTS[package])
    return f"""
[tool.mutmut]
source_paths = ["cspr/"]
only_mutate = ["cspr/{package}/*"]
pytest_add_cli_args_test_selection = [{tests}]
pytest_add_cli_args = ["-p", "no:cacheprovider", "-x", "-q", "-k", "{DESELECT}"]
also_copy = ["templates/", "reviews/", "cspr.yaml", "README.md", "docs/"]
"""


def checkout_copy(package: str) -> Path:
    """The checkout's files (committed or not, less ignored ones) copied to .mutate/PACKAGE."""
    work = WORK / package
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
                            cwd=ROOT, check=True, capture_output=True, text=True).stdout.split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            target = work / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    with open(work / "pyproject.toml", "a", encoding="utf-8") as pyproject:
        pyproject.write(config(package))
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


def mutmut_run(work: Path, package: str, jobs: int, names: list[str]) -> int:
    with open(WORK / f"{package}.log", "a", encoding="utf-8") as log:
        return subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children", str(jobs), *names],
                              cwd=work, stdout=log, stderr=subprocess.STDOUT).returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("packages", nargs="*", default=list(TESTS), choices=list(TESTS), metavar="PACKAGE")
    parser.add_argument("--jobs", type=int, default=2, help="mutants tested at once (default 2)")
    parser.add_argument("--only", action="append", default=[], metavar="GLOB",
                        help="test only the mutants whose names match (a module: 'cspr.model.dates.*')")
    options = parser.parse_args()
    summary = []
    for package in options.packages:
        work = checkout_copy(package)
        started = time.monotonic()
        (WORK / f"{package}.log").unlink(missing_ok=True)
        before = results(work) if (work / "mutants").is_dir() else {}
        failed = mutmut_run(work, package, options.jobs, options.only)
        found = results(work) if not failed else {}
        # named with --only, every matching mutant was just tried again anyway
        again = [] if options.only else [
            name for name, status in before.items() if status in NOT_KILLED and name in found]
        if again and not failed:
            failed = mutmut_run(work, package, options.jobs, again)
            found = results(work)
        minutes = (time.monotonic() - started) / 60
        if failed:
            print(f"cspr/{package}: mutmut failed (exit {failed}); see .mutate/{package}.log")
            return 1
        tried = {name: status for name, status in found.items() if status != "not checked"}
        killed = sum(status in ("killed", "timeout") for status in tried.values())
        for name, status in sorted(tried.items()):
            if status not in ("killed", "timeout"):
                print(f"  {status}: {name}")
        score = 100 * killed / len(tried) if tried else 0.0
        summary.append(f"cspr/{package:<8} {killed:5d} of {len(tried):5d} mutants killed: {score:5.1f} %"
                       f"  ({minutes:.1f} min)")
    print("\n".join(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
