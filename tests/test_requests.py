"""The Request workflow through the RepairKit facade, on every storage."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import attrs
import pytest

from conftest import BOX, invite_and_accept
from repairkit import (
    InvalidInput,
    ManualClock,
    MemoryNotifier,
    NotAllowedNow,
    NotFound,
    NotPermitted,
    Relationship,
    RelationshipNotice,
    RelationshipSettings,
    RepairKit,
    Schedule,
    TimeBox,
)
from repairkit.adapters.codec import default_codec
from repairkit.requests import Request, RequestNotice, RequestRules, RequestState

NEED = "to feel we are a team at home"
ASK = "plan the week's meals together on Sunday evenings"

dump_entity = default_codec().dump_entity


def stored(kit: RepairKit, relationship: Relationship) -> tuple[object, ...]:
    """Everything stored for a relationship, in a comparable form."""
    requests = kit._storage.load_all(Request, relationship.id)
    return (
        dump_entity(kit._storage.load(Relationship, relationship.id)),
        [dump_entity(r) for r in requests],
        [e.id for e in kit._storage.relationship_events(relationship.id)],
        [n.id for n in kit._storage.pending_notifications()],
    )


def proposed(kit: RepairKit, couple: Relationship, **fields: object) -> Request:
    """A request from Ana to Ben, sent (for four weeks unless *fields* say otherwise)."""
    fields.setdefault("time_box", BOX)
    request = kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK, **fields)  # type: ignore[arg-type]
    return kit.requests.propose(request.id, actor="ana")


def agreed(kit: RepairKit, couple: Relationship, **fields: object) -> Request:
    """A request from Ana that Ben accepted."""
    request = proposed(kit, couple, **fields)
    return kit.requests.accept(request.id, actor="ben")


# -- the happy path ------------------------------------------------------------------


def test_a_request_can_be_negotiated_and_agreed(kit, couple, notifier):
    """Draft, propose, an alternative and its acceptance end in an agreement on the alternative."""
    request = kit.requests.draft(
        couple.id,
        actor="ana",
        need=NEED,
        ask=ASK,
        observation="On Thursday I cooked alone.",
        time_box=BOX,
    )
    assert request.state is RequestState.DRAFTED
    assert request.recipient == "ben"
    kit.requests.propose(request.id, actor="ana")
    kit.requests.propose_alternative(request.id, actor="ben", ask="plan meals on Saturdays")
    done = kit.requests.accept(request.id, actor="ana")
    assert done.state is RequestState.AGREED
    assert done.agreed_ask == "plan meals on Saturdays"
    assert done.version == 4
    assert [n.kind for n in notifier.received] == [
        RequestNotice.REQUEST_MADE,
        RequestNotice.ALTERNATIVE_OFFERED,
        RequestNotice.ALTERNATIVE_ACCEPTED,
    ]
    assert [n.recipient for n in notifier.received] == ["ben", "ana", "ben"]


def test_the_recipient_hears_a_request_and_the_asker_hears_the_answer(kit, couple, notifier):
    """Proposing notifies the recipient; accepting the original notifies the asker."""
    request = proposed(kit, couple)
    kit.requests.accept(request.id, actor="ben")
    kinds = [(n.recipient, n.kind) for n in notifier.received]
    assert kinds == [
        ("ben", RequestNotice.REQUEST_MADE),
        ("ana", RequestNotice.REQUEST_ANSWERED),
    ]
    assert all(ASK not in n.message and NEED not in n.message for n in notifier.received)


def test_history_tells_what_was_asked_offered_agreed_and_kept(kit, couple, clock):
    """The history answers: what was asked, what was offered, who agreed, how often it was kept."""
    request = proposed(kit, couple)
    kit.requests.propose_alternative(request.id, actor="ben", ask="Saturdays instead")
    kit.requests.accept(request.id, actor="ana")
    for kept in (True, False, True):
        clock.advance(timedelta(days=1))
        kit.requests.record_follow_through(request.id, actor="ben", kept=kept)
    history = kit.requests.history(request.id, actor="ben")
    assert [o.ask for o in history.offers] == [ASK, "Saturdays instead"]
    assert [o.author for o in history.offers] == ["ana", "ben"]
    assert history.agreement is not None
    assert (history.agreement.offered_by, history.agreement.accepted_by) == ("ben", "ana")
    assert (history.kept, history.not_kept) == (2, 1)
    assert history.agreement.carried_out_by == "ben"
    assert history.need == NEED
    assert history.state == "agreed"


# -- declining -----------------------------------------------------------------------


def test_a_decline_is_recorded_neutrally_and_counted_nowhere(kit, couple, notifier):
    """A decline ends the request, is told as a fair answer, and pushes nobody to ask again."""
    request = proposed(kit, couple)
    declined = kit.requests.decline(request.id, actor="ben", reason="Sundays are my only rest")
    assert declined.state is RequestState.DECLINED
    note = notifier.for_person("ana")[-1]
    assert note.kind is RequestNotice.REQUEST_ANSWERED
    assert "fair answer" in note.message
    assert "counted nowhere" in note.message
    assert "again" not in note.message
    assert "rest" not in note.message
    history = kit.requests.history(request.id, actor="ana")
    assert history.answer is not None
    assert (history.answer.outcome, history.answer.reason) == (
        "declined",
        "Sundays are my only rest",
    )


def test_a_declined_need_can_be_named_again(kit, couple):
    """A new request can follow a declined one, by either partner."""
    first = proposed(kit, couple)
    kit.requests.decline(first.id, actor="ben")
    again = kit.requests.draft(
        couple.id,
        actor="ben",
        need=NEED,
        ask="cook together once a week",
        follows=first.id,
        time_box=BOX,
    )
    assert again.follows == first.id
    assert again.asker == "ben"


def test_only_the_recipient_can_decline(kit, couple):
    """The asker withdraws rather than declines their own request."""
    request = proposed(kit, couple)
    with pytest.raises(NotPermitted, match="Only the partner a request is addressed to"):
        kit.requests.decline(request.id, actor="ana")


def test_the_recipient_can_say_no_even_while_their_own_offer_awaits_an_answer(kit, couple):
    """A no is always possible: the recipient is never stuck waiting for the asker."""
    request = proposed(kit, couple)
    kit.requests.propose_alternative(request.id, actor="ben", ask="Saturdays")
    with pytest.raises(NotPermitted, match="waiting for the other partner's answer"):
        kit.requests.accept(request.id, actor="ben")  # but not accept their own offer
    assert kit.requests.decline(request.id, actor="ben").state is RequestState.DECLINED


def test_either_partner_can_step_back_from_an_agreement_alone(kit, couple, notifier, clock):
    """Stepping back needs nobody's agreement; the other hears it calmly, nothing is counted."""
    for actor, other in (("ana", "ben"), ("ben", "ana")):
        request = agreed(kit, couple)
        stepped = kit.requests.step_back(request.id, actor=actor)
        assert stepped.state is RequestState.STEPPED_BACK
        note = notifier.received[-1]
        assert (note.recipient, note.kind) == (other, RequestNotice.AGREEMENT_SET_DOWN)
        assert stepped.follow_through(clock.now()).not_kept == 0
    ending = agreed(kit, couple)
    kit.requests.propose_ending(ending.id, actor="ana")
    assert kit.requests.step_back(ending.id, actor="ana").state is RequestState.STEPPED_BACK


