"""The narrow runner every namespace gets: the command pipeline and a read-only repository.

Every command runs the same way: load, check the actor and the rule, apply, then
save the new state, the domain event and the outgoing notifications in ONE
storage transaction, and only then deliver the notifications. A namespace
reaches storage only through `Runner.execute` and `Runner.add` (which run that
pipeline) and `Runner.repository` (which only reads): nothing it does bypasses
the checks.

No command runs in a relationship that is not active (an invitation not accepted yet,
or a relationship a partner left): `Runner.execute` and `Runner.add` refuse it with
`NotAllowedNow` here, once, for every workflow. The relationship's own moves (accepting
an invitation, leaving) are governed by its table.

Objects a command returns are *detached* copies: a move made on one directly
raises `NotAllowedNow` instead of changing a copy nobody saves.

Consent applies at the moment of reading (safety rule 5): every object read here
(a command's, a list's, a timer's) is given its relationship's rules and time zone
in force now (`in_force`), never a copy from when it was made. What a proposal was
agreed on (its terms, its time box, a talk's limit) stays the object's own.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo
from typing import Any, Final, TypeVar

from repairkit._agenda import agenda_changes
from repairkit._delivery import Courier
from repairkit._reactions import reaction_changes
from repairkit._repository import Repository
from repairkit._told import Edges, as_told
from repairkit.core.delivery import DeliveryPolicy
from repairkit.core.entity import WorkflowObject, detach
from repairkit.core.events import DomainEvent
from repairkit.core.notices import Notification, Quiet, notifications_for
from repairkit.core.pressure import Budget, is_new_item
from repairkit.core.relationship import Relationship
from repairkit.core.settings import RelationshipSettings, zone
from repairkit.core.spec import Registry
from repairkit.core.values import (
    SYSTEM,
    PersonId,
    check_id,
    check_instant,
    check_person_id,
)
from repairkit.errors import Closed, ConcurrencyConflict, NotFound
from repairkit.i18n import Languages
from repairkit.ports import (
    Change,
    Clock,
    DayLimit,
    E,
    LimitReached,
    Notifier,
    Saved,
    Storage,
    StoredObject,
)

__all__ = ["Runner", "in_force", "shown"]

REFRESH_PAGE: Final = 500
"""How many scheduled objects `Runner.refresh_deadlines` reads at a time (repairkit's own):
a page of the due-time index, so that a change of rules reaches every object with a
deadline, however many, in bounded memory."""

W = TypeVar("W", bound=WorkflowObject)
S = TypeVar("S", bound=StoredObject)


class Runner:
    """The command pipeline over one storage, clock, notifier and registry.

    Args:
        storage: Where everything is kept.
        clock: Tells the time.
        notifier: What the app hears, or None (notifications wait in the outbox).
        workflows: The workflows the storage was made for.
        delivery: How a refused notification is retried and parked.
        languages: The language each person reads (`repairkit.i18n`); English when omitted.
    """

    def __init__(
        self,
        *,
        storage: Storage,
        clock: Clock,
        notifier: Notifier | None,
        workflows: Registry,
        delivery: DeliveryPolicy,
        languages: Languages | None = None,
    ) -> None:
        self._storage = storage
        self._closed = False
        self.clock = clock
        self.workflows = workflows
        self.courier = Courier(self, notifier, delivery, languages or Languages())
        self.repository = Repository(self)
        """Read-only access to what is stored."""
        self._budget = Budget()
        self.edges = Edges()
        """The edge events of the objects read or moved last (`repairkit._told.Edges`)."""

    # -- lifecycle ---------------------------------------------------------------------

    @property
    def storage(self) -> Storage:
        """The storage, while the kit is open; `Closed` once it is closed."""
        if self._closed:
            raise Closed
        return self._storage

    def close(self) -> None:
        """Release the storage; every command afterwards raises `Closed`. Idempotent."""
        if not self._closed:
            self._closed = True
            self._storage.close()

    # -- the pipeline --------------------------------------------------------------------

    def now(self) -> datetime:
        """Return the clock's time, checked to be timezone-aware, in UTC."""
        return check_instant(self.clock.now(), "clock.now()")

    def relationship(self, relationship_id: uuid.UUID, *, actor: PersonId) -> Relationship:
        """Return the relationship as *actor* may see it, if they are one of its partners."""
        relationship_id = check_id(relationship_id, "relationship_id")
        relationship = self.repository.load(Relationship, relationship_id)
        relationship.check_member(check_person_id(actor, "actor"), "see this relationship")
        return relationship.seen_by(actor)

    def execute(
        self,
        kind: type[E],
        id: uuid.UUID,
        actor: PersonId,
        action: Callable[[E, datetime], DomainEvent],
    ) -> E:
        """Run one command on a stored object: the pipeline every namespace uses.

        Loads the object, calls ``action(object, now)`` (a domain method that checks
        the actor and the rule and returns one event), commits the new state, the
        event and its notifications in one transaction, then delivers them. Returns
        the object as stored (callers show it as its reader may see it).
        """
        check_person_id(actor, "actor")
        spec = self.workflows.spec_of(kind)
        try:
            entity = self.storage.load(kind, check_id(id, "id"))
        except NotFound as missing:  # named as people read it ("log entry"), kind as stored
            raise NotFound(spec.name, missing.id, noun=spec.workflow.noun) from None
        relationship = self._relationship_of(entity)  # read once for the whole command
        if relationship is not entity:
            in_force(entity, relationship.settings, spec.rules)
        now = self.now()
        if not entity.visible_at(actor, now):  # aged out of their sight: as if missing
            raise NotFound(spec.name, entity.id, noun=spec.workflow.noun)
        self.check_active(entity, spec.name, relationship)
        loaded = entity.version_seen_by(actor)  # the version as *actor* knows it
        private = getattr(entity, "private_to", None) is not None
        asked_before = entity.asked()
        event = action(entity, now)
        shared = private and getattr(entity, "private_to", None) is None
        try:  # shared now for the first time: listed from now on, never from its drafting
            self.record(
                entity, event, relisted=shared, asked_before=asked_before, relationship=relationship
            )
        except ConcurrencyConflict as conflict:
            # Named as the actor saw it: the other's private moves leave no trace here.
            raise ConcurrencyConflict(
                conflict.kind, conflict.id, loaded, one_at_a_time=conflict.one_at_a_time
            ) from None
        return entity

    def told(self, person: PersonId) -> Callable[[DomainEvent], bool]:
        """Return whether *person* was told of an event (its notice rule names them).

        Read paths show the other partner's moves *person* was not told of to the day
        only (`repairkit.core.events.to_the_day`): no activity signals.
        """

        def was_told(event: DomainEvent) -> bool:
            rule = self.workflows.rule_for(event)
            if event.private_to is not None or event.untold or isinstance(rule, Quiet):
                return False
            return any(notice.recipient == person for notice in rule(event, (person,)))

        return was_told

    def as_told(self, obj: W, person: PersonId, *, version: int | None = None) -> W:
        """Return *obj* as *person* may see it: the other's untold moves to the day only.

        Every instant set by a move of the other partner's that *person* was not told
        of (`told`) shows its calendar day only, in the couple's time zone: each its
        event records (``changed_at``, a start, a time-out's ``return_at``), unless a
        move *person* knows of records it too. Read from both ends of the object's
        events, one indexed read (`repairkit._told`): a time to the second would work
        as "last seen". Their own moves, repairkit's timers and moves addressed to
        *person* keep their time. *version*: *obj*'s version as stored, when the caller
        holds it (a copy seen by *person* may count fewer), so that what was read for it
        is kept (`repairkit._told.Edges`) and a command's result needs no read.
        """
        return as_told(self, obj, person, version)

    def zone_of(self, relationship_id: uuid.UUID) -> tzinfo:
        """Return the couple's time zone (`RelationshipSettings.time_zone`, UTC by default)."""
        return zone(self.storage.load(Relationship, relationship_id).settings.time_zone)

    def in_force(self, objects: list[S]) -> list[S]:
        """Give each object its relationship's rules and time zone in force now; return them.

        One read of each relationship named (a relationship itself is left as it is).
        """
        settings: dict[uuid.UUID, RelationshipSettings] = {}
        for obj in objects:
            if isinstance(obj, Relationship):
                continue
            rid = obj.relationship_id
            if rid not in settings:
                settings[rid] = self.storage.load(Relationship, rid).settings
            in_force(obj, settings[rid], self.workflows.spec_of(type(obj)).rules)
        return objects

    def refresh_deadlines(self, relationship_id: uuid.UUID) -> None:
        """Save each scheduled object of the relationship again, its deadlines under the rules now.

        Called when the shared rules change (agreed, or consent withdrawn): a deadline that
        follows the rules (a talk's closing, a request's grace for late marks) then falls
        due when the rules in force say. Only objects with a deadline are read (the
        due-time index, `Storage.load_scheduled`), never the history; each is saved at its
        own version, with no event (nothing happened to it), and one changed meanwhile is
        left as that change saved it.
        """
        page = self.repository.load_scheduled(relationship_id, limit=REFRESH_PAGE)
        while page:
            # The next page is read before this one is saved: its cursor is the due time
            # stored for this page's last object, which saving it may move.
            try:
                following = self.repository.load_scheduled(
                    relationship_id, limit=REFRESH_PAGE, after=page[-1].id
                )
            except NotFound:  # finished meanwhile by another command: read afresh
                following = self.repository.load_scheduled(relationship_id, limit=REFRESH_PAGE)
            for obj in page:
                with contextlib.suppress(ConcurrencyConflict):
                    self.storage.commit(Change(saves=(Saved(obj, obj.version),), events=()))
            page = following

    def add(self, entity: StoredObject, event: DomainEvent, *, answer: bool = False) -> None:
        """Store a new object with the event that created it (and its notifications).

        A workflow's object is refused in a relationship that is not active. *answer*:
        the object is its maker's answer to what they were asked (a consequence offered
        to them, taken on), so it is no new item of the pressure budget.
        """
        relationship = self._relationship_of(entity)
        self.check_active(entity, self.workflows.spec_of(type(entity)).name, relationship)
        self._commit(entity, 0, event, new=not answer, relationship=relationship)

    def _relationship_of(self, entity: StoredObject) -> Relationship:
        """Return the relationship *entity* belongs to (a relationship: itself), read once.

        A command reads it once and hands it on (its rules, whether it is active, the
        budget), so that its cost does not grow with the checks it makes.
        """
        if isinstance(entity, Relationship):
            return entity
        return self.storage.load(Relationship, entity.relationship_id)

    def check_active(
        self, entity: StoredObject, noun: str, relationship: Relationship | None = None
    ) -> None:
        """Raise `NotAllowedNow` if *entity* is a workflow's object in an inactive relationship.

        Asked by every command before it moves or makes anything: before an invitation
        is accepted nothing happens in a relationship, and after a partner left nothing
        more does. The relationship's own moves are left to its table.
        """
        if isinstance(entity, Relationship):
            return
        if relationship is None:
            relationship = self._relationship_of(entity)
        relationship.check_active(f"a move on this {noun}")

    def record(
        self,
        entity: StoredObject,
        event: DomainEvent,
        *,
        relisted: bool = False,
        asked_before: Sequence[PersonId] = (),
        relationship: Relationship | None = None,
    ) -> DomainEvent:
        """Store the move *event* just made on a loaded object, if nobody changed it since.

        *relisted*: the move shared a private object (`Saved.relisted`). *asked_before*
        is who the object asked something before the move: with it, the pressure budget
        tells a new item from an answer (`repairkit.core.pressure`). *relationship*, when
        the caller read it already, is the one *entity* belongs to. Returns the event as
        stored (the budget may mark it).
        """
        new = event.TELLS_NEWS or is_new_item(event.actor, asked_before, entity.asked())
        return self._commit(
            entity,
            entity.version - 1,
            event,
            new=new,
            relisted=relisted,
            relationship=relationship,
        )

    def _commit(
        self,
        entity: StoredObject,
        expected_version: int,
        event: DomainEvent,
        *,
        new: bool,
        relisted: bool = False,
        relationship: Relationship | None = None,
    ) -> DomainEvent:
        notes = notifications_for(
            event,
            entity.audience(event),
            self.workflows.rule_for(event),
            workflow=self.workflows.spec_of(type(entity)).name,
        )
        event, notes, limit = self._within_budget(
            entity, event, notes, new=new, relationship=relationship
        )
        saves, events = agenda_changes(self, entity, event, relationship)
        followed, reacted, told = reaction_changes(self, entity, event, relationship)
        notes = (*notes, *told)
        change = Change(
            saves=(Saved(entity, expected_version, relisted), *saves, *followed),
            events=(event, *events, *reacted),
            notifications=notes,
            limit=limit,
        )
        try:
            self.storage.commit(change)
        except LimitReached:  # another move of the sender took the day's last item meanwhile
            settings = (relationship or self._relationship_of(entity)).settings
            kind = self.workflows.spec_of(type(entity)).name
            raise Budget.refusal(event, kind=kind, settings=settings) from None
        if event.subject_id == entity.id:
            self.edges.moved(event)
        if notes:
            self.courier.send(notes)
        return event

    def _within_budget(
        self,
        entity: StoredObject,
        event: DomainEvent,
        notes: tuple[Notification, ...],
        *,
        new: bool,
        relationship: Relationship | None = None,
    ) -> tuple[DomainEvent, tuple[Notification, ...], DayLimit | None]:
        """Return *event* marked as the budget marks it, what it may tell, and its day's limit.

        Or refuse it. Only a move that tells someone besides its actor reads anything:
        the couple's settings and one indexed count (`Storage.count_events`). A new item
        carries the day's limit to the commit, which counts again inside its transaction.
        """
        if event.FOLLOWS_HOOK and entity.version > 1:  # its object's first event: one read
            opening = self.edges.of(self.storage, entity.id, entity.version - 1)[:1]
            event, notes = Budget.after_hook(event, notes, next(iter(opening), None))
        actor = event.actor
        if actor == SYSTEM or all(note.recipient == actor for note in notes):
            return event, notes, None
        if relationship is None or isinstance(entity, Relationship):
            relationship = self._relationship_of(entity)
        storage, relationship_id = self.storage, event.relationship_id

        def count(
            actor: PersonId,
            since: datetime,
            *,
            tags: Sequence[str] | None = None,
            new_items: bool = False,
        ) -> int:
            return storage.count_events(
                relationship_id, actor, since, tags=tags, new_items=new_items
            )

        event, notes = self._budget.admit(
            event,
            notes,
            kind=self.workflows.spec_of(type(entity)).name,
            new=new,
            settings=relationship.settings,
            count=count,
        )
        if not event.new_item:
            return event, notes, None
        return event, notes, DayLimit(*Budget.day_limit(event, relationship.settings))


def shown(obj: W) -> W:
    """Return *obj* marked as a copy a command returned: a move on it raises at once."""
    detach(obj)
    return obj


def in_force(obj: Any, settings: RelationshipSettings, rules: type[Any] | None) -> None:  # noqa: ANN401
    """Set *obj*'s ``rules`` (of type *rules*) and ``time_zone``, where it has them.

    What an object reads of the shared rules is what both agree to now: a withdrawal
    of consent, or new settings both agreed to, applies to it at once (rule 5).
    """
    if rules is not None and hasattr(obj, "rules"):
        obj.rules = settings.of(rules)
    if hasattr(obj, "time_zone"):
        obj.time_zone = settings.time_zone
