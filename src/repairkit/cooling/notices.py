"""Who hears about what in a time-out, in repairkit's own calm words (naming no one)."""

from __future__ import annotations

import enum
from collections.abc import Iterable

from repairkit.cooling.events import (
    CheckBackDue,
    CoolingOffCalled,
    CoolingOffExtended,
    CoolingOffLapsed,
    DroppingDeclined,
    DroppingProposed,
    TalkResumed,
    TopicDropped,
    TopicTabled,
)
from repairkit.core.events import DomainEvent
from repairkit.core.notices import Notice, NoticeRule, Quiet, tell_audience, tell_everyone
from repairkit.core.values import PersonId

__all__ = ["COOLING_OFF_NOTICES", "CoolingOffNotice"]


class CoolingOffNotice(enum.StrEnum):
    """What a time-out notification is about."""

    PAUSE_CALLED = "pause called"
    THIRD_PARTY_SUGGESTED = "third person suggested"
    TIME_TO_CHECK_BACK = "time to check back"
    PAUSE_EXTENDED = "pause extended"
    TALK_RESUMED = "talk resumed"
    TOPIC_TABLED = "topic tabled"
    LETTING_GO_SUGGESTED = "letting go suggested"
    TOPIC_KEPT = "topic kept"
    TOPIC_LET_GO = "topic let go"


_PAUSE = (
    "Your partner is taking a pause to calm down and will check back at the agreed time."
    " Nothing is needed from you meanwhile."
)
_THIRD = (
    "More than one pause in one talk can be a sign that a third person, such as a"
    " counsellor, could help. It is noted for your next check-in."
)


def _called(event: DomainEvent, audience: tuple[PersonId, ...]) -> Iterable[Notice]:
    """The other hears of the pause; when a third person may help, both hear that too."""
    assert isinstance(event, CoolingOffCalled)  # noqa: S101 - dispatched by type
    if not event.third_party_suggested:
        return [Notice(p, CoolingOffNotice.PAUSE_CALLED, _PAUSE) for p in audience]
    kind = CoolingOffNotice.THIRD_PARTY_SUGGESTED
    return [
        *(Notice(p, kind, f"{_PAUSE} {_THIRD}") for p in audience),
        Notice(event.actor, kind, _THIRD),
    ]


COOLING_OFF_NOTICES: dict[type[DomainEvent], NoticeRule | Quiet] = {
    CoolingOffCalled: _called,
    CheckBackDue: tell_everyone(
        CoolingOffNotice.TIME_TO_CHECK_BACK,
        "It is time to check back in with each other about the talk you paused.",
    ),
    CoolingOffExtended: tell_audience(
        CoolingOffNotice.PAUSE_EXTENDED,
        "Your partner asked for a little more time before checking back.",
    ),
    TalkResumed: tell_audience(CoolingOffNotice.TALK_RESUMED, "The paused talk can go on."),
    TopicTabled: tell_audience(
        CoolingOffNotice.TOPIC_TABLED, "The paused topic is kept for your next check-in."
    ),
    DroppingProposed: tell_audience(
        CoolingOffNotice.LETTING_GO_SUGGESTED,
        "Your partner suggested letting the paused topic go. Your answer is welcome;"
        " keeping it is a fair answer too.",
    ),
    DroppingDeclined: tell_audience(
        CoolingOffNotice.TOPIC_KEPT, "The paused topic is kept for your next check-in."
    ),
    TopicDropped: tell_audience(CoolingOffNotice.TOPIC_LET_GO, "You both let the paused topic go."),
    CoolingOffLapsed: tell_everyone(
        CoolingOffNotice.TOPIC_TABLED,
        "The pause reached its longest time, so the topic is kept for your next check-in.",
    ),
}
"""A rule for every event of the CoolingOff workflow."""
