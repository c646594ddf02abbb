"""How the agenda follows every workflow: the items a move adds, and those it moves on.

The registry hands the command pipeline this keeper (`WorkflowSpec.keeps_agenda`), and
the pipeline asks it, for a move into or out of a state its workflow declares for the
check-in (`WorkflowSpec.agenda`), what to save in the move's own commit: a new
`AgendaItem` for a state entered, and the object's waiting items moved on for a state
left (found through the ``source`` index, one indexed read). A move that takes an item
up (`WorkflowSpec.takes_up`) reads that one item by its id and moves it to "taken up";
one that carries an issue over (`WorkflowSpec.carries_over`) adds it as a topic.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from repairkit.agenda.model import SOURCE_KEY, AgendaItem
from repairkit.agenda.rules import AgendaRules
from repairkit.agenda.table import AgendaState
from repairkit.core import SYSTEM, DomainEvent, Relationship, WorkflowSpec, zone

__all__ = ["KEEPER", "AgendaKeeper"]

_WAITING = (AgendaState.WAITING.value,)


class AgendaKeeper:
    """Keeps the check-in agenda in step with the objects of every workflow."""

    entity = AgendaItem

    def follow(
        self,
        spec: WorkflowSpec[Any],
        source: Any,  # noqa: ANN401 - any workflow's object
        event: DomainEvent,
        *,
        waiting: Callable[[type[Any], str, str, Sequence[str]], list[Any]],
        relationship: Callable[[], Relationship],
    ) -> tuple[list[tuple[Any, int]], list[DomainEvent]]:
        """Return what *event*, a move of *source*, does to the agenda: saves and events.

        Each save is an object with the version storage must still hold (0: new).
        *waiting* reads one index (kind, key, value, states) of the relationship;
        *relationship* reads the relationship, only when an item is added.
        """
        declared = {state.value: about for state, about in spec.agenda.items()}
        saves: list[tuple[Any, int]] = []
        events: list[DomainEvent] = []
        if event.from_state == event.to_state:
            return saves, events
        if event.from_state in declared:
            for item in waiting(AgendaItem, SOURCE_KEY, str(source.id), _WAITING):
                moved = item.make("move_on", actor=SYSTEM, at=event.at)
                events.append(attrs.evolve(moved, untold=True))  # told to nobody: the day only
                saves.append((item, item.version - 1))
        if event.to_state in declared:
            couple = relationship()
            item, added = AgendaItem.for_source(
                relationship_id=couple.id,
                partners=couple.partners,
                workflow=spec.name,
                source=source.id,
                state=event.to_state,
                about=declared[event.to_state],
                rules=couple.settings.of(AgendaRules),
                at=event.at,
                zone=zone(couple.settings.time_zone),
            )
            saves.append((item, 0))
            events.append(added)
        return saves, events

    def take_up(
        self,
        item_id: uuid.UUID,
        event: DomainEvent,
        *,
        load: Callable[[type[Any], uuid.UUID], Any],
    ) -> tuple[list[tuple[Any, int]], list[DomainEvent]]:
        """Return what taking up *item_id* at *event* saves: the item, if it still waits.

        One read by id; an item that moved on, aged out or was withdrawn meanwhile stays
        as it is. Its event is told to nobody, like moving on.
        """
        item = load(AgendaItem, item_id)
        if item.state is not AgendaState.WAITING or item.relationship_id != event.relationship_id:
            return [], []
        taken = item.make("take_up", actor=SYSTEM, at=event.at)
        return [(item, item.version - 1)], [attrs.evolve(taken, untold=True)]

    def carry_over(
        self,
        author: str,
        words: str,
        event: DomainEvent,
        *,
        relationship: Callable[[], Relationship],
    ) -> tuple[list[tuple[Any, int]], list[DomainEvent]]:
        """Return *words* put back on the agenda as *author*'s topic, at *event*.

        Said in the room already, it is no new pressure: it is added past
        `AgendaRules.max_topics`, and shortened to `AgendaRules.max_topic_length` with an
        ellipsis when longer. Its event is told to nobody, like every agenda move.
        """
        couple = relationship()
        rules = couple.settings.of(AgendaRules)
        if len(words) > rules.max_topic_length:
            words = words[: rules.max_topic_length - 1].rstrip() + "\u2026"
        item, added = AgendaItem.topic(
            relationship_id=couple.id,
            partners=couple.partners,
            author=author,
            words=words,
            rules=rules,
            at=event.at,
            zone=zone(couple.settings.time_zone),
        )
        return [(item, 0)], [attrs.evolve(added, actor=SYSTEM, untold=True)]  # repairkit's move


KEEPER = AgendaKeeper()
"""The one keeper the agenda's spec declares."""
