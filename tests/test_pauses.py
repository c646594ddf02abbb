"""The pause before reacting: recorded for oneself only, counted over a window, no streaks."""

from __future__ import annotations

import uuid
from datetime import timedelta

import attrs
import pytest

from conftest import BOX, invite_and_accept
from repairkit import (
    InvalidInput,
    NotAllowedNow,
    NotFound,
    RelationshipRules,
    RelationshipSettings,
)
from repairkit.triggers import PauseCounts, PauseRules, PauseState, TriggerPauses

_P = PauseState


def _trigger(kit, couple, actor="ana", *, shared=False):
    trigger = kit.triggers.write(couple.id, actor=actor, what="Raised voices.", helps="A walk.")
    return kit.triggers.share(trigger.id, actor=actor) if shared else trigger


def _what_ben_reads(kit, couple):
    """Everything of the relationship Ben reads, besides his own pauses."""
    return repr(
        (
            kit.relationships.get(couple.id, actor="ben"),
            kit.relationships.events(couple.id, actor="ben"),
            kit.relationships.awaiting(couple.id, actor="ben"),
            kit.triggers.find(couple.id, actor="ben"),
            kit.pauses.find(couple.id, actor="ben"),
            kit.pauses.counts(couple.id, actor="ben"),
            kit.timers.upcoming(couple.id, actor="ben"),
        )
    )


def test_a_pause_is_its_persons_alone(kit, couple, notifier):
    """Ana records a pause: Ben and Eve read nothing of it, and nobody is told."""
    before = _what_ben_reads(kit, couple)
    pause = kit.pauses.record(couple.id, actor="ana")
    assert (pause.person, pause.trigger_id, pause.state, pause.version) == (
        "ana",
        None,
        _P.RECORDED,
        1,
    )
    for person in ("ben", "eve"):
        for read in (kit.pauses.get, kit.pauses.moves, kit.pauses.events):
            with pytest.raises(NotFound):
                read(pause.id, actor=person)
    assert _what_ben_reads(kit, couple) == before
    assert notifier.received == []
    assert [p.id for p in kit.pauses.find(couple.id, actor="ana")] == [pause.id]
    assert kit.pauses.moves(pause.id, actor="ana") == ("take_back",)
    with pytest.raises(NotFound):
        kit.pauses.record(couple.id, actor="eve")
    with pytest.raises(NotFound):
        kit.pauses.take_back(pause.id, actor="ben")


def test_a_pause_names_one_of_ones_own_triggers_and_leaves_it_as_it_is(kit, couple):
    """Naming a shared trigger changes nothing the partner reads of it."""
    private = _trigger(kit, couple)
    shared = _trigger(kit, couple, shared=True)
    seen = repr(kit.triggers.get(shared.id, actor="ben"))
    events = kit.triggers.events(shared.id, actor="ben")
    for trigger in (private, shared):
        assert kit.pauses.record(couple.id, actor="ana", trigger_id=trigger.id).trigger_id == (
            trigger.id
        )
    assert repr(kit.triggers.get(shared.id, actor="ben")) == seen
    assert kit.triggers.events(shared.id, actor="ben") == events
    assert kit.triggers.get(shared.id, actor="ana").version == 2


def test_a_pause_names_no_trigger_of_the_partners_or_off_the_list(kit, couple):
    """The partner's triggers, a removed one and unknown ids are refused; nothing is stored."""
    bens_shared = _trigger(kit, couple, actor="ben", shared=True)
    bens_private = _trigger(kit, couple, actor="ben")
    removed = _trigger(kit, couple)
    kit.triggers.remove(removed.id, actor="ana")
    cases = [
        (bens_shared.id, InvalidInput),
        (bens_private.id, NotFound),  # as for an unknown id: Ana cannot tell it exists
        (uuid.uuid4(), NotFound),
        (removed.id, InvalidInput),
        ("not an id", InvalidInput),
    ]
    for trigger_id, error in cases:
        with pytest.raises(error):
            kit.pauses.record(couple.id, actor="ana", trigger_id=trigger_id)
    assert kit.pauses.find(couple.id, actor="ana") == []
    with pytest.raises(NotFound) as hidden:
        kit.pauses.record(couple.id, actor="ana", trigger_id=bens_private.id)
    with pytest.raises(NotFound) as unknown:
        kit.pauses.record(couple.id, actor="ana", trigger_id=uuid.uuid4())
    assert str(hidden.value) == str(unknown.value)


