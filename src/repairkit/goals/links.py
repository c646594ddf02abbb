"""What a shared goal links: the requests and boundaries of the same relationship that serve it.

A link is typed (`LinkKind`). Check-in items have their kind already, so that a future
Check-in workflow can be linked without changing stored links; until then a link of that
kind is refused. A link is made only to an object both partners can see (a draft is
its writer's alone), and it is shown to a reader only where they may see the linked
object, read again at each look.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, Final

import attrs

from repairkit.boundaries.model import Boundary
from repairkit.core.values import PersonId, check_id
from repairkit.errors import InvalidInput, NotAllowedNow, NotFound, RepairkitError
from repairkit.requests.model import Request

__all__ = ["LINKABLE", "GoalLink", "LinkKind", "check_kind", "check_target", "linked_object"]


class LinkKind(enum.StrEnum):
    """What kind of object a goal links."""

    REQUEST = "request"
    BOUNDARY = "boundary"
    CHECK_IN_ITEM = "check-in item"
    """Ready for a future Check-in workflow: refused until it exists."""


@attrs.frozen(kw_only=True)
class GoalLink:
    """One link from a goal to an object that serves it (no time, no author: nothing counted)."""

    kind: LinkKind
    target: uuid.UUID


LINKABLE: Final[Mapping[LinkKind, type[Any]]] = {
    LinkKind.REQUEST: Request,
    LinkKind.BOUNDARY: Boundary,
}
"""The kinds a goal can link today, with the object each names."""


def check_kind(kind: LinkKind | str) -> LinkKind:
    """Return *kind* as a `LinkKind` that can be linked today, or raise `InvalidInput`."""
    try:
        checked = LinkKind(kind)
    except ValueError as error:
        raise InvalidInput("kind", "is not a kind a goal can link (request, boundary).") from error
    if checked not in LINKABLE:
        raise InvalidInput("kind", "cannot be linked yet: there is no check-in item to link.")
    return checked


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
    seen = linked_object(load, kind, target, relationship_id=relationship_id, reader=actor, now=now)
    if seen is None:
        raise NotFound(kind.value, target)
    if (
        linked_object(load, kind, target, relationship_id=relationship_id, reader=other, now=now)
        is None
    ):
        raise NotAllowedNow(
            kind="goal",
            action="link",
            state=state,
            allowed=(),
            reason=f"This {kind.value} is still yours alone; it can be linked once it is shared.",
        )
    return target
