"""What the app hears: notifications derived from domain events.

A notification is written to the outbox in the same transaction as the change
it announces, and delivered after commit. Its id is derived from the event and
the recipient, so a receiver can de-duplicate repeated deliveries. Messages are
written by repairkit, never copied from what a partner wrote, so they can be
shown or logged without exposing private text.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Callable
from datetime import datetime

import attrs

from repairkit.domain.events import (
    AlternativeProposed,
    DomainEvent,
    EndingProposed,
    KeptGoing,
    NegotiationResumed,
    RequestAccepted,
    RequestCompleted,
    RequestDeclined,
    RequestProposed,
    RequestWithdrawn,
    SettingsChanged,
)
from repairkit.domain.request import RequestState
from repairkit.domain.values import PersonId

__all__ = ["Notification", "NotificationKind", "notifications_for"]


class NotificationKind(enum.StrEnum):
    """What a notification is about."""

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
    SETTINGS_CHANGED = "settings changed"


@attrs.frozen(kw_only=True)
class Notification:
    """One message for one person, about one event."""

    id: uuid.UUID
    """Stable: derived from the event and the recipient, for de-duplication."""
    kind: NotificationKind
    recipient: PersonId
    relationship_id: uuid.UUID
    subject_id: uuid.UUID
    event_id: uuid.UUID
    created_at: datetime
    message: str
    """A calm sentence written by repairkit; it never quotes a partner's own words."""


def _notify(
    event: DomainEvent, recipient: PersonId, kind: NotificationKind, message: str
) -> Notification:
    return Notification(
        id=uuid.uuid5(event.id, recipient),
        kind=kind,
        recipient=recipient,
        relationship_id=event.relationship_id,
        subject_id=event.subject_id,
        event_id=event.id,
        created_at=event.at,
        message=message,
    )


def notifications_for(event: DomainEvent, other: PersonId) -> tuple[Notification, ...]:
    """Return the notifications an event causes; *other* is the partner who did not act.

    For an event fired by repairkit itself, *other* is either partner and both
    are notified by the caller passing each in turn.
    """
    if event.private_to is not None:
        return ()  # a private event (a draft) concerns nobody else yet
    make = _RULES.get(type(event))
    return make(event, other) if make is not None else ()


def _alternative(event: DomainEvent, other: PersonId) -> tuple[Notification, ...]:
    assert isinstance(event, AlternativeProposed)  # noqa: S101 - dispatched by type
    if event.to_state == RequestState.STALLED:
        message = (
            "You have not found an agreement on this request yet, and that is all right."
            " It is set aside for your next check-in, or for a facilitator."
        )
        return (
            _notify(event, other, NotificationKind.REQUEST_STALLED, message),
            _notify(event, event.actor, NotificationKind.REQUEST_STALLED, message),
        )
    return (
        _notify(
            event,
            other,
            NotificationKind.ALTERNATIVE_OFFERED,
            "Another way to meet the need was offered on a request; your answer is welcome.",
        ),
    )


def _one(
    kind: NotificationKind, message: str
) -> Callable[[DomainEvent, PersonId], tuple[Notification, ...]]:
    def make(event: DomainEvent, other: PersonId) -> tuple[Notification, ...]:
        return (_notify(event, other, kind, message),)

    return make


def _answered(event: DomainEvent, other: PersonId) -> tuple[Notification, ...]:
    if isinstance(event, RequestDeclined):
        kind, message = (
            NotificationKind.REQUEST_ANSWERED,
            (
                "Your request was answered: not this time. A no is a fair answer; you are"
                " welcome to name the need behind it again, or to offer another way."
            ),
        )
    elif isinstance(event, RequestAccepted) and event.round == 0:
        kind, message = (
            NotificationKind.REQUEST_ANSWERED,
            "Your request was answered: it was accepted. You can now track how it goes.",
        )
    else:
        kind, message = (
            NotificationKind.ALTERNATIVE_ACCEPTED,
            "The other way you offered was accepted. You can now track how it goes.",
        )
    return (_notify(event, other, kind, message),)


def _completed(event: DomainEvent, other: PersonId) -> tuple[Notification, ...]:
    message = "A request you agreed on is complete. You can look back together on how it went."
    return (_notify(event, other, NotificationKind.REQUEST_COMPLETED, message),)


_RULES: dict[type[DomainEvent], Callable[[DomainEvent, PersonId], tuple[Notification, ...]]] = {
    RequestProposed: _one(
        NotificationKind.REQUEST_MADE, "A request was made to you. Take your time to answer."
    ),
    RequestAccepted: _answered,
    RequestDeclined: _answered,
    AlternativeProposed: _alternative,
    NegotiationResumed: _one(
        NotificationKind.NEGOTIATION_RESUMED, "A set-aside request is open for talking again."
    ),
    RequestWithdrawn: _one(
        NotificationKind.REQUEST_WITHDRAWN,
        "A request made to you was withdrawn; nothing is needed from you.",
    ),
    EndingProposed: _one(
        NotificationKind.ENDING_PROPOSED,
        "Your partner suggested that an agreed request has done its work. Your answer is welcome.",
    ),
    KeptGoing: _one(NotificationKind.REQUEST_CONTINUES, "An agreed request continues as before."),
    RequestCompleted: _completed,
    SettingsChanged: _one(
        NotificationKind.SETTINGS_CHANGED, "The settings of your relationship were changed."
    ),
}