def test_refusals_list_only_the_actors_own_moves(kit, couple):
    """A refusal names the moves open to that person, not the other partner's."""
    request = proposed(kit, couple)
    with pytest.raises(NotAllowedNow) as raised:
        kit.requests.propose(request.id, actor="ben")
    assert raised.value.allowed == ("accept", "propose_alternative", "decline", "set_aside")
    with pytest.raises(NotAllowedNow) as raised:
        kit.requests.propose(request.id, actor="ana")
    assert raised.value.allowed == ("set_aside", "withdraw")


# -- rounds and stalling -------------------------------------------------------------


def test_a_request_stalls_after_the_configured_rounds(kit, notifier):
    """After max_rounds alternatives without agreement the request is stalled and both hear it."""
    rules = RelationshipSettings(rules=[RequestRules(max_rounds=2)])
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ben", settings=rules)
    request = proposed(kit, couple)
    kit.requests.propose_alternative(request.id, actor="ben", ask="Saturdays")
    stalled = kit.requests.propose_alternative(request.id, actor="ana", ask="Sundays, briefly")
    assert stalled.state is RequestState.STALLED
    assert {n.recipient for n in notifier.received if n.kind is RequestNotice.REQUEST_STALLED} == {
        "ana",
        "ben",
    }
    with pytest.raises(NotAllowedNow, match="propose_reopening"):
        kit.requests.propose_alternative(request.id, actor="ben", ask="one more")
    asked = kit.requests.propose_reopening(request.id, actor="ben")
    assert (asked.state, asked.reopen_asked) == (RequestState.STALLED, "ana")
    resumed = kit.requests.agree_to_reopen(request.id, actor="ana")
    assert (resumed.state, resumed.rounds) == (RequestState.NEGOTIATING, 0)
    assert kit.requests.accept(request.id, actor="ben").agreed_ask == "Sundays, briefly"


def test_the_default_is_three_rounds(kit, couple):
    """Without settings, the third alternative stalls the request."""
    request = proposed(kit, couple)
    for actor, state in (("ben", "negotiating"), ("ana", "negotiating"), ("ben", "stalled")):
        request = kit.requests.propose_alternative(request.id, actor=actor, ask=f"way {actor}")
        assert request.state == state


def test_alternatives_alternate(kit, couple):
    """Whoever made the latest offer waits for the other's answer."""
    request = proposed(kit, couple)
    kit.requests.propose_alternative(request.id, actor="ben", ask="Saturdays")
    with pytest.raises(NotPermitted, match="waiting for the other partner's answer"):
        kit.requests.propose_alternative(request.id, actor="ben", ask="or Fridays")
    with pytest.raises(NotPermitted, match="waiting for the other partner's answer"):
        kit.requests.accept(request.id, actor="ben")


def test_answering_twice_is_not_allowed(kit, couple):
    """Once accepted, the request cannot be answered again."""
    request = agreed(kit, couple)
    with pytest.raises(NotAllowedNow) as raised:
        kit.requests.accept(request.id, actor="ben")
    assert raised.value.state == "agreed"
    assert "record_follow_through" in raised.value.allowed
    with pytest.raises(NotAllowedNow):
        kit.requests.decline(request.id, actor="ben")


def test_the_asker_cannot_answer_their_own_request(kit, couple):
    """Accepting a request addressed to someone else is not permitted."""
    request = proposed(kit, couple)
    with pytest.raises(NotPermitted):
        kit.requests.accept(request.id, actor="ana")


def test_the_asker_may_withdraw_before_agreement(kit, couple, notifier):
    """Withdrawing ends the request and tells the recipient nothing is needed."""
    request = proposed(kit, couple)
    withdrawn = kit.requests.withdraw(request.id, actor="ana")
    assert withdrawn.state is RequestState.WITHDRAWN
    assert notifier.received[-1].kind is RequestNotice.REQUEST_WITHDRAWN
    with pytest.raises(NotAllowedNow, match="run its course") as raised:
        kit.requests.propose(request.id, actor="ana")
    assert raised.value.finished


def test_an_agreed_request_cannot_be_withdrawn(kit, couple):
    """After agreement the way out is ending it together."""
    request = agreed(kit, couple)
    with pytest.raises(NotAllowedNow, match="propose_ending"):
        kit.requests.withdraw(request.id, actor="ana")


# -- drafts and privacy --------------------------------------------------------------


