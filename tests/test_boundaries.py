"""Boundaries: in force only by both, revised by consent, suspended by either alone."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from repairkit import InvalidInput, NotAllowedNow, NotFound, NotPermitted, RelationshipSettings
from repairkit.boundaries import BoundaryNotice, BoundaryRules, BoundaryState
from repairkit.testing.safety import blaming_words

_S = BoundaryState
RULE = "No sarcasm when we disagree."


def agreed(kit, couple, rule=RULE, **words):
    """Return a boundary Ana proposed and Ben agreed to."""
    boundary = kit.boundaries.draft(couple.id, actor="ana", rule=rule, **words)
    kit.boundaries.propose(boundary.id, actor="ana")
    return kit.boundaries.agree(boundary.id, actor="ben")


def test_a_draft_is_the_proposers_alone_and_leaves_no_trace(kit, couple, clock, notifier):
    """Ben learns nothing of a draft, and once proposed his copy starts at version 1."""
    draft = kit.boundaries.draft(couple.id, actor="ana", rule="No shouting.")
    clock.advance(timedelta(hours=3))
    kit.boundaries.revise(draft.id, actor="ana", rule=RULE)
    with pytest.raises(NotFound):
        kit.boundaries.get(draft.id, actor="ben")
    assert kit.boundaries.find(couple.id, actor="ben") == []
    assert notifier.received == []
    kit.boundaries.propose(draft.id, actor="ana")
    seen = kit.boundaries.get(draft.id, actor="ben")
    assert (seen.version, seen.created_at, seen.terms.rule) == (1, clock.now(), RULE)
    assert [e.version for e in kit.boundaries.events(draft.id, actor="ben")] == [1]
    [told] = notifier.received
    assert (told.recipient, told.kind) == ("ben", BoundaryNotice.PROPOSED)
    assert RULE not in told.message


def test_it_is_in_force_only_once_the_other_agrees(kit, couple):
    """Proposed is not in force; Ben's yes makes it so, with his own action if he gives one."""
    boundary = kit.boundaries.draft(
        couple.id, actor="ana", rule=RULE, own_action="I will take a break and come back."
    )
    proposed = kit.boundaries.propose(boundary.id, actor="ana")
    assert not proposed.in_force
    assert kit.boundaries.in_force(couple.id, actor="ana") == []
    with pytest.raises(NotPermitted):
        kit.boundaries.agree(boundary.id, actor="ana")  # nobody agrees to their own proposal
    done = kit.boundaries.agree(boundary.id, actor="ben", own_action="I will say I need a minute.")
    assert done.in_force
    assert done.state is _S.IN_FORCE
    assert done.terms.own_action_of("ana") == "I will take a break and come back."
    assert done.terms.own_action_of("ben") == "I will say I need a minute."
    assert [b.id for b in kit.boundaries.in_force(couple.id, actor="ben")] == [boundary.id]


def test_the_partner_asked_can_say_no_and_the_proposer_can_take_it_back(kit, couple):
    """A no is a fair answer; taking a proposal back is the proposer's alone."""
    first = kit.boundaries.draft(couple.id, actor="ana", rule=RULE)
    kit.boundaries.propose(first.id, actor="ana")
    assert kit.boundaries.decline(first.id, actor="ben").state is _S.DECLINED
    second = kit.boundaries.draft(couple.id, actor="ben", rule="No phones at dinner.")
    kit.boundaries.propose(second.id, actor="ben")
    with pytest.raises(NotPermitted):
        kit.boundaries.withdraw(second.id, actor="ana")
    assert kit.boundaries.withdraw(second.id, actor="ben").state is _S.WITHDRAWN


