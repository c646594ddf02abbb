"""What a shared goal links: the requests, boundaries and agenda items that serve it.

A link is typed (`LinkKind`): a request, a boundary, or an item of the check-in agenda
(a topic the couple means to bring to their check-in, `repairkit.agenda`). A link is
made only to an object both partners can see (a draft is
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
    """An item of the check-in agenda (`repairkit.agenda.AgendaItem`)."""


@attrs.frozen(kw_only=True)
class GoalLink:
    """One link from a goal to an object that serves it (no time, no author: nothing counted)."""

    kind: LinkKind
    target: uuid.UUID


LINKABLE_KINDS: Final = frozenset(LinkKind)
"""The kinds a goal can link today (`GoalCommands` names the object each stands for)."""


def check_kind(kind: LinkKind | str) -> LinkKind:
    """Return *kind* as a `LinkKind` that can be linked today, or raise `InvalidInput`."""
    try:
        checked = LinkKind(kind)
    except ValueError as error:
        kinds = ", ".join(kind.value for kind in LinkKind)
        raise InvalidInput(
            "kind", "is not a kind a goal can link ({kinds}).", kinds=kinds
        ) from error
    return checked
