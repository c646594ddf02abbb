"""No command scans a relationship's history: it reads through the port's queries."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import timedelta

from conftest import BOX, START, invite_and_accept
from repairkit import ManualClock, RepairKit
from repairkit.adapters import MemoryStorage
from repairkit.ports import E


class ScanWatch(MemoryStorage):
    """A memory storage that records every `load_all` it is asked for."""

    def __init__(self) -> None:
        super().__init__()
        self.scans: list[str] = []
        self.watching = False

    def load_all(
        self, kind: type[E], relationship_id: uuid.UUID, *, states: Sequence[str] | None = None
    ) -> list[E]:
        if self.watching:
            self.scans.append(kind.__name__)
        return super().load_all(kind, relationship_id, states=states)


def test_no_command_loads_every_object_of_a_kind():
    """The mixed commands of bench/scale.py ask storage no load_all."""
    storage = ScanWatch()
    clock = ManualClock(START)
    kit = RepairKit(storage=storage, clock=clock)
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana").id
    boundary = kit.boundaries.draft(couple, actor="ana", rule="a word before we leave")
    kit.boundaries.propose(boundary.id, actor="ana")
    kit.boundaries.agree(boundary.id, actor="ben")
    storage.watching = True
    request = kit.requests.draft(couple, actor="ana", need="rest", ask="a quiet hour", time_box=BOX)
    kit.requests.propose(request.id, actor="ana")
    kit.requests.accept(request.id, actor="ben")
    proposed = kit.boundaries.draft(couple, actor="ben", rule="a call before visitors")
    kit.boundaries.propose(proposed.id, actor="ben")
    note = kit.crossings.notice(couple, actor="ben", boundary_id=boundary.id)
    kit.crossings.acknowledge(note.id, actor="ana")
    timeout = kit.timeouts.call(couple, actor="ana", minutes=20)
    kit.timeouts.come_back(timeout.id, actor="ana")
    clock.advance(timedelta(hours=1))
    talk = kit.talks.start(couple, actor="ben")
    kit.talks.end(talk.id, actor="ana")
    kit.relationships.awaiting(couple, actor="ana")
    assert storage.scans == []
