"""Shared goals: drafted privately, holding by both, revised by consent, withdrawn by either."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from conftest import invite_and_accept
from repairkit import (
    InvalidInput,
    NotAllowedNow,
    NotFound,
    NotPermitted,
    RelationshipSettings,
)
from repairkit.goals import GoalNotice, GoalRules, GoalState, LinkKind
from repairkit.testing.safety import blaming_words

_S = GoalState
WORDS = "To recognise each other's emotional world and respond with steady support."
NEW = "To listen first, and then to support each other."


def _held(kit, couple, proposer="ana", partner="ben"):
    goal = kit.goals.draft(couple.id, actor=proposer, words=WORDS)
    kit.goals.propose(goal.id, actor=proposer)
    return kit.goals.agree(goal.id, actor=partner)


def _refused(kit, goal_id, error, move, *, actor, reader="ana", **arguments):
    """Refuse *move* with *error*; the goal and its history are exactly as before."""
    before = kit.goals.get(goal_id, actor=reader)
    history = kit.goals.events(goal_id, actor=reader)
    with pytest.raises(error):
        getattr(kit.goals, move)(goal_id, actor=actor, **arguments)
    after = kit.goals.get(goal_id, actor=reader)
    assert (after.state, after.version, after.words, after.proposed_words, after.links) == (
        before.state,
        before.version,
        before.words,
        before.proposed_words,
        before.links,
    )
    assert kit.goals.events(goal_id, actor=reader) == history


# -- drafting and proposing ------------------------------------------------------------


def test_a_draft_is_its_writers_alone_until_proposed(kit, couple, notifier, clock):
    """Ben and Eve cannot read Ana's draft nor learn it exists; proposing tells Ben calmly."""
    draft = kit.goals.draft(couple.id, actor="ana", words=f"  {WORDS}  ")
    assert (draft.proposer, draft.partner, draft.state, draft.words) == (
        "ana",
        "ben",
        _S.DRAFTED,
        WORDS,
    )
    for person in ("ben", "eve"):
        with pytest.raises(NotFound):
            kit.goals.get(draft.id, actor=person)
    assert kit.goals.find(couple.id, actor="ben") == []
    kit.goals.revise(draft.id, actor="ana", words=NEW)
    kit.goals.revise(draft.id, actor="ana", words=WORDS)
    assert notifier.received == []
    clock.advance(timedelta(days=1))
    proposed = kit.goals.propose(draft.id, actor="ana")
    seen = kit.goals.get(proposed.id, actor="ben")
    assert (seen.state, seen.version, seen.created_at) == (_S.PROPOSED, 1, clock.now())
    assert kit.goals.moves(draft.id, actor="ben") == ("agree", "decline")
    assert kit.goals.moves(draft.id, actor="ana") == ("withdraw",)
    [told] = notifier.received
    assert (told.recipient, told.kind) == ("ben", GoalNotice.PROPOSED)
    assert WORDS not in told.message
    assert "ana" not in told.message
    assert blaming_words(told.message) == []


@pytest.mark.parametrize("words", ["", "   ", None, 3, "x" * 301])
def test_words_are_needed_within_the_limit_and_refused_input_stores_nothing(kit, couple, words):
    """Empty, missing, non-text or overlong words are refused; nothing is stored."""
    with pytest.raises(InvalidInput, match="words"):
        kit.goals.draft(couple.id, actor="ana", words=words)
    assert kit.goals.find(couple.id, actor="ana") == []


def test_the_text_limit_is_the_couples_rule(kit):
    """`GoalRules.max_text_length` bounds the words; out-of-range rules are refused."""
    settings = RelationshipSettings(rules=[GoalRules(max_text_length=40)])
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana", settings=settings)
    with pytest.raises(InvalidInput, match="40"):
        kit.goals.draft(couple.id, actor="ana", words=WORDS)
    assert kit.goals.draft(couple.id, actor="ana", words="To listen first.").words
    with pytest.raises(InvalidInput, match="max_text_length"):
        GoalRules(max_text_length=5)
    with pytest.raises(InvalidInput, match="reask_wait_hours"):
        GoalRules(reask_wait_hours=-1)


