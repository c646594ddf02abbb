"""A MkDocs hook: the site publishes the JSON Schemas of every workflow, as files.

``repairkit.json.schemas()`` generates them from the registry at build time; each one is
served as ``schemas/<name>`` (``schemas/request.json``), and the ``<!-- schemas -->``
marker of ``json.md`` becomes the list of links to them, so the published schemas are
always those of the code the site documents.
"""

from __future__ import annotations

import json
from typing import Any

from mkdocs.structure.files import File, Files

from repairkit.json import schemas

MARKER = "<!-- schemas -->"


def on_files(files: Files, config: Any, **_: Any) -> Files:  # noqa: ANN401 - MkDocs' config
    """Serve every generated schema as a file of the site."""
    for name, document in schemas().items():
        text = json.dumps(document, indent=2, sort_keys=True) + "\n"
        files.append(File.generated(config, f"schemas/{name}", content=text))
    return files


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:  # noqa: ANN401 - MkDocs' page
    """List the published schemas where the JSON page asks for them."""
    if page.file.src_uri != "json.md" or MARKER not in markdown:
        return markdown
    links = ", ".join(f"[`{name}`](schemas/{name})" for name in schemas())
    listed = f"The schemas of this version, published with the site: {links}."
    return markdown.replace(MARKER, listed)
