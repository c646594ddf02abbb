"""The workflow engine: tables as data, one shared machine, clear refusals."""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterator
from datetime import timedelta

import attrs
import pytest
from transitions import Machine, MachineError
from transitions.core import Condition, Event

from conftest import START
from repairkit import NotAllowedNow, NotPermitted, TimeBox
from repairkit.core import EITHER_PARTNER, Move, Role, Workflow
from repairkit.core.timers import Timer
from repairkit.core.values import SYSTEM, new_id
from repairkit.registry import WORKFLOWS
from repairkit.requests import REQUEST_WORKFLOW, Request, RequestRules, RequestState
from repairkit.requests.table import ASKER, RECIPIENT
from repairkit.talks import TALK_WORKFLOW, Talk, TalkRules, TalkState
from repairkit.talks.events import TalkClosed, TalkEnded, TalkSetAside
from repairkit.testing.notes import NOTES, Note, NoteState


class Door(enum.StrEnum):
    OPEN = "open"
    SHUT = "shut"


def test_a_table_whose_rows_disagree_on_who_is_refused():
    """Two rows for one trigger and state must name the same role."""
    moves = [
        Move("close", (Door.OPEN,), Door.SHUT, ASKER),
        Move("close", (Door.OPEN,), Door.OPEN, RECIPIENT),
    ]
    with pytest.raises(ValueError, match="disagree"):
        Workflow("door", Door, Door.OPEN, moves)


def test_terminal_states_are_those_no_move_leaves():
    """declined, withdrawn, completed, stepped back and closed by leaving end a request.

    A review stays in place, so completed is finished.
    """
    assert set(REQUEST_WORKFLOW.terminal_states) == {
        RequestState.CLOSED_BY_LEAVING,
        RequestState.DECLINED,
        RequestState.WITHDRAWN,
        RequestState.COMPLETED,
        RequestState.STEPPED_BACK,
    }


def test_the_machine_is_built_once_without_models_or_auto_transitions():
    """The one machine has no models attached and no to_<state> triggers."""
    machine = REQUEST_WORKFLOW.machine
    assert machine.models == []
    assert not any(name.startswith("to_") for name in machine.events)
    assert set(machine.events) == {m.trigger for m in REQUEST_WORKFLOW.moves}


def test_rows_and_diagram_show_every_move():
    """to_rows and to_mermaid are generated from the same table."""
    rows = REQUEST_WORKFLOW.to_rows()
    assert len(rows) == len(REQUEST_WORKFLOW.moves)
    diagram = REQUEST_WORKFLOW.to_mermaid()
    ids = REQUEST_WORKFLOW.node_ids()
    for move in REQUEST_WORKFLOW.moves:
        for source in move.sources:
            assert f"{ids[source]} --> {ids[move.dest]}: {move.trigger}" in diagram
    assert "[reaches_round_limit]" in diagram


def test_the_diagram_is_read_from_the_machines_own_transitions():
    """A condition added to the machine shows in the diagram, as it decides the move."""
    workflow = Workflow(
        "latch", Door, Door.OPEN, [Move("close", (Door.OPEN,), Door.SHUT, EITHER_PARTNER)]
    )
    assert "open --> shut: close (either partner)\n" in workflow.to_mermaid()
    [row] = workflow.machine.events["close"].transitions["OPEN"]
    row.conditions.append(Condition("locked", target=False))
    assert "open --> shut: close (either partner) [not locked]\n" in workflow.to_mermaid()


def test_allowed_moves_name_what_is_possible_in_a_state():
    """The moves allowed in 'stalled' are those the table lists from it."""
    assert REQUEST_WORKFLOW.allowed(RequestState.STALLED) == (
        "decline",
        "propose_reopening",
        "agree_to_reopen",
        "decline_reopening",
        "withdraw",
        "close_by_leaving",
    )


