"""Rendering a briefing from a Jinja template: sandboxed, strict, and every error located.

Templates are looked up by name in the workspace's `templates/` folder first, then among the
packaged ones, so a workspace overrides a built-in template by giving its own the same name
(and may `{% extends %}` the built-in one). Jinja runs in its SandboxedEnvironment with
StrictUndefined, over plain data only; HTML is autoescaped. A template that reaches for Python
internals is refused before it runs; the sandbox stops anything the check does not see.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from cspr.errors import DataError, Location, UnsafeTemplate, UsageError

FORMATS = ("md", "html")
DEFAULT_TEMPLATES = {"md": "briefing.md.j2", "html": "briefing.html.j2"}
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def template_dirs(workspace_root: Path) -> list[Path]:
    """Where templates are looked up, in order: the workspace's own, then the packaged ones."""
    from cspr.storage.paths import packaged_templates_dir

    dirs = [workspace_root / "templates", packaged_templates_dir()]
    unique: list[Path] = []
    for folder in dirs:
        if folder.is_dir() and folder.resolve() not in {d.resolve() for d in unique}:
            unique.append(folder)
    return unique


# Templates for other commands (the chase emails), not offered as briefings.
OTHER_COMMANDS = ("chase.",)


def available_templates(dirs: Sequence[Path]) -> list[str]:
    """The briefing templates: every .j2 file at the top of the folders, less other commands'."""
    return sorted({p.name for d in dirs for p in d.iterdir()
                   if p.is_file() and p.name.endswith(".j2") and not p.name.startswith(OTHER_COMMANDS)})


def find_template(dirs: Sequence[Path], name: str | None, fmt: str) -> str:
    """The file name of the template to use: NAME, NAME.j2 or NAME.FORMAT.j2, or the default."""
    if name is None:
        name = DEFAULT_TEMPLATES[fmt]
    if not _SAFE_NAME.match(name) or ".." in name:
        raise UsageError(f"--template {name!r}: give a template's file name from templates/, "
                         "such as briefing.html.j2, not a path")
    for candidate in (name, f"{name}.j2", f"{name}.{fmt}.j2"):
        if any((folder / candidate).is_file() for folder in dirs):
            return candidate
    names = ", ".join(available_templates(dirs)) or "none"
    raise UsageError(f"no template {name!r} in {' or '.join(str(d) for d in dirs) or 'templates/'}; "
                     f"the templates are: {names}")


def written_date(day: dt.date) -> str:
    """A date as a published document writes it: 15 August 2025."""
    return f"{day.day} {day:%B %Y}"


def render(dirs: Sequence[Path], template_name: str, fmt: str, context: Mapping[str, Any]) -> str:
    """Render `template_name` over `context`; every failure is a CsprError naming file and line."""
    return renderer(dirs, fmt)(template_name, context)


def renderer(dirs: Sequence[Path], fmt: str) -> Callable[[str, Mapping[str, Any]], str]:
    """`render` for many documents from the same templates (the dashboard's page per review):
    one environment, each template compiled and checked once. Compiling a template took about
    30 ms, and the dashboard of 1,000 reviews took a minute when every page compiled its own."""
    env = _environment(dirs, fmt)
    checked: set[str] = set()

    def render_one(template_name: str, context: Mapping[str, Any]) -> str:
        return _render(env, checked, dirs, template_name, context)

    return render_one


def _render(env, checked: set[str], dirs: Sequence[Path], template_name: str, context: Mapping[str, Any]) -> str:
    from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.sandbox import SecurityError

    try:
        template = env.get_template(template_name)
        if template_name not in checked:
            _refuse_internals(env, template_name, set())
            checked.add(template_name)
        return _bounded_render(template, context)
    except _sandbox()[0] as exc:
        raise UnsafeTemplate(f"{_where(exc, dirs, template_name)}: refused: {exc}; rendering stopped and "
                             "nothing was written") from None
    except TemplateSyntaxError as exc:
        where = Location(_shown(exc.filename or template_name), exc.lineno)
        raise DataError(where, f"template does not parse: {exc.message}") from None
    except SecurityError as exc:
        raise UnsafeTemplate(
            f"{_where(exc, dirs, template_name)}: refused: the template reaches for Python internals "
            f"({exc}); templates may use only the briefing's fields"
        ) from None
    except UndefinedError as exc:
        raise _missing_field(exc, dirs, template_name, list(context)) from None
    except TemplateNotFound as exc:
        raise DataError(_where(exc, dirs, template_name),
                        f"template {exc.name!r} not found in {', '.join(str(d) for d in dirs)}") from None
    except TemplateError as exc:
        raise DataError(_where(exc, dirs, template_name), f"template error: {exc}") from None
    except (TypeError, ValueError, ArithmeticError, LookupError, AttributeError) as exc:
        raise DataError(_where(exc, dirs, template_name),
                        f"template error: {type(exc).__name__}: {exc}") from None


