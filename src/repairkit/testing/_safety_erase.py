"""The safety suite's erasure rule: after ``kit.erase``, nothing a person wrote is readable.

A mixin of `repairkit.testing.SafetyContract` (docs/your-data.md). Every workflow
declares what of its objects is a person's (`WorkflowSpec.personal`); a random history
of each is played, Ana is erased, and then none of the texts she wrote (as the
declarations name them, and every copy of them) is readable from the storage: no
object of any kind, no event, no notification; for SQLite, not even in the bytes of
the file and its ``-wal`` and ``-shm`` files. Ben still reads what he needs, and a
bad person id changes nothing.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from repairkit.adapters.codec import codec_for
from repairkit.core.personal import ERASED, PersonalData, authorship, texts_by
from repairkit.core.relationship import Relationship
from repairkit.core.spec import WorkflowSpec
from repairkit.core.values import MAX_LIMIT
from repairkit.errors import InvalidInput, NotFound
from repairkit.ports import Storage
from repairkit.testing._histories import SUITE, Histories, _World

__all__ = ["ErasureRule", "stored_texts"]

_ERASED = "ana"
"""Whose data is erased: Ana's."""
_RAW_SHORTEST = 8
"""Texts this long or longer are looked for in a SQLite file's raw bytes."""


def _strings(value: Any) -> Iterator[str]:  # noqa: ANN401 - plain JSON values
    """Yield every text inside *value*, at any depth."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def _personal(spec: WorkflowSpec[Any] | None) -> PersonalData:
    return PersonalData() if spec is None or spec.personal is None else spec.personal


def stored_texts(world: _World) -> list[Any]:
    """Return everything the storage keeps of the world's relationship, as plain JSON."""
    kit, storage = world.kit, world.stored
    plain = codec_for(kit.workflows)
    found: list[Any] = [plain.unstructure(storage.load(Relationship, world.relationship))]
    for spec in kit.workflows.specs[1:]:
        found.extend(
            plain.unstructure(o)
            for o in storage.load_page(spec.entity, world.relationship, limit=MAX_LIMIT)
        )
    events = storage.relationship_events(world.relationship)
    found.extend(plain.unstructure_event(e) for e in events)
    ids = [uuid.uuid5(e.id, p) for e in events for p in ("ana", "ben")]
    found.extend(plain.unstructure(n) for n in storage.notifications(ids))
    found.extend(plain.unstructure(n) for n in storage.pending_notifications(limit=MAX_LIMIT))
    found.extend(plain.unstructure(n) for n in storage.parked_notifications(limit=MAX_LIMIT))
    return found


def _written_by(world: _World, person: str) -> set[str]:
    """Return the texts *person* wrote in the world's relationship, as the declarations say.

    Words that are the other partner's (`authorship`: they wrote them first, or an
    object names them as theirs) stay theirs when *person* repeats them, so they are
    not among *person*'s.
    """
    kit, storage = world.kit, world.stored
    plain = codec_for(kit.workflows)
    other = "ben" if person == "ana" else "ana"
    objects: list[tuple[Any, PersonalData]] = []
    staying: list[tuple[Any, PersonalData]] = []  # the objects the other partner sees
    gone: set[uuid.UUID] = set()
    theirs_alone: set[uuid.UUID] = set()
    untouched: set[str] = set()  # the texts of the other's own private records
    for spec in kit.workflows:
        found = (
            [storage.load(Relationship, world.relationship)]
            if spec.entity is Relationship
            else storage.load_page(spec.entity, world.relationship, limit=MAX_LIMIT)
        )
        for obj in found:
            record = (plain.unstructure(obj), _personal(spec))
            if obj.visible_to(other):
                staying.append(record)
            else:
                gone.add(obj.id)
            if spec.entity is Relationship or obj.visible_to(person):
                objects.append(record)
            else:
                theirs_alone.add(obj.id)  # the other's own: never rewritten, not hers
                untouched.update(texts_by(*record, other))
    events: list[tuple[Any, PersonalData]] = []
    history: list[tuple[Any, PersonalData]] = []  # what stays of the events, in order
    for event in storage.relationship_events(world.relationship):
        of = next((s for s in kit.workflows if type(event) in s.events), None)
        record = (plain.unstructure_event(event), _personal(of))
        if event.private_to in (None, person) and event.subject_id not in theirs_alone:
            events.append(record)
        else:
            untouched.update(texts_by(*record, other))
        if event.private_to != person and event.subject_id not in gone:
            history.append(record)
    first = authorship(history, staying, person)
    texts = {t for stored, of in [*events, *objects] for t in texts_by(stored, of, person, first)}
    theirs = {text for text, by in first.items() if by != person}  # the same words, theirs
    return texts - theirs - untouched - {ERASED}