def test_a_guard_that_holds_for_no_row_refuses_the_move():
    """Firing a move whose only row is guarded and whose guard fails raises NotAllowedNow."""

    class Latch:
        state = Door.OPEN

        def locked(self, _at: object) -> bool:
            return False

    workflow = Workflow(
        "latch", Door, Door.OPEN, [Move("close", (Door.OPEN,), Door.SHUT, EITHER_PARTNER, "locked")]
    )
    latch = Latch()
    with pytest.raises(NotAllowedNow, match="conditions"):
        workflow.fire(latch, "close", None)  # type: ignore[arg-type]
    assert latch.state is Door.OPEN


@pytest.fixture
def talk_machine() -> Iterator[Machine]:
    """The talk workflow's module-level machine, its callbacks restored afterwards."""
    machine = TALK_WORKFLOW.machine
    kept = {name: list(state.on_enter) for name, state in machine.states.items()}
    after = list(machine.after_state_change)
    yield machine
    for name, state in machine.states.items():
        state.on_enter[:] = kept[name]
    machine.after_state_change[:] = after


def test_every_move_through_the_kit_fires_the_workflows_machine(kit, couple, clock, monkeypatch):
    """Commands, and the timers run_due fires, each trigger transitions once per move."""
    fired: list[str] = []
    trigger = Event.trigger

    def counting(event: Event, model: object, *args: object, **kwargs: object) -> bool:
        fired.append(event.name)
        return trigger(event, model, *args, **kwargs)

    monkeypatch.setattr(Event, "trigger", counting)
    talk = kit.talks.start(couple.id, actor="ana", limit_minutes=30)
    assert fired == []  # starting makes no move
    clock.advance(timedelta(minutes=30))
    kit.timers.run_due()
    assert fired == ["suggest_time_out"]
    kit.talks.end(talk.id, actor="ben")
    assert fired == ["suggest_time_out", "end"]
    with pytest.raises(NotAllowedNow):
        kit.talks.set_aside(talk.id, actor="ana")  # refused before the machine is asked
    assert fired == ["suggest_time_out", "end"]


def test_a_callback_registered_on_the_machine_runs_on_a_real_move(kit, couple, talk_machine):
    """An on_enter callback and an after_state_change callback both see a move made by a kit."""
    entered: list[tuple[object, object]] = []
    changed: list[object] = []
    talk_machine.on_enter_ENDED(lambda at: entered.append(("ended", at)))
    talk_machine.after_state_change.append(changed.append)
    talk = kit.talks.start(couple.id, actor="ana")
    ended = kit.talks.end(talk.id, actor="ben")
    assert ended.state is TalkState.ENDED
    [event] = kit.talks.events(talk.id, actor="ana")[-1:]
    assert entered == [("ended", event.at)]
    assert changed == [event.at]


def test_a_callback_that_raises_stops_the_move_and_stores_nothing(kit, couple, talk_machine):
    """A callback on the machine runs inside the command: its error leaves the talk as it was."""

    def refuse(_at: object) -> None:
        msg = "a callback said no"
        raise RuntimeError(msg)

    talk_machine.on_enter_SET_ASIDE(refuse)
    talk = kit.talks.start(couple.id, actor="ana")
    with pytest.raises(RuntimeError, match="callback said no"):
        kit.talks.set_aside(talk.id, actor="ana")
    stored = kit.talks.get(talk.id, actor="ana")
    assert stored.state is TalkState.TALKING
    assert stored.version == talk.version


def test_a_trigger_the_state_does_not_allow_becomes_a_typed_refusal():
    """A MachineError (a trigger the state does not allow) becomes NotAllowedNow."""

    class Latch:
        state = Door.SHUT

    workflow = Workflow(
        "latch", Door, Door.OPEN, [Move("close", (Door.OPEN,), Door.SHUT, EITHER_PARTNER)]
    )
    with pytest.raises(MachineError):
        workflow.machine.events["close"].trigger(Latch(), START)
    with pytest.raises(NotAllowedNow) as refused:
        workflow.fire(Latch(), "close", START)  # type: ignore[arg-type]
    assert refused.value.state == "shut"
    assert refused.value.finished is True
    with pytest.raises(NotAllowedNow):
        workflow.fire(Latch(), "no such move", START)  # type: ignore[arg-type]


