"""Triggers: one's own, private unless shared, unshared at once, and never counted."""

from __future__ import annotations

import uuid
from datetime import UTC, timedelta

import pytest

from conftest import invite_and_accept
from repairkit import (
    InvalidInput,
    NotAllowedNow,
    NotFound,
    NotPermitted,
    RelationshipRules,
    RelationshipSettings,
)
from repairkit.core.events import day_of
from repairkit.testing.safety import blaming_words
from repairkit.triggers import (
    ShareScope,
    TriggerNotice,
    TriggerRules,
    TriggerState,
)

_S = TriggerState
WHAT = "When plans change at the last minute, I go quiet and then sharp."
HELPS = "Ten minutes alone, then talking it through on a walk."


def _write(kit, couple, actor="ana", **changes):
    parts = {"what": WHAT, "helps": HELPS, **changes}
    return kit.triggers.write(couple.id, actor=actor, **parts)


def _shared(kit, couple, actor="ana"):
    return kit.triggers.share(_write(kit, couple, actor=actor).id, actor=actor)


def _trigger_events(kit, couple, person):
    return [e for e in kit.relationships.events(couple.id, actor=person) if e.TAG[:8] == "trigger."]


def _unseen(kit, trigger_id, person):
    """*person* reads nothing of the trigger: each read path answers as for an unknown id."""
    unknown = uuid.uuid4()
    for read in (kit.triggers.get, kit.triggers.moves, kit.triggers.events):
        with pytest.raises(NotFound) as seen:
            read(trigger_id, actor=person)
        with pytest.raises(NotFound) as missing:
            read(unknown, actor=person)
        assert str(seen.value) == str(missing.value)


# -- private until shared -------------------------------------------------------------------


def test_a_trigger_is_its_owners_alone_until_shared(kit, couple, notifier, clock):
    """Ben and Eve read nothing of Ana's trigger, nor that it exists; nobody is told."""
    trigger = _write(kit, couple, what=f"  {WHAT}  ")
    assert (trigger.owner, trigger.partner, trigger.state) == ("ana", "ben", _S.PRIVATE)
    assert (trigger.what, trigger.helps, trigger.shared_with) == (WHAT, HELPS, ())
    for person in ("ben", "eve"):
        _unseen(kit, trigger.id, person)
    assert kit.triggers.find(couple.id, actor="ben") == []
    assert _trigger_events(kit, couple, "ben") == []
    clock.advance(timedelta(hours=5))
    kit.triggers.revise(trigger.id, actor="ana", helps=None)
    kit.triggers.revise(trigger.id, actor="ana", helps=HELPS)
    assert notifier.received == []
    clock.advance(timedelta(days=1))
    shared = kit.triggers.share(trigger.id, actor="ana")
    assert (shared.state, shared.shared_with, shared.version) == (
        _S.SHARED,
        (ShareScope.PARTNER,),
        4,
    )
    seen = kit.triggers.get(trigger.id, actor="ben")
    assert (seen.version, seen.created_at, seen.private_moves) == (1, clock.now(), 0)
    assert [(e.TAG, e.version) for e in kit.triggers.events(trigger.id, actor="ben")] == [
        ("trigger.shared", 1)
    ]
    [told] = notifier.received
    assert (told.recipient, told.kind) == ("ben", TriggerNotice.SHARED)
    assert WHAT not in told.message
    assert HELPS not in told.message
    assert "ana" not in told.message
    assert blaming_words(told.message) == []
    assert kit.triggers.moves(trigger.id, actor="ben") == ()


@pytest.mark.parametrize(
    ("field", "value"),
    [("what", ""), ("what", "   "), ("what", None), ("what", 3), ("helps", 4), ("what", "x" * 501)],
)
def test_each_part_is_checked_and_refused_input_stores_nothing(kit, couple, field, value):
    """A trigger takes a few words of what sets one off; ``helps`` is optional text."""
    with pytest.raises(InvalidInput) as refused:
        _write(kit, couple, **{field: value})
    assert refused.value.field == field
    assert kit.triggers.find(couple.id, actor="ana") == []
    assert _write(kit, couple, helps="   ").helps is None  # blank helps: none written


