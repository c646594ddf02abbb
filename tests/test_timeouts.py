"""Time-outs: called for oneself, checked back by a timer, extended by the caller, ceiling-bound."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest

from conftest import START, invite_and_accept
from repairkit import InvalidInput, NotAllowedNow, NotFound, NotPermitted, RelationshipSettings
from repairkit.timeouts import TimeOutNotice, TimeOutRules, TimeOutState

_S = TimeOutState


def test_a_partner_calls_a_time_out_for_themselves(kit, couple, notifier):
    """Ana calls it; Ben is told calmly and needs to do nothing; nobody else can see it."""
    pause = kit.timeouts.call(couple.id, actor="ana", minutes=30)
    assert (pause.caller, pause.other, pause.state) == ("ana", "ben", _S.COOLING_OFF)
    assert pause.return_at == START + timedelta(minutes=30)
    [heard] = notifier.received
    assert (heard.recipient, heard.kind) == ("ben", TimeOutNotice.TIME_OUT_CALLED)
    with pytest.raises(NotPermitted, match="called a timeout"):
        kit.timeouts.come_back(pause.id, actor="ben")  # Ben cannot end Ana's pause early
    with pytest.raises(NotFound):
        kit.timeouts.get(pause.id, actor="eve")


@pytest.mark.parametrize("minutes", [19, 24 * 60 + 1, 0, "20", True])
def test_the_return_time_is_bounded(kit, couple, minutes):
    """At least 20 minutes, at most the 24-hour ceiling, in whole minutes."""
    with pytest.raises(InvalidInput, match="minutes"):
        kit.timeouts.call(couple.id, actor="ben", minutes=minutes)
    assert kit.timeouts.find(couple.id, actor="ben") == []


def test_at_the_return_time_both_are_told_to_check_back(kit, couple, clock, notifier):
    """The timer moves it to check back at its return time and tells both."""
    pause = kit.timeouts.call(couple.id, actor="ana", minutes=20)
    clock.advance(timedelta(minutes=19))
    assert kit.timers.run_due() == []
    clock.advance(timedelta(minutes=1))
    [event] = kit.timers.run_due()
    assert event.at == pause.return_at
    assert kit.timeouts.get(pause.id, actor="ben").state is _S.CHECK_BACK
    told = [n.recipient for n in notifier.received if n.kind is TimeOutNotice.TIME_TO_CHECK_BACK]
    assert sorted(told) == ["ana", "ben"]


def test_only_the_caller_extends_one_rung_at_a_time_never_past_the_ceiling(kit, couple, clock):
    """Extensions climb the ladder (20 min, 2 h, 12 h, 24 h) and stop at 24 h from the call."""
    pause = kit.timeouts.call(couple.id, actor="ana", minutes=20)
    returns = []
    for _ in range(3):
        clock.set(kit.timeouts.get(pause.id, actor="ana").return_at)
        kit.timers.run_due()
        with pytest.raises(NotPermitted):
            kit.timeouts.extend(pause.id, actor="ben")
        returns.append(kit.timeouts.extend(pause.id, actor="ana").return_at)
    steps = [returns[0] - (START + timedelta(minutes=20))]
    steps += [b - a for a, b in itertools.pairwise(returns)]
    assert steps[:2] == [timedelta(hours=2), timedelta(hours=12)]
    assert returns[-1] == START + timedelta(hours=24)  # capped at the ceiling
    clock.set(returns[-1])
    [lapsed] = kit.timers.run_due()  # the ceiling and the return time coincide: it lapses
    assert lapsed.to_state == "lapsed"


def test_unanswered_at_the_ceiling_it_lapses_and_names_no_one(kit, couple, clock, notifier):
    """Nobody came back: at 24 hours it lapses, the topic is set aside, the text names no one."""
    pause = kit.timeouts.call(couple.id, actor="ben", minutes=60)
    clock.set(START + timedelta(days=3))  # the app was down all along
    fired = kit.timers.run_due()
    assert [(e.to_state, e.at) for e in fired] == [
        ("check back", START + timedelta(minutes=60)),
        ("lapsed", START + timedelta(hours=24)),
    ]
    assert kit.timeouts.get(pause.id, actor="ana").state is _S.LAPSED
    last = notifier.received[-1].message
    assert "your partner" not in last.lower()


def test_coming_back_either_comes_back_or_sets_aside_and_letting_go_needs_both(kit, couple, clock):
    """At check back either comes back or sets the topic aside alone; letting go takes both."""
    for move, state in (("come_back", _S.RESUMED), ("set_aside", _S.SET_ASIDE)):
        pause = kit.timeouts.call(couple.id, actor="ana")
        clock.set(pause.return_at)
        kit.timers.run_due()
        assert getattr(kit.timeouts, move)(pause.id, actor="ben").state is state
    pause = kit.timeouts.call(couple.id, actor="ana")
    clock.set(pause.return_at)
    kit.timers.run_due()
    asked = kit.timeouts.propose_dropping(pause.id, actor="ana")
    assert asked.drop_asked == "ben"
    with pytest.raises(NotAllowedNow, match="suggested already"):
        kit.timeouts.propose_dropping(pause.id, actor="ana")
    kept = kit.timeouts.keep_topic(pause.id, actor="ben")
    assert kept.asked() == ()
    assert (kept.state, kept.drop_asked) == (_S.CHECK_BACK, None)
    kit.timeouts.propose_dropping(pause.id, actor="ben")
    assert kit.timeouts.propose_dropping(pause.id, actor="ana").state is _S.DROPPED


def test_the_caller_may_come_back_early(kit, couple):
    """The caller can end their own pause before the return time; its timers go with it."""
    pause = kit.timeouts.call(couple.id, actor="ben", minutes=120)
    assert kit.timers.next_due() == pause.return_at
    assert kit.timeouts.come_back(pause.id, actor="ben").state is _S.RESUMED
    assert kit.timers.next_due() is None


def test_a_second_time_out_in_one_talk_suggests_a_third_person(kit, couple, clock, notifier):
    """Two pauses in one talk: both hear a third person could help, noted for the check-in."""
    first = kit.timeouts.call(couple.id, actor="ana")
    clock.set(first.return_at)
    kit.timers.run_due()
    kit.timeouts.come_back(first.id, actor="ben")
    second = kit.timeouts.call(couple.id, actor="ben", follows=first.id)
    assert (second.in_talk, second.third_party_suggested) == (2, True)
    heard = {
        n.recipient for n in notifier.received if n.kind is TimeOutNotice.THIRD_PARTY_SUGGESTED
    }
    assert heard == {"ana", "ben"}


def test_the_ceiling_can_be_lowered_never_raised(kit):
    """A relationship may agree a shorter ceiling; one above 24 hours is refused."""
    with pytest.raises(InvalidInput, match="ceiling_hours"):
        TimeOutRules(ceiling_hours=25)
    settings = RelationshipSettings(rules=[TimeOutRules(ceiling_hours=2, min_minutes=30)])
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana", settings=settings)
    with pytest.raises(InvalidInput, match="30 to 120 minutes"):
        kit.timeouts.call(couple.id, actor="ana", minutes=180)
    assert kit.timeouts.call(couple.id, actor="ana", minutes=120).state is _S.COOLING_OFF


def test_a_time_out_blocks_nothing_the_other_partner_does(kit, couple):
    """While Ana cools off, Ben can still make and answer requests as ever."""
    kit.timeouts.call(couple.id, actor="ana")
    request = kit.requests.draft(couple.id, actor="ben", need="rest", ask="a quiet evening")
    assert request.state == "drafted"
    assert kit.relationships.pause(couple.id, actor="ben").paused == ("ben",)