def test_a_draft_is_private_to_the_asker(kit, couple, notifier):
    """The recipient can neither see nor answer a draft, and hears nothing of it."""
    request = kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK, time_box=BOX)
    with pytest.raises(NotFound, match="not shared"):
        kit.requests.get(request.id, actor="ben")
    with pytest.raises(NotFound, match="not shared"):
        kit.requests.accept(request.id, actor="ben")
    assert kit.requests.find(couple.id, actor="ben") == []
    assert [r.id for r in kit.requests.find(couple.id, actor="ana")] == [request.id]
    seen = [type(e).__name__ for e in kit.relationships.events(couple.id, actor="ben")]
    assert seen == ["PartnerInvited", "InvitationAccepted"]
    assert notifier.received == []


def test_a_revised_draft_keeps_only_the_new_content(kit, couple):
    """Revising a draft replaces its content; once sent, it cannot be revised."""
    request = kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK, time_box=BOX)
    revised = kit.requests.revise(
        request.id, actor="ana", need=NEED, ask="cook together Fridays", time_box=BOX
    )
    assert revised.ask == "cook together Fridays"
    kit.requests.propose(request.id, actor="ana")
    assert kit.requests.get(request.id, actor="ben").ask == "cook together Fridays"
    with pytest.raises(NotAllowedNow):
        kit.requests.revise(request.id, actor="ana", need=NEED, ask=ASK)


def test_a_withdrawn_draft_stays_private(kit, couple, notifier):
    """Discarding a draft tells the recipient nothing and stays invisible to them."""
    request = kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK, time_box=BOX)
    kit.requests.withdraw(request.id, actor="ana")
    assert notifier.received == []
    with pytest.raises(NotFound):
        kit.requests.get(request.id, actor="ben")


def test_an_outsider_can_neither_read_nor_act(kit, couple):
    """A person outside the relationship gets NotFound, as for an unknown id, everywhere."""
    request = proposed(kit, couple)
    calls = [
        lambda: kit.requests.get(request.id, actor="eve"),
        lambda: kit.requests.events(request.id, actor="eve"),
        lambda: kit.requests.history(request.id, actor="eve"),
        lambda: kit.requests.find(couple.id, actor="eve"),
        lambda: kit.requests.accept(request.id, actor="eve"),
        lambda: kit.requests.draft(couple.id, actor="eve", need=NEED, ask=ASK, time_box=BOX),
        lambda: kit.relationships.get(couple.id, actor="eve"),
        lambda: kit.relationships.events(couple.id, actor="eve"),
        lambda: kit.relationships.propose_settings(
            couple.id, actor="eve", settings=RelationshipSettings()
        ),
        lambda: kit.relationships.agree_to_settings(couple.id, actor="eve"),
    ]
    before = stored(kit, couple)
    for call in calls:
        with pytest.raises(NotFound) as refused:
            call()
        assert "eve" not in str(refused.value)
    assert stored(kit, couple) == before


def test_a_request_from_another_relationship_cannot_be_followed(kit, couple):
    """A follow-up must name a request the actor can see in the same relationship."""
    other = invite_and_accept(kit, ("ana", "cleo"), actor="ana")
    elsewhere = proposed(kit, other)
    with pytest.raises(InvalidInput, match="another relationship") as raised:
        kit.requests.draft(
            couple.id, actor="ana", need=NEED, ask=ASK, follows=elsewhere.id, time_box=BOX
        )
    assert raised.value.field == "follows"


# -- validation ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"need": "", "ask": ASK}, "need"),
        ({"need": "   ", "ask": ASK}, "need"),
        ({"need": NEED, "ask": ""}, "ask"),
        ({"need": NEED, "ask": "x" * 501}, "ask"),
        ({"need": "x" * 501, "ask": ASK}, "need"),
        ({"need": NEED, "ask": ASK, "observation": "x" * 501}, "observation"),
        ({"need": NEED, "ask": 42}, "ask"),
        ({"need": NEED, "ask": ASK, "time_box": "weekdays"}, "time_box"),
    ],
)
def test_bad_content_is_refused_and_nothing_is_stored(kit, couple, fields, field):
    """Empty, over-long or mistyped texts raise InvalidInput naming the field."""
    before = stored(kit, couple)
    with pytest.raises(InvalidInput) as raised:
        kit.requests.draft(couple.id, actor="ana", **fields)
    assert raised.value.field == field
    assert stored(kit, couple) == before


def test_the_error_never_repeats_the_private_text(kit, couple):
    """An over-long text is refused without quoting it back."""
    secret = "private words " * 50
    with pytest.raises(InvalidInput) as raised:
        kit.requests.draft(couple.id, actor="ana", need=NEED, ask=secret, time_box=BOX)
    assert "private words" not in str(raised.value)


def test_the_text_limit_is_configurable(kit):
    """A relationship can allow longer texts."""
    couple = invite_and_accept(
        kit,
        ("ana", "ben"),
        actor="ana",
        settings=RelationshipSettings(rules=[RequestRules(max_text_length=1000)]),
    )
    request = kit.requests.draft(couple.id, actor="ana", need=NEED, ask="x" * 900, time_box=BOX)
    assert len(request.ask) == 900


def test_a_time_box_must_end_after_it_starts():
    """A time box whose end is not after its start is refused."""
    start = datetime(2026, 3, 2, tzinfo=UTC)
    with pytest.raises(InvalidInput, match="after"):
        TimeBox(starts_at=start, ends_at=start)


def test_naive_datetimes_are_refused():
    """A datetime without a time zone is refused with a clear error."""
    with pytest.raises(InvalidInput, match="timezone-aware"):
        TimeBox(starts_at=datetime(2026, 3, 2), ends_at=datetime(2026, 3, 9, tzinfo=UTC))  # noqa: DTZ001


def test_time_boxes_are_kept_in_utc():
    """A time box given in another zone is stored in UTC, the same instants."""
    start = datetime(2026, 3, 2, 11, 0, tzinfo=timezone(timedelta(hours=2)))
    box = TimeBox(starts_at=start, ends_at=start + timedelta(days=7), how_often=" weekdays ")
    assert box.starts_at.tzinfo is UTC
    assert box.starts_at == start
    assert box.how_often == Schedule.weekdays()
    assert str(box.how_often) == "weekdays"


