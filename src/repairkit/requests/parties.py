"""The two partners of a request, as the request's move mixins share them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from repairkit.core.drafts import DraftedFirst
from repairkit.core.values import PersonId

__all__ = ["Parties"]


class Parties(DraftedFirst):
    """The asker and the recipient (fields of `Request`), and who the other one is."""

    if not TYPE_CHECKING:  # slotted at run time; mypy then allows the fields' assignment
        __slots__ = ()

    asker: PersonId
    recipient: PersonId

    @property
    def participants(self) -> tuple[PersonId, PersonId]:
        """The asker and the recipient."""
        return (self.asker, self.recipient)

    def _other(self, person: PersonId) -> PersonId:
        return self.recipient if person == self.asker else self.asker
