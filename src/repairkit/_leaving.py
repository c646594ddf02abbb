"""Leaving, for the kit: every open object of every workflow closes, then the relationship ends.

`kit.relationships.leave` calls `close_everything` before it ends the relationship;
`kit.timers.run_due` calls `close_by_leaving` on an object whose relationship ended
with it still open (a relationship that ended before repairkit closed everything).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, Final

from repairkit.core.events import DomainEvent
from repairkit.core.relationship import Relationship
from repairkit.core.spec import WorkflowSpec
from repairkit.core.values import SYSTEM, PersonId

if TYPE_CHECKING:
    from repairkit._pipeline import Runner

__all__ = ["close_by_leaving", "close_everything"]

LEAVE_PAGE: Final = 100
"""How many open objects `leave` reads from storage at a time (repairkit's own choice)."""


def close_everything(runner: Runner, relationship_id: uuid.UUID, actor: PersonId) -> None:
    """Close every open object of every workflow of the relationship, for both partners.

    A workflow that declares its neutral end (`SafetySpec.on_leaving`) has each open
    object closed by repairkit, telling nobody; for one that does not, *actor* makes
    the first of their own exits open to them, while one is (`SafetySpec.exits`).
    Only objects in a state some move leaves are read (`Storage.load_page` by state).
    """
    for spec in runner.workflows:
        if spec.safety is None or spec.entity is Relationship:
            continue
        for obj in _open_objects(runner, spec, relationship_id):
            if spec.safety.on_leaving is not None:
                close_by_leaving(runner, spec, obj, runner.now())
            else:
                _take_exits(runner, spec, obj, actor)


def close_by_leaving(
    runner: Runner,
    spec: WorkflowSpec[Any],
    obj: Any,  # noqa: ANN401 - any workflow's object
    at: datetime,
) -> DomainEvent | None:
    """Close *obj* by leaving, as repairkit, if *spec* declares how; return the event, if any."""
    move = None if spec.safety is None else spec.safety.on_leaving
    if move is None or obj.is_finished:
        return None
    event = _making(move, SYSTEM)(obj, at)
    runner.record(obj, event)
    return event


def _take_exits(runner: Runner, spec: WorkflowSpec[Any], obj: Any, actor: PersonId) -> None:  # noqa: ANN401 - any workflow's object
    """Make *actor*'s own exits on *obj* while one is open (an exit may only suspend)."""
    assert spec.safety is not None  # noqa: S101 - callers check
    for _ in spec.workflow.states:  # each state is passed at most once
        if obj.is_finished:
            return
        moves = spec.workflow.moves_for(obj.state, obj.roles_of(actor))
        exits = [m for m in moves if m in spec.safety.exits]
        if not exits:
            return
        obj = runner.execute(spec.entity, obj.id, actor, _making(exits[0], actor))


def _open_objects(runner: Runner, spec: WorkflowSpec[Any], relationship_id: uuid.UUID) -> list[Any]:
    """Return the relationship's objects of *spec* not finished yet, oldest first.

    Read by state, a page at a time (`Storage.load_page` with the states some move
    leaves), all before any of them is moved.
    """
    states = [s.value for s in spec.workflow.states if not spec.workflow.is_terminal(s)]
    found: list[Any] = []
    after: uuid.UUID | None = None
    while states:
        page = runner.repository.load_page(
            spec.entity, relationship_id, states=states, after=after, limit=LEAVE_PAGE
        )
        found.extend(page)
        if len(page) < LEAVE_PAGE:
            break
        after = page[-1].id
    return found


def _making(move: str, actor: PersonId) -> Callable[[Any, datetime], DomainEvent]:
    """Return the action that makes *move* as *actor* on the object it is given."""

    def action(obj: Any, now: datetime) -> DomainEvent:  # noqa: ANN401 - any workflow's object
        if obj.WORKFLOW.event_of(move) is not None:  # a plain move: the table makes it
            made: DomainEvent = obj.make(move, actor=actor, at=now)
            return made
        event: DomainEvent = getattr(obj, move)(actor=actor, at=now)
        return event

    return action
