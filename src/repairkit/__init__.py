"""repairkit: relationship-repair workflows for apps.

Start with `repairkit.open()` (in memory) or `repairkit.open("couple.db")`
(SQLite), then use the returned `RepairKit`.
"""

from __future__ import annotations

from pathlib import Path

from repairkit.adapters.memory import MemoryStorage
from repairkit.adapters.sqlite import SQLiteStorage
from repairkit.clock import ManualClock, SystemClock
from repairkit.domain.events import (
    AlternativeProposed,
    CompletionReason,
    DomainEvent,
    EndingProposed,
    FollowThroughRecorded,
    KeptGoing,
    NegotiationResumed,
    RelationshipStarted,
    RequestAccepted,
    RequestCompleted,
    RequestDeclined,
    RequestDrafted,
    RequestProposed,
    RequestRevised,
    RequestWithdrawn,
    SettingsChanged,
)
from repairkit.domain.history import Agreement, Answer, Occurrence, RequestHistory
from repairkit.domain.notifications import Notification, NotificationKind
from repairkit.domain.relationship import Relationship, RelationshipState
from repairkit.domain.request import REQUEST_WORKFLOW, Offer, Request, RequestState
from repairkit.domain.settings import RelationshipSettings, RequestRules
from repairkit.domain.values import SYSTEM, PersonId, TimeBox
from repairkit.domain.workflow import Move, Role, Workflow
from repairkit.errors import (
    ConcurrencyConflict,
    InvalidInput,
    NotAllowedNow,
    NotFound,
    NotPermitted,
    RepairkitError,
    StorageError,
)
from repairkit.notifiers import CallbackNotifier, LoggingNotifier, MemoryNotifier
from repairkit.ports import Change, Clock, Notifier, Saved, Storage
from repairkit.service import RepairKit, RequestCommands

__all__ = [
    "REQUEST_WORKFLOW",
    "SYSTEM",
    "Agreement",
    "AlternativeProposed",
    "Answer",
    "CallbackNotifier",
    "Change",
    "Clock",
    "CompletionReason",
    "ConcurrencyConflict",
    "DomainEvent",
    "EndingProposed",
    "FollowThroughRecorded",
    "InvalidInput",
    "KeptGoing",
    "LoggingNotifier",
    "ManualClock",
    "MemoryNotifier",
    "MemoryStorage",
    "Move",
    "NegotiationResumed",
    "NotAllowedNow",
    "NotFound",
    "NotPermitted",
    "Notification",
    "NotificationKind",
    "Notifier",
    "Occurrence",
    "Offer",
    "PersonId",
    "Relationship",
    "RelationshipSettings",
    "RelationshipStarted",
    "RelationshipState",
    "RepairKit",
    "RepairkitError",
    "Request",
    "RequestAccepted",
    "RequestCommands",
    "RequestCompleted",
    "RequestDeclined",
    "RequestDrafted",
    "RequestHistory",
    "RequestProposed",
    "RequestRevised",
    "RequestRules",
    "RequestState",
    "RequestWithdrawn",
    "Role",
    "SQLiteStorage",
    "Saved",
    "SettingsChanged",
    "Storage",
    "StorageError",
    "SystemClock",
    "TimeBox",
    "Workflow",
    "open",
]


def open(
    path: str | Path | None = None,
    *,
    clock: Clock | None = None,
    notifier: Notifier | None = None,
) -> RepairKit:
    """Return a `RepairKit` on SQLite at *path* (created if missing), or in memory.

    Args:
        path: A SQLite file; omitted, everything is kept in memory.
        clock: Tells the time; the system clock (UTC) when omitted.
        notifier: What the app hears; when omitted notifications wait in the outbox.
    """
    storage: Storage = MemoryStorage() if path is None else SQLiteStorage(path)
    return RepairKit(storage=storage, clock=clock, notifier=notifier)
