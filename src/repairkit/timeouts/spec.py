"""The TimeOut workflow's declaration: the one thing the registry imports."""

from __future__ import annotations

from repairkit.core.personal import PersonalData
from repairkit.core.spec import WorkflowSpec
from repairkit.timeouts.commands import TimeOutCommands
from repairkit.timeouts.events import TIMEOUT_EVENTS
from repairkit.timeouts.model import TimeOut
from repairkit.timeouts.notices import TIMEOUT_NOTICES, TimeOutNotice
from repairkit.timeouts.rest import OPEN_CALLER, OPEN_STATES, resting, week_key
from repairkit.timeouts.rules import TimeOutRules
from repairkit.timeouts.safety import TIMEOUT_SAFETY
from repairkit.timeouts.table import TIMEOUT_WORKFLOW, TimeOutState

__all__ = ["TIMEOUTS"]


def _keys(timeout: TimeOut) -> tuple[tuple[str, str], ...]:
    """A time-out is found by who called it in which week, and by its caller while open.

    The caller key is kept only while the time-out is open, so that finding a person's
    open time-out never walks the ones they called over the years.
    """
    week = ("called_in_week", week_key(timeout.caller, timeout.started_at))
    if timeout.state.value in OPEN_STATES:
        return (week, (OPEN_CALLER, timeout.caller))
    return (week,)


def _one_at_a_time(timeout: TimeOut) -> str | None:
    """The place a time-out holds while open: its caller's (one open per caller)."""
    return timeout.caller if timeout.state.value in OPEN_STATES else None


TIMEOUTS = WorkflowSpec(
    name="timeout",
    personal=PersonalData(texts={"suggestion": "by"}),
    entity=TimeOut,
    workflow=TIMEOUT_WORKFLOW,
    events=TIMEOUT_EVENTS,
    notices=TIMEOUT_NOTICES,
    notice_kinds=TimeOutNotice,
    summary=(
        "A time-out in a heated talk. A partner calls it for themselves, never for the"
        " other, with a return time of at least 20 minutes; at that time both are told to"
        " check back. Only the caller may extend it, one step of the ladder at a time and"
        " never past 24 hours from the first call. Coming back, either resumes the talk or"
        " sets the topic aside for the next check-in; letting it go needs both. Unanswered at"
        " the ceiling, it lapses and the topic is set aside. Each person has one open at a"
        " time, and at most 48 hours of them in any 7 days; near that, or after several in a"
        " short while, both are told a third person could help. While a person is in their"
        " own time-out, nothing from the other reaches them but a check-back and the other's"
        " own time-out: the rest waits in the outbox until it ends."
    ),
    rules=TimeOutRules,
    namespace="timeouts",
    commands=TimeOutCommands,
    safety=TIMEOUT_SAFETY,
    agenda={
        TimeOutState.SET_ASIDE: "A time-out's topic set aside",
        TimeOutState.LAPSED: "A time-out's topic, kept when it reached its longest time",
    },
    keys=_keys,
    one_at_a_time=_one_at_a_time,
    holds=resting,
)
"""The TimeOut workflow, as the registry knows it."""