@pytest.mark.parametrize("spec", list(WORKFLOWS), ids=lambda spec: spec.name)
def test_every_guarded_row_refuses_when_its_guards_fail(spec):
    """From every source of every row, a move fires exactly when some row's conditions hold.

    A row's conditions are its guard and, for a move a `Timer` row makes, the time guard.
    """
    workflow = spec.workflow
    timer_of = {t.fires: t for t in workflow.timers}
    names = [*workflow.guards(), *(t.at for t in workflow.timers)]

    class Probe:
        def __init__(self, state: enum.StrEnum, holding: frozenset[str]) -> None:
            self.state = state
            for guard in workflow.guards():
                setattr(self, guard, lambda _at, held=guard in holding: held)
            for timer in workflow.timers:
                setattr(self, timer.at, START if timer.at in holding else START + timedelta(1))

    def holds(move: Move, holding: frozenset[str]) -> bool:
        timer = timer_of.get(move.trigger)
        return (move.guard is None or move.guard in holding) and (
            timer is None or timer.at in holding
        )

    outcomes = [
        frozenset(g for i, g in enumerate(names) if bits >> i & 1)
        for bits in range(2 ** len(names))
    ]
    for move in workflow.moves:
        for source in move.sources:
            rows = [m for m in workflow.moves if m.trigger == move.trigger and source in m.sources]
            for holding in outcomes:
                probe = Probe(source, holding)
                first = next((m for m in rows if holds(m, holding)), None)
                assert workflow.guards_hold(probe, move.trigger, START) is (first is not None)
                if first is None:
                    with pytest.raises(NotAllowedNow, match="conditions"):
                        workflow.fire(probe, move.trigger, START)  # type: ignore[arg-type]
                    assert probe.state is source
                else:
                    workflow.fire(probe, move.trigger, START)  # type: ignore[arg-type]
                    assert probe.state is first.dest, (source, move.trigger, holding)


def test_a_timer_row_gives_its_move_a_time_guard_a_deadline_and_on_due():
    """From the one Timer row: the move fires only from the instant on, and on_due makes it."""
    note = NOTES.workflow
    assert [(t.name, t.fires) for t in note.timers] == [("lets be", "let_be")]
    written, _ = Note.write(
        relationship_id=uuid.uuid4(),
        author="ana",
        reader="ben",
        text="Thank you for yesterday.",
        reply_by=START + timedelta(days=2),
        at=START,
    )
    assert written.deadlines == ()  # let_be is not open while the note is a draft
    written.share(actor="ana", at=START)
    assert [(d.name, d.at) for d in written.deadlines] == [("lets be", START + timedelta(days=2))]
    assert written.due_at == START + timedelta(days=2)
    early = START + timedelta(days=2) - timedelta(seconds=1)
    assert not note.guards_hold(written, "let_be", early)
    assert written.on_due(early) is None
    assert written.state is NoteState.SHARED
    with pytest.raises(NotAllowedNow, match="conditions"):
        written._fire("let_be", early)
    event = written.on_due(START + timedelta(days=2))
    assert event is not None
    assert (event.actor, event.to_state) == (SYSTEM, "let be")
    assert written.deadlines == ()
    assert "[reply_by reached]" in note.to_mermaid()
    assert note.to_rows()[-1]["guard"] == "reply_by reached"


def test_a_timer_must_fire_a_move_repairkit_makes():
    """A Timer row naming a person's move, or a move not in the table, is refused."""
    rows = [Move("close", (Door.OPEN,), Door.SHUT, EITHER_PARTNER)]
    for timer in (Timer("shuts", at="shut_at", fires="close"), Timer("x", at="x", fires="nope")):
        with pytest.raises(ValueError, match="not repairkit's"):
            Workflow("door", Door, Door.OPEN, rows, (timer,))


def test_every_guard_is_a_method_of_the_request():
    """Guards named in the table exist on Request."""
    from repairkit.requests import Request  # noqa: PLC0415

    for guard in REQUEST_WORKFLOW.guards():
        assert callable(getattr(Request, guard))


class Tide(enum.StrEnum):
    IN = "in"
    LET_BE = "let be"
    TO_SEA = "to-sea"


