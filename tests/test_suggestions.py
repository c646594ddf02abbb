"""Pressure has limits (safety rule 6) for every suggestion, and what a person can do now.

After a no to resuming, reopening, ending, letting a topic go or new settings, the
partner who suggested it waits out the pause before suggesting it on the same object
once more; the partner who said no does not. `moves` and `awaiting` tell each person
what is open to them and what they are asked.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from conftest import BOX, invite_and_accept
from repairkit import (
    NotAllowedNow,
    NotFound,
    NotPermitted,
    RelationshipRules,
    RelationshipSettings,
    RepairKit,
)
from repairkit.requests import RequestRules
from repairkit.testing.safety import blaming_words
from repairkit.timeouts import TimeOutRules

NEED = "to feel we are a team at home"
ASK = "wash the dinner dishes by 10 pm"
DAY = timedelta(hours=24)


def _agreed(kit: RepairKit, couple: Any) -> Any:
    request = kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK, time_box=BOX)
    kit.requests.propose(request.id, actor="ana")
    return kit.requests.accept(request.id, actor="ben")


def _resuming(kit: RepairKit, couple: Any) -> tuple[Any, Callable[..., Any], Callable[..., Any]]:
    request = _agreed(kit, couple)
    kit.requests.hold(request.id, actor="ana")
    return request.id, kit.requests.propose_resuming, kit.requests.decline_resuming


def _reopening(kit: RepairKit, couple: Any) -> tuple[Any, Callable[..., Any], Callable[..., Any]]:
    request = kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK, time_box=BOX)
    kit.requests.propose(request.id, actor="ana")
    kit.requests.set_aside(request.id, actor="ben")
    return request.id, kit.requests.propose_reopening, kit.requests.decline_reopening


def _ending(kit: RepairKit, couple: Any) -> tuple[Any, Callable[..., Any], Callable[..., Any]]:
    return _agreed(kit, couple).id, kit.requests.propose_ending, kit.requests.keep_going


def _letting_go(kit: RepairKit, couple: Any) -> tuple[Any, Callable[..., Any], Callable[..., Any]]:
    pause = kit.timeouts.call(couple.id, actor="ben", minutes=20)
    kit.clock.advance(timedelta(minutes=20))  # type: ignore[attr-defined]
    kit.timers.run_due()
    return pause.id, kit.timeouts.propose_dropping, kit.timeouts.keep_topic


def _settings(kit: RepairKit, couple: Any) -> tuple[Any, Callable[..., Any], Callable[..., Any]]:
    def propose(relationship_id: Any, *, actor: str) -> Any:
        new = RelationshipSettings(time_zone="Europe/Berlin")
        return kit.relationships.propose_settings(relationship_id, actor=actor, settings=new)

    return couple.id, propose, kit.relationships.decline_settings


SUGGESTIONS = {
    "resuming": _resuming,
    "reopening": _reopening,
    "ending": _ending,
    "letting a topic go": _letting_go,
    "settings": _settings,
}


def _stored(kit: RepairKit, couple: Any) -> int:
    return len(kit._storage.relationship_events(couple.id))


@pytest.mark.parametrize("setup", SUGGESTIONS.values(), ids=SUGGESTIONS.keys())
def test_after_a_no_the_same_suggestion_by_the_same_partner_waits(kit, couple, notifier, setup):
    """The one who heard the no waits a day; nothing is stored and nobody is told meanwhile."""
    subject, suggest, say_no = setup(kit, couple)
    suggest(subject, actor="ana")
    say_no(subject, actor="ben")
    no_at = kit.clock.now()
    kit.clock.advance(timedelta(hours=5))
    stored, heard = _stored(kit, couple), len(notifier.received)
    with pytest.raises(NotAllowedNow) as refused:
        suggest(subject, actor="ana")
    assert (_stored(kit, couple), len(notifier.received)) == (stored, heard)
    error = refused.value
    assert error.possible_from == no_at + DAY
    assert (no_at + DAY).strftime("%Y-%m-%d %H:%M UTC") in str(error)
    assert blaming_words(str(error)) == []
    assert "ana" not in str(error)
    assert "ben" not in str(error)
    assert error.action not in error.allowed
    kit.clock.advance(DAY - timedelta(hours=5))  # the pause has passed
    suggest(subject, actor="ana")
    assert len(notifier.received) == heard + 1


@pytest.mark.parametrize("setup", SUGGESTIONS.values(), ids=SUGGESTIONS.keys())
def test_the_partner_who_said_no_may_suggest_it_themselves(kit, couple, notifier, setup):
    """Symmetry: the pause holds back only the partner who heard the no."""
    subject, suggest, say_no = setup(kit, couple)
    suggest(subject, actor="ana")
    say_no(subject, actor="ben")
    heard = len(notifier.for_person("ana"))
    suggest(subject, actor="ben")
    assert len(notifier.for_person("ana")) == heard + 1


def test_the_pause_is_set_by_each_workflows_rules(kit, clock):
    """reask_wait_hours of each workflow's rules sets the pause; 0 turns it off."""
    couple = invite_and_accept(
        kit,
        ("ana", "ben"),
        actor="ana",
        settings=RelationshipSettings(
            rules=[
                RequestRules(reask_wait_hours=0),
                TimeOutRules(reask_wait_hours=2),
                RelationshipRules(reask_wait_hours=6),
            ]
        ),
    )
    request, propose_ending, keep_going = _ending(kit, couple)
    propose_ending(request, actor="ana")
    keep_going(request, actor="ben")
    propose_ending(request, actor="ana")  # no pause for requests here
    pause, propose_dropping, keep_topic = _letting_go(kit, couple)
    propose_dropping(pause, actor="ana")
    keep_topic(pause, actor="ben")
    with pytest.raises(NotAllowedNow) as refused:
        propose_dropping(pause, actor="ana")
    assert refused.value.possible_from == kit.clock.now() + timedelta(hours=2)
    _, propose_settings, decline_settings = _settings(kit, couple)
    propose_settings(couple.id, actor="ana")
    decline_settings(couple.id, actor="ben")
    clock.advance(timedelta(hours=6))
    propose_settings(couple.id, actor="ana")


