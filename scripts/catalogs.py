"""Regenerate repairkit's message catalogs, or check that they are whole (``--check``).

The texts come from the sources, in English: every notice rule's message (the notice
modules of every workflow and of the relationship), and every error message written
with a template (`repairkit.errors`, and the raise sites listed in `ERROR_SOURCES`).
This writes ``src/repairkit/locale/repairkit.pot``, brings each language's ``.po`` up to
date with it (a new text waits there untranslated) and compiles each ``.mo`` with Babel.

``--check`` (run by ``make test``) changes nothing and fails when the template misses a
text of the sources, a ``.po`` misses a translation or has one whose placeholders differ,
or a shipped ``.mo`` is not the compiled ``.po``.
"""

from __future__ import annotations

import argparse
import ast
import io
import re
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "repairkit"
LOCALE = SRC / "locale"
POT = LOCALE / "repairkit.pot"
LANGUAGES = ("en", "de")
DATE = datetime(2026, 12, 6, tzinfo=UTC)  # fixed: the files change only with their texts

NOTICE_SOURCES = (
    *sorted(SRC.glob("*/notices.py")),
    SRC / "core" / "relationship_events.py",
    SRC / "microresponses" / "reminders.py",
)
"""Where notice rules write their messages."""
ERROR_SOURCES: tuple[Path, ...] = tuple(
    sorted(p for p in SRC.rglob("*.py") if "testing" not in p.parts and p.name != "errors.py")
)
"""The modules whose raise sites are in the catalogs: all but the contract suites."""
ERROR_CALLS = {"InvalidInput": 1, "NotPermitted": 0, "NotInvitable": 0, "StorageError": 0}
"""The calls whose argument (by position) is an error's English template."""
ERROR_KEYWORDS = ("reason",)
"""Keyword arguments that are an error's English template (``NotAllowedNow(reason=...)``)."""

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def _template(node: ast.expr) -> str | None:
    """Return a string or f-string as a catalog template; None for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        parts: list[str] = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value))
            elif isinstance(value, ast.FormattedValue) and isinstance(value.value, ast.Name):
                parts.append("{" + value.value.id.lower().lstrip("_") + "}")
            else:
                return None
        literal = _PLACEHOLDER.sub("", "".join(parts))
        if not literal.strip():
            return None  # a message joined of others, not a text of its own
        return "".join(parts)
    return None


def _sentence(text: str) -> bool:
    return " " in text.strip() and text.strip()[-1:] in ".?!;"


def _skipped(tree: ast.Module, *, classes: bool = True) -> set[int]:  # noqa: C901 - one rule a line
    """Return the ids of nodes that are no message: docstrings, Quiet's reasons, enums, docs."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list):
            for statement in body:
                if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
                    skip.add(id(statement.value))  # a docstring (of a module, class, attribute)
        if classes and isinstance(node, ast.ClassDef):
            skip.update(id(child) for child in ast.walk(node))  # enum values, attributes
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name in ("Quiet", "Move", "InvalidInput") or name.endswith("Role"):
                skip.update(id(child) for child in ast.walk(node))
            for keyword in node.keywords:
                if keyword.arg in ("refusal", "why", "description"):
                    skip.update(id(child) for child in ast.walk(keyword.value))
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Attribute) and target.attr == "__doc__"
            for target in node.targets
        ):
            skip.update(id(child) for child in ast.walk(node.value))
    return skip


