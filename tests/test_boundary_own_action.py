"""A boundary's own action is the partner's own step, never a sanction on the other.

Issue 16, case 7: ``own_action`` accepted "Ben loses his phone". The wording check
refuses the obvious cases with `InvalidInput`, on every storage alike, and an app
extends it with its own patterns or checks.
"""

from __future__ import annotations

import pytest

from repairkit import InvalidInput
from repairkit.boundaries import OWN_ACTION_WORDING, OwnActionWording
from repairkit.testing.safety import blaming_words

RULE = "No sarcasm when we disagree."

SANCTIONS = [
    "Ben loses his phone.",
    "ben loses his phone for a day",
    "You will sleep on the couch.",
    "He is not allowed to go out on Friday.",
    "My partner pays for dinner.",
    "I take away his car keys.",
    "I will give the silent treatment.",
    "I confiscate her laptop.",
]
OWN_STEPS = [
    "I will take a break and come back in an hour.",
    "I will say I need a minute.",
    "I go for a walk and text when I am calm.",
    "Ask for a pause, then listen.",
]


def _proposed(kit, couple):
    boundary = kit.boundaries.draft(couple.id, actor="ana", rule=RULE)
    return kit.boundaries.propose(boundary.id, actor="ana")


@pytest.mark.parametrize("action", SANCTIONS)
def test_a_sanction_on_the_other_is_refused_as_an_own_action(kit, couple, notifier, action):
    """Drafting with a sanction on Ben as Ana's own action is refused; nothing is stored."""
    with pytest.raises(InvalidInput) as refused:
        kit.boundaries.draft(couple.id, actor="ana", rule=RULE, own_action=action)
    assert refused.value.field == "own_action"
    assert action not in str(refused.value)  # never echoed
    assert blaming_words(str(refused.value)) == []
    assert kit.boundaries.find(couple.id, actor="ana") == []
    assert notifier.received == []


def test_every_move_that_takes_an_own_action_checks_it(kit, couple):
    """Agreeing, other words, revising a draft and new words all check the own action."""
    about_ana = "Ana loses her phone."
    boundary = _proposed(kit, couple)
    with pytest.raises(InvalidInput, match="own_action"):
        kit.boundaries.agree(boundary.id, actor="ben", own_action=about_ana)
    with pytest.raises(InvalidInput, match="own_action"):
        kit.boundaries.counter(boundary.id, actor="ben", rule=RULE, own_action=about_ana)
    agreed = kit.boundaries.agree(boundary.id, actor="ben", own_action=OWN_STEPS[0])
    assert agreed.terms.own_action_of("ben") == OWN_STEPS[0]
    with pytest.raises(InvalidInput, match="own_action"):
        kit.boundaries.propose_revision(boundary.id, actor="ana", own_action="Ben loses his phone.")
    draft = kit.boundaries.draft(couple.id, actor="ben", rule="No phones at dinner.")
    with pytest.raises(InvalidInput, match="own_action"):
        kit.boundaries.revise(draft.id, actor="ben", own_action=about_ana)


@pytest.mark.parametrize("action", OWN_STEPS)
def test_ones_own_step_is_accepted(kit, couple, action):
    """What a partner will do for themselves passes the check."""
    made = kit.boundaries.draft(couple.id, actor="ana", rule=RULE, own_action=action)
    assert made.terms.own_action_of("ana") == action


def test_an_outsider_learns_nothing_from_the_check(kit, couple):
    """The roles are checked first: an outsider hears NotFound, not the wording check."""
    from repairkit import NotFound  # noqa: PLC0415

    boundary = _proposed(kit, couple)
    with pytest.raises(NotFound):
        kit.boundaries.agree(boundary.id, actor="eve", own_action="Ben loses his phone.")


def test_an_app_extends_the_check_with_patterns_and_checks(kit, couple):
    """An app adds its own patterns and checks on its kit; repairkit's own stay."""
    dessert = "I make sure there is no dessert for a week."
    assert kit.boundaries.draft(couple.id, actor="ana", rule=RULE, own_action=dessert)
    kit.boundaries.wording = OWN_ACTION_WORDING.extended(
        r"\bno dessert\b", checks=(lambda action, other: "couch" in action.lower(),)
    )
    for action in (dessert, "I will take the couch tonight.", SANCTIONS[0]):
        with pytest.raises(InvalidInput, match="own_action"):
            kit.boundaries.draft(couple.id, actor="ana", rule=RULE, own_action=action)
    assert kit.boundaries.draft(couple.id, actor="ana", rule=RULE, own_action=OWN_STEPS[0])


def test_a_pattern_that_is_no_regular_expression_is_refused():
    """An app's pattern is checked when the wording is made."""
    with pytest.raises(InvalidInput, match="patterns"):
        OwnActionWording(patterns=("(unclosed",))
    with pytest.raises(InvalidInput, match="patterns"):
        OWN_ACTION_WORDING.extended("[a-")


def test_the_check_is_about_the_other_partner_by_their_id():
    """The other partner's id stands for ``{other}``: their name starts a sanction."""
    assert OWN_ACTION_WORDING.is_about_the_other("Sam gives up the car.", "sam")
    assert not OWN_ACTION_WORDING.is_about_the_other("Sam gives up the car.", "alex")
