"""Reading stored values back strictly, for hand-written decoding hooks (``codec_hooks``).

Each returns the value when it has the JSON type repairkit writes for it, and
raises `TypeError` otherwise (the codec reports that row as `CorruptData`): a
damaged ``"kept": "no"`` is never read as true, nor ``"3"`` as a number.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "stored_flag",
    "stored_items",
    "stored_optional_text",
    "stored_text",
    "stored_texts",
    "stored_whole",
]


def _wrong(expected: str, value: object) -> TypeError:
    return TypeError(f"a stored {expected} holds a {type(value).__name__}")


def stored_text(value: object) -> str:
    """Return *value* if it is text."""
    if type(value) is not str:
        raise _wrong("text", value)
    return value


def stored_optional_text(value: object) -> str | None:
    """Return *value* if it is text or None."""
    return None if value is None else stored_text(value)


def stored_whole(value: object) -> int:
    """Return *value* if it is a whole number (true and false are not numbers here)."""
    if type(value) is not int:
        raise _wrong("whole number", value)
    return value


def stored_flag(value: object) -> bool:
    """Return *value* if it is true or false."""
    if type(value) is not bool:
        raise _wrong("true or false", value)
    return value


def stored_items(value: object) -> list[Any]:
    """Return *value* if it is a list (a JSON array)."""
    if type(value) is not list:
        raise _wrong("list", value)
    return value


def stored_texts(value: object) -> tuple[str, ...]:
    """Return *value*, a list of texts, as a tuple."""
    return tuple([stored_text(item) for item in stored_items(value)])
