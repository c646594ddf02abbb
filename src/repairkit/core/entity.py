"""The base of every stored workflow object: who is who, and the per-move boilerplate.

A workflow's entity is a plain mutable attrs class that also subclasses
`WorkflowObject` and names its table in ``WORKFLOW``. The base gives it what
the engine, the storages and the kit need (visibility, roles, the audience of
an event, nothing due by default) and the steps every move takes: check the
instant and the actor, fire the table, bump the version, build the event. A
move then reads::

    def withdraw(self, *, actor, at):
        return self._move("withdraw", actor, at, Withdrawn)

or, when it checks input or changes fields, ``at = self._begin(...)``, the
checks, ``before = self._fire(...)``, the changes, ``return self._event(...)``.
A plain move whose `Move` row names its event needs no method at all:
``obj.make("withdraw", actor=..., at=...)``; and the table's `Timer` rows give
the object its ``deadlines`` and ``on_due``.

Setbacks age out (safety rule 10). A workflow that records setbacks of one
person's (a day not kept, a noted boundary crossing) declares how they age, in
two hooks every read path of `WorkflowCommands` applies with the kit's clock:

- ``aged(person, now)`` returns the object as *person* may see it at *now*: a
  copy without the setbacks older than the workflow's rolling window, unless
  *person* is the one they are about (by default: the object as it is);
- ``aged_out(event, person, now)`` says whether one of its events (an event type
  with ``AGES_OUT = True``) has aged out for *person* at *now*; `get`, `find`,
  every command's result, `events` and `kit.relationships.events` then leave it
  out (by default: never).

The person a setback is about keeps seeing their own record; the other partner
sees only what lies inside the window ending now. Notifications already sent
stay sent.
"""

from __future__ import annotations

import enum
import uuid
import weakref
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, ClassVar, Self, TypeVar

from repairkit.core.engine import EITHER_PARTNER, REPAIRKIT, Role, Workflow
from repairkit.core.events import DomainEvent
from repairkit.core.suggestions import REASK_WAIT_HOURS, HeardNo, heard, waits_until, when
from repairkit.core.timers import Deadline
from repairkit.core.values import SYSTEM, PersonId, check_instant, new_id
from repairkit.errors import NotAllowedNow, NotPermitted

__all__ = ["WorkflowObject", "detach", "is_detached"]

Ev = TypeVar("Ev", bound=DomainEvent)

_DETACHED: weakref.WeakValueDictionary[int, WorkflowObject] = weakref.WeakValueDictionary()
"""The copies commands returned, by ``id()``: weakly held, so they go when the app drops them."""


def detach(obj: WorkflowObject) -> None:
    """Mark *obj* as a copy a command returned: a move made on it raises `NotAllowedNow`.

    A move changes only the object it is made on; made on a returned copy, it would
    change nothing stored, silently. Moves go through the kit's commands instead.
    """
    _DETACHED[id(obj)] = obj


def is_detached(obj: WorkflowObject) -> bool:
    """Return whether *obj* is a copy a command returned (see `detach`)."""
    return _DETACHED.get(id(obj)) is obj