def test_other_words_alternate_and_the_rounds_run_out_to_the_check_in(kit, couple):
    """Each counter hands the answer over; the last allowed round sets it aside."""
    kit.relationships.propose_settings(
        couple.id, actor="ana", settings=RelationshipSettings(rules=[BoundaryRules(max_rounds=2)])
    )
    kit.relationships.agree_to_settings(couple.id, actor="ben")
    boundary = kit.boundaries.draft(couple.id, actor="ana", rule=RULE)
    kit.boundaries.propose(boundary.id, actor="ana")
    countered = kit.boundaries.counter(boundary.id, actor="ben", rule="No sarcasm, either of us.")
    assert (countered.state, countered.awaiting, countered.rounds) == (_S.PROPOSED, "ana", 1)
    with pytest.raises(NotPermitted):
        kit.boundaries.counter(boundary.id, actor="ben", rule="Something else.")
    last = kit.boundaries.counter(boundary.id, actor="ana", rule="No sarcasm in arguments.")
    assert (last.state, last.awaiting) == (_S.SET_ASIDE, None)
    assert last.proposed_terms is not None
    assert last.proposed_terms.rule == "No sarcasm in arguments."


def test_a_revision_waits_for_the_other_while_the_current_words_hold(kit, couple):
    """New words take effect only once the other agrees; the other can keep the current ones."""
    boundary = agreed(kit, couple)
    revising = kit.boundaries.propose_revision(boundary.id, actor="ben", rule="No sarcasm at all.")
    assert revising.in_force
    assert revising.terms.rule == RULE
    assert revising.proposed_terms.rule == "No sarcasm at all."
    with pytest.raises(NotPermitted):
        kit.boundaries.agree_to_revision(boundary.id, actor="ben")
    kept = kit.boundaries.keep_current(boundary.id, actor="ana")
    assert (kept.state, kept.terms.rule, kept.proposed_terms) == (_S.IN_FORCE, RULE, None)
    kit.boundaries.propose_revision(boundary.id, actor="ana", own_action="I will go for a walk.")
    revised = kit.boundaries.agree_to_revision(boundary.id, actor="ben")
    assert revised.terms.rule == RULE
    assert revised.terms.own_action_of("ana") == "I will go for a walk."


def test_a_revision_must_change_something(kit, couple):
    """Proposing the words already in force is refused, and changes nothing."""
    boundary = agreed(kit, couple)
    with pytest.raises(InvalidInput, match="same as the words in force"):
        kit.boundaries.propose_revision(boundary.id, actor="ben", rule=RULE)
    assert kit.boundaries.get(boundary.id, actor="ben").version == boundary.version


def test_either_partner_withdraws_consent_alone_and_at_once(kit, couple, notifier):
    """Withdrawing consent suspends it at once, even with a revision pending; Ana is told calmly."""
    boundary = agreed(kit, couple)
    kit.boundaries.propose_revision(boundary.id, actor="ana", rule="No sarcasm at all.")
    suspended = kit.boundaries.withdraw_consent(boundary.id, actor="ben")
    assert (suspended.state, suspended.in_force, suspended.proposed_terms) == (
        _S.SUSPENDED,
        False,
        None,
    )
    told = notifier.received[-1]
    assert (told.recipient, told.kind) == ("ana", BoundaryNotice.SUSPENDED)
    assert "check-in" in told.message


def test_a_suspended_boundary_is_renewed_by_both_or_retired_by_either(kit, couple):
    """Renewal needs the other's yes (a no leaves it suspended); retiring needs nobody else."""
    boundary = agreed(kit, couple)
    kit.boundaries.withdraw_consent(boundary.id, actor="ben")
    asked = kit.boundaries.propose_revision(boundary.id, actor="ana")  # the same words
    assert asked.state is _S.RENEWAL_PROPOSED
    assert not asked.in_force
    assert kit.boundaries.keep_current(boundary.id, actor="ben").state is _S.SUSPENDED
    kit.boundaries.propose_revision(boundary.id, actor="ben", rule="No sarcasm at all.")
    renewed = kit.boundaries.agree_to_revision(boundary.id, actor="ana")
    assert (renewed.state, renewed.terms.rule) == (_S.IN_FORCE, "No sarcasm at all.")
    kit.boundaries.withdraw_consent(boundary.id, actor="ana")
    assert kit.boundaries.retire(boundary.id, actor="ben").state is _S.RETIRED
    with pytest.raises(NotAllowedNow, match="run its course"):
        kit.boundaries.propose_revision(boundary.id, actor="ana")


