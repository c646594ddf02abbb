"""The documentation site: the API reference, the gallery and the diagrams, as built.

The site is built once per run into a temporary folder, exactly as ``make docs`` builds
it (``mkdocs build --strict``): a broken link, a missing reference or an example that
fails fails the build, and so this module.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _generator():
    spec = importlib.util.spec_from_file_location("docs_generate_site", DOCS / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the site as ``make docs`` does; return its folder."""
    folder = tmp_path_factory.mktemp("site")
    done = subprocess.run(  # noqa: S603 - our own interpreter, our own config
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(folder)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "src")},
    )
    assert done.returncode == 0, done.stderr
    return folder


def _inventory(site: Path) -> set[str]:
    """Return every name the site's ``objects.inv`` documents."""
    header_and_body = (site / "objects.inv").read_bytes().split(b"\n", 4)
    body = zlib.decompress(header_and_body[4]).decode("utf-8")
    return {line.split(" ", 1)[0] for line in body.splitlines()}


def test_the_api_reference_documents_every_public_name(site: Path):
    documented = _inventory(site)
    modules = _generator().public_modules()
    wanted = [
        f"{module}.{name}" for module in modules for name in importlib.import_module(module).__all__
    ]
    assert "repairkit.RepairKit" in wanted
    assert "repairkit.requests.RequestCommands" in wanted
    missing = [name for name in wanted if name not in documented]
    assert not missing, f"not in the API reference: {missing}"


def test_every_public_module_has_a_reference_page_in_the_navigation(site: Path):
    home = (site / "index.html").read_text("utf-8")
    for module in _generator().public_modules():
        assert (site / "reference" / module / "index.html").exists(), module
        assert f'href="reference/{module}/"' in home, f"{module} is not in the navigation"


def test_the_gallery_shows_each_example_with_what_it_printed_now(site: Path):
    gallery = (site / "gallery" / "index.html").read_text("utf-8")
    for script in sorted((ROOT / "examples").glob("*.py")):
        assert f'id="{script.stem}py"' in gallery, script.name
    # The flagship example prints the request's end; the gallery shows today's output.
    assert "completed" in gallery


def _browser() -> str | None:
    """Return a Chromium to drive, if the machine has one (``make browser`` installs it)."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _svg_in_diagrams(page: object) -> int:
    """Count the SVG drawings inside the page's diagram hosts, shadow roots included."""
    cdp = page.context.new_cdp_session(page)  # type: ignore[attr-defined]
    root = cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]
    found = 0
    stack = [(root, False)]
    while stack:
        node, inside = stack.pop()
        attributes = node.get("attributes", [])
        classes = dict(zip(attributes[::2], attributes[1::2], strict=True)).get("class", "")
        inside = inside or "mermaid" in classes.split()
        found += inside and node.get("nodeName") == "svg"
        stack += [(child, inside) for child in node.get("children", [])]
        stack += [(child, inside) for child in node.get("shadowRoots", [])]
    return found


def test_the_home_page_and_a_workflow_page_render_with_their_diagram(
    site: Path, tmp_path: Path, record_property: pytest.RecordProperty
):
    """With Chromium, screenshots and an SVG drawn; without it, the diagram's container."""
    workflow = site / "workflows" / "request" / "index.html"
    html = workflow.read_text("utf-8")
    assert '<div class="mermaid">stateDiagram-v2' in html or 'class="mermaid"' in html
    assert "assets/javascripts/mermaid.min.js" in html
    browser = _browser()
    if browser is None:
        record_property("diagram_check", "built HTML: the diagram's container")
        assert "stateDiagram-v2" in html
        return
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - only with a browser

    record_property("diagram_check", f"headless Chromium ({browser}): screenshots and SVG")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=browser, args=["--no-sandbox"])
        try:
            page = chromium.new_page(viewport={"width": 1200, "height": 900})
            page.goto((site / "index.html").as_uri())
            page.screenshot(path=tmp_path / "home.png")
            assert "repairkit documentation" in page.title() or page.title() == "repairkit"
            page.goto(workflow.as_uri())
            page.wait_for_function("document.querySelector('.mermaid') !== null")
            page.wait_for_timeout(1500)
            page.screenshot(path=tmp_path / "workflow.png", full_page=True)
            drawn = _svg_in_diagrams(page)
        finally:
            chromium.close()
    assert drawn >= 1, "the workflow's state diagram was not drawn as an SVG"
    for shot in ("home.png", "workflow.png"):
        assert (tmp_path / shot).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert (tmp_path / shot).stat().st_size > 10_000


def test_the_site_publishes_every_generated_json_schema(site: Path):
    from repairkit.json import schemas  # noqa: PLC0415 - what the site must publish

    page = (site / "json" / "index.html").read_text("utf-8")
    for name, document in schemas().items():
        published = json.loads((site / "schemas" / name).read_text("utf-8"))
        assert published == document, name
        assert f'href="../schemas/{name}"' in page, name
