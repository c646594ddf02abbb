"""The workflow-neutral core: values, the engine, events, notices, settings, the relationship.

The core imports no workflow package, no adapter and not the kit (import-linter
checks it). Each workflow builds on these pieces in its own package.
"""

from repairkit.core.engine import EITHER_PARTNER, REPAIRKIT, Move, Role, Workflow
from repairkit.core.entity import WorkflowObject
from repairkit.core.events import DomainEvent
from repairkit.core.notices import (
    QUIET,
    Notice,
    NoticeRule,
    Notification,
    Quiet,
    tell_audience,
    tell_everyone,
)
from repairkit.core.quiet import QuietHours
from repairkit.core.relationship import Relationship, RelationshipState
from repairkit.core.relationship_events import (
    RelationshipNotice,
    RelationshipStarted,
    SettingsChanged,
)
from repairkit.core.settings import RelationshipRules, RelationshipSettings, WorkflowRules, between
from repairkit.core.spec import RELATIONSHIP, Registry, SafetySpec, WorkflowSpec
from repairkit.core.timebox import Schedule, TimeBox
from repairkit.core.timers import Timer
from repairkit.core.values import SYSTEM, PersonId

__all__ = [
    "EITHER_PARTNER",
    "QUIET",
    "RELATIONSHIP",
    "REPAIRKIT",
    "SYSTEM",
    "DomainEvent",
    "Move",
    "Notice",
    "NoticeRule",
    "Notification",
    "PersonId",
    "Quiet",
    "QuietHours",
    "Registry",
    "Relationship",
    "RelationshipNotice",
    "RelationshipRules",
    "RelationshipSettings",
    "RelationshipStarted",
    "RelationshipState",
    "Role",
    "SafetySpec",
    "Schedule",
    "SettingsChanged",
    "TimeBox",
    "Timer",
    "Workflow",
    "WorkflowObject",
    "WorkflowRules",
    "WorkflowSpec",
    "between",
    "tell_audience",
    "tell_everyone",
]
