"""The check-in schedule's events, each with its stable tag ("schedule.agreed").

Events carry no times and no names besides the actor: the schedule itself holds the
agreed rhythm, which only its two partners may read. The timer's event names no one.
"""

from __future__ import annotations

import attrs

from repairkit.core.events import DomainEvent
from repairkit.core.leaving import ClosedByLeaving

__all__ = [
    "SCHEDULE_EVENTS",
    "CheckInHeld",
    "CheckInTimePassed",
    "ScheduleAgreed",
    "ScheduleChangeAgreed",
    "ScheduleChangeProposed",
    "ScheduleChangeWithdrawn",
    "ScheduleClosedByLeaving",
    "ScheduleCurrentKept",
    "ScheduleDeclined",
    "ScheduleEnded",
    "ScheduleMoveAgreed",
    "ScheduleMoveProposed",
    "ScheduleMoveWithdrawn",
    "ScheduleProposed",
    "ScheduleWithdrawn",
    "SessionSkipped",
]


@attrs.frozen(kw_only=True)
class ScheduleProposed(DomainEvent):
    """A partner proposed a recurring check-in time to the other."""

    TAG = "schedule.proposed"


@attrs.frozen(kw_only=True)
class ScheduleAgreed(DomainEvent):
    """Both agreed: the check-ins are scheduled."""

    TAG = "schedule.agreed"


@attrs.frozen(kw_only=True)
class ScheduleDeclined(DomainEvent):
    """The partner asked said no: neutral, counted nowhere."""

    TAG = "schedule.declined"


@attrs.frozen(kw_only=True)
class ScheduleWithdrawn(DomainEvent):
    """The proposer took the proposal back before an answer."""

    TAG = "schedule.withdrawn"


@attrs.frozen(kw_only=True)
class ScheduleChangeProposed(DomainEvent):
    """A partner proposed a new rhythm; the agreed one holds until the other agrees."""

    TAG = "schedule.change_proposed"


@attrs.frozen(kw_only=True)
class ScheduleChangeAgreed(DomainEvent):
    """Both agreed to the new rhythm: it holds now."""

    TAG = "schedule.change_agreed"


@attrs.frozen(kw_only=True)
class ScheduleMoveProposed(DomainEvent):
    """A partner proposed moving the next session to another time."""

    TAG = "schedule.move_proposed"


@attrs.frozen(kw_only=True)
class ScheduleMoveAgreed(DomainEvent):
    """Both agreed: the next session takes place at the new time."""

    TAG = "schedule.move_agreed"


@attrs.frozen(kw_only=True)
class ScheduleCurrentKept(DomainEvent):
    """The partner asked said no to a suggested time: neutral; the schedule stays as agreed."""

    TAG = "schedule.current_kept"


@attrs.frozen(kw_only=True)
class ScheduleChangeWithdrawn(DomainEvent):
    """The partner who proposed a new rhythm took it back before an answer: nothing changed."""

    TAG = "schedule.change_withdrawn"


@attrs.frozen(kw_only=True)
class ScheduleMoveWithdrawn(DomainEvent):
    """The partner who proposed moving the next session took it back: nothing changed."""

    TAG = "schedule.move_withdrawn"


@attrs.frozen(kw_only=True)
class SessionSkipped(DomainEvent):
    """A partner set the next session aside ("not this week"): neutral, counted nowhere."""

    TAG = "schedule.skipped"


@attrs.frozen(kw_only=True)
class ScheduleEnded(DomainEvent):
    """A partner stopped the schedule, alone and at once."""

    TAG = "schedule.ended"


@attrs.frozen(kw_only=True)
class CheckInHeld(DomainEvent):
    """A session was opened for the next check-in: it is held (recorded by repairkit)."""

    TAG = "schedule.held"


@attrs.frozen(kw_only=True)
class CheckInTimePassed(DomainEvent):
    """A check-in time passed; the schedule moved on to the next one (recorded by repairkit)."""

    TAG = "schedule.time_passed"

    missed: bool = False
    """Whether no session was opened for it by the end of its time, and it was not set
    aside: the check-in was missed. It names no one."""


@attrs.frozen(kw_only=True)
class ScheduleClosedByLeaving(ClosedByLeaving):
    """A partner left the relationship: the schedule was closed, neutrally, for both."""

    TAG = "schedule.closed_by_leaving"


SCHEDULE_EVENTS: tuple[type[DomainEvent], ...] = (
    ScheduleProposed,
    ScheduleAgreed,
    ScheduleDeclined,
    ScheduleWithdrawn,
    ScheduleChangeProposed,
    ScheduleChangeAgreed,
    ScheduleMoveProposed,
    ScheduleMoveAgreed,
    ScheduleCurrentKept,
    ScheduleChangeWithdrawn,
    ScheduleMoveWithdrawn,
    SessionSkipped,
    ScheduleEnded,
    CheckInHeld,
    CheckInTimePassed,
)
"""Every event type the check-in schedule records (closing by leaving comes from its row)."""
