"""The storage contract's part on `Storage.edge_events` (`StorageContract` includes it).

A read path reads both ends of each object's events to show the other partner's untold
moves to the day only (docs/safety.md, rule 4). Events private to someone are passed
over: they leave nothing in the other partner's copy, so a run of them must never push
a shared move out of what is read. Every storage answers what the whole history,
filtered, answers.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, time, timedelta

from repairkit.core.events import DomainEvent
from repairkit.core.quiet import QuietHours
from repairkit.core.relationship import Relationship
from repairkit.core.settings import RelationshipSettings
from repairkit.ports import Change, Saved, Storage
from repairkit.testing.notes import Note

__all__ = ["EdgeContract", "edges_of"]

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def edges_of(events: list[DomainEvent], last: int) -> list[DomainEvent]:
    """What `Storage.edge_events` answers, from an object's whole history *events*."""
    shared = [event for event in events if event.private_to is None]
    rest = shared[1:]
    return shared[:1] + rest[max(len(rest) - max(last, 0), 0) :]


def _moved(storage: Storage, obj: Relationship | Note, event: DomainEvent) -> DomainEvent:
    storage.commit(Change(saves=(Saved(obj, obj.version - 1),), events=(event,)))
    return event


class EdgeContract:
    """What every storage answers to `Storage.edge_events`."""

    def test_edge_events_pass_over_private_events(self, storage: Storage) -> None:
        """A note's private writing is never an edge: its sharing is its first event."""
        relationship, invited = Relationship.invite(
            actor="ana", partner="ben", settings=RelationshipSettings(), at=T0
        )
        storage.commit(Change(saves=(Saved(relationship, 0),), events=(invited,)))
        note, written = Note.write(
            relationship_id=relationship.id,
            author="ana",
            reader="ben",
            text="Thank you for the walk.",
            reply_by=T0 + timedelta(days=1),
            at=T0,
        )
        storage.commit(Change(saves=(Saved(note, 0),), events=(written,)))
        assert written.private_to == "ana"
        assert storage.edge_events(note.id, last=3) == []  # every event private: none
        shared = _moved(storage, note, note.share(actor="ana", at=T0))
        assert storage.edge_events(note.id, last=1) == [shared]  # first and last: once
        read = _moved(storage, note, note.read(actor="ben", at=T0))
        assert storage.edge_events(note.id, last=1) == [shared, read]
        assert storage.edge_events(note.id, last=5) == [shared, read]  # fewer than asked
        assert storage.edge_events(note.id, last=0) == [shared]
        assert storage.events(note.id) == [written, shared, read]  # kept all the same
        assert storage.edge_events(relationship.id, last=2) == [invited]
        assert storage.edge_events(uuid.uuid4(), last=3) == []

    def test_private_moves_never_push_a_shared_move_out_of_the_edges(
        self, storage: Storage
    ) -> None:
        """Ben's pause, then more private moves of his than any read: the pause is an edge."""
        relationship, invited = Relationship.invite(
            actor="ana", partner="ben", settings=RelationshipSettings(), at=T0
        )
        accepted = relationship.accept_invitation(actor="ben", at=T0)
        storage.commit(Change(saves=(Saved(relationship, 0),), events=(invited, accepted)))
        at = T0
        paused = []
        for _ in range(2):
            at += timedelta(minutes=10)
            paused.append(_moved(storage, relationship, relationship.pause(actor="ben", at=at)))
            at += timedelta(minutes=1)
            back = _moved(storage, relationship, relationship.come_back(actor="ben", at=at))
            assert back.private_to == "ben"
            for hour in range(6):
                at += timedelta(minutes=1)
                quiet = QuietHours(starts=time(18 + hour, 0), ends=time(7, 0))
                moved = relationship.set_quiet_hours(actor="ben", quiet_hours=quiet, at=at)
                _moved(storage, relationship, moved)
        history = storage.events(relationship.id)
        assert len(history) == 2 + 2 * 8
        assert storage.edge_events(relationship.id, last=1) == [invited, paused[1]]
        assert storage.edge_events(relationship.id, last=2) == [invited, *paused]
        for last in range(6):
            assert storage.edge_events(relationship.id, last=last) == edges_of(history, last)
