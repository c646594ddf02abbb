"""Schema 10 of SQLite files and schema 8 of PostgreSQL schemas: words read as they look.

`repairkit.core.suggestions.words` now reads a text as a person sees it: compatibility
forms folded (NFKC: full-width letters read as plain ones) and invisible characters (a
zero-width space, a soft hyphen) left out, so that a need said no to cannot be asked
again at once with a look-alike character slipped in. The keys derived from it (a
request's ``need``, a boundary's ``words``) were stored as the old reading gave them,
so the step deletes them and takes ``request`` and ``boundary`` out of
``indexed_kinds``: the storage rebuilds their keys right after the last step
(docs/storage-queries.md), read the new way. Nothing else is stored differently.

Frozen once released, like every step. Self-contained: it reads and writes nothing
another step of this release touches.
"""

from __future__ import annotations

import sqlite3
from typing import Final

__all__ = ["postgres_words_step", "sqlite_words_step"]

_WORD_KEYS: Final = "(kind = 'request' AND key = 'need') OR (kind = 'boundary' AND key = 'words')"
_KINDS: Final = "kind IN ('request', 'boundary')"


def sqlite_words_step(db: sqlite3.Connection) -> None:
    """Bring a SQLite file from schema 9 to 10."""
    db.execute(f"DELETE FROM object_keys WHERE {_WORD_KEYS}")  # noqa: S608 - fixed text
    db.execute(f"DELETE FROM indexed_kinds WHERE {_KINDS}")  # noqa: S608


def postgres_words_step(schema: str) -> list[str]:
    """Return the statements that bring a PostgreSQL schema from 7 to 8."""
    return [
        f"DELETE FROM {schema}.object_keys WHERE {_WORD_KEYS}",  # noqa: S608 - a checked schema name
        f"DELETE FROM {schema}.indexed_kinds WHERE {_KINDS}",  # noqa: S608
    ]
