"""`mutmut` as `make mutate` runs it: each mutant's tests run in a pytest session collected once.

    cd .mutate/PART && python ../../scripts/mutate_runner.py run [--max-children N] [NAME ...]

mutmut 3 forks a process per mutant from a fork server that has imported the tests, and each
of those calls `pytest.main` with the mutant's test ids: the command line is parsed, some
twenty plugins are registered, the test files are collected again, and at the end the session
is torn down and old temporary folders are swept. For a mutant that the first test kills that
is nearly all of its cost (about 60 ms of processor time, against a few for the test). Here
the fork server opens one pytest session and collects the part's tests once; each mutant's
process runs its tests through that session's own loop (`pytest_runtestloop`, so fixtures,
capture, warnings and `-x` behave as in `pytest.main`) and exits. mutmut's stats, clean and
forced-fail runs still go through `pytest.main`.

Two more changes, neither of which changes which tests run for a mutant, nor their verdict:
- A test's recorded time counts its fixtures' setup and teardown, not only its call: mutmut
  runs a mutant's tests cheapest first by that time, and a test that builds a git workspace
  is not cheap however quick its body.
- Hypothesis does not shrink a failing example or explain it (the `mutation` profile): a
  mutant is killed by the first failure, and the smallest example showing it is of no use.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import json
import os
import shutil
import signal
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NoReturn

from hypothesis import Phase, settings

# Loaded before any test module is imported (the processes that import them are forked from
# this one), so the tests' own `@settings(...)` inherit it.
settings.register_profile("mutation", phases=[phase for phase in Phase
                                              if phase not in (Phase.shrink, Phase.explain)])
settings.load_profile("mutation")

from importlib.metadata import version  # noqa: E402

# what follows uses mutmut's runner and fork server as 3.8 has them
if not version("mutmut").startswith("3.8."):
    sys.exit(f"scripts/mutate_runner.py is written for mutmut 3.8, not {version('mutmut')}: "
             "pip install 'mutmut>=3.8,<3.9'")

import mutmut.__main__  # noqa: E402  (after the profile: see above)
import mutmut.workers.isolation  # noqa: E402
from mutmut.runners.harness import PytestRunner  # noqa: E402
from mutmut.state import state  # noqa: E402
from mutmut.utils.file_utils import change_cwd  # noqa: E402
from mutmut.utils.format_utils import mangled_name_from_mutant_name, strip_prefix  # noqa: E402

# Where each mutant's process keeps its tests' temporary folders (`tmp_path`), one folder per
# process, removed when it ends; scripts/mutate.py removes the whole folder after the run.
# Outside the checkout: a test that expects no git repository around its folder must find none.
TEMPORARY = Path(os.environ.get("CSPR_MUTATE_TMP", "/tmp/cspr-mutate"))
# With CSPR_MUTATE_TRACE=FILE, each mutant's process adds a line to FILE: its processor and
# wall time and each test phase it ran, to see where a run's time goes. With CSPR_MUTATE_PLAIN
# set, each mutant's tests go through `pytest.main` as mutmut runs them, and with
# CSPR_MUTATE_NOPRELOAD the libraries below are not imported ahead, to compare.
TRACE = os.environ.get("CSPR_MUTATE_TRACE")
PLAIN = bool(os.environ.get("CSPR_MUTATE_PLAIN"))


# Libraries cspr imports inside the functions that need them (a fast `cspr --help`), imported
# once by the fork server instead of by each mutant's process: `holidays` alone is some 300
# modules (every country's), 0.15 s of processor time for each mutant whose tests reach the
# calendar. Libraries only: a module of cspr imported here would do its import-time work
# unmutated.
PRELOAD = ("holidays.countries", "git", "jinja2.sandbox", "openpyxl", "docxtpl", "icalendar", "rich.console")


# What cspr remembers in a module's globals, filled by unmutated code while the fork server
# collected the tests (a test module's parameters read YAML): each mutant's process starts
# without it, as a fresh `cspr` would, or the memo answers instead of the mutated function (the
# YAML loaders' settings in `yamlio._yaml` were never tried). `lru_cache`s are found by themselves.
MEMOS = (("cspr.storage.yamlio", "_LOADERS"), ("cspr.storage.plain_yaml", "_LINE_TOKENS"),
         ("cspr.storage.partial_yaml", "_KEY_LINES"))


def forget_memos(keep: tuple[tuple[str, str], ...] = ()) -> None:
    """Empty cspr's memos in this (a mutant's) process, but those in `keep`."""
    for name, memo in MEMOS:
        module = sys.modules.get(name)
        if module is not None and (name, memo) not in keep:
            getattr(module, memo).clear()
    for name, module in list(sys.modules.items()):
        if name == "cspr" or name.startswith("cspr."):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", None) == name:
                    value.cache_clear()


# A mutant's process that calls `os._exit` itself (a mutant of `forked._fork` taking the parent
# for the child, which works a share, writes it and leaves with 0) ends before its tests do,
# with a code that mutmut would read as "every test passed".
EXITED_IN_A_TEST = 1


@contextlib.contextmanager
def exits_counted_as_failures() -> Iterator[None]:
    """While a mutant's tests run, `os._exit` in this process (not in one it forked) is a failure."""
    real_exit, me = os._exit, os.getpid()

    def _exit(code: int) -> NoReturn:
        real_exit(EXITED_IN_A_TEST if os.getpid() == me else code)

    os._exit = _exit
    try:
        yield
    finally:
        os._exit = real_exit


