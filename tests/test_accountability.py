"""Accountability agreements: a short list held by both, consequences offered, never imposed."""

from __future__ import annotations

import uuid
from datetime import timedelta

import attrs
import pytest

from repairkit import (
    InvalidInput,
    NotAllowedNow,
    NotPermitted,
    RelationshipRules,
    RelationshipSettings,
)
from repairkit.accountability import (
    AccountabilityRules,
    AgreementNotice,
    AgreementState,
    Consequence,
    ConsequenceKind,
    ExtraKind,
    ItemTerms,
    OfferState,
)
from repairkit.repairs import Practice, RepairLink, RepairLinkKind, RepairRules
from repairkit.testing.safety import blaming_words

_S = AgreementState
ATTENTION = Consequence(kind=ConsequenceKind.FOCUSED_ATTENTION, minutes=20, days=7)


def _boundary(kit, couple, rule="No interrupting."):
    boundary = kit.boundaries.draft(couple.id, actor="ana", rule=rule)
    kit.boundaries.propose(boundary.id, actor="ana")
    return kit.boundaries.agree(boundary.id, actor="ben")


def _held(kit, couple, boundary=None, *, binds=None, consequence=ATTENTION):
    item = ItemTerms(
        behaviour="Let each other finish speaking.",
        binds=binds,
        boundary_id=None if boundary is None else boundary.id,
        consequence=None if boundary is None else consequence,
    )
    agreement = kit.accountability.propose(couple.id, actor="ana", items=[item])
    return kit.accountability.agree(agreement.id, actor="ben")


def _crossed(kit, clock, couple, boundary, *, about="ben", hours=1):
    """*about* owns a crossing of *boundary*, *hours* later than now."""
    clock.advance(timedelta(hours=hours))
    return kit.crossings.own(couple.id, actor=about, boundary_id=boundary.id)


def test_a_list_holds_once_both_agree_and_a_no_is_neutral(kit, couple):
    item = ItemTerms(behaviour="Take a time-out early.")
    agreement = kit.accountability.propose(couple.id, actor="ana", items=[item])
    assert agreement.state is _S.PROPOSED
    assert kit.accountability.moves(agreement.id, actor="ben") == ("agree", "decline")
    assert kit.accountability.moves(agreement.id, actor="ana") == ("withdraw",)
    with pytest.raises(NotPermitted):
        kit.accountability.agree(agreement.id, actor="ana")
    declined = kit.accountability.decline(agreement.id, actor="ben")
    assert declined.state is _S.DECLINED
    again = kit.accountability.propose(couple.id, actor="ben", items=[item])
    assert kit.accountability.agree(again.id, actor="ana").state is _S.IN_FORCE


def test_one_list_at_a_time(kit, couple):
    _held(kit, couple)
    with pytest.raises(NotAllowedNow):
        kit.accountability.propose(
            couple.id, actor="ben", items=[ItemTerms(behaviour="Say what I need.")]
        )
    assert kit.accountability.current(couple.id, actor="ben").state is _S.IN_FORCE


def test_an_item_binding_one_partner_needs_that_partners_yes(kit, couple):
    item = ItemTerms(behaviour="Put the phone away at dinner.", binds="ben")
    agreement = kit.accountability.propose(couple.id, actor="ana", items=[item])
    assert agreement.items[0].binds == ("ben",)
    assert agreement.state is _S.PROPOSED  # nothing binds Ben until he says yes
    agreed = kit.accountability.agree(agreement.id, actor="ben")
    assert agreed.state is _S.IN_FORCE
    with pytest.raises(InvalidInput):
        kit.accountability.propose_change(
            agreed.id, actor="ana", kind="add", terms=ItemTerms(behaviour="x", binds="eve")
        )


def test_at_most_max_items(kit, couple):
    items = [ItemTerms(behaviour=f"Behaviour {n}.") for n in range(6)]
    with pytest.raises(InvalidInput, match="at most 5"):
        kit.accountability.propose(couple.id, actor="ana", items=items)
    held = kit.accountability.agree(
        kit.accountability.propose(couple.id, actor="ana", items=items[:5]).id, actor="ben"
    )
    with pytest.raises(InvalidInput, match="at most 5"):
        kit.accountability.propose_change(held.id, actor="ben", kind="add", terms=items[5])