class WorkflowObject:
    """Mixin for workflow entities (attrs classes with ``id``, ``state`` and ``version``)."""

    __slots__ = ()

    WORKFLOW: ClassVar[Workflow]
    """The entity's transition table."""

    id: uuid.UUID
    relationship_id: uuid.UUID
    state: Any
    """The entity's state: a member of its workflow's states enum."""
    version: int
    changed_at: datetime | None
    """When the last move was made; a later move is never recorded before it."""
    heard_no: tuple[HeardNo, ...]
    """Recent nos to suggestions (`repairkit.core.suggestions`); an entity whose table
    marks a move as ``answers=`` declares this field (default ``()``)."""

    # -- who is who (override what differs) ------------------------------------------

    @property
    def participants(self) -> tuple[PersonId, ...]:
        """Everyone who takes part; override."""
        raise NotImplementedError

    @property
    def private_to(self) -> PersonId | None:
        """The one person who may see the object for now (a draft's author), or None."""
        return None

    def visible_to(self, person: PersonId) -> bool:
        """Return whether *person* may see the object."""
        private = self.private_to
        return person == private if private is not None else person in self.participants

    def visible_at(self, person: PersonId, now: datetime) -> bool:
        """Return whether *person* may read the object at *now* (by default: `visible_to`).

        A workflow whose records age out of sight (a crossing past its window, which
        only the partner it is about still reads) says so here, so that every read path
        hides it at once, before `kit.timers.run_due` settles it.
        """
        del now
        return self.visible_to(person)

    def seen_by(self, person: PersonId) -> Self:
        """Return the object as *person* may see it (by default: as it is).

        A workflow whose objects hold something private to one person (what a draft
        went through, one's own quiet hours) returns a copy without it, its version
        and times as if the private moves never happened; the stored object is left
        as it is.
        """
        del person
        return self

    def aged(self, person: PersonId, now: datetime) -> Self:
        """Return the object as *person* may see it at *now*, its setbacks aged out.

        A workflow that records setbacks (rule 10) returns a copy without those older
        than its rolling window, unless *person* is the one they are about; the stored
        object is left as it is. By default: the object as it is.
        """
        del person, now
        return self

    def aged_out(self, event: DomainEvent, person: PersonId, now: datetime) -> bool:
        """Return whether *event* records a setback that has aged out for *person* at *now*.

        Asked only of events whose type sets ``AGES_OUT``; by default never.
        """
        del event, person, now
        return False

    def version_seen_by(self, person: PersonId) -> int:
        """Return the version *person* knows the object at: ``seen_by(person).version``.

        Every command reads it (a conflict is reported in the reader's numbers), so a
        workflow whose `seen_by` copies the object may answer it without the copy.
        """
        return self.seen_by(person).version

    def roles_of(self, actor: PersonId) -> frozenset[Role]:
        """Return the roles *actor* plays (by default: either partner, if they may see it)."""
        if actor == SYSTEM:
            return frozenset({REPAIRKIT})
        return frozenset({EITHER_PARTNER}) if self.visible_to(actor) else frozenset()

    def asked(self) -> tuple[PersonId, ...]:
        """Return who is being asked something now, and so must be able to say no."""
        return ()

    def asked_at(self, at: datetime) -> tuple[PersonId, ...]:
        """Return who is asked something at *at* (`asked`, less asks that lapsed by then).

        By default `asked`; a workflow whose asks lapse with time (a note of a day
        outside the rolling window) overrides it. `kit.relationships.awaiting` reads it.
        It names only people `asked` names: storage indexes an object under
        ``("asked", person)`` from `asked` at save time, and `awaiting` reads that index
        first (`WorkflowContract` checks it over random histories).
        """
        del at
        return self.asked()

    def audience(self, event: DomainEvent) -> tuple[PersonId, ...]:
        """Return who should hear of *event*: every participant who may see it but the actor."""
        return tuple(p for p in self.participants if p != event.actor and self.visible_to(p))

    # -- what a person can do now ------------------------------------------------------

    def moves_open_to(self, actor: PersonId, at: datetime) -> tuple[str, ...]:
        """Return the moves *actor* can make at *at*, in table order.

        The table's moves for their roles, less those whose conditions do not hold
        (`can_make`).
        """
        return tuple(
            trigger
            for trigger in self.WORKFLOW.moves_for(self.state, self.roles_of(actor))
            if self.can_make(trigger, actor, at)
        )

    def can_make(self, trigger: str, actor: PersonId, at: datetime) -> bool:
        """Return whether the object's own conditions let *actor* make *trigger* at *at*.

        The table already allows it for *actor*'s roles. By default: some row's guard
        holds, and no wait after a no holds the suggestion back. A workflow overrides
        it (calling this one) to drop moves whose preconditions fail, such as answering
        a note when none is pending. Moves that need input are kept if some input fits.
        """
        if not self.WORKFLOW.guards_hold(self, trigger, at):
            return False
        return self.suggestion_waits_until(trigger, actor, at) is None

    # -- pressure has limits (safety rule 6) ----------------------------------------

    @property
    def reask_wait(self) -> timedelta:
        """How long the partner who heard a no waits to make the same suggestion.

        By default the ``reask_wait_hours`` of the object's ``rules``, if it has any,
        else 24 hours (repairkit's own default); override to read it elsewhere.
        """
        hours = getattr(getattr(self, "rules", None), "reask_wait_hours", REASK_WAIT_HOURS)
        return timedelta(hours=hours)

    def suggested_by(self, suggestion: str) -> PersonId | None:
        """Return who made *suggestion* that now awaits an answer, or None (override).

        A workflow whose table marks a no with ``answers=`` names here who made the
        suggestion, so that the no holds back that partner only (and not, say, a
        partner who takes back their own suggestion by the same move).
        """
        del suggestion
        return None

    def suggestion_waits_until(
        self, trigger: str, actor: PersonId, at: datetime
    ) -> datetime | None:
        """Return when *actor* may make the suggestion *trigger* after a no, or None if now."""
        if trigger not in self.WORKFLOW.suggestions:
            return None
        return waits_until(self.heard_no, trigger, actor, at, self.reask_wait)

    # -- time -------------------------------------------------------------------------

    @property
    def deadlines(self) -> tuple[Deadline, ...]:
        """The moments at which time moves the object by itself, from its table's `Timer` rows.

        A row gives a deadline while the move it fires is open from the object's state
        and its instant is set.
        """
        workflow = self.WORKFLOW
        if not workflow.timers:
            return ()
        open_now = workflow.allowed(self.state)
        return tuple(
            Deadline(timer.name, at)
            for timer in workflow.timers
            if timer.fires in open_now and (at := getattr(self, timer.at)) is not None
        )

    @property
    def due_at(self) -> datetime | None:
        """When time next moves the object by itself (`on_due`): its earliest deadline."""
        return min((d.at for d in self.deadlines), default=None)

    def on_due(self, at: datetime) -> DomainEvent | None:
        """Make the first `Timer` row's move that the table allows at *at*; None if none.

        `kit.timers.run_due` passes the deadline's own time (or now, if that is earlier),
        so a timer missed while the app was down is recorded when it fell due. A move
        whose `Move` row names its event is made plainly (`make`); otherwise the
        entity's method of the move's name makes it (``method(actor=SYSTEM, at=at)``).
        """
        workflow = self.WORKFLOW
        for timer in workflow.timers:
            if workflow.guards_hold(self, timer.fires, at):  # its time guard among them
                if workflow.event_of(timer.fires) is not None:
                    return self.make(timer.fires, actor=SYSTEM, at=at)
                method: Callable[..., DomainEvent] = getattr(self, timer.fires)
                return method(actor=SYSTEM, at=at)
        return None

    @property
    def is_finished(self) -> bool:
        """Return whether the object reached a state no move leaves."""
        return self.WORKFLOW.is_terminal(self.state)

    # -- the steps of a move ---------------------------------------------------------

    def _begin(self, trigger: str, actor: PersonId, at: datetime) -> datetime:
        """Check the instant and that *actor* may make *trigger* now; return *at* in UTC.

        A refusal names the moves open to *actor* now (`moves_open_to`); a suggestion
        that heard a no waits out `reask_wait` (safety rule 6).
        """
        self._check_attached(trigger)
        at = self._not_before_last(check_instant(at, "at"))
        try:
            self.WORKFLOW.check(self, trigger, actor)
        except (NotAllowedNow, NotPermitted) as refusal:
            raise refusal.with_allowed(self.moves_open_to(actor, at)) from None
        if trigger in self.WORKFLOW.suggestions:
            until = self.suggestion_waits_until(trigger, actor, at)
            if until is not None:
                raise NotAllowedNow(
                    kind=self.WORKFLOW.name,
                    action=trigger,
                    state=self.state.value,
                    allowed=self.moves_open_to(actor, at),
                    reason="The answer to this suggestion was a no a short while ago;"
                    " it can be made from {when}.",
                    params={"when": when(until)},
                    possible_from=until,
                )
        return at

    def _check_attached(self, trigger: str) -> None:
        """Refuse a move on a copy a command returned: it would change nothing stored."""
        if is_detached(self):
            noun = self.WORKFLOW.name
            raise NotAllowedNow(
                kind=noun,
                action=trigger,
                state=self.state.value,
                allowed=(),
                reason="This {noun} is a copy a command returned; a move made on it would"
                " change nothing stored. Make the move through the kit instead"
                " ({trigger} on the kit's {noun} commands).",
                params={"noun": noun, "trigger": trigger},
            )

    def _not_before_last(self, at: datetime) -> datetime:
        """Return *at*, or the time of the last move if *at* is earlier (a clock stepped back).

        Time within one object never runs backwards: a move under a clock that stepped
        back is recorded at the time of the move before it.
        """
        last = self.changed_at
        return last if last is not None and at < last else at

    def _fire(self, trigger: str, at: datetime) -> enum.StrEnum:
        """Fire *trigger* on the table, bump the version and return the state before."""
        before: enum.StrEnum = self.state
        self.WORKFLOW.fire(self, trigger, at)
        self.version += 1  # type: ignore[misc]  # a field of the attrs subclass
        return before

    def _event(
        self,
        cls: type[Ev],
        actor: PersonId,
        at: datetime,
        before: enum.StrEnum | None,
        **data: Any,  # noqa: ANN401 - each event type has its own fields
    ) -> Ev:
        """Return the event recording the move just made (*before* is None on creation)."""
        self.changed_at = at  # type: ignore[misc]  # a field of the attrs subclass
        return cls(
            id=new_id(),
            subject_id=self.id,
            relationship_id=self.relationship_id,
            actor=actor,
            at=at,
            from_state=None if before is None else before.value,
            to_state=self.state.value,
            version=self.version,
            private_to=self.private_to,
            **data,
        )

    def make(self, trigger: str, *, actor: PersonId, at: datetime) -> DomainEvent:
        """Make the plain move *trigger*, whose `Move` row names its event, and return it.

        No method of the model's own is needed: the steps are `_move`'s, and the
        event records what `event_data` adds. A move the model makes itself (it
        checks input or changes fields) names no event and is refused here.
        """
        cls = self.WORKFLOW.event_of(trigger)
        if cls is None:
            msg = f"{self.WORKFLOW.name}: {trigger!r} names no event in its table."
            raise ValueError(msg)
        return self._move(trigger, actor, at, cls)

    def event_data(self, trigger: str, at: datetime) -> dict[str, Any]:
        """Return the fields the event of *trigger*, made at *at*, records besides the usual.

        Asked by every plain move (`make`, `_move`) once it is allowed; none by default.
        """
        del trigger, at
        return {}

    def _move(
        self,
        trigger: str,
        actor: PersonId,
        at: datetime,
        cls: type[Ev],
        **data: Any,  # noqa: ANN401 - each event type has its own fields
    ) -> Ev:
        """Make a move that needs no checks of its own: begin, fire, and record it.

        A move that says no to a suggestion (``answers=`` in the table) records the no,
        so the partner who suggested it waits out `reask_wait`.
        """
        at = self._begin(trigger, actor, at)
        answered = self.WORKFLOW.answers(trigger)
        by = None if answered is None else self.suggested_by(answered)
        before = self._fire(trigger, at)
        if answered is not None and by is not None and by != actor:
            no = HeardNo(suggestion=answered, by=by, at=at)
            self.heard_no = heard(self.heard_no, no)  # type: ignore[misc]
        return self._event(cls, actor, at, before, **self.event_data(trigger, at), **data)
