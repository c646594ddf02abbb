"""The one place workflows are registered: add a line here for a new workflow package."""

from __future__ import annotations

from typing import Final

from repairkit.accountability.spec import ACCOUNTABILITY
from repairkit.agenda.spec import AGENDA
from repairkit.assignments.spec import ASSIGNMENTS
from repairkit.boundaries.spec import BOUNDARIES
from repairkit.checkins.spec import SCHEDULES
from repairkit.connectionlog.spec import LOG, LOG_REVIEWS
from repairkit.core.spec import Registry
from repairkit.crossings.spec import CROSSINGS
from repairkit.facilitators.spec import FACILITATORS
from repairkit.goals.spec import GOALS
from repairkit.microresponses.spec import MICRO_RESPONSE_REMINDERS, MICRO_RESPONSES
from repairkit.observations.spec import OBSERVATIONS
from repairkit.preparations.spec import PREPARATIONS
from repairkit.repairs.spec import REPAIRS
from repairkit.requests.spec import REQUESTS
from repairkit.sessions.spec import SESSIONS
from repairkit.talks.spec import TALKS
from repairkit.therapy.spec import THERAPY_PLANS
from repairkit.timeouts.spec import TIMEOUTS
from repairkit.triggers.spec import PAUSES, TRIGGERS

__all__ = ["WORKFLOWS"]

WORKFLOWS: Final = Registry(
    REQUESTS,
    TIMEOUTS,
    BOUNDARIES,
    CROSSINGS,
    TALKS,
    OBSERVATIONS,
    GOALS,
    TRIGGERS,
    PAUSES,
    SCHEDULES,
    SESSIONS,
    AGENDA,
    PREPARATIONS,
    FACILITATORS,
    REPAIRS,
    ACCOUNTABILITY,
    LOG,
    LOG_REVIEWS,
    MICRO_RESPONSES,
    MICRO_RESPONSE_REMINDERS,
    THERAPY_PLANS,
    ASSIGNMENTS,
)
"""Every workflow repairkit ships (the relationship is always included)."""
