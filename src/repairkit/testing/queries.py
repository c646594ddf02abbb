"""The storage contract's part on the port's queries (`StorageContract` includes it).

Every query must answer what a plain scan (``load_all`` and a filter) answers, on
every storage, after any history: `QueryContract.test_queries_agree_with_a_scan`
draws random histories of notes with hypothesis and compares. The other tests pin
each query's order, cursor and refusals.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from repairkit.adapters._keys import index_keys
from repairkit.core.events import DomainEvent
from repairkit.core.relationship import Relationship
from repairkit.core.settings import RelationshipSettings
from repairkit.core.spec import Registry
from repairkit.errors import InvalidInput, NotFound
from repairkit.ports import Change, DayLimit, LimitReached, Saved, Storage
from repairkit.testing.notes import Note, NoteState

__all__ = ["QueryContract", "agree_with_a_scan"]

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
_TEXTS = ("Thank you for Sunday.", "thank you, for sunday!", "The walk helped.")
_KEYS = (
    *(("asked", p) for p in ("ana", "ben")),
    *(("author", p) for p in ("ana", "ben")),
    ("words", "thank you for sunday"),
    ("words", "the walk helped"),
)
_STATES = (None, (), ("shared",), ("written", "read"), ("let be",))

_step = st.tuples(
    st.sampled_from(("write", "share", "read", "let_be")),
    st.integers(0, 30),
    st.sampled_from(("ana", "ben")),
    st.integers(0, 2),
    st.integers(1, 72),
)


def _start(storage: Storage, at: datetime = T0) -> Relationship:
    relationship, event = Relationship.invite(
        actor="ana", partner="ben", settings=RelationshipSettings(), at=at
    )
    accepted = relationship.accept_invitation(actor="ben", at=at)
    storage.commit(Change(saves=(Saved(relationship, 0),), events=(event, accepted)))
    return relationship


def _write(
    storage: Storage,
    relationship: Relationship,
    author: str,
    text: str,
    *,
    at: datetime,
    hours: int,
) -> Note:
    note, event = Note.write(
        relationship_id=relationship.id,
        author=author,
        reader="ben" if author == "ana" else "ana",
        text=text,
        reply_by=at + timedelta(hours=hours),
        at=at,
    )
    storage.commit(Change(saves=(Saved(note, 0),), events=(event,)))
    return note


def _write_marked(
    storage: Storage,
    relationship: Relationship,
    *,
    at: datetime,
    new_item: bool = True,
    limit: DayLimit | None = None,
) -> Note:
    """Store a note of Ana's whose event is marked a new item (or not), under *limit*."""
    note, event = Note.write(
        relationship_id=relationship.id,
        author="ana",
        reader="ben",
        text=_TEXTS[0],
        reply_by=at + timedelta(hours=1),
        at=at,
    )
    event = attrs.evolve(event, new_item=new_item)
    storage.commit(Change(saves=(Saved(note, 0),), events=(event,), limit=limit))
    return note


def _move(storage: Storage, note: Note, event: DomainEvent | None) -> None:
    if event is not None:
        storage.commit(Change(saves=(Saved(note, note.version - 1),), events=(event,)))


def _play(storage: Storage, relationship: Relationship, steps: list[Any]) -> None:
    """Apply random *steps* to notes of *relationship*; a move not allowed is passed over."""
    notes: list[Note] = []
    at = T0
    for action, pick, person, text, hours in steps:
        at += timedelta(minutes=hours * 7)
        if action == "write" or not notes:
            notes.append(_write(storage, relationship, person, _TEXTS[text], at=at, hours=hours))
            continue
        note = storage.load(Note, notes[pick % len(notes)].id)
        if action == "share" and note.state is NoteState.WRITTEN:
            _move(storage, note, note.share(actor=note.author, at=at))
        elif action == "read" and note.state is NoteState.SHARED:
            _move(storage, note, note.read(actor=note.reader, at=at))
        elif action == "let_be":
            _move(storage, note, note.on_due(note.reply_by))