class TimeBudget:
    """A mutant's time limit shared out among its tests as they run (a pytest plugin).

    mutmut stops a mutant at 5 x (its tests' recorded time + 1 s) of wall-clock time, and so
    waits that long for one that loops forever: 50 s and more in the YAML parts, where the loop
    is met in the first test (the one that killed the function's other mutants) but a survivor
    runs some 10 s of tests. Here the n-th test may run until the mutant has used 5 x (the
    recorded time of the first n tests + 1 s) of processor time: the same limit once every test
    has run, met sooner by a loop. Stopped, the mutant's process ends by SIGXCPU, as mutmut's
    limit ends it, and counts as killed ("timeout"). A test whose time was not recorded lifts
    this limit for the mutant (mutmut's own still holds).
    """

    started: float | None = None  # the mutant's processor time when its tests began; None: off
    allowed: float = 0.0  # the recorded time of the tests begun so far, + the constant
    mutant: str = ""

    @classmethod
    def begin(cls, mutant: str) -> None:
        from mutmut.configuration import config

        cls.started, cls.allowed, cls.mutant = time.process_time(), config().timeout_constant, mutant
        signal.signal(signal.SIGPROF, cls._out_of_time)

    @classmethod
    def end(cls) -> None:
        signal.setitimer(signal.ITIMER_PROF, 0)
        cls.started = None

    def pytest_runtest_logstart(self, nodeid: str, location: Any) -> None:
        from mutmut.configuration import config

        if self.started is None:
            return
        recorded = state().duration_by_test.get(nodeid)
        if recorded is None:
            TimeBudget.end()
            return
        TimeBudget.allowed += recorded
        left = config().timeout_multiplier * self.allowed - (time.process_time() - self.started)
        signal.setitimer(signal.ITIMER_PROF, max(left, 0.001))

    @classmethod
    def _out_of_time(cls, signum: int, frame: Any) -> None:
        if TRACE:
            with open(TRACE, "a", encoding="utf-8") as trace:
                trace.write(json.dumps({"mutant": cls.mutant, "exit": "timeout", "tests": None,
                                        "wall": None, "cpu": round(time.process_time() - (cls.started or 0), 4),
                                        "reports": Reports.seen}) + "\n")
        signal.signal(signal.SIGXCPU, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGXCPU)


class Reports:
    """Each test phase's report in this process (a pytest plugin)."""

    seen: list[tuple[str, str, float, str]] = []

    def pytest_runtest_logreport(self, report: Any) -> None:
        self.seen.append((report.nodeid, report.when, round(report.duration, 4), report.outcome))


def killers(function: str) -> Path:
    """The file naming, a line each, the tests that killed a mutant of this function in this run."""
    return TEMPORARY / "killed-by" / function


def in_order(tests: Iterable[str], function: str) -> list[str]:
    """The tests that killed most of the function's mutants so far first, then cheapest first.

    Mutants of one function are tried one after another, and most are killed by the same few
    tests; mutmut's order alone (cheapest first) runs every cheaper test before them each time.
    """
    try:
        kills = Counter(killers(function).read_text(encoding="utf-8").splitlines())
    except OSError:
        kills = Counter()
    cost = state().duration_by_test
    return sorted(tests, key=lambda test: (-kills[test], cost.get(test, float("inf"))))


