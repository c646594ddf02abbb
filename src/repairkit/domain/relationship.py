"""The relationship: two partners, and the settings their workflows use."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

import attrs

from repairkit.domain.events import RelationshipStarted, SettingsChanged
from repairkit.domain.settings import RelationshipSettings
from repairkit.domain.values import PersonId, check_instant, check_person_id, new_id
from repairkit.errors import InvalidInput, NotPermitted

__all__ = ["Relationship", "RelationshipState"]


class RelationshipState(enum.StrEnum):
    """A relationship is active while the partners use repairkit together."""

    ACTIVE = "active"


@attrs.define(eq=False, kw_only=True)
class Relationship:
    """Two partners, identified by the app's own ids, and their settings."""

    id: uuid.UUID
    partners: tuple[PersonId, PersonId]
    settings: RelationshipSettings
    created_at: datetime
    state: RelationshipState = RelationshipState.ACTIVE
    version: int = 0

    @property
    def relationship_id(self) -> uuid.UUID:
        """A relationship belongs to itself (so every stored object has this field)."""
        return self.id

    @property
    def participants(self) -> tuple[PersonId, PersonId]:
        """The two partners."""
        return self.partners

    def on_due(self, at: datetime) -> None:
        """A relationship has nothing that falls due by itself."""

    def is_partner(self, person: PersonId) -> bool:
        """Return whether *person* is one of the two partners."""
        return person in self.partners

    def other_partner(self, person: PersonId) -> PersonId:
        """Return the partner who is not *person*."""
        first, second = self.partners
        return second if person == first else first

    @property
    def due_at(self) -> datetime | None:
        """A relationship has nothing that falls due by itself."""
        return None

    def check_partner(self, actor: PersonId, action: str) -> None:
        """Raise `NotPermitted` unless *actor* is one of the partners."""
        if actor not in self.partners:
            raise NotPermitted(
                f"Only the two partners can {action}; {actor!r} is not one of them.",
                actor=actor,
                action=action,
            )

    @classmethod
    def start(
        cls,
        *,
        partners: tuple[PersonId, PersonId],
        actor: PersonId,
        settings: RelationshipSettings | None,
        at: datetime,
    ) -> tuple[Relationship, RelationshipStarted]:
        """Start a relationship between two distinct partners; *actor* must be one of them."""
        at = check_instant(at, "at")
        if not isinstance(partners, tuple | list) or len(partners) != 2:  # noqa: PLR2004 - a couple
            raise InvalidInput("partners", "needs exactly two person ids, as a tuple or list.")
        first = check_person_id(partners[0], "partners[0]")
        second = check_person_id(partners[1], "partners[1]")
        if first == second:
            raise InvalidInput("partners", "needs two different people.")
        if settings is not None and not isinstance(settings, RelationshipSettings):
            raise InvalidInput("settings", "needs a RelationshipSettings value.")
        relationship = cls(
            id=new_id(),
            partners=(first, second),
            settings=settings or RelationshipSettings(),
            created_at=at,
            version=1,
        )
        relationship.check_partner(actor, "start their relationship")
        event = RelationshipStarted(
            id=new_id(),
            subject_id=relationship.id,
            relationship_id=relationship.id,
            actor=actor,
            at=at,
            from_state=None,
            to_state=relationship.state.value,
            version=1,
            partners=relationship.partners,
            settings=relationship.settings,
        )
        return relationship, event

    def change_settings(
        self, *, actor: PersonId, settings: RelationshipSettings, at: datetime
    ) -> SettingsChanged:
        """Replace the settings; requests already made keep the rules they were made under."""
        at = check_instant(at, "at")
        self.check_partner(actor, "change settings")
        if not isinstance(settings, RelationshipSettings):
            raise InvalidInput("settings", "needs a RelationshipSettings value.")
        self.settings = settings
        self.version += 1
        return SettingsChanged(
            id=new_id(),
            subject_id=self.id,
            relationship_id=self.id,
            actor=actor,
            at=at,
            from_state=self.state.value,
            to_state=self.state.value,
            version=self.version,
            settings=settings,
        )
