"""`make bench`: time cspr on synthetic workspaces and print medians, ratios and peak memory.

Workspaces of 100, 1,000 and 10,000 fictional reviews are generated (fixed seed) under
$BENCH_DIR, or a temporary folder, never inside the repository. Each command runs several
times (BENCH_RUNS, default 5) and the median is shown, with its ratio to the baseline it is
judged against, measured in the same run on the same machine: `python3 -c pass` for
start-up, Taskwarrior's `task overdue` over 5,000 pending tasks for the report (where
Taskwarrior is installed; the table says so where it is not). Not part of `make test`:
timings on a shared machine are noisy.

    BENCH_SIZES=100,1000 BENCH_RUNS=3 python bench/run.py
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the cspr beside this folder, installed or not

from generate import AS_OF, default_process, make_workspace, review_text  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
COLD_RUNS = max(1, min(RUNS, 3))  # each needs a fresh clone
SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "100,1000,10000").split(",")]
TASKS = 5_000  # Taskwarrior's baseline: 5 pending tasks with due dates per review of 1,000


@dataclass
class Timing:
    seconds: list[float]
    peak_mib: float

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def timed(argv: list[str], cwd: Path | None = None, env: dict | None = None, runs: int = RUNS,
          before=None) -> Timing:
    seconds, peaks = [], []
    for _ in range(runs):
        if before:
            cwd = before() or cwd
        elapsed, peak = measure(argv, cwd, env)
        seconds.append(elapsed)
        peaks.append(peak)
    return Timing(seconds, max(peaks))


def measure(argv: list[str], cwd: Path | None, env: dict | None) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MiB) of one run of `argv` (its own, by wait4)."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1, 3):  # 1: a review could not be read; 3: --exit-code
            errors.seek(0)
            raise SystemExit(f"{' '.join(argv)} failed ({code}):\n{errors.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024  # kilobytes on Linux


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


def taskwarrior(base: Path, due: list[dt.date]) -> Timing | None:
    if shutil.which("task") is None:
        return None
    data = base / "taskwarrior"
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
        for i, day in enumerate(due[:TASKS])
    ]
    (data / "tasks.json").write_text(json.dumps(tasks))
    env = {**os.environ, "TASKRC": str(rc)}
    subprocess.run(["task", "import", str(data / "tasks.json")], env=env, check=True, capture_output=True)
    subprocess.run(["task", "overdue"], env=env, capture_output=True)  # settle (gc, first-run work)
    return timed(["task", "overdue"], env=env)


def complete_times(workspace: Path, cspr: list[str]) -> Timing:
    """`cspr complete` on pending stages of the workspace, one commit each."""
    env = environment(workspace)
    report = subprocess.run([*cspr, "overdue", "--format", "json"], env=env, capture_output=True, text=True)
    pending = [i for i in json.loads(report.stdout)["items"]
               if i["agency"] is None and ":" not in i["stage"] and i["status"] == "overdue"
               and i["stage"] not in ("progress-check", "assurance")]
    chosen = iter(pending)
    seconds: list[float] = []
    while len(seconds) < RUNS:
        item = next(chosen)
        started = time.perf_counter()
        done = subprocess.run([*cspr, "complete", item["review"], item["stage"]], env=env, capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        if done.returncode != 0:
            continue  # refused (an earlier stage first): try the next
        seconds.append(elapsed)
    head = subprocess.run(["git", "log", "-1", "--format=%s"], cwd=workspace, capture_output=True, text=True).stdout
    assert head.strip(), "no commit made"
    subprocess.run(["git", "reset", "--quiet", "--hard", f"HEAD~{RUNS}"], cwd=workspace, check=True)
    return Timing(seconds, float("nan"))


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
    print(f"cspr benchmark: {RUNS} runs per command (median shown), in {base}")
    print(f"machine: {machine()}\n")

    rows: list[tuple[str, str, str, str, str, str]] = []
    python = timed([sys.executable, "-c", "pass"])
    empty = Path(tempfile.mkdtemp(prefix="cspr-bench-help-"))
    rows.append(("python3 -c pass", "", f"{python.median * 1000:.0f} ms", "baseline", "", f"{python.peak_mib:.0f}"))
    for args in (["--version"], ["--help"]):
        t = timed([*cspr, *args], cwd=empty)
        ratio = t.median / python.median
        rows.append((f"cspr {args[0]}", "", f"{t.median * 1000:.0f} ms", f"{ratio:.1f}x python",
                     f"<= 5x {'ok' if ratio <= 5 else 'MISSED'}", f"{t.peak_mib:.0f}"))

    workspaces = {count: workspace_for(base, count) for count in SIZES}
    baseline_tw = None
    if 1000 in workspaces:
        rng, process = random.Random(8), default_process()
        due = [day for n in range(1, 1001) for day in review_text(process, n, rng)[1]]
        baseline_tw = taskwarrior(base, due)
        if baseline_tw is None:
            rows.append(("task overdue (5,000 tasks)", "", "not installed", "apt-get install taskwarrior", "", ""))
        else:
            rows.append(("task overdue (5,000 tasks)", "", f"{baseline_tw.median * 1000:.0f} ms", "baseline", "",
                         f"{baseline_tw.peak_mib:.0f}"))

    warm: dict[int, Timing] = {}
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
        subprocess.run(overdue, env=env, capture_output=True)  # fill the cache
        warm[count] = timed(overdue, env=env)
        target, verdict = "", ""
        if count == 1000 and baseline_tw is not None:
            ratio = warm[count].median / baseline_tw.median
            target, verdict = f"{ratio:.2f}x task", f"<= 1x task {'ok' if ratio <= 1 else 'MISSED'}"
        if count == 10000:
            ok = warm[count].median < 1 and warm[count].peak_mib < 200
            verdict = f"< 1 s, < 200 MiB {'ok' if ok else 'MISSED'}"
        rows.append(("cspr overdue --format json", f"{count:,}", f"{warm[count].median * 1000:.0f} ms", target,
                     verdict, f"{warm[count].peak_mib:.0f}"))
        cold_verdict = f"< 3 s {'ok' if cold.median < 3 else 'MISSED'}" if count == 1000 else ""
        rows.append(("  first run after a fresh clone", f"{count:,}", f"{cold.median * 1000:.0f} ms", "no cache",
                     cold_verdict, f"{cold.peak_mib:.0f}"))
        if count == 1000:
            complete = complete_times(root, cspr)
            rows.append(("cspr complete (with its commit)", f"{count:,}", f"{complete.median * 1000:.0f} ms", "",
                         f"< 0.5 s {'ok' if complete.median < 0.5 else 'MISSED'}", ""))

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
