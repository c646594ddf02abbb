"""The storage contract: one pytest suite that every storage must pass.

Subclass `StorageContract` in your own test module and return a fresh, empty
storage for the registry you are given from `make_storage`; pytest collects
every ``test_*`` method::

    from repairkit.testing import StorageContract

    class TestMyStorage(StorageContract):
        def make_storage(self, workflows):
            return MyStorage(..., workflows=workflows)

        def reopen(self, storage):  # optional: the same data through a new connection
            return MyStorage(..., workflows=storage.workflows)

The contract stores `Note`, a small neutral workflow, next to the relationship,
so it proves a storage for any workflow rather than for one. repairkit runs it
against `MemoryStorage` and `SQLiteStorage`. Importing this module needs pytest.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Any, ClassVar

import attrs
import pytest

from repairkit.core.events import DomainEvent
from repairkit.core.notices import Notification, notifications_for
from repairkit.core.relationship import Relationship
from repairkit.core.settings import RelationshipSettings
from repairkit.core.spec import Registry
from repairkit.errors import ConcurrencyConflict, InvalidInput, NotFound, StorageError
from repairkit.ports import Change, Saved, Storage
from repairkit.registry import WORKFLOWS
from repairkit.testing._edges import EdgeContract
from repairkit.testing._erase_contract import EraseContract
from repairkit.testing._places import PlacesContract
from repairkit.testing.notes import NOTES, Note, NoteState
from repairkit.testing.queries import QueryContract

__all__ = ["CONTRACT_WORKFLOWS", "StorageContract"]

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

CONTRACT_WORKFLOWS = WORKFLOWS.with_workflows(NOTES)
"""repairkit's workflows and the contract's own `Note`."""


def _snapshot(entity: object) -> dict[str, Any]:
    return attrs.asdict(entity, recurse=True)  # type: ignore[arg-type]


class StorageContract(EraseContract, QueryContract, EdgeContract, PlacesContract):
    """What every storage promises. Override `make_storage` (and `reopen` if persistent)."""

    workflows: ClassVar[Registry] = CONTRACT_WORKFLOWS
    """The registry the storage is made for; it must hold `NOTES`."""

    def make_storage(self, workflows: Registry) -> Storage:
        """Return a new, empty storage of *workflows*."""
        raise NotImplementedError

    def reopen(self, storage: Storage) -> Storage | None:
        """Return a second storage on the same data, or None when data is not persistent."""
        del storage
        return None

    # -- helpers -------------------------------------------------------------------

    @pytest.fixture
    def storage(self) -> Iterator[Storage]:
        """A fresh storage, closed after the test."""
        storage = self.make_storage(self.workflows)
        yield storage
        storage.close()

    @staticmethod
    def start(storage: Storage) -> Relationship:
        """Store and return a new relationship."""
        relationship, event = Relationship.invite(
            actor="ana", partner="ben", settings=RelationshipSettings(), at=T0
        )
        accepted = relationship.accept_invitation(actor="ben", at=T0)
        storage.commit(Change(saves=(Saved(relationship, 0),), events=(event, accepted)))
        return relationship

    @staticmethod
    def new_note(
        storage: Storage,
        relationship: Relationship,
        *,
        at: datetime = T0,
        reply_in: timedelta = timedelta(days=1),
    ) -> tuple[Note, DomainEvent]:
        """Store and return a new (private) note and its event."""
        note, event = Note.write(
            relationship_id=relationship.id,
            author="ana",
            reader="ben",
            text="Thank you for the walk on Sunday; it helped.",
            reply_by=at + reply_in,
            at=at,
        )
        storage.commit(Change(saves=(Saved(note, 0),), events=(event,)))
        return note, event

    @staticmethod
    def notes_of(event: DomainEvent, note: Note) -> tuple[Notification, ...]:
        """Return the notifications *event* causes."""
        rule = NOTES.notices[type(event)]
        return notifications_for(event, note.audience(event), rule, workflow=NOTES.name)

    def move(self, storage: Storage, note: Note, event: DomainEvent) -> None:
        """Commit one move already applied to *note*, with its notifications."""
        storage.commit(
            Change(
                saves=(Saved(note, note.version - 1),),
                events=(event,),
                notifications=self.notes_of(event, note),
            )
        )

    # -- loading -------------------------------------------------------------------

    def test_load_of_unknown_id_raises_not_found(self, storage: Storage) -> None:
        """Loading an id nothing was stored under raises NotFound."""
        with pytest.raises(NotFound):
            storage.load(Note, uuid.uuid4())

    def test_load_returns_what_was_committed(self, storage: Storage) -> None:
        """A committed object loads back field for field."""
        relationship = self.start(storage)
        note, _ = self.new_note(storage, relationship)
        assert _snapshot(storage.load(Note, note.id)) == _snapshot(note)
        assert _snapshot(storage.load(Relationship, relationship.id)) == _snapshot(relationship)

    def test_load_with_the_wrong_kind_raises_not_found(self, storage: Storage) -> None:
        """An id is only found under the kind it was stored as."""
        relationship = self.start(storage)
        with pytest.raises(NotFound):
            storage.load(Note, relationship.id)

    def test_loaded_objects_are_copies(self, storage: Storage) -> None:
        """Changing a loaded object changes nothing stored."""
        relationship = self.start(storage)
        note, _ = self.new_note(storage, relationship)
        loaded = storage.load(Note, note.id)
        loaded.text = "something else"
        assert storage.load(Note, note.id).text == note.text

    def test_load_all_filters_by_relationship_and_state(self, storage: Storage) -> None:
        """load_all returns one relationship's objects of a kind, oldest first, by state."""
        first = self.start(storage)
        other = self.start(storage)
        older, _ = self.new_note(storage, first, at=T0)
        newer, _ = self.new_note(storage, first, at=T0 + timedelta(hours=1))
        self.new_note(storage, other)
        self.move(storage, newer, newer.share(actor="ana", at=T0 + timedelta(hours=2)))
        assert [n.id for n in storage.load_all(Note, first.id)] == [older.id, newer.id]
        shared = storage.load_all(Note, first.id, states=[NoteState.SHARED.value])
        assert [n.id for n in shared] == [newer.id]
        assert storage.load_all(Note, first.id, states=[]) == []
        assert storage.load_all(Note, uuid.uuid4()) == []

    def test_a_state_with_a_space_is_stored_and_found(self, storage: Storage) -> None:
        """State values are data, whatever characters they hold ("let be")."""
        relationship = self.start(storage)
        note, _ = self.new_note(storage, relationship)
        self.move(storage, note, note.share(actor="ana", at=T0))
        event = note.on_due(note.reply_by)
        assert event is not None
        self.move(storage, note, event)
        let_be = storage.load_all(Note, relationship.id, states=["let be"])
        assert [n.state for n in let_be] == [NoteState.LET_BE]

    # -- committing ----------------------------------------------------------------

    def test_version_check_refuses_a_stale_save_and_writes_nothing(self, storage: Storage) -> None:
        """Saving over a newer version raises ConcurrencyConflict and writes nothing."""
        relationship = self.start(storage)
        note, _ = self.new_note(storage, relationship)
        self.move(storage, note, note.share(actor="ana", at=T0))
        stale = storage.load(Note, note.id)
        self.move(storage, note, note.read(actor="ben", at=T0))
        before = _snapshot(storage.load(Note, note.id))
        event = stale.read(actor="ben", at=T0)
        with pytest.raises(ConcurrencyConflict):
            self.move(storage, stale, event)
        assert _snapshot(storage.load(Note, note.id)) == before
        assert [e.id for e in storage.events(note.id)][-1] != event.id
        assert all(n.event_id != event.id for n in storage.pending_notifications())

    def test_a_new_object_cannot_be_created_twice(self, storage: Storage) -> None:
        """Saving a 'new' object whose id exists already is a conflict."""
        relationship = self.start(storage)
        note, _ = self.new_note(storage, relationship)
        with pytest.raises(ConcurrencyConflict):
            storage.commit(Change(saves=(Saved(note, 0),), events=()))
        assert len(storage.events(note.id)) == 1

    def test_a_change_is_all_or_nothing(self, storage: Storage) -> None:
        """When one save of a change conflicts, none of the change is written."""
        relationship = self.start(storage)
        fresh, _ = self.new_note(storage, relationship)
        stale, _ = self.new_note(storage, relationship)
        self.move(storage, stale, stale.share(actor="ana", at=T0))
        event = fresh.share(actor="ana", at=T0)
        with pytest.raises(ConcurrencyConflict):
            storage.commit(
                Change(
                    saves=(Saved(fresh, fresh.version - 1), Saved(stale, stale.version - 2)),
                    events=(event,),
                    notifications=self.notes_of(event, fresh),
                )
            )
        assert storage.load(Note, fresh.id).state is NoteState.WRITTEN
        assert len(storage.events(fresh.id)) == 1
        assert all(n.event_id != event.id for n in storage.pending_notifications())

    def test_a_stale_save_through_another_connection_is_refused(self, storage: Storage) -> None:
        """Two connections to the same data cannot overwrite each other's newer version."""
        relationship = self.start(storage)
        note, _ = self.new_note(storage, relationship)
        self.move(storage, note, note.share(actor="ana", at=T0))
        other = self.reopen(storage) or storage
        try:
            stale = other.load(Note, note.id)
            self.move(storage, note, note.read(actor="ben", at=T0))
            with pytest.raises(ConcurrencyConflict):
                self.move(other, stale, stale.read(actor="ben", at=T0))
            assert other.load(Note, note.id).version == note.version
        finally:
            if other is not storage:
                other.close()

    def test_an_event_id_is_stored_once(self, storage: Storage) -> None:
        """A change repeating a stored event id raises StorageError and writes nothing."""
        relationship = self.start(storage)
        note, written = self.new_note(storage, relationship)
        shared = note.share(actor="ana", at=T0)
        replay = attrs.evolve(shared, id=written.id)
        with pytest.raises(StorageError):
            storage.commit(Change(saves=(Saved(note, note.version - 1),), events=(replay,)))
        assert storage.load(Note, note.id).state is NoteState.WRITTEN
        assert storage.events(note.id) == [written]

    # -- events ----------------------------------------------------------------------

    def test_events_come_back_in_order_per_object_and_relationship(self, storage: Storage) -> None:
        """Events are kept in order, queryable per object and per relationship."""
        relationship = self.start(storage)
        note, written = self.new_note(storage, relationship)
        shared = note.share(actor="ana", at=T0)
        self.move(storage, note, shared)
        read = note.read(actor="ben", at=T0)
        self.move(storage, note, read)
        assert storage.events(note.id) == [written, shared, read]
        assert [e.TAG for e in storage.relationship_events(relationship.id)] == [
            "relationship.invited",
            "relationship.invitation_accepted",
            "note.written",
            "note.shared",
            "note.read",
        ]
        assert storage.events(uuid.uuid4()) == []

    # -- due -------------------------------------------------------------------------

    def test_due_returns_objects_due_by_now_earliest_first(self, storage: Storage) -> None:
        """due() finds objects whose due time passed, earliest first, within limit."""
        relationship = self.start(storage)
        due_at: dict[uuid.UUID, datetime] = {}
        for days in (3, 1, 2):
            note, _ = self.new_note(storage, relationship, reply_in=timedelta(days=days))
            self.move(storage, note, note.share(actor="ana", at=T0))
            assert note.due_at is not None
            due_at[note.id] = note.due_at
        in_order = sorted(due_at, key=due_at.__getitem__)
        first, second, last = (due_at[i] for i in in_order)
        assert storage.due(first - timedelta(microseconds=1)) == []
        assert [n.id for n in storage.due(second)] == in_order[:2]
        assert [n.id for n in storage.due(last + timedelta(days=1), limit=1)] == in_order[:1]
        # Any aware instant works, whatever its zone: the same moment 5 hours west of UTC.
        west = timezone(timedelta(hours=-5))
        assert [n.id for n in storage.due(second.astimezone(west))] == in_order[:2]

    def test_an_object_no_longer_due_is_not_returned(self, storage: Storage) -> None:
        """A move that clears the due time takes the object off the due list."""
        relationship = self.start(storage)
        note, _ = self.new_note(storage, relationship)
        self.move(storage, note, note.share(actor="ana", at=T0))
        self.move(storage, note, note.read(actor="ben", at=T0))
        assert storage.due(T0 + timedelta(days=30)) == []
        assert storage.next_due() is None

    def test_next_due_is_the_earliest_due_time_stored(self, storage: Storage) -> None:
        """next_due() is the earliest due time of any object, as an aware UTC instant."""
        assert storage.next_due() is None
        relationship = self.start(storage)
        times = []
        for days in (3, 1, 2):
            note, _ = self.new_note(storage, relationship, reply_in=timedelta(days=days))
            self.move(storage, note, note.share(actor="ana", at=T0))
            assert note.due_at is not None
            times.append(note.due_at)
        first = storage.next_due()
        assert first == min(times)
        assert first is not None
        assert first.utcoffset() == timedelta(0)

    # -- outbox ----------------------------------------------------------------------

    def test_outbox_keeps_notifications_until_delivered(self, storage: Storage) -> None:
        """Notifications stay pending, oldest first, until marked delivered."""
        relationship = self.start(storage)
        first, _ = self.new_note(storage, relationship)
        second, _ = self.new_note(storage, relationship)
        self.move(storage, first, first.share(actor="ana", at=T0))
        self.move(storage, second, second.share(actor="ana", at=T0))
        pending = storage.pending_notifications()
        assert [n.subject_id for n in pending] == [first.id, second.id]
        assert all(isinstance(n, Notification) for n in pending)
        storage.mark_delivered([pending[0].id], T0)
        assert [n.id for n in storage.pending_notifications()] == [pending[1].id]
        storage.mark_delivered([pending[0].id], T0)  # twice is harmless
        storage.mark_delivered([uuid.uuid4()], T0)  # and so is an unknown id
        assert [n.id for n in storage.pending_notifications()] == [pending[1].id]
        assert len(storage.pending_notifications(limit=0)) == 0
        storage.discard_notifications([pending[1].id, uuid.uuid4()])  # out for good
        assert storage.pending_notifications() == []
        assert storage.parked_notifications() == []

    def test_a_notification_is_stored_once(self, storage: Storage) -> None:
        """Committing a notification id twice keeps one copy (ids are stable)."""
        relationship = self.start(storage)
        note, _ = self.new_note(storage, relationship)
        event = note.share(actor="ana", at=T0)
        notes = self.notes_of(event, note)
        self.move(storage, note, event)
        storage.commit(Change(saves=(), events=(), notifications=notes))
        assert [n.id for n in storage.pending_notifications()] == [notes[0].id]

    def test_a_notification_keeps_its_workflows_kind(self, storage: Storage) -> None:
        """A notification's kind loads back as the very enum member of its workflow."""
        relationship = self.start(storage)
        note, _ = self.new_note(storage, relationship)
        event = note.share(actor="ana", at=T0)
        self.move(storage, note, event)
        (stored,) = storage.pending_notifications()
        assert stored == self.notes_of(event, note)[0]
        assert stored.kind is self.notes_of(event, note)[0].kind

    # -- what no storage can keep -----------------------------------------------------

    def test_text_no_storage_can_keep_is_refused_alike(self, storage: Storage) -> None:
        """A lone surrogate is refused with InvalidInput by every storage, and nothing is kept."""
        relationship = self.start(storage)
        note, event = Note.write(
            relationship_id=relationship.id,
            author="ana",
            reader="ben",
            text="thank you \ud800",
            reply_by=T0 + timedelta(days=1),
            at=T0,
        )
        with pytest.raises(InvalidInput):
            storage.commit(Change(saves=(Saved(note, 0),), events=(event,)))
        with pytest.raises(NotFound):
            storage.load(Note, note.id)
        assert storage.events(note.id) == []

    @pytest.mark.parametrize("limit", [-1, 1.5, "x", None, 2**63, True])
    def test_a_limit_that_does_not_fit_is_refused_alike(
        self, storage: Storage, limit: object
    ) -> None:
        """Every storage refuses the same limits with InvalidInput (none silently drops rows)."""
        for call in (
            lambda: storage.due(T0, limit=limit),  # type: ignore[arg-type]
            lambda: storage.pending_notifications(limit=limit),  # type: ignore[arg-type]
            lambda: storage.parked_notifications(limit=limit),  # type: ignore[arg-type]
        ):
            with pytest.raises(InvalidInput):
                call()

    # -- persistence -----------------------------------------------------------------

    def test_what_was_committed_survives_reopening(self, storage: Storage) -> None:
        """Everything committed reads back, through a new connection where the storage has one."""
        relationship = self.start(storage)
        note, _ = self.new_note(storage, relationship)
        event = note.share(actor="ana", at=T0)
        self.move(storage, note, event)
        again = self.reopen(storage) or storage
        try:
            assert _snapshot(again.load(Note, note.id)) == _snapshot(note)
            assert _snapshot(again.load(Relationship, relationship.id)) == _snapshot(relationship)
            assert again.events(note.id)[-1] == event
            assert [n.event_id for n in again.pending_notifications()] == [event.id]
        finally:
            if again is not storage:
                again.close()
