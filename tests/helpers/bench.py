"""The benchmark's generator (bench/generate.py), for tests that want the reviews it makes:
one fixed-seed source of realistic workspaces and of review files of many MB."""

from __future__ import annotations

import importlib.util
from functools import cache
from types import ModuleType

from tests.helpers.workspace import REPO


@cache
def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate", REPO / "bench" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module
