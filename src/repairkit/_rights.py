"""A person's data rights, for the kit: ``kit.export`` (GDPR Art. 15 and 20) and ``kit.erase``.

Both walk the person's relationships (`Storage.relationships_of`, one indexed read),
and in each, every registered workflow's objects a page at a time
(`Storage.load_page`): nothing of another couple is read. What each workflow holds
of a person is declared in its spec (`WorkflowSpec.personal`, `PersonalData`). The
format and what remains after an erasure are in docs/your-data.md.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Mapping
from typing import IO, TYPE_CHECKING, Any, Final

from repairkit._leaving import LEAVE_PAGE
from repairkit.adapters.codec import codec_for
from repairkit.core.personal import PersonalData, authorship, scrub
from repairkit.core.relationship import Relationship, RelationshipState
from repairkit.core.spec import WorkflowSpec
from repairkit.core.values import PersonId, check_person_id
from repairkit.errors import InvalidInput, NotFound
from repairkit.ports import Erasure, Saved

if TYPE_CHECKING:
    from repairkit._pipeline import Runner
    from repairkit._relationships import Relationships
    from repairkit.core.events import DomainEvent

__all__ = ["EXPORT_FORMAT", "EXPORT_VERSION", "erase_person", "export_person", "write_export"]

EXPORT_FORMAT: Final = "repairkit.export"
"""The ``format`` field of every export (docs/your-data.md)."""
EXPORT_VERSION: Final = 1
"""The ``version`` field: raised whenever a field changes meaning or goes away."""

_NOTHING: Final = PersonalData()


def _person(person: object) -> PersonId:
    """Return *person* checked: a person id, `InvalidInput` (field ``person``) otherwise."""
    if not isinstance(person, str):
        raise InvalidInput("person", "needs a person's id, as text.")
    return check_person_id(person, "person")


def _relationships(runner: Runner, person: PersonId) -> list[Relationship]:
    """Return *person*'s relationships, or `NotFound` when repairkit knows nobody by that id."""
    found = runner.repository.relationships_of(person)
    if not found:
        raise NotFound("person", person)
    return found


def _objects(runner: Runner, spec: WorkflowSpec, relationship_id: uuid.UUID) -> Iterator[Any]:
    """Yield the relationship's objects of *spec*, oldest first, a page at a time."""
    after: uuid.UUID | None = None
    while True:
        page = runner.repository.load_page(
            spec.entity, relationship_id, after=after, limit=LEAVE_PAGE
        )
        yield from page
        if len(page) < LEAVE_PAGE:
            return
        after = page[-1].id


def export_person(
    runner: Runner, namespaces: dict[str, Any], relationships: Relationships, person: object
) -> dict[str, Any]:
    """Return everything *person* may see, as they see it, as plain JSON values."""
    person = _person(person)
    codec = codec_for(runner.workflows)
    now = runner.now()
    exported: list[dict[str, Any]] = []
    for relationship in _relationships(runner, person):
        own = relationship.seen_by(person)
        workflows: dict[str, list[Any]] = {}
        for spec in runner.workflows.specs[1:]:
            commands = namespaces.get(spec.name)
            shown: list[Any] = []
            for obj in _objects(runner, spec, relationship.id):
                if commands is not None:
                    if not commands._listed(obj, person, now):  # noqa: SLF001 - the kit's own read rule
                        continue
                    seen = commands._as_seen(obj, person, now)  # noqa: SLF001
                elif obj.visible_at(person, now):
                    seen = runner.as_told(obj.aged(person, now).seen_by(person), person)
                else:
                    continue
                shown.append(codec.unstructure(seen))
            if shown:
                workflows[spec.name] = shown
        events = relationships.events(relationship.id, actor=person)
        ids = [uuid.uuid5(e.id, person) for e in runner.repository.relationship_events(own.id)]
        notes = [n for n in runner.storage.notifications(ids) if n.recipient == person]
        exported.append(
            {
                "id": str(relationship.id),
                "relationship": codec.unstructure(runner.as_told(own, person)),
                "workflows": workflows,
                "events": [codec.unstructure_event(e) for e in events],
                "notifications": [codec.unstructure(n) for n in notes],
            }
        )
    export = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "person": person,
        "exported_at": codec.unstructure(now),
        "relationships": exported,
    }
    plain: dict[str, Any] = json.loads(json.dumps(export))  # JSON's own types: lists, not tuples
    return plain


def write_export(export: dict[str, Any], to: object) -> None:
    """Write *export* as JSON (UTF-8, indented) to *to*: a path, or a text stream."""
    text = json.dumps(export, ensure_ascii=False, indent=2) + "\n"
    if isinstance(to, str) or hasattr(to, "__fspath__"):
        try:
            with open(to, "w", encoding="utf-8") as file:  # noqa: PTH123 - a path of any kind
                file.write(text)
        except OSError:
            raise InvalidInput(
                "to", "names no file that can be written (a missing folder, or a folder)."
            ) from None
        return
    write = getattr(to, "write", None)
    if not callable(write):
        raise InvalidInput("to", "needs a path or a text stream (an object with write()).")
    stream: IO[str] = to  # type: ignore[assignment]
    stream.write(text)


