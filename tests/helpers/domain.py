"""The process and calendar most pure tests judge reviews by: the default process shipped with
cspr, and England's bank holidays."""

from __future__ import annotations

from cspr.model.process import parse_process
from cspr.storage.bank_holidays import calendar_for
from cspr.storage.yamlio import load_data
from tests.helpers.workspace import REPO

PROCESS = parse_process(load_data(REPO / "cspr" / "process.yaml"))
ENGLAND = calendar_for("england")
