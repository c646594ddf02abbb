"""The service layer: `RepairKit`, the facade apps use.

Every command runs the same way: load, check the actor and the rule, apply,
then save the new state, the domain event and the outgoing notifications in
ONE storage transaction, and only then deliver the notifications. A command
that raises has written nothing.
"""

from __future__ import annotations

import logging
from typing import Self

from repairkit._delivery import Delivery
from repairkit._relationships import RelationshipCommands
from repairkit._timers import Timers
from repairkit.adapters.memory import MemoryStorage
from repairkit.boundaries import BoundaryCommands
from repairkit.clock import SystemClock
from repairkit.cooling import CoolingOffCommands
from repairkit.core.delivery import DEFAULT_DELIVERY, DeliveryPolicy
from repairkit.core.spec import Registry
from repairkit.crossings import CrossingCommands
from repairkit.errors import InvalidInput
from repairkit.ports import Clock, Notifier, Storage
from repairkit.registry import WORKFLOWS
from repairkit.requests import RequestCommands
from repairkit.talks import TalkCommands

__all__ = ["RepairKit", "check_plugs"]

log = logging.getLogger("repairkit")


_STORAGE_METHODS = (
    "load",
    "load_all",
    "commit",
    "events",
    "relationship_events",
    "due",
    "claim_due",
    "next_due",
    "release",
    "pending_notifications",
    "parked_notifications",
    "mark_delivered",
    "record_failed_attempts",
    "requeue",
    "close",
)


def _check_plug(plug: object, field: str, methods: tuple[str, ...]) -> None:
    """Refuse a plug-in (storage, notifier, clock) that lacks a method of its Protocol."""
    if plug is None:
        return
    missing = [m for m in methods if not callable(getattr(plug, m, None))]
    if missing:
        raise InvalidInput(field, f"does not fit its Protocol; it lacks {', '.join(missing)}().")


def check_plugs(*, clock: object = None, notifier: object = None) -> None:
    """Raise `InvalidInput` unless *clock* and *notifier* (when given) fit their Protocols."""
    _check_plug(clock, "clock", ("now",))
    _check_plug(notifier, "notifier", ("notify",))


class RepairKit(RelationshipCommands, Delivery, Timers):
    """Relationship-repair workflows over a storage, a notifier and a clock.

    Each registered workflow's commands are an attribute named by its spec's
    ``namespace`` (``kit.requests``), declared below with its type.

    Args:
        storage: Where everything is kept; in memory when omitted.
        notifier: What the app hears. When omitted, notifications wait in the
            outbox: read them with `pending_notifications` and confirm them
            with `mark_delivered`.
        clock: Tells the time; the system clock (UTC) when omitted.
        workflows: The workflows it runs; those repairkit ships when omitted. A
            storage passed in must have been made with the same registry.
        delivery: How a notification the notifier refused is retried, and when it
            is parked (`DeliveryPolicy`; repairkit's defaults when omitted).
    """

    requests: RequestCommands
    """Commands and queries of the Request workflow."""
    timeouts: CoolingOffCommands
    """Commands and queries of the CoolingOff workflow (time-outs)."""
    boundaries: BoundaryCommands
    """Commands and queries of the Boundary workflow."""
    crossings: CrossingCommands
    """Commands and queries of the Crossing workflow (boundaries crossed)."""
    talks: TalkCommands
    """Commands and queries of the Talk workflow (the discussion timer)."""

    def __init__(
        self,
        *,
        storage: Storage | None = None,
        notifier: Notifier | None = None,
        clock: Clock | None = None,
        workflows: Registry = WORKFLOWS,
        delivery: DeliveryPolicy = DEFAULT_DELIVERY,
    ) -> None:
        _check_plug(storage, "storage", _STORAGE_METHODS)
        _check_plug(notifier, "notifier", ("notify",))
        _check_plug(clock, "clock", ("now",))
        if not isinstance(workflows, Registry):
            raise InvalidInput("workflows", "needs a repairkit Registry (repairkit.WORKFLOWS).")
        if not isinstance(delivery, DeliveryPolicy):
            raise InvalidInput("delivery", "needs a DeliveryPolicy.")
        self.workflows = workflows
        self.delivery = delivery
        self.storage: Storage = (
            storage if storage is not None else MemoryStorage(workflows=workflows)
        )
        stored = getattr(self.storage, "workflows", workflows)
        if stored is not workflows:
            msg = (
                "The storage was made for other workflows than this kit's; pass the same registry."
            )
            raise TypeError(msg)
        self.notifier = notifier
        self.clock: Clock = clock if clock is not None else SystemClock()
        for spec in workflows:
            if spec.namespace is not None and spec.commands is not None:
                setattr(self, spec.namespace, spec.commands(self))

    # -- lifecycle ---------------------------------------------------------------

    def close(self) -> None:
        """Release the storage."""
        self.storage.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