def test_only_partners_draft_and_only_the_proposer_revises_or_proposes(kit, couple):
    """Eve cannot draft for Ana and Ben; Ben cannot touch Ana's draft (he cannot see it)."""
    with pytest.raises((NotFound, NotPermitted)):
        kit.goals.draft(couple.id, actor="eve", words=WORDS)
    draft = kit.goals.draft(couple.id, actor="ana", words=WORDS)
    for move, arguments in (("revise", {"words": NEW}), ("propose", {}), ("withdraw", {})):
        _refused(kit, draft.id, NotFound, move, actor="ben", **arguments)
    kit.goals.propose(draft.id, actor="ana")
    _refused(kit, draft.id, NotAllowedNow, "revise", actor="ana", words=NEW)
    _refused(kit, draft.id, NotPermitted, "agree", actor="ana")
    _refused(kit, draft.id, NotFound, "agree", actor="eve")


# -- answering ------------------------------------------------------------------------


def test_it_holds_once_the_other_agrees(kit, couple, notifier):
    """Ben agrees: the goal holds, and both are told calmly."""
    goal = _held(kit, couple)
    assert goal.holds
    assert goal.state is _S.HOLDS
    assert goal.agreed_at is not None
    assert [g.id for g in kit.goals.holding(couple.id, actor="ben")] == [goal.id]
    kinds = {(n.recipient, n.kind) for n in notifier.received}
    assert ("ana", GoalNotice.AGREED) in kinds
    assert all(WORDS not in n.message for n in notifier.received)


def test_a_decline_is_neutral_and_counted_nowhere(kit, couple, notifier):
    """Ben says no: the goal is declined, nothing counts it, and no one is quoted."""
    goal = kit.goals.draft(couple.id, actor="ana", words=WORDS)
    kit.goals.propose(goal.id, actor="ana")
    declined = kit.goals.decline(goal.id, actor="ben")
    assert declined.state is _S.DECLINED
    assert not declined.holds
    assert kit.goals.moves(goal.id, actor="ana") == ()
    assert kit.goals.holding(couple.id, actor="ana") == []
    assert kit.crossings.find(couple.id, actor="ana") == []
    told = [n for n in notifier.received if n.kind is GoalNotice.DECLINED]
    assert [n.recipient for n in told] == ["ana"]
    assert blaming_words(told[0].message) == []
    _refused(kit, goal.id, NotAllowedNow, "agree", actor="ben")


def test_the_proposer_takes_it_back_before_an_answer(kit, couple):
    """Ana withdraws her proposal; Ben can no longer agree."""
    goal = kit.goals.draft(couple.id, actor="ana", words=WORDS)
    kit.goals.propose(goal.id, actor="ana")
    _refused(kit, goal.id, NotPermitted, "withdraw", actor="ben")
    assert kit.goals.withdraw(goal.id, actor="ana").state is _S.WITHDRAWN
    _refused(kit, goal.id, NotAllowedNow, "agree", actor="ben")


# -- revising by consent ----------------------------------------------------------------


def test_new_words_hold_only_once_the_other_agrees(kit, couple):
    """Ben proposes new words; the agreed ones hold until Ana agrees."""
    goal = _held(kit, couple)
    pending = kit.goals.propose_revision(goal.id, actor="ben", words=NEW)
    assert (pending.state, pending.words, pending.proposed_words) == (
        _S.REVISION_PROPOSED,
        WORDS,
        NEW,
    )
    assert pending.holds
    _refused(kit, goal.id, NotPermitted, "agree_to_revision", actor="ben")
    assert "agree_to_revision" in kit.goals.moves(goal.id, actor="ana")
    agreed = kit.goals.agree_to_revision(goal.id, actor="ana")
    assert (agreed.state, agreed.words, agreed.proposed_words) == (_S.HOLDS, NEW, None)


