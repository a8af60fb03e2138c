"""Making a new workspace on disk and its first commit."""

from __future__ import annotations

import shutil
from pathlib import Path

from cspr.errors import WorkspaceError
from cspr.storage.paths import CONFIG_FILE, PRIVATE_DIR, REVIEWS_DIR, STATE_DIR

GITIGNORE = f"""\
# Kept out of git by cspr: restricted terms (real names) and the tool's lock and cache.
/{PRIVATE_DIR}/
/{STATE_DIR}/
"""

RESTRICTED_TERMS_HELP = """\
# Restricted terms: one per line (real names, addresses, schools). Never committed: git ignores
# this folder. `cspr brief` refuses to write a briefing that contains any of them.
"""


def config_text(partnership: str) -> str:
    import json

    return f"""\
# cspr workspace settings.
partnership: {json.dumps(partnership, ensure_ascii=False)}
# Bank holidays for working days: england, wales, scotland or northern-ireland.
region: england
# Extra days the partnership is closed (not counted as working days).
closures: []
# Agencies that usually take part in a review (cspr new uses them unless --agency is given).
agencies:
  - Local authority children's services
  - Police
  - Integrated Care Board
# The git remote `cspr sync` uses.
remote: origin
# The partnership's website, shown on briefings and the dashboard (partnership.website in templates).
# website: https://www.example.org/safeguarding-partnership
"""


def create_workspace(directory: Path, partnership: str, by: str | None) -> Path:
    """Make the workspace's files and first commit; a file the user already has is kept.

    An existing `.gitignore` keeps every line and gains only the lines cspr needs; an existing
    template or terms file is left alone. If anything fails, whatever this made (the folder,
    `.git`, `private/`) is removed again, so the folder is exactly as it was.
    """
    from cspr.storage.paths import packaged_templates_dir

    root = directory.expanduser().resolve()
    if (root / CONFIG_FILE).exists():
        raise WorkspaceError(f"{root} is already a cspr workspace (it has {CONFIG_FILE})")
    if root.exists() and not root.is_dir():
        raise WorkspaceError(f"{root} is a file, not a folder; choose another DIR for 'cspr init'")
    made: list[Path] = []  # what to remove if init fails, newest last
    try:
        if not root.exists():
            root.mkdir(parents=True)
            made.append(root)
        files: dict[Path, str | bytes] = {root / CONFIG_FILE: config_text(partnership)}
        gitignore = _merged_gitignore(root / ".gitignore")
        if gitignore is not None:
            files[root / ".gitignore"] = gitignore
        if not (root / REVIEWS_DIR).is_dir() or not any((root / REVIEWS_DIR).iterdir()):
            files[root / REVIEWS_DIR / ".gitkeep"] = ""
        templates = packaged_templates_dir()
        if templates.is_dir():
            for template in sorted(templates.iterdir()):
                target = root / "templates" / template.name
                if template.is_file() and not template.name.startswith(".") and not target.exists():
                    files[target] = template.read_bytes()  # .docx templates are binary
        _commit_new_workspace(root, partnership, by, files, made)
    except BaseException:
        for path in reversed(made):
            shutil.rmtree(path, ignore_errors=True)
        raise
    return root


def _commit_new_workspace(root: Path, partnership: str, by: str | None, files: dict[Path, str | bytes],
                          made: list[Path]) -> None:
    from cspr.git import repo as gitrepo
    from cspr.git.change import Change
    from cspr.storage.workspace import Workspace

    if gitrepo.init(root):
        made.append(root / ".git")
    officer = gitrepo.officer_for(root, by)
    change = Change(Workspace(root), officer, None, "init")
    for path, text in files.items():
        change.write(path, text)
    for folder in (root / REVIEWS_DIR, root / "templates"):
        if not folder.exists() and any(path.parent == folder for path in files):
            made.append(folder)  # Change puts the files back, but not the folders it makes
    private = root / PRIVATE_DIR
    if not private.exists():
        private.mkdir()
        made.append(private)
    terms = private / "restricted-terms.txt"
    if not terms.exists():
        terms.write_text(RESTRICTED_TERMS_HELP, encoding="utf-8")
    change.commit(f"new workspace for {partnership}")


def _merged_gitignore(path: Path) -> str | None:
    """The user's .gitignore with cspr's lines added where missing; None when nothing is missing."""
    if not path.exists():
        return GITIGNORE
    text = path.read_text(encoding="utf-8")
    have = {line.strip() for line in text.splitlines()}
    missing = [line for line in GITIGNORE.splitlines() if line.strip() and line not in have
               and not line.startswith("#")]
    if not missing:
        return None
    return text + ("" if text.endswith("\n") or not text else "\n") + "\n".join([GITIGNORE.splitlines()[0], *missing]) + "\n"
