"""The check-in schedule's declaration: the one thing the registry imports."""

from __future__ import annotations

from repairkit.checkins.commands import CheckInCommands
from repairkit.checkins.events import SCHEDULE_EVENTS
from repairkit.checkins.model import CheckInSchedule
from repairkit.checkins.notices import SCHEDULE_NOTICES, ScheduleNotice
from repairkit.checkins.rules import CheckInRules
from repairkit.checkins.safety import SCHEDULE_SAFETY
from repairkit.checkins.table import SCHEDULE_WORKFLOW
from repairkit.core.personal import PersonalData
from repairkit.core.spec import WorkflowSpec

__all__ = ["SCHEDULES"]

SCHEDULES = WorkflowSpec(
    name="schedule",
    personal=PersonalData(texts={"suggestion": "by", "note": None}),
    entity=CheckInSchedule,
    workflow=SCHEDULE_WORKFLOW,
    events=SCHEDULE_EVENTS,
    notices=SCHEDULE_NOTICES,
    notice_kinds=ScheduleNotice,
    summary=(
        "The couple's regular check-in time (Gottman's \"State of the Union\": about an"
        " hour, once a week). Either partner proposes the recurring time; it holds once"
        " the other agrees (a no is neutral and never counted). A new rhythm, or another"
        " time for the next session, holds only once the other agrees, the agreed times"
        ' holding meanwhile. Either partner alone sets the next session aside ("not this'
        " week\"), counted nowhere, or stops the schedule at once. When a session's time"
        " has passed, repairkit moves on to the next, naming no one. The agreed schedule"
        " exports as iCalendar."
    ),
    rules=CheckInRules,
    namespace="checkins",
    commands=CheckInCommands,
    safety=SCHEDULE_SAFETY,
)
"""The check-in schedule workflow, as the registry knows it."""
