"""The TimeOut workflow's commands, reached as ``kit.timeouts``."""

from __future__ import annotations

import uuid

from repairkit.commands import WorkflowCommands
from repairkit.core.values import PersonId, check_id, check_person_id
from repairkit.errors import InvalidInput
from repairkit.timeouts.model import TimeOut
from repairkit.timeouts.rules import TimeOutRules

__all__ = ["TimeOutCommands"]


class TimeOutCommands(WorkflowCommands[TimeOut]):
    """Time-outs in a heated talk: called by a partner for themselves, never for the other.

    Reach it as ``kit.timeouts``. The return time and the ceiling are durable
    timers: `kit.timers.run_due` moves a time-out to "check back" at its return time
    and lapses it at its ceiling.
    """

    entity = TimeOut

    def call(
        self,
        relationship_id: uuid.UUID,
        *,
        actor: PersonId,
        minutes: int = 20,
        follows: uuid.UUID | None = None,
    ) -> TimeOut:
        """Call a time-out for oneself, checking back in *minutes* (20 by default).

        *follows* names an earlier time-out of the same talk: after
        `TimeOutRules.third_party_after` of them, both are told a third person could help.
        """
        actor = check_person_id(actor, "actor")
        relationship = self._relationship_for(relationship_id, actor, "call a time-out")
        earlier = None
        if follows is not None:
            earlier = self.get(check_id(follows, "follows"), actor=actor)
            if earlier.relationship_id != relationship.id:
                raise InvalidInput("follows", "names a time-out of another relationship.")
        timeout, event = TimeOut.call(
            relationship_id=relationship.id,
            caller=actor,
            other=relationship.other_partner(actor),
            minutes=minutes,
            rules=relationship.settings.of(TimeOutRules),
            at=self._runner.now(),
            follows=earlier,
        )
        return self._add(timeout, event)

    def extend(self, timeout_id: uuid.UUID, *, actor: PersonId) -> TimeOut:
        """At check-back, ask for the next step of the ladder (the caller only)."""
        return self._make(timeout_id, actor, "extend")

    def come_back(self, timeout_id: uuid.UUID, *, actor: PersonId) -> TimeOut:
        """Go on talking (the caller may come back early; at check-back, either)."""
        return self._make(timeout_id, actor, "come_back")

    def set_aside(self, timeout_id: uuid.UUID, *, actor: PersonId) -> TimeOut:
        """Keep the topic for the next check-in."""
        return self._make(timeout_id, actor, "set_aside")

    def propose_dropping(self, timeout_id: uuid.UUID, *, actor: PersonId) -> TimeOut:
        """Suggest letting the topic go; the other agrees (or suggests it back)."""
        return self._make(timeout_id, actor, "propose_dropping")

    def agree_to_drop(self, timeout_id: uuid.UUID, *, actor: PersonId) -> TimeOut:
        """Let the topic go, both of you."""
        return self._make(timeout_id, actor, "agree_to_drop")

    def keep_topic(self, timeout_id: uuid.UUID, *, actor: PersonId) -> TimeOut:
        """Keep the topic; a no is a fair answer."""
        return self._make(timeout_id, actor, "keep_topic")
