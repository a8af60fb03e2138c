"""The package's layers, read from the imports: no cycles, and nothing imports upwards.

The order, lowest first. A module may import its own layer and any layer below it:

    base (cspr, cspr.errors) < model < record < reports < storage < git < present < ops < cli

`model` holds values and pure rules; `record` applies a change to a YAML document; `reports`
computes report values; `storage` is the workspace on disk; `git` the audit trail; `present`
turns values into text, files and mail; `ops` is one use case per command (it may render a
document through `present`); `cli` is click only: parse, call `ops`, hand the result to `present`.
Imports under `if TYPE_CHECKING:` are annotations, not dependencies, and are not counted.
"""

from __future__ import annotations

import ast
from pathlib import Path

LAYERS = ["base", "model", "record", "reports", "storage", "git", "present", "ops", "cli"]
PACKAGE = Path(__file__).resolve().parents[1] / "cspr"
PURE = {"model", "record", "reports"}  # no disk, no git, no terminal
NOT_IN_PURE = {"click", "rich", "git", "subprocess", "fcntl", "shutil"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> str:
    if module == "cspr.__main__":  # `python -m cspr`: the command line's entry point
        return "cli"
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else "base"


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports_of(path: Path) -> list[tuple[str, int]]:
    """(module imported, line) for every import outside `if TYPE_CHECKING:` blocks."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            skipped.update(id(child) for inner in node.body for child in ast.walk(inner))
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, f"{path}:{node.lineno}: use absolute imports"
            found.append((node.module, node.lineno))
            # `from cspr.model import dates` imports the module cspr.model.dates
            found += [(f"{node.module}.{alias.name}", node.lineno) for alias in node.names]
    return found


def graph() -> dict[str, dict[str, int]]:
    modules = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    edges: dict[str, dict[str, int]] = {}
    for name, path in modules.items():
        edges[name] = {}
        for target, line in imports_of(path):
            if target in modules and target != name:
                edges[name].setdefault(target, line)
    return edges


def test_layers_are_folders():
    for layer in LAYERS[1:]:
        assert (PACKAGE / layer / "__init__.py").is_file(), layer
    loose = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert loose == ["__init__.py", "__main__.py", "errors.py"]


def test_nothing_imports_upwards():
    wrong = []
    for module, targets in graph().items():
        here = LAYERS.index(layer_of(module))
        for target, line in targets.items():
            if layer_of(target) == "base" and target not in ("cspr", "cspr.errors"):
                continue  # cspr.__main__ is imported by nobody
            if LAYERS.index(layer_of(target)) > here:
                wrong.append(f"{module}:{line} imports {target} ({layer_of(target)} is above {layer_of(module)})")
    assert not wrong, "\n".join(wrong)


def test_no_import_cycles():
    edges = graph()
    state: dict[str, int] = {}  # 1 visiting, 2 done
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in edges[node]:
            if state.get(target) == 1:
                cycles.append(trail[trail.index(target):] + [target] if target in trail else [node, target])
            elif target not in state:
                visit(target, [*trail, target])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    # a package importing its own submodule (cspr.cli -> cspr.cli.app) is not a cycle of logic
    real = [c for c in cycles if not all(c[0].startswith(m) or m.startswith(c[0]) for m in c)]
    assert not real, "\n".join(" -> ".join(c) for c in real)


def test_pure_layers_touch_no_disk_git_or_terminal():
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        module = module_name(path)
        if layer_of(module) not in PURE:
            continue
        for target, line in imports_of(path):
            if target.split(".")[0] in NOT_IN_PURE:
                wrong.append(f"{module}:{line} imports {target}")
    assert not wrong, "\n".join(wrong)


def test_cli_is_the_only_layer_with_click():
    wrong = [f"{module_name(p)}:{line}" for p in PACKAGE.rglob("*.py")
             if layer_of(module_name(p)) != "cli"
             for target, line in imports_of(p) if target.split(".")[0] == "click"]
    assert not wrong, "\n".join(wrong)