def _pages(storage: Storage, relationship_id: uuid.UUID, states: Any, size: int) -> list[uuid.UUID]:  # noqa: ANN401
    found: list[uuid.UUID] = []
    while True:
        after = found[-1] if found else None
        page = storage.load_page(Note, relationship_id, states=states, after=after, limit=size)
        found.extend(n.id for n in page)
        if len(page) < size:
            return found


def agree_with_a_scan(storage: Storage, workflows: Registry, relationship_id: uuid.UUID) -> None:
    """Assert that every query on *relationship_id*'s notes answers what a plain scan does."""
    every = storage.load_all(Note, relationship_id)
    for key, value in _KEYS:
        for states in _STATES:
            scan = [
                n.id
                for n in every
                if (key, value) in index_keys(workflows, n)
                and (states is None or n.state.value in states)
            ]
            found = storage.load_keyed(Note, relationship_id, key, value, states=states)
            assert [n.id for n in found] == scan, (key, value, states)
    for states in _STATES:
        scan = [n.id for n in every if states is None or n.state.value in states]
        for size in (1, 3, 100):
            assert _pages(storage, relationship_id, states, size) == scan, (states, size)
    order = {n.id: i for i, n in enumerate(every)}
    scheduled = sorted(
        (n for n in every if n.due_at is not None), key=lambda n: (n.due_at, order[n.id])
    )
    found_due = storage.load_scheduled(relationship_id, limit=1000)
    assert [o.id for o in found_due if isinstance(o, Note)] == [n.id for n in scheduled]
    events = storage.relationship_events(relationship_id)
    for actor in ("ana", "ben"):
        for since in (T0, *(e.at for e in events[::3])):
            for tags in (None, ("note.shared",), ("note.written", "note.read"), ()):
                expected = sum(
                    1
                    for e in events
                    if e.actor == actor and e.at >= since and (tags is None or e.TAG in tags)
                )
                assert storage.count_events(relationship_id, actor, since, tags=tags) == expected


