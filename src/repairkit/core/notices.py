"""What the app hears: notifications derived from domain events by each workflow's rules.

A workflow maps every event type it records to a notice rule, or marks it
`QUIET`. A rule gets the event and its audience (the people the object says
should hear of it, never the actor unless the rule adds them) and returns
`Notice` values: who, what kind, and a calm sentence written by repairkit. The
core turns them into `Notification` records with stable ids (derived from the
event and the recipient), written to the outbox in the same transaction as the
change and delivered after commit. Messages never quote what a partner wrote.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Final, TypeVar

import attrs

from repairkit.core.events import DomainEvent
from repairkit.core.values import SYSTEM, PersonId

__all__ = [
    "QUIET",
    "Notice",
    "NoticeRule",
    "Notification",
    "Quiet",
    "notifications_for",
    "tell_audience",
    "tell_everyone",
]

Ev = TypeVar("Ev", bound=DomainEvent)


@attrs.frozen(kw_only=True)
class Notification:
    """One message for one person, about one event."""

    id: uuid.UUID
    """Stable: derived from the event and the recipient, for de-duplication."""
    kind: enum.StrEnum
    """What it is about, from the workflow's own enum of notice kinds."""
    workflow: str = ""
    """The workflow of the object it is about, by its spec's name ("request"): with
    `subject_id`, what an app needs to open the right screen. Filled for every notification
    the kit makes; one stored before it existed is read back with the workflow its `kind`
    belongs to."""
    recipient: PersonId
    relationship_id: uuid.UUID
    subject_id: uuid.UUID
    """The id of the object it is about (the request, the boundary, the relationship)."""
    event_id: uuid.UUID
    created_at: datetime
    """When the move it tells of was made (the event's time, which its recipient is told)."""
    message: str
    """A calm sentence written by repairkit; it never quotes a partner's own words."""
    language: str = "en"
    """The language *message* is in: English in the outbox, the recipient's once delivered
    (`repairkit.i18n`)."""


@attrs.frozen
class Notice:
    """What a notice rule decides: tell *recipient* this *kind* of thing, in these words."""

    recipient: PersonId
    kind: enum.StrEnum
    message: str


NoticeRule = Callable[[DomainEvent, tuple[PersonId, ...]], Iterable[Notice]]
"""``rule(event, audience)``: the notices an event causes for its audience."""


@attrs.frozen
class Quiet:
    """Marks an event type that notifies nobody, and says why (for the docs)."""

    why: str = ""


QUIET: Final = Quiet()
"""An event that notifies nobody."""


def tell_audience(kind: enum.StrEnum, message: str) -> NoticeRule:
    """Return a rule that tells everyone in the audience *message*."""

    def rule(_event: DomainEvent, audience: tuple[PersonId, ...]) -> Iterable[Notice]:
        return [Notice(person, kind, message) for person in audience]

    rule.__doc__ = message
    return rule


def tell_everyone(kind: enum.StrEnum, message: str) -> NoticeRule:
    """Return a rule that tells the audience and the person who acted *message*."""

    def rule(event: DomainEvent, audience: tuple[PersonId, ...]) -> Iterable[Notice]:
        people = dict.fromkeys(audience)
        if event.actor != SYSTEM:
            people[event.actor] = None
        return [Notice(person, kind, message) for person in people]

    rule.__doc__ = message
    return rule


def notifications_for(
    event: DomainEvent,
    audience: Iterable[PersonId],
    rule: NoticeRule | Quiet,
    *,
    workflow: str = "",
) -> tuple[Notification, ...]:
    """Return the notifications *rule* makes of *event* for *audience*.

    *workflow* is the name of the spec whose object the event is about ("request"):
    each notification carries it (`Notification.workflow`).

    A private event notifies nobody else, whatever the rule says: one's own (a draft)
    nobody at all, unless its type sets ``TELLS_ITS_OWNER`` (a reminder one asked for);
    a move of repairkit's private to one person (a consequence offered to them) that
    person alone.
    """
    if isinstance(rule, Quiet) or (event.private_to == event.actor and not event.TELLS_ITS_OWNER):
        return ()
    notices = rule(event, tuple(audience))
    if event.private_to is not None:
        notices = [notice for notice in notices if notice.recipient == event.private_to]
    return tuple(
        Notification(
            id=uuid.uuid5(event.id, notice.recipient),
            kind=notice.kind,
            workflow=workflow,
            recipient=notice.recipient,
            relationship_id=event.relationship_id,
            subject_id=event.subject_id,
            event_id=event.id,
            created_at=event.at,
            message=notice.message,
        )
        for notice in notices
    )