def test_the_text_limit_is_the_couples_rule(kit):
    """`TriggerRules.max_text_length` is set per relationship."""
    settings = RelationshipSettings(rules=[TriggerRules(max_text_length=20)])
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana", settings=settings)
    with pytest.raises(InvalidInput):
        _write(kit, couple)
    assert _write(kit, couple, what="Raised voices.", helps=None).what == "Raised voices."
    with pytest.raises(InvalidInput):
        TriggerRules(max_text_length=19)


def test_only_its_owner_moves_it_and_an_outsider_cannot_write(kit, couple):
    """The partner reads a shared trigger and makes no move on it; Eve writes none."""
    trigger = _shared(kit, couple)
    for move, arguments in (
        ("revise", {"what": "Something else."}),
        ("unshare", {}),
        ("remove", {}),
    ):
        with pytest.raises(NotPermitted) as refused:
            getattr(kit.triggers, move)(trigger.id, actor="ben", **arguments)
        assert refused.value.allowed == ()
        assert "ben" not in str(refused.value)
    with pytest.raises(NotAllowedNow):
        kit.triggers.share(trigger.id, actor="ben")
    with pytest.raises(NotFound):
        kit.triggers.write(couple.id, actor="eve", what=WHAT)
    assert set(kit.triggers.moves(trigger.id, actor="ana")) == {"revise", "unshare", "remove"}
    assert kit.triggers.get(trigger.id, actor="ben").version == 1  # nothing was stored


# -- unsharing -------------------------------------------------------------------------------


def test_unsharing_applies_at_once_and_tells_nothing(kit, couple, notifier, clock):
    """Unshared, the trigger leaves every read path of Ben's at once, and nothing tells him."""
    trigger = _shared(kit, couple)
    clock.advance(timedelta(hours=2))
    kit.triggers.revise(trigger.id, actor="ana", what="Raised voices.")  # while shared
    assert kit.triggers.get(trigger.id, actor="ben").what == "Raised voices."
    assert [e.TAG for e in _trigger_events(kit, couple, "ben")] == [
        "trigger.shared",
        "trigger.revised",
    ]
    heard = list(notifier.received)
    clock.advance(timedelta(minutes=7))
    unshared = kit.triggers.unshare(trigger.id, actor="ana")
    assert (unshared.state, unshared.shared_with, unshared.shared_at) == (_S.PRIVATE, (), None)
    _unseen(kit, trigger.id, "ben")
    assert kit.triggers.find(couple.id, actor="ben") == []
    assert _trigger_events(kit, couple, "ben") == []
    assert kit.relationships.awaiting(couple.id, actor="ben") == []
    assert kit.timers.upcoming(couple.id, actor="ben") == []
    assert notifier.received == heard  # nobody is told
    assert [e.TAG for e in kit.triggers.events(trigger.id, actor="ana")][-1] == "trigger.unshared"


def test_shared_again_the_partner_reads_only_what_they_could_see(kit, couple, clock):
    """What Ana did while it was hers alone leaves no trace in Ben's copy, shared again."""
    trigger = _write(kit, couple)
    clock.advance(timedelta(hours=1))
    first = kit.triggers.share(trigger.id, actor="ana").shared_at
    clock.advance(timedelta(hours=1))
    kit.triggers.revise(trigger.id, actor="ana", helps="A walk.")
    revised_on = day_of(clock.now(), UTC)
    kit.triggers.unshare(trigger.id, actor="ana")
    for _ in range(3):
        kit.triggers.revise(trigger.id, actor="ana", helps="Quiet, then a walk.")
    clock.advance(timedelta(days=2))
    again = kit.triggers.share(trigger.id, actor="ana")
    assert again.version == 8  # Ana's own numbering: every move of hers
    seen = kit.triggers.get(trigger.id, actor="ben")
    assert (seen.version, seen.created_at, seen.shared_at) == (3, first, clock.now())
    assert seen.helps == "Quiet, then a walk."
    events = kit.triggers.events(trigger.id, actor="ben")
    assert [(e.TAG, e.version) for e in events] == [
        ("trigger.shared", 1),
        ("trigger.revised", 2),
        ("trigger.shared", 3),
    ]
    assert events[1].at == revised_on  # a quiet move of Ana's: its day only
    assert events[2].at == clock.now()  # he was told of this one


