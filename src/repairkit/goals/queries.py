"""Reading what a shared goal links: the objects behind its links, as a reader may see them."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, Final

from repairkit.agenda.model import AgendaItem
from repairkit.boundaries.model import Boundary
from repairkit.core.values import PersonId, check_id
from repairkit.errors import NotAllowedNow, NotFound, RepairkitError
from repairkit.goals.links import LinkKind
from repairkit.requests.model import Request

__all__ = ["LINKABLE", "check_target", "linked_object"]

LINKABLE: Final[Mapping[LinkKind, type[Any]]] = {
    LinkKind.REQUEST: Request,
    LinkKind.BOUNDARY: Boundary,
    LinkKind.CHECK_IN_ITEM: AgendaItem,
}
"""The kinds a goal can link, with the object each names."""


Loader = Callable[[type[Any], uuid.UUID], Any]


def linked_object(
    load: Loader,
    kind: LinkKind,
    target: uuid.UUID,
    *,
    relationship_id: uuid.UUID,
    reader: PersonId,
    now: datetime,
) -> bool:
    """Return whether *reader* may see the linked object now, in this relationship."""
    try:
        obj = load(LINKABLE[kind], target)
    except RepairkitError:
        return False
    return bool(obj.relationship_id == relationship_id and obj.visible_at(reader, now))


def check_target(
    load: Loader,
    kind: LinkKind,
    target: uuid.UUID,
    *,
    relationship_id: uuid.UUID,
    actor: PersonId,
    other: PersonId,
    state: str,
    now: datetime,
) -> uuid.UUID:
    """Return *target* if both partners can see it in this relationship; refuse it otherwise.

    What *actor* cannot see is refused alike for a missing id (`NotFound`); what only
    *actor* can see (their own draft) is `NotAllowedNow`: it can be linked once shared.
    """
    target = check_id(target, "target_id")
    if not linked_object(
        load, kind, target, relationship_id=relationship_id, reader=actor, now=now
    ):
        raise NotFound(kind.value, target)
    if not linked_object(
        load, kind, target, relationship_id=relationship_id, reader=other, now=now
    ):
        raise NotAllowedNow(
            kind="goal",
            action="link",
            state=state,
            allowed=(),
            reason="This {kind} is yours alone for now; it can be linked once it is shared.",
            params={"kind": kind.value},
        )
    return target
