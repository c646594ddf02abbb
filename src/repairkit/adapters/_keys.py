"""The index keys of a stored object, derived at save time as ``due_at`` is.

A workflow declares the keys its rules look objects up by in its spec
(`WorkflowSpec.keys`, e.g. ``("need", words of the need)``); everyone an object
asks something of (`WorkflowObject.asked`) is indexed under ``"asked"`` for
every workflow. The SQL storages keep a digest of each value, never the text:
no index holds what a partner wrote, and every value has the same width.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Final

from repairkit.adapters._identity import IdentityMap
from repairkit.core.spec import ONE_AT_A_TIME, Registry
from repairkit.errors import CorruptData, InvalidInput

__all__ = [
    "ASKED",
    "ONE_AT_A_TIME",
    "check_key",
    "check_tags",
    "digest",
    "index_keys",
    "key_changes",
    "keys_to_write",
    "place_of",
    "readable_objects",
]

log = logging.getLogger("repairkit")

ASKED: Final = "asked"
"""The key every workflow's objects are indexed under, once per person asked."""


def index_keys(workflows: Registry, obj: Any) -> tuple[tuple[str, str], ...]:  # noqa: ANN401 - any stored object
    """Return *obj*'s (key, value) pairs, each once: those asked, its spec's keys, its place.

    The place (`WorkflowSpec.one_at_a_time`) comes last, under the reserved key
    `ONE_AT_A_TIME`, which no workflow declares among its keys.
    """
    keys = dict.fromkeys((ASKED, str(person)) for person in obj.asked())
    spec = workflows.spec_of(type(obj))
    if spec.keys is not None:
        keys.update(
            dict.fromkeys(
                (str(key), str(value)) for key, value in spec.keys(obj) if key != ONE_AT_A_TIME
            )
        )
    if spec.one_at_a_time is not None and (place := spec.one_at_a_time(obj)) is not None:
        keys[ONE_AT_A_TIME, str(place)] = None
    return tuple(keys)


def place_of(keys: Iterable[tuple[str, str]]) -> str | None:
    """Return the place among an object's (key, value) pairs (`index_keys`), or None."""
    return next((value for key, value in keys if key == ONE_AT_A_TIME), None)


def digest(value: str) -> str:
    """Return the fixed-width digest an SQL index keeps of *value* (never the value)."""
    return hashlib.blake2b(value.encode(), digest_size=16).hexdigest()


def keys_to_write(
    workflows: Registry,
    known: IdentityMap,
    obj: Any,  # noqa: ANN401 - any stored object
    expected_version: int,
) -> tuple[tuple[str, str], ...] | None:
    """Return *obj*'s stored keys, or None when the stored ones are already those.

    They are known to be when this storage remembers the object at the version the
    save expects (a version is written once, by one save) with the same keys: most
    moves change no key, and then the save need not rewrite them.
    """
    keys = index_keys(workflows, obj)
    if expected_version:
        remembered = known.get(obj.id)
        if (
            remembered is not None
            and remembered[0] == expected_version
            and index_keys(workflows, remembered[1]) == keys
        ):
            return None
    return tuple((key, digest(value)) for key, value in keys)


def key_changes(
    before: tuple[tuple[str, str], ...] | None, keys: tuple[tuple[str, str], ...]
) -> tuple[tuple[tuple[str, str], ...] | None, tuple[tuple[str, str], ...]]:
    """Return the (removed, added) (key, digest) pairs that turn the keys *before* into *keys*.

    *before* are the (key, value) pairs stored for the object (see `index_keys`), or
    None when they are not known: then removed is None, meaning every stored key of the
    object, and added is all of *keys*. Most moves change no key, and one that does
    (being asked, or no longer) changes one: the save writes only those rows.
    """
    if before is None:
        return None, tuple((key, digest(value)) for key, value in keys)
    if before == keys:
        return (), ()
    old, new = set(before), set(keys)
    return (
        tuple((key, digest(value)) for key, value in before if (key, value) not in new),
        tuple((key, digest(value)) for key, value in keys if (key, value) not in old),
    )


def readable_objects(
    rows: Iterable[tuple[Any, str]], load: Callable[[str, Any], Any]
) -> Iterator[tuple[Any, Any]]:
    """Yield (id, object) for each (id, body) row *load* can read; log and pass over the rest.

    For rebuilding derived indexes: a damaged row keeps no keys, as it loads no object.
    """
    for id, body in rows:
        try:
            yield id, load(body, id)
        except CorruptData as error:
            log.warning("stored %s %s cannot be read back; it is not indexed", error.kind, id)


def check_key(key: object, value: object) -> tuple[str, str]:
    """Return (*key*, *value*), or raise `InvalidInput` unless both are text."""
    for field, given in (("key", key), ("value", value)):
        if not isinstance(given, str):
            raise InvalidInput(field, "needs text, such as 'need' or a person's id.")
    return key, value  # type: ignore[return-value]


def check_flag(value: object, name: str) -> bool:
    """Return *value* if it is a bool, or raise `InvalidInput` (``1`` and ``"yes"`` are not)."""
    if not isinstance(value, bool):
        raise InvalidInput(name, "needs True or False.")
    return value


def check_tags(tags: Sequence[str] | None) -> tuple[str, ...] | None:
    """Return *tags* as a tuple, or raise `InvalidInput` for lone text or a non-text tag."""
    if tags is None:
        return None
    if isinstance(tags, str) or not all(isinstance(tag, str) for tag in tags):
        raise InvalidInput("tags", "needs a list of event tags, such as ['request.proposed'].")
    return tuple(tags)
