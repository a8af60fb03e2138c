"""`cspr complete`, `decide`, `plan`, `hold`, `resume` and `set`: recording what happened to a review."""

from __future__ import annotations

import datetime as dt

import click

from cspr.cli.options import (
    DATE,
    REVIEW_ID,
    by_option,
    complete_agency,
    complete_stage,
    on_option,
    pass_app,
)
from cspr.cli.output import done


@click.command()
@click.argument("review_id", metavar="ID", type=REVIEW_ID)
@click.argument("stage", shell_complete=complete_stage)
@on_option("When it was done")
@click.option("--agency", shell_complete=complete_agency, metavar="NAME", help="For a per-agency stage: the agency confirming.")
@click.option("--note", metavar="TEXT", help="A note kept with the record (evidence, reference).")
@click.option("--amend", is_flag=True,
              help="Change a record already made: only what is given (--on keeps the note, --note keeps the date).")
@click.option("--occurrence", type=DATE, metavar="DATE",
              help="A recurring stage's occurrence (its due date): the one this records; with --amend, the one to change.")
@by_option
@pass_app
def complete(app, review_id: str, stage: str, on: dt.date | None, agency: str | None,
             note: str | None, amend: bool, occurrence: dt.date | None, by: str | None) -> None:
    """Record STAGE of review ID as done. For a per-agency stage, --agency records one
    agency's confirmation; the stage is done when every agency taking part has confirmed.
    For a recurring stage (progress-check, assurance) it records the earliest occurrence
    still outstanding.

    \b
    Example:
      cspr complete 2026-child-h notification --on 03/04/2026
      cspr complete child-h agency-responses --agency Police --note "Letter of 2 Nov"
      cspr complete 2026-child-h notification --amend --on 02/04/2026
    """
    from cspr.ops.stages import complete as record_completion

    done(review_id, record_completion(app.workspace, review_id, stage, on=on, today=app.today, agency=agency,
                                      note=note, amend=amend, occurrence=occurrence, by=by))


@click.command()
@click.argument("review_id", metavar="ID", type=REVIEW_ID)
@click.argument("stage")
@click.option("--agency", metavar="NAME", help="For a per-agency stage: the agency whose confirmation is taken back.")
@click.option("--occurrence", type=DATE, metavar="DATE",
              help="For a recurring stage: the occurrence (its due or done date); default the most recent.")
@click.option("--reason", required=True, metavar="TEXT", help="Why it was recorded in error (goes in the commit message).")
@by_option
@pass_app
def uncomplete(app, review_id: str, stage: str, agency: str | None, occurrence: dt.date | None, reason: str,
               by: str | None) -> None:
    """Take back a completion of STAGE recorded in error (or a 'not needed' from 'cspr skip').
    Git keeps what was recorded; the reason goes in the commit message.

    \b
    Example:
      cspr uncomplete 2026-child-h rapid-review --reason 'recorded on the wrong review'"""
    from cspr.ops.stages import uncomplete as take_back

    done(review_id, take_back(app.workspace, review_id, stage, reason=reason, agency=agency,
                              occurrence=occurrence, by=by))


@click.command()
@click.argument("review_id", metavar="ID", type=REVIEW_ID)
@click.argument("stage")
@click.option("--reason", required=True, metavar="TEXT", help="Why it will not happen, e.g. 'not needed'.")
@on_option("When this was agreed")
@by_option
@pass_app
def skip(app, review_id: str, stage: str, reason: str, on: dt.date | None, by: str | None) -> None:
    """Mark an optional STAGE of review ID as not happening: it no longer shows as pending.
    'cspr uncomplete ID STAGE --reason TEXT' takes it back.

    \b
    Example:
      cspr skip 2026-child-h practitioner-briefing --reason 'not needed: learning shared at the L&D subgroup'"""
    from cspr.ops.stages import skip as record_skip

    done(review_id, record_skip(app.workspace, review_id, stage, reason=reason, on=on, today=app.today, by=by))


@click.command()
@click.argument("review_id", metavar="ID", type=REVIEW_ID)
@click.argument("track", metavar="local|national|none")
@on_option("When the decision was made")
@click.option("--change", is_flag=True, help="Replace the current decision (the earlier one is kept as history).")
@click.option("--reason", metavar="TEXT", help="With --change: why the decision changed.")
@by_option
@pass_app
def decide(app, review_id: str, track: str, on: dt.date | None, change: bool, reason: str | None,
           by: str | None) -> None:
    """Record the decision after the rapid review: a local review, a national review, or none.
    The track decides which further stages apply. With --change, a new decision replaces
    the current one from its own date (the National Panel disagreed, a local review became
    national); the earlier decision and its date stay in the file as history, and stages
    already completed stay recorded.

    \b
    Example:
      cspr decide 2026-child-h local --on 20/04/2026
      cspr decide 2026-child-h national --change --on 06/05/2026 --reason "National Panel to review"
    """
    from cspr.ops.stages import decide as record_decision

    if change and not reason:
        raise click.UsageError("--change needs --reason TEXT: why the decision changed")
    done(review_id, record_decision(app.workspace, review_id, track, on=on, today=app.today, change=change,
                                    reason=reason, by=by))