def test_a_clock_giving_naive_time_is_refused(storage_factory):
    """A clock that returns a naive datetime makes commands fail clearly."""

    class NaiveClock:
        def now(self) -> datetime:
            return datetime(2026, 3, 2, 9)  # noqa: DTZ001

    kit = RepairKit(storage=storage_factory(), clock=NaiveClock())
    with pytest.raises(InvalidInput, match=r"clock\.now"):
        invite_and_accept(kit, ("ana", "ben"), actor="ana")


@pytest.mark.parametrize(
    ("partner", "actor"),
    [
        ("ana", "ana"),
        ("", "ana"),
        ("repairkit:system", "ana"),
        (("ben", "cleo"), "ana"),
        (None, "ana"),
        ("ben", ""),
        ("ben", None),
    ],
)
def test_an_invitation_needs_two_people(kit, partner, actor):
    """Inviting checks both people's ids, and that they are two."""
    with pytest.raises(InvalidInput):
        kit.relationships.invite(partner, actor=actor)


def test_rules_out_of_range_are_refused():
    """Settings outside their range raise InvalidInput naming the setting."""
    with pytest.raises(InvalidInput, match="max_rounds"):
        RequestRules(max_rounds=0)
    with pytest.raises(InvalidInput, match="follow_through_window_days"):
        RequestRules(follow_through_window_days=True)


def test_an_unknown_request_is_not_found(kit, couple):
    """A command on an id nothing was stored under raises NotFound."""
    import uuid  # noqa: PLC0415

    with pytest.raises(NotFound):
        kit.requests.accept(uuid.uuid4(), actor="ben")


def test_an_actor_must_be_named(kit, couple):
    """Every command names its actor; an empty or reserved one is refused."""
    request = proposed(kit, couple)
    for actor in ("", "repairkit:system"):
        with pytest.raises(InvalidInput, match="actor"):
            kit.requests.accept(request.id, actor=actor)


def test_settings_changes_apply_to_every_request_at_once(kit, couple, notifier):
    """Agreed settings apply to requests made before as well: consent applies when read."""
    before = proposed(kit, couple)
    kit.relationships.propose_settings(
        couple.id, actor="ben", settings=RelationshipSettings(rules=[RequestRules(max_rounds=1)])
    )
    kit.relationships.agree_to_settings(couple.id, actor="ana")
    assert notifier.received[-1].kind is RelationshipNotice.SETTINGS_CHANGED
    assert notifier.received[-1].recipient == "ben"
    after = proposed(kit, couple)
    assert kit.requests.propose_alternative(after.id, actor="ben", ask="x y").state == "stalled"
    assert kit.requests.propose_alternative(before.id, actor="ben", ask="x y").state == "stalled"
    with pytest.raises(InvalidInput):
        kit.relationships.propose_settings(couple.id, actor="ben", settings={"requests": {}})  # type: ignore[arg-type]


# -- follow-through ------------------------------------------------------------------


def test_follow_through_counts_own_marks(kit, couple, clock):
    """The partner who committed marks their own days; kept and not kept are counted."""
    request = agreed(kit, couple)
    kit.requests.record_follow_through(request.id, actor="ben", kept=True)
    clock.advance(timedelta(days=1))
    kit.requests.record_follow_through(request.id, actor="ben", kept=False)
    done = kit.requests.follow_through(request.id, actor="ana")
    assert (done.kept, done.not_kept, done.window_days) == (1, 1, 14)
    with pytest.raises(NotPermitted, match="carries out"):
        kit.requests.record_follow_through(request.id, actor="ana", kept=False)


@pytest.mark.parametrize(
    ("days_from_today", "reason"),
    [(1, "future"), (-1, "before the day"), (0, "already marked")],
)
def test_an_occurrence_is_checked(kit, couple, clock, days_from_today, reason):
    """Future days, days before agreement and days already marked are refused."""
    request = agreed(kit, couple)
    kit.requests.record_follow_through(request.id, actor="ben", kept=True)
    before = stored(kit, couple)
    day = clock.now().date() + timedelta(days=days_from_today)
    with pytest.raises(InvalidInput, match=reason):
        kit.requests.record_follow_through(request.id, actor="ben", kept=True, occurrence=day)
    assert stored(kit, couple) == before


def test_an_occurrence_outside_the_time_box_is_refused(kit, couple, clock):
    """Only days within the time box can be marked."""
    box = TimeBox(
        starts_at=clock.now() + timedelta(days=2), ends_at=clock.now() + timedelta(days=9)
    )
    request = agreed(kit, couple, time_box=box)
    clock.advance(timedelta(days=1))
    with pytest.raises(InvalidInput, match="time box"):
        kit.requests.record_follow_through(request.id, actor="ben", kept=True)


def test_old_occurrences_are_settled(kit, couple, clock):
    """A day older than the follow-through window can no longer be marked."""
    request = agreed(kit, couple)
    clock.advance(timedelta(days=20))
    with pytest.raises(InvalidInput, match="14 days"):
        kit.requests.record_follow_through(
            request.id, actor="ben", kept=True, occurrence=clock.now().date() - timedelta(days=15)
        )
    late = kit.requests.record_follow_through(
        request.id, actor="ben", kept=True, occurrence=clock.now().date() - timedelta(days=13)
    )
    assert late.follow_through(clock.now()).kept == 1


def test_the_stored_window_stays_small(kit, couple, clock):
    """Marks older than the window are dropped from the stored object (its size stays bounded)."""
    request = agreed(kit, couple)
    for _ in range(27):
        kit.requests.record_follow_through(request.id, actor="ben", kept=True)
        clock.advance(timedelta(days=1))
    request = kit._storage.load(Request, request.id)
    assert request.follow_through(clock.now()).kept == 14
    days = [m.occurrence for m in request.marks]
    assert len(days) == 15
    assert days[0] == days[-1] - timedelta(days=14)
    seen = kit.requests.get(request.id, actor="ana").marks  # now's window, each to its day
    assert [(m.occurrence, m.kept) for m in seen] == [
        (m.occurrence, m.kept) for m in request.marks[1:]
    ]
    assert all(m.at.time() == time(0) for m in seen)  # nobody was told: no time of day


