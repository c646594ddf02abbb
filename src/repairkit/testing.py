"""The storage contract: one pytest suite that every storage must pass.

Subclass `StorageContract` in your own test module and return a fresh, empty
storage from `make_storage`; pytest collects every ``test_*`` method::

    from repairkit.testing import StorageContract

    class TestMyStorage(StorageContract):
        def make_storage(self):
            return MyStorage(...)

        def reopen(self, storage):  # optional: the same data through a new connection
            return MyStorage(...)

repairkit runs this very suite against `MemoryStorage` and `SQLiteStorage`.
Importing this module needs pytest.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone

import attrs
import pytest

from repairkit.domain.events import DomainEvent
from repairkit.domain.notifications import Notification, notifications_for
from repairkit.domain.relationship import Relationship
from repairkit.domain.request import Request, RequestState
from repairkit.domain.settings import RelationshipSettings, RequestRules
from repairkit.domain.values import TimeBox
from repairkit.errors import ConcurrencyConflict, NotFound, StorageError
from repairkit.ports import Change, Saved, Storage

__all__ = ["StorageContract"]

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _snapshot(entity: Relationship | Request) -> dict[str, object]:
    return attrs.asdict(entity, recurse=True)


class StorageContract:
    """What every storage promises. Override `make_storage` (and `reopen` if persistent)."""

    def make_storage(self) -> Storage:
        """Return a new, empty storage."""
        raise NotImplementedError

    def reopen(self, storage: Storage) -> Storage | None:
        """Return a second storage on the same data, or None when data is not persistent."""
        del storage
        return None

    # -- helpers -------------------------------------------------------------------

    @pytest.fixture
    def storage(self) -> Iterator[Storage]:
        """A fresh storage, closed after the test."""
        storage = self.make_storage()
        yield storage
        storage.close()

    @staticmethod
    def start(storage: Storage) -> Relationship:
        """Store and return a new relationship."""
        relationship, event = Relationship.start(
            partners=("ana", "ben"),
            actor="ana",
            settings=RelationshipSettings(requests=RequestRules(max_rounds=2)),
            at=T0,
        )
        storage.commit(Change(saves=(Saved(relationship, 0),), events=(event,)))
        return relationship

    @staticmethod
    def new_request(
        storage: Storage,
        relationship: Relationship,
        *,
        at: datetime = T0,
        time_box: TimeBox | None = None,
    ) -> tuple[Request, DomainEvent]:
        """Store and return a new draft request and its event."""
        request, event = Request.draft(
            relationship_id=relationship.id,
            asker="ana",
            recipient="ben",
            need="to feel we are a team at home",
            ask="plan the week's meals together on Sunday evenings",
            observation="On Thursday I cooked alone while the dishes piled up.",
            time_box=time_box,
            rules=relationship.settings.requests,
            at=at,
        )
        storage.commit(Change(saves=(Saved(request, 0),), events=(event,)))
        return request, event

    @staticmethod
    def move(storage: Storage, request: Request, event: DomainEvent) -> None:
        """Commit one move already applied to *request*."""
        notes = notifications_for(event, "ben" if event.actor == "ana" else "ana")
        storage.commit(
            Change(
                saves=(Saved(request, request.version - 1),),
                events=(event,),
                notifications=notes,
            )
        )

    # -- loading -------------------------------------------------------------------

    def test_load_of_unknown_id_raises_not_found(self, storage: Storage) -> None:
        """Loading an id nothing was stored under raises NotFound."""
        with pytest.raises(NotFound):
            storage.load(Request, uuid.uuid4())

    def test_load_returns_what_was_committed(self, storage: Storage) -> None:
        """A committed object loads back field for field."""
        relationship = self.start(storage)
        request, _ = self.new_request(storage, relationship)
        assert _snapshot(storage.load(Request, request.id)) == _snapshot(request)
        assert _snapshot(storage.load(Relationship, relationship.id)) == _snapshot(relationship)

    def test_load_with_the_wrong_kind_raises_not_found(self, storage: Storage) -> None:
        """An id is only found under the kind it was stored as."""
        relationship = self.start(storage)
        with pytest.raises(NotFound):
            storage.load(Request, relationship.id)

    def test_loaded_objects_are_copies(self, storage: Storage) -> None:
        """Changing a loaded object changes nothing stored."""
        relationship = self.start(storage)
        request, _ = self.new_request(storage, relationship)
        loaded = storage.load(Request, request.id)
        loaded.need = "something else"
        assert storage.load(Request, request.id).need == request.need

    def test_load_all_filters_by_relationship_and_state(self, storage: Storage) -> None:
        """load_all returns one relationship's objects of a kind, oldest first, by state."""
        first = self.start(storage)
        other = self.start(storage)
        older, _ = self.new_request(storage, first, at=T0)
        newer, _ = self.new_request(storage, first, at=T0 + timedelta(hours=1))
        self.new_request(storage, other)
        self.move(storage, newer, newer.propose(actor="ana", at=T0 + timedelta(hours=2)))
        assert [r.id for r in storage.load_all(Request, first.id)] == [older.id, newer.id]
        proposed = storage.load_all(Request, first.id, states=[RequestState.PROPOSED.value])
        assert [r.id for r in proposed] == [newer.id]
        assert storage.load_all(Request, uuid.uuid4()) == []

    # -- committing ----------------------------------------------------------------

    def test_version_check_refuses_a_stale_save_and_writes_nothing(self, storage: Storage) -> None:
        """Saving over a newer version raises ConcurrencyConflict and writes nothing."""
        relationship = self.start(storage)
        request, _ = self.new_request(storage, relationship)
        stale = storage.load(Request, request.id)
        self.move(storage, request, request.propose(actor="ana", at=T0))
        before = _snapshot(storage.load(Request, request.id))
        event = stale.withdraw(actor="ana", at=T0)
        note = notifications_for(event, "ben")
        with pytest.raises(ConcurrencyConflict):
            storage.commit(
                Change(
                    saves=(Saved(stale, stale.version - 1),), events=(event,), notifications=note
                )
            )
        assert _snapshot(storage.load(Request, request.id)) == before
        assert [e.id for e in storage.events(request.id)][-1] != event.id
        assert all(n.event_id != event.id for n in storage.pending_notifications())

    def test_a_new_object_cannot_be_created_twice(self, storage: Storage) -> None:
        """Saving a 'new' object whose id exists already is a conflict."""
        relationship = self.start(storage)
        request, _ = self.new_request(storage, relationship)
        with pytest.raises(ConcurrencyConflict):
            storage.commit(Change(saves=(Saved(request, 0),), events=()))
        assert len(storage.events(request.id)) == 1

    def test_a_change_is_all_or_nothing(self, storage: Storage) -> None:
        """When one save of a change conflicts, none of the change is written."""
        relationship = self.start(storage)
        fresh, _ = self.new_request(storage, relationship)
        stale, _ = self.new_request(storage, relationship)
        self.move(storage, stale, stale.propose(actor="ana", at=T0))
        event = fresh.propose(actor="ana", at=T0)
        with pytest.raises(ConcurrencyConflict):
            storage.commit(
                Change(
                    saves=(Saved(fresh, fresh.version - 1), Saved(stale, stale.version - 2)),
                    events=(event,),
                    notifications=notifications_for(event, "ben"),
                )
            )
        assert storage.load(Request, fresh.id).state is RequestState.DRAFTED
        assert len(storage.events(fresh.id)) == 1
        assert all(n.event_id != event.id for n in storage.pending_notifications())

    def test_a_stale_save_through_another_connection_is_refused(self, storage: Storage) -> None:
        """Two connections to the same data cannot overwrite each other's newer version."""
        relationship = self.start(storage)
        request, _ = self.new_request(storage, relationship)
        other = self.reopen(storage) or storage
        try:
            stale = other.load(Request, request.id)
            self.move(storage, request, request.propose(actor="ana", at=T0))
            with pytest.raises(ConcurrencyConflict):
                self.move(other, stale, stale.withdraw(actor="ana", at=T0))
            assert other.load(Request, request.id).state is RequestState.PROPOSED
        finally:
            if other is not storage:
                other.close()

    def test_an_event_id_is_stored_once(self, storage: Storage) -> None:
        """A change repeating a stored event id raises StorageError and writes nothing."""
        relationship = self.start(storage)
        request, drafted = self.new_request(storage, relationship)
        proposed = request.propose(actor="ana", at=T0)
        replay = attrs.evolve(proposed, id=drafted.id)
        with pytest.raises(StorageError):
            storage.commit(Change(saves=(Saved(request, request.version - 1),), events=(replay,)))
        assert storage.load(Request, request.id).state is RequestState.DRAFTED
        assert storage.events(request.id) == [drafted]

    # -- events ----------------------------------------------------------------------

    def test_events_come_back_in_order_per_object_and_relationship(self, storage: Storage) -> None:
        """Events are kept in order, queryable per object and per relationship."""
        relationship = self.start(storage)
        request, drafted = self.new_request(storage, relationship)
        proposed = request.propose(actor="ana", at=T0)
        self.move(storage, request, proposed)
        answered = request.propose_alternative(actor="ben", at=T0, ask="cook together on Sundays")
        self.move(storage, request, answered)
        assert storage.events(request.id) == [drafted, proposed, answered]
        in_relationship = storage.relationship_events(relationship.id)
        assert [type(e).__name__ for e in in_relationship] == [
            "RelationshipStarted",
            "RequestDrafted",
            "RequestProposed",
            "AlternativeProposed",
        ]
        assert storage.events(uuid.uuid4()) == []

    # -- due -------------------------------------------------------------------------

    def test_due_returns_objects_due_by_now_earliest_first(self, storage: Storage) -> None:
        """due() finds agreed requests whose time box ended, earliest first, within limit."""
        relationship = self.start(storage)
        due_at: dict[uuid.UUID, datetime] = {}
        for days in (3, 1, 2):
            box = TimeBox(starts_at=T0, ends_at=T0 + timedelta(days=days))
            request, _ = self.new_request(storage, relationship, time_box=box)
            self.move(storage, request, request.propose(actor="ana", at=T0))
            self.move(storage, request, request.accept(actor="ben", at=T0))
            assert request.due_at is not None
            due_at[request.id] = request.due_at
        in_order = sorted(due_at, key=due_at.__getitem__)
        first, second, last = (due_at[i] for i in in_order)
        assert storage.due(first - timedelta(microseconds=1)) == []
        assert [r.id for r in storage.due(second)] == in_order[:2]
        assert [r.id for r in storage.due(last + timedelta(days=1), limit=1)] == in_order[:1]
        # Any aware instant works, whatever its zone: the same moment 5 hours west of UTC.
        west = timezone(timedelta(hours=-5))
        assert [r.id for r in storage.due(second.astimezone(west))] == in_order[:2]

    # -- outbox ----------------------------------------------------------------------

    def test_outbox_keeps_notifications_until_delivered(self, storage: Storage) -> None:
        """Notifications stay pending, oldest first, until marked delivered."""
        relationship = self.start(storage)
        first, _ = self.new_request(storage, relationship)
        second, _ = self.new_request(storage, relationship)
        self.move(storage, first, first.propose(actor="ana", at=T0))
        self.move(storage, second, second.propose(actor="ana", at=T0))
        pending = storage.pending_notifications()
        assert [n.subject_id for n in pending] == [first.id, second.id]
        assert all(isinstance(n, Notification) for n in pending)
        storage.mark_delivered([pending[0].id], T0)
        assert [n.id for n in storage.pending_notifications()] == [pending[1].id]
        storage.mark_delivered([pending[0].id], T0)  # twice is harmless
        storage.mark_delivered([uuid.uuid4()], T0)  # and so is an unknown id
        assert [n.id for n in storage.pending_notifications()] == [pending[1].id]
        assert len(storage.pending_notifications(limit=0)) == 0

    def test_a_notification_is_stored_once(self, storage: Storage) -> None:
        """Committing a notification id twice keeps one copy (ids are stable)."""
        relationship = self.start(storage)
        request, _ = self.new_request(storage, relationship)
        event = request.propose(actor="ana", at=T0)
        notes = notifications_for(event, "ben")
        self.move(storage, request, event)
        storage.commit(Change(saves=(), events=(), notifications=notes))
        assert [n.id for n in storage.pending_notifications()] == [notes[0].id]

    # -- persistence -----------------------------------------------------------------

    def test_what_was_committed_survives_reopening(self, storage: Storage) -> None:
        """Everything committed reads back, through a new connection where the storage has one."""
        relationship = self.start(storage)
        request, _ = self.new_request(storage, relationship)
        event = request.propose(actor="ana", at=T0)
        self.move(storage, request, event)
        again = self.reopen(storage) or storage
        try:
            assert _snapshot(again.load(Request, request.id)) == _snapshot(request)
            assert again.events(request.id)[-1] == event
            assert [n.event_id for n in again.pending_notifications()] == [event.id]
        finally:
            if again is not storage:
                again.close()

    def test_follow_through_marks_in_the_window_load_back(self, storage: Storage) -> None:
        """Recent follow-through dates survive a round trip (they guard double marking)."""
        relationship = self.start(storage)
        request, _ = self.new_request(storage, relationship)
        self.move(storage, request, request.propose(actor="ana", at=T0))
        self.move(storage, request, request.accept(actor="ben", at=T0))
        later = T0 + timedelta(days=1)
        self.move(
            storage,
            request,
            request.record_follow_through(
                actor="ben", at=later, occurrence=date(2026, 3, 3), kept=True
            ),
        )
        assert storage.load(Request, request.id).recent_occurrences == (date(2026, 3, 3),)