@click.command()
@click.argument("review_id", metavar="ID", type=REVIEW_ID)
@click.argument("stage", shell_complete=complete_stage)
@click.argument("date", type=DATE, required=False)
@click.option("--every", metavar="INTERVAL", help="For a recurring stage: the agreed interval, such as 6m or 2w.")
@by_option
@pass_app
def plan(app, review_id: str, stage: str, date: dt.date | None, every: str | None, by: str | None) -> None:
    """Record DATE agreed for STAGE in the review's timeline. It is the stage's due date where
    the process gives none; the planned publication date drives the 7-working-day notices. A
    plan later than a statutory deadline is allowed and shown as beyond it.

    \b
    Example:
      cspr plan 2026-child-h published 2026-12-18
      cspr plan child-h assurance --every 6m
    """
    from cspr.ops.stages import plan as record_plan

    done(review_id, record_plan(app.workspace, review_id, stage, date=date, every=every, today=app.today, by=by))


@click.command()
@click.argument("review_id", metavar="ID", type=REVIEW_ID)
@click.option("--reason", required=True, metavar="TEXT",
              help="The parallel proceedings, e.g. 'criminal trial' or 'coroner's inquest'.")
@click.option("--from", "start", type=DATE, default=None, metavar="DATE", help="When the hold began (default: today).")
@by_option
@pass_app
def hold(app, review_id: str, reason: str, start: dt.date | None, by: str | None) -> None:
    """Put the publication stages of review ID on hold for parallel proceedings. While on hold
    they are shown as on hold, never overdue; when it ends their deadlines move later.

    \b
    Example:
      cspr hold 2026-child-h --reason "Criminal trial" --from 01/10/2026
    """
    from cspr.ops.stages import hold as record_hold

    done(review_id, record_hold(app.workspace, review_id, reason, start=start, today=app.today, by=by))


@click.command()
@click.argument("review_id", metavar="ID", type=REVIEW_ID)
@on_option("When the hold ended")
@click.option("--hold", "which", metavar="REASON", help="When several holds are open: the one that ended (its reason).")
@by_option
@pass_app
def resume(app, review_id: str, on: dt.date | None, which: str | None, by: str | None) -> None:
    """End the current hold on review ID. Publication deadlines move later by the days it
    lasted (held from 1 October, resumed on 31 October: 30 days). Holds may overlap; the
    deadlines move by the days covered by any hold, each day counted once.

    \b
    Example:
      cspr resume 2026-child-h --on 31/10/2026
      cspr resume 2026-child-h --hold inquest --on 31/10/2026
    """
    from cspr.ops.stages import resume as record_resume

    done(review_id, record_resume(app.workspace, review_id, on=on, today=app.today, which=which, by=by))


@click.command("set")
@click.argument("review_id", metavar="ID", type=REVIEW_ID)
@click.argument("field", metavar="pseudonym|aware|incident|lead-reviewer|publication-address|looked-after")
@click.argument("value")
@click.option("--reason", metavar="TEXT", help="Why it changed (goes in the commit message), for a correction.")
@by_option
@pass_app
def set_fact(app, review_id: str, field: str, value: str, reason: str | None, by: str | None) -> None:
    """Record or correct a fact of review ID: the pseudonym, the date the LA became aware,
    the date of the incident, the lead reviewer's name, the address where the report is
    published (briefings carry it), or whether the child is looked after (yes or no: adds the
    Secretary of State and Ofsted notification). Setting the value already recorded changes
    nothing.

    \b
    Example:
      cspr set 2026-child-h lead-reviewer "Dr A Reviewer"
      cspr set child-h looked-after yes
      cspr set 2026-child-h aware 31/03/2026 --reason "the LA log shows 31 March"
    """
    from cspr.ops.stages import set_fact as record_fact

    done(review_id, record_fact(app.workspace, review_id, field, value, today=app.today, reason=reason, by=by))


@click.command()
@click.argument("review_id", metavar="ID", type=REVIEW_ID)
@click.option("--reason", required=True, metavar="TEXT",
              help="Why the report is not published, wholly or in part (e.g. 'to protect a sibling').")
@on_option("When the partners decided")
@by_option
@pass_app
def withhold(app, review_id: str, reason: str, on: dt.date | None, by: str | None) -> None:
    """Record that review ID's report will not be published (or only in part). Its publication
    deadline is replaced by 'reasons for not publishing sent to the National Panel and the
    Secretary of State' (stage withheld-reasons-sent), due by the date publication was due;
    the 7-working-day notice and the Cabinet Member stage no longer apply.

    \b
    Example: cspr withhold 2026-child-h --reason "Publication would identify a sibling"
    """
    from cspr.ops.stages import withhold as record_withhold

    done(review_id, record_withhold(app.workspace, review_id, reason, on=on, today=app.today, by=by))