@pytest.mark.parametrize(
    ("words", "field"),
    [
        ({"rule": ""}, "rule"),
        ({"rule": "x" * 301}, "rule"),
        ({"rule": RULE, "own_action": "   "}, None),
        ({"rule": 7}, "rule"),
        ({"rule": RULE, "own_action": "y" * 301}, "own_action"),
    ],
)
def test_bad_words_are_refused_without_echo(kit, couple, words, field):
    """Empty, too long or non-text words are refused by name; blank own actions mean none."""
    if field is None:
        made = kit.boundaries.draft(couple.id, actor="ana", **words)
        assert made.terms.own_actions == ()
        return
    with pytest.raises(InvalidInput, match=field) as error:
        kit.boundaries.draft(couple.id, actor="ana", **words)
    assert "xxxx" not in str(error.value)
    assert "yyyy" not in str(error.value)
    assert kit.boundaries.find(couple.id, actor="ana") == []


def test_an_outsider_cannot_tell_a_boundary_exists(kit, couple):
    """Eve gets the same NotFound for a boundary as for an id that was never used."""
    boundary = agreed(kit, couple)
    with pytest.raises(NotFound) as real:
        kit.boundaries.withdraw_consent(boundary.id, actor="eve")
    with pytest.raises(NotFound) as missing:
        kit.boundaries.withdraw_consent(uuid.uuid4(), actor="eve")
    assert str(real.value) == str(missing.value)


def test_after_a_no_to_new_words_their_proposer_waits(kit, couple, clock, notifier):
    """Kept words hold back whoever proposed the new ones for a day; the other is free."""
    boundary = agreed(kit, couple)
    kit.boundaries.propose_revision(boundary.id, actor="ana", rule="No sarcasm at all.")
    kit.boundaries.keep_current(boundary.id, actor="ben")
    told = len(notifier.received)
    with pytest.raises(NotAllowedNow, match="2026-03-03 09:00 UTC") as error:
        kit.boundaries.propose_revision(boundary.id, actor="ana", rule="No sarcasm, please.")
    assert error.value.possible_from == clock.now() + timedelta(hours=24)
    assert len(notifier.received) == told
    assert "propose_revision" not in kit.boundaries.moves(boundary.id, actor="ana")
    assert "propose_revision" in kit.boundaries.moves(boundary.id, actor="ben")
    clock.advance(timedelta(hours=24))
    assert kit.boundaries.propose_revision(boundary.id, actor="ana", rule="No sarcasm, please.")


def test_the_proposer_takes_new_words_back_and_the_other_is_told_so(kit, couple, notifier):
    """Taking one's own new words back is not a no: the other hears they were taken back."""
    boundary = agreed(kit, couple)
    kit.boundaries.propose_revision(boundary.id, actor="ana", rule="No sarcasm at all.")
    assert "withdraw_revision" in kit.boundaries.moves(boundary.id, actor="ana")
    assert "keep_current" not in kit.boundaries.moves(boundary.id, actor="ana")
    assert "withdraw_revision" not in kit.boundaries.moves(boundary.id, actor="ben")
    with pytest.raises(NotPermitted):  # only the one who proposed them takes them back
        kit.boundaries.withdraw_revision(boundary.id, actor="ben")
    with pytest.raises(NotPermitted):  # one does not say no to one's own new words
        kit.boundaries.keep_current(boundary.id, actor="ana")
    heard = len(notifier.for_person("ben"))
    back = kit.boundaries.withdraw_revision(boundary.id, actor="ana")
    assert (back.state, back.terms.rule, back.proposed_terms) == (_S.IN_FORCE, RULE, None)
    assert kit.boundaries.events(boundary.id, actor="ben")[-1].TAG == "boundary.revision_withdrawn"
    told = notifier.for_person("ben")[heard:]
    assert [n.kind for n in told] == [BoundaryNotice.REVISION_WITHDRAWN]
    assert not blaming_words(told[0].message)
    assert "sarcasm" not in told[0].message
    # not a no: new words may come again at once, and nobody waits
    revising = kit.boundaries.propose_revision(boundary.id, actor="ana", rule="No sarcasm, please.")
    assert revising.state is _S.REVISION_PROPOSED
    kept = kit.boundaries.keep_current(boundary.id, actor="ben")
    assert kept.state is _S.IN_FORCE
    assert notifier.for_person("ana")[-1].kind == BoundaryNotice.CURRENT_KEPT


