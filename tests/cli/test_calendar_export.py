"""`cspr calendar`: the .ics read back with icalendar, event by event; UIDs stable across runs.

(tests/test_calendar.py is the working-day calendar's.)
"""

from __future__ import annotations

import datetime as dt
import re

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers.shared_workspace import module_workspace
from tests.helpers.workspace import OFFICER

TODAY = "2026-04-02"
D = dt.date


def make(workspace, *commands: tuple[str, ...], today: str = TODAY) -> None:
    for command in commands:
        workspace.run(*command, "--by", OFFICER, env={"CSPR_TODAY": today})


@pytest.fixture(scope="module")
def reviews(tmp_path_factory):
    with module_workspace(tmp_path_factory, "calendar") as workspace:
        _make_reviews(workspace)
        yield workspace


def _make_reviews(workspace) -> None:
    make(
        workspace,
        # Child H: just notified; notification due Fri 10 Apr 2026 (Easter skipped)
        ("new", "Child H", "--aware", "2026-04-01", "--agency", "Police"),
        # Child L: a local review decided Mon 26 Jan 2026, publication due 6 months later (Sun 26 Jul)
        ("new", "Child L", "--aware", "2026-01-05", "--agency", "Police", "--agency", "Health"),
        ("complete", "2026-child-l", "notification", "--on", "2026-01-07"),
        ("complete", "2026-child-l", "rapid-review", "--on", "2026-01-20"),
        ("decide", "2026-child-l", "local", "--on", "2026-01-26"),
        ("complete", "2026-child-l", "progress-check", "--on", "2026-02-27"),  # the 26 Feb check
        ("complete", "2026-child-l", "final-draft", "--on", "2026-03-20"),
        ("complete", "2026-child-l", "agency-responses", "--agency", "Police", "--on", "2026-03-25"),
        ("plan", "2026-child-l", "panel-confirmed", "2026-04-15"),
        ("recommend", "2026-child-l", "Share missed-appointment records."),
        ("action", "add", "2026-child-l", "R1", "Alert on missed appointments", "--agency", "Police",
         "--due", "2026-06-30"),
        # Child K: on hold for a criminal trial; its publication dates are left out
        ("new", "Child K", "--aware", "2026-01-05", "--agency", "Police"),
        ("complete", "2026-child-k", "notification", "--on", "2026-01-07"),
        ("complete", "2026-child-k", "rapid-review", "--on", "2026-01-20"),
        ("decide", "2026-child-k", "local", "--on", "2026-03-30"),
        ("hold", "2026-child-k", "--reason", "criminal trial", "--from", "2026-04-01"),
        # Child Q: no review needed, every stage done: closed, nothing to export
        ("new", "Child Q", "--aware", "2026-03-02"),
        ("complete", "2026-child-q", "notification", "--on", "2026-03-03"),
        ("complete", "2026-child-q", "rapid-review", "--on", "2026-03-20"),
        ("decide", "2026-child-q", "none", "--on", "2026-03-23"),
    )


def events(text: str) -> dict[str, icalendar.Event]:
    """Events by summary; a recurring check's occurrences (one summary, several dates) left out."""
    calendar = icalendar.Calendar.from_ical(text)
    found: dict[str, icalendar.Event] = {}
    repeated = set()
    for event in calendar.walk("VEVENT"):
        summary = str(event["summary"])
        if summary in found:
            repeated.add(summary)
        found[summary] = event
    assert all("progress-check" in summary for summary in repeated), repeated
    return {summary: event for summary, event in found.items() if summary not in repeated}


def export(workspace, *args: str, today: str = TODAY):
    return workspace.run("calendar", *args, env={"CSPR_TODAY": today})


