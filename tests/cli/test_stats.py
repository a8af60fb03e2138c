"""`cspr stats`: every figure on a workspace built through the CLI, against hand-worked values.

The year under test is the financial year 2026/27 (1 Apr 2026 to 31 Mar 2027), reported on
30 Jun 2027, so open and overdue actions are judged on 31 Mar 2027. Bank holidays in England
that matter: Good Friday 3 Apr and Easter Monday 6 Apr 2026, early May 4 May and spring
25 May 2026.

    review  aware       notified (due)            rapid review (due)         decision
    A       Wed 1 Apr   Fri 10 Apr (Fri 10 Apr)   Fri 1 May (Fri 1 May)      local Tue 5 May
    B       Mon 13 Apr  Tue 21 Apr (Mon 20 Apr)*  Thu 14 May (Wed 13 May)*  national Wed 20 May
    C       Wed 1 Apr   Thu 2 Apr (Fri 10 Apr)    Mon 27 Apr (Mon 27 Apr)    local Thu 30 Apr
    D       Fri 1 May   Tue 5 May (Mon 11 May)    Fri 29 May (Wed 27 May)*   local Mon 1 Jun
    E       Mon 2 Mar   Fri 6 Mar 2026: the year before                      none Wed 1 Apr
    F       Mon 29 Mar 2027, notified Thu 1 Apr 2027: the year after
    (* late)

Published: A Fri 30 Oct 2026, 178 days after its decision (deadline 5 Nov 2026); C Fri 15 Jan
2027, 260 days (deadline 30 Oct 2026, moved to 29 Jan 2027 by a 91-day hold for a criminal
trial, 1 Jun to 31 Aug 2026); D Thu 10 Dec 2026, 192 days (deadline 1 Dec 2026). Median 192,
longest 260; within 6 months: A; on time once holds are allowed for: A and C.
"""

from __future__ import annotations

import json

import pytest

from tests.helpers.shared_workspace import module_workspace
from tests.helpers.workspace import OFFICER, Workspace

TODAY = {"CSPR_TODAY": "2027-06-30"}
AGENCIES = ("--agency", "Police", "--agency", "Integrated Care Board", "--agency", "Local authority")


