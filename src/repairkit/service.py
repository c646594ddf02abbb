"""The service layer: `RepairKit`, the facade apps use.

Every command runs the same way: load, check the actor and the rule, apply,
then save the new state, the domain event and the outgoing notifications in
ONE storage transaction, and only then deliver the notifications. A command
that raises has written nothing.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Self, TypeVar

from repairkit.adapters.memory import MemoryStorage
from repairkit.clock import SystemClock
from repairkit.domain.events import DomainEvent
from repairkit.domain.history import RequestHistory, request_history
from repairkit.domain.notifications import Notification, notifications_for
from repairkit.domain.relationship import Relationship
from repairkit.domain.request import Request, RequestState
from repairkit.domain.settings import RelationshipSettings
from repairkit.domain.values import (
    SYSTEM,
    PersonId,
    TimeBox,
    check_id,
    check_instant,
    check_person_id,
)
from repairkit.errors import ConcurrencyConflict, InvalidInput, NotPermitted
from repairkit.ports import Change, Clock, Entity, Notifier, Saved, Storage

__all__ = ["RepairKit", "RequestCommands"]

log = logging.getLogger("repairkit")

E = TypeVar("E", Relationship, Request)


class RepairKit:
    """Relationship-repair workflows over a storage, a notifier and a clock.

    Args:
        storage: Where everything is kept; in-memory when omitted.
        notifier: What the app hears. When omitted, notifications wait in the
            outbox: read them with `pending_notifications` and confirm them
            with `mark_delivered`.
        clock: Tells the time; the system clock (UTC) when omitted.
    """

    def __init__(
        self,
        *,
        storage: Storage | None = None,
        notifier: Notifier | None = None,
        clock: Clock | None = None,
    ) -> None:
        self.storage: Storage = storage if storage is not None else MemoryStorage()
        self.notifier = notifier
        self.clock: Clock = clock if clock is not None else SystemClock()
        self.requests = RequestCommands(self)
        """Commands and queries of the Request workflow."""

    # -- lifecycle ---------------------------------------------------------------

    def close(self) -> None:
        """Release the storage."""
        self.storage.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- relationships -------------------------------------------------------------

    def start_relationship(
        self,
        partners: tuple[PersonId, PersonId],
        *,
        actor: PersonId,
        settings: RelationshipSettings | None = None,
    ) -> Relationship:
        """Start a relationship between two partners; *actor* is one of them."""
        actor = check_person_id(actor, "actor")
        relationship, event = Relationship.start(
            partners=partners, actor=actor, settings=settings, at=self.now()
        )
        self.add(relationship, event)
        return relationship

    def relationship(self, relationship_id: uuid.UUID, *, actor: PersonId) -> Relationship:
        """Return the relationship, if *actor* is one of its partners."""
        relationship_id = check_id(relationship_id, "relationship_id")
        relationship = self.storage.load(Relationship, relationship_id)
        relationship.check_partner(check_person_id(actor, "actor"), "see this relationship")
        return relationship

    def change_settings(
        self, relationship_id: uuid.UUID, *, actor: PersonId, settings: RelationshipSettings
    ) -> Relationship:
        """Change the relationship's settings; requests already made keep their rules and zone."""
        return self.execute(
            Relationship,
            relationship_id,
            actor,
            lambda r, now: r.change_settings(actor=actor, settings=settings, at=now),
        )

    def relationship_events(
        self, relationship_id: uuid.UUID, *, actor: PersonId
    ) -> list[DomainEvent]:
        """Return the relationship's events that *actor* may see, oldest first."""
        relationship = self.relationship(relationship_id, actor=actor)
        return [
            e
            for e in self.storage.relationship_events(relationship.id)
            if e.private_to is None or e.private_to == actor
        ]

    # -- time ------------------------------------------------------------------------

    def run_due(self, *, limit: int = 100) -> list[DomainEvent]:
        """Move on whatever time has made due (a time box that ended); call it periodically.

        Returns the events it recorded. An object changed by someone else at the
        same moment is left for the next call.
        """
        now = self.now()
        recorded: list[DomainEvent] = []
        for entity in self.storage.due(now, limit=limit):
            event = entity.on_due(now)
            if event is None:
                continue
            try:
                self._commit(entity, entity.version - 1, event)
            except ConcurrencyConflict:
                log.info("%s changed meanwhile; it is left for the next run", entity.id)
                continue
            recorded.append(event)
        return recorded

    # -- notifications -----------------------------------------------------------------

    def deliver_pending(self, *, limit: int = 100) -> int:
        """Try again to deliver notifications still in the outbox; return how many went out."""
        if self.notifier is None:
            return 0
        return self._deliver(self.storage.pending_notifications(limit=limit))

    def pending_notifications(self, *, limit: int = 100) -> list[Notification]:
        """Return notifications not yet delivered, oldest first (for apps that pull)."""
        return self.storage.pending_notifications(limit=limit)

    def mark_delivered(self, notification_ids: Sequence[uuid.UUID]) -> None:
        """Confirm that the app delivered these notifications itself."""
        ids = [check_id(i, "notification_ids") for i in notification_ids]
        self.storage.mark_delivered(ids, self.now())

    # -- the command pipeline ------------------------------------------------------------

    def now(self) -> datetime:
        """Return the clock's time, checked to be timezone-aware, in UTC."""
        return check_instant(self.clock.now(), "clock.now()")

    def execute(
        self,
        kind: type[E],
        id: uuid.UUID,
        actor: PersonId,
        action: Callable[[E, datetime], DomainEvent],
    ) -> E:
        """Run one command on a stored object: the pipeline every workflow namespace uses.

        Loads the object, calls ``action(object, now)`` (a domain method that checks
        the actor and the rule and returns one event), commits the new state, the
        event and its notifications in one transaction, then delivers them.
        """
        check_person_id(actor, "actor")
        entity = self.storage.load(kind, check_id(id, "id"))
        event = action(entity, self.now())
        self._commit(entity, entity.version - 1, event)
        return entity

    def add(self, entity: Entity, event: DomainEvent) -> None:
        """Store a new object with the event that created it (and its notifications)."""
        self._commit(entity, 0, event)

    def _commit(self, entity: Entity, expected_version: int, event: DomainEvent) -> None:
        notes: list[Notification] = []
        first, second = entity.participants
        if event.actor == SYSTEM:
            notes.extend(notifications_for(event, first))
            notes.extend(notifications_for(event, second))
        else:
            notes.extend(notifications_for(event, second if event.actor == first else first))
        self.storage.commit(
            Change(
                saves=(Saved(entity, expected_version),),
                events=(event,),
                notifications=tuple(notes),
            )
        )
        if notes and self.notifier is not None:
            self._deliver(notes)

    def _deliver(self, notes: Sequence[Notification]) -> int:
        assert self.notifier is not None  # noqa: S101 - callers check
        delivered: list[uuid.UUID] = []
        for note in notes:
            try:
                self.notifier.notify(note)
            except Exception as error:  # noqa: BLE001 - any notifier failure leaves it pending
                # The error's type only: its message might quote what a partner wrote.
                log.warning(
                    "notification %s (%s) could not be delivered (%s); it stays pending",
                    note.id,
                    note.kind.value,
                    type(error).__name__,
                )
                continue
            delivered.append(note.id)
        if delivered:
            try:
                self.storage.mark_delivered(delivered, self.now())
            except Exception as error:  # noqa: BLE001 - the command itself has succeeded
                # They went out but stay pending: a retry delivers them again, and their
                # stable ids let receivers drop the repeat.
                log.warning(
                    "%d delivered notification(s) could not be marked delivered (%s)",
                    len(delivered),
                    type(error).__name__,
                )
        return len(delivered)


