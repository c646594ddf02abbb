"""Set aside and reopen by both, pause and resume by both, review, and what a request holds."""

from __future__ import annotations

from datetime import timedelta

import pytest

from conftest import BOX, START
from repairkit import InvalidInput, NotAllowedNow, NotPermitted, TimeBox
from repairkit.requests import RequestNotice, RequestState

NEED = "to feel we are a team at home"
ASK = "wash the dinner dishes by 10 pm"


def proposed(kit, couple, **fields):
    """A request from Ana to Ben, sent."""
    fields.setdefault("time_box", BOX)
    request = kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK, **fields)
    return kit.requests.propose(request.id, actor="ana")


def test_either_can_set_a_request_aside_and_only_both_reopen_it(kit, couple, notifier):
    """Saying not now is one partner's; reopening needs the other's yes (or asking back)."""
    for setter, first, second in (("ana", "ana", "ben"), ("ben", "ben", "ana")):
        request = proposed(kit, couple)
        aside = kit.requests.set_aside(request.id, actor=setter)
        assert aside.state is RequestState.STALLED
        assert "check-in" in notifier.received[-1].message
        asked = kit.requests.propose_reopening(request.id, actor=first)
        assert (asked.state, asked.reopen_asked) == (RequestState.STALLED, second)
        with pytest.raises(NotAllowedNow, match="asked already"):
            kit.requests.propose_reopening(request.id, actor=first)
        with pytest.raises(NotPermitted, match="asked to reopen"):
            kit.requests.agree_to_reopen(request.id, actor=first)
        kept = kit.requests.decline_reopening(request.id, actor=second)
        assert (kept.state, kept.reopen_asked) == (RequestState.STALLED, None)
        kit.requests.propose_reopening(request.id, actor=second)
        reopened = kit.requests.propose_reopening(request.id, actor=first)  # asking back
        assert (reopened.state, reopened.rounds) == (RequestState.NEGOTIATING, 0)


def test_whoever_is_asked_to_reopen_can_still_say_no_to_the_request(kit, couple):
    """While reopening is asked, the recipient can decline and the asker can withdraw."""
    request = proposed(kit, couple)
    kit.requests.set_aside(request.id, actor="ben")
    kit.requests.propose_reopening(request.id, actor="ana")
    declined = kit.requests.decline(request.id, actor="ben")
    assert (declined.state, declined.reopen_asked) == (RequestState.DECLINED, None)


def test_either_can_hold_an_agreement_and_both_resume_it(kit, couple, notifier, clock):
    """Holding an agreement is one partner's alone; resuming needs both; marks wait."""
    request = proposed(kit, couple)
    kit.requests.accept(request.id, actor="ben")
    held = kit.requests.hold(request.id, actor="ana")
    assert held.state is RequestState.ON_HOLD
    assert notifier.for_person("ben")[-1].kind is RequestNotice.AGREEMENT_ON_HOLD
    with pytest.raises(NotAllowedNow):
        kit.requests.record_follow_through(request.id, actor="ben", kept=True)
    kit.requests.propose_resuming(request.id, actor="ben")
    no = kit.requests.decline_resuming(request.id, actor="ana")
    assert (no.state, no.resume_asked) == (RequestState.ON_HOLD, None)
    clock.advance(timedelta(hours=24))  # after a no, the same suggestion waits (rule 6)
    kit.requests.propose_resuming(request.id, actor="ben")
    resumed = kit.requests.agree_to_resume(request.id, actor="ana")
    assert resumed.state is RequestState.AGREED
    kit.requests.hold(request.id, actor="ben")
    assert kit.requests.step_back(request.id, actor="ben").state is RequestState.STEPPED_BACK


def test_an_agreement_on_hold_still_ends_with_its_time_box(kit, couple, clock):
    """A pause never holds anyone past the agreed dates: the time box ends it."""
    request = proposed(kit, couple)
    kit.requests.accept(request.id, actor="ben")
    kit.requests.hold(request.id, actor="ben")
    clock.set(BOX.ends_at + timedelta(days=1))
    [done] = kit.timers.run_due()
    assert (done.from_state, done.to_state) == ("on hold", "completed")


def test_each_partner_reviews_once_after_completion(kit, couple, notifier):
    """After completion each says once what worked; the other hears it without the words."""
    request = proposed(kit, couple)
    kit.requests.accept(request.id, actor="ben")
    with pytest.raises(NotAllowedNow):
        kit.requests.review(request.id, actor="ana", what_worked="the walks")
    kit.requests.propose_ending(request.id, actor="ana")
    kit.requests.confirm_ending(request.id, actor="ben")
    kit.requests.review(request.id, actor="ana", what_worked="the evening walks")
    heard = notifier.for_person("ben")[-1]
    assert heard.kind is RequestNotice.REVIEW_SHARED
    assert "walks" not in heard.message
    with pytest.raises(NotAllowedNow, match="already"):
        kit.requests.review(request.id, actor="ana", what_worked="more")
    both = kit.requests.review(request.id, actor="ben", what_worked="less rush")
    assert [(r.by, r.what_worked) for r in both.reviews] == [
        ("ana", "the evening walks"),
        ("ben", "less rush"),
    ]
    history = kit.requests.history(request.id, actor="ana")
    assert [r.by for r in history.reviews] == ["ana", "ben"]


def test_a_request_needs_dates_and_they_are_bounded(kit, couple, clock):
    """A request is sent with a time box of at most the configured days (31 by default)."""
    draft = kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK)
    with pytest.raises(InvalidInput, match="needs dates before it is sent"):
        kit.requests.propose(draft.id, actor="ana")
    long = TimeBox(starts_at=START, ends_at=START + timedelta(days=32))
    with pytest.raises(InvalidInput, match="at most 31 days"):
        kit.requests.revise(draft.id, actor="ana", need=NEED, ask=ASK, time_box=long)
    request = proposed(kit, couple)
    with pytest.raises(InvalidInput, match="at most 31 days"):
        kit.requests.propose_alternative(request.id, actor="ben", ask="x", time_box=long)


def test_the_partner_picks_one_of_up_to_three_asks(kit, couple):
    """Imago's variant: up to three asks offered, the partner picks one when accepting."""
    request = proposed(kit, couple, other_asks=["dry the dishes", "put on music"])
    assert request.latest_offer.options == (ASK, "dry the dishes", "put on music")
    with pytest.raises(InvalidInput, match="offers 3 asks; pick one"):
        kit.requests.accept(request.id, actor="ben")
    with pytest.raises(InvalidInput, match="from 0 to 2"):
        kit.requests.accept(request.id, actor="ben", pick=3)
    done = kit.requests.accept(request.id, actor="ben", pick=2)
    assert done.agreed_ask == "put on music"
    with pytest.raises(InvalidInput, match="at most 2 can be offered"):
        kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK, other_asks=["a", "b", "c"])
    with pytest.raises(InvalidInput, match="repeats an ask"):
        kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK, other_asks=[ASK.upper()])


def test_a_feeling_is_part_of_the_request_and_its_history(kit, couple, notifier):
    """The feeling travels with the request to the recipient, never into a notification."""
    request = proposed(kit, couple, feeling="tired and hopeful")
    assert kit.requests.get(request.id, actor="ben").feeling == "tired and hopeful"
    assert kit.requests.history(request.id, actor="ben").feeling == "tired and hopeful"
    assert all("tired" not in n.message for n in notifier.received)