def test_every_pending_deadline_is_an_all_day_event(reviews):
    result = export(reviews)
    assert "1 deadline on hold" not in result.stderr
    assert "3 deadlines on hold for parallel proceedings left out" in result.stderr
    calendar = icalendar.Calendar.from_ical(result.stdout)
    assert str(calendar["version"]) == "2.0" and "cspr" in str(calendar["prodid"])
    assert str(calendar["x-wr-calname"]) == "Testshire Safeguarding Partnership: CSPR deadlines"
    found = events(result.stdout)
    expected = {
        # summary: (due, what the description names as owner)
        "2026-child-h: notification due (Local authority)": (D(2026, 4, 10), "Local authority"),
        # provisional until the notification is done: 15 working days after Fri 10 Apr is Fri 1 May,
        # and the decision is due with the rapid review
        "2026-child-h: rapid-review due (Safeguarding partners)": (D(2026, 5, 1), "Safeguarding partners"),
        "2026-child-h: decision due (Safeguarding partners)": (D(2026, 5, 1), "Safeguarding partners"),
        # K decided 30 Mar: its first monthly progress check is 30 Apr (not held: not paused)
        "2026-child-k: progress-check due (Practice review subgroup)": (D(2026, 4, 30), "Practice review subgroup"),
        # L: the 26 Mar check was missed, the 26 Apr one is next
        # 14 days after the final draft (20 Mar): Fri 3 Apr; Police confirmed, Health has not
        "2026-child-l: agency-responses due (Health)": (D(2026, 4, 3), "Health"),
        "2026-child-l: panel-confirmed due (Business unit)": (D(2026, 4, 15), "Business unit"),
        # 7 working days before Sun 26 Jul: Thu 16 Jul
        "2026-child-l: pre-publication-notice due (Business unit)": (D(2026, 7, 16), "Business unit"),
        "2026-child-l: cabinet-member-notified due (Partnership chair)": (D(2026, 7, 16), "Partnership chair"),
        "2026-child-l: published due (Business unit)": (D(2026, 7, 26), "Business unit"),
        "2026-child-l: action R1.1 due (Police)": (D(2026, 6, 30), "Police"),
    }
    calendar_events = calendar.walk("VEVENT")
    progress = [e for e in calendar_events if str(e["summary"]).startswith("2026-child-l: progress-check")]
    assert sorted(e.decoded("dtstart") for e in progress) == [D(2026, 3, 26), D(2026, 4, 26)]
    assert len(calendar_events) == len(expected) + 2  # and L's two progress checks
    for summary, want in expected.items():
        assert summary in found, summary
        event = found[summary]
        due, owner = want
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert type(start) is dt.date and start == due, summary  # a date, not a time: all day
        assert end == due + dt.timedelta(days=1), summary
        description = str(event["description"])
        assert f"Owner: {owner}" in description
        assert f"Review: {summary.split(':')[0]}" in description
        assert str(event["transp"]) == "TRANSPARENT"
        assert re.fullmatch(r"[0-9a-f]{32}@cspr", str(event["uid"]))
    held = [s for s in found if s.startswith("2026-child-k: published")]
    assert held == []  # on hold: its date will move
    assert not [s for s in found if s.startswith("2026-child-q")]  # closed
    uids = [str(e["uid"]) for e in calendar_events]
    assert len(set(uids)) == len(uids)


def test_the_description_says_what_and_whether_overdue(reviews):
    event = events(export(reviews).stdout)["2026-child-l: agency-responses due (Health)"]
    assert str(event["description"]).splitlines() == [
        "Review: 2026-child-l (Child L)",
        "Stage: agency-responses - Agencies confirm responses after their strategic leads and governance bodies",
        "Owner: Health",
        "Due: Fri 3 Apr 2026",
        "Rule: 14 days after final-draft",
        "Exported by cspr as of Thu 2 Apr 2026; record it with cspr, not here.",
    ]
    late = [e for e in icalendar.Calendar.from_ical(export(reviews).stdout).walk("VEVENT")
            if e.decoded("dtstart") == D(2026, 3, 26)][0]
    assert "Overdue by 7 days on Thu 2 Apr 2026" in str(late["description"])


@pytest.fixture
def changing(reviews):
    """The module's reviews, put back as they were after the test changes them."""
    head = reviews.git("rev-parse", "HEAD").strip()
    yield reviews
    reviews.git("reset", "--quiet", "--hard", head)


def test_uids_stay_the_same_when_dates_move(changing):
    reviews = changing
    first = export(reviews).stdout
    assert export(reviews).stdout == first  # the same records give the same file
    before = {str(e["summary"]): str(e["uid"]) for e in icalendar.Calendar.from_ical(first).walk("VEVENT")}
    make(reviews, ("plan", "2026-child-l", "panel-confirmed", "2026-04-24"),
         ("complete", "2026-child-h", "notification", "--on", "2026-04-02"))
    after_text = export(reviews).stdout
    after = events(after_text)
    moved = after["2026-child-l: panel-confirmed due (Business unit)"]
    assert moved.decoded("dtstart") == D(2026, 4, 24)
    assert str(moved["uid"]) == before["2026-child-l: panel-confirmed due (Business unit)"]
    assert "2026-child-h: notification due (Local authority)" not in after
    # 15 working days after Thu 2 Apr 2026 (Good Friday, Easter Monday skipped): Mon 27 Apr
    assert after["2026-child-h: rapid-review due (Safeguarding partners)"].decoded("dtstart") == D(2026, 4, 27)
    for summary, event in after.items():
        if summary in before:
            assert str(event["uid"]) == before[summary], summary
    # a later export (another day) keeps the UIDs too
    later = {str(e["summary"]): str(e["uid"])
             for e in icalendar.Calendar.from_ical(export(reviews, today="2026-04-09").stdout).walk("VEVENT")}
    assert later["2026-child-l: published due (Business unit)"] == before["2026-child-l: published due (Business unit)"]


