"""Declarative rows: a `Move` names its event and its notice rule."""

from __future__ import annotations

import enum

import pytest

from repairkit.core import Move, Registry, Role, Workflow, WorkflowSpec
from repairkit.core.notices import QUIET, tell_audience
from repairkit.errors import RegistryError
from repairkit.talks import TALKS, TalkEnded, TalkStarted, TimeOutSuggested
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
