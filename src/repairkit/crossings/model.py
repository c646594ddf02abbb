"""A crossing: a record that a boundary was crossed, which counts only once owned.

The practice (docs/practices.md, on boundaries): a crossing is recorded without
shaming and leads to repair. repairkit's safety rules decide who it counts against:
the partner who crossed a boundary can own it (it counts); the other can only note it,
and the partner it is about is told and acknowledges it (it counts) or sees it
differently (it never counts, and goes to the check-in). The noter can take a note
back; unanswered within `CrossingRules.answer_days` it lapses. Counts reach back only
over `CrossingRules.window_days`; past that window a crossing settles, and from then
on only the partner it is about can see it: no lifetime tally reaches the other.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import ClassVar, Literal

import attrs

from repairkit.core.engine import EITHER_PARTNER, REPAIRKIT, Role, Workflow
from repairkit.core.entity import WorkflowObject
from repairkit.core.events import DomainEvent
from repairkit.core.settings import SETTING_IN_FORCE
from repairkit.core.values import (
    SYSTEM,
    PersonId,
    check_instant,
    check_person_id,
    check_text,
    new_id,
)
from repairkit.crossings.events import (
    CrossingAcknowledged,
    CrossingNoticed,
    CrossingOwned,
    CrossingSeenDifferently,
    CrossingWithdrawn,
    RepairLinked,
)
from repairkit.crossings.rules import CrossingRules
from repairkit.crossings.table import ABOUT, COUNTED, CROSSING_WORKFLOW, RECORDER, CrossingState
from repairkit.errors import InvalidInput

__all__ = ["Crossed", "Crossing", "RepairLink"]

_S = CrossingState


@attrs.frozen(kw_only=True)
class Crossed:
    """What was crossed: a boundary (an accountability item, once that workflow exists)."""

    kind: Literal["boundary"]
    id: uuid.UUID


@attrs.frozen(kw_only=True)
class RepairLink:
    """The repair that follows a crossing: a RepairCommitment's id (`kit.repairs`)."""

    kind: Literal["repair"]
    id: uuid.UUID


