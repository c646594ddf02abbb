"""Two moves of one sender racing for the day's last item: exactly one is stored.

The budget counts a sender's new items before a move is stored, and `Storage.commit`
counts again inside its transaction (`repairkit.ports.DayLimit`), serialised with the
sender's other commits: SQLite's write lock, PostgreSQL's advisory lock per sender,
memory's lock. Here a second kit on the same storage sends Ben's other request in
the gap between the first move's count and its commit, on each storage.
"""

from __future__ import annotations

import pytest

from conftest import BOX, invite_and_accept
from interleaved import Interleaved
from repairkit import (
    MemoryNotifier,
    NotAllowedNow,
    RelationshipRules,
    RelationshipSettings,
    RepairKit,
)


def test_the_days_last_item_goes_to_one_move_only(storage_factory, clock):
    """Budget 1: Ben's two requests race; one reaches Ana, the other is refused, unstored."""
    storage = storage_factory()
    heard = MemoryNotifier()
    racing = Interleaved(storage)
    first_kit = RepairKit(storage=racing, clock=clock, notifier=heard)  # type: ignore[arg-type]
    second_kit = RepairKit(storage=storage, clock=clock, notifier=heard)
    one = RelationshipSettings(rules=[RelationshipRules(daily_items=1)])
    couple = invite_and_accept(first_kit, ("ana", "ben"), actor="ana", settings=one)
    drafts = [
        first_kit.requests.draft(
            couple.id, actor="ben", need=f"rest {n}", ask=f"a walk {n}", time_box=BOX
        )
        for n in range(2)
    ]
    racing.gap = lambda: second_kit.requests.propose(drafts[1].id, actor="ben")
    with pytest.raises(NotAllowedNow) as refused:
        first_kit.requests.propose(drafts[0].id, actor="ben")
    assert refused.value.possible_from is not None
    states = [first_kit.requests.get(d.id, actor="ben").state.value for d in drafts]
    assert states == ["drafted", "proposed"]
    assert [n.kind.value for n in heard.received if n.recipient == "ana"].count("request made") == 1
    storage.close()
