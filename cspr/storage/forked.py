"""Sharing out a long piece of work among forked processes, for the first run after a clone.

Reading and working out 10,000 reviews with no cache takes several seconds of processor time,
nearly all of it in Python code that one process runs on one core. Forked processes share
everything read so far (the process, the calendar, the open caches) without reading it again,
and hand back plain values through a pipe (marshal, never pickle). Nothing depends on them:
a share whose process fails in any way is worked in this process instead, so the answer is
the same as with one process, only slower.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable
from typing import Any

# Below this many items one process is quicker than forking and handing back.
ENOUGH_TO_SHARE = 400
# At most this many processes, however many cores: beyond it the handing back dominates.
MOST_PROCESSES = 4


def processes_for(count: int) -> int:
    """How many processes to share `count` items among (1: do them here).

    As many as the cores this process may use, up to MOST_PROCESSES; `CSPR_PROCESSES` sets
    the number instead (1: never fork, say on a server shared with other work).
    """
    if count < ENOUGH_TO_SHARE or not hasattr(os, "fork"):
        return 1
    asked = os.environ.get("CSPR_PROCESSES", "").strip()
    if asked.isdigit() and int(asked) > 0:
        return min(int(asked), count)
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, MOST_PROCESSES))


def shares_of(items: list, count: int) -> list[list]:
    """`items` in `count` runs of (nearly) equal length, in order."""
    size, extra = divmod(len(items), count)
    shares, start = [], 0
    for i in range(count):
        end = start + size + (i < extra)
        shares.append(items[start:end])
        start = end
    return shares


def in_processes(shares: list[list], work: Callable[[list], Any]) -> list[Any]:
    """`work(share)` for each share, the first here and the others in forked processes.

    `work` must return what marshal can write. Results come back in the order of `shares`.
    """
    children = [_fork(share, work) for share in shares[1:]]
    try:
        results = [work(shares[0])]
    except BaseException:
        for child in children:  # leave no process behind, blocked on a pipe nobody reads
            _collect(child)
        raise
    for share, child in zip(shares[1:], children, strict=True):
        found = _collect(child)
        results.append(work(share) if found is _FAILED else found)
    return results


_FAILED = object()


def _fork(share: list, work: Callable[[list], Any]) -> tuple[int, int] | None:
    try:
        read_end, write_end = os.pipe()
        pid = os.fork()
    except OSError:
        return None  # no process to be had: the share is worked here
    if pid == 0:  # the child: work its share, write it, and leave without any clean-up of ours
        status = 1
        try:
            os.close(read_end)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(marshal.dumps(work(share)))
            status = 0
        except BaseException:  # noqa: BLE001 - whatever happened, the parent works the share
            pass
        finally:
            os._exit(status)
    os.close(write_end)
    return pid, read_end


def _collect(child: tuple[int, int] | None) -> Any:
    if child is None:
        return _FAILED
    pid, read_end = child
    with os.fdopen(read_end, "rb") as pipe:
        blob = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status != 0:
        return _FAILED
    try:
        return marshal.loads(blob)
    except (EOFError, ValueError, TypeError):
        return _FAILED