def test_output_file_and_one_review(reviews, tmp_path):
    target = tmp_path / "deadlines.ics"
    target.write_text("old calendar")
    result = export(reviews, "-o", str(target), "--review", "2026-child-h")
    assert result.stdout == ""
    assert f"wrote 3 deadlines to {target}" in result.stderr
    text = target.read_bytes().decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n")  # RFC 5545 line endings
    assert list(events(text)) == ["2026-child-h: notification due (Local authority)",
                                  "2026-child-h: decision due (Safeguarding partners)",
                                  "2026-child-h: rapid-review due (Safeguarding partners)"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".deadlines.ics")]  # no temp file left


def test_an_unknown_review_or_unwritable_file_is_refused(reviews, tmp_path):
    result = reviews.run("calendar", "--review", "nosuch", ok=False)
    assert result.exit_code == 1 and "no review 'nosuch'" in result.stderr
    # A missing folder is said, not made (a mistyped path should not become a new folder).
    result = reviews.run("calendar", "-o", str(tmp_path / "missing" / "dir" / "x.ics"), ok=False)
    assert result.exit_code == 1 and "does not exist" in result.stderr
    assert not (tmp_path / "missing").exists()
    # and a path under a file cannot be written
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = reviews.run("calendar", "-o", str(blocker / "x.ics"), ok=False)
    assert result.exit_code == 1 and "does not exist" in result.stderr and "Traceback" not in result.stderr
    (tmp_path / "out").mkdir()
    result = reviews.run("calendar", "-o", str(tmp_path / "out"), ok=False)
    assert "Traceback" not in result.output


# -- the streamed events are what icalendar itself writes -------------------------------------

def _icalendar_text(found, partnership: str, as_of: dt.date) -> str:
    """The file as icalendar writes it, event by event: the reference for `calendar_text`."""
    from cspr.present import ical

    calendar = icalendar.Calendar()
    calendar.add("prodid", ical.PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{partnership}: CSPR deadlines")
    stamp = dt.datetime.combine(as_of, dt.time(), tzinfo=dt.UTC)
    for deadline in found:
        event = icalendar.Event()
        event.add("uid", ical.uid(deadline, partnership))
        event.add("dtstamp", stamp)
        event.add("dtstart", deadline.due)
        event.add("dtend", deadline.due + dt.timedelta(days=1))
        event.add("summary", ical.summary(deadline))
        event.add("description", ical.description(deadline, as_of))
        event.add("categories", ["CSPR"])
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from("\\;,^:\n\r"),
                min_size=1, max_size=120)


@settings(max_examples=200, deadline=None)
@given(child=_TEXT, title=_TEXT, owner=_TEXT, agency=st.none() | _TEXT, rule=st.none() | _TEXT,
       partnership=_TEXT.filter(lambda name: "\n" not in name),  # cspr.yaml's name is one line
       due=st.dates(min_value=D(2000, 1, 1), max_value=D(2040, 1, 1)), stage=st.sampled_from(
           ["notification", "agency-responses", "action:R1.2", "progress-check"]))
def test_events_are_written_byte_for_byte_as_icalendar_writes_them(child, title, owner, agency, rule, partnership,
                                                                  due, stage):
    from cspr.model.agenda import Deadline
    from cspr.present import ical

    deadline = Deadline("2026-child-a", child, stage, title, owner, due, agency, rule, stage == "progress-check")
    as_of = D(2026, 4, 2)
    assert ical.calendar_text([deadline, deadline], partnership, as_of) == \
        _icalendar_text([deadline, deadline], partnership, as_of)


@pytest.mark.parametrize(("owner", "rule"), [("Police\r", None), ("Police", "6 months\r"), ("Police\\", "\\N")])
def test_a_line_of_the_description_ending_in_a_carriage_return_escapes_with_the_line_break(owner, rule):
    """The description's lines are escaped one by one, but "\\r" then the line break escape as one."""
    from cspr.model.agenda import Deadline
    from cspr.present import ical

    deadline = Deadline("2026-child-a", "Child A", "notification", "Notify", owner, D(2026, 3, 1), None, rule)
    assert ical.calendar_text([deadline], "Northbrook", D(2026, 4, 2)) == \
        _icalendar_text([deadline], "Northbrook", D(2026, 4, 2))