def test_changes_need_both(kit, couple):
    held = _held(kit, couple)
    item = held.items[0]
    proposed = kit.accountability.propose_change(
        held.id, actor="ben", kind="remove", item_id=item.id
    )
    assert [i.id for i in proposed.items] == [item.id]  # holds until the other agrees
    assert "agree_change" not in kit.accountability.moves(held.id, actor="ben")
    with pytest.raises(NotPermitted):
        kit.accountability.agree_change(held.id, actor="ben")
    done = kit.accountability.agree_change(held.id, actor="ana")
    assert done.items == ()
    revised = ItemTerms(behaviour="Ask before deciding for both of us.")
    added = kit.accountability.propose_change(held.id, actor="ana", kind="add", terms=revised)
    kept = kit.accountability.keep_current(added.id, actor="ben")
    assert kept.items == ()
    assert kept.change is None


def test_the_proposer_takes_a_change_back_and_the_other_is_told_so(kit, couple, notifier):
    """Taking one's own change back is not a no: the other hears it was taken back."""
    held = _held(kit, couple)
    terms = ItemTerms(behaviour="Ask before deciding for both of us.")
    kit.accountability.propose_change(held.id, actor="ana", kind="add", terms=terms)
    assert "withdraw_change" in kit.accountability.moves(held.id, actor="ana")
    assert "keep_current" not in kit.accountability.moves(held.id, actor="ana")
    assert "withdraw_change" not in kit.accountability.moves(held.id, actor="ben")
    with pytest.raises(NotPermitted):  # only the one who proposed it takes it back
        kit.accountability.withdraw_change(held.id, actor="ben")
    with pytest.raises(NotPermitted):  # one does not say no to one's own change
        kit.accountability.keep_current(held.id, actor="ana")
    heard = len(notifier.for_person("ben"))
    back = kit.accountability.withdraw_change(held.id, actor="ana")
    assert (back.state, back.change, back.awaiting, len(back.items)) == (_S.IN_FORCE, None, None, 1)
    event = kit.accountability.events(held.id, actor="ben")[-1]
    assert event.TAG == "accountability.change_withdrawn"
    told = notifier.for_person("ben")[heard:]
    assert [n.kind for n in told] == [AgreementNotice.CHANGE_WITHDRAWN]
    assert not blaming_words(told[0].message)
    assert "Ask before" not in told[0].message
    # not a no: the same change may come again at once, and nobody waits
    kit.accountability.propose_change(held.id, actor="ana", kind="add", terms=terms)
    kept = kit.accountability.keep_current(held.id, actor="ben")
    assert (kept.change, len(kept.items)) == (None, 1)
    assert notifier.for_person("ana")[-1].kind == AgreementNotice.CURRENT_KEPT
    with pytest.raises(NotAllowedNow):  # after a no, its proposer waits
        kit.accountability.propose_change(held.id, actor="ana", kind="add", terms=terms)


def test_withdrawing_consent_from_an_item_is_ones_own_act_at_once(kit, couple, clock):
    boundary = _boundary(kit, couple)
    held = _held(kit, couple, boundary)
    item = held.items[0]
    withdrawn = kit.accountability.withdraw_consent(held.id, actor="ben", item_id=item.id)
    assert withdrawn.items[0].withdrawn_by == "ben"
    assert not withdrawn.items[0].holds
    _crossed(kit, clock, couple, boundary)
    _crossed(kit, clock, couple, boundary, hours=25)
    # it stopped counting the moment consent was withdrawn: no offer
    assert kit.accountability.get(held.id, actor="ben").items[0].offer is None


def test_a_kind_outside_the_closed_set_is_refused_and_nothing_is_stored(kit, couple):
    boundary = _boundary(kit, couple)
    for consequence in (
        Consequence(kind="no phone for a week"),
        Consequence(kind="hand over the car keys"),
        Consequence(kind=ConsequenceKind.FOCUSED_ATTENTION),  # minutes and days missing
        Consequence(kind=ConsequenceKind.NAMED_SKILL, skill="share my location"),
    ):
        item = ItemTerms(behaviour="Be kind.", boundary_id=boundary.id, consequence=consequence)
        with pytest.raises(InvalidInput):
            kit.accountability.propose(couple.id, actor="ana", items=[item])
    assert kit.accountability.current(couple.id, actor="ana") is None


