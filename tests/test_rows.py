"""Declarative rows: a `Move` names its event and its notice rule."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar

import attrs
import pytest

import repairkit
from appreciation.events import AppreciationReturned, AppreciationSent
from appreciation.model import AppreciationState
from appreciation.spec import APPRECIATIONS
from conftest import invite_and_accept
from repairkit import NotAllowedNow, NotFound, RepairKit
from repairkit.adapters import MemoryStorage, SQLiteStorage
from repairkit.commands import Precondition
from repairkit.core import Move, PersonId, Registry, Role, Workflow, WorkflowSpec
from repairkit.core.notices import QUIET, tell_audience
from repairkit.errors import RegistryError
from repairkit.talks import TALKS, TalkCommands, TalkEnded, TalkStarted, TalkState, TimeOutSuggested
from repairkit.talks.notices import ENDED, TALK_NOTICES, TIME_OUT_MIGHT_HELP
from repairkit.testing.notes import NOTES, NoteLetBe, NoteRead, NoteState

WHO = Role("someone", "someone")


class _Kind(enum.StrEnum):
    ONE = "one"


def test_the_spec_takes_each_rows_notice_rule_and_event():
    """The talks' mapping holds only the creation event; the rows give the rest."""
    assert set(TALK_NOTICES) == {TalkStarted}
    assert TALKS.notices[TalkEnded] is ENDED
    assert TALKS.notices[TimeOutSuggested] is TIME_OUT_MIGHT_HELP
    assert TALKS.notices[TalkStarted] is TALK_NOTICES[TalkStarted]
    assert Registry(TALKS).notice_rules[TalkEnded] is ENDED


def _table(*moves: Move) -> Workflow:
    return Workflow("note", NoteState, NoteState.WRITTEN, moves)


def test_two_rules_for_one_event_are_refused():
    """In the rows, or a row and the spec's mapping: one event, one rule."""
    shared = (NoteState.SHARED,)
    rule = tell_audience(_Kind.ONE, "Read.")
    with pytest.raises(ValueError, match="different notice rules for NoteRead"):
        _table(
            Move("read", shared, NoteState.READ, WHO, event=NoteRead, notice=rule),
            Move("skim", shared, NoteState.READ, WHO, event=NoteRead, notice=QUIET),
        )
    table = _table(Move("read", shared, NoteState.READ, WHO, event=NoteRead, notice=rule))
    with pytest.raises(RegistryError, match="NoteRead has a notice rule in its row and another"):
        WorkflowSpec(
            name="note",
            entity=NOTES.entity,
            workflow=table,
            events=NOTES.events,
            notices={**NOTES.notices, NoteRead: QUIET},
            notice_kinds=_Kind,
            summary="",
        )
    same = WorkflowSpec(
        name="note",
        entity=NOTES.entity,
        workflow=table,
        events=(),
        notices={**NOTES.notices, NoteRead: rule},
        notice_kinds=_Kind,
        summary="",
    )
    assert same.notices[NoteRead] is rule
    assert same.events == (NoteRead,)  # the row's event is the spec's as well


def test_a_notice_rule_needs_the_rows_event():
    with pytest.raises(ValueError, match="names a notice rule but no event"):
        _table(Move("read", (NoteState.SHARED,), NoteState.READ, WHO, notice=QUIET))


def test_an_event_without_any_rule_is_still_refused():
    """The registry's check still holds for events the rows name without a rule."""
    table = _table(Move("let_be", (NoteState.SHARED,), NoteState.LET_BE, WHO, event=NoteLetBe))
    notices = {k: v for k, v in NOTES.notices.items() if k is not NoteLetBe}
    spec = WorkflowSpec(
        name="note",
        entity=NOTES.entity,
        workflow=table,
        events=(),
        notices=notices,
        notice_kinds=_Kind,
        summary="",
    )
    with pytest.raises(RegistryError, match="NoteLetBe has no notice rule"):
        Registry(spec)


