"""`cspr overdue`: the morning report, at a terminal and under cron."""

from __future__ import annotations

import csv
import io
import os
import pty
import subprocess
import sys

import pytest

from tests.helpers.workspace import OFFICER


@pytest.fixture
def busy(workspace, monkeypatch):
    """Four reviews built through the CLI, judged on Mon 20 Apr 2026.

    - 2026-child-a: aware Wed 1 Apr; notification due Fri 10 Apr, not done: 10 days overdue.
    - 2026-child-b: aware Tue 14 Apr; notification due Tue 21 Apr (5 working days): due soon.
    - 2025-child-c: local review, final draft Fri 27 Mar 2026; agency responses due Fri 10 Apr
      (14 days), Police confirmed, Health and Education have not: two per-agency overdue items.
    - 2025-baby-d: on hold for a criminal trial: publication stages on hold, never overdue.
    """
    monkeypatch.setenv("CSPR_TODAY", "2026-04-20")
    monkeypatch.setenv("CSPR_OFFICER", OFFICER)
    run = workspace.run
    run("new", "Child A", "--aware", "2026-04-01")
    run("new", "Child B", "--aware", "2026-04-14")
    run("new", "Child C", "--aware", "2025-06-02", "--agency", "Police", "--agency", "Health",
        "--agency", "Education")
    run("complete", "2025-child-c", "notification", "--on", "2025-06-04")
    run("complete", "2025-child-c", "rapid-review", "--on", "2025-06-20")
    run("decide", "2025-child-c", "local", "--on", "2025-12-01")
    run("plan", "2025-child-c", "published", "2026-09-30")
    run("complete", "2025-child-c", "final-draft", "--on", "2026-03-27")
    run("complete", "2025-child-c", "agency-responses", "--agency", "Police", "--on", "2026-04-01")
    run("new", "Baby D", "--aware", "2025-05-01")
    run("complete", "2025-baby-d", "notification", "--on", "2025-05-02")
    run("complete", "2025-baby-d", "rapid-review", "--on", "2025-05-20")
    run("decide", "2025-baby-d", "local", "--on", "2025-06-02")
    run("hold", "2025-baby-d", "--reason", "Criminal trial", "--from", "2025-10-01")
    return workspace


def items(workspace, *args):
    return workspace.json("overdue", "--as-of", "2026-04-20", *args)["items"]


def test_json_items_and_order(busy):
    found = items(busy, "--within", "3")
    summary = [(i["review"], i["stage"], i["agency"], i["due"], i["status"], i["days_overdue"]) for i in found]
    assert summary == [
        # no panel confirmed and no date agreed 20 working days after the decision: Mon 2 Jun
        # 2025 + 20 working days is Mon 30 Jun 2025 (Baby D); Mon 1 Dec 2025 + 20, Christmas
        # Day and Boxing Day skipped, is Wed 31 Dec 2025 (Child C)
        ("2025-baby-d", "needs-timeline", None, "2025-06-30", "overdue", 294),
        # monthly progress checks from Mon 2 Jun 2025 (Baby D) and Mon 1 Dec 2025 (Child C):
        # the earliest missed one stands for the stage until it is recorded
        ("2025-baby-d", "progress-check", None, "2025-07-02", "overdue", 292),
        ("2025-child-c", "needs-timeline", None, "2025-12-31", "overdue", 110),
        ("2025-child-c", "progress-check", None, "2026-01-01", "overdue", 109),
        # 14 days after the final draft (Fri 27 Mar): Fri 10 Apr; Police confirmed, two have not
        ("2025-child-c", "agency-responses", "Health", "2026-04-10", "overdue", 10),
        ("2025-child-c", "agency-responses", "Education", "2026-04-10", "overdue", 10),
        # aware Wed 1 Apr: 5 working days, Good Friday and Easter Monday skipped: Fri 10 Apr
        ("2026-child-a", "notification", None, "2026-04-10", "overdue", 10),
        # aware Tue 14 Apr: Tue 21 Apr, tomorrow
        ("2026-child-b", "notification", None, "2026-04-21", "due-soon", -1),
        # on hold for the trial, listed last (in the process's order) and never as overdue:
        # 6 months after Mon 2 Jun 2025 is Tue 2 Dec 2025, and 7 working days before that is
        # Fri 21 Nov 2025
        ("2025-baby-d", "pre-publication-notice", None, "2025-11-21", "on-hold", 150),
        ("2025-baby-d", "cabinet-member-notified", None, "2025-11-21", "on-hold", 150),
        ("2025-baby-d", "published", None, "2025-12-02", "on-hold", 139),
    ]
    by_key = {(i["review"], i["stage"], i["agency"]): i for i in found}
    assert by_key[("2026-child-a", "notification", None)] == {
        "review": "2026-child-a", "child": "Child A", "stage": "notification",
        "title": "Serious incident notified to the National Panel", "owner": "Local authority",
        "agency": None, "due": "2026-04-10", "status": "overdue", "days_overdue": 10, "reason": None,
    }
    assert by_key[("2025-child-c", "agency-responses", "Health")]["owner"] == "Partner agency leads"
    held = [i for i in found if i["status"] == "on-hold"]
    assert all(i["reason"] == "Criminal trial" for i in held)