def test_the_reviewed_extension_point_keeps_the_rule(kit, couple):
    with pytest.raises(InvalidInput):
        ExtraKind(name="pay a fine", description="Pay money.", acts_on="own time and attention")
    with pytest.raises(InvalidInput):
        ExtraKind(name="a walk together", description="A walk.", acts_on="the other partner")
    walk = ExtraKind(
        name="a walk together",
        description="Offer a walk together, at a time that suits both.",
        acts_on="own time and attention",
    )
    rules = AccountabilityRules(extra_kinds=(walk,))
    kit.relationships.propose_settings(
        couple.id, actor="ana", settings=RelationshipSettings(rules=[rules])
    )
    kit.relationships.agree_to_settings(couple.id, actor="ben")
    boundary = _boundary(kit, couple)
    item = ItemTerms(
        behaviour="Be kind.", boundary_id=boundary.id, consequence=Consequence(kind=walk.name)
    )
    assert kit.accountability.propose(couple.id, actor="ana", items=[item]).items


def test_the_threshold_offers_the_consequence_to_the_responsible_partner_alone(
    kit, couple, clock, notifier
):
    boundary = _boundary(kit, couple)
    held = _held(kit, couple, boundary)
    _crossed(kit, clock, couple, boundary)
    assert kit.accountability.get(held.id, actor="ben").items[0].offer is None
    clock.advance(timedelta(days=1))
    noted = kit.crossings.notice(couple.id, actor="ana", boundary_id=boundary.id)
    clock.advance(timedelta(hours=2))
    assert kit.accountability.get(held.id, actor="ben").items[0].offer is None  # not counted yet
    kit.crossings.acknowledge(noted.id, actor="ben")  # counted now: the same commit offers
    offer = kit.accountability.get(held.id, actor="ben").items[0].offer
    assert offer is not None
    assert offer.to == "ben"
    assert offer.state is OfferState.OPEN
    # the other partner reads neither the offer nor its event
    assert kit.accountability.get(held.id, actor="ana").items[0].offer is None
    tags = [type(e).__name__ for e in kit.accountability.events(held.id, actor="ana")]
    assert "ConsequenceOffered" not in tags
    told = [n for n in notifier.received if n.kind.value.endswith("offered to you")]
    assert [n.recipient for n in told] == ["ben"]
    assert not blaming_words(told[0].message)
    assert "accept_offer" in kit.accountability.moves(held.id, actor="ben")
    assert "accept_offer" not in kit.accountability.moves(held.id, actor="ana")
    with pytest.raises(NotPermitted):
        kit.accountability.accept_offer(held.id, actor="ana", item_id=held.items[0].id)
    taken = kit.accountability.accept_offer(held.id, actor="ben", item_id=held.items[0].id)
    assert taken.items[0].taken_on_at == clock.now()
    assert taken.items[0].offer is None


def test_only_owned_or_acknowledged_crossings_about_the_bound_person_inside_the_window_count(
    kit, couple, clock
):
    boundary = _boundary(kit, couple)
    held = _held(kit, couple, boundary, binds="ben")
    _crossed(kit, clock, couple, boundary, about="ana")  # Ana is not bound by it
    _crossed(kit, clock, couple, boundary, about="ana", hours=25)
    seen = kit.crossings.notice(couple.id, actor="ana", boundary_id=boundary.id)
    kit.crossings.see_differently(seen.id, actor="ben")  # never counts
    _crossed(kit, clock, couple, boundary, hours=25)
    clock.advance(timedelta(days=15))  # that one rolled off the 14-day window
    _crossed(kit, clock, couple, boundary)
    assert kit.accountability.get(held.id, actor="ben").items[0].offer is None
    _crossed(kit, clock, couple, boundary, hours=25)
    assert kit.accountability.get(held.id, actor="ben").items[0].offer is not None


