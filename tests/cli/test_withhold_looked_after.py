"""`cspr withhold` and looked-after children through the CLI, dates worked out by hand."""

from __future__ import annotations

import json

from tests.helpers.workspace import OFFICER


def run(workspace, *args: str, ok: bool = True):
    return workspace.run(*args, "--by", OFFICER, ok=ok, env={"CSPR_TODAY": "2026-07-01"})


def stages(workspace, review_id: str, as_of: str) -> dict:
    shown = workspace.run("show", review_id, "--as-of", as_of, "--format", "json", env={"CSPR_TODAY": "2026-07-01"})
    return {s["key"]: s for s in json.loads(shown.stdout)["stages"]}


def test_withhold_replaces_publication_with_reasons_sent(workspace):
    run(workspace, "new", "Child W", "--aware", "2026-01-05")
    run(workspace, "withhold", "2026-child-w", "--reason", "to protect a sibling", ok=False)  # not decided yet
    run(workspace, "decide", "2026-child-w", "local", "--on", "2026-02-02")
    before = workspace.git("rev-list", "--count", "HEAD")
    refused = run(workspace, "withhold", "2026-child-w", "--reason", "  ", ok=False)
    assert "--reason is empty" in refused.stderr and workspace.git("rev-list", "--count", "HEAD") == before
    run(workspace, "withhold", "2026-child-w", "--reason", "to protect a sibling", "--on", "2026-06-01")
    s = stages(workspace, "2026-child-w", "2026-06-02")
    # Publication was due 6 months after Mon 2 Feb 2026: Sun 2 Aug 2026.
    assert s["withheld-reasons-sent"]["due"] == "2026-08-02" and s["withheld-reasons-sent"]["statutory"]
    assert not {"published", "pre-publication-notice", "cabinet-member-notified"} & set(s)
    # As things stood before the withholding, publication was still expected.
    assert "published" in stages(workspace, "2026-child-w", "2026-05-31")
    assert "withheld" in workspace.git("log", "-1", "--format=%B")
    run(workspace, "complete", "2026-child-w", "published", "--on", "2026-06-10", ok=False)


def test_a_looked_after_child_is_notified_to_the_secretary_of_state_and_ofsted(workspace):
    run(workspace, "new", "Child L", "--aware", "2026-04-01", "--looked-after")
    # Due with the notification: 5 working days after Wed 1 Apr 2026, Easter skipped: Fri 10 Apr.
    s = stages(workspace, "2026-child-l", "2026-04-13")
    assert (s["sos-ofsted-notified"]["due"], s["sos-ofsted-notified"]["state"]) == ("2026-04-10", "overdue")
    run(workspace, "new", "Child M", "--aware", "2026-04-01")
    assert "sos-ofsted-notified" not in stages(workspace, "2026-child-m", "2026-04-13")
    run(workspace, "set", "2026-child-m", "looked-after", "yes")
    assert stages(workspace, "2026-child-m", "2026-04-13")["sos-ofsted-notified"]["due"] == "2026-04-10"
    run(workspace, "set", "2026-child-m", "looked-after", "maybe", ok=False)
    run(workspace, "complete", "2026-child-m", "sos-ofsted-notified", "--on", "2026-04-09")
    assert stages(workspace, "2026-child-m", "2026-04-13")["sos-ofsted-notified"]["state"] == "done"
    assert workspace.run("check").exit_code == 0
