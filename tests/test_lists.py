"""No list of workflows is kept by hand: each is derived from the registry or checked here.

Every failure says exactly what to add (or remove) and where.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
import re
import runpy
import tomllib
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

import repairkit
from appreciation.spec import APPRECIATIONS
from repairkit import WORKFLOWS
from repairkit.core.spec import RELATIONSHIP, WorkflowSpec
from repairkit.pages import render_index, render_page
from repairkit.testing import NOTES

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PYPROJECT = ROOT / "pyproject.toml"

CORE_CONTRACT = "The core imports no workflow package, no adapter and not the kit"
DOMAIN_CONTRACT = (
    "A workflow's model, events, notices and rules import only the core and their own package"
)
INDEPENDENCE_CONTRACT = (
    "Workflow packages are independent, but a crossing's commands name a boundary"
    " and an observation's commands draft a request, and a goal's queries name requests,"
    " boundaries and agenda items"
)
SERVICE_MODULES = frozenset({"__init__", "commands", "queries", "codec", "spec", "safety"})
"""A workflow's modules that may import the service layer; every other one is its domain."""


def _generator() -> SimpleNamespace:
    """Return docs/generate.py's functions (it is a script, not a module of the package)."""
    return SimpleNamespace(**runpy.run_path(str(DOCS / "generate.py"), run_name="docs_generate"))


def _package_of(spec: WorkflowSpec) -> str:
    """Return the workflow's package (``repairkit.requests``), from where its entity lives."""
    return ".".join(spec.entity.__module__.split(".")[:2])


WORKFLOW_PACKAGES = {_package_of(spec): spec for spec in WORKFLOWS if spec is not RELATIONSHIP}
"""Every registered workflow's package, derived from the registry."""


def _contract(name: str) -> dict[str, Any]:
    contracts = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]
    found = [c for c in contracts["contracts"] if c["name"] == name]
    assert found, f"pyproject.toml has no import-linter contract named {name!r}"
    return found[0]


def _matches(expression: str, module: str) -> bool:
    """Whether an import-linter module expression (``*``: one part, ``**``: any) names *module*."""
    parts = (
        "[^.]+" if part == "*" else ".+" if part == "**" else re.escape(part)
        for part in expression.split(".")
    )
    return re.fullmatch(r"\.".join(parts), module) is not None


def _domain_modules(package: str) -> list[str]:
    found = importlib.import_module(package).__path__
    return [
        f"{package}.{info.name}"
        for info in pkgutil.iter_modules(found)
        if info.name not in SERVICE_MODULES
    ]


def test_module_expressions_match_as_import_linter_reads_them():
    """``*`` stands for one part of a module's name, ``**`` for one or more."""
    assert _matches("repairkit.*.model", "repairkit.requests.model")
    assert not _matches("repairkit.*.model", "repairkit.requests.sub.model")
    assert not _matches("repairkit.*.model", "repairkit.requests.models")
    assert _matches("repairkit.**.model", "repairkit.requests.sub.model")
    assert _matches("repairkit.requests", "repairkit.requests")


def test_every_workflow_package_in_the_source_is_registered():
    """A package that declares a `WorkflowSpec` in its ``spec`` module is in `WORKFLOWS`."""
    registered = {id(spec) for spec in WORKFLOWS}
    missing = []
    for info in pkgutil.iter_modules(repairkit.__path__):
        name = f"repairkit.{info.name}.spec"
        if not info.ispkg or importlib.util.find_spec(name) is None:
            continue
        for attribute, value in vars(importlib.import_module(name)).items():
            if isinstance(value, WorkflowSpec) and id(value) not in registered:
                missing.append(f"add {attribute} (from {name}) to WORKFLOWS in registry.py")
    assert not missing, "; ".join(missing)
    assert WORKFLOW_PACKAGES, "the registry names no workflow package"


@pytest.mark.parametrize("package", sorted(WORKFLOW_PACKAGES))
def test_the_core_may_not_import_the_workflow(package: str):
    """Every registered workflow package is forbidden to the core."""
    forbidden = _contract(CORE_CONTRACT)["forbidden_modules"]
    assert any(_matches(e, package) for e in forbidden), (
        f"add {package!r} to forbidden_modules of contract {CORE_CONTRACT!r} in pyproject.toml"
        " (`make diagrams` writes it)"
    )


@pytest.mark.parametrize("package", sorted(WORKFLOW_PACKAGES))
def test_each_domain_module_of_the_workflow_imports_only_the_core(package: str):
    """Every module of a workflow but its service modules (SERVICE_MODULES) is in the layer."""
    sources = _contract(DOMAIN_CONTRACT)["source_modules"]
    missing = [m for m in _domain_modules(package) if not any(_matches(e, m) for e in sources)]
    assert not missing, "; ".join(
        f"add {module!r} to source_modules of contract {DOMAIN_CONTRACT!r} in pyproject.toml"
        for module in missing
    )


def test_the_layer_contract_names_the_modules_every_workflow_has():
    """Each workflow's model, events and notices are covered by the contract, whatever its name."""
    sources = _contract(DOMAIN_CONTRACT)["source_modules"]
    assert "repairkit.*.model" in sources
    for package in WORKFLOW_PACKAGES:
        assert {f"{package}.model", f"{package}.events", f"{package}.notices"} <= set(
            _domain_modules(package)
        ), f"{package} lacks a model, events or notices module"


