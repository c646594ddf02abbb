"""A MkDocs hook: the gallery page shows each example with the output it prints now.

At each build, every ``examples/*.py`` is run in a fresh interpreter (in a temporary
folder, importing this checkout's ``src``), and ``docs/gallery.md``'s
``<!-- gallery -->`` marker becomes, per example, its docstring, its source and what it
printed. An example that fails fails the build: the gallery never shows stale output.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
MARKER = "<!-- gallery -->"


def _printed(script: Path) -> str:
    """Run *script* in a temporary folder and return what it printed."""
    with tempfile.TemporaryDirectory(prefix="repairkit-gallery-") as folder:
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        done = subprocess.run(  # noqa: S603 - our own interpreter, our own example
            [sys.executable, str(script)],
            capture_output=True,
            text=True,
            check=False,
            cwd=folder,
            env=env,
            timeout=600,
        )
    if done.returncode != 0:
        message = f"examples/{script.name} failed:\n{done.stderr}"
        raise RuntimeError(message)
    return done.stdout


def _section(script: Path) -> str:
    """Return one example's part of the gallery: what it shows, its code, its output."""
    source = script.read_text(encoding="utf-8")
    about = ast.get_docstring(ast.parse(source)) or ""
    title, _, rest = about.partition("\n")
    lines = source.splitlines()
    return (
        f"## {script.name}\n\n{title}\n\n{rest.strip()}\n\n"
        f'??? example "The code: examples/{script.name}"\n\n'
        + "".join(f"    {line}".rstrip() + "\n" for line in ["```python", *lines, "```"])
        + f"\nWhat it prints:\n\n```text\n{_printed(script).rstrip()}\n```\n"
    )


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:  # noqa: ANN401 - MkDocs' page
    """Fill the gallery page's marker with every example, in name order."""
    if page.file.src_uri != "gallery.md" or MARKER not in markdown:
        return markdown
    sections = "\n".join(_section(script) for script in sorted(EXAMPLES.glob("*.py")))
    return markdown.replace(MARKER, sections)