def _end(relationships: Relationships, relationship: Relationship, person: PersonId) -> None:
    """End *person*'s part in *relationship*: leave it, or close the invitation."""
    state = relationship.state
    if state is RelationshipState.ACTIVE:
        relationships.leave(relationship.id, actor=person)
    elif state is RelationshipState.INVITED:
        if relationship.inviter == person:
            relationships.withdraw_invitation(relationship.id, actor=person)
        else:
            relationships.decline_invitation(relationship.id, actor=person)


def erase_person(runner: Runner, relationships: Relationships, person: object) -> int:
    """Erase what is *person*'s alone, and their free text from what is shared.

    Returns how many relationships it went through. Each relationship is first left (or
    its invitation closed); then one `Erasure` per relationship is applied.
    """
    person = _person(person)
    found = _relationships(runner, person)
    for relationship in found:
        _end(relationships, relationship, person)
    for relationship in found:
        runner.storage.erase(_erasure(runner, relationship.id, person))
    return len(found)


def _erasure(runner: Runner, relationship_id: uuid.UUID, person: PersonId) -> Erasure:
    """Return what erasing *person* changes in one relationship (it has ended by now)."""
    codec = codec_for(runner.workflows)
    relationship = runner.storage.load(Relationship, relationship_id)
    other = next((p for p in relationship.partners if p != person), person)
    kept: list[tuple[WorkflowSpec, Any]] = [(runner.workflows.specs[0], relationship)]
    deletes: list[tuple[type, uuid.UUID]] = []
    records = [(codec.unstructure(relationship), _personal(runner, None))]
    theirs: set[uuid.UUID] = set()  # the other's own private objects: never touched
    for spec in runner.workflows.specs[1:]:
        for obj in _objects(runner, spec, relationship_id):
            if other == person or not obj.visible_to(other):
                deletes.append((spec.entity, obj.id))
                continue
            records.append((codec.unstructure(obj), spec.personal or _NOTHING))
            if obj.visible_to(person):
                kept.append((spec, obj))
            else:
                theirs.add(obj.id)
    gone = {id for _, id in deletes}
    events = runner.storage.relationship_events(relationship_id)
    history = [(codec.unstructure_event(e), _personal(runner, e)) for e in events]
    first = authorship(
        [h for e, h in zip(events, history, strict=True) if _stays(e, person, gone)],
        records,
        person,
    )
    saves = [
        _save(runner, spec, obj, other=other, person=person, first=first) for spec, obj in kept
    ]
    rewritten: list[DomainEvent] = []
    dropped: list[DomainEvent] = []
    for event, (stored, personal) in zip(events, history, strict=True):
        if not _stays(event, person, gone):
            dropped.append(event)
            continue
        if event.private_to is not None or event.subject_id in theirs:
            continue  # the other partner's alone: never rewritten
        clean = scrub(stored, personal, person, first)
        if clean != stored:
            rewritten.append(codec.load_event(json.dumps(clean), event.id))
    notes = tuple(uuid.uuid5(e.id, person) for e in events)
    return Erasure(
        saves=tuple(s for s in saves if s is not None),
        deletes=tuple(deletes),
        events=tuple(rewritten),
        dropped_events=tuple(dropped),
        dropped_notifications=notes,
    )


def _stays(event: DomainEvent, person: PersonId, gone: set[uuid.UUID]) -> bool:
    """Return whether *event* is kept: not *person*'s alone, nor of an object deleted."""
    return event.private_to != person and event.subject_id not in gone


def _personal(runner: Runner, event: DomainEvent | None) -> PersonalData:
    """Return the declaration of *event*'s workflow (the relationship's for None)."""
    spec = runner.workflows.specs[0]
    if event is not None:
        spec = next((s for s in runner.workflows if type(event) in s.events), spec)
    return spec.personal or _NOTHING


def _save(
    runner: Runner,
    spec: WorkflowSpec,
    obj: Any,  # noqa: ANN401 - any workflow's object
    *,
    other: PersonId,
    person: PersonId,
    first: Mapping[str, PersonId],
) -> Saved | None:
    """Return the save storing *obj* as *other* sees it, *person*'s texts erased (if it changes)."""
    codec = codec_for(runner.workflows)
    stored = codec.unstructure(obj)
    clean = scrub(codec.unstructure(obj.seen_by(other)), spec.personal or _NOTHING, person, first)
    if clean == stored:
        return None
    return Saved(codec.load_entity(spec.entity, json.dumps(clean), obj.id), obj.version)
