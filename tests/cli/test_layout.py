"""Editing a review keeps every comment in its section, however many entries are added."""

from __future__ import annotations

from tests.helpers.workspace import OFFICER


def test_comments_stay_with_their_sections_as_entries_are_added(workspace, monkeypatch):
    monkeypatch.setenv("CSPR_TODAY", "2026-11-27")
    monkeypatch.setenv("CSPR_OFFICER", OFFICER)
    run = workspace.run
    run("new", "Child L", "--aware", "2026-04-01", "--agency", "Police")
    rid = "2026-child-l"
    path = workspace.review_file(rid)
    text = path.read_text().replace("closed:\n", "closed:\n# An officer's note at the very end.\n")
    path.write_text(text)
    workspace.git("commit", "-qam", "note")
    run("decide", rid, "local", "--on", "2026-04-20")
    for stage, day in [("tor-agreed", "2026-07-01"), ("draft-circulated", "2026-08-01"),
                       ("final-draft", "2026-09-01")]:
        run("plan", rid, stage, day)
    run("plan", rid, "assurance", "--every", "6m")
    run("hold", rid, "--reason", "Trial", "--from", "2026-05-01")
    run("resume", rid, "--on", "2026-05-11")
    run("hold", rid, "--reason", "Inquest", "--from", "2026-06-01")
    run("complete", rid, "progress-check", "--on", "2026-05-20")
    run("complete", rid, "progress-check", "--on", "2026-06-20")
    run("recommend", rid, "Share records", "--id", "R1")
    run("recommend", rid, "Train staff", "--id", "R2")
    run("action", "add", rid, "R1", "--agency", "Police", "--due", "2027-01-31", "Alerts", "--on", "2026-11-01")
    run("action", "add", rid, "R1", "--agency", "Police", "--due", "2027-02-28", "Audit", "--on", "2026-11-01")
    run("action", "update", rid, "R1.1", "--status", "in-progress", "--on", "2026-11-20", "--note", "Begun")
    lines = path.read_text().splitlines()

    def section(key: str) -> list[str]:
        start = lines.index(next(line for line in lines if line.startswith(f"{key}:")))
        end = next((i for i in range(start + 1, len(lines)) if lines[i] and not lines[i].startswith(" ")), len(lines))
        block = lines[start:end]
        while block and not block[-1]:
            block.pop()
        return block

    assert section("plans") == ["plans:", "  tor-agreed: 2026-07-01", "  draft-circulated: 2026-08-01",
                                "  final-draft: 2026-09-01"]
    assert lines[lines.index("plans:") + 5].startswith("# Agreed intervals")
    holds = section("holds")
    assert [line.strip() for line in holds if "reason" in line] == ["- reason: Trial", "- reason: Inquest"]
    assert not any(line.startswith("#") for line in holds)
    assert lines[lines.index("holds:") + len(holds) + 1].startswith("# Closed early")
    recs = section("recommendations")
    assert any("R1.2:" in line for line in recs) and any("R2:" in line for line in recs)
    assert "# An officer's note at the very end." in lines
    assert lines.index("# An officer's note at the very end.") < lines.index("recommendations:")
    assert workspace.run("check").exit_code == 0