def test_a_state_value_that_is_no_node_id_gets_one_in_the_diagram():
    """A state value with a space or a dash keeps its label but gets a valid node id."""
    workflow = Workflow(
        "tide",
        Tide,
        Tide.IN,
        [
            Move("rest", (Tide.IN,), Tide.LET_BE, EITHER_PARTNER),
            Move("go", (Tide.LET_BE,), Tide.TO_SEA, EITHER_PARTNER),
        ],
    )
    diagram = workflow.to_mermaid()
    assert 'state "let be" as let_be' in diagram
    assert 'state "to-sea" as to_sea' in diagram
    assert "let_be --> to_sea: go (either partner)" in diagram
    assert "let be -->" not in diagram


def test_a_refusal_speaks_of_the_workflows_own_noun_and_roles():
    """The engine words refusals with the workflow's name and the role's own description."""
    giver = Role("giver", "the partner who gave the appreciation")

    @attrs.define
    class Thanks:
        state: Door = Door.OPEN

        def roles_of(self, actor: str) -> frozenset[Role]:
            return frozenset({EITHER_PARTNER}) if actor == "ben" else frozenset()

    workflow = Workflow(
        "appreciation", Door, Door.OPEN, [Move("close", (Door.OPEN,), Door.SHUT, giver)]
    )
    with pytest.raises(NotPermitted) as refused:
        workflow.check(Thanks(), "close", "ben")
    assert str(refused.value) == (
        "Only the partner who gave the appreciation can close this appreciation now."
    )
    assert "request" not in str(refused.value)


def test_new_ids_are_random_version_4_uuids():
    """new_id makes what uuid.uuid4 makes: version 4, the RFC variant, round-trips as text."""
    ids = [new_id() for _ in range(1000)]
    assert len(set(ids)) == 1000
    for made in ids[:50]:
        assert made.version == 4
        assert made.variant == uuid.RFC_4122
        assert uuid.UUID(str(made)) == made


def test_a_move_row_naming_its_event_is_made_with_no_model_method():
    """A talk's end, set_aside and close name their events; make() records them with rests_until."""
    assert TALK_WORKFLOW.event_of("end") is TalkEnded
    assert TALK_WORKFLOW.event_of("close") is TalkClosed
    rules = TalkRules(moratorium_hours=24)
    talk, _ = Talk.start(
        relationship_id=uuid.uuid4(), started_by="ana", other="ben", rules=rules, at=START
    )
    assert not hasattr(Talk, "close")  # the timer's move: no method of the model's own
    ended = talk.make("end", actor="ben", at=START + timedelta(minutes=5))
    assert type(ended) is TalkEnded
    assert (ended.actor, ended.from_state, ended.to_state) == ("ben", "talking", "ended")
    assert ended.rests_until == START + timedelta(minutes=5, hours=24)
    assert talk.state is TalkState.ENDED
    with pytest.raises(NotAllowedNow):
        talk.make("set_aside", actor="ana", at=START + timedelta(minutes=6))


def test_make_refuses_a_move_whose_row_names_no_event():
    """A move the model makes itself (it checks input) is not made plainly."""
    request = _drafted_request()
    assert REQUEST_WORKFLOW.event_of("propose_alternative") is None
    with pytest.raises(ValueError, match="names no event"):
        request.make("propose_alternative", actor="ben", at=START)


def test_rows_of_one_trigger_must_name_the_same_event():
    """Two rows of one trigger naming different events are refused when the table is built."""
    rows = [
        Move("close", (Door.OPEN,), Door.SHUT, EITHER_PARTNER, event=TalkEnded),
        Move("close", (Door.SHUT,), Door.SHUT, EITHER_PARTNER, event=TalkSetAside),
    ]
    with pytest.raises(ValueError, match="different events"):
        Workflow("door", Door, Door.OPEN, rows)


def _drafted_request() -> Request:
    request, _ = Request.draft(
        relationship_id=uuid.uuid4(),
        asker="ana",
        recipient="ben",
        need="To feel heard when plans change.",
        ask="Could you text me when you will be late?",
        observation="Twice this week dinner waited.",
        time_box=TimeBox(starts_at=START, ends_at=START + timedelta(days=28)),
        rules=RequestRules(),
        at=START,
    )
    return request
