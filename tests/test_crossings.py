"""Crossings: owned, or noted and answered; counted only once owned, and only in the window."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from conftest import invite_and_accept
from repairkit import InvalidInput, NotAllowedNow, NotFound, NotPermitted
from repairkit.crossings import CrossingNotice, CrossingState, RepairLink
from repairkit.repairs import RepairLink as RepairLinkOf
from repairkit.repairs import RepairLinkKind

_S = CrossingState


@pytest.fixture
def boundary(kit, couple):
    """A boundary Ana proposed and Ben agreed to."""
    made = kit.boundaries.draft(couple.id, actor="ana", rule="No interrupting.")
    kit.boundaries.propose(made.id, actor="ana")
    return kit.boundaries.agree(made.id, actor="ben")


def test_an_owned_crossing_counts_at_once(kit, couple, boundary, notifier):
    """Ben owns his crossing: it counts for him, and Ana hears of it calmly."""
    owned = kit.crossings.own(couple.id, actor="ben", boundary_id=boundary.id)
    assert (owned.state, owned.about, owned.recorded_by, owned.counts) == (
        _S.OWNED,
        "ben",
        "ben",
        True,
    )
    assert owned.crossed.id == boundary.id
    told = notifier.received[-1]
    assert (told.recipient, told.kind) == ("ana", CrossingNotice.OWNED)
    assert kit.crossings.counted(couple.id, actor="ben").yours == 1
    ana = kit.crossings.counted(couple.id, actor="ana")
    assert (ana.counted, ana.yours) == (1, 0)


def test_a_noted_crossing_counts_only_once_acknowledged(kit, couple, boundary, notifier):
    """Ana's note tells Ben, counts nowhere, and counts once Ben acknowledges it."""
    noted = kit.crossings.notice(couple.id, actor="ana", boundary_id=boundary.id)
    assert (noted.state, noted.about, noted.counts) == (_S.NOTICED, "ben", False)
    told = notifier.received[-1]
    assert (told.recipient, told.kind) == ("ben", CrossingNotice.NOTED)
    assert kit.crossings.counted(couple.id, actor="ana").counted == 0
    with pytest.raises(NotPermitted):
        kit.crossings.acknowledge(noted.id, actor="ana")  # nobody acknowledges for another
    done = kit.crossings.acknowledge(noted.id, actor="ben")
    assert done.counts
    assert kit.crossings.counted(couple.id, actor="ben").yours == 1


def test_seeing_it_differently_never_counts(kit, couple, boundary, notifier):
    """Ben's view is kept for the check-in; the note counts nowhere, now or later."""
    noted = kit.crossings.notice(couple.id, actor="ana", boundary_id=boundary.id)
    seen = kit.crossings.see_differently(noted.id, actor="ben", view="It was a lively talk.")
    assert (seen.state, seen.view, seen.counts) == (
        _S.SEEN_DIFFERENTLY,
        "It was a lively talk.",
        False,
    )
    told = notifier.received[-1]
    assert (told.recipient, told.kind) == ("ana", CrossingNotice.SEEN_DIFFERENTLY)
    assert "lively" not in told.message
    with pytest.raises(NotAllowedNow):
        kit.crossings.acknowledge(noted.id, actor="ben")
    assert kit.crossings.counted(couple.id, actor="ana").counted == 0


def test_whoever_recorded_it_can_take_it_back(kit, couple, boundary):
    """The noter withdraws a note; the owner withdraws their own; nobody else can."""
    noted = kit.crossings.notice(couple.id, actor="ana", boundary_id=boundary.id)
    with pytest.raises(NotPermitted):
        kit.crossings.withdraw(noted.id, actor="ben")
    assert kit.crossings.withdraw(noted.id, actor="ana").state is _S.WITHDRAWN
    owned = kit.crossings.own(couple.id, actor="ana", boundary_id=boundary.id)
    assert kit.crossings.withdraw(owned.id, actor="ana").state is _S.WITHDRAWN
    assert kit.crossings.counted(couple.id, actor="ana").counted == 0