@attrs.define(eq=False, kw_only=True)
class Crossing(WorkflowObject):
    """A record that the partner it is ``about`` crossed a boundary."""

    WORKFLOW: ClassVar[Workflow] = CROSSING_WORKFLOW

    id: uuid.UUID
    relationship_id: uuid.UUID
    crossed: Crossed
    about: PersonId
    """The partner who crossed it (or is said to have)."""
    other: PersonId
    """The other partner of the relationship."""
    recorded_by: PersonId
    """``about`` when owned; ``other`` when noticed."""
    happened_at: datetime
    """When the moment was, as the recorder said: the rolling window counts from here."""
    created_at: datetime
    rules: CrossingRules = attrs.field(factory=CrossingRules, metadata=SETTING_IN_FORCE)
    state: CrossingState = CrossingState.NOTICED
    version: int = 0
    view: str | None = None
    """The words of the partner it is about, when they see it differently (for the check-in)."""
    repair: RepairLink | None = None
    changed_at: datetime | None = None

    # -- who is who ---------------------------------------------------------------

    @property
    def participants(self) -> tuple[PersonId, PersonId]:
        """The partner it is about, and the other."""
        return (self.about, self.other)

    @property
    def private_to(self) -> PersonId | None:
        """The partner it is about, once it settled."""
        return self.about if self.state is _S.SETTLED else None

    def visible_to(self, person: PersonId) -> bool:
        """Return whether *person* may see it: both partners, until it settles."""
        if self.state is _S.SETTLED:
            return person == self.about
        return person in (self.about, self.other)

    def aged_out(self, event: DomainEvent, person: PersonId, now: datetime) -> bool:
        """Return whether *event* (any of its story) has aged out for *person* at *now*.

        Once it settled, or its window passed (before `run_due` settles it), only the
        partner it is about reads its events, `relationship_events` included.
        """
        del event
        return person != self.about and (self.state is _S.SETTLED or self.window_passed(now))

    def visible_at(self, person: PersonId, now: datetime) -> bool:
        """Return whether *person* may read it at *now*: past its window, only its subject."""
        if person == self.about or self.state is _S.NOTICED:
            return self.visible_to(person)
        return self.visible_to(person) and now < self.settles_at

    def roles_of(self, actor: PersonId) -> frozenset[Role]:
        """Return the roles *actor* plays: the one it is about, the recorder, either partner."""
        if actor == SYSTEM:
            return frozenset({REPAIRKIT})
        if not self.visible_to(actor):
            return frozenset()
        roles = {EITHER_PARTNER}
        if actor == self.about:
            roles.add(ABOUT)
        if actor == self.recorded_by:
            roles.add(RECORDER)
        return frozenset(roles)

    def asked(self) -> tuple[PersonId, ...]:
        """The partner it is about, while a note of it awaits their answer."""
        return (self.about,) if self.state is _S.NOTICED else ()

    @property
    def counts(self) -> bool:
        """Return whether it counts (owned or acknowledged, and not settled)."""
        return self.state in COUNTED

    # -- time -----------------------------------------------------------------------

    @property
    def answer_by(self) -> datetime:
        """When a note of it lapses unanswered."""
        return self.created_at + timedelta(days=self.rules.answer_days)

    @property
    def settles_at(self) -> datetime:
        """When it leaves the rolling window (never before a note's answer time)."""
        return max(self.happened_at + timedelta(days=self.rules.window_days), self.answer_by)

    def window_passed(self, at: datetime) -> bool:
        """Return whether it left the rolling window by *at*."""
        return at >= self.settles_at

    # -- recording ------------------------------------------------------------------

    @classmethod
    def record(
        cls,
        *,
        relationship_id: uuid.UUID,
        crossed: Crossed,
        about: PersonId,
        other: PersonId,
        recorded_by: PersonId,
        happened_at: datetime | None,
        rules: CrossingRules,
        at: datetime,
    ) -> tuple[Crossing, CrossingOwned | CrossingNoticed]:
        """Record a crossing: owned when *recorded_by* is *about*, else noticed."""
        at = check_instant(at, "at")
        recorded_by = check_person_id(recorded_by, "actor")
        when = at if happened_at is None else check_instant(happened_at, "happened_at")
        if when > at:
            raise InvalidInput(
                "happened_at", "lies ahead; a crossing is recorded once it happened."
            )
        if when < at - timedelta(days=rules.window_days):
            raise InvalidInput(
                "happened_at",
                "is more than {days} days ago, outside the rolling window;"
                " such a moment no longer counts anywhere.",
                days=rules.window_days,
            )
        owned = recorded_by == about
        crossing = cls(
            id=new_id(),
            relationship_id=relationship_id,
            crossed=crossed,
            about=about,
            other=other,
            recorded_by=recorded_by,
            happened_at=when,
            created_at=at,
            rules=rules,
            state=_S.OWNED if owned else _S.NOTICED,
            version=1,
        )
        if owned:
            return crossing, crossing._event(
                CrossingOwned, recorded_by, at, None, boundary_id=crossed.id
            )
        return crossing, crossing._event(
            CrossingNoticed, recorded_by, at, None, boundary_id=crossed.id, about=about
        )

    # -- moves ----------------------------------------------------------------------

    def acknowledge(self, *, actor: PersonId, at: datetime) -> CrossingAcknowledged:
        """Acknowledge the noted moment: from now it counts, inside the window."""
        return self._move("acknowledge", actor, at, CrossingAcknowledged)

    def see_differently(
        self, *, actor: PersonId, at: datetime, view: str | None = None
    ) -> CrossingSeenDifferently:
        """See the noted moment differently, optionally saying how: it never counts."""
        at = self._begin("see_differently", actor, at)
        words = check_text(view, "view", max_length=self.rules.max_text_length, optional=True)
        before = self._fire("see_differently", at)
        self.view = words
        return self._event(CrossingSeenDifferently, actor, at, before)

    def withdraw(self, *, actor: PersonId, at: datetime) -> CrossingWithdrawn:
        """Take back one's own record of it (whoever recorded it)."""
        return self._move("withdraw", actor, at, CrossingWithdrawn)

    def link_repair(self, *, actor: PersonId, at: datetime, repair_id: uuid.UUID) -> RepairLinked:
        """Link the repair that follows it (either partner; a later link replaces it)."""
        at = self._begin("link_repair", actor, at)
        if not isinstance(repair_id, uuid.UUID):
            raise InvalidInput("repair_id", "needs the id of a repair (a UUID).")
        before = self._fire("link_repair", at)
        self.repair = RepairLink(kind="repair", id=repair_id)
        return self._event(RepairLinked, actor, at, before, repair_id=repair_id)
