"""The outbox: notifications are written with the change and delivered after commit."""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from conftest import BOX, invite_and_accept
from repairkit import (
    CallbackNotifier,
    LoggingNotifier,
    ManualClock,
    MemoryNotifier,
    Notification,
    RelationshipNotice,
    RelationshipSettings,
    RepairKit,
    TimeBox,
)
from repairkit.requests import Request, RequestNotice, RequestRules

NEED = "to feel heard when I talk about work"
ASK = "ask me one question about my day at dinner"


class FlakyNotifier:
    """Fails until told to work, then records."""

    def __init__(self) -> None:
        self.working = False
        self.received: list[Notification] = []

    def notify(self, notification: Notification) -> None:
        if not self.working:
            msg = "the app's push service is down"
            raise ConnectionError(msg)
        self.received.append(notification)


def make_request(kit: RepairKit) -> None:
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
    request = kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK, time_box=BOX)
    kit.requests.propose(request.id, actor="ana")


def test_a_failing_notifier_leaves_notifications_pending(storage_factory, clock, caplog):
    """A notifier that raises does not fail the command; the notification waits in the outbox."""
    notifier = FlakyNotifier()
    kit = RepairKit(storage=storage_factory(), clock=clock, notifier=notifier)
    with caplog.at_level(logging.WARNING, logger="repairkit"):
        make_request(kit)
    pending = kit.outbox.pending()
    assert [n.kind for n in pending] == [RequestNotice.REQUEST_MADE]
    assert "stays pending" in caplog.text
    assert ASK not in caplog.text
    assert kit.outbox.deliver_pending() == 0  # not due yet: the first retry waits a minute
    clock.advance(timedelta(minutes=1))
    assert kit.outbox.deliver_pending() == 0  # tried, and refused again: now it waits two
    notifier.working = True
    clock.advance(timedelta(minutes=1))
    assert kit.outbox.deliver_pending() == 0
    clock.advance(timedelta(minutes=1))
    assert kit.outbox.deliver_pending() == 1
    assert [n.id for n in notifier.received] == [pending[0].id]
    assert kit.outbox.pending() == []
    assert kit.outbox.deliver_pending() == 0


def test_without_a_notifier_the_app_pulls_from_the_outbox(storage_factory, clock):
    """With no notifier, notifications wait until the app marks them delivered."""
    kit = RepairKit(storage=storage_factory(), clock=clock)
    make_request(kit)
    pending = kit.outbox.pending()
    assert [(n.recipient, n.kind) for n in pending] == [("ben", RequestNotice.REQUEST_MADE)]
    assert kit.outbox.deliver_pending() == 0
    kit.outbox.mark_delivered([pending[0].id])
    assert kit.outbox.pending() == []


def test_notification_ids_are_stable(storage_factory, clock):
    """A notification keeps one id, made from its event and recipient, across retries."""
    notifier = FlakyNotifier()
    kit = RepairKit(storage=storage_factory(), clock=clock, notifier=notifier)
    make_request(kit)
    first_look = kit.outbox.pending()
    notifier.working = True
    clock.advance(timedelta(minutes=1))
    kit.outbox.deliver_pending()
    assert [n.id for n in notifier.received] == [n.id for n in first_look]
    assert [n.id for n in notifier.received] == [
        uuid.uuid5(n.event_id, n.recipient) for n in first_look
    ]


def test_the_logging_notifier_logs_kinds_and_ids_but_no_free_text(storage_factory, clock, caplog):
    """LoggingNotifier writes the kind, ids and recipient; never the texts partners wrote."""
    kit = RepairKit(storage=storage_factory(), clock=clock, notifier=LoggingNotifier())
    with caplog.at_level(logging.DEBUG):
        couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
        request = kit.requests.draft(
            couple.id,
            actor="ana",
            need=NEED,
            ask=ASK,
            observation="Yesterday at dinner.",
            time_box=BOX,
        )
        kit.requests.propose(request.id, actor="ana")
        kit.requests.decline(request.id, actor="ben", reason="I need quiet after work")
    assert "request made" in caplog.text
    assert str(request.id) in caplog.text
    for private in (NEED, ASK, "Yesterday at dinner", "quiet after work"):
        assert private not in caplog.text


def test_the_callback_notifier_passes_each_notification(storage_factory, clock):
    """CallbackNotifier calls the app's function once per notification."""
    seen: list[Notification] = []
    kit = RepairKit(storage=storage_factory(), clock=clock, notifier=CallbackNotifier(seen.append))
    make_request(kit)
    assert [n.recipient for n in seen] == ["ben"]


def test_a_failed_command_sends_nothing(storage_factory, clock):
    """A command that raises writes no notification and delivers none."""
    notifier = MemoryNotifier()
    kit = RepairKit(storage=storage_factory(), clock=clock, notifier=notifier)
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
    request = kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK, time_box=BOX)
    with pytest.raises(Exception, match="not shared"):
        kit.requests.accept(request.id, actor="ben")
    assert notifier.received == []
    assert kit.outbox.pending() == []


