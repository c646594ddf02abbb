"""A micro-response: one small act of attention, recorded by the partner who gave it.

The practice: small, frequent acts (acknowledging a shift in mood, reflecting back what
one heard, expressing gratitude, turning toward a bid for connection); consistency
matters more than intensity. The giver records their own act, nobody records one for
the other. It is kept to themselves until they tell it, and holds coarse time only:
the day and the part of the day, in the couple's time zone.

What the receiver reads of a told micro-response (`seen_by`) is its kind, its words,
its day and part of the day, and whether they said they noticed it: version 1, no time
but the start of its part of the day. Every move of the giver's is private to them, so
nothing tells the receiver when it was recorded, told, taken back or told again.
"""

from __future__ import annotations

import enum
import uuid
from datetime import UTC, date, datetime, time, tzinfo
from typing import Any, ClassVar, Final, Self, TypeVar

import attrs

from repairkit.core.engine import EITHER_PARTNER, REPAIRKIT, Role, Workflow
from repairkit.core.entity import WorkflowObject
from repairkit.core.events import DomainEvent
from repairkit.core.settings import SETTING_IN_FORCE
from repairkit.core.values import SYSTEM, PersonId, check_text, new_id
from repairkit.errors import InvalidInput, NotAllowedNow
from repairkit.microresponses.events import MicroResponseAcknowledged, MicroResponseRecorded
from repairkit.microresponses.rules import MicroResponseRules
from repairkit.microresponses.table import (
    GIVER,
    MICRO_RESPONSE_WORKFLOW,
    RECEIVER,
    MicroResponseState,
)

__all__ = [
    "MicroResponse",
    "MicroResponseKind",
    "PartOfDay",
    "coarse_time",
    "iso_week",
    "micro_response_kind",
]

_S = MicroResponseState
Ev = TypeVar("Ev", bound=DomainEvent)


class MicroResponseKind(enum.StrEnum):
    """The four small acts of the practice (docs/practices.md, daily micro-responses)."""

    ACKNOWLEDGED_MOOD = "acknowledged a shift in mood"
    """Noticed and named a shift in the partner's mood."""
    REFLECTED_BACK = "reflected back"
    """Reflected back what one heard."""
    EXPRESSED_GRATITUDE = "expressed gratitude"
    """Thanked the partner for a small act of care."""
    TURNED_TOWARD = "turned toward a bid"
    """Turned toward a bid for connection."""


class PartOfDay(enum.StrEnum):
    """The coarse time of a micro-response, with its day (`MicroResponseRules` sets the hours)."""

    MORNING = "morning"
    AFTERNOON = "afternoon"
    EVENING = "evening"
    NIGHT = "night"


WEEK_FORMAT: Final = "{0:04d}-W{1:02d}"
"""An ISO week as text: "2026-W49"."""


def micro_response_kind(value: object) -> MicroResponseKind:
    """Return *value* as a `MicroResponseKind` (a member or its value), or `InvalidInput`."""
    if isinstance(value, MicroResponseKind):
        return value
    if isinstance(value, str) and value in MicroResponseKind._value2member_map_:
        return MicroResponseKind(value)
    kinds = ", ".join(repr(k.value) for k in MicroResponseKind)
    raise InvalidInput("kind", f"needs one of {kinds}.")


def iso_week(day: date) -> str:
    """Return the ISO week *day* falls in, as text ("2026-W49")."""
    year, week, _ = day.isocalendar()
    return WEEK_FORMAT.format(year, week)


def coarse_time(
    at: datetime, zone: tzinfo, rules: MicroResponseRules
) -> tuple[date, PartOfDay, datetime]:
    """Return *at*'s day and part of the day in *zone*, and the part's start (UTC).

    The night runs from ``night_from`` to the next morning: its hours after midnight
    belong to the new day's night, which starts at midnight.
    """
    local = at.astimezone(zone)
    hour = local.hour
    if hour < rules.morning_from:
        part, start = PartOfDay.NIGHT, 0
    elif hour < rules.afternoon_from:
        part, start = PartOfDay.MORNING, rules.morning_from
    elif hour < rules.evening_from:
        part, start = PartOfDay.AFTERNOON, rules.afternoon_from
    elif hour < rules.night_from:
        part, start = PartOfDay.EVENING, rules.evening_from
    else:
        part, start = PartOfDay.NIGHT, rules.night_from
    begins = datetime.combine(local.date(), time(start), tzinfo=zone).astimezone(UTC)
    return local.date(), part, begins


