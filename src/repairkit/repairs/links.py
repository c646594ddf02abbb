"""What a repair follows: a counted crossing, a request's follow-through mark, an item."""

from __future__ import annotations

import enum
import uuid
from typing import Final

import attrs

from repairkit.errors import InvalidInput

__all__ = ["LINK_KEY", "RepairLink", "RepairLinkKind", "link_key"]

LINK_KEY: Final = "link"
"""The index key a repair is found by from what it follows (`link_key` gives the value):
``load_keyed(RepairCommitment, relationship_id, "link", link_key(link), states=...)``
answers "is a repair open for this?" without reading the history."""


class RepairLinkKind(enum.StrEnum):
    """What kind of thing a repair follows."""

    CROSSING = "crossing"
    """A counted crossing of a boundary (owned or acknowledged)."""
    REQUEST = "request"
    """A request's follow-through mark."""
    ACCOUNTABILITY_ITEM = "accountability item"
    """An item of the accountability agreement (the id is the agreement's, ``item`` the item's)."""


@attrs.frozen(kw_only=True)
class RepairLink:
    """The typed link from a repair to what it follows; both sides show it."""

    kind: RepairLinkKind
    id: uuid.UUID
    """The crossing's, the request's, or the accountability agreement's id."""
    item: uuid.UUID | None = None
    """The accountability item's id (only for that kind)."""

    @classmethod
    def checked(cls, value: object) -> RepairLink:
        """Return *value* as a well-formed link, or raise `InvalidInput` (nothing stored)."""
        if not isinstance(value, RepairLink):
            raise InvalidInput("link", "needs a RepairLink (a kind, an id, and an item's id).")
        given: object = value.kind
        if not isinstance(given, str) or given not in set(RepairLinkKind):
            kinds = ", ".join(repr(k.value) for k in RepairLinkKind)
            raise InvalidInput("link", "needs one of the kinds {kinds}.", kinds=kinds)
        kind = RepairLinkKind(given)
        if not isinstance(value.id, uuid.UUID):
            raise InvalidInput("link", "needs the id of what the repair follows (a UUID).")
        if (kind is RepairLinkKind.ACCOUNTABILITY_ITEM) != isinstance(value.item, uuid.UUID):
            raise InvalidInput(
                "link", "names an item's id for an accountability item, and only for one."
            )
        return cls(kind=kind, id=value.id, item=value.item)


def link_key(link: RepairLink) -> str:
    """Return the index value of *link*: ``"<kind>:<id>:<item or ''>"``."""
    return f"{link.kind.value}:{link.id}:{link.item or ''}"