SENT_NO_MORE = {RelationshipNotice.PARTNER_CAME_BACK}
"""Kinds kept only so that older outboxes still read (coming back is silent)."""


@pytest.mark.parametrize(
    "kind", [*RequestNotice, *(k for k in RelationshipNotice if k not in SENT_NO_MORE)]
)
def test_every_notification_kind_has_a_calm_message(kind):
    """Every kind of notification the library can send has a message free of blame."""
    messages = [n.message for n in _every_kind_of_notification() if n.kind is kind]
    assert messages, f"no notification of kind {kind}"
    for message in messages:
        assert message.endswith(".")
        for word in ("fail", "wrong", "fault", "blame", "refus", "reject"):
            assert word not in message.lower()


def _every_kind_of_notification() -> list[Notification]:  # noqa: PLR0915 - one story
    """Run a scripted story that produces every kind of notification at least once."""
    clock = ManualClock(datetime(2026, 3, 2, 9, tzinfo=UTC))
    notifier = MemoryNotifier()
    kit = RepairKit(clock=clock, notifier=notifier)
    couple = invite_and_accept(
        kit,
        ("ana", "ben"),
        actor="ana",
        settings=RelationshipSettings(rules=[RequestRules(max_rounds=2, reask_wait_hours=0)]),
    )
    kit.relationships.propose_settings(
        couple.id, actor="ben", settings=couple.settings
    )  # suggested
    kit.relationships.agree_to_settings(couple.id, actor="ana")  # changed
    kit.relationships.propose_settings(couple.id, actor="ana", settings=couple.settings)
    kit.relationships.decline_settings(couple.id, actor="ben")  # kept
    kit.relationships.propose_settings(
        couple.id, actor="ben", settings=couple.settings
    )  # ana waits (rule 6)
    kit.relationships.withdraw_settings(couple.id, actor="ben")  # withdrawn

    def sent() -> Request:
        request = kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK, time_box=BOX)
        return kit.requests.propose(request.id, actor="ana")

    a = sent()
    kit.requests.accept(a.id, actor="ben")  # request answered (accepted)
    kit.requests.propose_ending(a.id, actor="ana")  # ending proposed
    kit.requests.keep_going(a.id, actor="ben")  # continues
    kit.requests.propose_ending(a.id, actor="ben")
    kit.requests.confirm_ending(a.id, actor="ana")  # completed
    b = sent()
    kit.requests.propose_alternative(b.id, actor="ben", ask="another way")  # alternative offered
    kit.requests.propose_alternative(b.id, actor="ana", ask="a third way")  # stalled
    kit.requests.propose_reopening(b.id, actor="ben")  # reopening proposed
    kit.requests.decline_reopening(b.id, actor="ana")  # reopening answered
    kit.requests.propose_reopening(b.id, actor="ana")
    kit.requests.agree_to_reopen(b.id, actor="ben")  # resumed
    kit.requests.accept(b.id, actor="ben")  # alternative accepted
    kit.requests.notice_missed(b.id, actor="ana")  # occurrence noted (ben carries it out)
    kit.requests.withdraw_notice(b.id, actor="ana")  # note withdrawn
    clock.advance(timedelta(days=1))
    kit.requests.notice_missed(b.id, actor="ana")
    kit.requests.see_differently(b.id, actor="ben", view="I did it late")  # note answered
    kit.requests.hold(b.id, actor="ben")  # agreement on hold
    kit.requests.propose_resuming(b.id, actor="ana")  # resuming proposed
    kit.requests.agree_to_resume(b.id, actor="ben")  # resuming answered
    g = sent()
    kit.requests.set_aside(g.id, actor="ben")  # set aside (its own kind as stalling)
    c = sent()
    kit.requests.decline(c.id, actor="ben")  # request answered (declined)
    d = sent()
    kit.requests.withdraw(d.id, actor="ana")  # withdrawn
    f = sent()
    kit.requests.accept(f.id, actor="ben")
    kit.requests.step_back(f.id, actor="ben")  # agreement set down
    box = TimeBox(starts_at=clock.now(), ends_at=clock.now() + timedelta(days=1))
    e = kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK, time_box=box)
    kit.requests.propose(e.id, actor="ana")
    kit.requests.accept(e.id, actor="ben")
    clock.advance(timedelta(days=2))
    kit.timers.run_due()
    kit.requests.review(e.id, actor="ben", what_worked="the evenings")  # review shared
    kit.relationships.pause(couple.id, actor="ben")  # partner paused
    kit.relationships.come_back(couple.id, actor="ben")  # silent: nobody is told
    kit.relationships.withdraw_consent_to_settings(
        couple.id, actor="ben"
    )  # settings back to defaults
    kit.relationships.leave(couple.id, actor="ana")  # partner left
    return notifier.received