def test_not_now_goes_to_the_check_in_and_an_offer_lapses_neutrally(kit, couple, clock):
    boundary = _boundary(kit, couple)
    held = _held(kit, couple, boundary)
    _crossed(kit, clock, couple, boundary)
    _crossed(kit, clock, couple, boundary, hours=25)
    item = held.items[0]
    later = kit.accountability.not_now(held.id, actor="ben", item_id=item.id)
    assert later.state is _S.FOR_CHECK_IN
    assert later.items[0].offer.state is OfferState.FOR_CHECK_IN
    waiting = kit.agenda.waiting(couple.id, actor="ana")
    assert [w.source for w in waiting] == [held.id]
    assert "ben" not in later.asked()
    clock.advance(timedelta(days=8))
    kit.timers.run_due()
    lapsed = kit.accountability.get(held.id, actor="ben")
    assert lapsed.state is _S.IN_FORCE
    assert lapsed.items[0].offer is None
    assert kit.agenda.waiting(couple.id, actor="ana") == []


def test_no_stacking_and_the_count_resets_at_a_review(kit, couple, clock):
    boundary = _boundary(kit, couple)
    held = _held(kit, couple, boundary)
    item = held.items[0]
    _crossed(kit, clock, couple, boundary)
    _crossed(kit, clock, couple, boundary, hours=25)
    kit.accountability.accept_offer(held.id, actor="ben", item_id=item.id)
    _crossed(kit, clock, couple, boundary, hours=25)  # third: taken on already, no other offer
    assert kit.accountability.get(held.id, actor="ben").items[0].offer is None
    with pytest.raises(NotAllowedNow):  # taken on: its repair's own review resets it
        kit.accountability.review_held(held.id, actor="ana", item_id=item.id)
    repair_id = kit.accountability.get(held.id, actor="ana").items[0].repair_id
    kit.repairs.close(repair_id, actor="ben")  # closed: the item is free, its count kept
    reviewed = kit.accountability.review_held(held.id, actor="ana", item_id=item.id)
    assert reviewed.items[0].counts_from == clock.now()
    assert "review_held" not in kit.accountability.moves(held.id, actor="ben")  # once a day
    with pytest.raises(NotAllowedNow):
        kit.accountability.review_held(held.id, actor="ben", item_id=item.id)
    _crossed(kit, clock, couple, boundary, hours=25)  # one since the review: below threshold
    assert kit.accountability.get(held.id, actor="ben").items[0].offer is None
    _crossed(kit, clock, couple, boundary, hours=25)
    assert kit.accountability.get(held.id, actor="ben").items[0].offer is not None


def test_leaving_closes_it_for_both(kit, couple):
    held = _held(kit, couple)
    kit.relationships.leave(couple.id, actor="ben")
    assert kit.accountability.get(held.id, actor="ana").state is _S.CLOSED_BY_LEAVING


def test_an_unknown_item_is_refused_alike(kit, couple):
    held = _held(kit, couple)
    with pytest.raises(InvalidInput):
        kit.accountability.withdraw_consent(held.id, actor="ana", item_id=uuid.uuid4())
    with pytest.raises(NotPermitted):  # nothing is offered to Ben
        kit.accountability.accept_offer(held.id, actor="ben", item_id=held.items[0].id)


def test_a_consequence_taken_on_becomes_a_repair_of_ones_own_linked_to_the_item(kit, couple, clock):
    """Issue 18: accepting the offer starts a RepairCommitment with the consequence's practice."""
    boundary = _boundary(kit, couple)
    held = _held(kit, couple, boundary)
    _crossed(kit, clock, couple, boundary)
    clock.advance(timedelta(days=1))
    _crossed(kit, clock, couple, boundary)
    item = held.items[0]
    assert kit.accountability.get(held.id, actor="ben").items[0].offer is not None
    kit.timeouts.call(couple.id, actor="ana", minutes=20)  # both calm first
    with pytest.raises(NotAllowedNow):
        kit.accountability.accept_offer(held.id, actor="ben", item_id=item.id)
    assert kit.accountability.get(held.id, actor="ben").items[0].offer is not None  # as it was
    assert not kit.repairs.find(couple.id, actor="ben")
    clock.advance(timedelta(minutes=25))
    kit.timers.run_due()
    for timeout in kit.timeouts.find(couple.id, actor="ana"):
        if "set_aside" in kit.timeouts.moves(timeout.id, actor="ana"):
            kit.timeouts.set_aside(timeout.id, actor="ana")
    taken = kit.accountability.accept_offer(held.id, actor="ben", item_id=item.id)
    [repair] = kit.repairs.find(couple.id, actor="ana")
    assert taken.items[0].repair_id == repair.id
    assert repair.responsible == "ben"
    assert (repair.link.kind, repair.link.id, repair.link.item) == (
        RepairLinkKind.ACCOUNTABILITY_ITEM,
        held.id,
        item.id,
    )
    assert repair.practice == Practice.focused_attention()  # the source's 20 minutes x 7 days