def test_taking_back_ones_own_suggestion_is_no_no(kit, couple):
    """keep_going by the partner who suggested ending takes it back: nobody waits."""
    request = _agreed(kit, couple)
    kit.requests.propose_ending(request.id, actor="ana")
    kept = kit.requests.keep_going(request.id, actor="ana")
    assert kept.heard_no == ()
    kit.requests.propose_ending(request.id, actor="ana")


def test_asking_back_agrees_even_for_a_partner_who_heard_a_no(kit, couple):
    """After a no, the one who heard it may still say yes when the other asks."""
    subject, suggest, say_no = _resuming(kit, couple)
    suggest(subject, actor="ana")
    say_no(subject, actor="ben")
    suggest(subject, actor="ben")
    assert kit.requests.propose_resuming(subject, actor="ana").state.value == "agreed"


# -- what a person can do now -------------------------------------------------------------


def test_moves_lists_only_what_the_person_can_do_now(kit, couple):
    """No answer to a note is offered while none is pending; the noter can withdraw theirs."""
    request = _agreed(kit, couple)
    assert kit.requests.moves(request.id, actor="ben") == (
        "record_follow_through",
        "propose_ending",
        "hold",
        "step_back",
    )
    assert "withdraw_notice" not in kit.requests.moves(request.id, actor="ana")
    kit.requests.notice_missed(request.id, actor="ana")
    assert {"acknowledge_notice", "see_differently"} <= set(
        kit.requests.moves(request.id, actor="ben")
    )
    assert "withdraw_notice" in kit.requests.moves(request.id, actor="ana")


