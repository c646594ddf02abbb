"""Delivering notifications on the kit: the outbox, retries, parking, pauses, quiet hours.

A notification for a partner who paused, or who is inside their quiet hours, is
held: it stays in the outbox, is not tried and counts no attempt, and goes out
once they come back, or their quiet hours end.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence

from repairkit._pipeline import Pipeline
from repairkit.core.notices import Notification
from repairkit.core.values import check_ids, check_limit

__all__ = ["Delivery"]

log = logging.getLogger("repairkit")


class Delivery(Pipeline):
    """Mixed into `RepairKit`: the outbox, seen from the app."""

    def deliver_pending(self, *, limit: int = 100) -> int:
        """Try again to deliver what the outbox holds and is due; return how many went out.

        A notification the notifier refuses waits longer after each failed attempt
        (`DeliveryPolicy`), so it never holds back anyone else's; after the last
        attempt it is parked (`parked_notifications`, `retry_parked`).
        """
        limit = check_limit(limit)
        if self.notifier is None:
            return 0
        return self._deliver(self.storage.pending_notifications(limit=limit, due_by=self.now()))

    def pending_notifications(self, *, limit: int = 100) -> list[Notification]:
        """Return notifications neither delivered nor parked, oldest first (for apps that pull)."""
        return self.storage.pending_notifications(limit=check_limit(limit))

    def mark_delivered(self, notification_ids: Sequence[uuid.UUID]) -> None:
        """Confirm that the app delivered these notifications itself."""
        ids = check_ids(notification_ids, "notification_ids")
        self.storage.mark_delivered(ids, self.now())

    def parked_notifications(self, *, limit: int = 100) -> list[Notification]:
        """Return notifications parked after too many failed attempts, oldest first."""
        return self.storage.parked_notifications(limit=check_limit(limit))

    def retry_parked(self, notification_ids: Sequence[uuid.UUID]) -> None:
        """Queue parked notifications again (for example once a channel works again)."""
        ids = check_ids(notification_ids, "notification_ids")
        self.storage.requeue(ids, self.now())
