"""Rewrite the generated sections of the docs from the code.

The Request transition table and its state diagram in ``docs/architecture.md``
are generated from `REQUEST_WORKFLOW`, never written by hand. Each lives between
marker comments::

    <!-- BEGIN request-table -->
    ...
    <!-- END request-table -->

Run ``.venv/bin/python docs/generate.py`` after changing a transition table;
``--check`` only reports whether the docs are current (exit status 1 if not).
``tests/test_docs.py`` uses the same functions to check the docs are current.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

from repairkit import REQUEST_WORKFLOW

ARCHITECTURE = Path(__file__).with_name("architecture.md")

_COLUMNS = (
    ("trigger", "Move"),
    ("from", "From"),
    ("to", "To"),
    ("who", "Who may make it"),
    ("guard", "Only if"),
    ("description", "What it means"),
)


def render_table(rows: list[dict[str, str]]) -> str:
    """Return workflow rows (from `Workflow.to_rows`) as a markdown table."""

    def cell(key: str, value: str) -> str:
        text = value.replace("|", r"\|")
        if key in {"trigger", "guard"} and text:
            return f"`{text}`"
        return text

    header = "| " + " | ".join(title for _, title in _COLUMNS) + " |"
    rule = "|" + "|".join("---" for _ in _COLUMNS) + "|"
    body = ["| " + " | ".join(cell(key, row[key]) for key, _ in _COLUMNS) + " |" for row in rows]
    return "\n".join([header, rule, *body]) + "\n"


def render_diagram(mermaid: str) -> str:
    """Return a mermaid diagram (from `Workflow.to_mermaid`) as a fenced block."""
    return f"```mermaid\n{mermaid.rstrip()}\n```\n"


SECTIONS: dict[str, Callable[[], str]] = {
    "request-table": lambda: render_table(REQUEST_WORKFLOW.to_rows()),
    "request-diagram": lambda: render_diagram(REQUEST_WORKFLOW.to_mermaid()),
}
"""Every generated section, by marker name, and how to generate it."""


def _pattern(name: str) -> re.Pattern[str]:
    return re.compile(
        rf"(<!-- BEGIN {re.escape(name)} -->\n)(.*?)(<!-- END {re.escape(name)} -->)", re.DOTALL
    )


def extract(text: str, name: str) -> str:
    """Return what lies between the markers of section *name* in *text*."""
    found = _pattern(name).search(text)
    if found is None:
        msg = f"The markers of the section {name!r} were not found."
        raise LookupError(msg)
    return found.group(2)


def regenerate(text: str) -> str:
    """Return *text* with every generated section rewritten from the code."""
    for name, make in SECTIONS.items():
        extract(text, name)  # the markers must be there
        content = make()
        text = _pattern(name).sub(lambda m, content=content: m[1] + content + m[3], text)
    return text


def main(argv: list[str]) -> int:
    """Rewrite the generated sections (or, with ``--check``, only compare them)."""
    current = ARCHITECTURE.read_text(encoding="utf-8")
    fresh = regenerate(current)
    if fresh == current:
        print(f"{ARCHITECTURE.name} is current.")
        return 0
    if "--check" in argv:
        print(
            f"{ARCHITECTURE.name} differs from the code;"
            " run `.venv/bin/python docs/generate.py` to regenerate it."
        )
        return 1
    ARCHITECTURE.write_text(fresh, encoding="utf-8")
    print(f"Rewrote the generated sections of {ARCHITECTURE.name}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