@pytest.fixture(scope="module")
def year(tmp_path_factory) -> Workspace:
    """The workspace described above, every change made through the CLI (built once)."""
    with module_workspace(tmp_path_factory, "stats") as ws:
        def cspr(*args: str) -> None:
            ws.run(*args, "--by", OFFICER, env=TODAY)

        def review(child: str, aware: str, *themes: str) -> str:
            theme_args = [arg for theme in themes for arg in ("--theme", theme)]
            return ws.run("new", child, "--aware", aware, *AGENCIES, *theme_args, "--by", OFFICER,
                          env=TODAY).stdout.strip()

        a = review("Child A", "2026-04-01", "neglect", "domestic abuse")
        cspr("complete", a, "notification", "--on", "2026-04-10")
        cspr("complete", a, "rapid-review", "--on", "2026-05-01")
        cspr("decide", a, "local", "--on", "2026-05-05")
        cspr("complete", a, "published", "--on", "2026-10-30")
        cspr("complete", a, "briefing-circulated", "--on", "2026-11-06")
        cspr("recommend", a, "Police and health share missed-appointment records.")
        cspr("action", "add", a, "R1", "Alert on missed appointments", "--agency", "Police",
             "--due", "2027-01-31", "--on", "2026-11-01")
        cspr("action", "add", a, "R1", "Health visitor follow-up", "--agency", "Integrated Care Board",
             "--due", "2027-02-28", "--on", "2026-11-01")
        cspr("action", "add", a, "R1", "Briefing for response officers", "--agency", "Police",
             "--due", "2027-03-31", "--on", "2026-11-01")
        cspr("action", "update", a, "R1.1", "--status", "complete", "--note", "Live since January",
             "--on", "2027-01-20")
        cspr("action", "update", a, "R1.2", "--status", "in-progress", "--on", "2027-02-01")
        # completed after the year ended: still open (not overdue) on 31 Mar 2027
        cspr("action", "update", a, "R1.3", "--status", "complete", "--note", "Delivered",
             "--on", "2027-04-10")

        b = review("Child B", "2026-04-13", "Neglect", "exploitation")
        cspr("complete", b, "notification", "--on", "2026-04-21")
        cspr("complete", b, "rapid-review", "--on", "2026-05-14")
        cspr("decide", b, "national", "--on", "2026-05-20")

        c = review("Child C", "2026-04-01", "domestic abuse", "parental mental health")
        cspr("complete", c, "notification", "--on", "2026-04-02")
        cspr("complete", c, "rapid-review", "--on", "2026-04-27")
        cspr("decide", c, "local", "--on", "2026-04-30")
        cspr("hold", c, "--reason", "criminal trial", "--from", "2026-06-01")
        cspr("resume", c, "--on", "2026-08-31")
        cspr("complete", c, "published", "--on", "2027-01-15")
        cspr("complete", c, "briefing-circulated", "--on", "2027-01-20")
        cspr("recommend", c, "Children's services check the plan at every visit.")
        cspr("action", "add", c, "R1", "Audit of visits", "--agency", "Local authority",
             "--due", "2027-03-01", "--on", "2027-01-15")
        cspr("action", "update", c, "R1.1", "--status", "complete", "--note", "Audit reported",
             "--on", "2027-02-20")
        # agreed after the year ended: not part of that year's figures at all
        cspr("action", "add", c, "R1", "Refresher training", "--agency", "Local authority",
             "--due", "2027-05-01", "--on", "2027-04-05")

        d = review("Child D", "2026-05-01", "neglect")
        cspr("complete", d, "notification", "--on", "2026-05-05")
        cspr("complete", d, "rapid-review", "--on", "2026-05-29")
        cspr("decide", d, "local", "--on", "2026-06-01")
        cspr("complete", d, "published", "--on", "2026-12-10")
        cspr("complete", d, "briefing-circulated", "--on", "2027-04-05")  # the year after

        e = review("Child E", "2026-03-02", "online harm")
        cspr("complete", e, "notification", "--on", "2026-03-06")
        cspr("complete", e, "rapid-review", "--on", "2026-03-27")
        cspr("decide", e, "none", "--on", "2026-04-01")

        f = review("Child F", "2027-03-29", "neglect")
        cspr("complete", f, "notification", "--on", "2027-04-01")
        yield ws


def stats(ws: Workspace, *args: str) -> dict:
    result = ws.run("stats", *args, "--format", "json", env=TODAY)
    return json.loads(result.stdout)


def test_the_financial_year_runs_april_to_march(year):
    figures = stats(year, "--year", "2026")
    assert (figures["from"], figures["to"], figures["financial_year"]) == ("2026-04-01", "2027-03-31", 2026)
    assert figures["as_at"] == "2027-03-31"  # the period's end, not today


def test_incidents_notified_and_on_time(year):
    notified = stats(year, "--year", "2026")["notifications"]
    assert notified["reviews"] == ["2026-child-a", "2026-child-b", "2026-child-c", "2026-child-d"]
    assert notified["count"] == 4 and notified["on_time"] == 3
    assert notified["late"] == ["2026-child-b"]  # a day after Mon 20 Apr
    assert notified["rule"] == "5 working days after aware"


def test_rapid_reviews_on_time(year):
    rapid = stats(year, "--year", "2026")["rapid_reviews"]
    assert rapid["count"] == 4 and rapid["on_time"] == 2
    # B: due Wed 13 May (4 May skipped); D: due Wed 27 May (25 May skipped)
    assert rapid["late"] == ["2026-child-b", "2026-child-d"]
    assert rapid["rule"] == "15 working days after notification"


def test_decisions_by_track(year):
    figures = stats(year, "--year", "2026")
    assert figures["decisions"] == {"local": 3, "national": 1, "none": 1}
    assert figures["decided_reviews"]["none"] == ["2026-child-e"]  # notified the year before


def test_local_reviews_published(year):
    published = stats(year, "--year", "2026")["published"]
    assert published["count"] == 3
    assert [(p["review"], p["days"]) for p in published["reviews"]] == [
        ("2026-child-a", 178), ("2026-child-c", 260), ("2026-child-d", 192),
    ]
    assert published["median_days"] == 192 and published["longest_days"] == 260
    assert published["rule"] == "6 months after decision"
    assert published["within_deadline"] == 1
    assert published["on_time_with_holds"] == 2
    by_review = {p["review"]: p for p in published["reviews"]}
    assert by_review["2026-child-a"]["deadline"] == "2026-11-05"
    assert by_review["2026-child-c"]["deadline"] == "2026-10-30"
    assert by_review["2026-child-c"]["deadline_with_holds"] == "2027-01-29"
    assert by_review["2026-child-d"]["within_deadline"] is False
    assert by_review["2026-child-d"]["on_time_with_holds"] is False


