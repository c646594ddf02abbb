"""The service layer: plugs checked first, a closed kit, detached copies, the narrow runner."""

from __future__ import annotations

import ast
from datetime import UTC, datetime, time
from pathlib import Path

import pytest

import repairkit
from conftest import BOX, invite_and_accept
from repairkit import InvalidInput, ManualClock, MemoryNotifier, NotAllowedNow, RepairKit
from repairkit._pipeline import Repository
from repairkit.adapters import MemoryStorage
from repairkit.errors import Closed
from repairkit.requests import RequestState

NEED = "to feel we are a team at home"
ASK = "plan the week's meals together on Sunday evenings"
SRC = Path(__file__).parent.parent / "src" / "repairkit"


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"workflows": 5}, "workflows"),
        ({"workflows": list(repairkit.WORKFLOWS)}, "workflows"),
        ({"workflows": repairkit.WORKFLOWS.specs[1]}, "workflows"),
        ({"workflows": "requests"}, "workflows"),
        ({"clock": ManualClock}, "clock"),
        ({"notifier": MemoryNotifier}, "notifier"),
        ({"clock": datetime.now(UTC)}, "clock"),
        ({"clock": datetime.now(UTC).date()}, "clock"),
        ({"delivery": 3}, "delivery"),
    ],
    ids=[
        "a-number",
        "a-list",
        "a-spec",
        "a-string",
        "a-clock-class",
        "a-notifier-class",
        "a-moment",
        "a-day",
        "a-number-for-delivery",
    ],
)
@pytest.mark.parametrize("where", ["memory", "sqlite"])
def test_a_bad_plug_is_refused_before_anything_reaches_a_storage(arguments, field, where, tmp_path):
    """`open` checks every plug first: InvalidInput naming it, and no file is created."""
    path = None if where == "memory" else tmp_path / "never.db"
    with pytest.raises(InvalidInput) as refused:
        repairkit.open(path, **arguments)
    assert refused.value.field == field
    assert not (tmp_path / "never.db").exists()
    with pytest.raises(InvalidInput) as again:
        RepairKit(**arguments)
    assert again.value.field == field


def test_a_class_where_an_instance_belongs_says_so():
    """The message tells the app what to pass instead."""
    with pytest.raises(InvalidInput, match=r"not the class itself; pass ManualClock\(\.\.\.\)"):
        RepairKit(clock=ManualClock)
    with pytest.raises(InvalidInput, match="not a moment"):
        RepairKit(clock=datetime.now(UTC))


def test_a_storage_made_for_other_workflows_is_a_typed_error():
    """A storage and a kit of different registries: InvalidInput, not a TypeError."""
    other = repairkit.WORKFLOWS.with_workflows()
    with pytest.raises(InvalidInput) as refused:
        RepairKit(storage=MemoryStorage(workflows=other))
    assert refused.value.field == "storage"


def _every_command(kit: RepairKit, rid, request_id):
    return [
        lambda: invite_and_accept(kit, ("cleo", "dan"), actor="cleo"),
        lambda: kit.relationships.get(rid, actor="ana"),
        lambda: kit.relationships.pause(rid, actor="ana"),
        lambda: kit.relationships.awaiting(rid, actor="ana"),
        lambda: kit.requests.draft(rid, actor="ana", need=NEED, ask=ASK, time_box=BOX),
        lambda: kit.requests.get(request_id, actor="ana"),
        lambda: kit.requests.propose(request_id, actor="ana"),
        lambda: kit.talks.start(rid, actor="ana"),
        kit.outbox.deliver_pending,
        kit.outbox.pending,
        kit.timers.run_due,
        kit.timers.next_due,
        lambda: kit.timers.upcoming(rid, actor="ana"),
    ]


def test_after_close_every_command_raises_closed(storage_factory, clock):
    """A closed kit says it is closed, on every storage, whatever the command."""
    kit = RepairKit(storage=storage_factory(), clock=clock, notifier=MemoryNotifier())
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
    draft = kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK, time_box=BOX)
    kit.close()
    kit.close()  # closing twice is harmless
    for command in _every_command(kit, couple.id, draft.id):
        with pytest.raises(Closed, match="was closed"):
            command()