def test_an_unanswered_note_lapses_at_its_own_time(kit, couple, boundary, clock, notifier):
    """After seven days unanswered it lapses, recorded at its due time, counting nowhere."""
    noted = kit.crossings.notice(couple.id, actor="ana", boundary_id=boundary.id)
    clock.advance(timedelta(days=6, hours=23))
    assert kit.timers.run_due() == []
    clock.advance(timedelta(days=2))  # the worker was down for a day
    [lapsed] = kit.timers.run_due()
    assert lapsed.at == noted.created_at + timedelta(days=7)
    assert kit.crossings.get(noted.id, actor="ben").state is _S.LAPSED
    told = sorted(n.recipient for n in notifier.received if n.kind is CrossingNotice.CLOSED)
    assert told == ["ana", "ben"]


def test_counts_reach_back_only_over_the_window_and_then_it_settles(kit, couple, boundary, clock):
    """Past 28 days it counts nowhere, and only the partner it is about still sees it."""
    noted = kit.crossings.notice(couple.id, actor="ana", boundary_id=boundary.id)
    kit.crossings.acknowledge(noted.id, actor="ben")
    clock.advance(timedelta(days=27))
    kit.timers.run_due()
    assert kit.crossings.counted(couple.id, actor="ana").counted == 1
    clock.advance(timedelta(days=1))
    [settled] = kit.timers.run_due()
    assert settled.to_state == "settled"
    assert settled.private_to == "ben"
    assert kit.crossings.counted(couple.id, actor="ben").counted == 0
    assert kit.crossings.get(noted.id, actor="ben").state is _S.SETTLED
    with pytest.raises(NotFound):
        kit.crossings.get(noted.id, actor="ana")
    assert kit.crossings.find(couple.id, actor="ana") == []


def test_only_a_boundary_in_force_can_be_crossed(kit, couple, boundary):
    """A suspended boundary, a partner's draft and a stranger's id are refused alike."""
    draft = kit.boundaries.draft(couple.id, actor="ben", rule="No phones at dinner.")
    other = invite_and_accept(kit, ("ana", "cleo"), actor="ana")
    elsewhere = kit.boundaries.draft(other.id, actor="ana", rule="No shouting.")
    refusals = []
    for unknown in (draft.id, elsewhere.id, uuid.uuid4()):
        with pytest.raises(InvalidInput) as error:
            kit.crossings.notice(couple.id, actor="ana", boundary_id=unknown)
        refusals.append(str(error.value))
    assert len(set(refusals)) == 1
    kit.boundaries.withdraw_consent(boundary.id, actor="ana")
    with pytest.raises(InvalidInput, match="not in force"):
        kit.crossings.own(couple.id, actor="ben", boundary_id=boundary.id)
    assert kit.crossings.find(couple.id, actor="ana") == []


@pytest.mark.parametrize("offset", [timedelta(minutes=-5), timedelta(days=29)])
def test_a_moment_ahead_or_outside_the_window_is_refused(kit, couple, boundary, clock, offset):
    """A crossing happened in the past, and inside the window."""
    with pytest.raises(InvalidInput, match="happened_at"):
        kit.crossings.notice(
            couple.id, actor="ana", boundary_id=boundary.id, happened_at=clock.now() - offset
        )
    assert kit.crossings.find(couple.id, actor="ana") == []


def test_a_moment_earlier_in_the_window_ages_out_from_when_it_happened(
    kit, couple, boundary, clock
):
    """The window counts from the moment itself, not from when it was written down."""
    clock.advance(timedelta(days=21))  # the boundary has been in force for three weeks
    owned = kit.crossings.own(
        couple.id,
        actor="ben",
        boundary_id=boundary.id,
        happened_at=clock.now() - timedelta(days=20),
    )
    assert owned.due_at == owned.happened_at + timedelta(days=28)
    clock.advance(timedelta(days=8))
    assert kit.crossings.counted(couple.id, actor="ben").counted == 0  # even before run_due
    kit.timers.run_due()
    assert kit.crossings.counted(couple.id, actor="ben").counted == 0