def test_an_outsider_learns_nothing_from_moves_or_awaiting(kit, couple):
    """An outsider asking for moves or what awaits learns nothing, as for a missing id."""
    request = _agreed(kit, couple)
    for ask in (
        lambda: kit.requests.moves(request.id, actor="eve"),
        lambda: kit.requests.awaiting(couple.id, actor="eve"),
        lambda: kit.relationships.awaiting(couple.id, actor="eve"),
        lambda: kit.relationships.moves(couple.id, actor="eve"),
    ):
        with pytest.raises(NotFound):
            ask()
    draft = kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK)
    with pytest.raises(NotFound):
        kit.requests.moves(draft.id, actor="ben")  # a draft is the asker's alone
    assert kit.requests.moves(draft.id, actor="ana") == ("revise", "withdraw")  # no dates yet


def test_refusals_carry_the_moves_open_now(kit, couple):
    """NotPermitted and NotAllowedNow name what the person can do instead."""
    request = _agreed(kit, couple)
    with pytest.raises(NotPermitted) as refused:
        kit.requests.acknowledge_notice(request.id, actor="ana")
    assert refused.value.allowed == kit.requests.moves(request.id, actor="ana")
    assert "Moves open to you now: notice_missed" in str(refused.value)
    with pytest.raises(NotAllowedNow) as late:
        kit.requests.accept(request.id, actor="ben")
    assert late.value.allowed == kit.requests.moves(request.id, actor="ben")


def test_awaiting_gathers_what_each_person_is_asked(kit, couple):
    """A pending note, suggested settings and a proposal each await their person's answer."""
    request = _agreed(kit, couple)
    assert kit.relationships.awaiting(couple.id, actor="ben") == []
    kit.requests.notice_missed(request.id, actor="ana")
    kit.relationships.propose_settings(
        couple.id, actor="ben", settings=RelationshipSettings(time_zone="UTC")
    )
    other = kit.requests.draft(
        couple.id, actor="ben", need="rest", ask="a quiet hour", time_box=BOX
    )
    kit.requests.propose(other.id, actor="ben")
    [note] = kit.relationships.awaiting(couple.id, actor="ben")
    assert (note.kind, note.item.id) == ("request", request.id)
    assert {"acknowledge_notice", "see_differently"} <= set(note.moves)
    settings, proposal = kit.relationships.awaiting(couple.id, actor="ana")
    assert (settings.kind, proposal.kind, proposal.item.id) == ("relationship", "request", other.id)
    assert "decline_settings" in settings.moves
    assert "decline" in proposal.moves
    assert [r.id for r in kit.requests.awaiting(couple.id, actor="ben")] == [request.id]


def test_a_table_says_no_only_to_its_own_suggestions():
    """A row that answers a trigger the table lacks is refused when the table is built."""
    import enum  # noqa: PLC0415 - only this test needs it

    from repairkit.core import EITHER_PARTNER, Move, Workflow  # noqa: PLC0415

    class S(enum.StrEnum):
        OPEN = "open"

    with pytest.raises(ValueError, match="answers 'propose_x'"):
        Workflow(
            "thing",
            S,
            S.OPEN,
            (Move("say_no", (S.OPEN,), S.OPEN, EITHER_PARTNER, answers="propose_x"),),
        )
    table = Workflow(
        "thing",
        S,
        S.OPEN,
        (
            Move("propose_x", (S.OPEN,), S.OPEN, EITHER_PARTNER),
            Move("say_no", (S.OPEN,), S.OPEN, EITHER_PARTNER, answers="propose_x"),
        ),
    )
    assert (table.suggestions, table.answers("say_no"), table.answers("propose_x")) == (
        frozenset({"propose_x"}),
        "propose_x",
        None,
    )


def test_a_note_that_lapsed_with_the_window_awaits_nobody(kit, couple, clock):
    """Once a note's day leaves the rolling window, it asks nothing and offers no answer."""
    request = _agreed(kit, couple)
    kit.requests.notice_missed(request.id, actor="ana")
    assert [a.item.id for a in kit.relationships.awaiting(couple.id, actor="ben")] == [request.id]
    clock.advance(timedelta(days=15))  # past the 14-day window
    assert kit.relationships.awaiting(couple.id, actor="ben") == []
    assert kit.requests.awaiting(couple.id, actor="ben") == []
    assert "acknowledge_notice" not in kit.requests.moves(request.id, actor="ben")
