"""The storages repairkit ships, and the codec they share.

- `MemoryStorage`: everything in memory (tests, demos, short-lived tools).
- `SQLiteStorage`: one file, the embedded default of ``repairkit.open(path)``.
- `PostgresStorage`: several servers on one database; needs the ``postgres``
  extra. It is imported on first use, so that ``import repairkit`` never loads
  psycopg.

A storage of your own fits `repairkit.ports.Storage`, reuses the JSON codec in
`repairkit.adapters.codec`, and passes the contract suite in `repairkit.testing`.
"""

from typing import TYPE_CHECKING

from repairkit.adapters.memory import MemoryStorage
from repairkit.adapters.sqlite import SQLiteStorage

if TYPE_CHECKING:
    from repairkit.adapters.postgres import PostgresStorage

__all__ = ["MemoryStorage", "PostgresStorage", "SQLiteStorage", "is_postgres_url"]


def is_postgres_url(value: object) -> bool:
    """Return whether *value* is a PostgreSQL connection URL (``postgresql://`` or ``postgres://``)."""
    return isinstance(value, str) and value.startswith(("postgresql://", "postgres://"))


if not TYPE_CHECKING:  # type checkers see the import above

    def __getattr__(name: str) -> type:
        if name == "PostgresStorage":
            from repairkit.adapters.postgres import PostgresStorage  # noqa: PLC0415 - psycopg

            return PostgresStorage
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