def test_kept_must_be_a_boolean(kit, couple):
    """The kept flag takes True or False, nothing else."""
    request = agreed(kit, couple)
    with pytest.raises(InvalidInput, match="kept"):
        kit.requests.record_follow_through(request.id, actor="ben", kept="yes")  # type: ignore[arg-type]


def test_an_occurrence_must_be_a_date(kit, couple, clock):
    """An occurrence is a calendar date, not a datetime."""
    request = agreed(kit, couple)
    with pytest.raises(InvalidInput, match="calendar date"):
        kit.requests.record_follow_through(
            request.id, actor="ben", kept=True, occurrence=clock.now()
        )


# -- ending --------------------------------------------------------------------------


def test_both_partners_agree_to_end(kit, couple, notifier):
    """One proposes ending, the other confirms, and the request completes."""
    request = agreed(kit, couple)
    kit.requests.propose_ending(request.id, actor="ana")
    with pytest.raises(NotPermitted):
        kit.requests.confirm_ending(request.id, actor="ana")
    done = kit.requests.confirm_ending(request.id, actor="ben")
    assert done.state is RequestState.COMPLETED
    assert kit.requests.history(request.id, actor="ana").completed_because == "both agreed"
    assert notifier.received[-1].kind is RequestNotice.REQUEST_COMPLETED


def test_either_partner_can_keep_it_going(kit, couple):
    """After a proposal to end, keep_going returns to agreed and tracking goes on."""
    request = agreed(kit, couple)
    kit.requests.propose_ending(request.id, actor="ana")
    kit.requests.record_follow_through(request.id, actor="ben", kept=True)
    again = kit.requests.keep_going(request.id, actor="ben")
    assert (again.state, again.awaiting) == (RequestState.AGREED, None)
    assert again.follow_through(again.changed_at).kept == 1


def test_run_due_completes_requests_whose_time_box_ended(kit, couple, clock, notifier):
    """After the time box and its grace period end, run_due completes it and tells both."""
    box = TimeBox(starts_at=clock.now(), ends_at=clock.now() + timedelta(days=7))
    request = agreed(kit, couple, time_box=box)
    longer = agreed(kit, couple)
    clock.advance(timedelta(days=7))
    assert kit.timers.run_due() == [], "the last day can still be marked during the grace period"
    kit.requests.record_follow_through(request.id, actor="ben", kept=True)
    clock.advance(timedelta(hours=24))
    events = kit.timers.run_due()
    assert [e.subject_id for e in events] == [request.id]
    assert kit.requests.get(request.id, actor="ana").state is RequestState.COMPLETED
    assert kit.requests.get(longer.id, actor="ana").state is RequestState.AGREED
    completed = [
        n.recipient for n in notifier.received if n.kind is RequestNotice.REQUEST_COMPLETED
    ]
    assert sorted(completed) == ["ana", "ben"]
    assert kit.timers.run_due() == []


def test_only_repairkit_completes_by_time(kit, couple, clock):
    """A partner cannot fire the time-box completion themselves."""
    box = TimeBox(starts_at=clock.now(), ends_at=clock.now() + timedelta(days=1))
    request = agreed(kit, couple, time_box=box)
    clock.advance(timedelta(days=2))
    loaded = kit._storage.load(Request, request.id)
    with pytest.raises(NotPermitted, match="repairkit itself"):
        loaded.complete(actor="ana", at=clock.now())


# -- returned objects ----------------------------------------------------------------


def test_a_returned_request_is_a_copy(kit, couple):
    """Changing the object a command returned changes nothing stored."""
    request = proposed(kit, couple)
    request.ask = "something else"
    assert kit.requests.get(request.id, actor="ben").ask == ASK


def test_events_record_who_when_and_the_states(kit, couple, clock):
    """Each change appends one event with actor, time, from- and to-state and version."""
    request = proposed(kit, couple)
    clock.advance(timedelta(minutes=5))
    kit.requests.accept(request.id, actor="ben")
    events = kit.requests.events(request.id, actor="ben")
    last = events[-1]
    assert (last.actor, last.at, last.from_state, last.to_state, last.version) == (
        "ben",
        clock.now(),
        "proposed",
        "agreed",
        2,
    )
    # The recipient's story starts when it was sent (version 1 then); the asker sees all.
    assert [e.version for e in events] == [1, 2]
    assert [e.version for e in kit.requests.events(request.id, actor="ana")] == [1, 2, 3]


def test_occurrence_dates_use_the_clock(kit, couple, clock):
    """Without an explicit date, the occurrence is today in the couple's time zone (UTC here)."""
    request = agreed(kit, couple)
    kit.requests.record_follow_through(request.id, actor="ben", kept=True)
    marks = kit.requests.get(request.id, actor="ana").marks
    assert [m.occurrence for m in marks] == [clock.now().date()]


def test_requests_are_found_by_state(kit, couple):
    """find() filters by state and keeps the oldest first."""
    first = proposed(kit, couple)
    second = agreed(kit, couple)
    found = kit.requests.find(couple.id, actor="ben", states=[RequestState.AGREED])
    assert [r.id for r in found] == [second.id]
    assert [r.id for r in kit.requests.find(couple.id, actor="ben")] == [first.id, second.id]


def test_the_manual_clock_only_moves_forward():
    """A manual clock refuses to go back in time, by advance or by set."""
    clock = ManualClock(datetime(2026, 3, 2, tzinfo=UTC))
    with pytest.raises(InvalidInput):
        clock.advance(timedelta(seconds=-1))
    assert clock.advance(timedelta(days=1)).date() == date(2026, 3, 3)
    with pytest.raises(InvalidInput, match="forward"):
        clock.set(datetime(2026, 3, 2, tzinfo=UTC))
    clock.set(datetime(2026, 3, 4, tzinfo=UTC))
    assert clock.now() == datetime(2026, 3, 4, tzinfo=UTC)