class QueryContract:
    """What every storage answers to the port's queries (part of `StorageContract`)."""

    workflows: ClassVar[Registry]

    def reopen(self, storage: Storage) -> Storage | None:
        """Return a second storage on the same data, or None (see `StorageContract`)."""
        del storage
        return None

    @settings(
        max_examples=25,
        deadline=None,
        # One storage serves every example (each starts relationships of its own), and
        # each storage's subclass runs the same method: both are meant.
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.differing_executors,
        ],
    )
    @given(steps=st.lists(_step, max_size=25))
    def test_queries_agree_with_a_scan(self, storage: Storage, steps: list[Any]) -> None:
        """After any history, each query answers what load_all and a filter answer."""
        relationship = _start(storage)  # one relationship per example: queries are per relationship
        other = _start(storage)
        _play(storage, relationship, steps)
        _play(storage, other, steps[::2])
        agree_with_a_scan(storage, self.workflows, relationship.id)

    def test_keyed_objects_come_oldest_first_and_follow_each_save(self, storage: Storage) -> None:
        """load_keyed answers from the keys as of each object's last save."""
        relationship = _start(storage)
        first = _write(storage, relationship, "ana", _TEXTS[0], at=T0, hours=24)
        second = _write(
            storage, relationship, "ana", _TEXTS[1], at=T0 + timedelta(hours=1), hours=24
        )
        third = _write(
            storage, relationship, "ben", _TEXTS[2], at=T0 + timedelta(hours=2), hours=24
        )
        words = "thank you for sunday"
        assert [n.id for n in storage.load_keyed(Note, relationship.id, "words", words)] == [
            first.id,
            second.id,
        ]
        assert storage.load_keyed(Note, relationship.id, "asked", "ben") == []
        for note in (second, first):
            _move(storage, note, note.share(actor="ana", at=T0 + timedelta(hours=3)))
        asked = storage.load_keyed(Note, relationship.id, "asked", "ben")
        assert [n.id for n in asked] == [first.id, second.id]
        _move(storage, first, first.read(actor="ben", at=T0 + timedelta(hours=4)))
        asked = storage.load_keyed(Note, relationship.id, "asked", "ben")
        assert [n.id for n in asked] == [second.id]
        read = storage.load_keyed(Note, relationship.id, "author", "ana", states=["read"])
        assert [n.id for n in read] == [first.id]
        assert [n.id for n in storage.load_keyed(Note, relationship.id, "author", "ben")] == [
            third.id
        ]
        assert storage.load_keyed(Note, _start(storage).id, "author", "ana") == []
        assert storage.load_keyed(Relationship, relationship.id, "author", "ana") == []

    def test_a_page_follows_its_cursor(self, storage: Storage) -> None:
        """load_page returns creation order from after the cursor, up to the limit."""
        relationship = _start(storage)
        notes = [
            _write(storage, relationship, "ana", _TEXTS[0], at=T0 + timedelta(minutes=i), hours=24)
            for i in range(5)
        ]
        _move(storage, notes[3], notes[3].share(actor="ana", at=T0 + timedelta(hours=1)))
        ids = [n.id for n in notes]
        first = storage.load_page(Note, relationship.id, limit=2)
        assert [n.id for n in first] == ids[:2]
        rest = storage.load_page(Note, relationship.id, after=first[-1].id, limit=10)
        assert [n.id for n in rest] == ids[2:]
        written = storage.load_page(Note, relationship.id, states=["written"], after=ids[1])
        assert [n.id for n in written] == [ids[2], ids[4]]
        assert storage.load_page(Note, relationship.id, limit=0) == []
        with pytest.raises(NotFound):
            storage.load_page(Note, relationship.id, after=uuid.uuid4())
        with pytest.raises(NotFound):  # a cursor of another relationship
            storage.load_page(Note, _start(storage).id, after=ids[0])
        with pytest.raises(InvalidInput):
            storage.load_page(Note, relationship.id, limit=-1)

    def test_scheduled_objects_come_earliest_first(self, storage: Storage) -> None:
        """load_scheduled returns the relationship's objects with a due time, soonest first."""
        relationship = _start(storage)
        late = _write(storage, relationship, "ana", _TEXTS[0], at=T0, hours=48)
        soon = _write(storage, relationship, "ana", _TEXTS[0], at=T0, hours=2)
        _write(
            storage, relationship, "ana", _TEXTS[0], at=T0, hours=1
        )  # written, not shared: not due
        for note in (late, soon):
            _move(storage, note, note.share(actor="ana", at=T0))
        elsewhere = _write(storage, _start(storage), "ana", _TEXTS[0], at=T0, hours=1)
        _move(storage, elsewhere, elsewhere.share(actor="ana", at=T0))
        assert [o.id for o in storage.load_scheduled(relationship.id)] == [soon.id, late.id]
        assert [o.id for o in storage.load_scheduled(relationship.id, limit=1)] == [soon.id]

    def test_scheduled_objects_come_in_pages(self, storage: Storage) -> None:
        """load_scheduled pages by due time, from the due time stored now for *after*.

        Ties of due time come in the order the objects were made (their list order).
        """
        relationship = _start(storage)
        notes = [
            _write(storage, relationship, "ana", _TEXTS[0], at=T0, hours=hours)
            for hours in (5, 2, 5, 9, 2)
        ]
        for note in notes:
            _move(storage, note, note.share(actor="ana", at=T0))
        made = {n.id: index for index, n in enumerate(notes)}
        expected = [n.id for n in sorted(notes, key=lambda n: (n.reply_by, made[n.id]))]
        assert [o.id for o in storage.load_scheduled(relationship.id)] == expected
        pages, after = [], None
        while page := storage.load_scheduled(relationship.id, limit=2, after=after):
            pages.append([o.id for o in page])
            after = page[-1].id
        assert [i for p in pages for i in p] == expected
        assert [len(p) for p in pages] == [2, 2, 1]
        unshared = _write(storage, relationship, "ana", _TEXTS[0], at=T0, hours=1)
        for unknown in (uuid.uuid4(), unshared.id):  # none stored; stored, with no due time
            with pytest.raises(NotFound):
                storage.load_scheduled(relationship.id, after=unknown)
        with pytest.raises(NotFound):  # scheduled, in another relationship
            storage.load_scheduled(_start(storage).id, after=expected[0])
        with pytest.raises(InvalidInput):
            storage.load_scheduled(relationship.id, after="not an id")  # type: ignore[arg-type]

    def test_events_are_counted_by_actor_time_and_tag(self, storage: Storage) -> None:
        """count_events counts one person's events since a time, optionally of some tags."""
        relationship = _start(storage)
        hour = timedelta(hours=1)
        notes = [
            _write(storage, relationship, "ana", _TEXTS[0], at=T0 + i * hour, hours=24)
            for i in range(3)
        ]
        _move(storage, notes[2], notes[2].share(actor="ana", at=T0 + 3 * hour))
        _write(storage, relationship, "ben", _TEXTS[0], at=T0 + 4 * hour, hours=24)
        count = storage.count_events
        assert count(relationship.id, "ana", T0) == 5  # her invitation, 3 notes, 1 share
        assert count(relationship.id, "ana", T0 + hour) == 3
        assert count(relationship.id, "ana", T0 + hour, tags=["note.shared"]) == 1
        assert count(relationship.id, "ana", T0, tags=[]) == 0
        assert count(relationship.id, "ben", T0) == 2  # his acceptance, 1 note
        assert count(_start(storage).id, "ana", T0 + hour) == 0
        elsewhere = (T0 + 2 * hour).astimezone(ZoneInfo("Europe/Paris"))
        assert count(relationship.id, "ana", elsewhere) == 2  # any time zone, the same instant

    def test_new_items_are_counted_apart_and_a_day_limit_holds(self, storage: Storage) -> None:
        """Only marked events count as new items; past a DayLimit a commit writes nothing.

        `Change.limit` is checked inside the transaction: `LimitReached`, nothing stored.
        """
        relationship = _start(storage)
        first = _write_marked(storage, relationship, at=T0, new_item=True)
        _write_marked(storage, relationship, at=T0 + timedelta(minutes=1), new_item=False)
        count = storage.count_events
        assert count(relationship.id, "ana", T0, new_items=True) == 1
        assert count(relationship.id, "ana", T0) == 3  # her invitation and both notes
        limit = DayLimit(since=T0, most=2)
        _write_marked(storage, relationship, at=T0 + timedelta(minutes=2), limit=limit)
        before = [n.id for n in storage.load_all(Note, relationship.id)]
        with pytest.raises(LimitReached):
            _write_marked(storage, relationship, at=T0 + timedelta(minutes=3), limit=limit)
        assert [n.id for n in storage.load_all(Note, relationship.id)] == before
        assert count(relationship.id, "ana", T0, new_items=True) == 2
        later = DayLimit(since=T0 + timedelta(minutes=1), most=2)  # the first is before it
        _write_marked(storage, relationship, at=T0 + timedelta(minutes=4), limit=later)
        assert storage.load(Note, first.id).version == 1
        with pytest.raises(InvalidInput):
            count(relationship.id, "ana", T0, new_items="yes")  # type: ignore[arg-type]

    def test_a_query_given_what_it_cannot_use_is_refused_alike(self, storage: Storage) -> None:
        """Keys that are not text, lone text as tags and naive times raise InvalidInput."""
        relationship = _start(storage)
        with pytest.raises(InvalidInput):
            storage.load_keyed(Note, relationship.id, "author", 7)  # type: ignore[arg-type]
        with pytest.raises(InvalidInput):
            storage.count_events(relationship.id, "ana", T0, tags="note.shared")
        with pytest.raises(InvalidInput):
            storage.count_events(relationship.id, "ana", datetime(2026, 3, 2))  # noqa: DTZ001
        with pytest.raises(InvalidInput):
            storage.load_page(Note, relationship.id, after="not an id")  # type: ignore[arg-type]

    def test_queries_answer_the_same_after_reopening(self, storage: Storage) -> None:
        """A second storage on the same data answers every query as the first.

        A storage that keeps nothing between connections (memory) is asked again itself.
        """
        relationship = _start(storage)
        _play(
            storage,
            relationship,
            [("write", 0, "ana", 0, 5), ("share", 0, "ana", 0, 1), ("write", 0, "ben", 2, 9)],
        )
        again = self.reopen(storage)
        if again is None:  # it keeps nothing between connections: the one storage answers
            agree_with_a_scan(storage, self.workflows, relationship.id)
            return
        try:
            agree_with_a_scan(again, self.workflows, relationship.id)
        finally:
            again.close()
