"""Running the real `cspr` program at a real (pseudo-)terminal of a given width."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path


def run_at_terminal(args: list[str], columns: int, env: dict[str, str], cwd: Path | None = None,
                    timeout: float = 60) -> tuple[str, int]:
    """`cspr ARGS` with stdout on a pseudo-terminal `columns` wide: (what it printed, exit status)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    process = subprocess.Popen([sys.executable, "-m", "cspr", *args], stdout=slave, stderr=subprocess.PIPE,
                               stdin=subprocess.DEVNULL, env={**env, "COLUMNS": str(columns)}, cwd=cwd)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the program has ended and closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    status = process.wait(timeout=timeout)
    process.stderr.close()
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n"), status
