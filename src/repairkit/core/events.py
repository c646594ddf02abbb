"""Domain events: what happened, who did it, when, and between which states.

Every command appends exactly one event. Events are frozen values; storage keeps
them in order, queryable per object and per relationship. Each concrete event
class declares a stable ``TAG`` ("request.accepted"): storage records the tag,
never the class name, so classes can be renamed or moved without breaking
stored rows.

Setbacks age out (safety rule 10). An event type that records a setback of one
person's, or a day's follow-through from which one could be read, sets
``AGES_OUT = True``; its object's `WorkflowObject.aged_out` says when such an
event has left the rolling window for a reader, and `seen_by` then leaves it out
of what that reader sees. The object's `WorkflowObject.aged` does the same for
its fields. A workflow whose events hold no setback declares nothing.

No activity signals (docs/safety.md, rule 4). A move of the other partner that the
reader was not told about (a mark nobody was notified of, a quiet move) shows its
time to the day only, in the couple's time zone (`to_the_day`): an exact second would
work as "last seen" and show response times. Moves addressed to the reader, their own
moves and repairkit's timers keep their time. The same holds for the objects one reads:
when an object's last move is such a move, the instants it set show to the day only
(`repairkit.core.untold`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, time, tzinfo
from typing import ClassVar, TypeVar

import attrs

from repairkit.core.values import SYSTEM, PersonId

__all__ = ["DomainEvent", "day_of", "seen_by", "to_the_day"]

T = TypeVar("T")


@attrs.frozen(kw_only=True)
class DomainEvent:
    """The fields every event has."""

    TAG: ClassVar[str] = ""
    """The stable name storage records for this event type (``"<workflow>.<what happened>"``)."""
    AGES_OUT: ClassVar[bool] = False
    """True for an event that records a setback (or a day's follow-through, from which one
    could be read): once its object's rolling window has passed it, only the person it is
    about still sees it (`WorkflowObject.aged_out` says when)."""
    SAFETY_HOOK: ClassVar[bool] = False
    """True for an event a person records to look after themselves (pausing, leaving, a
    time-out for oneself): the pressure budget never refuses it, and limits what it tells
    the other instead (`repairkit.core.pressure`)."""
    FOLLOWS_HOOK: ClassVar[bool] = False
    """True for an event that follows the safety hook which opened its object (a time-out's
    check-back, extension or lapse): when the other partner was not told of that hook
    (`untold`), they are not told of this either (`repairkit.core.pressure`)."""
    TELLS_ITS_OWNER: ClassVar[bool] = False
    """True for a private event of a person's own whose notice still goes to them, and to
    nobody else (a reminder a person asked for, `repairkit.microresponses.reminders`).
    Any other event private to the person who made it notifies nobody; one repairkit made
    private to a person (a consequence offered to them) notifies that person alone
    (`repairkit.core.notices.notifications_for`)."""
    TELLS_NEWS: ClassVar[bool] = False
    """True for an event a partner may record again and again on one object without being
    asked (a repair linked to a crossing): when it reaches the other partner, the pressure
    budget counts it as a new item, so it is never a channel without a limit."""

    id: uuid.UUID
    subject_id: uuid.UUID
    """The id of the object that changed."""
    relationship_id: uuid.UUID
    actor: PersonId
    at: datetime
    from_state: str | None
    """None when the object was created by this event."""
    to_state: str
    version: int
    """The object's version after this event (1 for the event that created it)."""
    private_to: PersonId | None = None
    """When set, only this person may see the event (for example a draft not yet sent)."""
    untold: bool = False
    """True when the pressure budget left out what this safety hook would have told the
    other partner (its notice for the day was given already), or what an event that
    follows such a hook would have (`FOLLOWS_HOOK`): read paths then show it to them as a
    move they were not told about, to the day only."""
    new_item: bool = False
    """True when the move brought the other partner a new item (`repairkit.core.pressure`):
    the pressure budget counts these, and only these, so answers, noes and safety hooks
    never use up a sender's day."""

    def limits_notice(self) -> bool:
        """Return whether what this safety hook tells the other is held to once a day.

        True for every hook (`SAFETY_HOOK`); a hook whose notice carries help, not only
        news (a third person suggested), overrides it to be told each time.
        """
        return self.SAFETY_HOOK


def seen_by(
    events: Iterable[DomainEvent],
    person: PersonId,
    *,
    aged_out: Callable[[DomainEvent], bool] | None = None,
    told: Callable[[DomainEvent], bool] | None = None,
    zone: tzinfo = UTC,
) -> list[DomainEvent]:
    """Return the events *person* may see, numbered as if the private ones never happened.

    A private event (a draft's, one's own quiet hours) is left out for everyone but
    the person it is private to, and the versions of the events after it are
    lowered to close the gap: what one partner keeps private leaves no trace in the
    other's numbers.

    An event for which *aged_out* says True (a setback older than its rolling window,
    see `WorkflowObject.aged_out`) is left out too, but the versions are kept: it
    ages out as time passes, and a version a reader has seen never goes down.

    With *told* (whether *person* was told of an event), the other partner's moves
    *person* was not told about show their times to the day only, in *zone*
    (`to_the_day`).
    """
    hidden: dict[uuid.UUID, int] = {}
    seen = []
    for event in events:
        if event.private_to is not None and event.private_to != person:
            hidden[event.subject_id] = hidden.get(event.subject_id, 0) + 1
            continue
        if aged_out is not None and event.AGES_OUT and aged_out(event):
            continue
        gap = hidden.get(event.subject_id, 0)
        shown = attrs.evolve(event, version=event.version - gap) if gap else event
        if told is not None and event.actor != person and not _known(event, told):
            shown = to_the_day(shown, zone)
        seen.append(shown)
    return seen


def _known(event: DomainEvent, told: Callable[[DomainEvent], bool]) -> bool:
    """Return whether a reader knows *event*'s time: they were told of it, or it is told.

    repairkit's own moves (a timer's) keep their time unless stored untold (what follows
    an untold move, an agenda item).
    """
    return not event.untold if event.actor == SYSTEM else told(event)


def day_of(at: datetime, zone: tzinfo) -> datetime:
    """Return the start of *at*'s calendar day in *zone*, in UTC: the time to the day only."""
    local = at.astimezone(zone)
    return datetime.combine(local.date(), time(0), tzinfo=zone).astimezone(UTC)


def to_the_day(event: DomainEvent, zone: tzinfo) -> DomainEvent:
    """Return *event* with every instant it holds (``at``, ``rests_until``, ...) to the day only.

    The day is the couple's calendar day in *zone*; the instant given is its start.
    """
    changes: dict[str, object] = {
        field.name: day_of(value, zone)
        for field in attrs.fields(type(event))
        if isinstance(value := getattr(event, field.name), datetime)
    }
    return attrs.evolve(event, **changes)  # type: ignore[arg-type]  # instants only