def test_delays_for_parallel_proceedings(year):
    published = stats(year, "--year", "2026")["published"]
    assert published["delayed_by_proceedings"] == 1
    assert published["days_on_hold"] == 91
    by_review = {p["review"]: p for p in published["reviews"]}
    assert by_review["2026-child-c"]["days_on_hold"] == 91
    assert by_review["2026-child-c"]["hold_reasons"] == ["criminal trial"]
    assert by_review["2026-child-a"]["days_on_hold"] == 0


def test_briefings_circulated(year):
    briefings = stats(year, "--year", "2026")["briefings_circulated"]
    assert briefings == {"count": 2, "reviews": ["2026-child-a", "2026-child-c"]}


def test_actions_by_agency_as_they_stood_at_the_year_end(year):
    actions = stats(year, "--year", "2026")["actions"]
    assert actions["by_agency"] == [
        {"agency": "Integrated Care Board", "completed": 0, "open": 1, "overdue": 1},
        {"agency": "Local authority", "completed": 1, "open": 0, "overdue": 0},
        {"agency": "Police", "completed": 1, "open": 1, "overdue": 0},
    ]
    assert (actions["completed"], actions["open"], actions["overdue"]) == (2, 2, 1)


def test_most_frequent_themes_of_the_reviews_notified(year):
    themes = stats(year, "--year", "2026")["themes"]
    assert themes == [
        {"theme": "neglect", "reviews": 3},  # A, B ("Neglect") and D; not F, notified the year after
        {"theme": "domestic abuse", "reviews": 2},
        {"theme": "exploitation", "reviews": 1},
        {"theme": "parental mental health", "reviews": 1},
    ]


def test_a_period_of_our_own(year):
    figures = stats(year, "--from", "2026-04-01", "--to", "2026-04-30")
    assert figures["financial_year"] is None and figures["as_at"] == "2026-04-30"
    assert figures["notifications"]["reviews"] == ["2026-child-a", "2026-child-b", "2026-child-c"]
    assert figures["rapid_reviews"]["reviews"] == ["2026-child-c"]
    assert figures["decisions"] == {"local": 1, "national": 0, "none": 1}
    assert figures["published"]["count"] == 0 and figures["published"]["median_days"] is None
    assert figures["actions"] == {"completed": 0, "open": 0, "overdue": 0, "by_agency": []}


def test_the_default_period_is_the_financial_year_containing_today(year):
    figures = stats(year)
    assert (figures["from"], figures["to"]) == ("2027-04-01", "2028-03-31")
    assert figures["notifications"]["reviews"] == ["2027-child-f"]
    assert figures["as_at"] == "2027-06-30"  # today, the year not being over
    # R1.3 completed on 10 Apr 2027; C's R1.2 (due 1 May 2027) is now overdue
    assert {a["agency"]: a for a in figures["actions"]["by_agency"]} == {
        "Integrated Care Board": {"agency": "Integrated Care Board", "completed": 0, "open": 1, "overdue": 1},
        "Local authority": {"agency": "Local authority", "completed": 0, "open": 1, "overdue": 1},
        "Police": {"agency": "Police", "completed": 1, "open": 0, "overdue": 0},
    }


