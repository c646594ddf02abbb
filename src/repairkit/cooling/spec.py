"""The CoolingOff workflow's declaration: the one thing the registry imports."""

from __future__ import annotations

from repairkit.cooling.commands import CoolingOffCommands
from repairkit.cooling.events import COOLING_OFF_EVENTS
from repairkit.cooling.model import CoolingOff
from repairkit.cooling.notices import COOLING_OFF_NOTICES, CoolingOffNotice
from repairkit.cooling.rules import CoolingOffRules
from repairkit.cooling.safety import COOLING_OFF_SAFETY
from repairkit.cooling.table import COOLING_OFF_WORKFLOW
from repairkit.core.spec import WorkflowSpec

__all__ = ["COOLING_OFFS"]


def _keys(timeout: CoolingOff) -> tuple[tuple[str, str], ...]:
    """A time-out is found by who called it."""
    return (("caller", timeout.caller),)


COOLING_OFFS = WorkflowSpec(
    name="timeout",
    entity=CoolingOff,
    workflow=COOLING_OFF_WORKFLOW,
    events=COOLING_OFF_EVENTS,
    notices=COOLING_OFF_NOTICES,
    notice_kinds=CoolingOffNotice,
    summary=(
        "A time-out in a heated talk. A partner calls it for themselves, never for the"
        " other, with a return time of at least 20 minutes; at that time both are told to"
        " check back. Only the caller may extend it, one step of the ladder at a time and"
        " never past 24 hours from the first call. Coming back, either resumes the talk or"
        " tables the topic for the next check-in; letting it go needs both. Unanswered at"
        " the ceiling, it lapses and the topic is tabled."
    ),
    rules=CoolingOffRules,
    namespace="timeouts",
    commands=CoolingOffCommands,
    safety=COOLING_OFF_SAFETY,
    keys=_keys,
)
"""The CoolingOff workflow, as the registry knows it."""
