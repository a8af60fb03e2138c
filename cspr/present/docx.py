"""Word documents: a .docx template with Jinja tags (docxtpl) rendered over plain data, and its text read back.

The template is found like the Markdown and HTML ones (the workspace's `templates/` first, then
the packaged ones) and sees the same context. Rendering runs in the same sandbox, strict about
missing fields. `document_text` reads the rendered document's words back from its XML, so the
restricted-term check runs on exactly what a reader of the document would see.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from cspr.errors import DataError, Location, UnsafeTemplate, UsageError

_WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def find_word_template(dirs: Sequence[Path], name: str) -> Path:
    for folder in dirs:
        if (folder / name).is_file():
            return folder / name
    raise UsageError(f"no Word template {name!r} in {' or '.join(str(d) for d in dirs)}; "
                     f"put one in the workspace's templates/ folder (cspr init copies the built-in {name})")


def render_docx(dirs: Sequence[Path], template: Path, context: Mapping[str, Any]) -> bytes:
    """The template rendered over `context`, as the bytes of a .docx file."""
    # docxtpl (and python-docx, lxml under it) are imported only when a Word file is asked for.
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError, UndefinedError
    from jinja2.sandbox import SecurityError

    from cspr.present.templates import word_environment
    from cspr.storage.paths import relative

    shown = relative(template)
    try:
        document = DocxTemplate(str(template))
        document.render(dict(context), jinja_env=word_environment(dirs), autoescape=True)
    except SecurityError as exc:
        raise UnsafeTemplate(f"{shown}: refused: the template reaches for Python internals ({exc}); "
                             "templates may use only the document's fields") from None
    except UndefinedError as exc:
        raise DataError(Location(shown), f"missing field ({exc.message}); use only fields the document has, "
                                         "or test for one with 'is defined'") from None
    except TemplateError as exc:
        raise DataError(Location(shown), f"template error: {exc}") from None
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DataError(Location(shown), f"not a Word document cspr can read ({exc}); save it again as .docx") from None
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def document_text(data: bytes) -> str:
    """The words of a .docx (body, headers and footers), one paragraph a line."""
    from xml.etree import ElementTree

    lines: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = sorted(name for name in archive.namelist()
                       if name == "word/document.xml" or name.startswith(("word/header", "word/footer")))
        for name in parts:
            root = ElementTree.fromstring(archive.read(name))
            for paragraph in root.iter(f"{_WORD}p"):
                words = []
                for node in paragraph.iter():
                    if node.tag == f"{_WORD}t" and node.text:
                        words.append(node.text)
                    elif node.tag in (f"{_WORD}br", f"{_WORD}tab"):
                        words.append(" ")
                lines.append("".join(words))
    return "\n".join(lines) + "\n"