def test_the_scope_is_typed_and_only_the_partner_is_available_now(kit, couple):
    """`ShareScope` names with whom: the partner now, a check-in's facilitator later."""
    assert list(ShareScope) == [ShareScope.PARTNER]
    trigger = _write(kit, couple)
    for scope in ("facilitator", 3, None):
        with pytest.raises(InvalidInput) as refused:
            kit.triggers.share(trigger.id, actor="ana", scope=scope)
        assert refused.value.field == "scope"
        assert kit.triggers.get(trigger.id, actor="ana").version == 1  # nothing stored
    shared = kit.triggers.share(trigger.id, actor="ana", scope="partner")
    assert shared.shared_with == (ShareScope.PARTNER,)
    with pytest.raises(InvalidInput):
        kit.triggers.unshare(trigger.id, actor="ana", scope="facilitator")
    assert kit.triggers.unshare(trigger.id, actor="ana", scope=ShareScope.PARTNER).shared_with == ()


def test_taking_it_off_the_list_leaves_the_partners_view_and_stays_the_owners(kit, couple):
    """A removed trigger is Ana's alone: Ben reads nothing of it; no move is left."""
    trigger = _shared(kit, couple)
    removed = kit.triggers.remove(trigger.id, actor="ana")
    assert (removed.state, removed.shared_with) == (_S.REMOVED, ())
    _unseen(kit, trigger.id, "ben")
    assert kit.triggers.moves(trigger.id, actor="ana") == ()
    with pytest.raises(NotAllowedNow):
        kit.triggers.share(trigger.id, actor="ana")


def test_sharing_counts_in_the_pressure_budget_and_private_moves_never_do(kit):
    """A share reaches the partner, so it counts; writing, unsharing and revising never do."""
    settings = RelationshipSettings(rules=[RelationshipRules(daily_items=1)])
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana", settings=settings)
    kit.clock.advance(timedelta(days=1))  # a fresh day: the settings were Ana's item
    first, second = (_write(kit, couple) for _ in range(2))
    for _ in range(5):
        _write(kit, couple)  # private: never counted
    kit.triggers.share(first.id, actor="ana")
    kit.triggers.unshare(first.id, actor="ana")
    with pytest.raises(NotAllowedNow) as refused:
        kit.triggers.share(second.id, actor="ana")  # unshared and shared: a new item each
    assert refused.value.possible_from is not None
    with pytest.raises(NotAllowedNow):
        kit.triggers.share(first.id, actor="ana")
    kit.triggers.revise(second.id, actor="ana", what="Raised voices.")
    kit.triggers.remove(second.id, actor="ana")
    assert _shared(kit, couple, actor="ben").state is _S.SHARED  # Ben's own day is his


def test_leaving_closes_every_trigger_and_each_stays_its_owners(kit, couple):
    """When Ben leaves, Ana's shared trigger and his own private one close, each its owner's."""
    hers = _shared(kit, couple)
    his = _write(kit, couple, actor="ben")
    kit.relationships.leave(couple.id, actor="ben")
    assert kit.triggers.get(hers.id, actor="ana").state is _S.CLOSED_BY_LEAVING
    assert kit.triggers.get(his.id, actor="ben").state is _S.CLOSED_BY_LEAVING
    _unseen(kit, hers.id, "ben")
    _unseen(kit, his.id, "ana")