def _raw_files(storage: Storage) -> list[str]:
    """Return the files a file-backed storage writes (SQLite: the file, -wal and -shm)."""
    path = getattr(storage, "path", None)
    if not isinstance(path, str) or path == ":memory:":
        return []
    return [p for p in (path, f"{path}-wal", f"{path}-shm") if os.path.exists(p)]  # noqa: PTH110


class ErasureRule(Histories):
    """A person's data rights: every workflow declares what is a person's; erase removes it.

    Part of `SafetyContract`; a storage's own suite may run it alone (it parametrizes
    itself over the registry's workflows).
    """

    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        """Run each rule once per workflow (with a SafetySpec, for the played histories)."""
        if "any_spec" in metafunc.fixturenames:
            metafunc.parametrize("any_spec", list(self.workflows), ids=lambda s: s.name)
        if "spec" in metafunc.fixturenames:
            specs = [s for s in self.workflows if s.safety is not None]
            metafunc.parametrize("spec", specs, ids=lambda s: s.name)

    def test_every_workflow_declares_what_is_personal(self, any_spec: WorkflowSpec[Any]) -> None:
        """Each workflow says which of its stored fields hold free text, and who wrote each.

        ``personal=PersonalData(texts={"words": "author"})`` in its `WorkflowSpec`
        (``PersonalData()`` when it keeps no free text): what ``kit.erase`` removes.
        """
        assert any_spec.personal is not None, (
            f"workflow {any_spec.name!r} declares nothing of what is a person's: add"
            " personal=PersonalData(texts={<field with free text>: <field naming its writer>,"
            " ...}) to its WorkflowSpec, or personal=PersonalData() if it keeps no free text"
            " (docs/your-data.md)."
        )

    @SUITE
    @given(data=st.data())
    def test_erase_leaves_nothing_the_person_wrote(
        self, spec: WorkflowSpec[Any], data: st.DataObject
    ) -> None:
        """After ``kit.erase("ana")`` no text Ana wrote is readable anywhere in the storage.

        A random history is played; every text the declarations name as Ana's is then
        looked for in every object, event and notification kept (exact values), and,
        for a storage kept in files, in the raw bytes of its files. Her private objects
        and events are gone; Ben still reads the relationship and its objects.
        """
        world = self._last(self._play(spec, [], data=data, close=False))
        with world.kit:
            written = _written_by(world, _ERASED)
            private = [
                o.id
                for s in world.kit.workflows.specs[1:]
                for o in world.stored.load_page(s.entity, world.relationship, limit=MAX_LIMIT)
                if not o.visible_to("ben")
            ]
            assert world.kit.erase(_ERASED) == 1
            kept = stored_texts(world)
            left = written & set(_strings(kept))
            assert not left, f"{spec.name}: erasing Ana left her texts {sorted(left)}"
            for s in world.kit.workflows.specs[1:]:
                ids = {
                    o.id
                    for o in world.stored.load_page(s.entity, world.relationship, limit=MAX_LIMIT)
                }
                assert not ids & set(private), f"{s.name}: Ana's private objects are kept"
            assert world.kit.relationships.get(world.relationship, actor="ben") is not None
            readable = json.dumps(kept, ensure_ascii=False)
            for path in _raw_files(world.stored):
                raw = Path(path).read_bytes()  # the bytes as kept
                for text in written:
                    if len(text) < _RAW_SHORTEST or text in readable:
                        continue  # too short to tell, or repairkit's own words say it too
                    for form in {text, json.dumps(text, ensure_ascii=False)[1:-1]}:
                        assert form.encode() not in raw, f"{path} still holds {text!r}"

    def test_erase_refuses_bad_input_and_changes_nothing(self, spec: WorkflowSpec[Any]) -> None:
        """A person's id that is not text, or that repairkit does not know, changes nothing."""
        world = self._world(spec, swap=False)
        with world.kit:
            before = stored_texts(world)
            for bad in (42, None, "", "nobody-here"):
                with pytest.raises((InvalidInput, NotFound)):
                    world.kit.erase(bad)  # type: ignore[arg-type]
                with pytest.raises((InvalidInput, NotFound)):
                    world.kit.export(bad)  # type: ignore[arg-type]
            assert stored_texts(world) == before
