"""The base of every workflow's command namespace (``kit.requests``, ...).

A namespace subclasses `WorkflowCommands`, names its entity type, and adds its
creating command and the moves that take arguments or checks of their own. A plain
move (its `Move` row names its event; no arguments besides the id and the actor)
needs no method: the namespace answers it with a generated command, documented by
the row's description and run through the same pipeline. The queries (`get`, `find`, `events`,
`moves`, `awaiting`) and visibility come from here, the same for every workflow.

What is open and what is allowed is one rule. The table and the object's own
conditions (`WorkflowObject.can_make`) say which moves are open on an object; a
move that also needs other stored objects (a wait after a no to the same words,
the relationship still active) declares that check once, in the namespace's
`preconditions`. `moves`, every command, the ``allowed`` of a refusal and
``kit.relationships.awaiting`` all read both, so a move is listed exactly when it
would be accepted.

A namespace gets a narrow `Runner`, not the kit: ``self._runner.execute`` and
``self._runner.add`` run the command pipeline (every check, one transaction, then
delivery), ``self._runner.repository`` only reads, and ``self._runner.now()``
tells the time. Nothing else of the kit, and no storage write, is in reach.

Every read path (a command's result, `get`, `find`, `events`) shows an object as
its reader may see it now: ``obj.aged(reader, now).seen_by(reader)``, and its
events less those ``obj.aged_out(event, reader, now)`` (setbacks older than the
workflow's rolling window, seen only by the person they are about; see
`repairkit.core.entity`). *now* is the kit's clock. The other partner's moves the
reader was not told of show their day only, in the couple's time zone: in the
events, and in every instant such a move set on an object (`Runner.as_told`).
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, ClassVar, Final, Generic, TypeVar

import attrs

from repairkit._lists import Page, asked_of, oldest_first
from repairkit._pipeline import Runner, shown
from repairkit.core.engine import REPAIRKIT, Move
from repairkit.core.entity import WorkflowObject
from repairkit.core.events import DomainEvent, seen_by
from repairkit.core.relationship import Relationship
from repairkit.core.values import PersonId, check_id, check_limit, check_person_id
from repairkit.errors import InvalidInput, NotAllowedNow, NotFound, NotPermitted

__all__ = ["FIND_LIMIT", "Awaiting", "Page", "Precondition", "WorkflowCommands"]

T = TypeVar("T", bound=WorkflowObject)

FIND_LIMIT: Final = 100
"""How many objects `WorkflowCommands.find` returns at most when no ``limit`` is given.

repairkit's default, the port's page size (`Storage.load_page`); pass ``limit`` (up to
`MAX_LIMIT`) for another.
"""

Precondition = Callable[[Any, Any, PersonId, datetime], None]
"""Checks a move against other stored objects: ``check(commands, obj, actor, now)``
raises `NotAllowedNow` (with a reason, and ``possible_from`` when only time stands
in the way) when the move is not allowed now, and returns None when it is."""


@attrs.frozen(kw_only=True)
class Awaiting:
    """Something a person is asked to answer now (``kit.relationships.awaiting``)."""

    kind: str
    """The workflow's kind name ("request", "timeout", "relationship")."""
    item: WorkflowObject
    """The object, as the person may see it."""
    moves: tuple[str, ...]
    """The moves open to the person on it now; a way to say no is always among them."""


