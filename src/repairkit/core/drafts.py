"""Objects one partner drafts alone before proposing them to the other (rule 4).

A request or a boundary is written by its author, privately, and only proposing it
shares it. How long and how often the author rewrote the draft is theirs alone: to
the partner it is addressed to, the object starts at the proposal, created then, at
version 1 then. `DraftedFirst` gives an entity that visibility and that view; the
entity names its ``author`` and ``addressee`` and has the ``created_at``,
``proposed_at`` and ``proposed_version`` fields.

A draft is revised in part: each field a ``revise`` leaves out defaults to `KEEP`
and keeps the draft's value, so ``None`` stays free to clear an optional text.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING, Final, Self, TypeVar

import attrs

from repairkit.core.entity import WorkflowObject
from repairkit.core.values import PersonId

__all__ = ["KEEP", "DraftedFirst", "Keep", "kept"]

_T = TypeVar("_T")


class Keep(enum.Enum):
    """The type of `KEEP`: a field a revision leaves as it is."""

    KEEP = "keep"

    def __repr__(self) -> str:
        return "KEEP"


KEEP: Final = Keep.KEEP
"""The default of every field of a ``revise``: keep the draft's value (``None`` clears)."""


def kept(value: _T | Keep, current: _T) -> _T:
    """Return *current* when *value* is `KEEP`, else *value*."""
    return current if isinstance(value, Keep) else value


class DraftedFirst(WorkflowObject):
    """Mixin for an entity drafted privately by its author, then proposed."""

    if not TYPE_CHECKING:  # slotted at run time; mypy then allows the fields' assignment
        __slots__ = ()

    created_at: datetime
    proposed_at: datetime | None
    """When it was proposed; None while it is a draft."""
    proposed_version: int | None
    """The version the proposal made; the addressee's versions count from it (as 1)."""

    @property
    def author(self) -> PersonId:
        """The partner who drafted it; override."""
        raise NotImplementedError

    @property
    def addressee(self) -> PersonId:
        """The partner it is proposed to; override."""
        raise NotImplementedError

    @property
    def private_to(self) -> PersonId | None:
        """The author, while it is a draft: nobody else may see it yet."""
        return self.author if self.proposed_at is None else None

    def visible_to(self, person: PersonId) -> bool:
        """Return whether *person* may see it: a draft is its author's alone."""
        return person == self.author or (person == self.addressee and self.proposed_at is not None)

    def version_seen_by(self, person: PersonId) -> int:
        """Return the version *person* knows it at, without copying it."""
        start = self.proposed_version
        if person == self.author or start is None:
            return self.version
        return self.version - start + 1

    def seen_by(self, person: PersonId) -> Self:
        """Return it as *person* may see it: to the addressee, it starts when proposed."""
        start = self.proposed_version
        if person == self.author or start is None or start == 1:
            return self
        return attrs.evolve(  # type: ignore[misc]  # an attrs subclass
            self,
            version=self.version - start + 1,
            created_at=self.proposed_at or self.created_at,
            proposed_version=1,
        )
