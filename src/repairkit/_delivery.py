"""Delivering notifications: the courier behind every command, and the outbox (`kit.outbox`).

A notification for a partner who paused, who is inside their quiet hours, or who
rests in a workflow that holds what reaches them (their own time-out:
`WorkflowSpec.holds`) is held: it stays in the outbox, is not tried and counts no
attempt, and goes out once they come back, their quiet hours end, or their rest ends.

In a relationship that is over (a partner left), only what tells of that end goes out
(`ENDING_NOTICES`: the remaining partner's one sentence); anything else still waiting
leaves the outbox for good (`Storage.discard_notifications`), so nothing more reaches
the person who left, and no app that pulls (`kit.outbox.pending`) is handed it.

The outbox keeps what repairkit wrote, in English; a notification is said in its
recipient's language (`repairkit.i18n.Languages`) as it is handed over, so the language
a person reads at that moment applies. `waiting` and `parked` show the English kept.

A dead channel never holds up healthy ones: once a recipient's notification is
refused in a call, their others are left for a later call, and the outbox reads
on past them, so the notifications of everyone else still go out in the same call.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from repairkit.core.delivery import DeliveryPolicy
from repairkit.core.notices import Notification
from repairkit.core.relationship import Relationship
from repairkit.core.relationship_events import RelationshipNotice
from repairkit.core.values import MAX_LIMIT, check_ids, check_limit
from repairkit.errors import RepairkitError
from repairkit.i18n import Languages
from repairkit.ports import Notifier

if TYPE_CHECKING:
    from repairkit._pipeline import Runner

__all__ = ["ENDING_NOTICES", "Courier", "Outbox"]

log = logging.getLogger("repairkit")

ENDING_NOTICES = frozenset({RelationshipNotice.PARTNER_LEFT})
"""What still goes out in a relationship that is no longer active: the news of its end."""


@attrs.define
class _Round:
    """What one delivery call did so far."""

    delivered: int = 0
    tried: int = 0
    refused: set[str] = attrs.Factory(set)
    """Recipients whose notification the notifier refused in this call."""
    untried: list[uuid.UUID] = attrs.Factory(list)
    """Notifications read but left for a later call (their recipient's channel failed)."""


class Courier:
    """Hands notifications to the notifier, holds those nobody may get now, records the outcome."""

    def __init__(
        self,
        runner: Runner,
        notifier: Notifier | None,
        policy: DeliveryPolicy,
        languages: Languages,
    ) -> None:
        self._runner = runner
        self.notifier = notifier
        self.policy = policy
        self.languages = languages
        """The language each recipient reads: a notification is said in it as it goes out."""
        self._over: set[uuid.UUID] = set()
        """Relationships seen over (left, declined, withdrawn): none is ever active again."""

    def send(self, notes: Sequence[Notification]) -> int:
        """Deliver *notes* (held ones left waiting); return how many went out."""
        if self.notifier is None:
            return 0
        state = _Round()
        self._hand_over(self._not_held(notes), state)
        return state.delivered

    def _hand_over(self, notes: Sequence[Notification], state: _Round) -> None:
        """Give *notes* to the notifier, but none more to a recipient it refused in *state*."""
        assert self.notifier is not None  # noqa: S101 - callers check
        delivered: list[uuid.UUID] = []
        failed: list[uuid.UUID] = []
        for note in notes:
            if note.recipient in state.refused:
                state.untried.append(note.id)  # their channel failed a moment ago
                continue
            state.tried += 1
            try:
                self.notifier.notify(self.in_their_language(note))
            except Exception as error:  # noqa: BLE001 - any notifier failure leaves it pending
                # The error's type only: its message might quote what a partner wrote.
                log.warning(
                    "notification %s (%s) could not be delivered (%s); it stays pending",
                    note.id,
                    note.kind,
                    type(error).__name__,
                )
                failed.append(note.id)
                state.refused.add(note.recipient)
                continue
            delivered.append(note.id)
        self._record(delivered, failed)
        state.delivered += len(delivered)

    def in_their_language(self, note: Notification) -> Notification:
        """Return *note* said in its recipient's language now (the outbox keeps the English)."""
        said = self.languages.say(note.kind.value, note.message, self.languages.of(note.recipient))
        if (said.text, said.language) == (note.message, note.language):
            return note
        return attrs.evolve(note, message=said.text, language=said.language)

    def deliver_due(self, limit: int) -> int:
        """Deliver up to *limit* due notifications, reading on past recipients that fail."""
        if self.notifier is None:
            return 0
        state = _Round()
        storage = self._runner.storage
        seen: set[uuid.UUID] = set()
        while state.tried < limit:
            asked = min(len(seen) + limit, MAX_LIMIT)
            batch = storage.pending_notifications(limit=asked, due_by=self._runner.now())
            new = [note for note in batch if note.id not in seen]
            if not new:
                break
            seen.update(note.id for note in new)
            sendable = self._not_held(new)
            room = limit - state.tried
            state.untried.extend(note.id for note in sendable[room:])
            self._hand_over(sendable[:room], state)
            if len(batch) < asked:
                break  # the outbox holds nothing more that is due
        if state.untried:
            self._release(state.untried)
        return state.delivered

    def _not_held(self, notes: Sequence[Notification]) -> list[Notification]:
        """Return *notes* less those held (paused, quiet hours, a rest, over); release those."""
        now = self._runner.now()
        unreachable: dict[uuid.UUID, frozenset[str]] = {}
        resting: dict[tuple[uuid.UUID, str], frozenset[str] | None] = {}
        kept: list[Notification] = []
        ended: list[uuid.UUID] = []
        for note in notes:
            if note.relationship_id not in unreachable:
                unreachable[note.relationship_id] = self._unreachable(note.relationship_id, now)
            if note.relationship_id in self._over and note.kind not in ENDING_NOTICES:
                ended.append(note.id)  # never to go out: out of the outbox for good
                continue
            if note.recipient in unreachable[note.relationship_id]:
                continue
            if note.kind in ENDING_NOTICES:
                kept.append(note)
                continue
            who = (note.relationship_id, note.recipient)
            if who not in resting:
                resting[who] = self._resting(*who, now)
            lets_through = resting[who]
            if lets_through is None or note.kind.value in lets_through:
                kept.append(note)
        if ended:
            self._discard(ended)
        if len(kept) + len(ended) < len(notes):
            self._release(list({n.id for n in notes} - {n.id for n in kept} - set(ended)))
        return kept

    def sendable(self, limit: int) -> list[Notification]:
        """Return up to *limit* pending notifications that may go out now, oldest first.

        For apps that pull: what is held (a pause, quiet hours, a rest) is left out and
        read past, as `deliver_due` does; what can never go out leaves the outbox.
        """
        storage = self._runner.storage
        found: list[Notification] = []
        asked = limit
        while len(found) < limit:
            batch = storage.pending_notifications(limit=asked)
            found = self._not_held(batch)[:limit]
            if len(batch) < asked or asked >= MAX_LIMIT:
                break  # the outbox holds nothing more
            asked = min(asked * 2, MAX_LIMIT)
        return found

    def _discard(self, ids: list[uuid.UUID]) -> None:
        """Take notifications of a relationship that is over out of the outbox."""
        try:
            self._runner.storage.discard_notifications(ids)
        except RepairkitError as error:  # they stay held, and are never handed out
            log.warning("%d ended notification(s) stay held (%s)", len(ids), type(error).__name__)

    def _unreachable(self, relationship_id: uuid.UUID, now: datetime) -> frozenset[str]:
        """Return the partners nothing is delivered to at *now*: paused, or in quiet hours.

        Notes the relationship in `_over` once it is over (only `ENDING_NOTICES` go out).
        """
        try:
            relationship = self._runner.storage.load(Relationship, relationship_id)
        except RepairkitError:
            return frozenset()
        if relationship.is_over:
            self._over.add(relationship_id)
        return frozenset(
            (
                *relationship.paused,
                *(person for person, hours in relationship.quiet_hours if hours.contains(now)),
            )
        )

    def _resting(
        self, relationship_id: uuid.UUID, person: str, now: datetime
    ) -> frozenset[str] | None:
        """Return what still reaches *person* while a workflow holds theirs (None: all)."""
        storage = self._runner.storage
        lets_through: frozenset[str] | None = None
        for spec in self._runner.workflows:
            if spec.holds is None:
                continue
            try:
                kinds = spec.holds(storage, relationship_id, person, now)
            except RepairkitError:
                continue
            if kinds is not None:
                lets_through = kinds if lets_through is None else lets_through & kinds
        return lets_through

    def _release(self, ids: list[uuid.UUID]) -> None:
        """Hand back notifications read but not tried (a storage that claims them)."""
        try:
            self._runner.storage.release(ids)
        except RepairkitError as error:  # the command itself has succeeded
            log.warning("%d held notification(s) stay claimed (%s)", len(ids), type(error).__name__)

    def _record(self, delivered: list[uuid.UUID], failed: list[uuid.UUID]) -> None:
        storage = self._runner.storage
        if failed:
            try:
                storage.record_failed_attempts(failed, self._runner.now(), self.policy)
            except Exception as error:  # noqa: BLE001 - the command itself has succeeded
                log.warning(
                    "%d failed attempt(s) could not be recorded (%s); they are tried again",
                    len(failed),
                    type(error).__name__,
                )
        if delivered:
            try:
                storage.mark_delivered(delivered, self._runner.now())
            except Exception as error:  # noqa: BLE001 - the command itself has succeeded
                # They went out but stay pending: a retry delivers them again, and their
                # stable ids let receivers drop the repeat.
                log.warning(
                    "%d delivered notification(s) could not be marked delivered (%s)",
                    len(delivered),
                    type(error).__name__,
                )


class Outbox:
    """The notification outbox, reached as ``kit.outbox``.

    Notifications are written with the command that caused them, and delivered
    after it commits. What the notifier refused waits longer after each failed
    attempt (`DeliveryPolicy`) and is parked after the last; apps without a
    notifier read them with `pending` and confirm them with `mark_delivered`.
    """

    def __init__(self, runner: Runner) -> None:
        self._runner = runner

    def deliver_pending(self, *, limit: int = 100) -> int:
        """Try again to deliver what the outbox holds and is due; return how many went out.

        At most *limit* notifications are tried. A notification the notifier refuses
        waits longer after each failed attempt, so it never holds back anyone else's:
        once a recipient's is refused, their others wait for a later call and the
        rest still go out now. After the last attempt it is parked (`parked`,
        `retry_parked`).
        """
        limit = check_limit(limit)
        self._runner.storage  # noqa: B018 - a closed kit raises Closed, with or without notifier
        return self._runner.courier.deliver_due(limit)

    def pending(self, *, limit: int = 100) -> list[Notification]:
        """Return up to *limit* notifications that may go out now, oldest first (apps that pull).

        Neither delivered nor parked, and not held: what waits for a partner who paused,
        is inside their quiet hours or rests in their own time-out is left out until it
        may go out, as `deliver_pending` leaves it; nothing more is handed out for a
        partner who left. Each is said in its recipient's language, as a notifier hears it.
        """
        limit = check_limit(limit)
        self._runner.storage  # noqa: B018 - a closed kit raises Closed
        courier = self._runner.courier
        return [courier.in_their_language(note) for note in courier.sendable(limit)]

    def waiting(self, *, limit: int = 100) -> list[Notification]:
        """Return notifications neither delivered nor parked, held ones included, oldest first.

        To look at what the outbox holds (what waits for a partner's quiet hours, pause
        or rest is among it), never to deliver: an app that pulls delivers `pending`.
        """
        return self._runner.storage.pending_notifications(limit=check_limit(limit))

    def mark_delivered(self, notification_ids: Sequence[uuid.UUID]) -> None:
        """Confirm that the app delivered these notifications itself."""
        ids = check_ids(notification_ids, "notification_ids")
        self._runner.storage.mark_delivered(ids, self._runner.now())

    def parked(self, *, limit: int = 100) -> list[Notification]:
        """Return notifications parked after too many failed attempts, oldest first."""
        return self._runner.storage.parked_notifications(limit=check_limit(limit))

    def retry_parked(self, notification_ids: Sequence[uuid.UUID]) -> None:
        """Queue parked notifications again (for example once a channel works again)."""
        ids = check_ids(notification_ids, "notification_ids")
        self._runner.storage.requeue(ids, self._runner.now())