def _taken_on(kit, couple, clock):
    boundary = _boundary(kit, couple)
    held = _held(kit, couple, boundary, consequence=Consequence(kind="aftermath conversation"))
    _crossed(kit, clock, couple, boundary, hours=25)
    _crossed(kit, clock, couple, boundary, hours=25)
    taken = kit.accountability.accept_offer(held.id, actor="ben", item_id=held.items[0].id)
    return boundary, taken, kit.repairs.get(taken.items[0].repair_id, actor="ben")


def test_the_repairs_joint_review_starts_the_items_count_afresh(kit, couple, clock):
    """Issue 18: the count resets at a review: the repair's own, completed by either partner."""
    boundary, taken, repair = _taken_on(kit, couple, clock)
    assert repair.practice is None  # an aftermath conversation: the five steps only
    while "review" not in kit.repairs.moves(repair.id, actor="ana"):  # the five steps
        for person in ("ana", "ben"):
            moves = kit.repairs.moves(repair.id, actor=person)
            if "pass_step" in moves:
                kit.repairs.pass_step(repair.id, actor=person)
            elif "summarise" in moves:
                kit.repairs.summarise(repair.id, actor=person, words="I hear you.")
            elif "accept_apology" in moves:
                kit.repairs.accept_apology(repair.id, actor=person)
    for person in ("ana", "ben"):
        kit.repairs.review(repair.id, actor=person, worked="Talking.", did_not="Rushing.")
    _crossed(kit, clock, couple, boundary, hours=25)  # still taken on: no second offer
    assert kit.accountability.get(taken.id, actor="ben").items[0].offer is None
    kit.repairs.complete(repair.id, actor="ana")
    item = kit.accountability.get(taken.id, actor="ben").items[0]
    assert (item.taken_on_at, item.repair_id, item.counts_from) == (None, None, clock.now())
    _crossed(kit, clock, couple, boundary, hours=25)  # one since the review: below the threshold
    assert kit.accountability.get(taken.id, actor="ben").items[0].offer is None
    _crossed(kit, clock, couple, boundary, hours=25)
    assert kit.accountability.get(taken.id, actor="ben").items[0].offer is not None


def test_a_repair_closed_frees_its_item_and_keeps_the_count(kit, couple, clock):
    """Closed without a review: the item may offer again, its count is not reset."""
    boundary, taken, repair = _taken_on(kit, couple, clock)
    counts_from = taken.items[0].counts_from
    kit.repairs.close(repair.id, actor="ana")  # either partner, alone: no lock-in
    item = kit.accountability.get(taken.id, actor="ben").items[0]
    assert (item.taken_on_at, item.repair_id, item.counts_from) == (None, None, counts_from)
    _crossed(kit, clock, couple, boundary, hours=25)
    assert kit.accountability.get(taken.id, actor="ben").items[0].offer is not None


def test_a_consequences_kind_reads_alike_on_every_storage(kit, couple):
    """Given as a `ConsequenceKind`, it is kept as its plain text, fresh or read back."""
    held = _held(kit, couple, _boundary(kit, couple))
    for seen in (held, kit.accountability.get(held.id, actor="ben")):
        kind = seen.items[0].consequence.kind
        assert (type(kind), kind) == (str, "focused attention")


