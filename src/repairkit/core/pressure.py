"""The pressure budget: how much one partner's moves bring to the other in a day.

Every channel of every workflow shares one budget per sender (safety rule 6,
docs/safety.md "The pressure budget"). What counts is derived from what each
workflow already declares, never from a list per workflow:

- An event *reaches the other* when the notifications its notice rule makes (the
  workflow's notices, `WorkflowSpec.notices`) name someone besides its actor. The
  event types whose rule is not `Quiet` are the ones whose events are counted
  (`Budget.counted_tags`), so a new workflow is covered by registering it.
- A move brings a *new item* when it creates an object that reaches the other, or
  when it leaves the other asked something (`WorkflowObject.asked`) they were not
  asked before, by a partner who was not asked anything on it. Answers (yes, no,
  a counter-offer), ending one's own part and what only tells are not new items:
  they are never refused, though what reaches the other is counted.
- A *safety hook* (an event type with ``SAFETY_HOOK = True``: pausing, coming back,
  leaving, a time-out for oneself) is never refused and never counted; what it
  tells the other is limited instead: the other hears of each kind of hook at most
  `HOOK_NOTICES_PER_DAY` times a day.

The day is the calendar day in the couple's time zone (`RelationshipSettings.time_zone`);
the count is one indexed query (`Storage.count_events` by relationship, sender, the
day's start and the counted tags), so a couple's tenth year costs what their first
week did. A refused move raises `NotAllowedNow` whose ``possible_from`` is the next
day's start; nothing is stored and nobody is told.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, time, timedelta
from typing import Final

from repairkit.core.events import DomainEvent, day_of
from repairkit.core.notices import NoticeRule, Notification, Quiet
from repairkit.core.settings import RelationshipRules, RelationshipSettings, zone
from repairkit.core.suggestions import when
from repairkit.core.values import SYSTEM, PersonId
from repairkit.errors import NotAllowedNow

__all__ = ["HOOK_NOTICES_PER_DAY", "Budget", "Count", "day_bounds", "is_new_item"]

HOOK_NOTICES_PER_DAY: Final = 1
"""How often a day the other partner hears of one kind of safety hook (a pause, a time-out
called for oneself): once, from PROTOCOLS.md section 12 ("a pause at most once a day")."""

Count = Callable[[PersonId, datetime, Sequence[str]], int]
"""``count(actor, since, tags)``: the sender's events of those tags since a time, in one
relationship (`Storage.count_events`)."""


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
    """The pressure budget of one registry's workflows (see the module's docstring).

    Args:
        notice_rules: Every event type's notice rule (`Registry.notice_rules`).
    """

    def __init__(self, notice_rules: dict[type[DomainEvent], NoticeRule | Quiet]) -> None:
        self.counted_tags: tuple[str, ...] = tuple(
            sorted(
                event_type.TAG
                for event_type, rule in notice_rules.items()
                if not isinstance(rule, Quiet) and not event_type.SAFETY_HOOK
            )
        )
        """The tags of the events that may reach the other partner, hooks left out."""

    def admit(
        self,
        event: DomainEvent,
        notes: tuple[Notification, ...],
        *,
        kind: str,
        new: bool,
        settings: RelationshipSettings,
        count: Count,
    ) -> tuple[Notification, ...]:
        """Return the notifications *event* may make, or refuse it with `NotAllowedNow`.

        *new* says whether the move brings a new item (`is_new_item`). A safety hook
        is never refused: past its daily notice, what it would tell the other is left
        out (the actor's own notices stay). A new item past the day's budget is refused,
        and ``possible_from`` says when the next one can go.
        """
        actor = event.actor
        if actor == SYSTEM or all(note.recipient == actor for note in notes):
            return notes
        start, following = day_bounds(event.at, settings)
        if event.SAFETY_HOOK:
            if event.limits_notice() and count(actor, start, (event.TAG,)) >= HOOK_NOTICES_PER_DAY:
                return tuple(note for note in notes if note.recipient == actor)
            return notes
        if not new:
            return notes
        limit = settings.of(RelationshipRules).daily_items
        if count(actor, start, self.counted_tags) >= limit:
            raise NotAllowedNow(
                kind=kind,
                action="send a new item",
                state=event.from_state or "new",
                allowed=(),
                reason=f"Each partner sends up to {limit} new items a day; the next one can"
                f" go from {when(following)}. Answering, saying no and pausing stay open.",
                possible_from=following,
            )
        return notes