def test_requests_snapshot_their_rules(kit, couple):
    """A request carries the rules of its relationship at drafting time."""
    request = proposed(kit, couple)
    assert attrs.asdict(request.rules) == attrs.asdict(RequestRules())


def test_memory_notifier_filters_by_person(kit, couple, notifier):
    """MemoryNotifier.for_person returns only that person's notifications, in order."""
    request = proposed(kit, couple)
    kit.requests.propose_alternative(request.id, actor="ben", ask="Saturdays")
    kit.requests.accept(request.id, actor="ana")
    assert [n.kind for n in notifier.for_person("ben")] == [
        RequestNotice.REQUEST_MADE,
        RequestNotice.ALTERNATIVE_ACCEPTED,
    ]
    assert [n.kind for n in notifier.for_person("ana")] == [RequestNotice.ALTERNATIVE_OFFERED]
    assert MemoryNotifier().for_person("ana") == []


def test_a_request_cannot_be_addressed_to_its_asker(couple):
    """The domain refuses a request whose recipient is the asker."""
    with pytest.raises(InvalidInput, match="other partner") as raised:
        Request.draft(
            relationship_id=couple.id,
            asker="ana",
            recipient="ana",
            need=NEED,
            ask=ASK,
            rules=RequestRules(),
            at=datetime(2026, 3, 2, tzinfo=UTC),
            time_box=BOX,
        )
    assert raised.value.field == "recipient"


@pytest.mark.parametrize("states", [["nope"], "agreed", [None]])
def test_find_refuses_unknown_states(kit, couple, states):
    """Filtering by something that is not a request state raises InvalidInput."""
    with pytest.raises(InvalidInput, match="states"):
        kit.requests.find(couple.id, actor="ana", states=states)


def test_refusals_name_only_moves_a_person_can_make(kit, couple):
    """A refusal lists the moves open now, never repairkit's own nor answers to no note."""
    request = agreed(kit, couple)
    with pytest.raises(NotAllowedNow) as raised:
        kit.requests.accept(request.id, actor="ben")
    assert raised.value.allowed == ("record_follow_through", "propose_ending", "hold", "step_back")
    assert "complete" not in str(raised.value)


def test_a_time_box_ending_at_midnight_does_not_cover_that_day(kit, couple, clock):
    """The time box is half-open: the day starting at its end is outside it."""
    start = datetime(2026, 3, 2, tzinfo=UTC)
    box = TimeBox(starts_at=start, ends_at=start + timedelta(days=7))
    assert box.covers(date(2026, 3, 8))
    assert not box.covers(date(2026, 3, 9))
    assert not box.covers(date(2026, 3, 1))
    request = agreed(kit, couple, time_box=box)
    clock.set(datetime(2026, 3, 9, 10, tzinfo=UTC))
    with pytest.raises(InvalidInput, match="time box"):
        kit.requests.record_follow_through(request.id, actor="ben", kept=True)
    late = kit.requests.record_follow_through(
        request.id, actor="ben", kept=True, occurrence=date(2026, 3, 8)
    )
    assert late.follow_through(clock.now()).kept == 1


def test_an_alternative_can_offer_other_dates(kit, couple, clock):
    """An alternative may carry its own time box; agreeing on it agrees on those dates."""
    asked = TimeBox(starts_at=clock.now(), ends_at=clock.now() + timedelta(days=7))
    offered = TimeBox(
        starts_at=clock.now() + timedelta(days=7),
        ends_at=clock.now() + timedelta(days=14),
        how_often="weekends",
    )
    request = proposed(kit, couple, time_box=asked)
    kit.requests.propose_alternative(request.id, actor="ben", ask="weekends", time_box=offered)
    kit.requests.propose_alternative(request.id, actor="ana", ask="weekends, before noon")
    done = kit.requests.accept(request.id, actor="ben")
    assert done.time_box == offered, "an alternative without dates keeps the dates it answers"
    history = kit.requests.history(request.id, actor="ana")
    assert history.time_box == asked
    assert [o.time_box for o in history.offers] == [asked, offered, offered]
    assert history.agreement is not None
    assert history.agreement.time_box == offered


def test_dates_that_have_passed_cannot_be_sent_or_agreed(kit, couple, clock):
    """Past dates are refused when drafting, sending or offering, and cannot be agreed."""
    past = TimeBox(
        starts_at=clock.now() - timedelta(days=8), ends_at=clock.now() - timedelta(days=1)
    )
    with pytest.raises(InvalidInput, match="already passed"):
        kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK, time_box=past)
    with pytest.raises(InvalidInput, match="needs dates before it is sent"):
        kit.requests.propose(
            kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK).id, actor="ana"
        )
    soon = TimeBox(starts_at=clock.now(), ends_at=clock.now() + timedelta(hours=2))
    draft = kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK, time_box=soon)
    sent = kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK, time_box=soon)
    kit.requests.propose(sent.id, actor="ana")
    clock.advance(timedelta(hours=3))
    before = stored(kit, couple)
    with pytest.raises(InvalidInput, match="revise it with dates that lie ahead"):
        kit.requests.propose(draft.id, actor="ana")
    with pytest.raises(NotAllowedNow, match="dates of this offer have passed") as raised:
        kit.requests.accept(sent.id, actor="ben")
    assert raised.value.allowed == ("propose_alternative", "decline", "set_aside")
    with pytest.raises(InvalidInput, match="already passed"):
        kit.requests.propose_alternative(sent.id, actor="ben", ask=ASK, time_box=soon)
    with pytest.raises(InvalidInput, match="please give new dates"):
        kit.requests.propose_alternative(sent.id, actor="ben", ask=ASK)
    assert stored(kit, couple) == before
    later = TimeBox(starts_at=clock.now(), ends_at=clock.now() + timedelta(days=7))
    kit.requests.propose_alternative(sent.id, actor="ben", ask=ASK, time_box=later)
    assert kit.requests.accept(sent.id, actor="ana").time_box == later