def test_the_workflow_packages_are_independent_of_each_other():
    """The independence contract names exactly the registered workflow packages."""
    modules = set(_contract(INDEPENDENCE_CONTRACT)["modules"])
    missing = sorted(set(WORKFLOW_PACKAGES) - modules)
    gone = sorted(modules - set(WORKFLOW_PACKAGES))
    assert not missing, "; ".join(
        f"add {p!r} to modules of contract {INDEPENDENCE_CONTRACT!r} in pyproject.toml"
        " (`make diagrams` writes it)"
        for p in missing
    )
    assert not gone, f"remove {gone} from contract {INDEPENDENCE_CONTRACT!r}: not registered"


def test_the_index_lists_every_workflow_page_in_registry_order():
    """docs/index.md holds one generated list, current with the registry."""
    text = (DOCS / "index.md").read_text(encoding="utf-8")
    generate = _generator()
    assert len(generate.INDEX_LIST.findall(text)) == 1, "docs/index.md lost its list markers"
    assert generate.with_current_index(text, WORKFLOWS, "workflows") == text, (
        "docs/index.md does not list the registered workflows; run `make diagrams`"
    )
    for spec in WORKFLOWS:
        assert f"[{spec.name}](workflows/{spec.name}.md)" in text


def test_a_new_workflow_joins_the_index_list():
    """The list follows the registry: a workflow added to it is linked, after the others."""
    text = "Pages: <!-- workflows -->old<!-- /workflows -->."
    written = _generator().with_current_index(text, WORKFLOWS.with_workflows(NOTES), "here")
    links = render_index(WORKFLOWS.with_workflows(NOTES), "here")
    assert written == f"Pages: <!-- workflows -->{links}<!-- /workflows -->."
    assert written.endswith("[note](here/note.md)<!-- /workflows -->.")
    assert "old" not in written


def test_docs_workflows_holds_one_page_per_registered_workflow():
    """Each registered workflow has its page, and no page is left of a workflow that is gone."""
    names = {p.stem for p in (DOCS / "workflows").glob("*.md")}
    registered = {spec.name for spec in WORKFLOWS}
    assert not registered - names, f"no page for {sorted(registered - names)}; run `make diagrams`"
    assert not names - registered, f"pages of no workflow: {sorted(names - registered)}"


def test_an_apps_workflow_gets_its_page_and_a_stale_one_is_removed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    """``--workflows`` writes the pages of an app's own workflows only, and keeps them current."""
    generate = _generator()
    (tmp_path / "gone.md").write_text("a workflow no longer registered", encoding="utf-8")
    app = ["--workflows", "appreciation.spec:APPRECIATIONS", "--out", str(tmp_path)]
    assert generate.main(["--check", *app]) == 1
    assert "appreciation.md, gone.md; run `make diagrams`" in capsys.readouterr().out
    assert generate.main(app) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["appreciation.md"]
    page = (tmp_path / "appreciation.md").read_text(encoding="utf-8")
    assert page == render_page(APPRECIATIONS)
    assert generate.main(["--check", *app]) == 0
    (tmp_path / "appreciation.md").write_text(page + "edited by hand", encoding="utf-8")
    assert generate.main(["--check", *app]) == 1


def _links(path: Path) -> set[str]:
    """Return the targets of the markdown links in *path*."""
    return set(re.findall(r"\]\(([^)#\s]+)", path.read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    "page", sorted(p.name for p in DOCS.glob("*.md") if p.name != "index.md"), ids=str
)
def test_every_docs_page_is_linked_from_the_index_and_the_readme(page: str):
    """The index and the README's documentation list name every page of docs/."""
    assert page in _links(DOCS / "index.md"), f"link {page} from docs/index.md"
    assert f"docs/{page}" in _links(ROOT / "README.md"), f"link docs/{page} from README.md"


@pytest.mark.parametrize("script", sorted(p.name for p in (ROOT / "examples").glob("*.py")))
def test_every_example_is_linked_from_the_index(script: str):
    """docs/index.md lists every runnable example, linked to its part of the gallery.

    The site's gallery shows every example with its output (docs/hooks/gallery.py, checked
    by tests/test_site.py), under a heading named after the script.
    """
    anchor = f"gallery.md#{script.removesuffix('.py')}py"
    assert anchor in re.findall(r"\]\(([^)\s]+)", (DOCS / "index.md").read_text("utf-8")), (
        f"link {anchor} from the list of examples in docs/index.md"
    )


@pytest.mark.parametrize(
    "namespace", sorted(s.namespace for s in WORKFLOWS if s.namespace is not None)
)
def test_the_readme_names_every_shipped_workflows_commands(namespace: str):
    """The README's documentation list says where each workflow's commands are told of."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"kit.{namespace}" in text, (
        f"README.md never names kit.{namespace}: say in its Documentation list which page "
        "tells of it"
    )


def test_make_diagrams_writes_the_packages_of_repairkits_own_workflows():
    """The marked lists in pyproject.toml name the registry's packages; an app's never enter."""
    generate = _generator()
    shipped = generate.workflow_packages(WORKFLOWS)
    assert shipped == list(WORKFLOW_PACKAGES)
    assert generate.workflow_packages(WORKFLOWS.with_workflows(APPRECIATIONS)) == shipped
    text = 'x = [\n  # workflows: written\n  "repairkit.gone",\n  # /workflows\n  "kept",\n]\n'
    written = generate.with_current_packages(text, WORKFLOWS)
    assert written == text.replace('  "repairkit.gone",\n', "".join(f'  "{p}",\n' for p in shipped))
    pyproject = PYPROJECT.read_text(encoding="utf-8")
    assert len(generate.PACKAGE_LIST.findall(pyproject)) == 2, "pyproject.toml lost a list marker"
    assert generate.with_current_packages(pyproject, WORKFLOWS) == pyproject, "run `make diagrams`"