class RequestCommands:
    """The Request workflow: make a request, negotiate it, follow it through.

    Reach it as ``kit.requests``. Every command names its actor and returns the
    request as it now stands (a copy: changing it changes nothing stored).
    """

    def __init__(self, kit: RepairKit) -> None:
        self._kit = kit

    # -- commands ------------------------------------------------------------------

    def draft(
        self,
        relationship_id: uuid.UUID,
        *,
        actor: PersonId,
        need: str,
        ask: str,
        observation: str | None = None,
        time_box: TimeBox | None = None,
        follows: uuid.UUID | None = None,
    ) -> Request:
        """Write a request to the other partner down; only *actor* sees it until `propose`.

        *follows* names an earlier request (for example one that was declined)
        whose need this one names again.
        """
        kit = self._kit
        actor = check_person_id(actor, "actor")
        relationship_id = check_id(relationship_id, "relationship_id")
        relationship = kit.storage.load(Relationship, relationship_id)
        relationship.check_partner(actor, "make a request")
        if follows is not None:
            follows = check_id(follows, "follows")
            earlier = self.get(follows, actor=actor)
            if earlier.relationship_id != relationship_id:
                raise InvalidInput(
                    "follows", "names a request of another relationship; pick one from this one."
                )
        request, event = Request.draft(
            relationship_id=relationship_id,
            asker=actor,
            recipient=relationship.other_partner(actor),
            need=need,
            ask=ask,
            observation=observation,
            time_box=time_box,
            follows=follows,
            rules=relationship.settings.requests,
            time_zone=relationship.settings.time_zone,
            at=kit.now(),
        )
        kit.add(request, event)
        return request

    def revise(
        self,
        request_id: uuid.UUID,
        *,
        actor: PersonId,
        need: str,
        ask: str,
        observation: str | None = None,
        time_box: TimeBox | None = None,
    ) -> Request:
        """Change a draft (all of its content) before it is sent."""
        return self._run(
            request_id,
            actor,
            lambda r, now: r.revise(
                actor=actor,
                at=now,
                need=need,
                ask=ask,
                observation=observation,
                time_box=time_box,
            ),
        )

    def propose(self, request_id: uuid.UUID, *, actor: PersonId) -> Request:
        """Send the request to the other partner."""
        return self._run(request_id, actor, lambda r, now: r.propose(actor=actor, at=now))

    def accept(self, request_id: uuid.UUID, *, actor: PersonId) -> Request:
        """Say yes to the latest offer (the request, or an alternative)."""
        return self._run(request_id, actor, lambda r, now: r.accept(actor=actor, at=now))

    def decline(
        self, request_id: uuid.UUID, *, actor: PersonId, reason: str | None = None
    ) -> Request:
        """Say no. It is recorded neutrally and never counted against anyone."""
        return self._run(
            request_id, actor, lambda r, now: r.decline(actor=actor, at=now, reason=reason)
        )

    def propose_alternative(
        self,
        request_id: uuid.UUID,
        *,
        actor: PersonId,
        ask: str,
        time_box: TimeBox | None = None,
    ) -> Request:
        """Offer another way to meet the need, and other dates if given; the other answers next."""
        return self._run(
            request_id,
            actor,
            lambda r, now: r.propose_alternative(actor=actor, at=now, ask=ask, time_box=time_box),
        )

    def resume(self, request_id: uuid.UUID, *, actor: PersonId) -> Request:
        """Reopen a stalled request (for example after a check-in)."""
        return self._run(request_id, actor, lambda r, now: r.resume(actor=actor, at=now))

    def withdraw(self, request_id: uuid.UUID, *, actor: PersonId) -> Request:
        """Take the request back before agreement."""
        return self._run(request_id, actor, lambda r, now: r.withdraw(actor=actor, at=now))

    def record_follow_through(
        self,
        request_id: uuid.UUID,
        *,
        actor: PersonId,
        kept: bool,
        occurrence: date | None = None,
    ) -> Request:
        """Mark one occurrence (today in the couple's time zone, unless given) kept or missed."""
        return self._run(
            request_id,
            actor,
            lambda r, now: r.record_follow_through(
                actor=actor, at=now, occurrence=occurrence or r.local_date(now), kept=kept
            ),
        )

    def propose_ending(self, request_id: uuid.UUID, *, actor: PersonId) -> Request:
        """Suggest that the agreement has done its work."""
        return self._run(request_id, actor, lambda r, now: r.propose_ending(actor=actor, at=now))

    def confirm_ending(self, request_id: uuid.UUID, *, actor: PersonId) -> Request:
        """Agree to end the agreement; the request completes."""
        return self._run(request_id, actor, lambda r, now: r.confirm_ending(actor=actor, at=now))

    def keep_going(self, request_id: uuid.UUID, *, actor: PersonId) -> Request:
        """Keep the agreement going after all."""
        return self._run(request_id, actor, lambda r, now: r.keep_going(actor=actor, at=now))

    # -- queries ----------------------------------------------------------------------

    def get(self, request_id: uuid.UUID, *, actor: PersonId) -> Request:
        """Return the request, if *actor* may see it."""
        actor = check_person_id(actor, "actor")
        request = self._kit.storage.load(Request, check_id(request_id, "request_id"))
        _check_visible(request, actor)
        return request

    def find(
        self,
        relationship_id: uuid.UUID,
        *,
        actor: PersonId,
        states: Sequence[RequestState] | None = None,
    ) -> list[Request]:
        """Return the relationship's requests *actor* may see, oldest first."""
        relationship = self._kit.relationship(relationship_id, actor=actor)
        return [
            r
            for r in self._kit.storage.load_all(
                Request,
                relationship.id,
                states=None if states is None else _request_states(states),
            )
            if r.visible_to(actor)
        ]

    def events(self, request_id: uuid.UUID, *, actor: PersonId) -> list[DomainEvent]:
        """Return the request's events, oldest first, if *actor* may see it."""
        request = self.get(request_id, actor=actor)
        return [
            e
            for e in self._kit.storage.events(request.id)
            if e.private_to is None or e.private_to == actor
        ]

    def history(self, request_id: uuid.UUID, *, actor: PersonId) -> RequestHistory:
        """Return what was asked, what was offered, who agreed, and how often it was kept."""
        return request_history(self.events(request_id, actor=actor))

    def _run(
        self,
        request_id: uuid.UUID,
        actor: PersonId,
        action: Callable[[Request, datetime], DomainEvent],
    ) -> Request:
        return self._kit.execute(Request, request_id, actor, action)


def _request_states(states: Sequence[RequestState]) -> list[str]:
    known = {state.value for state in RequestState}
    if isinstance(states, str) or not all(isinstance(s, str) and s in known for s in states):
        raise InvalidInput(
            "states", f"needs a list of request states, from: {', '.join(sorted(known))}."
        )
    return [str(s) for s in states]


def _check_visible(request: Request, actor: PersonId) -> None:
    if not request.visible_to(actor):
        raise NotPermitted(f"This request is not shared with {actor!r}.", actor=actor, action="see")