def test_an_expired_offer_in_a_stalled_request_names_the_ways_on(kit, clock):
    """When a stalled offer's dates have passed, the refusal names the ways on."""
    settings = RelationshipSettings(rules=[RequestRules(max_rounds=1)])
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana", settings=settings)
    soon = TimeBox(starts_at=clock.now(), ends_at=clock.now() + timedelta(hours=2))
    request = proposed(kit, couple, time_box=soon)
    assert (
        kit.requests.propose_alternative(request.id, actor="ben", ask="Fridays").state == "stalled"
    )
    clock.advance(timedelta(hours=3))
    with pytest.raises(NotAllowedNow) as raised:
        kit.requests.accept(request.id, actor="ana")
    assert raised.value.allowed == ("propose_reopening", "withdraw")
    assert "Moves open to you now: propose_reopening, withdraw." in str(raised.value)


def test_occurrences_are_the_couples_calendar_days(kit, clock):
    """In a couple's own time zone, an evening mark counts for that evening, not the UTC day."""
    settings = RelationshipSettings(time_zone="America/Los_Angeles")
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana", settings=settings)
    request = agreed(kit, couple)
    assert request.time_zone == "America/Los_Angeles"
    clock.set(datetime(2026, 3, 3, 5, 0, tzinfo=UTC))  # Monday 9 pm in Los Angeles
    marked = kit.requests.record_follow_through(request.id, actor="ben", kept=True)
    assert [m.occurrence for m in marked.marks] == [date(2026, 3, 2)]
    with pytest.raises(InvalidInput, match="future"):
        kit.requests.record_follow_through(
            request.id, actor="ben", kept=True, occurrence=date(2026, 3, 3)
        )


def test_a_time_box_covers_local_days():
    """Whether a day lies in a time box depends on the time zone the day is counted in."""
    ends = datetime(2026, 3, 9, 6, 0, tzinfo=UTC)  # Sunday 11 pm in Los Angeles (summer time)
    box = TimeBox(starts_at=datetime(2026, 3, 2, 8, 0, tzinfo=UTC), ends_at=ends)
    los_angeles = ZoneInfo("America/Los_Angeles")
    assert box.covers(date(2026, 3, 9))  # UTC: Monday 00:00-06:00 is inside
    assert not box.covers(date(2026, 3, 9), los_angeles)  # Monday there starts after the end
    assert box.covers(date(2026, 3, 2), los_angeles)


@pytest.mark.parametrize("name", ["Mars/Olympus_Mons", "", "../etc/passwd", 42])
def test_an_unknown_time_zone_is_refused(name):
    """Settings need a real IANA time zone name."""
    with pytest.raises(InvalidInput, match="IANA"):
        RelationshipSettings(time_zone=name)


def test_the_grace_period_fits_in_the_follow_through_window():
    """A grace period longer than the window would make the last day unmarkable; it is refused."""
    with pytest.raises(InvalidInput, match="follow_through_grace_hours"):
        RequestRules(follow_through_window_days=1, follow_through_grace_hours=72)
    assert RequestRules(follow_through_window_days=3, follow_through_grace_hours=72)


def test_the_window_message_counts_days_plainly(kit, clock):
    """A one-day window is spoken of as one day."""
    settings = RelationshipSettings(
        rules=[RequestRules(follow_through_window_days=1, follow_through_grace_hours=0)]
    )
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana", settings=settings)
    request = agreed(kit, couple)
    clock.advance(timedelta(days=3))
    with pytest.raises(InvalidInput, match="more than 1 day ago;"):
        kit.requests.record_follow_through(
            request.id, actor="ben", kept=True, occurrence=clock.now().date() - timedelta(days=2)
        )


def test_utc_needs_no_time_zone_database():
    """Without any time-zone data, UTC still works and other names get a clear message."""
    import zoneinfo  # noqa: PLC0415

    from repairkit.core.settings import zone  # noqa: PLC0415

    saved = zoneinfo.TZPATH
    zone.cache_clear()
    zoneinfo.ZoneInfo.clear_cache()
    zoneinfo.reset_tzpath(to=[])
    try:
        assert RelationshipSettings().time_zone == "UTC"
        assert zone("UTC") is UTC
        try:
            import tzdata  # type: ignore[import-not-found]  # noqa: F401, PLC0415
        except ImportError:
            with pytest.raises(InvalidInput, match="tzdata"):
                RelationshipSettings(time_zone="Europe/Berlin")
    finally:
        zoneinfo.reset_tzpath(to=saved)
        zone.cache_clear()
        zoneinfo.ZoneInfo.clear_cache()
    assert RelationshipSettings(time_zone="Europe/Berlin").time_zone == "Europe/Berlin"


def test_ids_may_be_given_as_text_and_nonsense_is_refused(kit, couple):
    """An id's text form works like the id; anything else raises InvalidInput."""
    request = proposed(kit, couple)
    assert kit.requests.get(str(request.id), actor="ben").id == request.id
    for bad in ("not-an-id", 42, None):
        with pytest.raises(InvalidInput, match="UUID"):
            kit.requests.get(bad, actor="ben")
    with pytest.raises(InvalidInput, match="relationship_id"):
        kit.requests.draft("nope", actor="ana", need=NEED, ask=ASK, time_box=BOX)


class SteppingClock:
    """A clock an app might have: it can be set back (NTP, a user changing the time)."""

    def __init__(self, now: datetime) -> None:
        self.at = now

    def now(self) -> datetime:
        return self.at


