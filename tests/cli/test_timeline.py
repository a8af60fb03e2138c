"""`cspr timeline`: the plain rendering, column by column, worked out by hand.

When the chart is wide enough each day is one column, counted from the 1st of the first month
shown, so a date's column is its day count from that 1st.
"""

from __future__ import annotations

import pytest

from tests.helpers.shared_workspace import module_workspace
from tests.helpers.workspace import OFFICER

LEGEND = "Key: D due  P planned  * done  - done late  = overdue  ~ on hold  : today"


def make(workspace, today: str, *commands: tuple[str, ...]) -> None:
    for command in commands:
        workspace.run(*command, "--by", OFFICER, env={"CSPR_TODAY": today})


def draw(workspace, today: str, *args: str) -> str:
    return workspace.run("timeline", *args, env={"CSPR_TODAY": today}).stdout


def test_a_new_review_drawn_day_by_day(workspace):
    # Aware Wed 1 Apr 2026: notification due Fri 10 Apr (Good Friday and Easter Monday skipped),
    # done Wed 8 Apr. Rapid review due 15 working days after 8 Apr: Wed 29 Apr; still not done
    # on Mon 4 May, so overdue from 30 Apr; the decision is due with it. The Panel's response
    # (optional) has no date. On hold for an inquest since Mon 20 Apr.
    make(workspace, "2026-05-04",
         ("new", "Child H", "--aware", "2026-04-01", "--agency", "Police"),
         ("complete", "2026-child-h", "notification", "--on", "2026-04-08"),
         ("hold", "2026-child-h", "--reason", "inquest", "--from", "2026-04-20"))
    # The chart runs from 1 Apr (column 0) to 31 May (column 60): May 1st is column 30,
    # 8 Apr column 7, 10 Apr column 9, 20 Apr column 19, 29 Apr column 28, 4 May column 33.
    chart = draw(workspace, "2026-05-04", "2026-child-h", "--width", "120")
    label = 16  # "panel-response" is 14 wide, then two spaces
    assert chart.splitlines() == [
        "2026-child-h: Child H - aware Wed 1 Apr 2026 - awaiting decision - as of Mon 4 May 2026",
        " " * label + "|Apr 2026" + " " * 21 + "|May",
        "notification    " + " " * 7 + "* D" + " " * 23 + ":" + " " * 27 + "  done Wed 8 Apr 2026",
        "rapid-review    " + " " * 28 + "D====:" + " " * 27 + "  due Wed 29 Apr 2026, 5 days overdue",
        "decision        " + " " * 28 + "D====:" + " " * 27 + "  due Wed 29 Apr 2026, 5 days overdue",
        "panel-response  " + " " * 33 + ":" + " " * 27 + "  no date agreed yet",
        "on hold         " + " " * 19 + "~" * 14 + ":" + " " * 27 + "  on hold since Mon 20 Apr 2026: inquest",
        " " * label + " " * 33 + "^ today Mon 4 May 2026",
        LEGEND,
    ]
    assert chart.isascii()


@pytest.fixture(scope="module")
def local_review(tmp_path_factory):
    # Decided local on Tue 5 May 2026; publication planned for Fri 30 Oct; a criminal trial
    # held it from 1 Jun to 30 Jun (29 days), so the 6-month deadline (5 Nov) moves to Fri 4 Dec.
    with module_workspace(tmp_path_factory, "timeline") as workspace:
        _make_local_review(workspace)
        yield workspace


def _make_local_review(workspace) -> None:
    make(workspace, "2026-07-15",
         ("new", "Child L", "--aware", "2026-04-01", "--agency", "Police", "--agency", "Health"),
         ("complete", "2026-child-l", "notification", "--on", "2026-04-08"),
         ("complete", "2026-child-l", "rapid-review", "--on", "2026-05-01"),
         ("decide", "2026-child-l", "local", "--on", "2026-05-05"),
         ("plan", "2026-child-l", "published", "2026-10-30"),
         ("hold", "2026-child-l", "--reason", "criminal trial", "--from", "2026-06-01"),
         ("resume", "2026-child-l", "--on", "2026-06-30"),
         ("plan", "2026-child-l", "panel-confirmed", "2026-07-10"),
         # no review needed: every stage of its track done, so closed
         ("new", "Child Q", "--aware", "2026-07-01"),
         ("complete", "2026-child-q", "notification", "--on", "2026-07-03"),
         ("complete", "2026-child-q", "rapid-review", "--on", "2026-07-10"),
         ("decide", "2026-child-q", "none", "--on", "2026-07-13"))


def rows(chart: str) -> tuple[dict[str, str], int]:
    """Each line's chart by its label, and where the chart begins."""
    lines = chart.splitlines()
    start = lines[1].index("|")
    return {line[:start].strip(): line[start:] for line in lines[2:-2]}, start


