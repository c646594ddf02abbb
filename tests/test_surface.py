"""The public surface: a small top level, a complete `repairkit.core`, a lean import."""

from __future__ import annotations

import ast
import importlib
import json
import subprocess
import sys
import types
from pathlib import Path

import pytest

import repairkit
import repairkit.adapters
import repairkit.core
from repairkit import errors

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
APPRECIATION = Path(__file__).resolve().parent / "appreciation"

# Names an app never needs from the top level (they live in core, ports or adapters).
NOT_AT_THE_TOP = {
    "Path",
    "annotations",
    "check_plugs",
    "is_postgres_url",
    "Change",
    "Saved",
    "StoredObject",
    "Storage",
    "DomainEvent",
    "Registry",
    "WorkflowSpec",
    "MemoryStorage",
    "SQLiteStorage",
    "PostgresStorage",
}


def _run(code: str) -> str:
    """Run *code* in a fresh interpreter importing this checkout; return what it printed."""
    done = subprocess.run(  # noqa: S603 - our own interpreter, our own code
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(SRC)},
        cwd=ROOT,
    )
    return done.stdout


def _public(module: types.ModuleType) -> set[str]:
    return {
        name
        for name, value in vars(module).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }


def test_the_top_level_holds_exactly_its_all_and_at_most_30_names():
    assert _public(repairkit) == set(repairkit.__all__)
    assert len(repairkit.__all__) <= 30
    assert not NOT_AT_THE_TOP & set(dir(repairkit))
    assert [name for name in dir(repairkit) if not name.startswith("_")] == sorted(
        repairkit.__all__
    )


def test_dir_is_the_same_after_a_bare_import_in_a_fresh_interpreter():
    code = "import json, repairkit; print(json.dumps(dir(repairkit)))"
    shown = [name for name in json.loads(_run(code)) if not name.startswith("_")]
    assert shown == sorted(repairkit.__all__)
    assert "__version__" in json.loads(_run(code))


def test_every_name_in_all_is_importable_and_apps_get_what_kit_methods_return():
    for name in repairkit.__all__:
        assert getattr(repairkit, name) is not None
    assert repairkit.Upcoming is repairkit.core.Upcoming
    assert repairkit.Refused in repairkit.NotPermitted.__mro__
    assert repairkit.Refused in repairkit.NotAllowedNow.__mro__


def test_the_version_is_set():
    assert isinstance(repairkit.__version__, str)
    assert repairkit.__version__[0].isdigit()


def test_an_unknown_top_level_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'MemoryStorage'"):
        _ = repairkit.MemoryStorage  # type: ignore[attr-defined]


def test_importing_repairkit_does_not_import_psycopg():
    code = (
        "import sys, repairkit\n"
        "kit = repairkit.open()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('psycopg', 'psycopg_pool')))"
    )
    assert _run(code).strip() == "[]"


def test_postgres_storage_is_reached_lazily_through_adapters():
    from repairkit.adapters.postgres import PostgresStorage  # noqa: PLC0415

    assert repairkit.adapters.PostgresStorage is PostgresStorage
    assert repairkit.adapters.is_postgres_url("postgresql://localhost/x")
    assert not repairkit.adapters.is_postgres_url("couple.db")
    with pytest.raises(AttributeError, match="no attribute 'Nothing'"):
        _ = repairkit.adapters.Nothing  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "module", ["repairkit", "repairkit.core", "repairkit.adapters", "repairkit.errors"]
)
def test_each_public_module_names_what_it_offers(module: str):
    loaded = importlib.import_module(module)
    for name in loaded.__all__:
        assert hasattr(loaded, name), f"{module}.__all__ names {name}, which it lacks"


def test_core_offers_every_helper_workflow_packages_import():
    """What any shipped workflow imports from a deep core module, `repairkit.core` offers."""
    wanted: set[str] = set()
    for path in (SRC / "repairkit").glob("*/*.py"):
        if path.parent.name in {"core", "adapters", "testing"}:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                "repairkit.core."
            ):
                wanted |= {alias.name for alias in node.names}
    missing = wanted - set(repairkit.core.__all__) - {"MAX_HOW_OFTEN_LENGTH"}
    assert wanted
    assert not missing, f"add to repairkit.core: {sorted(missing)}"


def _imports(path: Path) -> list[tuple[str, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found += [(node.module, alias.name) for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [(alias.name, "") for alias in node.names]
    return found


def test_the_test_workflow_imports_only_the_core_the_errors_and_public_names():
    allowed = {"repairkit.core", "repairkit.errors", "repairkit.commands"}
    seen = set()
    for path in APPRECIATION.glob("*.py"):
        for module, name in _imports(path):
            if not module.startswith("repairkit"):
                continue
            seen.add(module)
            assert module in allowed, f"{path.name} imports {module}"
            assert name in importlib.import_module(module).__all__, f"{path.name}: {name}"
    assert "repairkit.core" in seen


def test_refused_catches_both_refusals_and_only_them():
    assert issubclass(errors.NotPermitted, errors.Refused)
    assert issubclass(errors.NotAllowedNow, errors.Refused)
    assert not issubclass(errors.NotFound, errors.Refused)
    assert not issubclass(errors.InvalidInput, errors.Refused)
    refusals = [
        errors.NotPermitted("Only ben can accept.", actor="ana", action="accept", allowed=["w"]),
        errors.NotAllowedNow(kind="request", action="accept", state="draft", allowed=["w"]),
    ]
    for refusal in refusals:
        with pytest.raises(errors.Refused) as caught:
            raise refusal
        assert caught.value.allowed == ("w",)
