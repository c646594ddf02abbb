"""Either partner can pause, or leave, alone; the other hears only that it happened."""

from __future__ import annotations

import pytest

from conftest import BOX
from repairkit import (
    NotAllowedNow,
    NotFound,
    NotPermitted,
    RelationshipNotice,
    RelationshipSettings,
)
from repairkit.requests import RequestState
from repairkit.timeouts import TimeOutRules

NEED = "to feel we are a team at home"
ASK = "plan the week's meals together on Sunday evenings"


def test_a_pause_holds_what_would_reach_that_partner_until_they_come_back(kit, couple, notifier):
    """The other hears 'paused' without a reason; notifications to the paused partner wait."""
    kit.relationships.pause(couple.id, actor="ben")
    told = notifier.received[-1]
    assert (told.recipient, told.kind) == ("ana", RelationshipNotice.PARTNER_PAUSED)
    assert "why" not in told.message
    request = kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK, time_box=BOX)
    kit.requests.propose(request.id, actor="ana")
    assert [n.recipient for n in notifier.received].count("ben") == 0
    assert kit.outbox.deliver_pending() == 0  # held, not tried: no attempt is counted
    assert kit.outbox.parked() == []
    with pytest.raises(NotPermitted):
        kit.relationships.come_back(
            couple.id, actor="ana"
        )  # only the one who paused ends the pause
    with pytest.raises(NotAllowedNow, match="paused already"):
        kit.relationships.pause(couple.id, actor="ben")
    kit.relationships.come_back(couple.id, actor="ben")
    assert kit.outbox.deliver_pending() == 1
    assert notifier.received[-1].recipient == "ben"


def test_leaving_closes_everything_open_for_both(kit, couple, notifier):
    """Requests made, received, agreed and drafted by either partner close, neutrally."""
    made = kit.requests.propose(
        kit.requests.draft(couple.id, actor="ben", need=NEED, ask=ASK, time_box=BOX).id, actor="ben"
    )
    received = kit.requests.propose(
        kit.requests.draft(couple.id, actor="ana", need="rest", ask="Sundays off", time_box=BOX).id,
        actor="ana",
    )
    agreed = kit.requests.draft(
        couple.id, actor="ana", need="calm", ask="phones away", time_box=BOX
    )
    kit.requests.propose(agreed.id, actor="ana")
    kit.requests.accept(agreed.id, actor="ben")
    bens_draft = kit.requests.draft(
        couple.id, actor="ben", need="fun", ask="a dance class", time_box=BOX
    )
    anas_draft = kit.requests.draft(couple.id, actor="ana", need="tea", ask="a pot", time_box=BOX)
    left = kit.relationships.leave(couple.id, actor="ben")
    assert left.state == "ended"
    closed = RequestState.CLOSED_BY_LEAVING
    states = {r.id: r.state for r in kit.requests.find(couple.id, actor="ana")}
    everything = (made, received, agreed, anas_draft)
    assert states == {r.id: closed for r in everything}
    assert kit.requests.get(bens_draft.id, actor="ben").state is closed
    with pytest.raises(NotFound):  # the leaver's draft stays theirs, closed or not
        kit.requests.get(bens_draft.id, actor="ana")
    told = notifier.received[-1]
    assert (told.recipient, told.kind) == ("ana", RelationshipNotice.PARTNER_LEFT)
    with pytest.raises(NotAllowedNow) as over:
        kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK, time_box=BOX)
    assert over.value.finished
    with pytest.raises(NotAllowedNow):
        kit.relationships.pause(couple.id, actor="ana")


def test_a_draft_left_behind_cannot_be_sent_to_someone_who_left(kit, couple):
    """Once a partner left, no command runs in the relationship: the pipeline refuses it."""
    draft = kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK, time_box=BOX)
    kit.relationships.leave(couple.id, actor="ben")
    for command in (kit.requests.propose, kit.requests.withdraw):
        with pytest.raises(NotAllowedNow) as refused:
            command(draft.id, actor="ana")
        assert refused.value.finished


def test_an_outsider_can_neither_pause_nor_leave(kit, couple):
    """Pausing and leaving are the partners' own, and an outsider learns nothing."""
    for call in (kit.relationships.pause, kit.relationships.come_back, kit.relationships.leave):
        with pytest.raises(NotFound):
            call(couple.id, actor="eve")


def test_either_partner_may_leave_whoever_started(kit, couple):
    """The partner who started the relationship has no say over the other leaving."""
    assert couple.partners[0] == "ana"
    assert kit.relationships.leave(couple.id, actor="ben").state == "ended"


def test_either_partner_withdraws_consent_to_the_shared_rules_alone(kit, couple, notifier):
    """Ben alone puts every rule back to repairkit's defaults at once; the time zone stays."""
    agreed = RelationshipSettings(rules=[TimeOutRules(ceiling_hours=12)], time_zone="Europe/Berlin")
    kit.relationships.propose_settings(couple.id, actor="ana", settings=agreed)
    kit.relationships.agree_to_settings(couple.id, actor="ben")
    kit.relationships.propose_settings(couple.id, actor="ana", settings=RelationshipSettings())
    back = kit.relationships.withdraw_consent_to_settings(couple.id, actor="ben")
    assert back.settings == RelationshipSettings(time_zone="Europe/Berlin")
    assert back.settings.of(TimeOutRules) == TimeOutRules()
    assert back.proposal is None
    told = notifier.received[-1]
    assert (told.recipient, told.kind) == ("ana", RelationshipNotice.SETTINGS_DEFAULTS)
    with pytest.raises(NotAllowedNow, match="defaults already"):
        kit.relationships.withdraw_consent_to_settings(couple.id, actor="ana")