def test_an_offer_past_its_time_is_not_taken_on_before_its_timer_runs(kit, couple, clock):
    boundary = _boundary(kit, couple)
    held = _held(kit, couple, boundary)
    _crossed(kit, clock, couple, boundary)
    _crossed(kit, clock, couple, boundary, hours=25)
    offer = kit.accountability.get(held.id, actor="ben").items[0].offer
    clock.set(offer.lapses_at)
    assert "accept_offer" not in kit.accountability.moves(held.id, actor="ben")
    with pytest.raises(NotAllowedNow):
        kit.accountability.accept_offer(held.id, actor="ben", item_id=held.items[0].id)
    assert not kit.repairs.find(couple.id, actor="ben")


def test_nobody_starts_an_items_repair_but_by_taking_its_offer_on(kit, couple, clock):
    """Issue 18: the other partner (or an app) cannot start the consequence, nor take its place."""
    boundary = _boundary(kit, couple)
    held = _held(kit, couple, boundary)
    _crossed(kit, clock, couple, boundary)
    _crossed(kit, clock, couple, boundary, hours=25)
    link = RepairLink(kind=RepairLinkKind.ACCOUNTABILITY_ITEM, id=held.id, item=held.items[0].id)
    with pytest.raises(InvalidInput):
        kit.repairs.invite(couple.id, actor="ana", link=link)
    for person in ("ana", "ben"):
        with pytest.raises(InvalidInput):
            kit.repairs.own(couple.id, actor=person, link=link)
    assert not hasattr(kit.repairs, "start_for_consequence")
    assert not kit.repairs.find(couple.id, actor="ben")
    taken = kit.accountability.accept_offer(held.id, actor="ben", item_id=held.items[0].id)
    assert kit.repairs.get(taken.items[0].repair_id, actor="ana").responsible == "ben"


def test_taking_on_an_offer_is_an_answer_the_budget_never_refuses(kit, couple, clock):
    """The repair it starts is Ben's answer to what he was asked: no new item of his day."""
    boundary = _boundary(kit, couple)
    held = _held(kit, couple, boundary)
    one = RelationshipSettings(rules=[RelationshipRules(daily_items=1)])
    kit.relationships.propose_settings(couple.id, actor="ana", settings=one)
    kit.relationships.agree_to_settings(couple.id, actor="ben")
    _crossed(kit, clock, couple, boundary, hours=25)
    _crossed(kit, clock, couple, boundary, hours=25)  # his one new item of the day: spent
    with pytest.raises(NotAllowedNow):
        kit.repairs.own(couple.id, actor="ben")  # a new item: the budget says no
    taken = kit.accountability.accept_offer(held.id, actor="ben", item_id=held.items[0].id)
    assert kit.repairs.get(taken.items[0].repair_id, actor="ben").responsible == "ben"


def test_an_offer_and_its_lapse_leave_no_trace_in_the_other_partners_copy(kit, couple, clock):
    """The other partner's copy keeps its version, time and deadlines over an offer's life."""
    boundary = _boundary(kit, couple)
    held = _held(kit, couple, boundary)
    _crossed(kit, clock, couple, boundary, hours=25)  # a day on: a review could be noted
    before = kit.accountability.get(held.id, actor="ana")
    events_before = kit.accountability.events(held.id, actor="ana")

    def deadlines(person):
        return [u for u in kit.timers.upcoming(couple.id, actor=person) if u.id == held.id]

    upcoming_before = deadlines("ana")
    moves_before = kit.accountability.moves(held.id, actor="ana")
    assert "review_held" in moves_before
    _crossed(kit, clock, couple, boundary, hours=25)  # the threshold: offered to ben

    def unchanged() -> None:
        seen = kit.accountability.get(held.id, actor="ana")
        assert attrs.asdict(seen) == attrs.asdict(before)
        assert kit.accountability.events(held.id, actor="ana") == events_before
        assert deadlines("ana") == upcoming_before == []
        assert kit.accountability.moves(held.id, actor="ana") == moves_before

    unchanged()
    offered = kit.accountability.get(held.id, actor="ben")
    assert offered.items[0].offer is not None
    assert offered.version == before.version + 1
    assert [u.deadline for u in deadlines("ben")] == ["offer lapses"]
    clock.advance(timedelta(days=8))
    kit.timers.run_due()  # the offer lapses: ben's alone too
    unchanged()
    lapsed = kit.accountability.get(held.id, actor="ben")
    assert lapsed.items[0].offer is None
    assert lapsed.version == before.version + 2
    # ana's copy is the one she acts on: her move is taken at her version, no conflict
    changed = kit.accountability.propose_change(
        held.id, actor="ana", kind="remove", item_id=held.items[0].id
    )
    assert changed.version == before.version + 1
    assert kit.accountability.get(held.id, actor="ben").version == before.version + 3


