"""The check-in agenda, kept by the pipeline: items added and moved on in a move's own commit.

Every move of every workflow is committed by `Runner._commit`, which asks
`agenda_changes` what the move does to the agenda. A move into a state the object's
workflow declares for the check-in (`WorkflowSpec.agenda`) adds an `AgendaItem`; a move
out of one moves the object's waiting items on, found through the ``source`` index
(one indexed read, `Storage.load_keyed`). Both are saved in the same transaction as the
move, so the agenda never disagrees with its sources, whatever fails. A move that
touches no declared state reads nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from repairkit.core.agenda import SOURCE_KEY, AgendaItem, AgendaRules
from repairkit.core.agenda_table import AgendaState
from repairkit.core.events import DomainEvent
from repairkit.core.relationship import Relationship
from repairkit.core.settings import zone
from repairkit.core.values import SYSTEM
from repairkit.ports import Saved, StoredObject

if TYPE_CHECKING:
    from repairkit._pipeline import Runner

__all__ = ["agenda_changes"]

_WAITING = [AgendaState.WAITING.value]


def agenda_changes(
    runner: Runner,
    entity: StoredObject,
    event: DomainEvent,
    relationship: Relationship | None,
) -> tuple[tuple[Saved, ...], tuple[DomainEvent, ...]]:
    """Return the agenda items *event* adds or moves on, as saves and events to commit with it.

    *relationship* is the one *entity* belongs to, when the caller read it already.
    """
    workflows = runner.workflows
    if event.from_state == event.to_state or AgendaItem not in workflows.by_entity:
        return (), ()
    spec = workflows.spec_of(type(entity))
    declared = {state.value: about for state, about in spec.agenda.items()}
    if not declared or (event.from_state not in declared and event.to_state not in declared):
        return (), ()
    saves: list[Saved] = []
    events: list[DomainEvent] = []
    if event.from_state in declared:
        for item in runner.storage.load_keyed(
            AgendaItem, event.relationship_id, SOURCE_KEY, str(entity.id), states=_WAITING
        ):
            moved = item.make("move_on", actor=SYSTEM, at=event.at)
            events.append(attrs.evolve(moved, untold=True))  # told to nobody: the day only
            saves.append(Saved(item, item.version - 1))
    if event.to_state in declared:
        if relationship is None:
            relationship = runner.storage.load(Relationship, event.relationship_id)
        item, added = AgendaItem.for_source(
            relationship_id=relationship.id,
            partners=relationship.partners,
            workflow=spec.name,
            source=entity.id,
            state=event.to_state,
            about=declared[event.to_state],
            rules=relationship.settings.of(AgendaRules),
            at=event.at,
            zone=zone(relationship.settings.time_zone),
        )
        saves.append(Saved(item, 0))
        events.append(added)
    return tuple(saves), tuple(events)
