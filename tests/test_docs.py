"""The docs tell the truth: their code runs, and their generated sections are current."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)
DOC_FILES = [*sorted(DOCS.glob("*.md")), ROOT / "README.md"]


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_generate", DOCS / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _blocks(path: Path) -> list[tuple[int, str]]:
    text = path.read_text(encoding="utf-8")
    return [
        (text.count("\n", 0, found.start()) + 2, found.group(1))
        for found in PYTHON_BLOCK.finditer(text)
    ]


@pytest.mark.parametrize(
    "path", [p for p in DOC_FILES if _blocks(p)], ids=lambda p: str(p.relative_to(ROOT))
)
def test_python_blocks_run_in_order(path: Path) -> None:
    """Every python block of the page runs, in order, in one namespace for the page."""
    namespace: dict[str, object] = {"__name__": f"docs.{path.stem.replace('-', '_')}"}
    for line, source in _blocks(path):
        # Pad so that a traceback points at the block's line in the markdown file.
        code = compile("\n" * (line - 1) + source, str(path), "exec")
        exec(code, namespace)  # noqa: S102 - running the docs is the point of this test


def test_every_workflow_page_is_current_and_no_page_is_left_over():
    """docs/workflows holds exactly one current generated page per registered workflow."""
    generate = _load_generator()
    assert generate.main(["--check"]) == 0, "run `.venv/bin/python docs/generate.py`"


FILE_BLOCK = re.compile(r"^<!-- file: (\S+) -->\n```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


def test_the_how_to_shows_the_test_workflow_exactly():
    """Each file the how-to shows is, line for line, the test workflow's code."""
    text = (DOCS / "architecture.md").read_text(encoding="utf-8")
    shown = FILE_BLOCK.findall(text)
    assert [path for path, _ in shown] == [
        "tests/appreciation/events.py",
        "tests/appreciation/model.py",
        "tests/appreciation/notices.py",
        "tests/appreciation/commands.py",
        "tests/appreciation/spec.py",
    ]
    for path, code in shown:
        assert code == (ROOT / path).read_text(encoding="utf-8"), f"{path} differs from the docs"