class CollectedOnce(PytestRunner):
    """mutmut's pytest runner, but a mutant's tests run in the fork server's collected session."""

    session: Any = None
    items: dict[str, Any] = {}

    def warm_up(self) -> None:
        """In the fork server: configure pytest, start a session and collect the part's tests."""
        import _pytest.config
        from _pytest.main import Session

        args = ["--rootdir=.", "--tb=native", "-x", "-q", "-p", "no:randomly", "-p", "no:random-order",
                *self._pytest_add_cli_args_test_selection, *self._pytest_add_cli_args]
        try:
            with change_cwd("mutants"):
                config = _pytest.config._prepareconfig(args)
                config._do_configure()
                session = Session.from_config(config)
                session.exitstatus = 0
                config.hook.pytest_sessionstart(session=session)
                config.hook.pytest_collection(session=session)
        except Exception:
            # pytest's own session steps are not its public interface: should a later pytest
            # change them, every mutant goes through pytest.main, slower but the same
            return
        if session.testsfailed:
            return  # a collection error: every mutant goes through pytest.main, which reports it
        config.pluginmanager.register(Reports(), "cspr-mutate-reports")
        config.pluginmanager.register(TimeBudget(), "cspr-mutate-time-budget")
        CollectedOnce.items = {item.nodeid: item for item in session.items}
        (TEMPORARY / "killed-by").mkdir(parents=True, exist_ok=True)
        cheapest = min(self.items, key=lambda test: state().duration_by_test.get(test, 0), default=None)
        if cheapest is None or not self._passes_unmutated(session, cheapest):
            return  # this way is broken here: every mutant goes through pytest.main instead
        if not os.environ.get("CSPR_MUTATE_NOPRELOAD"):
            for library in PRELOAD:
                importlib.import_module(library)
        CollectedOnce.session = session
        # the forked processes share these objects' pages instead of copying them when a
        # collection walks them
        gc.freeze()

    def _passes_unmutated(self, session: Any, test: str) -> bool:
        """Whether a test passes run this way with no mutant, in a process thrown away after."""
        child = os.fork()
        if child == 0:
            self.session = session  # in this process only
            factory = session.config._tmp_path_factory
            factory._given_basetemp, factory._basetemp = TEMPORARY / str(os.getpid()), None
            try:
                with change_cwd("mutants"):
                    code = self._run_collected([self.items[test]])
            except BaseException:
                code = 3
            shutil.rmtree(TEMPORARY / str(os.getpid()), ignore_errors=True)
            os._exit(code)
        return os.waitstatus_to_exitcode(os.waitpid(child, 0)[1]) == 0

    def run_tests(self, *, mutant_name: str | None, tests: Iterable[str]) -> int:
        if mutant_name is None:
            return super().run_tests(mutant_name=mutant_name, tests=tests)
        function = mangled_name_from_mutant_name(mutant_name)
        tests = in_order(tests, function)
        own = TEMPORARY / str(os.getpid())
        started, used = time.monotonic(), os.times()
        forget_memos()
        code = None
        try:
            if PLAIN or self.session is None or not all(test in self.items for test in tests):
                code = super().run_tests(mutant_name=mutant_name, tests=tests)
                return code
            factory = self.session.config._tmp_path_factory
            factory._given_basetemp, factory._basetemp = own, None
            TimeBudget.begin(mutant_name)
            try:
                with change_cwd("mutants"), exits_counted_as_failures():
                    code = self._run_collected([self.items[test] for test in tests])
            finally:
                TimeBudget.end()
            failed = [nodeid for nodeid, _, _, outcome in Reports.seen if outcome == "failed"]
            if failed:
                with open(killers(function), "a", encoding="utf-8") as kills:
                    kills.write(failed[0] + "\n")
            return code
        finally:
            shutil.rmtree(own, ignore_errors=True)
            if TRACE:
                now = os.times()
                with open(TRACE, "a", encoding="utf-8") as trace:
                    trace.write(json.dumps({
                        "mutant": mutant_name, "exit": code, "tests": len(tests),
                        "wall": round(time.monotonic() - started, 4),
                        # with the programs it ran and waited for (git)
                        "cpu": round(sum(now[:4]) - sum(used[:4]), 4),
                        "reports": Reports.seen}) + "\n")

    def _run_collected(self, items: list[Any]) -> int:
        """pytest's exit code for running these items, as `pytest.main` would give it."""
        from _pytest.outcomes import Exit

        session = self.session
        session.items = items
        try:
            session.config.hook.pytest_runtestloop(session=session)
        except session.Failed:
            return 1
        except session.Interrupted:
            return 2
        except Exit as stop:
            return stop.returncode if stop.returncode is not None else 2
        except KeyboardInterrupt:
            return 2
        except BaseException:
            return 3  # pytest.main's "internal error", which mutmut counts as killed
        return 1 if session.testsfailed else 0

    def run_stats(self, *, tests: Iterable[str]) -> int:
        """mutmut's stats run, each test's time counting its setup and teardown as well."""

        class StatsCollector:
            def pytest_runtest_logstart(self, nodeid: str, location: Any) -> None:
                state().duration_by_test[nodeid] = 0
                # Each test starts without cspr's memos, as in a mutant's process: a memo filled
                # by an earlier test hid the function that fills it from every later test, so
                # `yamlio._yaml`'s settings were tried against the one test that first asked
                # for a loader (and only two of its 26 mutants were killed). The fast reader's
                # lines are kept: they are keyed by the line's text, so a test reaches the
                # tokeniser for every line no test read before it, and a test of the reader
                # reads lines of its own; forgotten, each tokeniser survivor would run every
                # test that reads a review file as well.
                forget_memos(keep=(("cspr.storage.plain_yaml", "_LINE_TOKENS"),))

            def pytest_runtest_teardown(self, item: Any, nextitem: Any) -> None:
                for function in state()._stats:
                    state().tests_by_mangled_function_name[function].add(strip_prefix(item.nodeid, prefix="mutants/"))
                state()._stats.clear()

            def pytest_runtest_makereport(self, item: Any, call: Any) -> None:
                state().duration_by_test[item.nodeid] += call.duration

        with change_cwd("mutants"):
            return int(self.execute_pytest(self._pytest_args_regular_run(tests), plugins=[StatsCollector()]))


mutmut.workers.isolation.PytestRunner = CollectedOnce

if __name__ == "__main__":
    sys.exit(mutmut.__main__.cli())