def notice_texts(path: Path, *, classes: bool = True) -> Iterator[tuple[str, int]]:
    """Yield every sentence a module writes (in class bodies too unless *classes*)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _skipped(tree, classes=classes)
    for node in ast.walk(tree):
        if id(node) in skip or not isinstance(node, ast.Constant | ast.JoinedStr):
            continue
        text = _template(node)
        if text is not None and _sentence(text):
            yield text.strip(), node.lineno
            skip.update(id(child) for child in ast.walk(node))


def _assigned(tree: ast.Module) -> dict[str, list[ast.expr]]:
    """Return the values assigned to each plain name of *tree* (in any scope)."""
    found: dict[str, list[ast.expr]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):  # what a function returns: "name()"
            for inner in ast.walk(node):
                if isinstance(inner, ast.Return) and inner.value is not None:
                    found.setdefault(f"{node.name}()", []).append(inner.value)
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AnnAssign) and node.value is not None:
            targets = [node.target]
        for target in targets:
            if isinstance(target, ast.Name):
                found.setdefault(target.id, []).append(node.value)  # type: ignore[union-attr]
    return found


def _resolved(value: ast.expr, names: dict[str, list[ast.expr]]) -> list[ast.expr]:  # noqa: PLR0911 - a case per kind of expression
    """Return the texts *value* may be: itself, or what its name or table holds."""
    if isinstance(value, ast.IfExp):
        return [*_resolved(value.body, names), *_resolved(value.orelse, names)]
    if isinstance(value, ast.Name):  # a reason written above, or a module's constant
        return [v for held in names.get(value.id, []) for v in _resolved(held, names)]
    if isinstance(value, ast.Dict):  # a table of reasons by move
        return [v for v in value.values if v is not None]
    if isinstance(value, ast.Subscript):  # TABLE[trigger]
        return _resolved(value.value, names)
    if (  # TABLE.get(trigger, "default"), {...}.get(trigger, "default")
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr == "get"
        and isinstance(value.func.value, ast.Name | ast.Dict)
    ):
        return [*_resolved(value.func.value, names), *value.args[1:2]]
    if isinstance(value, ast.Call):  # self._refusal(trigger): what it returns
        called = getattr(value.func, "id", getattr(value.func, "attr", ""))
        if f"{called}()" in names:
            return [v for held in names[f"{called}()"] for v in _resolved(held, names)]
    return [value]


def _reason_parameters(tree: ast.Module) -> dict[str, int]:
    """Return the functions of *tree* taking a ``reason``, with its place among the arguments.

    A refusal written through a helper of the module (``self._nothing_fits(trigger, actor,
    at, "No session is to come.")``) is a template like one given to the error itself.
    """
    found: dict[str, int] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            names = [a.arg for a in node.args.args]
            if "reason" in names:
                place = names.index("reason")
                found[node.name] = place - 1 if names[0] in ("self", "cls") else place
    return found


def _constants() -> dict[str, list[ast.expr]]:
    """Return the module constants (UPPER_CASE names) of every source, by name.

    A table of reasons may be written in one module (a workflow's table) and read where
    the error is raised (its model).
    """
    found: dict[str, list[ast.expr]] = {}
    for path in ERROR_SOURCES:
        for name, values in _assigned(ast.parse(path.read_text(encoding="utf-8"))).items():
            if name.isupper() and not name.endswith("()"):
                found.setdefault(name, []).extend(values)
    return found


def error_texts(path: Path, constants: dict[str, list[ast.expr]]) -> Iterator[tuple[str, int]]:
    """Yield every error template written at a raise site of *path*, with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {**constants, **_assigned(tree)}
    helpers = {**ERROR_CALLS, **_reason_parameters(tree)}
    for node in ast.walk(tree):
        if (  # a default refusal (``refusal: str = "Only {description} ..."`` on Role)
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and node.target.id == "refusal"
            and node.value is not None
        ):
            text = _template(node.value)
            if text and text.strip():
                yield text.strip(), node.value.lineno
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", ""))
        found = (
            [node.args[helpers[name]]] if name in helpers and len(node.args) > helpers[name] else []
        )
        found += [k.value for k in node.keywords if k.arg in ERROR_KEYWORDS]
        if name == "Role":  # who may make a move, and what the others hear
            found += node.args[1:2]
            found += [k.value for k in node.keywords if k.arg in ("description", "refusal")]
        for value in found:
            for branch in _resolved(value, names):  # every text the reason may be
                if isinstance(branch, ast.JoinedStr):
                    continue  # not a template yet: said in English only
                text = _template(branch)
                if text and text.strip():
                    yield text.strip(), branch.lineno


def extract() -> Catalog:
    """Return the template catalog of every text in the sources."""
    pot = Catalog(
        project="repairkit",
        copyright_holder="The repairkit developers",
        creation_date=DATE,
        revision_date=DATE,
        fuzzy=False,
    )
    constants = _constants()
    for path, texts in (
        *((p, notice_texts(p)) for p in NOTICE_SOURCES),
        (SRC / "errors.py", notice_texts(SRC / "errors.py", classes=False)),
        *((p, error_texts(p, constants)) for p in ERROR_SOURCES),
    ):
        where = str(path.relative_to(ROOT))
        for text, line in texts:
            pot.add(text, locations=[(where, line)], flags=_flags(text))
    return pot


def _flags(text: str) -> tuple[str, ...]:
    return ("python-brace-format",) if _PLACEHOLDER.search(text) else ()


def _po_bytes(catalog: Catalog, *, template: bool = False) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, sort_output=True, ignore_obsolete=True, include_lineno=False)
    del template
    return out.getvalue()


