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
from datetime import date, datetime, tzinfo
from typing import Any, ClassVar, Final, Self, TypeVar

import attrs

from repairkit.core.dayparts import PartOfDay, moment_of, moment_start
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


_REFUSALS: Final = {
    "acknowledge": "You said you noticed this one already; thank you.",
    "untell": "Your partner said they noticed this one, so its telling stays; deleting it is open.",
}

WEEK_FORMAT: Final = "{0:04d}-W{1:02d}"
"""An ISO week as text: "2026-W49"."""


def micro_response_kind(value: object) -> MicroResponseKind:
    """Return *value* as a `MicroResponseKind` (a member or its value), or `InvalidInput`."""
    if isinstance(value, MicroResponseKind):
        return value
    if isinstance(value, str) and value in MicroResponseKind._value2member_map_:
        return MicroResponseKind(value)
    kinds = ", ".join(repr(k.value) for k in MicroResponseKind)
    raise InvalidInput("kind", "needs one of {kinds}.", kinds=kinds)


def iso_week(day: date) -> str:
    """Return the ISO week *day* falls in, as text ("2026-W49")."""
    year, week, _ = day.isocalendar()
    return WEEK_FORMAT.format(year, week)


def coarse_time(
    at: datetime, zone: tzinfo, rules: MicroResponseRules
) -> tuple[date, PartOfDay, datetime]:
    """Return *at*'s day and part of the day in *zone*, and the part's start (UTC).

    As the log reads it (`repairkit.core.moment_of`): the night runs from
    ``night_from`` to the next morning and belongs to the day it began on, so its
    hours after midnight are the night of the day before.
    """
    starts = rules.part_starts
    day, part = moment_of(at, zone, starts)
    return day, part, moment_start(day, part, zone, starts)


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
    shown: int = 0
    """How many of its moves the receiver reads: their acknowledgement, and a deletion
    after it (every other move of the giver's is private to them)."""
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
        """Its giver, unless it is told, or the receiver acknowledged it: then nobody.

        The receiver's acknowledgement is their own record: it stays in their sight,
        even once the giver deleted the micro-response (its words gone).
        """
        return None if self.state is _S.TOLD or self.acknowledged else self.giver

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
        appreciations (theirs alone). To anyone else: version 1 (one more per move they
        read) and no time of any move (``changed_at`` None), so that nothing tells when,
        or how often, the giver recorded, told or took it back: its day and part of the
        day are its only time.
        """
        if person == self.giver:
            return attrs.evolve(self, for_appreciations=False)
        if person != self.receiver:
            return attrs.evolve(
                self,
                for_appreciations=False,
                version=self.version_seen_by(person),
                changed_at=None,
            )
        return attrs.evolve(self, version=self.version_seen_by(person), changed_at=None)

    def version_seen_by(self, person: PersonId) -> int:
        """Return the version *person* knows it at: one, and one more per move they read."""
        return self.version if person == self.giver else 1 + self.shown

    # -- conditions ---------------------------------------------------------------

    def can_make(self, trigger: str, actor: PersonId, at: datetime) -> bool:
        """Drop the acknowledgement once given (it is said once), and then the untelling.

        Once acknowledged, the receiver's thanks is theirs: the giver may still delete
        the micro-response, but no longer keep it to themselves as if never told.
        """
        if trigger in ("acknowledge", "untell") and self.acknowledged:
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
                reason=_REFUSALS.get(trigger, "This move is not open on it now."),
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
        """Record the move: every move of the giver's is private to them, told or not.

        Only once the receiver acknowledged it do they read a move of the giver's (its
        deletion), and `shown` counts each move they read.
        """
        event = super()._event(cls, actor, at, before, **data)
        if actor == self.giver and not self.acknowledged:
            event = attrs.evolve(event, private_to=self.giver)
        if event.private_to is None:
            self.shown += 1
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
        self.words, self.for_appreciations = None, False
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
