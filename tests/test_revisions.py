"""Drafts are revised in part: a field left out is kept, None clears an optional one."""

from __future__ import annotations

from datetime import timedelta

import pytest

from conftest import BOX, START
from repairkit import InvalidInput, TimeBox
from repairkit.core.drafts import KEEP, Keep, kept
from repairkit.requests.events import RequestRevised

NEED = "to feel we are a team at home"
ASK = "plan the week's meals together on Sunday evenings"
LATER = TimeBox(starts_at=START + timedelta(days=7), ends_at=START + timedelta(days=21))
RULE = "No sarcasm when we disagree."
WALK = "I will go for a walk and come back in an hour."


def drafted(kit, couple):
    """Return a request Ana drafted with every part filled in."""
    return kit.requests.draft(
        couple.id,
        actor="ana",
        need=NEED,
        ask=ASK,
        observation="Dinner was decided at six, three days running.",
        feeling="tired",
        other_asks=["cook together on Fridays"],
        time_box=BOX,
    )


def content(request):
    """Return everything a revision may change."""
    return (
        request.need,
        request.ask,
        request.observation,
        request.feeling,
        request.other_asks,
        request.time_box,
    )


def test_keep_stands_for_the_current_value():
    """`kept` returns the current value for KEEP, and any other value (even None) as given."""
    assert kept(KEEP, "now") == "now"
    assert kept(None, "now") is None
    assert kept("new", "now") == "new"
    assert isinstance(KEEP, Keep)
    assert repr(KEEP) == "KEEP"


def test_revising_only_the_dates_keeps_the_rest(kit, couple):
    """`revise(id, actor=..., time_box=...)` changes the dates alone, and is stored so."""
    request = drafted(kit, couple)
    revised = kit.requests.revise(request.id, actor="ana", time_box=LATER)
    assert content(revised) == (*content(request)[:5], LATER)
    assert content(kit.requests.get(request.id, actor="ana")) == content(revised)
    event = kit.requests.events(request.id, actor="ana")[-1]
    assert isinstance(event, RequestRevised)
    assert (event.need, event.ask, event.feeling, event.time_box) == (NEED, ASK, "tired", LATER)
    assert event.other_asks == ("cook together on Fridays",)


def test_revising_only_the_ask_keeps_the_need_and_the_dates(kit, couple):
    """Each field is independent: the ask changes, the need and dates do not."""
    request = drafted(kit, couple)
    revised = kit.requests.revise(request.id, actor="ana", ask="cook together on Sundays")
    assert content(revised) == (NEED, "cook together on Sundays", *content(request)[2:])


def test_none_clears_an_optional_part_and_an_empty_list_the_other_asks(kit, couple):
    """None clears the observation, the feeling and the dates; () clears the other asks."""
    request = drafted(kit, couple)
    cleared = kit.requests.revise(
        request.id, actor="ana", observation=None, feeling=None, other_asks=(), time_box=None
    )
    assert content(cleared) == (NEED, ASK, None, None, (), None)
    with pytest.raises(InvalidInput, match="needs dates"):
        kit.requests.propose(request.id, actor="ana")
    kit.requests.revise(request.id, actor="ana", time_box=BOX)
    assert kit.requests.propose(request.id, actor="ana").time_box == BOX


def test_a_bad_part_refuses_the_revision_and_stores_nothing(kit, couple):
    """A need left empty, or dates that have passed, are refused; the draft is as it was."""
    request = drafted(kit, couple)
    past = TimeBox(starts_at=START - timedelta(days=9), ends_at=START - timedelta(days=2))
    with pytest.raises(InvalidInput) as refused:
        kit.requests.revise(request.id, actor="ana", need="  ")
    assert refused.value.field == "need"
    with pytest.raises(InvalidInput) as refused:
        kit.requests.revise(request.id, actor="ana", time_box=past)
    assert refused.value.field.startswith("time_box")
    stored = kit.requests.get(request.id, actor="ana")
    assert (stored.version, content(stored)) == (request.version, content(request))
    assert len(kit.requests.events(request.id, actor="ana")) == 1


def test_kept_dates_that_have_passed_do_not_block_another_change(kit, couple, clock):
    """Only dates given are checked to lie ahead; sending the draft still needs new ones."""
    request = drafted(kit, couple)
    clock.advance(timedelta(days=30))
    revised = kit.requests.revise(request.id, actor="ana", ask="cook together on Sundays")
    assert revised.time_box == BOX
    with pytest.raises(InvalidInput, match="dates have passed"):
        kit.requests.propose(request.id, actor="ana")


def test_a_boundary_draft_is_revised_in_part(kit, couple):
    """The rule and one's own action change apart; None clears the action, never the rule."""
    draft = kit.boundaries.draft(couple.id, actor="ana", rule="No shouting.", own_action=WALK)
    reworded = kit.boundaries.revise(draft.id, actor="ana", rule=RULE)
    assert (reworded.terms.rule, reworded.terms.own_action_of("ana")) == (RULE, WALK)
    acted = kit.boundaries.revise(draft.id, actor="ana", own_action="I will breathe first.")
    assert (acted.terms.rule, acted.terms.own_action_of("ana")) == (RULE, "I will breathe first.")
    cleared = kit.boundaries.revise(draft.id, actor="ana", own_action=None)
    assert (cleared.terms.rule, cleared.terms.own_actions) == (RULE, ())
    stored = kit.boundaries.get(draft.id, actor="ana")
    assert (stored.terms, stored.version) == (cleared.terms, 4)


def test_new_words_for_a_boundary_in_force_may_drop_ones_own_action(kit, couple):
    """`propose_revision` keeps what is left out, and None clears one's own action."""
    draft = kit.boundaries.draft(couple.id, actor="ana", rule=RULE, own_action=WALK)
    kit.boundaries.propose(draft.id, actor="ana")
    kit.boundaries.agree(draft.id, actor="ben", own_action="I will say so calmly.")
    asked = kit.boundaries.propose_revision(draft.id, actor="ana", own_action=None)
    assert asked.proposed_terms is not None
    assert asked.proposed_terms.rule == RULE
    assert asked.proposed_terms.own_action_of("ana") is None
    assert asked.proposed_terms.own_action_of("ben") == "I will say so calmly."
    assert asked.terms.own_action_of("ana") == WALK  # in force until Ben agrees
    agreed = kit.boundaries.agree_to_revision(draft.id, actor="ben")
    assert agreed.terms.own_action_of("ana") is None
