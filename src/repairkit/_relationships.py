"""The relationship's commands on the kit: start, read, settings by consent, pause, leave."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from repairkit._pipeline import Pipeline
from repairkit.core.events import DomainEvent
from repairkit.core.relationship import Relationship
from repairkit.core.settings import RelationshipSettings
from repairkit.core.values import PersonId, check_id, check_person_id

__all__ = ["RelationshipCommands"]


class RelationshipCommands(Pipeline):
    """Mixed into `RepairKit`: everything about the relationship itself."""

    def start_relationship(
        self,
        partners: tuple[PersonId, PersonId],
        *,
        actor: PersonId,
        settings: RelationshipSettings | None = None,
    ) -> Relationship:
        """Start a relationship between two partners; *actor* is one of them."""
        actor = check_person_id(actor, "actor")
        relationship, event = Relationship.start(
            partners=partners, actor=actor, settings=settings, at=self.now()
        )
        self.add(relationship, event)
        return relationship

    def relationship(self, relationship_id: uuid.UUID, *, actor: PersonId) -> Relationship:
        """Return the relationship, if *actor* is one of its partners."""
        relationship_id = check_id(relationship_id, "relationship_id")
        relationship = self.storage.load(Relationship, relationship_id)
        relationship.check_member(check_person_id(actor, "actor"), "see this relationship")
        return relationship

    def propose_settings(
        self,
        relationship_id: uuid.UUID,
        *,
        actor: PersonId,
        settings: RelationshipSettings,
    ) -> Relationship:
        """Suggest new shared settings; they apply only once the other partner agrees."""
        return self.execute(
            Relationship,
            relationship_id,
            actor,
            lambda r, now: r.propose_settings(actor=actor, settings=settings, at=now),
        )

    def agree_to_settings(self, relationship_id: uuid.UUID, *, actor: PersonId) -> Relationship:
        """Agree to the settings the other partner suggested (requests made keep their rules)."""
        return self.execute(
            Relationship,
            relationship_id,
            actor,
            lambda r, now: r.agree_to_settings(actor=actor, at=now),
        )

    def decline_settings(self, relationship_id: uuid.UUID, *, actor: PersonId) -> Relationship:
        """Keep the shared settings as they are."""
        return self.execute(
            Relationship,
            relationship_id,
            actor,
            lambda r, now: r.decline_settings(actor=actor, at=now),
        )

    def withdraw_settings(self, relationship_id: uuid.UUID, *, actor: PersonId) -> Relationship:
        """Take back one's own suggested settings."""
        return self.execute(
            Relationship,
            relationship_id,
            actor,
            lambda r, now: r.withdraw_settings(actor=actor, at=now),
        )

    def relationship_events(
        self, relationship_id: uuid.UUID, *, actor: PersonId
    ) -> list[DomainEvent]:
        """Return the relationship's events that *actor* may see, oldest first."""
        relationship = self.relationship(relationship_id, actor=actor)
        return [
            e
            for e in self.storage.relationship_events(relationship.id)
            if e.private_to is None or e.private_to == actor
        ]

    def pause(self, relationship_id: uuid.UUID, *, actor: PersonId) -> Relationship:
        """Pause, alone: nothing reaches *actor* until they come back; the other is not told why."""
        return self.execute(
            Relationship, relationship_id, actor, lambda r, now: r.pause(actor=actor, at=now)
        )

    def come_back(self, relationship_id: uuid.UUID, *, actor: PersonId) -> Relationship:
        """End one's own pause; what waited for *actor* goes out on the next delivery."""
        return self.execute(
            Relationship, relationship_id, actor, lambda r, now: r.come_back(actor=actor, at=now)
        )

    def leave(self, relationship_id: uuid.UUID, *, actor: PersonId) -> Relationship:
        """Leave, alone: end one's part of everything open, neutrally, then the relationship.

        For each open object of every workflow, *actor* makes the first move open to them
        that ends their part (the workflow's declared exits: withdrawing, saying no,
        stepping back). If another command interferes, `leave` raises and can simply be
        called again: what was ended stays ended.
        """
        relationship = self.relationship(relationship_id, actor=actor)
        relationship.check_active("leave")
        for spec in self.workflows:
            if spec.safety is None:
                continue
            for obj in self.storage.load_all(spec.entity, relationship.id):
                if obj.is_finished:
                    continue
                moves = spec.workflow.moves_for(obj.state, obj.roles_of(actor))
                exits = [m for m in moves if m in spec.safety.exits]
                if exits:
                    self.execute(spec.entity, obj.id, actor, _making(exits[0], actor))
        return self.execute(
            Relationship, relationship.id, actor, lambda r, now: r.leave(actor=actor, at=now)
        )


def _making(move: str, actor: PersonId) -> Callable[[Any, datetime], DomainEvent]:
    """Return the action that makes *move* as *actor* on the object it is given."""

    def action(obj: Any, now: datetime) -> DomainEvent:  # noqa: ANN401 - any workflow's object
        event: DomainEvent = getattr(obj, move)(actor=actor, at=now)
        return event

    return action
