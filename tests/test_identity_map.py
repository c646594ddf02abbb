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
