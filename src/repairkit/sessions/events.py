"""The check-in session's events, each with its stable tag ("session.opened").

Events carry no words of a partner's: what a partner writes is kept on the session
with its author, for the two of them alone. Some events say whether they tell both
partners something (a stalemate's sign, a third person asked for), so that the same
sign is given once a session.
"""

from __future__ import annotations

import uuid

import attrs

from repairkit.core.events import DomainEvent
from repairkit.core.leaving import ClosedByLeaving
from repairkit.core.values import PersonId

__all__ = [
    "SESSION_EVENTS",
    "AppreciationShared",
    "BreakTaken",
    "FloorTimeUp",
    "IssueClosed",
    "IssueRaised",
    "IssueSummarised",
    "PartMovedOn",
    "SessionClosed",
    "SessionClosedByLeaving",
    "SessionEnded",
    "SessionOpened",
    "SessionResumed",
    "SpeakerUnderstood",
    "ThereIsMore",
    "ThirdPersonAsked",
    "WeekAnswerShared",
    "WentRightShared",
]


@attrs.frozen(kw_only=True)
class SessionOpened(DomainEvent):
    """A partner opened a check-in session of the agreed schedule."""

    TAG = "session.opened"


@attrs.frozen(kw_only=True)
class PartMovedOn(DomainEvent):
    """The session moved on to its next part."""

    TAG = "session.part_moved_on"


@attrs.frozen(kw_only=True)
class AppreciationShared(DomainEvent):
    """A partner shared an appreciation (its words are on the session)."""

    TAG = "session.appreciated"


@attrs.frozen(kw_only=True)
class WentRightShared(DomainEvent):
    """A partner shared something that went right."""

    TAG = "session.went_right"


@attrs.frozen(kw_only=True)
class IssueRaised(DomainEvent):
    """A partner raised an issue and has the floor."""

    TAG = "session.issue_raised"


@attrs.frozen(kw_only=True)
class IssueSummarised(DomainEvent):
    """The listener summarised what the speaker said."""

    TAG = "session.summarised"


@attrs.frozen(kw_only=True)
class SpeakerUnderstood(DomainEvent):
    """The speaker felt understood: the roles swap, or both were understood."""

    TAG = "session.understood"


@attrs.frozen(kw_only=True)
class _Sign(DomainEvent):
    """A move that may give both partners the sign of a stalemate."""

    stalemate: bool = False
    """Whether both partners are told now that a third person could help."""


@attrs.frozen(kw_only=True)
class ThereIsMore(_Sign):
    """The speaker said there is more: the floor is theirs again."""

    TAG = "session.there_is_more"


@attrs.frozen(kw_only=True)
class IssueClosed(_Sign):
    """An issue was closed: agreed, carried over, or for a third person."""

    TAG = "session.issue_closed"

    outcome: str
    """``"agreed"``, ``"carried over"`` or ``"third person"``."""
    item_id: uuid.UUID | None = None
    """The agenda item the issue named, if any (both partners may see it): agreed or kept
    for a third person, it leaves the agenda as taken up, in the same commit."""
    third_person: bool = False
    """Whether both partners are told now that a third person was asked for."""


@attrs.frozen(kw_only=True)
class FloorTimeUp(DomainEvent):
    """The speaker's time with the floor is up: they are told softly (repairkit's move)."""

    TAG = "session.floor_time_up"

    speaker: PersonId
    """The partner who has the floor, the only one told."""


@attrs.frozen(kw_only=True)
class WeekAnswerShared(DomainEvent):
    """A partner said what they can do for the other in the coming week."""

    TAG = "session.for_the_week"


@attrs.frozen(kw_only=True)
class BreakTaken(_Sign):
    """A partner took a break, alone: nothing is lost, the session waits."""

    TAG = "session.break_taken"
    SAFETY_HOOK = True

    def limits_notice(self) -> bool:
        """A break's notice is held to once a day, unless it carries the stalemate's sign."""
        return not self.stalemate


@attrs.frozen(kw_only=True)
class SessionResumed(DomainEvent):
    """A partner came back from the break: the session goes on where it paused."""

    TAG = "session.resumed"
    SAFETY_HOOK = True


@attrs.frozen(kw_only=True)
class ThirdPersonAsked(DomainEvent):
    """A partner asked for a third person (a counsellor, a trusted mediator), alone."""

    TAG = "session.third_person_asked"

    tells: bool = True
    """Whether both partners are told now (once a session)."""


@attrs.frozen(kw_only=True)
class SessionEnded(DomainEvent):
    """A partner ended the session, alone; nothing said in it is lost."""

    TAG = "session.ended"

    issue_open: bool = False
    """Whether an issue raised in one's own words (naming no agenda item) was still being
    heard: it goes back on the agenda as its raiser's topic, in the same commit."""


@attrs.frozen(kw_only=True)
class SessionClosed(DomainEvent):
    """The session stayed open past its longest time, so repairkit ended it."""

    TAG = "session.closed"

    issue_open: bool = False
    """As for `SessionEnded`: an issue still being heard goes back on the agenda."""


@attrs.frozen(kw_only=True)
class SessionClosedByLeaving(ClosedByLeaving):
    """A partner left the relationship: the session was closed, neutrally, for both."""

    TAG = "session.closed_by_leaving"


SESSION_EVENTS: tuple[type[DomainEvent], ...] = (
    SessionOpened,
    PartMovedOn,
    AppreciationShared,
    WentRightShared,
    IssueRaised,
    IssueSummarised,
    SpeakerUnderstood,
    ThereIsMore,
    IssueClosed,
    FloorTimeUp,
    WeekAnswerShared,
    BreakTaken,
    SessionResumed,
    ThirdPersonAsked,
    SessionEnded,
    SessionClosed,
)
"""Every event type the check-in session records (closing by leaving comes from its row)."""
