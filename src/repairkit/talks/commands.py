"""The Talk workflow's commands, reached as ``kit.talks``."""

from __future__ import annotations

import uuid
from datetime import datetime

from repairkit.commands import WorkflowCommands
from repairkit.core.values import PersonId, check_id, check_person_id
from repairkit.errors import InvalidInput
from repairkit.talks.model import Talk, topic_rests_until
from repairkit.talks.rules import TalkRules

__all__ = ["TalkCommands"]


class TalkCommands(WorkflowCommands[Talk]):
    """Timed heated talks: a discussion timer that advises a time-out, and an optional moratorium.

    Reach it as ``kit.talks``. ``end`` and ``set_aside`` are plain moves: the namespace
    answers them from the table (``kit.talks.end(talk_id, actor=...)``). The limit and
    the closing time are durable timers: `kit.timers.run_due` tells both that a time-out
    might help at the limit, and closes a talk nobody closed at
    `TalkRules.close_after_hours`.
    """

    entity = Talk

    def start(
        self,
        relationship_id: uuid.UUID,
        *,
        actor: PersonId,
        limit_minutes: int | None = None,
        about: uuid.UUID | None = None,
    ) -> Talk:
        """Start timing a heated talk (either partner); the limit is the rules' by default.

        *about* names an earlier talk of the relationship on the same topic. While a
        talk on that topic is open, or while the topic rests after one (the optional
        `TalkRules.moratorium_hours`), the new talk is refused with `NotAllowedNow`,
        for either partner alike, saying from when it can start.
        """
        actor = check_person_id(actor, "actor")
        relationship = self._relationship_for(relationship_id, actor, "start a timed talk")
        earlier = None
        on_topic: list[Talk] = []
        if about is not None:
            earlier = self.get(check_id(about, "about"), actor=actor)
            if earlier.relationship_id != relationship.id:
                raise InvalidInput("about", "names a talk of another relationship.")
            on_topic = self._on_topic(earlier)
        talk, event = Talk.start(
            relationship_id=relationship.id,
            started_by=actor,
            other=relationship.other_partner(actor),
            rules=relationship.settings.of(TalkRules),
            at=self._runner.now(),
            limit_minutes=limit_minutes,
            about=earlier,
            on_topic=on_topic,
        )
        return self._add(talk, event)

    def rests_until(self, talk_id: uuid.UUID, *, actor: PersonId) -> datetime | None:
        """Return until when the talk's topic rests (the moratorium), or None if it is free.

        For an app that shows when a new talk ``about`` it can start; the same for both.
        """
        talk = self.get(talk_id, actor=actor)
        return topic_rests_until(self._on_topic(talk), self._runner.now())

    def _on_topic(self, talk: Talk) -> list[Talk]:
        """The relationship's talks on *talk*'s topic, *talk* included."""
        stored = self._runner.repository.load_keyed(
            Talk, talk.relationship_id, "topic", str(talk.topic)
        )
        return [t for t in stored if t.topic == talk.topic]
