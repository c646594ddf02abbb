"""repairkit: relationship-repair workflows for apps.

Start with `repairkit.open()` (in memory) or `repairkit.open("couple.db")`
(SQLite), then use the returned `RepairKit`. Each workflow's own names live in
its package (``repairkit.requests``); the pieces to build a workflow with live in
``repairkit.core``.
"""

from __future__ import annotations

from pathlib import Path

from repairkit.adapters.memory import MemoryStorage
from repairkit.adapters.postgres import PostgresStorage, is_postgres_url
from repairkit.adapters.sqlite import SQLiteStorage
from repairkit.clock import ManualClock, SystemClock
from repairkit.commands import Awaiting
from repairkit.core.delivery import DeliveryPolicy
from repairkit.core.events import DomainEvent
from repairkit.core.notices import Notification
from repairkit.core.quiet import QuietHours
from repairkit.core.relationship import Relationship, RelationshipState
from repairkit.core.relationship_events import (
    RelationshipNotice,
    RelationshipStarted,
    SettingsChanged,
)
from repairkit.core.settings import RelationshipRules, RelationshipSettings
from repairkit.core.spec import Registry, WorkflowSpec
from repairkit.core.timebox import Schedule, TimeBox
from repairkit.core.values import SYSTEM, PersonId
from repairkit.errors import (
    ConcurrencyConflict,
    CorruptData,
    InvalidInput,
    NotAllowedNow,
    NotFound,
    NotPermitted,
    RepairkitError,
    StorageError,
)
from repairkit.kit import RepairKit, check_plugs
from repairkit.notifiers import CallbackNotifier, LoggingNotifier, MemoryNotifier
from repairkit.ports import Change, Clock, Notifier, Saved, Storage, StoredObject
from repairkit.registry import WORKFLOWS

__all__ = [
    "SYSTEM",
    "WORKFLOWS",
    "Awaiting",
    "CallbackNotifier",
    "Change",
    "Clock",
    "ConcurrencyConflict",
    "CorruptData",
    "DeliveryPolicy",
    "DomainEvent",
    "InvalidInput",
    "LoggingNotifier",
    "ManualClock",
    "MemoryNotifier",
    "MemoryStorage",
    "NotAllowedNow",
    "NotFound",
    "NotPermitted",
    "Notification",
    "Notifier",
    "PersonId",
    "PostgresStorage",
    "QuietHours",
    "Registry",
    "Relationship",
    "RelationshipNotice",
    "RelationshipRules",
    "RelationshipSettings",
    "RelationshipStarted",
    "RelationshipState",
    "RepairKit",
    "RepairkitError",
    "SQLiteStorage",
    "Saved",
    "Schedule",
    "SettingsChanged",
    "Storage",
    "StorageError",
    "StoredObject",
    "SystemClock",
    "TimeBox",
    "WorkflowSpec",
    "open",
]


def open(
    path: str | Path | None = None,
    *,
    clock: Clock | None = None,
    notifier: Notifier | None = None,
    workflows: Registry = WORKFLOWS,
    delivery: DeliveryPolicy | None = None,
) -> RepairKit:
    """Return a `RepairKit` on SQLite at *path* (created if missing), PostgreSQL, or in memory.

    Args:
        path: A SQLite file, or a ``postgresql://`` URL (needs ``repairkit[postgres]``);
            omitted, everything is kept in memory.
        clock: Tells the time; the system clock (UTC) when omitted.
        notifier: What the app hears; when omitted notifications wait in the outbox.
        workflows: The workflows to run; those repairkit ships when omitted.
        delivery: How refused notifications are retried and parked; the defaults when omitted.
    """
    check_plugs(clock=clock, notifier=notifier, workflows=workflows, delivery=delivery)  # first
    storage: Storage
    if path is None:
        storage = MemoryStorage(workflows=workflows)
    elif is_postgres_url(path):
        storage = PostgresStorage(str(path), workflows=workflows)
    else:
        storage = SQLiteStorage(path, workflows=workflows)
    return RepairKit(
        storage=storage,
        clock=clock,
        notifier=notifier,
        workflows=workflows,
        delivery=delivery if delivery is not None else DeliveryPolicy(),
    )
