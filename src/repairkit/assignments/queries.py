"""What a practice's rules read of other objects: the third person, the other practices.

Each is read from an index (`Storage.load_keyed`), never from the history.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Final

from repairkit.assignments.model import Assignment
from repairkit.assignments.table import AssignmentState
from repairkit.core import ONE_AT_A_TIME
from repairkit.core.settings import zone
from repairkit.core.suggestions import words
from repairkit.core.values import PersonId
from repairkit.facilitators.model import Facilitator
from repairkit.facilitators.table import FacilitatorState

__all__ = [
    "ASSIGNEE_KEY",
    "CATEGORY",
    "PROPOSED_KEY",
    "WORDS_KEY",
    "assignment_keys",
    "invited_facilitator",
    "next_day",
    "open_for",
    "proposed_key",
    "words_key",
]

CATEGORY: Final = "assignments"
"""The category both partners consent to before the third person reads or writes here."""
ASSIGNEE_KEY: Final = "assignee"
"""The index key a practice is found by from the partner it is for."""
PROPOSED_KEY: Final = "proposed on"
"""The index key a practice is found by from its proposer and calendar day."""
WORDS_KEY: Final = "words"
"""The index key a practice is found by from its assignee and words (the wait after a no)."""
_OPEN_PLACE: Final = "open"
"""The place a facilitator proposed or taking part holds (`FACILITATORS.one_at_a_time`)."""


def proposed_key(proposer: PersonId, day: date) -> str:
    """Return the index value of *proposer*'s proposals on *day*."""
    return f"{proposer} {day.isoformat()}"


def words_key(assignee: PersonId, text: str) -> str:
    """Return the index value of a practice in *text*'s words for *assignee*."""
    return f"{assignee} {words(text)}"


def assignment_keys(assignment: Any) -> list[tuple[str, str]]:  # noqa: ANN401 - a stored one
    """A practice's index keys: its assignee, its proposer's day, its assignee and words."""
    keys = [
        (ASSIGNEE_KEY, str(assignment.assignee)),
        (WORDS_KEY, words_key(assignment.assignee, assignment.words)),
    ]
    if assignment.proposer is not None:
        keys.append((PROPOSED_KEY, proposed_key(assignment.proposer, assignment.proposed_on)))
    return keys


def invited_facilitator(repository: Any, relationship_id: uuid.UUID) -> Facilitator | None:  # noqa: ANN401
    """Return the third person taking part in the couple's check-ins now, if any.

    Read from the one-at-a-time index of facilitators (one proposed or taking part at a
    time), never from every facilitator the couple ever had.
    """
    found = repository.load_keyed(
        Facilitator,
        relationship_id,
        ONE_AT_A_TIME,
        _OPEN_PLACE,
        states=[FacilitatorState.INVITED.value],
    )
    return found[0] if found else None


def open_for(repository: Any, relationship_id: uuid.UUID, person: PersonId) -> list[Assignment]:  # noqa: ANN401
    """Return the practices under way for *person*, from the assignee index."""
    found: list[Assignment] = repository.load_keyed(
        Assignment,
        relationship_id,
        ASSIGNEE_KEY,
        str(person),
        states=[AssignmentState.ACTIVE.value],
    )
    return found


def next_day(day: date, time_zone: str) -> datetime:
    """Return the start of the calendar day after *day* in *time_zone*, in UTC."""
    start = datetime.combine(day + timedelta(days=1), time(0), zone(time_zone))
    return start.astimezone(UTC)
