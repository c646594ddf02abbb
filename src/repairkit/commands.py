"""The base of every workflow's command namespace (``kit.requests``, ...).

A namespace subclasses `WorkflowCommands`, names its entity type, and adds its
creating command and one line per move; the queries (`get`, `find`, `events`,
`moves`, `awaiting`) and visibility come from here, the same for every workflow.

Every read path (a command's result, `get`, `find`, `events`) shows an object as
its reader may see it now: ``obj.aged(reader, now).seen_by(reader)``, and its
events less those ``obj.aged_out(event, reader, now)`` (setbacks older than the
workflow's rolling window, seen only by the person they are about; see
`repairkit.core.entity`). *now* is the kit's clock.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

import attrs

from repairkit.core.entity import WorkflowObject
from repairkit.core.events import DomainEvent, seen_by
from repairkit.core.relationship import Relationship
from repairkit.core.values import PersonId, check_id, check_person_id
from repairkit.errors import InvalidInput, NotFound

if TYPE_CHECKING:
    from repairkit.kit import RepairKit

__all__ = ["Awaiting", "WorkflowCommands"]

T = TypeVar("T", bound=WorkflowObject)


@attrs.frozen(kw_only=True)
class Awaiting:
    """Something a person is asked to answer now (`RepairKit.awaiting`)."""

    kind: str
    """The workflow's kind name ("request", "timeout", "relationship")."""
    item: WorkflowObject
    """The object, as the person may see it."""
    moves: tuple[str, ...]
    """The moves open to the person on it now; a way to say no is always among them."""


class WorkflowCommands(Generic[T]):
    """Commands and queries of one workflow, reached as an attribute of `RepairKit`.

    Every command names its actor and returns the object as it now stands (a copy:
    changing it changes nothing stored).
    """

    entity: ClassVar[type[Any]]
    """The workflow's entity type; set by each subclass."""

    def __init__(self, kit: RepairKit) -> None:
        self._kit = kit

    # -- the pipeline, for subclasses ----------------------------------------------

    def _run(
        self, id: uuid.UUID, actor: PersonId, action: Callable[[T, datetime], DomainEvent]
    ) -> T:
        """Run one move on a stored object through the kit's pipeline."""
        obj: T = self._kit.execute(self.entity, id, actor, action)
        return self._as_seen(obj, actor)

    def _as_seen(self, obj: T, actor: PersonId, now: datetime | None = None) -> T:
        """Return *obj* as *actor* may see it now: setbacks aged out, private moves left out."""
        return obj.aged(actor, self._kit.now() if now is None else now).seen_by(actor)

    def _visible(self, id: uuid.UUID, actor: PersonId) -> T:
        """Load the stored object, or raise `NotFound` if *actor* may not see it."""
        actor = check_person_id(actor, "actor")
        noun = self.entity.WORKFLOW.name
        obj: T = self._kit.storage.load(self.entity, check_id(id, f"{noun}_id"))
        if not obj.visible_at(actor, self._kit.now()):  # alike for a missing id
            raise NotFound(noun, obj.id)
        return obj

    def _relationship_for(
        self, relationship_id: uuid.UUID, actor: PersonId, action: str
    ) -> Relationship:
        """Load the relationship and check that *actor* is one of its partners."""
        relationship = self._kit.storage.load(
            Relationship, check_id(relationship_id, "relationship_id")
        )
        relationship.check_partner(actor, action)
        relationship.check_active(action)
        return relationship

    # -- queries ---------------------------------------------------------------------

    def get(self, id: uuid.UUID, *, actor: PersonId) -> T:
        """Return the object, if *actor* may see it (its setbacks aged out as of now)."""
        return self._as_seen(self._visible(id, actor), actor)

    def find(
        self,
        relationship_id: uuid.UUID,
        *,
        actor: PersonId,
        states: Sequence[enum.StrEnum | str] | None = None,
    ) -> list[T]:
        """Return the relationship's objects of this workflow that *actor* may see, oldest first."""
        relationship = self._kit.relationship(relationship_id, actor=actor)
        found: list[T] = self._kit.storage.load_all(
            self.entity, relationship.id, states=None if states is None else self._states(states)
        )
        now = self._kit.now()
        seen = [self._as_seen(obj, actor, now) for obj in found if obj.visible_at(actor, now)]
        # Oldest first as the reader knows them: a draft proposed later is, to its
        # addressee, as old as its proposal, so the order tells nothing of drafting.
        if all(hasattr(obj, "created_at") for obj in seen):
            seen.sort(key=lambda obj: obj.created_at)  # type: ignore[attr-defined]
        return seen

    def moves(self, id: uuid.UUID, *, actor: PersonId) -> tuple[str, ...]:
        """Return the moves *actor* can make on the object right now, in table order.

        The table's moves for the roles *actor* plays, less those whose conditions do
        not hold now (`WorkflowObject.can_make`: no note awaits an answer, the answer
        to one's suggestion was a no a short while ago, ...). Moves that take input (a
        day, a text) are listed when some input fits. An outsider gets `NotFound`,
        exactly as for a missing id.
        """
        obj = self.get(id, actor=actor)
        return obj.moves_open_to(actor, self._kit.now())

    def awaiting(self, relationship_id: uuid.UUID, *, actor: PersonId) -> list[T]:
        """Return the objects in which *actor* is asked something now, oldest first.

        A request awaiting their answer, a suggestion to resume or to end, a note of a
        day awaiting their acknowledgement, ...: whatever `WorkflowObject.asked` names
        them in. `RepairKit.awaiting` gathers them over every workflow.
        """
        actor = check_person_id(actor, "actor")
        found = self.find(relationship_id, actor=actor)
        now = self._kit.now()
        return [obj for obj in found if actor in obj.asked_at(now)]

    def events(self, id: uuid.UUID, *, actor: PersonId) -> list[DomainEvent]:
        """Return the object's events that *actor* may see now, oldest first.

        Setbacks older than the workflow's rolling window are left out for everyone
        but the person they are about (their versions are kept).
        """
        obj = self._visible(id, actor)
        now = self._kit.now()
        return seen_by(
            self._kit.storage.events(obj.id),
            actor,
            aged_out=lambda event: obj.aged_out(event, actor, now),
        )

    def _states(self, states: Sequence[enum.StrEnum | str]) -> list[str]:
        workflow = self.entity.WORKFLOW
        known = {state.value for state in workflow.states}
        try:
            listed = None if isinstance(states, str) else list(states)
        except TypeError:
            listed = None
        if listed is None or not all(isinstance(s, str) and s in known for s in listed):
            raise InvalidInput(
                "states",
                f"needs a list of {workflow.name} states, from: {', '.join(sorted(known))}.",
            )
        return [str(s) for s in listed]
