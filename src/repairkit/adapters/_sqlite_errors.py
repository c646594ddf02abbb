"""sqlite3's errors, said in repairkit's words (`StorageError`, the original as its cause)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Final

from repairkit.errors import StorageError

__all__ = ["storage_error", "storage_errors"]

_DUPLICATE: Final = frozenset({"SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY"})


def storage_error(doing: str, error: sqlite3.Error) -> StorageError:
    """Return repairkit's error for one of sqlite3's (raise it ``from`` the original)."""
    if isinstance(error, sqlite3.IntegrityError):
        if getattr(error, "sqlite_errorname", "") in _DUPLICATE:
            return StorageError(
                "SQLite could not {doing} this change: an id in it is stored already."
                " Nothing was saved.",
                doing=doing,
            )
        name = getattr(error, "sqlite_errorname", "SQLITE_CONSTRAINT")
        return StorageError(
            "SQLite could not {doing} this change: a database constraint refused it ({name})."
            " Nothing was saved.",
            doing=doing,
            name=name,
        )
    return StorageError(
        "SQLite could not {doing} ({name}). Nothing was saved. The database may be busy or"
        " unavailable; retrying later may help."
        if doing == "save"
        else "SQLite could not {doing} ({name}). The database may be busy or unavailable;"
        " retrying later may help.",
        doing=doing,
        name=type(error).__name__,
    )


@contextmanager
def storage_errors(doing: str) -> Iterator[None]:
    """Turn sqlite3's errors into repairkit's, keeping the original as the cause."""
    try:
        yield
    except sqlite3.Error as error:
        raise storage_error(doing, error) from error
