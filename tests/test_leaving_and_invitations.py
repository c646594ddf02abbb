"""Issue 16, case 1: a relationship starts by invitation, and leaving lets a person get away.

Each test names the measurement of the issue it answers; each fails on the code before
invitations (no ``invite``, leaving closed only the leaver's own part).
"""

from __future__ import annotations

import json
import shutil
import uuid
from datetime import timedelta
from pathlib import Path

import pytest

import repairkit
from conftest import BOX, START
from repairkit import (
    InvalidInput,
    ManualClock,
    NotAllowedNow,
    NotFound,
    NotPermitted,
    Relationship,
    RelationshipNotice,
    RelationshipState,
    RepairKit,
)
from repairkit.crossings import CrossingState
from repairkit.errors import NotInvitable
from repairkit.ports import Change, Saved
from repairkit.requests import RequestState
from repairkit.timeouts import TimeOut, TimeOutState

FIXTURES = Path(__file__).parent / "fixtures"


def _agreed_boundary(kit, rid):
    boundary = kit.boundaries.draft(rid, actor="ana", rule="No interrupting.")
    kit.boundaries.propose(boundary.id, actor="ana")
    return kit.boundaries.agree(boundary.id, actor="ben")


# -- 1a. A relationship needs its second person: it starts by invitation ---------------


def test_nothing_reaches_the_invited_person_before_they_accept(kit, notifier):
    """Ana invites Ben: he is told nothing, and no command runs until he accepts."""
    invited = kit.relationships.invite("ben", actor="ana")
    assert (invited.state, invited.partners) == ("invited", ("ana", "ben"))
    assert notifier.received == []
    with pytest.raises(NotAllowedNow, match="not been accepted"):
        kit.timeouts.call(invited.id, actor="ana", minutes=20)
    with pytest.raises(NotAllowedNow):
        kit.requests.draft(invited.id, actor="ana", need="rest", ask="a walk", time_box=BOX)
    with pytest.raises(NotAllowedNow):
        kit.relationships.pause(invited.id, actor="ana")
    assert [r.id for r in kit.relationships.invitations("ben")] == [invited.id]
    assert kit.relationships.invitations("ana") == []
    assert [a.kind for a in kit.relationships.awaiting(invited.id, actor="ben")] == ["relationship"]
    with pytest.raises(NotPermitted):
        kit.relationships.accept_invitation(invited.id, actor="ana")  # only Ben answers
    with pytest.raises(NotFound):
        kit.relationships.accept_invitation(invited.id, actor="eve")
    active = kit.relationships.accept_invitation(invited.id, actor="ben")
    assert active.state == "active"
    assert notifier.received == []  # an answer is not announced; the app reads the state
    kit.timeouts.call(active.id, actor="ana", minutes=20)
    assert [n.recipient for n in notifier.received] == ["ben"]


def test_a_stranger_reaches_nobody_who_does_not_accept(kit, notifier):
    """Eve invites Ana and calls a time-out: refused, and Ana hears nothing."""
    invited = kit.relationships.invite("ana", actor="eve")
    with pytest.raises(NotAllowedNow):
        kit.timeouts.call(invited.id, actor="eve", minutes=20)
    declined = kit.relationships.decline_invitation(invited.id, actor="ana")
    assert declined.state == "declined"
    assert notifier.received == []
    with pytest.raises(NotInvitable):  # a no holds: only Ana can start something new
        kit.relationships.invite("ana", actor="eve")
    assert kit.relationships.invite("eve", actor="ana").state == "invited"


def test_the_inviter_may_take_an_invitation_back_unannounced(kit, notifier):
    """A withdrawn invitation tells nobody; the one who withdrew it may invite later."""
    invited = kit.relationships.invite("ben", actor="ana")
    with pytest.raises(NotInvitable):  # one open invitation between two people
        kit.relationships.invite("ana", actor="ben")
    assert kit.relationships.withdraw_invitation(invited.id, actor="ana").state == "withdrawn"
    assert notifier.received == []
    with pytest.raises(NotInvitable):  # Ana took hers back: a new start is hers
        kit.relationships.invite("ana", actor="ben")
    assert kit.relationships.invite("ben", actor="ana").state == "invited"


def test_nobody_can_invite_a_person_who_left_unless_they_invite(kit, couple, notifier):
    """After Ana leaves, Ben cannot start a relationship with her; she can with him."""
    kit.relationships.leave(couple.id, actor="ana")
    with pytest.raises(NotInvitable, match="theirs to make"):
        kit.relationships.invite("ana", actor="ben")
    heard = len(notifier.for_person("ana"))
    again = kit.relationships.invite("ben", actor="ana")
    kit.relationships.accept_invitation(again.id, actor="ben")
    kit.timeouts.call(again.id, actor="ben", minutes=20)
    assert len(notifier.for_person("ana")) == heard + 1  # she chose to be reachable again


