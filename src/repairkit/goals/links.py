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
from typing import Final

import attrs

from repairkit.errors import InvalidInput

__all__ = ["LINKABLE_KINDS", "GoalLink", "LinkKind", "check_kind"]


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


LINKABLE_KINDS: Final = frozenset({LinkKind.REQUEST, LinkKind.BOUNDARY})
"""The kinds a goal can link today (`GoalCommands` names the object each stands for)."""


def check_kind(kind: LinkKind | str) -> LinkKind:
    """Return *kind* as a `LinkKind` that can be linked today, or raise `InvalidInput`."""
    try:
        checked = LinkKind(kind)
    except ValueError as error:
        raise InvalidInput("kind", "is not a kind a goal can link (request, boundary).") from error
    if checked not in LINKABLE_KINDS:
        raise InvalidInput("kind", "cannot be linked yet: there is no check-in item to link.")
    return checked