def _mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def _read(path: Path, language: str) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


def _po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "repairkit.po"


def write() -> None:
    """Write the template, bring every .po up to date, compile every .mo."""
    pot = extract()
    LOCALE.mkdir(parents=True, exist_ok=True)
    POT.write_bytes(_po_bytes(pot, template=True))
    for language in LANGUAGES:
        po_path = _po_path(language)
        po_path.parent.mkdir(parents=True, exist_ok=True)
        if po_path.exists():
            catalog = _read(po_path, language)
        else:
            catalog = Catalog(
                locale=language,
                project="repairkit",
                copyright_holder="The repairkit developers",
                creation_date=DATE,
            )
        # A template of its own: update shares its messages with the catalog it fills.
        catalog.update(extract(), no_fuzzy_matching=True, update_header_comment=False)
        catalog.revision_date = DATE
        catalog.creation_date = DATE
        catalog.fuzzy = False
        if language == "en":  # the source language: every text is its own translation
            for message in catalog:
                if message.id:
                    message.string = message.id
        po_path.write_bytes(_po_bytes(catalog))
        po_path.with_suffix(".mo").write_bytes(_mo_bytes(_read(po_path, language)))


def problems() -> list[str]:
    """Return what keeps the catalogs from matching the sources (empty when they do)."""
    found: list[str] = []
    wanted = {m.id for m in extract() if m.id}
    if not POT.exists():
        return [f"{POT.relative_to(ROOT)} is missing: run scripts/catalogs.py"]
    with POT.open("rb") as handle:
        kept = {m.id for m in read_po(handle) if m.id}
    found += [f"repairkit.pot lacks {text!r}" for text in sorted(wanted - kept)]
    found += [
        f"repairkit.pot has {text!r}, which no source writes" for text in sorted(kept - wanted)
    ]
    for language in LANGUAGES:
        po_path = _po_path(language)
        if not po_path.exists():
            found.append(f"{po_path.relative_to(ROOT)} is missing")
            continue
        catalog = _read(po_path, language)
        ids = {m.id for m in catalog if m.id and not m.fuzzy and m.string}
        found += [f"{language}: no translation of {text!r}" for text in sorted(wanted - ids)]
        if language != "en":  # a text left in English is not translated
            found += [
                f"{language}: {m.id!r} is left in English"
                for m in catalog
                if m.id and m.string == m.id
            ]
        for message in catalog:
            # a translation may leave a value out (a noun its grammar does without), and
            # never adds one
            if (
                message.id
                and message.string
                and not set(_PLACEHOLDER.findall(str(message.string)))
                <= set(_PLACEHOLDER.findall(str(message.id)))
            ):
                found.append(f"{language}: {message.id!r} gains a placeholder in translation")
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists() or mo_path.read_bytes() != _mo_bytes(catalog):
            found.append(
                f"{mo_path.relative_to(ROOT)} is not the compiled .po: run scripts/catalogs.py"
            )
    return found


def main() -> int:
    """Write the catalogs, or with ``--check`` say what does not match."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; fail if stale")
    if not parser.parse_args().check:
        write()
        return 0
    found = problems()
    for problem in found:
        print(problem, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
