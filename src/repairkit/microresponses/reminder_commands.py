"""The reminder's commands, reached as ``kit.micro_response_reminders``.

``kit.micro_responses.remind_me`` and ``stop_reminders`` are the usual way in; this
namespace holds the reminder's own queries (`get`, `find`, `moves`) for its person.
"""

from __future__ import annotations

import uuid
from datetime import time
from typing import Final

from repairkit.commands import WorkflowCommands
from repairkit.core.values import PersonId, check_person_id
from repairkit.errors import NotAllowedNow, NotFound
from repairkit.microresponses.reminders import ON, Reminder

__all__ = ["REMINDER_OF", "ReminderCommands"]

REMINDER_OF: Final = "reminder of"
"""The index key of a person's reminder that is on: ``"<person>"``."""


class ReminderCommands(WorkflowCommands[Reminder]):
    """One's own daily reminder of micro-responses: nobody else reads it, nor hears it."""

    entity = Reminder

    def remind_me(
        self, relationship_id: uuid.UUID, *, actor: PersonId, at_local_time: time
    ) -> Reminder:
        """Ask to be reminded once a day at *at_local_time*, on the couple's wall clock.

        Only *actor* hears it, held by their quiet hours, their pause and their own
        time-out like every notification; it counts against no one.

        Raises:
            InvalidInput: *at_local_time* is no time of day without a time zone.
            NotAllowedNow: *actor* has a reminder on already (stop it to choose another time).
        """
        actor = check_person_id(actor, "actor")
        relationship = self._relationship_for(relationship_id, actor, "ask for reminders")
        if self._own(relationship.id, actor) is not None:
            raise NotAllowedNow(
                kind=Reminder.WORKFLOW.name,
                action="remind_me",
                state=ON.value,
                allowed=("stop",),
                reason="Your reminder is on; stop it to choose another time.",
            )
        reminder, event = Reminder.start(
            relationship_id=relationship.id,
            person=actor,
            at_local=at_local_time,
            time_zone=relationship.settings.time_zone,
            at=self._runner.now(),
        )
        return self._add(reminder, event)

    def stop(self, reminder_id: uuid.UUID, *, actor: PersonId) -> Reminder:
        """Stop one's own reminder, alone, at any time: nothing comes any more."""
        return self._make(reminder_id, actor, "stop")

    def stop_mine(self, relationship_id: uuid.UUID, *, actor: PersonId) -> Reminder:
        """Stop *actor*'s reminder in the relationship (`NotFound` if none is on)."""
        actor = check_person_id(actor, "actor")
        relationship = self._runner.relationship(relationship_id, actor=actor)
        own = self._own(relationship.id, actor)
        if own is None:
            raise NotFound(Reminder.WORKFLOW.name, relationship.id)
        return self._make(own.id, actor, "stop")

    def _own(self, relationship_id: uuid.UUID, person: PersonId) -> Reminder | None:
        found = self._runner.repository.load_keyed(
            Reminder, relationship_id, REMINDER_OF, str(person), states=[ON.value]
        )
        return next((r for r in found if r.person == person), None)
