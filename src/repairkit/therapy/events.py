"""The therapy plan's events, each with its stable tag ("therapy_plan.agreed").

Events carry no words: the hopes and the schedule live on the plan, which only the two
partners read. Writing one's hopes, and marking them ready before the other, are private
to the one who wrote them (`DomainEvent.private_to`): the other partner never reads such
an event, nor counts it, so nothing tells them that hopes were written, or when.
"""

from __future__ import annotations

import attrs

from repairkit.core.events import DomainEvent
from repairkit.core.leaving import ClosedByLeaving

__all__ = [
    "THERAPY_PLAN_EVENTS",
    "ChangeAgreed",
    "ChangeDeclined",
    "ChangeProposed",
    "ChangeWithdrawn",
    "HopesReady",
    "HopesRevealed",
    "HopesWritten",
    "PlanAgreed",
    "PlanClosedByLeaving",
    "PlanDeclined",
    "PlanFinished",
    "PlanPaused",
    "PlanProposed",
    "PlanResumed",
    "PlanSteppedBack",
    "PlanWithdrawn",
    "ResumeDeclined",
    "ResumeProposed",
    "ResumeWithdrawn",
    "SessionMissed",
]


@attrs.frozen(kw_only=True)
class PlanProposed(DomainEvent):
    """A partner proposed a therapy plan with the third person both invited."""

    TAG = "therapy_plan.proposed"


@attrs.frozen(kw_only=True)
class PlanAgreed(DomainEvent):
    """The other partner agreed: the plan goes ahead."""

    TAG = "therapy_plan.agreed"


@attrs.frozen(kw_only=True)
class PlanDeclined(DomainEvent):
    """The partner asked said no: neutral, counted nowhere."""

    TAG = "therapy_plan.declined"


@attrs.frozen(kw_only=True)
class PlanWithdrawn(DomainEvent):
    """The proposer took the proposal back before an answer."""

    TAG = "therapy_plan.withdrawn"


@attrs.frozen(kw_only=True)
class HopesWritten(DomainEvent):
    """A partner wrote (or rewrote) what they hope for: private to them."""

    TAG = "therapy_plan.hopes_written"


@attrs.frozen(kw_only=True)
class HopesReady(DomainEvent):
    """A partner set their hopes, before the other: private to them."""

    TAG = "therapy_plan.hopes_ready"


@attrs.frozen(kw_only=True)
class HopesRevealed(DomainEvent):
    """Both partners' hopes were set: they are revealed to both at the same moment."""

    TAG = "therapy_plan.hopes_revealed"


@attrs.frozen(kw_only=True)
class ChangeProposed(DomainEvent):
    """A partner proposed a change: a schedule, moving one session, or finishing."""

    TAG = "therapy_plan.change_proposed"

    change: str
    """What kind of change ("schedule", "reschedule", "finish")."""


@attrs.frozen(kw_only=True)
class ChangeAgreed(DomainEvent):
    """The other partner agreed to the change: it holds now."""

    TAG = "therapy_plan.change_agreed"

    change: str


@attrs.frozen(kw_only=True)
class ChangeDeclined(DomainEvent):
    """The partner asked said no to the change: neutral, and nothing changed."""

    TAG = "therapy_plan.change_declined"

    change: str


@attrs.frozen(kw_only=True)
class ChangeWithdrawn(DomainEvent):
    """The partner who proposed the change took it back before an answer: nothing changed."""

    TAG = "therapy_plan.change_withdrawn"

    change: str


@attrs.frozen(kw_only=True)
class PlanFinished(DomainEvent):
    """Both agreed to finish the plan."""

    TAG = "therapy_plan.finished"


@attrs.frozen(kw_only=True)
class SessionMissed(DomainEvent):
    """A past session was noted as missed: it names no one."""

    TAG = "therapy_plan.session_missed"

    session: int


@attrs.frozen(kw_only=True)
class PlanSteppedBack(DomainEvent):
    """A partner stepped back from the plan, alone: it ended for both."""

    TAG = "therapy_plan.stepped_back"


@attrs.frozen(kw_only=True)
class PlanPaused(DomainEvent):
    """The third person's part ended: the plan paused (repairkit's move)."""

    TAG = "therapy_plan.paused"


@attrs.frozen(kw_only=True)
class ResumeProposed(DomainEvent):
    """A partner proposed resuming the plan with a third person both invited."""

    TAG = "therapy_plan.resume_proposed"


@attrs.frozen(kw_only=True)
class PlanResumed(DomainEvent):
    """The other partner agreed: the plan goes ahead again."""

    TAG = "therapy_plan.resumed"


@attrs.frozen(kw_only=True)
class ResumeDeclined(DomainEvent):
    """The partner asked said no to resuming: neutral; the plan stays paused."""

    TAG = "therapy_plan.resume_declined"


@attrs.frozen(kw_only=True)
class ResumeWithdrawn(DomainEvent):
    """The partner who proposed resuming took it back before an answer: still paused."""

    TAG = "therapy_plan.resume_withdrawn"


@attrs.frozen(kw_only=True)
class PlanClosedByLeaving(ClosedByLeaving):
    """A partner left the relationship: the plan was closed, neutrally, for both."""

    TAG = "therapy_plan.closed_by_leaving"


THERAPY_PLAN_EVENTS: tuple[type[DomainEvent], ...] = (
    PlanProposed,
    HopesWritten,
    HopesReady,
    HopesRevealed,
    ChangeProposed,
    ChangeAgreed,
    PlanFinished,
    SessionMissed,
    ResumeProposed,
    PlanResumed,
)
"""The events no row of the table names (the rows add their own)."""
