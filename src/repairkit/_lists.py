"""What the kit's lists share: a page of `find`, and the objects asking a person something.

The lists read through the port's queries, never every object of a kind
(docs/architecture.md): `awaiting` reads the ``("asked", person)`` index, `find`
reads a page at a time.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Final, TypeVar

from repairkit.core.entity import WorkflowObject
from repairkit.core.values import PersonId

if TYPE_CHECKING:
    from repairkit._pipeline import Runner

__all__ = ["ASKED", "Page", "asked_of", "oldest_first", "pairs_oldest_first"]

T = TypeVar("T", bound=WorkflowObject)
S = TypeVar("S", bound=WorkflowObject)

ASKED: Final = "asked"
"""The index key under which storage keeps everyone an object asks (`Storage.load_keyed`)."""


class Page(list[T]):
    """One page of `WorkflowCommands.find`: a list of objects, with the cursor of the next page."""

    def __init__(self, items: Iterable[T] = (), *, cursor: uuid.UUID | None = None) -> None:
        super().__init__(items)
        self.cursor = cursor
        """Pass it as ``after`` for the next page; None when this page is the last."""


def asked_of(
    runner: Runner, kind: type[T], relationship_id: uuid.UUID, person: PersonId
) -> list[T]:
    """Return the relationship's objects of *kind* that asked *person* something at their last save.

    Read from the index under ``("asked", person)`` (`Storage.load_keyed`), oldest first.
    It holds everyone `WorkflowObject.asked` named when the object was saved; what
    `WorkflowObject.asked_at` names at a later time is among them (it is ``asked``
    less the asks that lapsed), so filtering these by ``asked_at`` misses nothing.
    """
    return runner.repository.load_keyed(kind, relationship_id, ASKED, str(person))


def oldest_first(seen: list[T], stored: Sequence[WorkflowObject] | None = None) -> list[T]:
    """Sort objects as their reader knows them: by when each reached them, if it says so.

    That is the (seen) ``created_at``: a draft proposed later is, to its addressee, as
    old as its proposal, so the order tells nothing of drafting. *stored* are the same
    objects as stored, in the same order, when the caller has them: an object whose
    reader knows its time less exactly than it is stored (the other's untold move,
    shown to the day) comes after the others of that instant, in the order of its
    random id, so objects known to one day never come in the order they were made in.
    Otherwise stable: objects made at the same time keep their order.
    """
    if all(hasattr(obj, "created_at") for obj in seen):
        keys = [_reached(obj, None if stored is None else stored[i]) for i, obj in enumerate(seen)]
        order = sorted(range(len(seen)), key=keys.__getitem__)
        seen[:] = [seen[i] for i in order]
    return seen


def _reached(seen: Any, stored: Any) -> tuple[datetime, bool, int]:  # noqa: ANN401 - any object
    """An object's place in a list: when it reached its reader, then its id if less known."""
    # Known less exactly: shown earlier than stored (to its day). A draft proposed later
    # shows later than stored (its proposal): exact, and kept in the order it was listed.
    known_less = stored is not None and seen.created_at < stored.created_at
    return (seen.created_at, known_less, seen.id.int if known_less else 0)


def pairs_oldest_first(found: list[tuple[S, T]]) -> list[tuple[S, T]]:
    """Sort (stored, seen) pairs as `oldest_first` sorts the seen objects."""
    if all(hasattr(seen, "created_at") for _, seen in found):
        found.sort(key=lambda pair: _reached(pair[1], pair[0]))
    return found