CONTROLS = (
    ("Hand over your smartphone for the evening", "Give the iPhone to your partner."),
    ("Share your bank statements", "Show every card purchase."),
    ("Home by 9pm", "Be home by nine every night for a week."),
    ("Back at 21:00", "A quiet evening in."),
    ("No going out with coworkers", "Stay in on weekends."),
    ("Bedtime at ten", "Lights out when your partner says."),
    ("Hand over the car keys", "Your partner keeps the keys for a week."),
    ("Send a selfie every hour", "So your partner knows where you are."),
    ("Give me your m\u043eney", "Spelt with a Cyrillic o."),
    ("\uff4d\uff4f\uff4e\uff45\uff59", "Full-width letters."),
    ("mo\u200bney", "An invisible space inside."),
    ("m.o.n.e.y", "Letters dotted apart."),
    ("Delete Instagram", "Uninstall social media apps."),
    ("Ask before leaving the house", "Get a yes first."),
    ("m0ney", "Digits for letters."),
    ("mo ney", "A word split."),
    ("m\u034foney", "A combining grapheme joiner inside."),
    ("mo\u3164ney", "A Hangul filler inside."),
    ("\u1d0doney", "A small capital."),
    ("Send me \u20ac20", "A sum."),
    ("No contacting anyone", "Cut off your friendships."),
    ("Do all the chores", "Silent treatment for a day."),
    ("Get my approval", "Only with my consent."),
    ("Be back by 9", "Up at 5."),
)

RESTORATIVE = (
    "Spend 20 minutes of focused attention a day",
    "Pay full attention while listening",
    "Keep eye contact while listening",
    "Write a card of thanks",
    "Keep track of appreciations",
    "Take a walk outside together",
    "An honest account of what happened",
    "A screen-free evening",
)


@pytest.mark.parametrize(("name", "description"), CONTROLS)
def test_an_extra_kind_touching_what_control_is_made_of_is_refused(name, description):
    with pytest.raises(InvalidInput):
        ExtraKind(name=name, description=description, acts_on="own time and attention")
    with pytest.raises(InvalidInput):  # in the description alone too
        ExtraKind(name="a walk", description=name, acts_on="own time and attention")


@pytest.mark.parametrize("words", RESTORATIVE)
def test_the_words_of_a_restorative_practice_pass(words):
    assert ExtraKind(name=words, description=words, acts_on="own time and attention")


def test_a_skill_of_the_repairs_rules_is_restorative_too():
    with pytest.raises(InvalidInput):
        RepairRules(skills=("reflective listening", "hand over the car keys"))
    assert RepairRules(skills=("reflective listening", "a walk together")).skills


def test_an_extra_kind_offers_nothing_once_consent_to_its_settings_is_withdrawn(kit, couple, clock):
    walk = ExtraKind(
        name="a walk together", description="A walk.", acts_on="own time and attention"
    )
    kit.relationships.propose_settings(
        couple.id,
        actor="ana",
        settings=RelationshipSettings(rules=[AccountabilityRules(extra_kinds=(walk,))]),
    )
    kit.relationships.agree_to_settings(couple.id, actor="ben")
    boundary = _boundary(kit, couple)
    held = _held(kit, couple, boundary, consequence=Consequence(kind=walk.name))
    _crossed(kit, clock, couple, boundary)
    _crossed(kit, clock, couple, boundary, hours=25)
    assert kit.accountability.get(held.id, actor="ben").items[0].offer is not None
    kit.relationships.withdraw_consent_to_settings(couple.id, actor="ben")  # at once
    assert "accept_offer" not in kit.accountability.moves(held.id, actor="ben")
    with pytest.raises(NotPermitted):  # nothing is offered to anyone now
        kit.accountability.accept_offer(held.id, actor="ben", item_id=held.items[0].id)
    assert kit.repairs.find(couple.id, actor="ana") == []  # and no repair opened anyway
    assert [u for u in kit.timers.upcoming(couple.id, actor="ben") if u.id == held.id] == []
    assert kit.accountability.get(held.id, actor="ben").items[0].offer is None
    clock.advance(timedelta(days=8))
    kit.timers.run_due()
    _crossed(kit, clock, couple, boundary)
    _crossed(kit, clock, couple, boundary, hours=25)  # the threshold again: no offer now
    assert kit.accountability.get(held.id, actor="ben").items[0].offer is None


