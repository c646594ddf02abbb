"""A MkDocs hook: the site draws its diagrams with its own copy of Mermaid, no CDN.

The workflow pages hold their state diagrams as Mermaid code; mkdocs-material draws
them in the browser with Mermaid, which it loads from a CDN unless the page already
has it. This hook gives the site its own copy: the pinned release's npm package,
checked against the registry's SHA-512 integrity, kept in ``build/vendor`` (so it is
fetched once per checkout) and served as ``assets/javascripts/mermaid.min.js``. A
reader's browser then asks no third party for anything. Without network on a first
build, the site keeps Material's CDN default and says so in the build log.
"""

from __future__ import annotations

import base64
import hashlib
import io
import logging
import tarfile
import urllib.request
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

VERSION = "11.4.1"
TARBALL = f"https://registry.npmjs.org/mermaid/-/mermaid-{VERSION}.tgz"
INTEGRITY = (
    "sha512-Mb01JT/x6CKDWaxigwfZYuYmDZ6xtrNwNlidKZwkSrDaY9n90tdrJT"
    "V5Umk+wP1fZscGptmKFXHsXMDEVZ+Q6A=="
)
"""The npm registry's integrity of the tarball (``npm view mermaid@VERSION dist.integrity``)."""
ROOT = Path(__file__).resolve().parents[2]
COPY = ROOT / "build" / "vendor" / f"mermaid-{VERSION}.min.js"
SERVED = "assets/javascripts/mermaid.min.js"
log = logging.getLogger("mkdocs.hooks.mermaid")


def _fetch() -> bytes:
    """Download the pinned tarball, check its integrity and return its ``mermaid.min.js``."""
    with urllib.request.urlopen(TARBALL, timeout=120) as answer:
        tarball = answer.read()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball).digest()).decode()
    if digest != INTEGRITY:
        message = f"mermaid {VERSION}: the tarball's integrity is {digest}, not {INTEGRITY}"
        raise RuntimeError(message)
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        member = archive.extractfile("package/dist/mermaid.min.js")
        if member is None:
            message = f"mermaid {VERSION}: the tarball has no dist/mermaid.min.js"
            raise RuntimeError(message)
        return member.read()


def _copy() -> bytes | None:
    """Return the kept copy, fetching it first if needed; None when it cannot be had."""
    if not COPY.exists():
        try:
            script = _fetch()
        except OSError as error:
            log.info("Mermaid %s could not be fetched (%s): the site uses the CDN.", VERSION, error)
            return None
        COPY.parent.mkdir(parents=True, exist_ok=True)
        COPY.write_bytes(script)
    return COPY.read_bytes()


def on_files(files: Files, config: Any, **_: Any) -> Files:  # noqa: ANN401 - MkDocs' config
    """Serve the kept copy of Mermaid and load it on every page, when there is one."""
    script = _copy()
    if script is not None:
        files.append(File.generated(config, SERVED, content=script))
        config.extra_javascript.append(SERVED)
    return files