def test_ones_own_counts_cover_the_window_with_no_streaks(kit, couple, clock):
    """Totals inside the window and per trigger named; nothing per day, nothing older."""
    settings = RelationshipSettings(rules=[PauseRules(window_days=7)])
    kit.relationships.propose_settings(couple.id, actor="ana", settings=settings)
    kit.relationships.agree_to_settings(couple.id, actor="ben")
    trigger = _trigger(kit, couple)
    first = kit.pauses.record(couple.id, actor="ana", trigger_id=trigger.id)
    clock.advance(timedelta(days=3))
    kit.pauses.record(couple.id, actor="ana", trigger_id=trigger.id)
    mistaken = kit.pauses.record(couple.id, actor="ana")
    kit.pauses.take_back(mistaken.id, actor="ana")
    kit.pauses.record(couple.id, actor="ana")
    kit.pauses.record(couple.id, actor="ben")
    counts = kit.pauses.counts(couple.id, actor="ana")
    assert counts == PauseCounts(
        window_days=7,
        since=clock.now() - timedelta(days=7),
        paused=3,
        by_trigger=(TriggerPauses(trigger_id=trigger.id, paused=2),),
    )
    assert {f.name for f in attrs.fields(PauseCounts)} == {
        "window_days",
        "since",
        "paused",
        "by_trigger",
    }
    assert kit.pauses.counts(couple.id, actor="ben").paused == 1
    clock.advance(timedelta(days=4, seconds=1))  # the first left the window, before run_due
    assert kit.pauses.counts(couple.id, actor="ana").paused == 2
    [aged] = [e for e in kit.timers.run_due() if e.subject_id == first.id]
    assert aged.to_state == _P.AGED_OUT.value
    assert kit.pauses.get(first.id, actor="ana").state is _P.AGED_OUT  # its record stays hers
    assert kit.pauses.moves(first.id, actor="ana") == ()
    with pytest.raises(NotAllowedNow):
        kit.pauses.take_back(first.id, actor="ana")


def test_the_window_is_the_couples_rule_in_force_when_read(kit, couple, clock):
    """Consent applies at reading: a shorter window agreed later counts less at once."""
    kit.pauses.record(couple.id, actor="ana")
    clock.advance(timedelta(days=10))
    kit.pauses.record(couple.id, actor="ana")
    assert kit.pauses.counts(couple.id, actor="ana").paused == 2  # 28 days by default
    settings = RelationshipSettings(rules=[PauseRules(window_days=7)])
    kit.relationships.propose_settings(couple.id, actor="ben", settings=settings)
    kit.relationships.agree_to_settings(couple.id, actor="ana")
    assert kit.pauses.counts(couple.id, actor="ana").paused == 1
    kit.timers.run_due()  # the older one ages out under the rule in force
    assert [u.deadline for u in kit.timers.upcoming(couple.id, actor="ana")] == ["ages out"]
    with pytest.raises(InvalidInput):
        PauseRules(window_days=0)


def test_leaving_closes_every_pause_and_counts_nothing_more(kit, couple):
    """When a partner leaves, each pause closes, its person's alone; no timer is left."""
    pause = kit.pauses.record(couple.id, actor="ana")
    kit.pauses.record(couple.id, actor="ben")
    kit.relationships.leave(couple.id, actor="ben")
    assert kit.pauses.get(pause.id, actor="ana").state is _P.CLOSED_BY_LEAVING
    assert kit.pauses.counts(couple.id, actor="ana").paused == 0
    assert kit.timers.next_due() is None


def test_recording_is_never_held_by_the_pressure_budget(kit):
    """A pause reaches nobody, so the daily budget never counts nor refuses it."""
    settings = RelationshipSettings(rules=[RelationshipRules(daily_items=1)])
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana", settings=settings)
    for _ in range(5):
        kit.pauses.record(couple.id, actor="ana")
    assert kit.pauses.counts(couple.id, actor="ana").paused == 5
    request = kit.requests.draft(couple.id, actor="ana", need="rest", ask="a walk", time_box=BOX)
    kit.clock.advance(timedelta(days=1))
    assert kit.requests.propose(request.id, actor="ana").state.value == "proposed"