class WorkflowCommands(Generic[T]):
    """Commands and queries of one workflow, reached as an attribute of `RepairKit`.

    Every command names its actor and returns the object as it now stands: a
    detached copy, on which a move raises `NotAllowedNow` (it would change nothing
    stored).
    """

    entity: ClassVar[type[Any]]
    """The workflow's entity type; set by each subclass."""

    preconditions: ClassVar[Mapping[str, Precondition]] = {}
    """The moves that need more than their object allows, each with its one check.

    Declared once, read everywhere: `moves` leaves a move out while its check fails,
    the move itself is refused by it (after the table's check of who and when), and
    every refusal names as ``allowed`` only the moves that pass theirs.
    """

    def __init__(self, runner: Runner) -> None:
        self._runner = runner

    # -- the plain moves, generated from the table ----------------------------------

    def __getattr__(self, name: str) -> Callable[..., T]:
        """Return the generated command of the plain move *name*: ``(id, *, actor) -> T``.

        A plain move is a trigger of the table whose row names its event and that a
        person may make; its command runs `_run` with `WorkflowObject.make`, as a
        hand-written one-line command would (`preconditions` and all), and its
        docstring is the row's description. A method of the class always wins.

        Raises:
            AttributeError: *name* is no plain move of the table.
        """
        move = _plain_moves(type(self)).get(name)
        if move is None:
            msg = f"{type(self).__name__!r} object has no attribute {name!r}"
            raise AttributeError(msg, name=name, obj=self)

        def command(id: uuid.UUID, *, actor: PersonId) -> T:
            return self._run(id, actor, lambda obj, now: obj.make(name, actor=actor, at=now), name)

        command.__name__ = command.__qualname__ = name
        command.__doc__ = move.description
        return command

    @classmethod
    def move_commands(cls) -> tuple[str, ...]:
        """Return the table's moves this namespace has a command for, in table order.

        Its own methods and the generated commands of its plain moves alike (what the
        contract and safety suites try on every object).
        """
        plain = _plain_moves(cls)
        triggers = (m.trigger for m in cls.entity.WORKFLOW.moves)
        return tuple(dict.fromkeys(t for t in triggers if t in plain or hasattr(cls, t)))

    def __dir__(self) -> list[str]:
        """List the generated commands of the plain moves with the rest."""
        return sorted({*super().__dir__(), *_plain_moves(type(self))})

    # -- the pipeline, for subclasses ----------------------------------------------

    def _run(
        self,
        id: uuid.UUID,
        actor: PersonId,
        action: Callable[[T, datetime], DomainEvent],
        move: str | None = None,
    ) -> T:
        """Run one move on a stored object through the pipeline; return it as *actor* sees it.

        *move* names the move *action* makes, when it has `preconditions` to check.
        A refusal names the moves open to *actor* now, preconditions included.
        """

        def checked(obj: T, now: datetime) -> DomainEvent:
            version = obj.version
            try:
                if move is not None and move in self.preconditions:
                    obj.WORKFLOW.check(obj, move, actor)  # who and when, first
                    self.preconditions[move](self, obj, actor, now)
                return action(obj, now)
            except (NotAllowedNow, NotPermitted) as refusal:
                if obj.version != version:  # pragma: no cover - a move refuses before it fires
                    raise
                raise refusal.with_allowed(self._open_moves(obj, actor, now)) from None

        obj: T = self._runner.execute(self.entity, id, actor, checked)
        return self._as_seen(obj, actor)

    def _make(self, id: uuid.UUID, actor: PersonId, move: str, **arguments: object) -> T:
        """Make the entity's *move* as *actor*, with *arguments*: the usual one-line command."""
        return self._run(
            id,
            actor,
            lambda obj, now: getattr(obj, move)(actor=actor, at=now, **arguments),
            move,
        )

    def _open_moves(self, obj: T, actor: PersonId, now: datetime) -> tuple[str, ...]:
        """Return the moves *actor* can make on *obj* at *now*, preconditions included."""
        return tuple(
            move for move in obj.moves_open_to(actor, now) if self._holds(move, obj, actor, now)
        )

    def _holds(self, move: str, obj: T, actor: PersonId, now: datetime) -> bool:
        check = self.preconditions.get(move)
        if check is None:
            return True
        try:
            check(self, obj, actor, now)
        except NotAllowedNow:
            return False
        return True

    def _add(self, obj: T, event: DomainEvent, *, answer: bool = False) -> T:
        """Store a new object with the event that made it; return it, detached.

        *answer*: made in answer to what its maker was asked, no new item (`Runner.add`).
        """
        self._runner.add(obj, event, answer=answer)
        return shown(obj)

    def _as_seen(self, obj: T, actor: PersonId, now: datetime | None = None) -> T:
        """Return *obj* as *actor* may see it now: setbacks aged out, private moves left out.

        What the other partner's moves *actor* was not told of set shows its day only
        (`Runner.as_told`), in a command's result too: a move of one's own does not make
        the other's earlier untold move (a time-out's call) one they were told of.
        """
        seen = obj.aged(actor, self._runner.now() if now is None else now).seen_by(actor)
        return shown(self._runner.as_told(seen, actor, version=obj.version))

    def _listed(self, obj: T, actor: PersonId, now: datetime) -> bool:
        """Return whether *actor* may read *obj* at *now* (`WorkflowObject.visible_at`).

        Every read path asks it; a workflow whose objects follow others' visibility
        (an agenda item, its source's) adds to it.
        """
        return obj.visible_at(actor, now)

    def _paged(self, obj: T, actor: PersonId) -> bool:
        """Return whether `find` lists *obj* to *actor* (who may see it), in its pages.

        Every object *actor* may see, unless a workflow reads some of them otherwise:
        pages follow the order objects were stored in, which must not tell a reader
        when someone else wrote or shared what shows to them by its day only.
        """
        del obj, actor
        return True

    def _visible(self, id: uuid.UUID, actor: PersonId) -> T:
        """Load the stored object, or raise `NotFound` if *actor* may not see it."""
        actor = check_person_id(actor, "actor")
        name, noun = self.entity.WORKFLOW.name, self.entity.WORKFLOW.noun
        try:
            obj: T = self._runner.repository.load(self.entity, check_id(id, f"{name}_id"))
        except NotFound as missing:
            raise NotFound(name, missing.id, noun=noun) from None
        if not self._listed(obj, actor, self._runner.now()):  # alike for a missing id
            raise NotFound(name, obj.id, noun=noun)
        return obj

    def _relationship_for(
        self, relationship_id: uuid.UUID, actor: PersonId, action: str
    ) -> Relationship:
        """Load the relationship and check that *actor* is one of its partners."""
        relationship = self._runner.repository.load(
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
        after: uuid.UUID | None = None,
        limit: int = FIND_LIMIT,
    ) -> Page[T]:
        """Return one page of the relationship's objects of this workflow that *actor* may see.

        Up to *limit* objects (`FIND_LIMIT` unless given; from 0 to `MAX_LIMIT`),
        optionally only those in *states*, read a page at a time from storage
        (`Storage.load_page`), so a call costs the same however long the history.
        Pages follow the order the objects were made in; within a page they are oldest
        first as *actor* knows them (a draft proposed later is, to its addressee, as
        old as its proposal). A full page's `Page.cursor` is passed as *after* to get
        the next one; it is None on the last page (a full last page may be followed by
        an empty one). A workflow may read some objects otherwise (the log's and the
        micro-responses' of the other partner, by week), and says so.

        Raises:
            InvalidInput: *limit* is no whole number from 0 to `MAX_LIMIT`, *after*
                is no id or one these pages leave out, or *states* is no list of this
                workflow's states.
            NotFound: *after* names no object of this workflow and relationship that
                *actor* may see (alike for one that does not exist).
        """
        relationship = self._runner.relationship(relationship_id, actor=actor)
        limit = check_limit(limit)
        wanted = None if states is None else self._states(states)
        if after is not None:
            after = self._cursor(check_id(after, "after"), relationship.id, actor)
        now = self._runner.now()
        found: list[T] = []
        read = after
        while len(found) < limit:
            asked = limit - len(found)
            batch: list[T] = self._runner.repository.load_page(
                self.entity, relationship.id, states=wanted, after=read, limit=asked
            )
            found.extend(
                obj for obj in batch if self._listed(obj, actor, now) and self._paged(obj, actor)
            )
            if len(batch) < asked:
                break
            read = batch[-1].id
        # A full page ends on an object *actor* may see: the next page reads after it.
        cursor = found[-1].id if found and len(found) == limit else None
        seen = [self._as_seen(obj, actor, now) for obj in found]
        return Page(oldest_first(seen, found), cursor=cursor)

    def _cursor(self, after: uuid.UUID, relationship_id: uuid.UUID, actor: PersonId) -> uuid.UUID:
        """Return *after*, if it is an object of this relationship that *actor* may see.

        Else `NotFound`, alike for a missing id: a cursor tells nothing of the other's
        drafts. One that aged out of sight since its page was read is still a cursor.
        """
        name, noun = self.entity.WORKFLOW.name, self.entity.WORKFLOW.noun
        try:
            obj = self._runner.repository.load(self.entity, after)
        except NotFound:
            raise NotFound(name, after, noun=noun) from None
        if obj.relationship_id != relationship_id or not obj.visible_to(actor):
            raise NotFound(name, after, noun=noun)
        if not self._paged(obj, actor):  # no cursor of what the pages leave out
            raise InvalidInput("after", "needs the id of a {noun} this list showed.", noun=noun)
        return after

    def moves(self, id: uuid.UUID, *, actor: PersonId) -> tuple[str, ...]:
        """Return the moves *actor* can make on the object right now, in table order.

        The table's moves for the roles *actor* plays, less those whose conditions do
        not hold now (`WorkflowObject.can_make`: no note awaits an answer, the answer
        to one's suggestion was a no a short while ago, ...) and those whose
        `preconditions` fail. A move listed here is accepted from *actor* now; one
        left out is refused. Moves that take input (a day, a text) are listed when
        some input fits. An outsider gets `NotFound`, exactly as for a missing id.
        """
        obj = self._visible(id, actor)
        return self._open_moves(obj, actor, self._runner.now())

    def awaiting(self, relationship_id: uuid.UUID, *, actor: PersonId) -> list[T]:
        """Return the objects in which *actor* is asked something now, oldest first.

        A request awaiting their answer, a suggestion to resume or to end, a note of a
        day awaiting their acknowledgement, ...: whatever `WorkflowObject.asked_at` names
        them in. Read from the ``("asked", actor)`` index (`Storage.load_keyed`), not by
        loading every object: its cost follows what is open, not the history.
        ``kit.relationships.awaiting`` gathers them over every workflow.
        """
        relationship = self._runner.relationship(relationship_id, actor=actor)
        now = self._runner.now()
        stored = [
            obj
            for obj in asked_of(self._runner, self.entity, relationship.id, actor)
            if self._listed(obj, actor, now)
        ]
        seen = [self._as_seen(obj, actor, now) for obj in stored]
        return [obj for obj in oldest_first(seen, stored) if actor in obj.asked_at(now)]

    def events(self, id: uuid.UUID, *, actor: PersonId) -> list[DomainEvent]:
        """Return the object's events that *actor* may see now, oldest first.

        Setbacks older than the workflow's rolling window are left out for everyone
        but the person they are about (their versions are kept). A move of the other
        partner that *actor* was not told about shows its time to the day only, in the
        couple's time zone (no activity signals); moves addressed to *actor* keep theirs.
        """
        obj = self._visible(id, actor)
        now = self._runner.now()
        return seen_by(
            self._runner.repository.events(obj.id),
            actor,
            aged_out=lambda event: obj.aged_out(event, actor, now),
            told=self._runner.told(actor),
            zone=self._runner.zone_of(obj.relationship_id),
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
                "needs a list of {workflow} states, from: {known}.",
                workflow=workflow.name,
                known=", ".join(sorted(known)),
            )
        return [str(s) for s in listed]


def _plain_moves(commands: type[WorkflowCommands[Any]]) -> Mapping[str, Move]:
    """Return the plain moves of *commands*' table that no method of the class makes."""
    entity = getattr(commands, "entity", None)
    if entity is None:
        return {}
    plain: dict[str, Move] = {}
    for move in entity.WORKFLOW.moves:
        if move.event is None or move.who is REPAIRKIT or hasattr(commands, move.trigger):
            continue
        plain.setdefault(move.trigger, move)
    return plain