def word_environment(dirs: Sequence[Path]):
    """The same sandbox, filters and strictness for a Word (.docx) template, whose text is XML:
    escaped as HTML is, so text in the learning is always shown as text."""
    return _environment(dirs, "html")


# -- the environment ---------------------------------------------------------------------------

# What a template may build: a briefing is a page, a board paper a few. Far beyond any real
# document, far below what would exhaust the machine's memory.
LONGEST_VALUE = 1_000_000  # characters of one string, or items of one list, made by * or +
LONGEST_OUTPUT = 10_000_000  # characters of a whole rendered document


@lru_cache(maxsize=1)
def _sandbox() -> tuple[type, type]:
    """(the error, the environment) of the bounded sandbox, made when first needed (jinja2 is
    imported lazily)."""
    from jinja2.sandbox import SandboxedEnvironment, SecurityError

    class TooBig(SecurityError):
        """A template building more text than any document needs (a memory bomb)."""

    class Bounded(SandboxedEnvironment):
        """Jinja's sandbox, with string and list repetition, joining, padding and powers capped."""

        intercepted_binops = frozenset(["*", "+", "**"])

        def call_binop(self, context, operator, left, right):
            if operator == "**":
                if isinstance(left, (int, float)) and isinstance(right, (int, float)) and abs(left) > 1 and right > 64:
                    raise TooBig(f"the template raises a number to the power {right}")
            elif operator == "*":
                for seq, times in ((left, right), (right, left)):
                    if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and len(seq) * times > LONGEST_VALUE:
                        raise TooBig(f"the template repeats a {type(seq).__name__} into more than "
                                     f"{LONGEST_VALUE:,} items")
            elif operator == "+" and isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)) \
                    and len(left) + len(right) > LONGEST_VALUE:
                raise TooBig(f"the template builds a {type(left).__name__} of more than {LONGEST_VALUE:,} items")
            return super().call_binop(context, operator, left, right)

        def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's own signature
            # str.ljust(10**9), '{:>999999999}'.format(x), a filter such as center(10**9)...
            _refuse_huge(TooBig, getattr(__obj, "__name__", ""), args, kwargs)
            return super().call(__context, __obj, *args, **kwargs)

    return TooBig, Bounded