def test_a_repair_is_linked_to_a_counted_crossing(kit, couple, boundary):
    """Either partner links the repair that follows; a note not yet owned takes none."""
    noted = kit.crossings.notice(couple.id, actor="ana", boundary_id=boundary.id)
    repair = kit.repairs.own(couple.id, actor="ben").id  # a repair that stands alone
    with pytest.raises(NotAllowedNow):
        kit.crossings.link_repair(noted.id, actor="ana", repair_id=repair)
    kit.crossings.acknowledge(noted.id, actor="ben")
    linked = kit.crossings.link_repair(noted.id, actor="ana", repair_id=repair)
    assert linked.repair == RepairLink(kind="repair", id=repair)
    with pytest.raises(InvalidInput, match="repair_id"):
        kit.crossings.link_repair(noted.id, actor="ana", repair_id="not an id")


def _refused_link(kit, crossing_id, repair_id, actor="ana"):
    """Refuse the link with InvalidInput; the crossing and its history are as before."""
    before = kit.crossings.get(crossing_id, actor=actor)
    history = kit.crossings.events(crossing_id, actor=actor)
    with pytest.raises(InvalidInput, match="repair_id") as refused:
        kit.crossings.link_repair(crossing_id, actor=actor, repair_id=repair_id)
    after = kit.crossings.get(crossing_id, actor=actor)
    assert (after.repair, after.version) == (before.repair, before.version)
    assert kit.crossings.events(crossing_id, actor=actor) == history
    return str(refused.value)


def test_a_repair_link_names_a_real_repair_of_this_crossing(kit, couple, boundary):
    """A link names a real repair of this crossing, or one standing alone.

    An id that names nothing, another couple's repair, or a repair of another crossing,
    is refused alike and stores nothing; a repair owned from the crossing is linked.
    """
    owned = kit.crossings.own(couple.id, actor="ben", boundary_id=boundary.id)
    unknown = _refused_link(kit, owned.id, uuid.uuid4())
    others = invite_and_accept(kit, ("ana", "cleo"), actor="ana")
    theirs = kit.repairs.own(others.id, actor="ana").id
    assert _refused_link(kit, owned.id, theirs) == unknown
    boundary_two = kit.boundaries.draft(couple.id, actor="ben", rule="No phones at dinner.")
    kit.boundaries.propose(boundary_two.id, actor="ben")
    kit.boundaries.agree(boundary_two.id, actor="ana")
    other = kit.crossings.own(couple.id, actor="ben", boundary_id=boundary_two.id)
    link = RepairLinkOf(kind=RepairLinkKind.CROSSING, id=other.id)
    elsewhere = kit.repairs.own(couple.id, actor="ben", link=link).id
    assert _refused_link(kit, owned.id, elsewhere) == unknown
    mine = kit.repairs.own(
        couple.id, actor="ben", link=RepairLinkOf(kind=RepairLinkKind.CROSSING, id=owned.id)
    )
    linked = kit.crossings.link_repair(owned.id, actor="ana", repair_id=mine.id)
    assert linked.repair == RepairLink(kind="repair", id=mine.id)
    assert kit.repairs.get(mine.id, actor="ana").link.id == owned.id  # both sides show it


def test_an_outsider_cannot_tell_a_crossing_exists(kit, couple, boundary):
    """Eve gets the same NotFound for a crossing as for an id never used."""
    noted = kit.crossings.notice(couple.id, actor="ana", boundary_id=boundary.id)
    with pytest.raises(NotFound) as real:
        kit.crossings.acknowledge(noted.id, actor="eve")
    with pytest.raises(NotFound) as missing:
        kit.crossings.acknowledge(uuid.uuid4(), actor="eve")
    assert str(real.value) == str(missing.value)


def test_a_moment_before_the_words_were_agreed_is_refused(kit, couple, boundary, clock):
    """A crossing is of the words in force: a moment before they were agreed crosses nothing."""
    clock.advance(timedelta(days=3))
    with pytest.raises(InvalidInput, match="before the boundary"):
        kit.crossings.notice(
            couple.id,
            actor="ana",
            boundary_id=boundary.id,
            happened_at=boundary.agreed_at - timedelta(minutes=1),
        )
    assert (
        kit.crossings.notice(
            couple.id, actor="ana", boundary_id=boundary.id, happened_at=boundary.agreed_at
        ).state
        is _S.NOTICED
    )