def test_time_within_a_request_never_runs_backwards(storage_factory):
    """Under a clock that stepped back, a move is recorded at the time of the move before it."""
    clock = SteppingClock(datetime(2026, 3, 2, 9, tzinfo=UTC))
    kit = RepairKit(storage=storage_factory(), clock=clock)
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
    request = kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK, time_box=BOX)
    clock.at += timedelta(hours=2)
    kit.requests.propose(request.id, actor="ana")
    clock.at -= timedelta(hours=5)  # the clock steps back
    accepted = kit.requests.accept(request.id, actor="ben")
    times = [e.at for e in kit.requests.events(request.id, actor="ana")]
    assert times == sorted(times)
    assert times[-1] == times[-2] == datetime(2026, 3, 2, 11, tzinfo=UTC)
    assert accepted.agreed_at == times[-1]
    history = kit.requests.history(request.id, actor="ben")
    assert history.agreement is not None
    assert history.agreement.at >= history.offers[0].at
    # Settings too: their change is not recorded before the relationship began.
    clock.at = datetime(2026, 3, 1, tzinfo=UTC)
    changed = kit.relationships.propose_settings(
        couple.id, actor="ben", settings=RelationshipSettings()
    )
    assert changed.changed_at == datetime(2026, 3, 2, 9, tzinfo=UTC)


# -- shared settings change only by consent ------------------------------------------------


def test_shared_settings_change_only_when_the_other_partner_agrees(kit, couple, notifier):
    """A suggestion changes nothing; the other partner's agreement applies it."""
    stricter = RelationshipSettings(rules=[RequestRules(max_rounds=1)])
    suggested = kit.relationships.propose_settings(couple.id, actor="ana", settings=stricter)
    assert suggested.settings == couple.settings  # nothing applies yet
    note = notifier.received[-1]
    assert (note.recipient, note.kind) == ("ben", RelationshipNotice.SETTINGS_PROPOSED)
    with pytest.raises(NotPermitted):
        kit.relationships.agree_to_settings(couple.id, actor="ana")  # nobody agrees with themselves
    agreed = kit.relationships.agree_to_settings(couple.id, actor="ben")
    assert agreed.settings == stricter
    assert agreed.proposal is None


def test_a_suggestion_can_be_declined_or_withdrawn(kit, couple, notifier):
    """The partner asked may say no; the one who suggested may take it back; nothing changes."""
    other = RelationshipSettings(time_zone="Europe/Berlin")
    kit.relationships.propose_settings(couple.id, actor="ben", settings=other)
    kept = kit.relationships.decline_settings(couple.id, actor="ana")
    assert (kept.settings, kept.proposal) == (couple.settings, None)
    assert notifier.received[-1].kind is RelationshipNotice.SETTINGS_KEPT
    kit.relationships.propose_settings(
        couple.id, actor="ana", settings=other
    )  # the one who said no may
    with pytest.raises(NotPermitted):
        kit.relationships.withdraw_settings(couple.id, actor="ben")
    withdrawn = kit.relationships.withdraw_settings(couple.id, actor="ana")
    assert (withdrawn.settings, withdrawn.proposal) == (couple.settings, None)
    with pytest.raises(NotPermitted):
        kit.relationships.agree_to_settings(couple.id, actor="ben")  # nothing is suggested any more


# -- pressure has limits ------------------------------------------------------------------


def _asked_and_declined(kit, couple, need=NEED) -> Request:
    request = kit.requests.draft(couple.id, actor="ana", need=need, ask=ASK, time_box=BOX)
    kit.requests.propose(request.id, actor="ana")
    return kit.requests.decline(request.id, actor="ben")


def test_after_a_no_one_new_request_on_the_same_need_waits_out_the_pause(kit, couple, clock):
    """One new request on a declined need may be sent at once; a second waits for the pause."""
    no = _asked_and_declined(kit, couple)
    first = kit.requests.draft(
        couple.id, actor="ana", need=NEED, ask="Saturdays", follows=no.id, time_box=BOX
    )
    kit.requests.propose(first.id, actor="ana")  # one new request is fine
    kit.requests.withdraw(first.id, actor="ana")
    second = kit.requests.draft(
        couple.id, actor="ana", need=f"  {NEED.upper()} ", ask="Fridays", time_box=BOX
    )
    with pytest.raises(NotAllowedNow, match="can be sent from") as waiting:
        kit.requests.propose(second.id, actor="ana")
    assert waiting.value.allowed == ("revise", "withdraw")
    punctuated = kit.requests.draft(  # punctuation makes no new need
        couple.id, actor="ana", need=f"{NEED}!?", ask="Thursdays", time_box=BOX
    )
    with pytest.raises(NotAllowedNow, match="can be sent from"):
        kit.requests.propose(punctuated.id, actor="ana")
    assert kit.requests.get(second.id, actor="ana").state is RequestState.DRAFTED
    other_need = kit.requests.draft(
        couple.id, actor="ana", need="rest on Sundays", ask=ASK, time_box=BOX
    )
    assert kit.requests.propose(other_need.id, actor="ana").state is RequestState.PROPOSED
    clock.advance(timedelta(hours=24))
    assert kit.requests.propose(second.id, actor="ana").state is RequestState.PROPOSED


def test_the_pause_after_a_no_is_configurable(kit):
    """reask_wait_hours=0 turns the wait off; the partner's own requests are never held."""
    settings = RelationshipSettings(rules=[RequestRules(reask_wait_hours=0)])
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana", settings=settings)
    _asked_and_declined(kit, couple)
    for ask in ("Saturdays", "Fridays"):
        again = kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ask, time_box=BOX)
        assert kit.requests.propose(again.id, actor="ana").state is RequestState.PROPOSED
    with pytest.raises(InvalidInput, match="reask_wait_hours"):
        RequestRules(reask_wait_hours=7 * 24 + 1)


def test_asking_and_being_declined_in_turn_does_not_reset_the_pause(kit, couple, clock):
    """The pause runs from the first no: a second no inside it grants no extra request."""
    first_no = _asked_and_declined(kit, couple)
    clock.advance(timedelta(hours=1))
    _asked_and_declined(kit, couple)  # the one new request, declined too
    third = kit.requests.draft(couple.id, actor="ana", need=NEED, ask="Fridays", time_box=BOX)
    with pytest.raises(NotAllowedNow, match="can be sent from"):
        kit.requests.propose(third.id, actor="ana")
    clock.set(first_no.changed_at + timedelta(hours=24))
    assert kit.requests.propose(third.id, actor="ana").state is RequestState.PROPOSED
