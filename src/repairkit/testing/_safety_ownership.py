"""Rule 3 of the safety suite: a record belongs to its author.

Who authored what is read from what the workflow declares and records, never from
its names alone: the author of an object is whoever made its creating command, the
author of what a move recorded is whoever made that move (the actor of its event).
The table says which moves take a record back, rewrite or erase it (`Move.takes_back`);
only that record's author may make them. Erasing needs no declaration: whatever
another person does, an author keeps reading their record and their own events.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from repairkit.core.engine import CREATION, EITHER_PARTNER
from repairkit.core.spec import WorkflowSpec
from repairkit.errors import RepairkitError
from repairkit.testing._histories import PEOPLE, SUITE, Histories, _World

__all__ = ["TAKING_BACK", "RecordsBelongToAuthors"]

TAKING_BACK = re.compile(
    r"(?:^|_)(withdraw|retract|erase|delete|remove|revise|edit|amend|correct|undo|take_back)(?:_|$)"
)
"""Trigger names that read as taking a record back, rewriting or erasing it: such a
move declares what it takes back (`Move.takes_back`), or ``()`` if nobody's record."""

_Readable = tuple[bool, frozenset[uuid.UUID]]
"""Whether a person reads an object, and which of their own events on it they read."""


class RecordsBelongToAuthors(Histories):
    """3. No one but its author retracts, rewrites or erases a record (a `SafetyContract` rule)."""

    @SUITE
    @given(data=st.data())
    def test_a_record_belongs_to_its_author(
        self, spec: WorkflowSpec[Any], data: st.DataObject
    ) -> None:
        """3. A record belongs to its author: no one else can take it back, edit or erase it.

        The table: a move that takes back, rewrites or erases a record says which
        (`Move.takes_back`), and is never open to a role both partners play; a move
        named like one (``withdraw``, ``revise``, ``erase``, ...) declares it. Over
        random histories: such a move succeeds only for a partner who made the creating
        command (`CREATION`) or one of the moves it names on that object; and after any
        move by one person, the other still reads every object and every event of their
        own that they read before (an object on which they recorded nothing may leave
        their sight by its author's taking back of their own record: a trigger unshared).
        """
        self._check_declarations(spec)
        authored: set[tuple[uuid.UUID, str, str]] = set()
        readable: dict[tuple[uuid.UUID, str], _Readable] = {}
        script: list[tuple[Any, ...]] = []
        world = self._world(spec, swap=False)
        with world.kit:
            for _, before in self._play(spec, script, data=data, world=world, close=False):
                step, outcome = script[-1], world.outcomes[-1]
                if step[0] == "create" and outcome[0] == "ok":
                    authored.add((world.objects[-1], CREATION, step[1]))
                elif step[0] == "move" and outcome[0] == "ok" and before is not None:
                    _, _, trigger, actor, _ = step
                    self._only_its_author(spec, authored, before.id, trigger, actor)
                    authored.add((before.id, trigger, actor))
                    self._nothing_erased(spec, world, readable, before.id, (actor, trigger))
                # a step changes what it made or moved; time may change any object
                touched = [] if before is None else [before.id]
                readable.update(
                    self._readable(
                        spec, world, list(world.objects) if step[0] == "time" else touched
                    )
                )

    @staticmethod
    def _check_declarations(spec: WorkflowSpec[Any]) -> None:
        for move in spec.workflow.moves:
            if move.takes_back is None:
                assert not TAKING_BACK.search(move.trigger), (
                    f"{spec.name}: {move.trigger!r} reads as taking a record back; declare"
                    " whose (Move.takes_back), or () if it takes back no one's record"
                )
            elif move.takes_back:
                assert move.who is not EITHER_PARTNER, (
                    f"{spec.name}: {move.trigger!r} takes back a record, and either partner"
                    " may make it: only the record's author may"
                )

    @staticmethod
    def _only_its_author(
        spec: WorkflowSpec[Any],
        authored: set[tuple[uuid.UUID, str, str]],
        obj_id: uuid.UUID,
        trigger: str,
        actor: str,
    ) -> None:
        """Check that *actor*, who just made *trigger*, authored a record it takes back."""
        records = spec.workflow.takes_back(trigger)
        if records:
            assert any((obj_id, record, actor) in authored for record in records), (
                f"{spec.name}: {actor} made {trigger!r}, which takes back"
                f" {list(records)}, none of which they recorded"
            )

    def _nothing_erased(
        self,
        spec: WorkflowSpec[Any],
        world: _World,
        readable: dict[tuple[uuid.UUID, str], _Readable],
        obj_id: uuid.UUID,
        move: tuple[str, str],
    ) -> None:
        """Check that a *move* (by whom, which) left every other person's record readable to them.

        Only a move that takes back its maker's own record (`Move.takes_back`: a trigger
        unshared, taken off its owner's list) may take the object out of the sight of
        someone who recorded nothing on it.
        """
        actor, trigger = move
        own_record_taken_back = bool(spec.workflow.takes_back(trigger))
        for person in PEOPLE:
            if person == actor or (obj_id, person) not in readable:
                continue
            was_read, own_events = readable[obj_id, person]
            reads, own_now = self._reads(spec, world, obj_id, person)
            assert reads or not was_read or (own_record_taken_back and not own_events), (
                f"{spec.name}: a move by {actor} took the object out of {person}'s sight"
            )
            assert own_events <= own_now, (
                f"{spec.name}: a move by {actor} erased {person}'s own events from their sight"
            )

    def _readable(
        self, spec: WorkflowSpec[Any], world: _World, objects: list[uuid.UUID]
    ) -> dict[tuple[uuid.UUID, str], _Readable]:
        """Return what each partner reads of each of *objects* now."""
        return {
            (obj_id, person): self._reads(spec, world, obj_id, person)
            for obj_id in objects
            for person in PEOPLE[:2]
        }

    @staticmethod
    def _reads(spec: WorkflowSpec[Any], world: _World, obj_id: uuid.UUID, person: str) -> _Readable:
        commands = world.kit.workflow(spec)
        try:
            commands.get(obj_id, actor=person)
        except RepairkitError:
            return False, frozenset()
        events = commands.events(obj_id, actor=person)
        return True, frozenset(e.id for e in events if e.actor == person)
