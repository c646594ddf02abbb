"""The check-in schedule: the couple's regular check-in time, agreed by both, stopped by either."""

from repairkit.checkins.calendar import CalendarUnavailable
from repairkit.checkins.commands import CheckInCommands
from repairkit.checkins.events import (
    CheckInTimePassed,
    ScheduleAgreed,
    ScheduleChangeAgreed,
    ScheduleChangeProposed,
    ScheduleChangeWithdrawn,
    ScheduleClosedByLeaving,
    ScheduleCurrentKept,
    ScheduleDeclined,
    ScheduleEnded,
    ScheduleMoveAgreed,
    ScheduleMoveProposed,
    ScheduleMoveWithdrawn,
    ScheduleProposed,
    ScheduleWithdrawn,
    SessionSkipped,
)
from repairkit.checkins.model import CheckInSchedule
from repairkit.checkins.notices import ScheduleNotice
from repairkit.checkins.rhythm import Rhythm
from repairkit.checkins.rules import CheckInRules
from repairkit.checkins.spec import SCHEDULES
from repairkit.checkins.table import SCHEDULE_WORKFLOW, ScheduleState

__all__ = [
    "SCHEDULES",
    "SCHEDULE_WORKFLOW",
    "CalendarUnavailable",
    "CheckInCommands",
    "CheckInRules",
    "CheckInSchedule",
    "CheckInTimePassed",
    "Rhythm",
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
    "ScheduleNotice",
    "ScheduleProposed",
    "ScheduleState",
    "ScheduleWithdrawn",
    "SessionSkipped",
]
