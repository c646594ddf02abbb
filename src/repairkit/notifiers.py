"""Notifier adapters: record in memory, write to a logger, or call a function."""

from __future__ import annotations

import logging
from collections.abc import Callable

from repairkit.core.notices import Notification
from repairkit.core.values import PersonId

__all__ = ["CallbackNotifier", "LoggingNotifier", "MemoryNotifier"]


class MemoryNotifier:
    """Keeps every notification it receives, in order (handy in tests and demos)."""

    def __init__(self) -> None:
        self.received: list[Notification] = []

    def notify(self, notification: Notification) -> None:
        """Record *notification*."""
        self.received.append(notification)

    def for_person(self, person: PersonId) -> list[Notification]:
        """Return what *person* received, in order."""
        return [n for n in self.received if n.recipient == person]


class LoggingNotifier:
    """Writes one log line per notification: its kind and ids, never any free text."""

    def __init__(self, logger: logging.Logger | None = None, level: int = logging.INFO) -> None:
        self.logger = logger or logging.getLogger("repairkit.notifications")
        self.level = level

    def notify(self, notification: Notification) -> None:
        """Log that *notification* is ready for its recipient."""
        self.logger.log(
            self.level,
            "notification %s (%s) for %s about %s %s",
            notification.id,
            notification.kind,
            notification.recipient,
            notification.workflow,
            notification.subject_id,
        )


class CallbackNotifier:
    """Calls a function of the app's with each notification: ``CallbackNotifier(callback)``.

    ``callback(notification: Notification) -> object`` is called once per delivery
    attempt, after the commit, in the thread that delivers (``kit.outbox.deliver_pending``
    or the command's own delivery); what it returns is ignored. Raising leaves the
    notification pending, to be tried again later (docs/delivery.md), so a push service
    that is down loses nothing. ``notification.workflow`` and ``notification.subject_id``
    name the object to open on a tap; ``notification.message`` is repairkit's calm
    sentence in the recipient's language (``notification.language``).
    """

    def __init__(self, callback: Callable[[Notification], object]) -> None:
        self.callback = callback

    def notify(self, notification: Notification) -> None:
        """Pass *notification* to the callback; an exception leaves it pending."""
        self.callback(notification)
