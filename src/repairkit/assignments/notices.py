"""Who hears about practice between sessions, in repairkit's own calm words.

No text names a partner or quotes what anyone wrote. An attempt tells nobody (an attempt
not made is never missed, so one made is no news to chase); a celebration reaches only
the partner practising, as an appreciation, with no score.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from repairkit.assignments.events import (
    AssignmentAccepted,
    AssignmentCelebrated,
    AssignmentDebriefed,
    AssignmentProposed,
    AssignmentTakenOn,
    AttemptRecorded,
    DebriefRemoved,
)
from repairkit.core.events import DomainEvent
from repairkit.core.notices import Notice, NoticeRule, Quiet, tell_audience
from repairkit.core.values import PersonId

__all__ = [
    "ASSIGNMENT_NOTICES",
    "DEBRIEF_REMOVED",
    "DECLINED",
    "ENDED",
    "REVIEWED",
    "TIME_UP",
    "WITHDRAWN",
    "AssignmentNotice",
]


class AssignmentNotice(enum.StrEnum):
    """What a notification about practice between sessions is about."""

    PROPOSED = "practice: proposed"
    STARTED = "practice: started"
    DECLINED = "practice: not taken up"
    WITHDRAWN = "practice: proposal taken back"
    DEBRIEF = "practice: debrief"
    APPRECIATED = "practice: a step appreciated"
    ENDED = "practice: ended"
    REVIEWED = "practice: reviewed"
    TIME_UP = "practice: time box ended"


def _appreciated(event: DomainEvent, audience: tuple[PersonId, ...]) -> Iterable[Notice]:
    """Tell the partner practising, and nobody else, that a small step was appreciated."""
    assignee = getattr(event, "assignee", None)
    return [
        Notice(
            person,
            AssignmentNotice.APPRECIATED,
            "A small step in your practice was noticed and appreciated.",
        )
        for person in audience
        if person == assignee
    ]


DECLINED = tell_audience(
    AssignmentNotice.DECLINED,
    "A suggested practice was not taken up. That is a fair answer.",
)
"""The rule of a no: whoever proposed it hears, calmly; nobody else."""
WITHDRAWN = tell_audience(
    AssignmentNotice.WITHDRAWN,
    "A suggested practice was taken back. Nothing is needed from you.",
)
"""The rule of a proposal taken back."""
ENDED = tell_audience(
    AssignmentNotice.ENDED,
    "A practice between sessions was brought to a close. Nothing is needed from you.",
)
"""The rule of the partner practising ending it, alone."""
REVIEWED = tell_audience(
    AssignmentNotice.REVIEWED,
    "A practice between sessions was looked back on at your review, and closed.",
)
"""The rule of a review."""
TIME_UP = tell_audience(
    AssignmentNotice.TIME_UP,
    "A practice between sessions came to the end of its time. You can look back on it"
    " together at your next session if you wish.",
)
"""The rule of the time box ending."""
DEBRIEF_REMOVED = Quiet(
    "Its author took back words of their own; a notice would only ask others to look"
    " for what is gone."
)
"""The rule of a debrief taken out."""

ASSIGNMENT_NOTICES: dict[type[DomainEvent], NoticeRule | Quiet] = {
    AssignmentProposed: tell_audience(
        AssignmentNotice.PROPOSED,
        "A practice between sessions was suggested for you. You can take it on or say no;"
        " either is a fair answer.",
    ),
    AssignmentTakenOn: tell_audience(
        AssignmentNotice.STARTED,
        "A practice between sessions was taken on. You can read it in the app.",
    ),
    AssignmentAccepted: tell_audience(
        AssignmentNotice.STARTED,
        "A practice between sessions was taken on. You can read it in the app.",
    ),
    AttemptRecorded: Quiet(
        "An attempt is the practising partner's own; it shows in the app, and a notice"
        " each time would turn practice into something watched."
    ),
    AssignmentDebriefed: tell_audience(
        AssignmentNotice.DEBRIEF,
        "A few words on how a practice is going were written. You can read them in the app.",
    ),
    AssignmentCelebrated: _appreciated,
    DebriefRemoved: DEBRIEF_REMOVED,
}
"""A rule for every event no row names (the rows name the rest)."""
