"""The identity map stays bounded, hands out copies only, and a fresh storage starts cold."""

from __future__ import annotations

import uuid
from datetime import timedelta

from conftest import START
from repairkit.adapters import SQLiteStorage
from repairkit.adapters._identity import SIZE, IdentityMap
from repairkit.ports import Change, Saved
from repairkit.testing import CONTRACT_WORKFLOWS, Note

RELATIONSHIP = uuid.uuid4()


def _note(i: int) -> Note:
    note, _ = Note.write(
        relationship_id=RELATIONSHIP,
        author="ana",
        reader="ben",
        text=f"note {i}",
        reply_by=START + timedelta(days=1),
        at=START,
    )
    return note


def test_the_map_forgets_the_oldest_beyond_its_size():
    """Past its size the map forgets the objects it remembered first."""
    known = IdentityMap(size=3)
    notes = [_note(i) for i in range(5)]
    for note in notes:
        known.remember(Change(saves=(Saved(note, 0),), events=()))
    assert [known.get(n.id) is None for n in notes] == [True, True, False, False, False]
    assert SIZE == 4096


def test_the_map_hands_out_copies_of_the_version_it_holds():
    """A copy comes back only for the very version saved; changing it changes nothing held."""
    known = IdentityMap()
    note = _note(0)
    known.remember(Change(saves=(Saved(note, 0),), events=()))
    copy = known.copy_at(note.id, note.version)
    assert copy is not None
    assert copy is not note
    copy.text = "changed"
    again = known.copy_at(note.id, note.version)
    assert again is not None
    assert again.text == "note 0"
    assert known.copy_at(note.id, note.version + 1) is None


def test_a_fresh_storage_decodes_what_another_saved(tmp_path):
    """A storage opened afresh has filled no identity map: it reads the file."""
    path = tmp_path / "cold.db"
    warm = SQLiteStorage(path, workflows=CONTRACT_WORKFLOWS)
    note = _note(0)
    warm.commit(Change(saves=(Saved(note, 0),), events=()))
    cold = SQLiteStorage(path, workflows=CONTRACT_WORKFLOWS)
    try:
        assert cold._known.get(note.id) is None
        assert cold.load(Note, note.id).text == "note 0"
        assert warm._known.get(note.id) is not None
    finally:
        cold.close()
        warm.close()


def test_a_loaded_object_is_kept_unless_a_newer_one_is_held():
    """`keep` remembers what a load decoded; it never puts an older version over a newer."""
    known = IdentityMap(size=2)
    first, second, third = (_note(i) for i in range(3))
    assert known.keep(first.id, 3, first) is first
    held = known.copy_at(first.id, 3)
    assert held is not first
    assert held.text == first.text
    known.keep(first.id, 2, _note(9))  # an older row read late: left out
    assert known.copy_at(first.id, 3).text == "note 0"
    known.keep(second.id, 1, second)
    known.keep(third.id, 1, third)  # the size holds: the first is forgotten
    assert known.get(first.id) is None


def test_an_object_pushed_out_by_many_saves_is_decoded_once_more_then_kept(tmp_path):
    """A relationship's row read by every command stays decoded once per version."""
    storage = SQLiteStorage(tmp_path / "kept.db", workflows=CONTRACT_WORKFLOWS)
    storage._known = IdentityMap(size=4)
    try:
        often = _note(0)
        storage.commit(Change(saves=(Saved(often, 0),), events=()))
        for i in range(1, 6):  # more saves than the map holds
            storage.commit(Change(saves=(Saved(_note(i), 0),), events=()))
        assert storage._known.get(often.id) is None
        loaded = storage.load(Note, often.id)
        assert storage._known.get(often.id)[0] == loaded.version
        again = storage.load(Note, often.id)
        assert again is not loaded
        assert again.text == loaded.text
    finally:
        storage.close()