def test_a_local_review_planned_late_held_and_overdue(local_review):
    chart = draw(local_review, "2026-07-15", "2026-child-l", "--width", "400")
    drawn, start = rows(chart)
    # Columns from 1 Apr 2026: Apr 29 = 28, May 1 = 30, Jun 1 = 61, Jun 5 = 65, Jun 30 = 90,
    # Jul 5 = 95, Jul 10 = 100, Jul 15 (today) = 105, Aug 5 = 126, Oct 21 = 203, Oct 30 = 212,
    # Dec 4 = 247.
    assert drawn["rapid-review"][28:31] == "D-*"  # due 29 Apr, done 1 May: one day late between
    assert drawn["rapid-review"].endswith("done Fri 1 May 2026, 2 days late")
    assert drawn["panel-confirmed"][100:106] == "D====:"  # planned 10 Jul, overdue to today
    published = drawn["published"]
    assert published[61:91] == "~" * 30 and published[60] == " " and published[91] == " "
    assert published[105] == ":"
    assert published[212] == "P" and published[247] == "D"
    assert published.endswith("due Fri 4 Dec 2026, planned Fri 30 Oct 2026")
    # 7 working days before the planned publication: Wed 21 Oct
    assert drawn["pre-publication-notice"][203] == "D"
    # monthly progress checks from 5 May: 5 Jun and 5 Jul missed, 5 Aug next
    check = drawn["progress-check"]
    assert check[65] == "D" and check[66:95] == "=" * 29 and check[95] == "D"
    assert check[96:105] == "=" * 9 and check[105] == ":" and check[126] == "D"
    assert check.endswith("due Fri 5 Jun 2026, 40 days overdue")
    assert drawn["Police"][105] == ":" and drawn["Police"].endswith("not yet confirmed")
    assert drawn["on hold"][61:91] == "~" * 30 and drawn["on hold"].endswith("29 days on hold")
    assert drawn["tor-agreed"].rstrip().endswith("no date agreed yet")
    assert chart.splitlines()[-2] == " " * (start + 105) + "^ today Wed 15 Jul 2026"
    axis = chart.splitlines()[1][start:]
    assert axis.startswith("|Apr 2026") and axis[30:34] == "|May" and axis[244:248] == "|Dec"


def test_a_narrow_chart_scales_the_days(local_review):
    chart = draw(local_review, "2026-07-15", "2026-child-l", "--width", "100")
    drawn, start = rows(chart)
    # 100 columns less the labels (23), the longest note (capped at 40) and two gaps of 2
    # leave 33 columns for the 274 days from 1 Apr to 31 Dec: day d goes to round(d * 32 / 274).
    # 29 Apr (28) -> 3, 30 Apr (29) -> 3, 1 May (30) -> 4, 15 Jul (105) -> 12.
    assert start == 25
    assert drawn["rapid-review"].startswith("   D*       :")
    # Months every 3 (one a month would collide): Apr at 0, Jul (91) at 11, Oct (183) at 21.
    assert chart.splitlines()[1][start:] == "|Apr 2026  |Jul      |Oct"


def test_board_view_one_line_per_open_review(local_review):
    chart = draw(local_review, "2026-07-15", "--all", "--width", "400")
    lines = chart.splitlines()
    assert lines[0] == "Open reviews as of Wed 15 Jul 2026"
    drawn, start = rows(chart)
    assert list(drawn) == ["2026-child-l"]  # the closed review is left out
    line = drawn["2026-child-l"]
    # done 8 Apr and 1 May; the hold 1-30 Jun; overdue since the first missed check (5 Jun),
    # and panel-confirmed due 10 Jul
    assert line[7] == "*" and line[30] == "*"
    assert line[61:65] == "~~~~" and line[65] == "D" and line[66:100] == "=" * 34
    assert line[100] == "D" and line[101:105] == "====" and line[105] == ":"
    assert line[203] == "D" and line[247] == "D"  # the notices and publication still to come
    assert line.rstrip().endswith("2 overdue; next cabinet-member-notified Wed 21 Oct 2026")


def test_colour_only_when_asked_or_at_a_terminal(local_review):
    plain = draw(local_review, "2026-07-15", "2026-child-l")
    assert "\x1b[" not in plain and plain.isascii()
    coloured = local_review.run("--color", "timeline", "2026-child-l", env={"CSPR_TODAY": "2026-07-15"}).stdout
    assert "\x1b[1;31m" in coloured  # overdue in bold red
    assert "●" in coloured and "░" in coloured  # done, and holds shaded


@pytest.mark.parametrize(
    ("args", "message"),
    [((), "name a review"), (("2026-child-l", "--all"), "not both"), (("nosuch",), "no review 'nosuch'")],
)
def test_bad_requests_are_refused(local_review, args, message):
    result = local_review.run("timeline", *args, ok=False)
    assert result.exit_code == 1 and message in result.stderr and "Traceback" not in result.stderr