def test_keeping_the_agreed_words_is_a_fair_no(kit, couple, clock):
    """Ana keeps the agreed words; Ben waits before proposing new ones again."""
    goal = _held(kit, couple)
    kit.goals.propose_revision(goal.id, actor="ben", words=NEW)
    kept = kit.goals.keep_current(goal.id, actor="ana")
    assert (kept.state, kept.words, kept.proposed_words) == (_S.HOLDS, WORDS, None)
    _refused(kit, goal.id, NotAllowedNow, "propose_revision", actor="ben", words=NEW)
    clock.advance(timedelta(hours=24))
    assert kit.goals.propose_revision(goal.id, actor="ben", words=NEW).proposed_words == NEW


def test_the_one_who_proposed_new_words_takes_them_back(kit, couple, notifier):
    """Taking one's own new words back is not a no: the other hears they were taken back."""
    goal = _held(kit, couple)
    kit.goals.propose_revision(goal.id, actor="ben", words=NEW)
    assert "withdraw_revision" in kit.goals.moves(goal.id, actor="ben")
    assert "keep_current" not in kit.goals.moves(goal.id, actor="ben")
    assert "withdraw_revision" not in kit.goals.moves(goal.id, actor="ana")
    # only the one who proposed them takes them back; one does not say no to one's own
    _refused(kit, goal.id, NotPermitted, "withdraw_revision", actor="ana")
    _refused(kit, goal.id, NotPermitted, "keep_current", actor="ben")
    notifier.received.clear()
    back = kit.goals.withdraw_revision(goal.id, actor="ben")
    assert (back.state, back.words, back.proposed_words, back.asked()) == (
        _S.HOLDS,
        WORDS,
        None,
        (),
    )
    assert kit.goals.events(goal.id, actor="ana")[-1].TAG == "goal.revision_withdrawn"
    [told] = notifier.received
    assert (told.recipient, told.kind) == ("ana", GoalNotice.REVISION_WITHDRAWN)
    assert "ben" not in told.message
    assert blaming_words(told.message) == []
    # not a no: the same new words may come again at once
    again = kit.goals.propose_revision(goal.id, actor="ben", words=NEW)
    assert again.proposed_words == NEW


def test_new_words_must_differ_and_need_a_goal_that_holds(kit, couple):
    """The same words as agreed are refused; a draft or proposal has no revision."""
    goal = _held(kit, couple)
    _refused(kit, goal.id, InvalidInput, "propose_revision", actor="ana", words=WORDS)
    _refused(kit, goal.id, InvalidInput, "propose_revision", actor="ana", words="")
    draft = kit.goals.draft(couple.id, actor="ana", words=NEW)
    _refused(kit, draft.id, NotAllowedNow, "propose_revision", actor="ana", words=WORDS)


# -- withdrawing consent ----------------------------------------------------------------


@pytest.mark.parametrize("who", ["ana", "ben"])
def test_either_withdraws_consent_alone_and_at_once(kit, couple, who, notifier):
    """Either partner, alone: the goal no longer holds, even with new words pending."""
    goal = _held(kit, couple)
    kit.goals.propose_revision(goal.id, actor="ana", words=NEW)
    notifier.received.clear()
    ended = kit.goals.withdraw_consent(goal.id, actor=who)
    assert ended.state is _S.CONSENT_WITHDRAWN
    assert not ended.holds
    assert ended.proposed_words is None
    assert kit.goals.holding(couple.id, actor="ana") == []
    assert kit.goals.moves(goal.id, actor="ana") == ()
    [told] = notifier.received
    assert told.kind is GoalNotice.CONSENT_WITHDRAWN
    assert told.recipient != who
    assert blaming_words(told.message) == []


def test_leaving_closes_it_neutrally(kit, couple):
    """When a partner leaves, a goal that holds is closed by leaving, for both."""
    goal = _held(kit, couple)
    kit.relationships.leave(couple.id, actor="ben")
    assert kit.goals.get(goal.id, actor="ana").state is _S.CLOSED_BY_LEAVING