def test_one_note_of_a_boundary_awaits_an_answer_at_a_time(kit, couple, boundary, notifier):
    """A second note of the same boundary waits for the first answer; Ben hears of one."""
    kit.crossings.notice(couple.id, actor="ana", boundary_id=boundary.id)
    told = len(notifier.received)
    with pytest.raises(NotAllowedNow, match="awaits an answer"):
        kit.crossings.notice(couple.id, actor="ana", boundary_id=boundary.id)
    assert len(notifier.received) == told
    assert len(kit.crossings.find(couple.id, actor="ben")) == 1
    kit.crossings.notice(couple.id, actor="ben", boundary_id=boundary.id)  # Ben's own: his


def test_after_a_note_is_seen_differently_its_noter_waits_a_day(kit, couple, boundary, clock):
    """Seeing a note differently holds back another note of that boundary for 24 hours."""
    noted = kit.crossings.notice(couple.id, actor="ana", boundary_id=boundary.id)
    kit.crossings.see_differently(noted.id, actor="ben")
    with pytest.raises(NotAllowedNow, match="seen differently") as refused:
        kit.crossings.notice(couple.id, actor="ana", boundary_id=boundary.id)
    assert refused.value.possible_from == clock.now() + timedelta(hours=24)
    kit.crossings.own(couple.id, actor="ben", boundary_id=boundary.id)  # owning is never held
    clock.advance(timedelta(hours=24))
    assert kit.crossings.notice(couple.id, actor="ana", boundary_id=boundary.id).counts is False


def test_an_acknowledgement_can_be_seen_differently_later(kit, couple, boundary):
    """Ben may change his mind about a note he acknowledged: it then counts nowhere."""
    noted = kit.crossings.notice(couple.id, actor="ana", boundary_id=boundary.id)
    kit.crossings.acknowledge(noted.id, actor="ben")
    seen = kit.crossings.see_differently(noted.id, actor="ben", view="On reflection, no.")
    assert (seen.state, seen.counts) == (_S.SEEN_DIFFERENTLY, False)
    assert kit.crossings.counted(couple.id, actor="ana").counted == 0


def test_past_its_window_the_other_partner_reads_nothing_of_it(kit, couple, boundary, clock):
    """Before run_due settles it, the noter already reads, moves and lists nothing of it."""
    noted = kit.crossings.notice(couple.id, actor="ana", boundary_id=boundary.id)
    kit.crossings.acknowledge(noted.id, actor="ben")
    clock.advance(timedelta(days=28))
    assert kit.crossings.find(couple.id, actor="ana") == []
    assert kit.timers.upcoming(couple.id, actor="ana") == []
    for read in (kit.crossings.get, kit.crossings.events, kit.crossings.moves):
        with pytest.raises(NotFound):
            read(noted.id, actor="ana")
    with pytest.raises(NotFound):
        kit.crossings.withdraw(noted.id, actor="ana")
    assert kit.crossings.get(noted.id, actor="ben").state is _S.ACKNOWLEDGED


def test_a_crossing_links_only_the_repair_of_the_partner_it_is_about(kit, couple, boundary):
    """Never the other partner's own repair, nor one that was declined: no record of a no."""
    owned = kit.crossings.own(couple.id, actor="ben", boundary_id=boundary.id)
    anas = kit.repairs.own(couple.id, actor="ana").id  # Ana's own lapse, not Ben's moment
    kit.repairs.close(anas, actor="ana")
    invited = kit.repairs.invite(couple.id, actor="ana")  # Ben is invited, and says no
    kit.repairs.decline(invited.id, actor="ben")
    for repair_id in (anas, invited.id):
        assert "cannot follow" in _refused_link(kit, owned.id, repair_id)
    bens = kit.repairs.own(couple.id, actor="ben").id
    assert kit.crossings.link_repair(owned.id, actor="ana", repair_id=bens).repair.id == bens
