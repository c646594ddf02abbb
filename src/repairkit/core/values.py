"""Small values and checks shared by every workflow: ids, instants, texts, people."""

from __future__ import annotations

import os
import unicodedata
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Final

from repairkit.errors import InvalidInput

__all__ = [
    "EARLIEST",
    "LATEST",
    "MAX_LIMIT",
    "MAX_PERSON_ID_LENGTH",
    "SYSTEM",
    "PersonId",
    "check_id",
    "check_ids",
    "check_instant",
    "check_limit",
    "check_path",
    "check_person_id",
    "check_text",
    "new_id",
]

PersonId = str
"""An app-supplied id of a person (for example the app's user id)."""

SYSTEM: Final = "repairkit:system"
"""The actor recorded when repairkit itself moves a workflow (a time box ended)."""

MAX_PERSON_ID_LENGTH: Final = 200
MAX_HOW_OFTEN_LENGTH: Final = 200


def new_id() -> uuid.UUID:
    """Return a fresh random id (a version-4 UUID, `uuid.uuid4`): every object's and event's."""
    return uuid.uuid4()


def check_id(value: uuid.UUID | str, field: str) -> uuid.UUID:
    """Return *value* as a UUID (its text form is accepted), or raise `InvalidInput`."""
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(value)
    except (TypeError, ValueError, AttributeError) as error:
        raise InvalidInput(field, "needs an id as returned by repairkit (a UUID).") from error


LATEST: Final = datetime(9000, 1, 1, tzinfo=UTC)
"""The latest instant repairkit accepts (repairkit's own bound): far enough ahead for any
agreement, and far enough from the end of the calendar that adding a window or a grace
period to it never overflows."""

EARLIEST: Final = datetime(1900, 1, 1, tzinfo=UTC)
"""The earliest instant repairkit accepts (repairkit's own bound)."""


MAX_LIMIT: Final = 10_000
"""The most objects, events or notifications one call returns (repairkit's own bound)."""


def check_limit(value: int, field: str = "limit") -> int:
    """Return *value*, or raise `InvalidInput` unless it is a whole number from 0 to MAX_LIMIT."""
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_LIMIT:
        raise InvalidInput(field, "needs a whole number from 0 to {high}.", high=MAX_LIMIT)
    return value


def check_ids(values: Iterable[uuid.UUID | str], field: str) -> list[uuid.UUID]:
    """Return *values* as UUIDs, or raise `InvalidInput` (a lone id or text is refused)."""
    if isinstance(values, str | bytes | uuid.UUID):
        raise InvalidInput(field, "needs a list of ids, not a single one.")
    try:
        items = list(values)
    except TypeError as error:
        raise InvalidInput(field, "needs a list of ids.") from error
    if len(items) > MAX_LIMIT:
        raise InvalidInput(field, "may hold at most {most} ids.", most=MAX_LIMIT)
    return [check_id(item, field) for item in items]


def check_path(value: str | os.PathLike[str], field: str = "path") -> str:
    """Return a file path as text, or raise `InvalidInput` (bytes, numbers, a NUL)."""
    if isinstance(value, bytes | bool | int) or not isinstance(value, str | os.PathLike):
        raise InvalidInput(field, "needs a file path, as text or a pathlib.Path.")
    text = os.fspath(value)
    if not isinstance(text, str) or not text or "\x00" in text:
        raise InvalidInput(field, "needs a file path, as non-empty text without NUL characters.")
    _check_storable(text, field)
    return text


def check_instant(value: datetime, field: str) -> datetime:
    """Return *value* in UTC, or raise `InvalidInput` (naive, or outside 1900 to 9000)."""
    if not isinstance(value, datetime):
        raise InvalidInput(field, "needs a timezone-aware datetime.")
    if value.tzinfo is not UTC:
        if value.tzinfo is None or value.utcoffset() is None:
            raise InvalidInput(
                field,
                "needs a timezone-aware datetime (for example datetime.now(UTC));"
                " a naive one could mean any time zone.",
            )
        try:
            value = value.astimezone(UTC)
        except OverflowError as error:
            raise InvalidInput(field, "is outside the years 1900 to 9000.") from error
    if not EARLIEST <= value <= LATEST:
        raise InvalidInput(field, "is outside the years 1900 to 9000.")
    return value


def check_text(
    value: str | None, field: str, *, max_length: int, optional: bool = False
) -> str | None:
    """Return *value* stripped, or raise `InvalidInput` when it is empty or too long.

    The error never repeats the text itself: it may be private.
    """
    if value is None:
        if optional:
            return None
        raise InvalidInput(field, "is missing; a few words are enough.")
    if not isinstance(value, str):
        raise InvalidInput(field, "is not text; it takes text.")
    _check_storable(value, field)
    text = value.strip()
    if not text or _invisible(text):  # zero-width or control characters alone read as blank
        if optional:
            return None
        raise InvalidInput(field, "is empty; a few words are enough.")
    if len(text) > max_length:
        raise InvalidInput(
            field,
            "is {length} characters long; please keep it to {max_length} or fewer.",
            length=len(text),
            max_length=max_length,
        )
    return text


def _invisible(text: str) -> bool:
    """Return whether *text* holds only characters that show nothing (format or control)."""
    return all(unicodedata.category(char) in ("Cf", "Cc") or char.isspace() for char in text)


def _check_storable(value: str, field: str) -> None:
    """Refuse text that no storage can keep (a lone surrogate is not Unicode text)."""
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            raise InvalidInput(
                field, "holds a character that is not valid Unicode text (a lone surrogate)."
            ) from error


def check_person_id(value: str, field: str) -> PersonId:
    """Return a valid person id, or raise `InvalidInput`."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(field, "needs a person id (non-empty text, such as the app's user id).")
    _check_storable(value, field)
    if "\x00" in value:  # PostgreSQL keeps no NUL in its text columns: refused everywhere
        raise InvalidInput(field, "person ids may not hold a NUL character.")
    if value.startswith("repairkit:"):
        raise InvalidInput(field, "ids starting with 'repairkit:' are reserved for repairkit.")
    if len(value) > MAX_PERSON_ID_LENGTH:
        raise InvalidInput(
            field, "person ids may be at most {most} characters.", most=MAX_PERSON_ID_LENGTH
        )
    return value