# -- links ------------------------------------------------------------------------------


def test_links_name_what_serves_the_goal_where_both_can_see_it(kit, couple):
    """A proposed boundary and request link; a draft, an unknown id and a twice are refused."""
    goal = _held(kit, couple)
    boundary = kit.boundaries.draft(couple.id, actor="ben", rule="No phones at dinner.")
    _refused(kit, goal.id, NotFound, "link", actor="ana", kind="boundary", target_id=boundary.id)
    _refused(
        kit, goal.id, NotAllowedNow, "link", actor="ben", kind="boundary", target_id=boundary.id
    )
    kit.boundaries.propose(boundary.id, actor="ben")
    linked = kit.goals.link(goal.id, actor="ana", kind="boundary", target_id=boundary.id)
    assert [(link.kind, link.target) for link in linked.links] == [(LinkKind.BOUNDARY, boundary.id)]
    assert kit.goals.links(goal.id, actor="ben") == linked.links
    _refused(
        kit, goal.id, InvalidInput, "link", actor="ben", kind="boundary", target_id=boundary.id
    )
    _refused(
        kit, goal.id, InvalidInput, "link", actor="ana", kind="crossing", target_id=boundary.id
    )
    _refused(
        kit, goal.id, NotFound, "link", actor="ana", kind="check-in item", target_id=boundary.id
    )
    topic = kit.agenda.add_topic(couple.id, actor="ben", words="What the goal asks of weekends.")
    with_topic = kit.goals.link(goal.id, actor="ana", kind="check-in item", target_id=topic.id)
    assert (LinkKind.CHECK_IN_ITEM, topic.id) in [(k.kind, k.target) for k in with_topic.links]
    kit.agenda.withdraw(topic.id, actor="ben")  # still an item both see: the link stays
    assert len(kit.goals.links(goal.id, actor="ana")) == 2
    kit.goals.unlink(goal.id, actor="ana", kind="check-in item", target_id=topic.id)
    _refused(kit, goal.id, NotFound, "link", actor="ana", kind="request", target_id=boundary.id)
    _refused(kit, goal.id, NotFound, "link", actor="ana", kind="boundary", target_id=uuid.uuid4())
    _refused(kit, goal.id, NotFound, "link", actor="eve", kind="boundary", target_id=boundary.id)
    unlinked = kit.goals.unlink(goal.id, actor="ben", kind="boundary", target_id=boundary.id)
    assert unlinked.links == ()
    _refused(
        kit, goal.id, InvalidInput, "unlink", actor="ben", kind="boundary", target_id=boundary.id
    )


def test_a_link_to_another_relationships_object_is_refused(kit, couple):
    """Ana's boundary with Cai cannot serve her goal with Ben."""
    other = invite_and_accept(kit, ("ana", "cai"), actor="ana")
    boundary = kit.boundaries.draft(other.id, actor="ana", rule="No interrupting.")
    kit.boundaries.propose(boundary.id, actor="ana")
    goal = _held(kit, couple)
    _refused(kit, goal.id, NotFound, "link", actor="ana", kind="boundary", target_id=boundary.id)


def test_links_wait_for_a_goal_that_holds(kit, couple):
    """A proposed goal links nothing yet; once consent is withdrawn, nothing more links."""
    boundary = kit.boundaries.draft(couple.id, actor="ben", rule="No phones at dinner.")
    kit.boundaries.propose(boundary.id, actor="ben")
    goal = kit.goals.draft(couple.id, actor="ana", words=WORDS)
    kit.goals.propose(goal.id, actor="ana")
    arguments = {"kind": "boundary", "target_id": boundary.id}
    _refused(kit, goal.id, NotAllowedNow, "link", actor="ana", **arguments)
    kit.goals.agree(goal.id, actor="ben")
    kit.goals.withdraw_consent(goal.id, actor="ben")
    _refused(kit, goal.id, NotAllowedNow, "link", actor="ana", **arguments)
