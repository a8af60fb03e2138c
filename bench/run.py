"""`make bench`: time cspr on synthetic workspaces and print medians, ratios and peak memory.

Every read command is run warm (its caches filled) and once without its caches; `complete`
with its commit; the first run after a fresh clone; start-up; and one action update in a
20 MB review (BENCH_BIG=0 leaves that out). Workspaces of 1,000 and 10,000 fictional reviews
are generated (fixed seed) under $BENCH_DIR, or a temporary folder, never inside the
repository. Each command runs several times (BENCH_RUNS, default 5) and the median is
shown, with its ratio to the baseline it is judged against, measured in the same run on the
same machine: `python3 -c pass` for start-up; Taskwarrior's `task overdue` over 5,000
pending tasks for the report, and over 50,000 at equal scale with 10,000 reviews (where
Taskwarrior is installed; the table says so where it is not). Not part of `make test`:
timings on a shared machine are noisy.

    BENCH_SIZES=100,1000 BENCH_RUNS=3 BENCH_BIG=0 python bench/run.py
    BENCH_SIZES= BENCH_RUNS=1 python bench/run.py      # start-up and the 20 MB review only
"""

from __future__ import annotations

import compileall
import datetime as dt
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the cspr beside this folder, installed or not

from generate import AS_OF, default_process, large_recommendations, make_workspace, review_text  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
COLD_RUNS = max(1, min(RUNS, 3))  # each needs a fresh clone
SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "1000,10000").split(",") if n.strip()]  # empty: none
TASKS = 5_000  # Taskwarrior's baseline: 5 pending tasks with due dates per review of 1,000


@dataclass
class Timing:
    seconds: list[float]
    peak_mib: float
    cpu: list[float] = field(default_factory=list)  # processor seconds (user + system), children included

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu) if self.cpu else float("nan")


def shown(t: Timing) -> str:
    """'546 ms (cpu 300)': the wall clock, and the processor time, which a busy machine inflates less."""
    return f"{t.median * 1000:,.0f} ms (cpu {t.cpu_median * 1000:,.0f})"


def timed(argv: list[str], cwd: Path | None = None, env: dict | None = None, runs: int = RUNS,
          before=None) -> Timing:
    seconds, peaks, cpu = [], [], []
    for _ in range(runs):
        if before:
            cwd = before() or cwd
        elapsed, peak, used = measure(argv, cwd, env)
        seconds.append(elapsed)
        peaks.append(peak)
        cpu.append(used)
    return Timing(seconds, max(peaks), cpu)


def measure(argv: list[str], cwd: Path | None, env: dict | None) -> tuple[float, float, float]:
    """Wall seconds, peak resident memory (MiB) and processor seconds of one run of `argv`.

    The memory is taken by GNU time where it is installed: a forked child's peak starts at its
    parent's size (Linux keeps it across exec), and this benchmark's own process is large, so
    the small `time` process does the forking.
    """
    gnu_time = Path("/usr/bin/time")
    with tempfile.NamedTemporaryFile() as errors, tempfile.NamedTemporaryFile(mode="r") as peak:
        command = [str(gnu_time), "-f", "%M", "-o", peak.name, *argv] if gnu_time.is_file() else argv
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1, 3):  # 1: a review could not be read; 3: --exit-code
            errors.seek(0)
            raise SystemExit(f"{' '.join(argv)} failed ({code}):\n{errors.read().decode()}")
        kilobytes = usage.ru_maxrss
        if gnu_time.is_file():
            kilobytes = int(peak.read().split()[-1])
    return elapsed, kilobytes / 1024, usage.ru_utime + usage.ru_stime  # kilobytes on Linux


def cspr_command() -> list[str]:
    script = Path(sys.executable).with_name("cspr")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "cspr"]


