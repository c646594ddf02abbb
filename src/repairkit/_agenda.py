"""The check-in agenda, kept by the pipeline: items added and moved on in a move's own commit.

Every move of every workflow is committed by `Runner._commit`, which asks
`agenda_changes` what the move does to the agenda. A move into or out of a state the
object's workflow declares for the check-in (`WorkflowSpec.agenda`) is handed to the
registry's agenda keeper (`Registry.agenda_keeper`, declared by the agenda's own spec),
whose saves are committed in the same transaction as the move: the agenda never
disagrees with its sources, whatever fails. A move that takes an item up
(`WorkflowSpec.takes_up`: a check-in session's issue agreed) reads that item by its id
and moves it to "taken up", in the same commit; a move that carries something over
(`WorkflowSpec.carries_over`: an issue of one's own words carried over) adds it as a
topic. Any other move reads nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from repairkit.core.events import DomainEvent
from repairkit.core.relationship import Relationship
from repairkit.ports import Saved, StoredObject

if TYPE_CHECKING:
    from repairkit._pipeline import Runner

__all__ = ["agenda_changes"]


def agenda_changes(
    runner: Runner,
    entity: StoredObject,
    event: DomainEvent,
    relationship: Relationship | None,
) -> tuple[tuple[Saved, ...], tuple[DomainEvent, ...]]:
    """Return the agenda's saves and events for *event*, to commit with it.

    *relationship* is the one *entity* belongs to, when the caller read it already.
    """
    keeper = runner.workflows.agenda_keeper
    if keeper is None or event.from_state == event.to_state:
        return (), ()
    spec = runner.workflows.spec_of(type(entity))
    taken = None if spec.takes_up is None else spec.takes_up(entity, event)
    if taken is not None:
        saves, events = keeper.take_up(taken, event, load=runner.storage.load)
        return tuple(Saved(obj, version) for obj, version in saves), tuple(events)
    storage, rid = runner.storage, event.relationship_id

    def couple() -> Relationship:
        return relationship or storage.load(Relationship, rid)

    carried = None if spec.carries_over is None else spec.carries_over(entity, event)
    if carried is not None:
        saves, events = keeper.carry_over(*carried, event, relationship=couple)
        return tuple(Saved(obj, version) for obj, version in saves), tuple(events)
    declared = {state.value for state in spec.agenda}
    if event.from_state not in declared and event.to_state not in declared:
        return (), ()

    def waiting(kind: type[Any], key: str, value: str, states: Sequence[str]) -> list[Any]:
        return storage.load_keyed(kind, rid, key, value, states=states)

    saves, events = keeper.follow(spec, entity, event, waiting=waiting, relationship=couple)
    return tuple(Saved(obj, version) for obj, version in saves), tuple(events)