def test_a_move_on_a_returned_copy_raises_and_changes_nothing(kit, couple):
    """Objects a command returns are detached: a move made on one directly is refused."""
    draft = kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK, time_box=BOX)
    with pytest.raises(NotAllowedNow, match="a copy a command returned") as refused:
        draft.propose(actor="ana", at=datetime.now(UTC))
    assert refused.value.action == "propose"
    assert draft.state is RequestState.DRAFTED
    timeout = kit.timeouts.call(couple.id, actor="ana")
    returned = [
        (timeout, "come_back"),
        (kit.timeouts.get(timeout.id, actor="ana"), "come_back"),
        (kit.timeouts.find(couple.id, actor="ana")[0], "come_back"),
        (kit.relationships.get(couple.id, actor="ana"), "pause"),
    ]
    for copy, move in returned:
        with pytest.raises(NotAllowedNow, match="a copy a command returned"):
            getattr(copy, move)(actor="ana", at=datetime.now(UTC))
    # Through the kit, the same moves are made and stored.
    assert kit.requests.propose(draft.id, actor="ana").state is RequestState.PROPOSED
    (asked,) = kit.relationships.awaiting(couple.id, actor="ben")
    with pytest.raises(NotAllowedNow, match="a copy a command returned"):
        asked.item.decline(actor="ben", at=datetime.now(UTC))
    kit.timeouts.come_back(timeout.id, actor="ana")
    assert kit.timeouts.get(timeout.id, actor="ana").state.value != "open"


def _names_used(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Attribute)
        and node.value.attr in {"_runner", "repository"}
    }


def test_namespaces_reach_only_the_narrow_runner():
    """No namespace holds the kit or reaches a storage's write methods."""
    readable = {name for name in dir(Repository) if not name.startswith("_")}
    assert readable == {
        "count_events",
        "load",
        "load_all",
        "load_keyed",
        "load_page",
        "load_scheduled",
        "edge_events",
        "events",
        "relationship_events",
        "relationships_of",
    }
    namespaces = [SRC / "commands.py", *SRC.glob("*/commands.py")]
    allowed = {
        "execute",
        "add",
        "now",
        "told",  # whether a person was told of an event (no activity signals)
        "as_told",  # an object as a person may see it: no last seen (read-only)
        "zone_of",  # the couple's time zone
        "relationship",
        "repository",
        "load",
        "load_all",
        "load_keyed",
        "load_page",
        "load_scheduled",
        "count_events",
        "events",
        "workflows",  # the registry, read-only: another workflow's kind (an agenda item's source)
        "record",  # repairkit's own move on an object just loaded, through the same pipeline
        # (a session opened on its day holds its check-in: `CheckInSchedule.hold`)
    }
    for path in namespaces:
        text = path.read_text(encoding="utf-8")
        assert "_kit" not in text, path
        assert ".storage" not in text, path
        assert _names_used(path) <= allowed, (path, _names_used(path) - allowed)


def test_the_kit_exposes_no_way_past_the_checks():
    """`execute`, `add` and `storage` are not public: only the namespaces are."""
    with RepairKit() as kit:
        public = {name for name in dir(kit) if not name.startswith("_")}
    assert not public & {"execute", "add", "storage", "commit", "now"}
    assert {"relationships", "outbox", "timers", "workflow", "requests"} <= public


def test_a_person_s_relationships_are_found_by_person(kit, clock):
    """`for_person` lists one's relationships, oldest first, ended ones too."""
    first = invite_and_accept(kit, ("ana", "ben"), actor="ana")
    invite_and_accept(kit, ("cleo", "dan"), actor="dan")
    other = invite_and_accept(kit, ("cleo", "ana"), actor="cleo")
    kit.relationships.set_quiet_hours(
        other.id,
        actor="cleo",
        quiet_hours=repairkit.QuietHours(starts=time(22, 0), ends=time(7, 0)),
    )
    kit.relationships.leave(first.id, actor="ben")
    again = invite_and_accept(kit, ("ben", "ana"), actor="ben")  # after leaving: allowed
    found = kit.relationships.for_person("ana")
    assert [r.id for r in found] == [first.id, other.id, again.id]
    assert [r.state.value for r in found] == ["ended", "active", "active"]
    assert all(r.quiet_hours == () for r in found)  # cleo's quiet hours are cleo's own
    assert [r.id for r in kit.relationships.for_person("dan")] != []
    assert kit.relationships.for_person("eve") == []
    assert kit.relationships.for_person('ana"') == []  # a lookalike id finds nothing
    with pytest.raises(InvalidInput):
        kit.relationships.for_person(5)


def test_a_second_active_relationship_between_the_same_two_is_refused(kit, couple):
    """Inviting ana or ben again, either way round, is refused and stores nothing."""
    events = len(kit.relationships.events(couple.id, actor="ana"))
    for partner, actor in (("ben", "ana"), ("ana", "ben")):
        with pytest.raises(NotAllowedNow, match="already share an invitation or an active"):
            kit.relationships.invite(partner, actor=actor)
    assert [r.id for r in kit.relationships.for_person("ben")] == [couple.id]
    assert len(kit.relationships.events(couple.id, actor="ana")) == events