def test_as_of_and_within(busy):
    assert "2026-child-b" not in {i["review"] for i in items(busy, "--within", "0")}
    assert "2026-child-b" in {i["review"] for i in items(busy, "--within", "1")}
    earlier = busy.json("overdue", "--as-of", "2026-04-10", "--within", "0")
    assert earlier["as_of"] == "2026-04-10"
    a = [i for i in earlier["items"] if i["review"] == "2026-child-a"]
    assert a and a[0]["status"] == "due-soon" and a[0]["days_overdue"] == 0  # on time on the day
    later = busy.json("overdue", "--as-of", "11/04/2026")
    a = [i for i in later["items"] if i["review"] == "2026-child-a"]
    assert a[0]["status"] == "overdue" and a[0]["days_overdue"] == 1  # overdue from D+1


def test_review_and_owner_filters(busy):
    only_a = items(busy, "--review", "2026-child-a")
    assert {i["review"] for i in only_a} == {"2026-child-a"}
    health = items(busy, "--owner", "health")
    assert [(i["stage"], i["agency"]) for i in health] == [("agency-responses", "Health")]
    missing = busy.run("overdue", "--review", "no-such-review", ok=False)
    assert missing.exit_code == 1 and "no review 'no-such-review'" in missing.stderr


def test_csv_has_the_json_columns(busy):
    text = busy.run("overdue", "--as-of", "2026-04-20", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == ["review", "child", "stage", "title", "owner", "agency", "due", "status",
                             "days_overdue", "reason"]
    assert len(rows) == len(items(busy))
    a = next(r for r in rows if r["review"] == "2026-child-a")
    assert (a["due"], a["status"], a["days_overdue"], a["agency"]) == ("2026-04-10", "overdue", "10", "")


def test_markdown_is_a_table_for_a_board_paper(busy):
    text = busy.run("overdue", "--as-of", "2026-04-20", "--format", "markdown").stdout
    lines = text.splitlines()
    assert lines[0] == "# Deadlines: Testshire Safeguarding Partnership, as of Mon 20 Apr 2026"
    assert lines[2].startswith("| Review | Child | Stage |") and lines[3].startswith("| --- |")
    assert any("| 2026-child-a | Child A | notification |" in line and "Fri 10 Apr 2026" in line for line in lines)


def test_plain_table_and_summary(busy):
    out = busy.run("overdue", "--as-of", "2026-04-20", "--within", "1").stdout
    assert "Fri 10 Apr 2026" in out and "10 days overdue" in out and "due in 1 day" in out
    assert "on hold: Criminal trial" in out
    assert "\x1b[" not in out
    last = out.strip().splitlines()[-1]
    assert last.startswith("7 overdue, 1 due in the next 1 day across 4 open reviews")  # two timelines needed


def test_quiet_is_silent_only_when_nothing_is_due(workspace, monkeypatch):
    monkeypatch.setenv("CSPR_TODAY", "2026-04-20")
    workspace.run("new", "Child A", "--aware", "2026-04-01", "--by", OFFICER)
    workspace.run("complete", "2026-child-a", "notification", "--on", "2026-04-02", "--by", OFFICER)
    # rapid review due Mon 27 Apr 2026 (15 working days after Thu 2 Apr, Easter skipped)
    quiet = workspace.run("overdue", "--quiet", "--as-of", "2026-04-03", "--within", "7")
    assert quiet.stdout == "" and quiet.stderr == ""
    loud = workspace.run("overdue", "--quiet", "--as-of", "2026-04-03", "--within", "30")
    assert "rapid-review" in loud.stdout
    normal = workspace.run("overdue", "--as-of", "2026-04-03", "--within", "7")
    assert "Nothing overdue or due in the next 7 days across 1 open review." in normal.stdout


def test_exit_code(busy):
    assert busy.run("overdue", "--as-of", "2026-04-20", "--exit-code", ok=None).exit_code == 3
    assert busy.run("overdue", "--as-of", "2026-04-20").exit_code == 0
    calm = busy.run("overdue", "--as-of", "2026-04-20", "--review", "2026-child-b", "--exit-code", ok=None)
    assert calm.exit_code == 0  # due soon is not overdue


def test_a_broken_review_does_not_hide_the_others(busy):
    path = busy.review_file("2026-child-b")
    path.write_text(path.read_text().replace("aware: 2026-04-14", "aware: 14th April"))
    result = busy.run("overdue", "--as-of", "2026-04-20", ok=None)
    assert result.exit_code == 1
    assert "reviews/2026-child-b/review.yaml:" in result.stderr and "Traceback" not in result.stderr
    assert "2026-child-a" in result.stdout and "2026-child-b" not in result.stdout


def _cspr(workspace, *args, env=None):
    full_env = {**os.environ, "CSPR_WORKSPACE": str(workspace.root), **(env or {})}
    full_env.pop("NO_COLOR", None)
    return subprocess.run([sys.executable, "-m", "cspr", *args], capture_output=True, text=True, env=full_env)


def test_piped_output_is_plain_and_never_cut(workspace, monkeypatch):
    from tests.cli.test_process import review_under_custom_process

    monkeypatch.setenv("CSPR_TODAY", "2026-06-30")
    review_under_custom_process(workspace)
    result = _cspr(workspace, "overdue", "--as-of", "2026-06-30", env={"COLUMNS": "80"})
    assert result.returncode == 0, result.stderr
    assert "Scoping meeting held with the independent reviewer and a very long title that goes on and on" in result.stdout
    assert "\x1b[" not in result.stdout


def _in_a_terminal(workspace, *args, env=None):
    """Run cspr with stdout on a real pseudo-terminal and return what it drew."""
    primary, secondary = pty.openpty()
    full_env = {**os.environ, "CSPR_WORKSPACE": str(workspace.root), "COLUMNS": "160", **(env or {})}
    full_env.pop("NO_COLOR", None)
    full_env.update(env or {})
    proc = subprocess.Popen([sys.executable, "-m", "cspr", *args], stdout=secondary,
                            stderr=subprocess.PIPE, env=full_env)
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=60)
    os.close(primary)
    return b"".join(chunks).decode("utf-8", "replace")


def test_at_a_terminal_a_coloured_table_unless_no_color(busy):
    drawn = _in_a_terminal(busy, "overdue", "--as-of", "2026-04-20")
    assert "\x1b[" in drawn and "Fri 10 Apr 2026" in drawn and "Child A" in drawn
    # two timelines needed; Child A's rapid review and decision due provisionally on Fri 1 May
    assert "7 overdue, 3 due in the next 14 days across 4 open reviews" in drawn
    plain = _in_a_terminal(busy, "overdue", "--as-of", "2026-04-20", env={"NO_COLOR": "1"})
    assert "\x1b[3" not in plain and "\x1b[1" not in plain and "Fri 10 Apr 2026" in plain
    forced_off = _in_a_terminal(busy, "--no-color", "overdue", "--as-of", "2026-04-20")
    assert "\x1b[1" not in forced_off and "\x1b[3" not in forced_off
