"""A pause before reacting: a person records, for themselves only, that they paused.

The practice (docs/practices.md, the shared goal: "learning to pause before
reacting"): a person notes that they paused before reacting, and may name which of
their own triggers it was. It is theirs alone, always: the other partner is never
told, and nothing of it reaches them (not a count, a time or a version).

Their own counts (`PauseCounts`, ``kit.pauses.counts``) are visible to them alone and
cover a rolling window (`PauseRules.window_days`): no streaks, no "days in a row", no
"missed", no lifetime tally. Past the window a pause ages out (``run_due``), as
setbacks do (docs/safety.md, rule 10): it counts nowhere, and its record stays theirs.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import ClassVar

import attrs

from repairkit.core.engine import REPAIRKIT, Role, Workflow
from repairkit.core.entity import WorkflowObject
from repairkit.core.settings import SETTING_IN_FORCE
from repairkit.core.values import SYSTEM, PersonId, check_instant, check_person_id, new_id
from repairkit.triggers.events import PauseRecorded
from repairkit.triggers.rules import PauseRules
from repairkit.triggers.table import OWNER, PAUSE_WORKFLOW, PauseState

__all__ = ["Pause", "PauseCounts", "TriggerPauses"]


@attrs.define(eq=False, kw_only=True)
class Pause(WorkflowObject):
    """One pause before reacting, as its ``person`` recorded it: theirs alone."""

    WORKFLOW: ClassVar[Workflow] = PAUSE_WORKFLOW

    id: uuid.UUID
    relationship_id: uuid.UUID
    person: PersonId
    """The person who paused, and who alone reads it."""
    trigger_id: uuid.UUID | None = None
    """One of their own triggers, if they named it (`repairkit.triggers.Trigger`)."""
    rules: PauseRules = attrs.field(factory=PauseRules, metadata=SETTING_IN_FORCE)
    """The relationship's rules in force, given whenever it is read (never stored)."""
    created_at: datetime
    """When it was recorded."""
    state: PauseState = PauseState.RECORDED
    version: int = 0
    changed_at: datetime | None = None

    @property
    def participants(self) -> tuple[PersonId]:
        """Its person alone."""
        return (self.person,)

    @property
    def private_to(self) -> PersonId:
        """Its person, always."""
        return self.person

    def visible_to(self, person: PersonId) -> bool:
        """Return whether *person* may read it: its person alone."""
        return person == self.person

    def roles_of(self, actor: PersonId) -> frozenset[Role]:
        """Return the roles *actor* plays: its person (the owner), or none."""
        if actor == SYSTEM:
            return frozenset({REPAIRKIT})
        return frozenset({OWNER}) if actor == self.person else frozenset()

    @property
    def ages_out_at(self) -> datetime:
        """When it leaves the rolling window (`PauseRules.window_days` after it was recorded)."""
        return self.created_at + timedelta(days=self.rules.window_days)

    def counts_at(self, now: datetime) -> bool:
        """Return whether it counts at *now*: recorded, and inside the rolling window."""
        return self.state is PauseState.RECORDED and now < self.ages_out_at

    @classmethod
    def record(
        cls,
        *,
        relationship_id: uuid.UUID,
        person: PersonId,
        trigger_id: uuid.UUID | None,
        rules: PauseRules,
        at: datetime,
    ) -> tuple[Pause, PauseRecorded]:
        """Record a pause before reacting; only *person* ever reads it."""
        at = check_instant(at, "at")
        person = check_person_id(person, "actor")
        pause = cls(
            id=new_id(),
            relationship_id=relationship_id,
            person=person,
            trigger_id=trigger_id,
            rules=rules,
            created_at=at,
            version=1,
        )
        return pause, pause._event(PauseRecorded, person, at, None, trigger_id=trigger_id)


@attrs.frozen(kw_only=True)
class TriggerPauses:
    """How often a person paused, naming one trigger of theirs, inside the window."""

    trigger_id: uuid.UUID
    paused: int


@attrs.frozen(kw_only=True)
class PauseCounts:
    """A person's own counts of pausing before reacting, over the rolling window.

    Visible to them alone. Totals only: no streaks, no days in a row, nothing missed,
    and nothing older than the window.
    """

    window_days: int
    """How far back the counts reach (`PauseRules.window_days`)."""
    since: datetime
    """The start of the window: *now* less ``window_days``."""
    paused: int
    """How many pauses they recorded inside the window (taken back ones left out)."""
    by_trigger: tuple[TriggerPauses, ...]
    """Those that named one of their triggers, per trigger, most first."""

    @classmethod
    def of(cls, pauses: Iterable[Pause], *, rules: PauseRules, now: datetime) -> PauseCounts:
        """Count *pauses* (one person's) that count at *now*."""
        counting = [p for p in pauses if p.counts_at(now)]
        named = Counter(p.trigger_id for p in counting if p.trigger_id is not None)
        ordered = sorted(named.items(), key=lambda item: (-item[1], str(item[0])))
        return cls(
            window_days=rules.window_days,
            since=now - timedelta(days=rules.window_days),
            paused=len(counting),
            by_trigger=tuple(TriggerPauses(trigger_id=t, paused=n) for t, n in ordered),
        )