def test_the_proposer_takes_renewing_back(kit, couple, notifier):
    """Proposing to renew a suspended boundary is taken back the same way: it stays suspended."""
    boundary = agreed(kit, couple)
    kit.boundaries.withdraw_consent(boundary.id, actor="ana")
    kit.boundaries.propose_revision(boundary.id, actor="ben")
    with pytest.raises(NotPermitted):
        kit.boundaries.withdraw_revision(boundary.id, actor="ana")
    with pytest.raises(NotPermitted):
        kit.boundaries.keep_current(boundary.id, actor="ben")
    back = kit.boundaries.withdraw_revision(boundary.id, actor="ben")
    assert (back.state, back.proposed_terms, back.awaiting) == (_S.SUSPENDED, None, None)
    assert notifier.for_person("ana")[-1].kind == BoundaryNotice.REVISION_WITHDRAWN
    assert kit.boundaries.propose_revision(boundary.id, actor="ben").state is _S.RENEWAL_PROPOSED


def test_lists_show_the_order_each_reader_knows(kit, couple, clock):
    """Ben's list orders boundaries by when he learned of them, not when Ana drafted them."""
    early = kit.boundaries.draft(couple.id, actor="ana", rule="No interrupting.")
    clock.advance(timedelta(days=1))
    ben = kit.boundaries.draft(couple.id, actor="ben", rule="No phones at dinner.")
    kit.boundaries.propose(ben.id, actor="ben")
    clock.advance(timedelta(days=1))
    kit.boundaries.propose(early.id, actor="ana")
    assert [b.id for b in kit.boundaries.find(couple.id, actor="ben")] == [ben.id, early.id]


def test_the_last_round_tells_both_it_is_kept_for_the_check_in(kit, couple, notifier):
    """Other words that use the last round set the boundary aside, and both hear so."""
    boundary = kit.boundaries.draft(couple.id, actor="ana", rule=RULE)
    kit.boundaries.propose(boundary.id, actor="ana")
    kit.boundaries.counter(boundary.id, actor="ben", rule="No sarcasm, either of us.")
    kit.boundaries.counter(boundary.id, actor="ana", rule="No sarcasm in arguments.")
    before = len(notifier.received)
    kit.boundaries.counter(boundary.id, actor="ben", rule="No sarcasm at all.")
    told = notifier.received[before:]
    assert sorted((n.recipient, n.kind) for n in told) == [
        ("ana", BoundaryNotice.SET_ASIDE),
        ("ben", BoundaryNotice.SET_ASIDE),
    ]


def test_a_declined_boundary_waits_before_its_words_are_proposed_once_more(kit, couple, clock):
    """The same words, however punctuated, wait a day after a no; other words do not."""
    first = kit.boundaries.draft(couple.id, actor="ana", rule=RULE)
    kit.boundaries.propose(first.id, actor="ana")
    kit.boundaries.decline(first.id, actor="ben")
    again = kit.boundaries.draft(couple.id, actor="ana", rule="no sarcasm, when we disagree!")
    with pytest.raises(NotAllowedNow, match="a short while ago") as refused:
        kit.boundaries.propose(again.id, actor="ana")
    assert refused.value.possible_from == clock.now() + timedelta(hours=24)
    assert kit.boundaries.get(again.id, actor="ana").state is _S.DRAFTED
    other = kit.boundaries.draft(couple.id, actor="ana", rule="No interrupting.")
    assert kit.boundaries.propose(other.id, actor="ana").state is _S.PROPOSED
    clock.advance(timedelta(hours=24))
    assert kit.boundaries.propose(again.id, actor="ana").state is _S.PROPOSED
