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
    from cspr.git import repo as gitrepo
    from cspr.git.change import Change
    from cspr.storage.paths import packaged_templates_dir
    from cspr.storage.workspace import Workspace

    root = directory.expanduser().resolve()
    if (root / CONFIG_FILE).exists():
        raise WorkspaceError(f"{root} is already a cspr workspace (it has {CONFIG_FILE})")
    root.mkdir(parents=True, exist_ok=True)
    gitrepo.init(root)
    officer = gitrepo.officer_for(root, by)

    workspace = Workspace(root)
    change = Change(workspace, officer, None, "init")
    change.write(root / CONFIG_FILE, config_text(partnership))
    change.write(root / ".gitignore", GITIGNORE)
    change.write(root / REVIEWS_DIR / ".gitkeep", "")
    templates = packaged_templates_dir()
    if templates.is_dir():
        for template in sorted(templates.iterdir()):
            if template.is_file() and not template.name.startswith("."):
                change.write(root / "templates" / template.name, template.read_bytes())
    private = root / PRIVATE_DIR
    private.mkdir(exist_ok=True)
    terms = private / "restricted-terms.txt"
    if not terms.exists():
        terms.write_text(RESTRICTED_TERMS_HELP, encoding="utf-8")
    try:
        change.commit(f"new workspace for {partnership}")
    except BaseException:
        shutil.rmtree(private, ignore_errors=True)
        raise
    return root