@attrs.define(eq=False, kw_only=True)
class MicroResponse(WorkflowObject):
    """One small act of attention, recorded by its giver."""

    WORKFLOW: ClassVar[Workflow] = MICRO_RESPONSE_WORKFLOW

    id: uuid.UUID
    relationship_id: uuid.UUID
    giver: PersonId
    """The partner who gave it and recorded it: it is theirs, and only they move it."""
    receiver: PersonId
    """The other partner: they read it once told, and may say they noticed it."""
    kind: MicroResponseKind
    words: str | None = None
    """The giver's own words about it, if any (gone once deleted)."""
    day: date
    """Its calendar day, in the couple's time zone."""
    part_of_day: PartOfDay
    week: str
    """Its ISO week ("2026-W49"), the index its counts are read by."""
    created_at: datetime
    """The start of its part of the day (UTC): no finer time is kept."""
    acknowledged: bool = False
    """Whether the receiver said "I noticed, thank you": a kindness, never owed; nothing
    lists, counts or reminds anyone of one not given."""
    for_appreciations: bool = False
    """Whether the receiver keeps it for their own appreciations at the next check-in
    (their choice alone: nobody else reads it)."""
    rules: MicroResponseRules = attrs.field(factory=MicroResponseRules, metadata=SETTING_IN_FORCE)
    """The relationship's rules in force, given whenever it is read (never stored)."""
    state: MicroResponseState = MicroResponseState.KEPT
    version: int = 0
    changed_at: datetime | None = None

    # -- who is who ---------------------------------------------------------------

    @property
    def participants(self) -> tuple[PersonId, PersonId]:
        """Its giver and the receiver."""
        return (self.giver, self.receiver)

    @property
    def private_to(self) -> PersonId | None:
        """Its giver, unless it is told: then nobody."""
        return None if self.state is _S.TOLD else self.giver

    def roles_of(self, actor: PersonId) -> frozenset[Role]:
        """Return the roles *actor* plays: its giver; the receiver, once told."""
        if actor == SYSTEM:
            return frozenset({REPAIRKIT})
        if actor == self.giver:
            return frozenset({GIVER, EITHER_PARTNER})
        if actor == self.receiver and self.visible_to(actor):
            return frozenset({RECEIVER, EITHER_PARTNER})
        return frozenset()

    def seen_by(self, person: PersonId) -> Self:
        """Return it as *person* may see it.

        To its giver: as it is, less whether the receiver keeps it for their
        appreciations (theirs alone). To anyone else: version 1, last changed at the
        start of its part of the day, so that nothing tells when, or how often, the
        giver recorded, told or took it back.
        """
        if person == self.giver:
            return attrs.evolve(self, for_appreciations=False)
        if person != self.receiver:
            return attrs.evolve(
                self, for_appreciations=False, version=1, changed_at=self.created_at
            )
        return attrs.evolve(self, version=1, changed_at=self.created_at)

    def version_seen_by(self, person: PersonId) -> int:
        """Return the version *person* knows it at, without copying it."""
        return self.version if person == self.giver else 1

    # -- conditions ---------------------------------------------------------------

    def can_make(self, trigger: str, actor: PersonId, at: datetime) -> bool:
        """Drop the acknowledgement once given: it is said once."""
        if trigger == "acknowledge" and self.acknowledged:
            return False
        return super().can_make(trigger, actor, at)

    def _begin(self, trigger: str, actor: PersonId, at: datetime) -> datetime:
        at = super()._begin(trigger, actor, at)
        if actor != SYSTEM and not self.can_make(trigger, actor, at):
            raise NotAllowedNow(
                kind=self.WORKFLOW.name,
                action=trigger,
                state=self.state.value,
                allowed=self.moves_open_to(actor, at),
                reason="You said you noticed this one already; thank you.",
            )
        return at

    def _event(
        self,
        cls: type[Ev],
        actor: PersonId,
        at: datetime,
        before: enum.StrEnum | None,
        **data: Any,  # noqa: ANN401 - each event type has its own fields
    ) -> Ev:
        """Record the move: every move of the giver's is private to them, told or not."""
        event = super()._event(cls, actor, at, before, **data)
        if actor == self.giver and event.private_to is None:
            return attrs.evolve(event, private_to=self.giver)
        return event

    # -- moves ----------------------------------------------------------------------

    @classmethod
    def record(
        cls,
        *,
        relationship_id: uuid.UUID,
        giver: PersonId,
        receiver: PersonId,
        kind: object,
        words: object,
        tell: object,
        at: datetime,
        zone: tzinfo,
        rules: MicroResponseRules,
    ) -> tuple[MicroResponse, MicroResponseRecorded]:
        """Record *giver*'s own small act at *at*: kept to themselves unless *tell*."""
        checked = micro_response_kind(kind)
        if words is not None and not isinstance(words, str):
            raise InvalidInput("words", "needs a text, or nothing.")
        text = check_text(words, "words", max_length=rules.max_words_length, optional=True)
        if not isinstance(tell, bool):
            raise InvalidInput("tell", "needs True or False.")
        day, part, begins = coarse_time(at, zone, rules)
        made = cls(
            id=new_id(),
            relationship_id=relationship_id,
            giver=giver,
            receiver=receiver,
            kind=checked,
            words=text,
            day=day,
            part_of_day=part,
            week=iso_week(day),
            created_at=begins,
            rules=rules,
            state=_S.TOLD if tell else _S.KEPT,
            version=1,
        )
        return made, made._event(MicroResponseRecorded, giver, at, None)

    def delete(self, *, actor: PersonId, at: datetime) -> DomainEvent:
        """Delete it (its giver): its words are gone, and it counts nowhere."""
        event = self.make("delete", actor=actor, at=at)
        self.words = None
        self.acknowledged = self.for_appreciations = False
        return event

    def acknowledge(
        self, *, actor: PersonId, at: datetime, to_appreciations: object = False
    ) -> MicroResponseAcknowledged:
        """Say "I noticed, thank you" (the receiver, once), keeping it for one's appreciations."""
        at = self._begin("acknowledge", actor, at)
        if not isinstance(to_appreciations, bool):
            raise InvalidInput("to_appreciations", "needs True or False.")
        before = self._fire("acknowledge", at)
        self.acknowledged, self.for_appreciations = True, to_appreciations
        return self._event(MicroResponseAcknowledged, actor, at, before)