def test_table_csv_and_markdown_say_the_same(year):
    table = year.run("stats", "--year", "2026", env=TODAY).stdout
    lines = [" ".join(line.split()) for line in table.splitlines()]
    assert lines[0] == "CSPR figures, Wed 1 Apr 2026 to Wed 31 Mar 2027 (financial year 2026/27)"
    for expected in (
        "Serious incidents notified 4",
        "on time (5 working days after aware) 3 of 4 (75%)",
        "on time (15 working days after notification) 2 of 4 (50%)",
        "Decisions: local 3",
        "median, decision to publication 192 days",
        "longest, decision to publication 260 days",
        "within 6 months after decision 1 of 3 (33%)",
        "on time once holds are allowed for 2 of 3 (67%)",
        "delayed by parallel proceedings 1 of 3 (33%)",
        "2026-child-c 91 days on hold",
        "7-minute briefings circulated 2",
        "Actions: Integrated Care Board 0 completed, 1 open, 1 overdue",
        "neglect 3",
        "Open and overdue actions as at Wed 31 Mar 2027.",
    ):
        assert expected in lines, expected
    csv_lines = year.run("stats", "--year", "2026", "--format", "csv", env=TODAY).stdout.splitlines()
    assert csv_lines[0] == "figure,key,value,of"
    for expected in (
        "notifications,,4,", "notifications_on_time,,3,4", "rapid_reviews_on_time,,2,4",
        "decisions,local,3,", "decisions,national,1,", "decisions,none,1,",
        "published,,3,", "published_median_days,,192,", "published_longest_days,,260,",
        "published_within_deadline,,1,3", "published_on_time_with_holds,,2,3",
        "published_delayed_by_proceedings,,1,3", "days_on_hold,2026-child-c,91,",
        "briefings_circulated,,2,", "actions_overdue,Integrated Care Board,1,",
        "actions_completed,Police,1,", "theme,neglect,3,",
    ):
        assert expected in csv_lines, expected
    markdown = year.run("stats", "--year", "2026", "--format", "markdown", env=TODAY).stdout
    assert markdown.startswith("# Figures for Wed 1 Apr 2026 to Wed 31 Mar 2027: Testshire Safeguarding "
                               "Partnership, as of Wed 31 Mar 2027\n\n| Figure | Value |\n| --- | ---: |\n| Serious incidents notified | 4 |\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--year", "2026", "--from", "2026-04-01"), "either --year or --from/--to"),
        (("--to", "2026-04-01"), "--to needs --from"),
        (("--from", "2026-05-01", "--to", "2026-04-01"), "is before --from"),
    ],
)
def test_a_period_that_makes_no_sense_is_refused(year, args, message):
    result = year.run("stats", *args, ok=False, env=TODAY)
    assert result.exit_code == 1 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_an_empty_workspace_has_zeros(workspace):
    figures = workspace.json("stats", "--year", "2026")
    assert figures["notifications"]["count"] == 0
    assert figures["decisions"] == {"local": 0, "national": 0, "none": 0}
    assert figures["themes"] == [] and figures["actions"]["by_agency"] == []


def test_financial_years_and_the_as_at_day():
    import datetime as dt

    from cspr.reports.stats import as_at, financial_year, financial_year_of

    assert financial_year_of(dt.date(2027, 3, 31)) == financial_year(2026)
    assert financial_year_of(dt.date(2027, 4, 1)) == financial_year(2027)
    year = financial_year(2026)
    assert dt.date(2026, 4, 1) in year and dt.date(2027, 3, 31) in year
    assert dt.date(2026, 3, 31) not in year and dt.date(2027, 4, 1) not in year
    assert year.name == "financial year 2026/27"
    assert as_at(year, dt.date(2026, 11, 20)) == dt.date(2026, 11, 20)
    assert as_at(year, dt.date(2027, 6, 30)) == dt.date(2027, 3, 31)


def test_an_action_as_it_stood_on_a_day():
    import datetime as dt

    from cspr.reports.stats import as_it_stood, in_plan_on

    def day(year: int, month: int, number: int) -> int:  # the figures keep days as ordinals
        return dt.date(year, month, number).toordinal()

    action = ("Police", day(2027, 1, 31), (
        (day(2026, 11, 1), "not-started"),
        (day(2027, 2, 10), "complete"),
    ))
    assert as_it_stood(action, day(2026, 10, 31)) == ("not-started", None)
    assert as_it_stood(action, day(2027, 1, 31)) == ("not-started", None)
    assert as_it_stood(action, day(2027, 2, 10)) == ("complete", day(2027, 2, 10))
    assert not in_plan_on(action, None, day(2026, 10, 31))
    assert in_plan_on(action, None, day(2026, 11, 1))
    unrecorded = ("Police", day(2027, 1, 31), ())
    assert as_it_stood(unrecorded, day(2027, 1, 1)) == ("not-started", None)
    assert not in_plan_on(unrecorded, None, day(2027, 1, 1))  # never published: not yet agreed
    assert in_plan_on(unrecorded, day(2026, 12, 1), day(2027, 1, 1))