def test_a_plain_move_needs_no_hand_written_command(kit, couple):
    """``end`` and ``set_aside`` have no method: the namespace answers them from the table."""
    assert "end" not in vars(TalkCommands)
    assert {"end", "set_aside"} <= set(dir(kit.talks))
    assert kit.talks.end.__doc__ == "End the talk, alone."
    talk = kit.talks.start(couple.id, actor="ana")
    with pytest.raises(NotFound):  # an outsider, as for any command
        kit.talks.end(talk.id, actor="cai")
    assert kit.talks.end(talk.id, actor="ben").state is TalkState.ENDED
    with pytest.raises(NotAllowedNow) as refusal:
        kit.talks.set_aside(talk.id, actor="ana")
    assert refusal.value.allowed == ()


@pytest.mark.parametrize("name", ["close", "suggest_time_out", "tabel", "_make_it"])
def test_only_a_persons_plain_move_gets_a_command(kit, name):
    """Repairkit's own moves (timers) and names outside the table are no attributes."""
    assert not hasattr(kit.talks, name)
    assert name not in dir(kit.talks)
    with pytest.raises(AttributeError, match=name):
        getattr(kit.talks, name)


def test_a_generated_command_checks_the_namespaces_preconditions(clock):
    """A precondition declared for a plain move refuses it, and `moves` leaves it out."""

    def never(_commands: object, _talk: object, _actor: PersonId, _now: object) -> None:
        raise NotAllowedNow(
            kind="talk", action="end", state="talking", allowed=(), reason="Not today."
        )

    class Checked(TalkCommands):
        preconditions: ClassVar[Mapping[str, Precondition]] = {"end": never}

    spec = attrs.evolve(TALKS, commands=Checked)
    workflows = Registry(spec)
    kit = RepairKit(storage=MemoryStorage(workflows=workflows), clock=clock, workflows=workflows)
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
    talks = kit.workflow(spec)
    talk = talks.start(couple.id, actor="ana")
    with pytest.raises(NotAllowedNow, match="Not today") as refusal:
        talks.end(talk.id, actor="ana")
    assert refusal.value.allowed == ("set_aside",)
    assert talks.moves(talk.id, actor="ana") == ("set_aside",)
    assert talks.get(talk.id, actor="ana").state is TalkState.TALKING


def test_a_new_move_is_its_row_and_its_event(tmp_path):
    """A new move is a row in model.py's table (with its event and notice) and an event.

    ``return_it`` was added to the appreciation so, in events.py and model.py: no
    command, model method, notice mapping or spec line names it, yet the kit runs it,
    records it and tells the sender.
    """
    here = Path(__file__).parent / "appreciation"
    sources = {p.name: p.read_text() for p in here.glob("*.py")}
    assert [name for name, text in sources.items() if "return_it" in text] == ["model.py"]
    naming = sorted(name for name, text in sources.items() if "AppreciationReturned" in text)
    assert naming == ["events.py", "model.py"]
    workflows = repairkit.WORKFLOWS.with_workflows(APPRECIATIONS)
    notifier = repairkit.MemoryNotifier()
    storage = SQLiteStorage(tmp_path / "kit.db", workflows=workflows)
    kit = RepairKit(storage=storage, notifier=notifier, workflows=workflows)
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
    appreciations = kit.workflow(APPRECIATIONS)
    sent = appreciations.send(couple.id, actor="ana", text="Thank you for Sunday.")
    assert appreciations.moves(sent.id, actor="ben") == ("acknowledge", "let_be", "return_it")
    returned = appreciations.return_it(sent.id, actor="ben")
    assert returned.state is AppreciationState.ACKNOWLEDGED
    events = appreciations.events(sent.id, actor="ana")
    assert [type(e) for e in events] == [AppreciationSent, AppreciationReturned]
    told = [
        (n.recipient, n.message) for n in notifier.received if n.kind == "appreciation acknowledged"
    ]
    assert told == [("ana", "Your partner appreciates you too.")]
