"""What an officer types for a review: the full ID, a unique part of it or of the pseudonym."""

from __future__ import annotations

import pytest

from cspr.model.ids import match_review_ids, nearest_ids
from tests.helpers.workspace import OFFICER

IDS = ["2025-baby-r", "2026-child-a", "2026-child-ab", "2026-child-m"]


@pytest.fixture
def three(workspace, monkeypatch):
    monkeypatch.setenv("CSPR_TODAY", "2026-05-01")
    for child in ("Child A", "Child AB", "Baby R"):
        workspace.run("new", child, "--aware", "2026-04-01", "--by", OFFICER)
    return workspace


def test_matching_rules():
    assert match_review_ids("2026-child-m", IDS) == ["2026-child-m"]
    assert match_review_ids("2026-CHILD-M", IDS) == ["2026-child-m"]
    assert match_review_ids("child-a", IDS) == ["2026-child-a"]  # whole parts: not child-ab
    assert match_review_ids("Child A", IDS) == ["2026-child-a"]
    assert match_review_ids("ab", IDS) == ["2026-child-ab"]
    assert match_review_ids("child", IDS) == ["2026-child-a", "2026-child-ab", "2026-child-m"]
    assert match_review_ids("Rosie", IDS, {"2025-baby-r": "Baby Rosie"}) == ["2025-baby-r"]
    assert match_review_ids("nobody", IDS) == []
    assert nearest_ids("2026-chlid-m", IDS)[0] == "2026-child-m"


def test_a_unique_part_of_the_id_or_the_pseudonym_will_do(three):
    assert three.json("show", "child-a")["id"] == "2026-child-a"
    assert three.json("show", "Child AB")["id"] == "2026-child-ab"
    assert three.json("show", "baby")["id"] == "2026-baby-r"
    three.run("complete", "child-ab", "notification", "--on", "2026-04-02", "--by", OFFICER)
    assert three.git("log", "-1", "--format=%s").startswith("2026-child-ab: notification completed")
    items = three.json("overdue", "--review", "baby", "--as-of", "2026-04-20")["items"]
    assert {item["review"] for item in items} == {"2026-baby-r"}


def test_an_ambiguous_part_lists_the_candidates(three):
    result = three.run("show", "child", ok=False)
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "cspr: error: 'child' could be any of 2 reviews: 2026-child-a, 2026-child-ab; give more of the ID"
    )


def test_an_unknown_id_suggests_the_nearest(three):
    before = three.git("log", "--format=%H")
    result = three.run("complete", "2026-chlid-a", "notification", "--by", OFFICER, ok=False)
    assert result.exit_code == 1
    assert result.stderr.startswith("cspr: error: no review '2026-chlid-a' in ")
    assert "/reviews; did you mean 2026-child-a" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert three.git("log", "--format=%H") == before
    nothing_near = three.run("show", "zzzz", ok=False)
    assert "'cspr list --all' shows them" in nothing_near.stderr


def test_the_log_of_a_review_no_longer_here_is_still_shown(three):
    three.git("rm", "-rq", "reviews/2026-baby-r")
    three.git("commit", "-qm", "Removed by hand")
    entries = three.json("log", "2026-baby-r")
    assert [e["action"] for e in entries][-1] == "new"
