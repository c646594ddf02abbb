"""The appreciation's commands, reached as ``kit.appreciations``."""

from __future__ import annotations

import uuid

from appreciation.model import Appreciation
from repairkit.commands import WorkflowCommands
from repairkit.core import PersonId, check_person_id


class AppreciationCommands(WorkflowCommands[Appreciation]):
    """Send an appreciation; acknowledge it or let it be. Queries come from the base."""

    entity = Appreciation

    def send(self, relationship_id: uuid.UUID, *, actor: PersonId, text: str) -> Appreciation:
        """Send an appreciation to the other partner."""
        actor = check_person_id(actor, "actor")
        relationship = self._relationship_for(relationship_id, actor, "send an appreciation")
        appreciation, event = Appreciation.send(
            relationship_id=relationship.id,
            sender=actor,
            receiver=relationship.other_partner(actor),
            text=text,
            at=self._runner.now(),
        )
        return self._add(appreciation, event)

    def acknowledge(self, appreciation_id: uuid.UUID, *, actor: PersonId) -> Appreciation:
        """Say it landed."""
        return self._make(appreciation_id, actor, "acknowledge")

    def let_be(self, appreciation_id: uuid.UUID, *, actor: PersonId) -> Appreciation:
        """Let it be."""
        return self._make(appreciation_id, actor, "let_be")
