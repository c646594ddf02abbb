"""The pressure budget: how much one partner's moves bring to the other in a day.

Every channel of every workflow shares one budget per sender (safety rule 6,
docs/safety.md "The pressure budget"). What counts is derived from what each
workflow already declares, never from a list per workflow:

- An event *reaches the other* when the notifications its notice rule makes (the
  workflow's notices, `WorkflowSpec.notices`) name someone besides its actor, so a
  new workflow is covered by registering it.
- A move brings a *new item* when it creates an object that reaches the other, or
  when it leaves the other asked something (`WorkflowObject.asked`) they were not
  asked before, by a partner who was not asked anything on it. Such an event is
  stored marked (`DomainEvent.new_item`), and the budget counts the marked events
  only. Answers (yes, no, a counter-offer), ending one's own part and what only
  tells are not new items: they are never refused and never counted (safety rule
  2, a "no" is never counted), however many there are in a day.
- A *safety hook* (an event type with ``SAFETY_HOOK = True``: pausing, coming back,
  leaving, a time-out for oneself) is never refused and never counted; what it
  tells the other is limited instead: the other hears of each kind of hook at most
  `HOOK_NOTICES_PER_DAY` times a day. What follows a hook on the object it opened
  (``FOLLOWS_HOOK``: a time-out's check-back, extension or lapse, repairkit's timer
  included) reaches the other only if the hook did (`Budget.after_hook`), so a time-out
  called again and again does not reach them through its check-backs instead.

The day is the calendar day in the couple's time zone (`RelationshipSettings.time_zone`);
the count is one indexed query (`Storage.count_events` by relationship, sender and the
day's start, new items only), so a couple's tenth year costs what their first
week did. A refused move raises `NotAllowedNow` whose ``possible_from`` is the next
day's start; nothing is stored and nobody is told.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, time, timedelta
from typing import Final, Protocol, TypeVar

import attrs

from repairkit.core.events import DomainEvent, day_of
from repairkit.core.notices import Notification
from repairkit.core.settings import RelationshipRules, RelationshipSettings, zone
from repairkit.core.suggestions import when
from repairkit.core.values import SYSTEM, PersonId
from repairkit.errors import NotAllowedNow

__all__ = ["HOOK_NOTICES_PER_DAY", "Budget", "Count", "day_bounds", "is_new_item"]

HOOK_NOTICES_PER_DAY: Final = 1
"""How often a day the other partner hears of one kind of safety hook (a pause, a time-out
called for oneself): once, from the practices ("a pause at most once a day"; docs/safety.md)."""

E = TypeVar("E", bound=DomainEvent)


class Count(Protocol):
    """``count(actor, since, tags=..., new_items=...)``: one sender's events since a time.

    In one relationship, of some tags or only the new items (`Storage.count_events`).
    """

    def __call__(
        self,
        actor: PersonId,
        since: datetime,
        *,
        tags: Sequence[str] | None = None,
        new_items: bool = False,
    ) -> int:
        """Return the count."""
        ...


def day_bounds(at: datetime, settings: RelationshipSettings) -> tuple[datetime, datetime]:
    """Return the start of *at*'s calendar day in the couple's time zone, and of the next.

    The start is `repairkit.core.events.day_of`; both are in UTC.
    """
    tz = zone(settings.time_zone)
    following = datetime.combine(at.astimezone(tz).date() + timedelta(days=1), time(0), tzinfo=tz)
    return day_of(at, tz), following.astimezone(UTC)


def is_new_item(
    actor: PersonId, asked_before: Iterable[PersonId] | None, asked_after: Iterable[PersonId]
) -> bool:
    """Return whether a move brings a new item (*asked_before* None: it created the object).

    A move is new when it creates an object, or when a partner who was asked nothing on
    the object leaves someone else asked something they were not asked before.
    """
    if asked_before is None:
        return True
    before = set(asked_before)
    if actor in before:
        return False  # an answer to what the actor was asked: never new
    return any(person != actor and person not in before for person in asked_after)


class Budget:
    """The pressure budget (see the module's docstring): what a move may tell, and its marks."""

    def admit(
        self,
        event: E,
        notes: tuple[Notification, ...],
        *,
        kind: str,
        new: bool,
        settings: RelationshipSettings,
        count: Count,
    ) -> tuple[E, tuple[Notification, ...]]:
        """Return *event* as it is stored and the notifications it may make, or refuse it.

        *new* says whether the move brings a new item (`is_new_item`). A safety hook
        is never refused: past its daily notice, what it would tell the other is left
        out (the actor's own notices stay) and the event is marked
        `DomainEvent.untold`. A new item that reaches the other is marked
        `DomainEvent.new_item`, and past the day's budget it is refused with
        `NotAllowedNow`, whose ``possible_from`` says when the next one can go.
        Nothing else is counted: answers, noes and hooks never use up the day.
        """
        actor = event.actor
        if actor == SYSTEM or all(note.recipient == actor for note in notes):
            return event, notes
        start = day_bounds(event.at, settings)[0]
        if event.SAFETY_HOOK:
            told = count(actor, start, tags=(event.TAG,)) if event.limits_notice() else 0
            if told >= HOOK_NOTICES_PER_DAY:
                own = tuple(note for note in notes if note.recipient == actor)
                return attrs.evolve(event, untold=True), own
            return event, notes
        if not new:
            return event, notes
        if count(actor, start, new_items=True) >= settings.of(RelationshipRules).daily_items:
            raise self.refusal(event, kind=kind, settings=settings)
        return attrs.evolve(event, new_item=True), notes

    @staticmethod
    def after_hook(
        event: E, notes: tuple[Notification, ...], opening: DomainEvent | None
    ) -> tuple[E, tuple[Notification, ...]]:
        """Return *event* and its notifications as the hook that opened its object allows.

        *opening* is the object's first event. When it is a safety hook the other partner
        was not told of (`DomainEvent.untold`), an event that follows it
        (``FOLLOWS_HOOK``) is not told to them either: only the hook's own actor hears
        it, and it is marked untold, so read paths show its time to the day only.
        """
        if not event.FOLLOWS_HOOK or opening is None or not opening.untold:
            return event, notes
        own = tuple(note for note in notes if note.recipient == opening.actor)
        return attrs.evolve(event, untold=True), own

    @staticmethod
    def day_limit(event: DomainEvent, settings: RelationshipSettings) -> tuple[datetime, int]:
        """Return the start of *event*'s day and the new items a sender may send in it.

        What `Storage.commit` checks again inside its transaction (`repairkit.ports.DayLimit`),
        so that two moves racing at one instant cannot both take the day's last item.
        """
        return day_bounds(event.at, settings)[0], settings.of(RelationshipRules).daily_items

    @staticmethod
    def refusal(event: DomainEvent, *, kind: str, settings: RelationshipSettings) -> NotAllowedNow:
        """Return the refusal of a new item past the day's budget (nothing stored, nobody told)."""
        limit = settings.of(RelationshipRules).daily_items
        following = day_bounds(event.at, settings)[1]
        return NotAllowedNow(
            kind=kind,
            action="send a new item",
            state=event.from_state or "new",
            allowed=(),
            reason="Each partner sends up to {limit} new items a day; the next one can"
            " go from {when}. Answering, saying no and pausing stay open.",
            params={"limit": limit, "when": when(following)},
            possible_from=following,
        )
