"""The relationship: two partners, and the settings their workflows use."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import ClassVar

import attrs

from repairkit.core.engine import EITHER_PARTNER, Move, Role, Workflow
from repairkit.core.entity import WorkflowObject
from repairkit.core.events import DomainEvent
from repairkit.core.notices import NoticeRule, Quiet, tell_audience
from repairkit.core.settings import RelationshipSettings
from repairkit.core.values import PersonId, check_instant, check_person_id, new_id
from repairkit.errors import InvalidInput, NotFound, NotPermitted

__all__ = [
    "RELATIONSHIP_NOTICES",
    "RELATIONSHIP_WORKFLOW",
    "Relationship",
    "RelationshipNotice",
    "RelationshipStarted",
    "RelationshipState",
    "SettingsChanged",
]


class RelationshipState(enum.StrEnum):
    """A relationship is active while the partners use repairkit together."""

    ACTIVE = "active"


RELATIONSHIP_WORKFLOW = Workflow(
    "relationship",
    RelationshipState,
    RelationshipState.ACTIVE,
    (
        Move(
            "change_settings",
            (RelationshipState.ACTIVE,),
            RelationshipState.ACTIVE,
            EITHER_PARTNER,
            description="Change the settings every workflow of the couple uses.",
        ),
    ),
)
"""The relationship's table: one move, for now."""


@attrs.frozen(kw_only=True)
class RelationshipStarted(DomainEvent):
    """Two partners started using repairkit together."""

    TAG = "relationship.started"

    partners: tuple[PersonId, PersonId]
    settings: RelationshipSettings


@attrs.frozen(kw_only=True)
class SettingsChanged(DomainEvent):
    """A partner changed the relationship's settings."""

    TAG = "relationship.settings_changed"

    settings: RelationshipSettings


class RelationshipNotice(enum.StrEnum):
    """What the relationship's notifications are about."""

    SETTINGS_CHANGED = "settings changed"


RELATIONSHIP_NOTICES: dict[type[DomainEvent], NoticeRule | Quiet] = {
    RelationshipStarted: Quiet("The app invites the other partner in its own way."),
    SettingsChanged: tell_audience(
        RelationshipNotice.SETTINGS_CHANGED, "The settings of your relationship were changed."
    ),
}


@attrs.define(eq=False, kw_only=True)
class Relationship(WorkflowObject):
    """Two partners, identified by the app's own ids, and their settings."""

    WORKFLOW: ClassVar[Workflow] = RELATIONSHIP_WORKFLOW

    id: uuid.UUID
    partners: tuple[PersonId, PersonId]
    settings: RelationshipSettings
    created_at: datetime
    state: RelationshipState = RelationshipState.ACTIVE
    version: int = 0
    changed_at: datetime | None = None
    """When the last change was made (None in rows written before 0.2)."""

    @property
    def relationship_id(self) -> uuid.UUID:  # type: ignore[override]
        """A relationship belongs to itself (so every stored object has this field)."""
        return self.id

    @property
    def participants(self) -> tuple[PersonId, PersonId]:
        """The two partners."""
        return self.partners

    def is_partner(self, person: PersonId) -> bool:
        """Return whether *person* is one of the two partners."""
        return person in self.partners

    def other_partner(self, person: PersonId) -> PersonId:
        """Return the partner who is not *person*."""
        first, second = self.partners
        return second if person == first else first

    def roles_of(self, actor: PersonId) -> frozenset[Role]:
        """Return the roles *actor* plays in the relationship (empty for an outsider)."""
        return frozenset({EITHER_PARTNER}) if actor in self.partners else frozenset()

    def check_member(self, actor: PersonId, action: str) -> frozenset[Role]:
        """Return *actor*'s roles, or raise `NotFound` (as for no such relationship) if none."""
        del action  # an outsider is told nothing, not even what they tried
        roles = self.roles_of(actor)
        if not roles:
            raise NotFound("relationship", self.id)
        return roles

    def check_partner(self, actor: PersonId, action: str) -> None:
        """Raise `NotPermitted` unless *actor* is one of the two partners (today: any member)."""
        self.check_member(actor, action)

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
        if actor not in relationship.partners:
            raise NotPermitted(
                "A relationship is started by one of its two partners.",
                actor=actor,
                action="start a relationship",
            )
        event = relationship._event(
            RelationshipStarted,
            actor,
            at,
            None,
            partners=relationship.partners,
            settings=relationship.settings,
        )
        return relationship, event

    def change_settings(
        self, *, actor: PersonId, settings: RelationshipSettings, at: datetime
    ) -> SettingsChanged:
        """Replace the settings; requests already made keep the rules they were made under."""
        at = self._not_before_last(check_instant(at, "at"))
        self.check_partner(actor, "change settings")
        if not isinstance(settings, RelationshipSettings):
            raise InvalidInput("settings", "needs a RelationshipSettings value.")
        before = self._fire("change_settings", at)
        self.settings = settings
        return self._event(SettingsChanged, actor, at, before, settings=settings)