def _refuse_huge(too_big: type, name: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and value > LONGEST_VALUE:
            raise too_big(f"the template asks for {value:,} of something (more than {LONGEST_VALUE:,})")
        if isinstance(value, str) and name == "format" and re.search(r"\d{7,}", value):
            raise too_big("the template formats with a width of millions of characters")


def _bounded_filter(too_big: type, name: str, function):
    """A built-in filter (center, indent, wordwrap, format...) refusing a width in the millions."""
    import functools

    @functools.wraps(function)  # keeps Jinja's pass_context/pass_environment marks
    def bounded(*args, **kwargs):
        _refuse_huge(too_big, name, args[1:], kwargs)
        return function(*args, **kwargs)

    return bounded


# Pieces joined at a time: a board paper over 10,000 reviews is 300,000 pieces, and counting
# them one by one was a tenth of its time. A piece is at most about LONGEST_VALUE characters, so
# a batch stays far below what would exhaust the machine's memory.
_BATCH = 64


def _bounded_render(template, context: Mapping[str, Any]) -> str:
    """Render a batch of pieces at a time, stopping once the document is longer than any
    document should be."""
    from itertools import islice

    # Jinja's own `generate` is this generator wrapped in another, which every piece then passed
    # through (a twentieth of a board paper's time); errors are handled here as it handles them.
    pieces = template.root_render_func(template.new_context(dict(context)))
    parts: list[str] = []
    size = 0
    while True:
        try:
            batch = list(islice(pieces, _BATCH))
        except Exception:
            template.environment.handle_exception()  # raises it again, pointing into the template
            raise  # (not reached)
        if not batch:
            break
        text = "".join(batch)
        size += len(text)
        if size > LONGEST_OUTPUT:
            raise _sandbox()[0](f"the rendered document runs past {LONGEST_OUTPUT:,} characters")
        parts.append(text)
    return "".join(parts)


def _environment(dirs: Sequence[Path], fmt: str):
    from jinja2 import FileSystemLoader, StrictUndefined

    from cspr.model.dates import long_date

    class Missing(StrictUndefined):
        """StrictUndefined whose message names the missing field and what there is instead."""

        __slots__ = ()

        @property
        def _undefined_message(self) -> str:
            if self._undefined_hint:
                return self._undefined_hint
            name = self._undefined_name
            obj = self._undefined_obj
            if isinstance(obj, Mapping):
                return f"no field {name!r}; the fields there are: {', '.join(map(str, obj)) or 'none'}"
            if isinstance(obj, (list, tuple)):
                return f"no item {name!r}; the list has {len(obj)} item{'s' if len(obj) != 1 else ''}"
            if obj is not None and type(obj).__name__ != "_MissingType":
                return f"no field {name!r} on a {type(obj).__name__}"
            return f"no field {name!r}"

    too_big, bounded_sandbox = _sandbox()
    env = bounded_sandbox(
        loader=FileSystemLoader([str(d) for d in dirs]),
        undefined=Missing,
        autoescape=fmt == "html",
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    for name, function in list(env.filters.items()):
        env.filters[name] = _bounded_filter(too_big, name, function)
    env.filters["long_date"] = long_date
    env.filters["written_date"] = written_date
    return env


def _refuse_internals(env, name: str, seen: set[str]) -> None:
    """Refuse, before anything runs, a template (or one it includes) naming a `_` attribute."""
    from jinja2 import meta, nodes

    if name in seen:
        return
    seen.add(name)
    source, filename, _ = env.loader.get_source(env, name)
    tree = env.parse(source, name, filename)
    for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Filter)):
        reached = None
        if isinstance(node, nodes.Getattr):
            reached = node.attr
        elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            reached = node.arg.value
        elif isinstance(node, nodes.Filter) and node.name == "attr" and node.args and isinstance(node.args[0], nodes.Const):
            reached = node.args[0].value
        if isinstance(reached, str) and reached.startswith("_"):
            raise UnsafeTemplate(
                f"{Location(_shown(filename), node.lineno)}: refused: the template reaches for Python "
                f"internals ({reached!r}); templates may use only the briefing's fields. Nothing was rendered"
            )
    for included in meta.find_referenced_templates(tree):
        if included is not None:
            _refuse_internals(env, included, seen)


# -- where an error happened -------------------------------------------------------------------

def _shown(filename: str | Path) -> Path:
    from cspr.storage.paths import relative

    return relative(Path(filename))


def _template_frame(exc: BaseException, dirs: Sequence[Path]) -> tuple[str, int] | None:
    """The innermost traceback frame in a template file: Jinja rewrites frames to point there."""
    import traceback

    roots = [d.resolve() for d in dirs]
    found = None
    for frame in traceback.extract_tb(exc.__traceback__):
        path = Path(frame.filename)
        if path.is_absolute() and any(root in path.resolve().parents for root in roots):
            found = (frame.filename, frame.lineno or 0)
    return found


def _where(exc: BaseException, dirs: Sequence[Path], template_name: str) -> Location:
    frame = _template_frame(exc, dirs)
    if frame is None:
        return Location(template_name)
    return Location(_shown(frame[0]), frame[1])


def _missing_field(exc: BaseException, dirs: Sequence[Path], template_name: str, top: list[str]) -> DataError:
    """'templates/x.md.j2:5: missing field review.nickname (no field 'nickname'; the fields...)'."""
    message = str(getattr(exc, "message", None) or exc)
    frame = _template_frame(exc, dirs)
    where = Location(_shown(frame[0]), frame[1]) if frame else Location(template_name)
    named = re.match(r"no (?:field|item) '?([^';]+?)'?(?:;|$)", message)
    if named is None:
        return DataError(where, f"missing field: {message}")
    name = named.group(1)
    if message == f"no field {name!r}":  # a name at the top level: say where a template starts
        message += f"; a template starts from: {', '.join(top)}"
    expression = name
    if frame is not None:
        # Name the whole expression as written on that line, such as review.nickname or parts[9].
        try:
            line = Path(frame[0]).read_text(encoding="utf-8").splitlines()[frame[1] - 1]
        except (OSError, IndexError):
            line = ""
        key = re.escape(name)
        spelled = re.search(rf"[A-Za-z_]\w*(?:\.\w+|\[[^\]]*\])*?(?:\.{key}\b|\[\s*['\"]?{key}['\"]?\s*\])", line)
        if spelled:
            expression = spelled.group(0)
    return DataError(where, f"missing field {expression} ({message}); use only fields the briefing has, "
                            "or test for one with 'is defined'")
