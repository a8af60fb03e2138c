"""Tables at a real terminal: they fit the width, never break a word, colour only the status cell.

Each listing is run as the real program on a pseudo-terminal 80, 100 and 200 columns wide, with
colour forced on and off, over a copy of the demo workspace.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from tests.helpers.terminal import run_at_terminal
from tests.helpers.workspace import REPO, make_repo

ANSI = re.compile(r"\x1b\[[0-9;]*m")
COLOURED = re.compile(r"\x1b\[([0-9;]*[1-9][0-9;]*)m(.*?)\x1b\[0?m")
TODAY = "2026-11-27"

LISTINGS = {
    "overdue": ["overdue"],
    "actions": ["actions"],
    "list": ["list"],
    "show": ["show", "2026-child-m"],
    "log": ["log"],
    "stats": ["stats", "--year", "2025"],
}
# what a coloured cell may say: the status words of each listing, and nothing else
STATUS_WORDS = re.compile(
    r"^(\d+ days? overdue|due today|due in \d+ days?|on hold.*|RED|AMBER|GREEN|hand-edit|\d+)$"
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A copy of the demo workspace, committed, and the environment to run cspr in it."""
    home = tmp_path_factory.mktemp("home")
    root = tmp_path_factory.mktemp("demo") / "ws"
    root.mkdir()
    env = {
        "PATH": os.environ["PATH"], "HOME": str(home), "GIT_CONFIG_GLOBAL": str(home / ".gitconfig"),
        "GIT_CONFIG_NOSYSTEM": "1", "CSPR_TODAY": TODAY, "CSPR_WORKSPACE": str(root), "TERM": "xterm-256color",
        "PYTHONPATH": str(REPO),
    }
    old_env = os.environ.copy()
    os.environ.update({k: env[k] for k in ("HOME", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_NOSYSTEM")})
    try:
        make_repo(root)
        shutil.copy(REPO / "cspr.yaml", root / "cspr.yaml")
        shutil.copytree(REPO / "reviews", root / "reviews")
        subprocess.run(["git", "add", "-A"], cwd=root, check=True)
        subprocess.run(["git", "commit", "-qm", "The demo reviews"], cwd=root, check=True)
    finally:
        os.environ.clear()
        os.environ.update(old_env)
    return env


def piped(demo, args: list[str]) -> str:
    """The same listing piped: plain, whole, the reference for what the words are."""
    done = subprocess.run([sys.executable, "-m", "cspr", *args], capture_output=True, text=True,
                          env={**demo, "NO_COLOR": "1"})
    assert done.returncode == 0, done.stderr
    return done.stdout


def words_of(text: str) -> set[str]:
    return set(ANSI.sub("", text).split())


def assert_no_word_broken(shown: str, whole: str) -> None:
    """Every word on the terminal is a whole word of the listing, or one cut with an ellipsis."""
    known = words_of(whole)
    for word in words_of(shown):
        if word in known:
            continue
        assert word.endswith("…"), f"{word!r} is not a word of the listing: broken mid-way?"
        stem = word[:-1]
        assert any(k.startswith(stem) or stem in k for k in known) or not stem, f"{word!r} is cut from nothing"


@pytest.mark.parametrize("colour", ["--color", "--no-color"])
@pytest.mark.parametrize("columns", [80, 100, 200])
@pytest.mark.parametrize("name", list(LISTINGS))
def test_a_listing_fits_the_terminal(demo, name, columns, colour):
    args = LISTINGS[name]
    shown, status = run_at_terminal([colour, *args], columns, demo)
    assert status == 0, shown
    lines = shown.rstrip("\n").split("\n")
    plain_lines = [ANSI.sub("", line) for line in lines]
    for line in plain_lines:
        assert len(line) <= columns, f"{len(line)} > {columns}: {line!r}"
    assert_no_word_broken(shown, piped(demo, args))

    if name != "stats":  # the figures indent their sub-rows; every other listing starts each item at column 0
        continuations = [line.startswith(" ") for line in plain_lines]
        if columns >= 100:
            assert not any(continuations), f"an item takes more than one line at {columns} columns"
        else:
            assert not any(a and b for a, b in zip(continuations, continuations[1:], strict=False)), \
                "an item takes more than two lines"

    if colour == "--no-color":
        assert "\x1b[" not in shown
        return
    painted = COLOURED.findall(shown)
    if name in ("overdue", "actions", "list", "show"):
        assert painted, "the status cells are coloured"
    for codes, text in painted:
        assert "1" not in codes.split(";"), f"bold is for nothing: {text!r}"
        assert STATUS_WORDS.match(text.rstrip("…").strip()) or text.endswith("…"), \
            f"colour outside the status cell: {text!r}"
    for line in lines:  # at most one coloured cell on a line, and it is the status cell
        assert len(COLOURED.findall(line)) <= 1, line


def test_the_overdue_report_at_80_columns_keeps_ids_keys_and_dates_whole(demo):
    shown, _ = run_at_terminal(["--no-color", "overdue"], 80, demo)
    assert "2026-child-m  progress-check" in shown
    assert "cabinet-member-notified" in shown and "Mon 23 Mar 2026" in shown
    assert "34 days overdue" in shown
    whole = piped(demo, ["overdue"])
    assert len(shown.splitlines()) <= 2 * len(whole.splitlines())


def test_wide_shows_the_whole_text_between_words(demo):
    shown, status = run_at_terminal(["--no-color", "overdue", "--wide"], 80, demo)
    assert status == 0
    assert all(len(line) <= 80 for line in shown.splitlines())
    assert "…" not in shown
    assert_no_word_broken(shown, piped(demo, ["overdue"]))
    assert {"Crown", "Court;", "publication", "after", "verdict"} <= words_of(shown)


def test_nothing_due_is_one_line(demo):
    shown, status = run_at_terminal(["overdue", "--review", "2026-child-n"], 80, demo)
    assert status == 0
    assert shown.strip().splitlines() == ["Nothing overdue or due in the next 14 days across 1 open review."]