def test_inviting_checks_its_input(kit):
    """One cannot invite oneself, and a person's id must be one."""
    with pytest.raises(InvalidInput, match="another person"):
        kit.relationships.invite("ana", actor="ana")
    with pytest.raises(InvalidInput):
        kit.relationships.invite("", actor="ana")
    with pytest.raises(InvalidInput):
        kit.relationships.invite("ben", actor="ana", settings={"rules": []})


# -- 1b. Leaving closes everything for both; no command, no timer reaches the leaver ------


def test_leaving_closes_the_other_partners_time_out_and_records(kit, couple, notifier):
    """Ben's time-out and his note about Ana close when she leaves; nothing reaches her."""
    boundary = _agreed_boundary(kit, couple.id)
    timeout = kit.timeouts.call(couple.id, actor="ben", minutes=60)
    noted = kit.crossings.notice(couple.id, actor="ben", boundary_id=boundary.id)
    heard = len(notifier.for_person("ana"))
    kit.relationships.leave(couple.id, actor="ana")
    assert kit.timeouts.get(timeout.id, actor="ben").state is TimeOutState.CLOSED_BY_LEAVING
    assert kit.crossings.get(noted.id, actor="ben").state is CrossingState.CLOSED_BY_LEAVING
    with pytest.raises(NotAllowedNow):
        kit.timeouts.come_back(timeout.id, actor="ben")
    with pytest.raises(NotAllowedNow):
        kit.boundaries.withdraw_consent(boundary.id, actor="ben")
    kit.clock.advance(timedelta(days=60))
    assert kit.timers.run_due() == []
    assert kit.timers.next_due() is None
    kit.outbox.deliver_pending()
    assert len(notifier.for_person("ana")) == heard  # nothing after leaving


def test_the_remaining_partner_hears_one_calm_true_sentence(kit, couple, notifier):
    """Ben hears one sentence; everything that was open is indeed closed."""
    kit.requests.propose(
        kit.requests.draft(couple.id, actor="ana", need="rest", ask="a walk", time_box=BOX).id,
        actor="ana",
    )
    kit.timeouts.call(couple.id, actor="ben", minutes=20)
    heard = len(notifier.for_person("ben"))
    kit.relationships.leave(couple.id, actor="ana")
    told = notifier.for_person("ben")[heard:]
    assert [n.kind for n in told] == [RelationshipNotice.PARTNER_LEFT]
    assert "closed" in told[0].message
    for commands in (kit.requests, kit.timeouts):
        assert all(obj.is_finished for obj in commands.find(couple.id, actor="ben"))


def test_what_waited_for_the_leaver_never_reaches_them(kit, couple, notifier):
    """A notification held by Ana's pause stays held once she leaves."""
    kit.relationships.pause(couple.id, actor="ana")
    kit.timeouts.call(couple.id, actor="ben", minutes=20)
    heard = len(notifier.for_person("ana"))
    kit.relationships.leave(couple.id, actor="ana")
    kit.outbox.deliver_pending()
    assert len(notifier.for_person("ana")) == heard


def test_a_paused_partner_hears_only_that_it_ended_when_the_other_leaves(kit, couple, notifier):
    """Leaving ends Ana's pause too: she hears the one sentence at once, nothing held before.

    What waited for her while she rested (Ben's request, his time-out) is about objects
    leaving closed: it never reaches her. The sentence is not held for a `come_back`
    that an ended relationship no longer has.
    """
    kit.relationships.pause(couple.id, actor="ana")
    made = kit.requests.draft(couple.id, actor="ben", need="rest", ask="a walk", time_box=BOX)
    kit.requests.propose(made.id, actor="ben")
    kit.timeouts.call(couple.id, actor="ben", minutes=20)
    assert notifier.for_person("ana") == []
    kit.relationships.leave(couple.id, actor="ben")
    kit.outbox.deliver_pending()
    assert [n.kind for n in notifier.for_person("ana")] == [RelationshipNotice.PARTNER_LEFT]
    assert kit.outbox.waiting(limit=100) == []


# -- 1d. Leaving never turns an acknowledged crossing into "sees differently" -------------


def test_leaving_keeps_an_acknowledged_crossing_acknowledged(kit, couple, notifier):
    """Ana acknowledged Ben's note, then leaves: Ben is not told she sees it differently."""
    boundary = _agreed_boundary(kit, couple.id)
    noted = kit.crossings.notice(couple.id, actor="ben", boundary_id=boundary.id)
    kit.crossings.acknowledge(noted.id, actor="ana")
    heard = len(notifier.for_person("ben"))
    kit.relationships.leave(couple.id, actor="ana")
    events = kit.crossings.events(noted.id, actor="ben")
    assert [e.to_state for e in events][-2:] == ["acknowledged", "closed by leaving"]
    assert [n.kind for n in notifier.for_person("ben")[heard:]] == [RelationshipNotice.PARTNER_LEFT]


def test_a_request_closed_by_leaving_counts_no_no(kit, couple):
    """Closing is neutral: a request Ben received is closed, not declined in his name."""
    sent = kit.requests.propose(
        kit.requests.draft(couple.id, actor="ana", need="rest", ask="a walk", time_box=BOX).id,
        actor="ana",
    )
    kit.relationships.leave(couple.id, actor="ben")
    closed = kit.requests.get(sent.id, actor="ana")
    assert closed.state is RequestState.CLOSED_BY_LEAVING
    assert [e.actor for e in kit.requests.events(sent.id, actor="ana")][-1] != "ben"


