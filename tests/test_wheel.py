"""The tool works when installed from a built wheel: package data travels with it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_wheel_carries_the_process_and_templates(tmp_path):
    dist = tmp_path / "dist"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(dist), str(REPO)],
        capture_output=True, text=True,
    )
    assert built.returncode == 0, built.stderr
    wheel = next(dist.glob("cspr-*.whl"))
    target = tmp_path / "site"
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
        capture_output=True, text=True,
    )
    assert installed.returncode == 0, installed.stderr
    assert (target / "cspr" / "process.yaml").is_file()
    assert any((target / "cspr" / "templates").iterdir())
    for name in ("briefing.docx", "board.docx", "board.md.j2", "board.html.j2"):
        assert (target / "cspr" / "templates" / name).is_file(), name

    env = {**os.environ, "PYTHONPATH": str(target), "CSPR_OFFICER": "Officer One <one@example.org>",
           "GIT_CONFIG_GLOBAL": str(tmp_path / "gitconfig"), "GIT_CONFIG_NOSYSTEM": "1"}
    where = subprocess.run([sys.executable, "-c", "import cspr; print(cspr.__file__)"],
                           capture_output=True, text=True, env=env, cwd=tmp_path)
    assert where.stdout.startswith(str(target)), where.stdout  # the wheel, not the checkout

    def cspr(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "cspr", *args], capture_output=True, text=True,
                              env=env, cwd=tmp_path)

    made = cspr("init", str(tmp_path / "ws"), "--partnership", "Wheelshire Partnership")
    assert made.returncode == 0, made.stderr
    assert any((tmp_path / "ws" / "templates").iterdir())  # copied from the wheel
    assert cspr("--workspace", str(tmp_path / "ws"), "new", "Child W", "--aware", "2026-04-01").returncode == 0
    shown = cspr("--workspace", str(tmp_path / "ws"), "show", "2026-child-w", "--format", "json")
    assert shown.returncode == 0 and '"key": "notification"' in shown.stdout