def environment(workspace: Path | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CSPR_", "GIT_"))}
    env.update(CSPR_TODAY=AS_OF.isoformat(), NO_COLOR="1", CSPR_OFFICER="Bench Officer <bench.officer@example.org>",
               PYTHONPATH=str(HERE.parent))
    if workspace is not None:
        env["CSPR_WORKSPACE"] = str(workspace)
    return env


def workspace_for(base: Path, count: int) -> Path:
    """The synthetic workspace of `count` reviews, generated once per bench folder."""
    root = base / f"ws-{count}"
    stamp = root / ".bench-stamp"
    wanted = f"{count} {(HERE / 'generate.py').stat().st_mtime_ns}"
    if stamp.is_file() and stamp.read_text() == wanted:
        return root
    shutil.rmtree(root, ignore_errors=True)
    started = time.perf_counter()
    print(f"  generating {count:,} reviews ...", end="", flush=True)
    make_workspace(root, count)
    (root / ".git" / "info" / "exclude").write_text(".bench-stamp\n")
    stamp.write_text(wanted)
    print(f" {time.perf_counter() - started:.1f} s")
    return root


def taskwarrior(base: Path, due: list[dt.date], tasks: int = TASKS) -> Timing | None:
    if shutil.which("task") is None:
        return None
    data = base / f"taskwarrior-{tasks}"
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    rc = data / "taskrc"
    rc.write_text(f"data.location={data}\nconfirmation=off\nnews.version=2.6.0\n")
    # Taskwarrior judges against the real clock: shift the due dates so as many are overdue
    # today as cspr's are on AS_OF.
    shift = dt.date.today() - AS_OF
    tasks = [
        {"uuid": f"00000000-0000-4000-8000-{i:012d}", "description": f"Stage {i % 19} of review {i // 5:05d}",
         "status": "pending", "entry": "20250101T000000Z", "project": f"review{i // 5:05d}",
         "due": (day + shift).strftime("%Y%m%dT000000Z")}
        for i, day in enumerate(due[:tasks])
    ]
    (data / "tasks.json").write_text(json.dumps(tasks))
    env = {**os.environ, "TASKRC": str(rc)}
    subprocess.run(["task", "import", str(data / "tasks.json")], env=env, check=True, capture_output=True)
    subprocess.run(["task", "overdue"], env=env, capture_output=True)  # settle (gc, first-run work)
    return timed(["task", "overdue"], env=env)


def complete_times(workspace: Path, cspr: list[str]) -> Timing:
    """`cspr complete` on pending stages of the workspace, one commit each (taken back after)."""
    env = environment(workspace)
    report = subprocess.run([*cspr, "overdue", "--format", "json"], env=env, capture_output=True, text=True)
    pending = [i for i in json.loads(report.stdout)["items"]
               if i["agency"] is None and ":" not in i["stage"] and i["status"] == "overdue"
               and i["stage"] not in ("progress-check", "assurance", "needs-timeline")]
    chosen = iter(pending)
    seconds: list[float] = []
    cpu: list[float] = []
    while len(seconds) < RUNS:
        item = next(chosen)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run([*cspr, "complete", item["review"], item["stage"]], env=env, capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode != 0:
            continue  # refused (an earlier stage first): try the next
        seconds.append(elapsed)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    head = subprocess.run(["git", "log", "-1", "--format=%s"], cwd=workspace, capture_output=True, text=True).stdout
    assert head.strip(), "no commit made"
    subprocess.run(["git", "reset", "--quiet", "--hard", f"HEAD~{RUNS}"], cwd=workspace, check=True)
    return Timing(seconds, float("nan"), cpu)


def read_commands(root: Path, scratch: Path) -> list[tuple[str, list[str]]]:
    """Every read command, as a user would run it (board and dashboard write their files)."""
    review = sorted(p.name for p in (root / "reviews").iterdir())[len(list((root / "reviews").iterdir())) // 2]
    return [
        ("overdue --format json", ["overdue", "--format", "json"]),
        ("list", ["list"]),
        ("list --format json", ["list", "--format", "json"]),
        ("show ID", ["show", review]),
        ("actions", ["actions"]),
        ("stats", ["stats"]),
        ("timeline --all", ["timeline", "--all"]),
        ("calendar -o FILE", ["calendar", "-o", str(scratch / "deadlines.ics")]),
        ("check", ["check"]),
        ("log ID", ["log", review]),
        ("board --format md", ["board", "--format", "md", "-o", str(scratch / "board.md")]),
        ("dashboard -o DIR", ["dashboard", "-o", str(scratch / "dashboard")]),
    ]


def big_review(base: Path) -> Path:
    """A workspace whose one review file is about 20 MB (recommendations with long histories)."""
    root = base / "ws-big"
    if (root / ".bench-stamp").is_file():
        return root
    shutil.rmtree(root, ignore_errors=True)
    make_workspace(root, 2)
    path = sorted((root / "reviews").glob("*/review.yaml"))[0]
    head = path.read_text(encoding="utf-8").split("\nrecommendations:")[0]
    one = len(large_recommendations(1)) - len("recommendations:\n")  # the size of one recommendation
    path.write_text(head + "\n" + large_recommendations(20_000_000 // one + 1), encoding="utf-8")
    subprocess.run(["git", "commit", "--quiet", "--no-verify", "-am", "a 20 MB review"], cwd=root, check=True)
    (root / ".git" / "info" / "exclude").write_text(".bench-stamp\n")
    (root / ".bench-stamp").write_text("big")
    return root


def big_update(base: Path, cspr: list[str]) -> tuple[float, float]:
    """Seconds to record one action update in the 20 MB review (with its commit), and its MB."""
    root = big_review(base)
    path = sorted((root / "reviews").glob("*/review.yaml"))[0]
    argv = [*cspr, "action", "update", path.parent.name, "R1.1", "--status", "in-progress", "--note", "More evidence"]
    elapsed, _, _ = measure(argv, None, environment(root))
    subprocess.run(["git", "reset", "--quiet", "--hard", "HEAD~1"], cwd=root, check=True)
    return elapsed, path.stat().st_size / 1e6


def ok(met: bool) -> str:
    return "ok" if met else "MISSED"


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{os.cpu_count()} CPUs ({model}), Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}; load average at start {load}")


def main() -> None:
    base = Path(os.environ.get("BENCH_DIR") or tempfile.mkdtemp(prefix="cspr-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    if Path.cwd().resolve() in (base.resolve(), *base.resolve().parents) and (base / "cspr.yaml").exists():
        raise SystemExit("BENCH_DIR must be outside the repository")
    cspr = cspr_command()
    # cspr's compiled bytecode, as an installed copy has it: where PYTHONDONTWRITEBYTECODE is set
    # (this machine sets it) every run would otherwise compile each module it imports again.
    compileall.compile_dir(HERE.parent / "cspr", quiet=1)
    print(f"cspr benchmark: {RUNS} runs per command (median shown), in {base}")
    print(f"machine: {machine()}\n")

    rows: list[tuple[str, str, str, str, str, str]] = []
    python = timed([sys.executable, "-c", "pass"])
    empty = Path(tempfile.mkdtemp(prefix="cspr-bench-help-"))
    rows.append(("python3 -c pass", "", shown(python), "baseline", "", f"{python.peak_mib:.0f}"))
    for args in (["--version"], ["--help"]):
        t = timed([*cspr, *args], cwd=empty)
        ratio = t.median / python.median
        rows.append((f"cspr {args[0]}", "", shown(t), f"{ratio:.1f}x python",
                     f"<= 4x {ok(ratio <= 4)}", f"{t.peak_mib:.0f}"))

    workspaces = {count: workspace_for(base, count) for count in SIZES}
    baseline_tw = None
    if workspaces:  # the 5,000-task baseline is the target at every size
        rng, process = random.Random(8), default_process()
        due = [day for n in range(1, 1001) for day in review_text(process, n, rng)[1]]
        baseline_tw = taskwarrior(base, due)
        if baseline_tw is None:
            rows.append(("task overdue (5,000 tasks)", "", "not installed", "apt-get install taskwarrior", "", ""))
        else:
            rows.append(("task overdue (5,000 tasks)", "", shown(baseline_tw), "baseline", "",
                         f"{baseline_tw.peak_mib:.0f}"))

    baseline_tw_equal = None
    if 10000 in workspaces and baseline_tw is not None:
        rng, process = random.Random(8), default_process()
        due = [day for n in range(1, 10001) for day in review_text(process, n, rng)[1]]
        baseline_tw_equal = taskwarrior(base, due, TASKS * 10)
        rows.append(("task overdue (50,000 tasks)", "", shown(baseline_tw_equal), "baseline",
                     "", f"{baseline_tw_equal.peak_mib:.0f}"))

    warm: dict[int, Timing] = {}
    scratch = Path(tempfile.mkdtemp(prefix="cspr-bench-out-"))
    for count, root in workspaces.items():
        env = environment(root)
        overdue = [*cspr, "overdue", "--format", "json"]
        clones = base / f"clones-{count}"

        def fresh_clone(root=root, clones=clones):
            shutil.rmtree(clones, ignore_errors=True)
            subprocess.run(["git", "clone", "--quiet", str(root), str(clones)], check=True)
            return clones

        cold = timed(overdue, env=environment(clones), runs=COLD_RUNS, before=fresh_clone)
        shutil.rmtree(clones, ignore_errors=True)
        cold_verdict = {1000: f"< 3 s {ok(cold.median < 3)}", 10000: f"< 2 s {ok(cold.median < 2)}"}.get(count, "")
        rows.append(("first run after a fresh clone (overdue)", f"{count:,}", shown(cold),
                     "no cache", cold_verdict, f"{cold.peak_mib:.0f}"))
        for name, args in read_commands(root, scratch):
            # the dashboard writes a page per open review (8,200 files, 180 MB at 10,000): once is enough
            runs = 1 if name.startswith("dashboard") else RUNS

            def no_cache(root=root):
                shutil.rmtree(root / ".cspr", ignore_errors=True)

            first = timed([*cspr, *args], env=env, runs=1, before=no_cache)  # the caches rebuilt
            subprocess.run([*cspr, *args], env=env, capture_output=True)  # settle the caches
            t = timed([*cspr, *args], env=env, runs=runs)
            if name.startswith("overdue"):
                warm[count] = t
            target, verdict = "", ""
            if count == 10000:
                limit = 1.0 if name.startswith("calendar") else 0.5
                verdict = f"< {limit:g} s, < 200 MiB {ok(t.median < limit and t.peak_mib < 200)}"
                if name.startswith("overdue") and baseline_tw is not None:
                    ratio = t.median / baseline_tw.median
                    cpu_ratio = t.cpu_median / baseline_tw.cpu_median
                    target = f"{ratio:.2f}x task(5,000) (cpu {cpu_ratio:.2f}x)"
                    verdict = f"<= 1.5x {ok(ratio <= 1.5)}"
                    if baseline_tw_equal is not None:
                        target += f", {t.median / baseline_tw_equal.median:.2f}x task(50,000)"
            rows.append((f"cspr {name}", f"{count:,}", shown(t), target, verdict,
                         f"{t.peak_mib:.0f}"))
            rows.append(("  without its caches", f"{count:,}", shown(first), "1 run", "",
                         f"{first.peak_mib:.0f}"))
        if count in (1000, 10000):
            complete = complete_times(root, cspr)
            rows.append(("cspr complete (with its commit)", f"{count:,}", shown(complete), "",
                         f"< 0.5 s {ok(complete.median < 0.5)}", ""))
    if os.environ.get("BENCH_BIG", "1") != "0":
        seconds, megabytes = big_update(base, cspr)
        rows.append((f"cspr action update, one {megabytes:.0f} MB review", "", f"{seconds:,.1f} s", "",
                     f"seconds, not minutes {ok(seconds < 10)}", ""))
    shutil.rmtree(scratch, ignore_errors=True)

    sizes = sorted(warm)
    for small, large in zip(sizes, sizes[1:], strict=False):
        # the cost of each further review: flat when growth is linear
        marginal = (warm[large].median - warm[small].median) / (large - small)
        rows.append((f"  each review added, {small:,} -> {large:,}", "", f"{marginal * 1e6:.0f} us", "", "", ""))
    if len(sizes) >= 3:
        first = (warm[sizes[1]].median - warm[sizes[0]].median) / (sizes[1] - sizes[0])
        last = (warm[sizes[-1]].median - warm[sizes[-2]].median) / (sizes[-1] - sizes[-2])
        rows.append(("growth", f"{sizes[0]:,} -> {sizes[-1]:,}", "", f"{last / first:.2f}x per review",
                     "linear: about 1x", ""))

    headings = ("command", "reviews", "median", "ratio", "target", "peak MiB")
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headings)]
    print("  ".join(h.ljust(w) for h, w in zip(headings, widths, strict=True)).rstrip())
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    shutil.rmtree(empty, ignore_errors=True)


if __name__ == "__main__":
    main()
