"""Who hears about what in the Request workflow, in repairkit's own calm words.

Messages never quote what a partner wrote; a private event (a draft) notifies
nobody whatever its rule says.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from repairkit.core.events import DomainEvent
from repairkit.core.notices import Notice, NoticeRule, Quiet, tell_audience, tell_everyone
from repairkit.core.values import PersonId
from repairkit.requests.events import (
    AgreementHeld,
    AgreementResumed,
    AlternativeProposed,
    EndingProposed,
    FollowThroughCorrected,
    FollowThroughRecorded,
    KeptGoing,
    MissNoticed,
    NegotiationResumed,
    NoticeAcknowledged,
    NoticeWithdrawn,
    ReopeningDeclined,
    ReopeningProposed,
    RequestAccepted,
    RequestCompleted,
    RequestDeclined,
    RequestDrafted,
    RequestProposed,
    RequestRevised,
    RequestWithdrawn,
    ResumingDeclined,
    ResumingProposed,
    Reviewed,
    SeenDifferently,
    SetAside,
    SteppedBack,
)
from repairkit.requests.model import RequestState

__all__ = ["REQUEST_NOTICES", "RequestNotice"]


class RequestNotice(enum.StrEnum):
    """What a Request notification is about."""

    REQUEST_MADE = "request made"
    REQUEST_ANSWERED = "request answered"
    ALTERNATIVE_OFFERED = "alternative offered"
    ALTERNATIVE_ACCEPTED = "alternative accepted"
    REQUEST_STALLED = "request set aside for check-in"
    NEGOTIATION_RESUMED = "negotiation resumed"
    REQUEST_WITHDRAWN = "request withdrawn"
    ENDING_PROPOSED = "ending proposed"
    REQUEST_CONTINUES = "request continues"
    REQUEST_COMPLETED = "request completed"
    AGREEMENT_SET_DOWN = "agreement set down"
    REOPENING_PROPOSED = "reopening proposed"
    REOPENING_ANSWERED = "reopening answered"
    OCCURRENCE_NOTED = "occurrence noted"
    NOTE_WITHDRAWN = "note withdrawn"
    NOTE_ANSWERED = "note answered"
    AGREEMENT_ON_HOLD = "agreement on hold"
    RESUMING_PROPOSED = "resuming proposed"
    RESUMING_ANSWERED = "resuming answered"
    REVIEW_SHARED = "review shared"


_STALLED = tell_everyone(
    RequestNotice.REQUEST_STALLED,
    "You have not found an agreement on this request yet, and that is all right."
    " It is set aside for your next check-in, or for a facilitator.",
)
_OFFERED = tell_audience(
    RequestNotice.ALTERNATIVE_OFFERED,
    "Another way to meet the need was offered on a request; your answer is welcome.",
)


def _alternative(event: DomainEvent, audience: tuple[PersonId, ...]) -> Iterable[Notice]:
    """Another way was offered; when it used the last round, both hear it is set aside."""
    return (_STALLED if event.to_state == RequestState.STALLED else _OFFERED)(event, audience)


def _accepted(event: DomainEvent, audience: tuple[PersonId, ...]) -> Iterable[Notice]:
    """The one whose offer was accepted hears so."""
    assert isinstance(event, RequestAccepted)  # noqa: S101 - dispatched by type
    if event.round == 0:
        kind = RequestNotice.REQUEST_ANSWERED
        message = "Your request was answered: it was accepted. You can see together how it goes."
    else:
        kind = RequestNotice.ALTERNATIVE_ACCEPTED
        message = "The other way you offered was accepted. You can see together how it goes."
    return [Notice(person, kind, message) for person in audience]


REQUEST_NOTICES: dict[type[DomainEvent], NoticeRule | Quiet] = {
    RequestDrafted: Quiet("A draft is the asker's alone."),
    RequestRevised: Quiet("A draft is the asker's alone."),
    RequestProposed: tell_audience(
        RequestNotice.REQUEST_MADE, "A request was made to you. Take your time to answer."
    ),
    RequestAccepted: _accepted,
    RequestDeclined: tell_audience(
        RequestNotice.REQUEST_ANSWERED,
        "Your request was answered: not this time. A no is a fair answer, and it is"
        " counted nowhere.",
    ),
    AlternativeProposed: _alternative,
    NegotiationResumed: tell_audience(
        RequestNotice.NEGOTIATION_RESUMED, "A set-aside request is open for talking."
    ),
    RequestWithdrawn: tell_audience(
        RequestNotice.REQUEST_WITHDRAWN,
        "A request made to you was withdrawn; nothing is needed from you.",
    ),
    SetAside: tell_audience(
        RequestNotice.REQUEST_STALLED,
        "A request is set aside for now, and that is all right. It is kept for your next check-in.",
    ),
    ReopeningProposed: tell_audience(
        RequestNotice.REOPENING_PROPOSED,
        "Your partner would like to reopen a set-aside request. Your answer is welcome;"
        " keeping it set aside is a fair answer too.",
    ),
    ReopeningDeclined: tell_audience(
        RequestNotice.REOPENING_ANSWERED,
        "A set-aside request stays set aside for now; it is kept for your next check-in.",
    ),
    FollowThroughRecorded: Quiet("One's own marks are seen in the history, not pushed."),
    FollowThroughCorrected: Quiet("One's own marks are seen in the history, not pushed."),
    MissNoticed: tell_audience(
        RequestNotice.OCCURRENCE_NOTED,
        "Your partner noted that one day of an agreement may have gone differently. You can"
        " acknowledge it or say how you see it; it counts only if you acknowledge it.",
    ),
    NoticeWithdrawn: tell_audience(
        RequestNotice.NOTE_WITHDRAWN,
        "A note about a day of an agreement was taken back; nothing is needed from you.",
    ),
    NoticeAcknowledged: tell_audience(
        RequestNotice.NOTE_ANSWERED, "Your note about a day of an agreement was acknowledged."
    ),
    SeenDifferently: tell_audience(
        RequestNotice.NOTE_ANSWERED,
        "Your note about a day of an agreement was answered: it is seen differently, and it"
        " counts nowhere. You can talk about it at your next check-in if you both wish.",
    ),
    AgreementHeld: tell_audience(
        RequestNotice.AGREEMENT_ON_HOLD,
        "An agreement is on hold for now. It can be taken up when you are both ready.",
    ),
    ResumingProposed: tell_audience(
        RequestNotice.RESUMING_PROPOSED,
        "Your partner would like to take an agreement on hold up. Your answer is welcome;"
        " keeping it on hold is a fair answer too.",
    ),
    ResumingDeclined: tell_audience(
        RequestNotice.RESUMING_ANSWERED, "An agreement on hold stays on hold for now."
    ),
    AgreementResumed: tell_audience(
        RequestNotice.RESUMING_ANSWERED, "An agreement on hold is taken up: it runs as agreed."
    ),
    Reviewed: tell_audience(
        RequestNotice.REVIEW_SHARED, "Your partner shared what worked for them in an agreement."
    ),
    EndingProposed: tell_audience(
        RequestNotice.ENDING_PROPOSED,
        "Your partner suggested that an agreed request has done its work. Your answer is welcome.",
    ),
    KeptGoing: tell_audience(
        RequestNotice.REQUEST_CONTINUES, "An agreed request continues as before."
    ),
    SteppedBack: tell_audience(
        RequestNotice.AGREEMENT_SET_DOWN,
        "An agreement was set down for now. It is kept for your next check-in.",
    ),
    RequestCompleted: tell_audience(
        RequestNotice.REQUEST_COMPLETED,
        "A request you agreed on is complete. You can each say what worked, and look back"
        " together on how it went.",
    ),
}
"""A rule, or a reason for quiet, for every event the Request workflow records."""
