"""The micro-response's declaration: the one thing the registry imports."""

from __future__ import annotations

from collections.abc import Iterable

from repairkit.core.personal import PersonalData
from repairkit.core.progress import ProgressFigure, ProgressReads
from repairkit.core.spec import WorkflowSpec
from repairkit.microresponses.commands import REMINDER_OF, MicroResponseCommands, ReminderCommands
from repairkit.microresponses.events import MICRO_RESPONSE_EVENTS
from repairkit.microresponses.model import MicroResponse
from repairkit.microresponses.notices import MICRO_RESPONSE_NOTICES, MicroResponseNotice
from repairkit.microresponses.queries import GIVER_WEEK, TOLD_WEEK, keys_of
from repairkit.microresponses.reminders import (
    ON,
    REMINDER_EVENTS,
    REMINDER_NOTICES,
    REMINDER_WORKFLOW,
    Reminder,
    ReminderNotice,
)
from repairkit.microresponses.rules import MicroResponseRules
from repairkit.microresponses.safety import MICRO_RESPONSE_SAFETY, REMINDER_SAFETY
from repairkit.microresponses.table import COUNTED, MICRO_RESPONSE_WORKFLOW, MicroResponseState

__all__ = ["MICRO_RESPONSES", "MICRO_RESPONSE_REMINDERS"]


def _given(reads: ProgressReads) -> list[int | None]:
    """The reader's own micro-responses a week, told or kept (their count alone)."""
    counted = [state.value for state in COUNTED]
    return [
        len(reads.load_keyed(MicroResponse, GIVER_WEEK, f"{reads.reader}:{w.name}", states=counted))
        for w in reads.weeks
    ]


def _told(reads: ProgressReads) -> list[int | None]:
    """Both partners' told micro-responses a week, only while both agreed to couple totals."""
    if not reads.relationship.settings.of(MicroResponseRules).couple_totals:
        return [None] * len(reads.weeks)
    told = [MicroResponseState.TOLD.value]
    return [
        len(reads.load_keyed(MicroResponse, TOLD_WEEK, w.name, states=told)) for w in reads.weeks
    ]


MICRO_RESPONSES = WorkflowSpec(
    name="micro_response",
    personal=PersonalData(texts={"words": "giver"}),
    entity=MicroResponse,
    workflow=MICRO_RESPONSE_WORKFLOW,
    events=MICRO_RESPONSE_EVENTS,
    notices=MICRO_RESPONSE_NOTICES,
    notice_kinds=MicroResponseNotice,
    summary=(
        "Daily micro-responses: small acts of attention (acknowledging a shift in mood,"
        " reflecting back, expressing gratitude, turning toward a bid for connection),"
        " recorded by the partner who gave them, never by the other. Each keeps its day and"
        " part of the day only. It is its giver's alone until they tell it; they take it"
        " back or delete it at any time, and a deleted one leaves no trace. The receiver"
        ' may say "I noticed, thank you", once, and nothing else is asked of them. Counts'
        " are one's own; couple totals show only while both agree. No streaks, no missed"
        " days, no ranking."
    ),
    rules=MicroResponseRules,
    namespace="micro_responses",
    commands=MicroResponseCommands,
    safety=MICRO_RESPONSE_SAFETY,
    keys=keys_of,
    progress=(
        ProgressFigure(
            name="micro_responses_told",
            label="micro-responses told, both together (while both agree)",
            count=_told,
        ),
        ProgressFigure(
            name="micro_responses", label="micro-responses you gave", count=_given, own=True
        ),
    ),
)
"""Micro-responses, as the registry knows them."""


def _reminder_keys(reminder: Reminder) -> Iterable[tuple[str, str]]:
    """A reminder's index key while on: its person."""
    return ((REMINDER_OF, str(reminder.person)),) if reminder.state is ON else ()


MICRO_RESPONSE_REMINDERS = WorkflowSpec(
    name="micro_response_reminder",
    personal=PersonalData(),
    entity=Reminder,
    workflow=REMINDER_WORKFLOW,
    events=REMINDER_EVENTS,
    notices=REMINDER_NOTICES,
    notice_kinds=ReminderNotice,
    summary=(
        "A gentle daily reminder of micro-responses, at a time of day a person chose,"
        " for that person alone: nobody else reads it, nor that it exists. It goes through"
        " the outbox like every notification, so quiet hours, a pause and one's own"
        " time-out hold it; it counts against no one, and nothing records a day without"
        " an act. Its person stops it alone, at any time."
    ),
    namespace="micro_response_reminders",
    commands=ReminderCommands,
    safety=REMINDER_SAFETY,
    keys=_reminder_keys,
    one_at_a_time=lambda reminder: str(reminder.person) if reminder.state is ON else None,
)
"""Reminders of micro-responses, as the registry knows them."""