# -- stored before invitations ------------------------------------------------------------


def test_a_relationship_stored_before_invitations_is_active(tmp_path):
    """A file written before invitations: its relationship reads as accepted, and works."""
    path = tmp_path / "v5.db"
    shutil.copyfile(FIXTURES / "v5_store.db", path)
    expected = json.loads((FIXTURES / "v5_store.json").read_text(encoding="utf-8"))
    with repairkit.open(path, clock=ManualClock(START + timedelta(days=400))) as kit:
        rid = uuid.UUID(str(expected["relationship"]["id"]))
        stored = kit.relationships.get(rid, actor="ana")
        assert stored.state == "active"
        assert kit.relationships.moves(rid, actor="ben")  # every partner's move is open
        assert kit.timeouts.call(rid, actor="ben", minutes=20).state == "cooling off"


def test_an_object_left_open_in_an_ended_relationship_closes_instead_of_firing(
    kit, couple, notifier
):
    """A relationship that ended before leaving closed everything: its timers never fire."""
    timeout = kit.timeouts.call(couple.id, actor="ben", minutes=20)
    stored = kit._storage
    relationship = stored.load(Relationship, couple.id)
    relationship.state = RelationshipState.ENDED
    relationship.version += 1
    stored.commit(Change(saves=(Saved(relationship, relationship.version - 1),), events=()))
    kit.clock.advance(timedelta(hours=2))
    done = kit.timers.run_due()
    assert [e.to_state for e in done] == ["closed by leaving"]
    assert stored.load(TimeOut, timeout.id).state is TimeOutState.CLOSED_BY_LEAVING
    kit.outbox.deliver_pending()
    assert [n.kind for n in notifier.received] == ["time-out called"]  # no check-back


def test_invitations_have_a_daily_limit_per_sender(kit, clock, notifier):
    """Issue 16: inviting, taking back and inviting again is a channel with a limit too.

    Each invitation counts, to anyone, withdrawn or not; the one past the limit is
    refused, says from when the next is possible, stores nothing and tells nobody.
    """
    first = kit.relationships.invite("ben", actor="ana")
    kit.relationships.withdraw_invitation(first.id, actor="ana")
    for person in ("ben", "cleo", "dan"):
        clock.advance(timedelta(hours=1))
        sent = kit.relationships.invite(person, actor="ana")
        if person == "ben":
            kit.relationships.withdraw_invitation(sent.id, actor="ana")
    clock.advance(timedelta(hours=1))
    kit.relationships.invite("ben", actor="ana")  # the fifth in 24 hours, one taken back twice
    stored = [(r.id, r.version) for r in kit._storage.relationships_of("ana")]
    clock.advance(timedelta(hours=1))
    with pytest.raises(NotInvitable, match="limited to 5 per person") as refused:
        kit.relationships.invite("eve", actor="ana")
    assert refused.value.possible_from == START + timedelta(hours=24)
    assert [(r.id, r.version) for r in kit._storage.relationships_of("ana")] == stored
    assert kit.relationships.invitations("eve") == []
    assert notifier.received == []
    clock.set(START + timedelta(hours=24))
    assert kit.relationships.invite("eve", actor="ana").state == "invited"
    assert kit.relationships.invite("ana", actor="fay").state == "invited"  # others' own limit


def test_an_app_sets_the_invitation_limit_within_bounds(storage_factory, clock, tmp_path):
    """The limit is the app's to set for its kit, from 1 to 20; anything else is refused."""
    kit = RepairKit(storage=storage_factory(), clock=clock, invitations_per_day=1)
    kit.relationships.invite("ben", actor="ana")
    with pytest.raises(NotInvitable, match="limited to 1 per person"):
        kit.relationships.invite("cleo", actor="ana")
    kit.close()
    for wrong in (0, 21, True, "5", 2.0):
        with pytest.raises(InvalidInput, match="invitations_per_day"):
            RepairKit(clock=clock, invitations_per_day=wrong)
        with pytest.raises(InvalidInput, match="invitations_per_day"):
            repairkit.open(tmp_path / "never.db", clock=clock, invitations_per_day=wrong)
    assert not (tmp_path / "never.db").exists()


def test_a_refusal_gives_a_time_only_when_time_is_all_that_stands_in_the_way(kit, clock):
    """Past the limit, inviting a person who left says their new start is theirs, no time."""
    couple = kit.relationships.invite("ben", actor="ana")
    kit.relationships.accept_invitation(couple.id, actor="ben")
    kit.relationships.leave(couple.id, actor="ben")
    for person in ("cleo", "dan", "eve", "fay"):
        kit.relationships.invite(person, actor="ana")
    with pytest.raises(NotInvitable, match="theirs to make") as refused:
        kit.relationships.invite("ben", actor="ana")
    assert refused.value.possible_from is None