def test_one_behaviour_and_one_boundary_make_one_item(kit, couple):
    boundary = _boundary(kit, couple)
    twice = [ItemTerms(behaviour="Be kind."), ItemTerms(behaviour="  be KIND\u200b ")]
    with pytest.raises(InvalidInput):
        kit.accountability.propose(couple.id, actor="ana", items=twice)
    one_boundary = [
        ItemTerms(behaviour="Be kind.", boundary_id=boundary.id, consequence=ATTENTION),
        ItemTerms(behaviour="Be gentle.", boundary_id=boundary.id, consequence=ATTENTION),
    ]
    with pytest.raises(InvalidInput):  # one crossing would meet two thresholds: stacking
        kit.accountability.propose(couple.id, actor="ana", items=one_boundary)
    assert kit.accountability.find(couple.id, actor="ana") == []
    held = _held(kit, couple, boundary)
    with pytest.raises(InvalidInput):
        kit.accountability.propose_change(
            held.id,
            actor="ben",
            kind="add",
            terms=ItemTerms(behaviour="Be gentle.", boundary_id=boundary.id),
        )
    with pytest.raises(InvalidInput):
        kit.accountability.propose_change(
            held.id,
            actor="ben",
            kind="add",
            terms=ItemTerms(behaviour=held.items[0].behaviour.upper()),
        )
    revised = kit.accountability.propose_change(  # a revision of the item itself is not a twin
        held.id,
        actor="ben",
        kind="revise",
        item_id=held.items[0].id,
        terms=ItemTerms(behaviour=held.items[0].behaviour, boundary_id=boundary.id),
    )
    assert revised.change is not None


@pytest.mark.parametrize("minutes", [3, 121, 240])
def test_a_consequences_minutes_are_the_practices_and_named_as_given(kit, couple, minutes):
    """The bounds are the practice's it becomes (5 to 120 by default), refused as given."""
    boundary = _boundary(kit, couple)
    attention = Consequence(kind=ConsequenceKind.FOCUSED_ATTENTION, minutes=minutes, days=7)
    with pytest.raises(InvalidInput) as refusal:
        _held(kit, couple, boundary, consequence=attention)
    assert refusal.value.field == "consequence"
    assert "from 5 to 120" in refusal.value.reason


def test_each_partner_an_item_binds_gets_their_own_offer(kit, couple, clock):
    """Ben's open offer holds Ana's back no more than it shows to her; one repair an item."""
    boundary = _boundary(kit, couple)
    held = _held(kit, couple, boundary)  # binds both
    _crossed(kit, clock, couple, boundary)
    _crossed(kit, clock, couple, boundary, hours=25)  # Ben's threshold: offered to him
    _crossed(kit, clock, couple, boundary, about="ana")
    _crossed(kit, clock, couple, boundary, about="ana", hours=25)  # and Ana's, to her
    for person in ("ana", "ben"):
        mine = kit.accountability.get(held.id, actor=person).items[0]
        assert [o.to for o in mine.offers] == [person]
        assert "accept_offer" in kit.accountability.moves(held.id, actor=person)
    taken = kit.accountability.accept_offer(held.id, actor="ben", item_id=held.items[0].id)
    assert taken.items[0].repair_id is not None
    # no stacking: one open repair an item, and Ana's offer of it ended with Ben's move
    assert kit.accountability.get(held.id, actor="ana").items[0].offers == ()
    assert "accept_offer" not in kit.accountability.moves(held.id, actor="ana")
