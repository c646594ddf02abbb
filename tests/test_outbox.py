"""The outbox never jams: failed deliveries back off, then park; everyone else's go out."""

from __future__ import annotations

from datetime import timedelta

from conftest import BOX, invite_and_accept
from repairkit import (
    DeliveryPolicy,
    MemoryNotifier,
    Notification,
    QuietHours,
    RelationshipRules,
    RelationshipSettings,
    RepairKit,
)
from repairkit.core.relationship_events import RelationshipNotice
from repairkit.core.settings import MAX_DAILY_ITEMS
from repairkit.requests import RequestNotice

NEED = "to feel we are a team at home"
ASK = "plan the week's meals together on Sunday evenings"


class DeadChannel(MemoryNotifier):
    """Delivers to everyone but the people whose channel is dead."""

    def __init__(self, dead: set[str]) -> None:
        super().__init__()
        self.dead = dead
        self.attempts = 0

    def notify(self, notification: Notification) -> None:
        self.attempts += 1
        if notification.recipient in self.dead:
            raise ConnectionError("push service unreachable")
        super().notify(notification)


def _requests_to(kit: RepairKit, couple, count: int) -> None:
    asker, recipient = couple.partners
    for _ in range(count):
        request = kit.requests.draft(couple.id, actor=asker, need=NEED, ask=ASK, time_box=BOX)
        kit.requests.propose(request.id, actor=asker)
    del recipient


def test_a_hundred_undeliverable_never_hold_back_the_others(storage_factory, clock):
    """100 notifications to a dead channel fill a batch; the others still go out in that call."""
    notifier = DeadChannel(dead={"ben", "dan"})  # the push service is down for everyone
    kit = RepairKit(storage=storage_factory(), clock=clock, notifier=notifier)
    # It floods on purpose: the pressure budget is raised to its ceiling, and ben hears
    # from two relationships (one sender alone reaches at most MAX_DAILY_ITEMS a day).
    flood = RelationshipSettings(rules=[RelationshipRules(daily_items=MAX_DAILY_ITEMS)])
    for sender in ("ana", "fay"):
        _requests_to(kit, invite_and_accept(kit, (sender, "ben"), actor=sender, settings=flood), 50)
    cleo_dan = invite_and_accept(kit, ("cleo", "dan"), actor="cleo")
    _requests_to(kit, cleo_dan, 3)
    notifier.dead = {"ben"}  # it comes back for everyone but ben, whose channel is dead
    clock.advance(timedelta(minutes=1))
    tried = notifier.attempts
    # The first 100 due are ben's: his first is refused, his others wait for a later
    # call untried, and the outbox reads on past them to dan's, which go out now.
    assert kit.outbox.deliver_pending() == 3
    assert notifier.attempts == tried + 4
    assert [n.recipient for n in notifier.received] == ["dan"] * 3
    assert len(kit.outbox.pending(limit=1000)) == 100
    assert kit.outbox.deliver_pending() == 0  # ben's next are due at once: one tried again
    assert notifier.attempts == tried + 5


def test_the_limit_bounds_the_attempts_of_one_call(storage_factory, clock):
    """However many are due, one call tries at most *limit* of them, oldest first."""
    notifier = DeadChannel(dead=set())
    kit = RepairKit(storage=storage_factory(), clock=clock, notifier=notifier)
    for person in ("ben", "dan", "eve"):
        couple = invite_and_accept(kit, ("ana", person), actor="ana")
        notifier.dead = {person}
        _requests_to(kit, couple, 2)
    notifier.dead = {"ben"}
    clock.advance(timedelta(minutes=1))  # all six are due again
    tried = notifier.attempts
    assert kit.outbox.deliver_pending(limit=2) == 1  # ben's first refused, dan's first out
    assert notifier.attempts == tried + 2
    assert [n.recipient for n in notifier.received] == ["dan"]
    assert kit.outbox.deliver_pending(limit=10) == 3  # ben's second refused; the rest go out
    assert [n.recipient for n in notifier.received] == ["dan", "dan", "eve", "eve"]


def test_after_the_last_attempt_a_notification_is_parked_and_can_be_retried(storage_factory, clock):
    """Backoff doubles up to its cap; the last failure parks it; retry_parked queues it again."""
    policy = DeliveryPolicy(
        max_attempts=4, first_wait=timedelta(minutes=1), longest_wait=timedelta(minutes=3)
    )
    notifier = DeadChannel(dead={"ben"})
    kit = RepairKit(storage=storage_factory(), clock=clock, notifier=notifier, delivery=policy)
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
    _requests_to(kit, couple, 1)  # attempt 1, at once
    waits = []
    for expected_wait in (1, 2, 3):  # minutes: doubling, capped at 3
        clock.advance(timedelta(minutes=expected_wait) - timedelta(seconds=1))
        assert kit.outbox.deliver_pending() == 0
        tried = notifier.attempts
        clock.advance(timedelta(seconds=1))
        kit.outbox.deliver_pending()
        assert notifier.attempts == tried + 1
        waits.append(expected_wait)
    assert kit.outbox.pending() == []
    (parked,) = kit.outbox.parked()
    assert parked.kind is RequestNotice.REQUEST_MADE
    clock.advance(timedelta(days=1))
    assert kit.outbox.deliver_pending() == 0  # a parked notification is not tried again by itself
    notifier.dead.clear()
    kit.outbox.retry_parked([parked.id])
    assert kit.outbox.parked() == []
    assert kit.outbox.deliver_pending() == 1
    assert notifier.received == [parked]


def test_an_app_that_pulls_sees_every_pending_notification(storage_factory, clock):
    """Without a notifier nothing is tried, so nothing backs off or parks."""
    kit = RepairKit(storage=storage_factory(), clock=clock)
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
    _requests_to(kit, couple, 2)
    assert len(kit.outbox.pending()) == 2
    assert kit.outbox.deliver_pending() == 0
    assert kit.outbox.parked() == []


def test_an_app_that_pulls_is_handed_nothing_held_and_nothing_for_a_partner_who_left(
    storage_factory, clock
):
    """Pulling follows the holds: quiet hours hold, and leaving ends what waited for good."""
    kit = RepairKit(storage=storage_factory(), clock=clock)  # no notifier: the app pulls
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
    now = clock.now().time()
    quiet = QuietHours(starts=now, ends=(clock.now() + timedelta(hours=2)).time())
    kit.relationships.set_quiet_hours(couple.id, actor="ben", quiet_hours=quiet)
    _requests_to(kit, couple, 1)  # to ben, inside his quiet hours
    assert kit.outbox.pending() == []  # held: nothing to hand out yet
    assert [n.recipient for n in kit.outbox.waiting()] == ["ben"]  # it waits
    kit.relationships.leave(couple.id, actor="ben")
    (farewell,) = kit.outbox.pending()  # ana's one sentence goes out at once
    assert farewell.recipient == "ana"
    assert farewell.kind is RelationshipNotice.PARTNER_LEFT
    assert kit.outbox.waiting() == [farewell]  # the request's notice left the outbox for good
    clock.advance(timedelta(hours=3))  # his quiet hours over: still nothing for ben
    assert kit.outbox.pending() == [farewell]
    assert kit.outbox.parked() == []
