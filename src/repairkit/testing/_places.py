"""The storage contract's part on one at a time (`StorageContract` includes it).

A workflow declares the place an open object holds (`WorkflowSpec.one_at_a_time`): one
open check-in session per relationship, one open time-out per caller. A command reads
first and adds after, so two commands racing can both pass the read; the storage is
the last word: inside the commit's transaction, it refuses a change that would leave
two objects of one kind and relationship holding one place, with `ConcurrencyConflict`
(``one_at_a_time`` True), and writes nothing of it. Each save of a change is taken in
turn, as a database's unique index takes each row: a place given up by one save can be
taken by a later save of the same change, never by an earlier one. The contract's
`Note` holds its `Note.place` until it is read or let be.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from repairkit.core.events import DomainEvent
from repairkit.core.relationship import Relationship
from repairkit.core.settings import RelationshipSettings
from repairkit.core.spec import ONE_AT_A_TIME
from repairkit.errors import ConcurrencyConflict, NotFound
from repairkit.ports import Change, Saved, Storage
from repairkit.testing.notes import Note

__all__ = ["PlacesContract"]

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _couple(storage: Storage) -> Relationship:
    relationship, event = Relationship.invite(
        actor="ana", partner="ben", settings=RelationshipSettings(), at=T0
    )
    accepted = relationship.accept_invitation(actor="ben", at=T0)
    storage.commit(Change(saves=(Saved(relationship, 0),), events=(event, accepted)))
    return relationship


def _note(relationship: Relationship, place: str | None) -> tuple[Note, DomainEvent]:
    return Note.write(
        relationship_id=relationship.id,
        author="ana",
        reader="ben",
        text="Thank you for the walk on Sunday; it helped.",
        reply_by=T0 + timedelta(days=1),
        at=T0,
        place=place,
    )


def _stored(storage: Storage, note: Note, event: DomainEvent) -> Note:
    storage.commit(Change(saves=(Saved(note, 0),), events=(event,)))
    return note


def _unstored(storage: Storage, note: Note) -> None:
    with pytest.raises(NotFound):
        storage.load(Note, note.id)
    assert storage.events(note.id) == []


class PlacesContract:
    """What every storage promises about places held one at a time."""

    def test_a_place_is_held_by_one_object_at_a_time(self, storage: Storage) -> None:
        """A second note in the place is refused, typed, and nothing of it is written."""
        couple = _couple(storage)
        holder = _stored(storage, *_note(couple, "the porch"))
        second, written = _note(couple, "the porch")
        with pytest.raises(ConcurrencyConflict) as refused:
            storage.commit(Change(saves=(Saved(second, 0),), events=(written,)))
        assert refused.value.one_at_a_time
        assert (refused.value.kind, refused.value.id) == ("note", second.id)
        _unstored(storage, second)
        assert [n.id for n in storage.load_all(Note, couple.id)] == [holder.id]
        held = storage.load_keyed(Note, couple.id, ONE_AT_A_TIME, "the porch")
        assert [n.id for n in held] == [holder.id]

    def test_places_are_per_relationship_and_value(self, storage: Storage) -> None:
        """Another place, another relationship, or no place at all: each is stored."""
        couple, other = _couple(storage), _couple(storage)
        _stored(storage, *_note(couple, "the porch"))
        for relationship, place in ((couple, "the garden"), (other, "the porch")):
            _stored(storage, *_note(relationship, place))
        for _ in range(2):
            _stored(storage, *_note(couple, None))
        assert len(storage.load_all(Note, couple.id)) == 4

    def test_the_holder_keeps_its_place_as_it_moves_then_gives_it_up(
        self, storage: Storage
    ) -> None:
        """Its own moves keep the place; once it is read, the next note takes it."""
        couple = _couple(storage)
        holder = _stored(storage, *_note(couple, "the porch"))
        shared = holder.share(actor="ana", at=T0)
        storage.commit(Change(saves=(Saved(holder, holder.version - 1),), events=(shared,)))
        held = storage.load_keyed(Note, couple.id, ONE_AT_A_TIME, "the porch")
        assert [n.id for n in held] == [holder.id]
        read = holder.read(actor="ben", at=T0)
        storage.commit(Change(saves=(Saved(holder, holder.version - 1),), events=(read,)))
        assert storage.load_keyed(Note, couple.id, ONE_AT_A_TIME, "the porch") == []
        after = _stored(storage, *_note(couple, "the porch"))
        held = storage.load_keyed(Note, couple.id, ONE_AT_A_TIME, "the porch")
        assert [n.id for n in held] == [after.id]

    def test_a_place_given_up_earlier_in_a_change_can_be_taken(self, storage: Storage) -> None:
        """Saves are taken in turn: giving up, then taking, is one change that fits."""
        couple = _couple(storage)
        holder = _stored(storage, *_note(couple, "the porch"))
        shared = holder.share(actor="ana", at=T0)
        storage.commit(Change(saves=(Saved(holder, holder.version - 1),), events=(shared,)))
        read = holder.read(actor="ben", at=T0)
        after, written = _note(couple, "the porch")
        storage.commit(
            Change(
                saves=(Saved(holder, holder.version - 1), Saved(after, 0)), events=(read, written)
            )
        )
        held = storage.load_keyed(Note, couple.id, ONE_AT_A_TIME, "the porch")
        assert [n.id for n in held] == [after.id]

    def test_a_place_taken_before_it_is_given_up_is_refused_whole(self, storage: Storage) -> None:
        """Taking first, then giving up, in one change: refused alike, and nothing written."""
        couple = _couple(storage)
        holder = _stored(storage, *_note(couple, "the porch"))
        shared = holder.share(actor="ana", at=T0)
        storage.commit(Change(saves=(Saved(holder, holder.version - 1),), events=(shared,)))
        read = holder.read(actor="ben", at=T0)
        after, written = _note(couple, "the porch")
        with pytest.raises(ConcurrencyConflict):
            storage.commit(
                Change(
                    saves=(Saved(after, 0), Saved(holder, holder.version - 1)),
                    events=(written, read),
                )
            )
        _unstored(storage, after)
        assert storage.load(Note, holder.id).version == holder.version - 1

    def test_two_new_objects_in_one_place_in_one_change_are_refused(self, storage: Storage) -> None:
        """One change may not hold a place twice either; nothing of it is written."""
        couple = _couple(storage)
        (first, one), (second, two) = _note(couple, "the porch"), _note(couple, "the porch")
        with pytest.raises(ConcurrencyConflict):
            storage.commit(Change(saves=(Saved(first, 0), Saved(second, 0)), events=(one, two)))
        _unstored(storage, first)
        _unstored(storage, second)

    def test_a_place_taken_through_another_connection_is_refused(self, storage: Storage) -> None:
        """Two connections to the same data: the second note in one place is refused."""
        couple = _couple(storage)
        reopen = getattr(self, "reopen", lambda _storage: None)
        other: Storage = reopen(storage) or storage
        try:
            _stored(other, *_note(couple, "the porch"))
            second, written = _note(couple, "the porch")
            with pytest.raises(ConcurrencyConflict):
                storage.commit(Change(saves=(Saved(second, 0),), events=(written,)))
            _unstored(storage, second)
        finally:
            if other is not storage:
                other.close()
