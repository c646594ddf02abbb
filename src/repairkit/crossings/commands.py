"""The Crossing workflow's commands, reached as ``kit.crossings``."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

import attrs

from repairkit.boundaries.model import Boundary
from repairkit.commands import WorkflowCommands
from repairkit.core.pressure import day_bounds
from repairkit.core.settings import RelationshipSettings
from repairkit.core.suggestions import when
from repairkit.core.values import PersonId, check_id, check_instant, check_person_id
from repairkit.crossings.events import RepairLinked
from repairkit.crossings.model import Crossed, Crossing
from repairkit.crossings.rules import CrossingRules
from repairkit.crossings.table import COUNTED, CrossingState
from repairkit.errors import InvalidInput, NotAllowedNow, NotFound

__all__ = ["REPAIR_KIND", "CrossingCommands", "CrossingCount"]

REPAIR_KIND = "repair"
"""The kind name of the repairs a crossing links to (`kit.repairs`), read through the registry."""

_ONE_PER_MOMENT = (CrossingState.NOTICED, *COUNTED)
"""The states in which a record holds its moment: no second one of it is made."""


_ENDED = frozenset({"declined", "withdrawn", "closed", "closed by leaving"})
"""A repair's states that end it with no repair made: no crossing links to one."""


@attrs.frozen(kw_only=True)
class CrossingCount:
    """How many crossings count inside the rolling window, and how many of them are one's own.

    Only owned or acknowledged crossings count, and only inside the window: there is no
    lifetime tally, and no count of the other partner's alone.
    """

    since: datetime
    """The start of the rolling window."""
    until: datetime
    counted: int
    """Crossings owned or acknowledged inside the window, by both partners together."""
    yours: int
    """Those of them the reader owned or acknowledged."""


class CrossingCommands(WorkflowCommands[Crossing]):
    """Crossings of a boundary: owned by the partner who crossed it, or noted by the other.

    Reach it as ``kit.crossings``. A note counts only once the partner it is about
    acknowledges it; past the rolling window (`CrossingRules.window_days`) a crossing
    settles, and only the partner it is about still sees it.
    """

    entity = Crossing

    def own(
        self,
        relationship_id: uuid.UUID,
        *,
        actor: PersonId,
        boundary_id: uuid.UUID,
        happened_at: datetime | None = None,
    ) -> Crossing:
        """Own a moment when *actor* went past a boundary in force: it counts."""
        return self._record(relationship_id, actor, boundary_id, happened_at, owned=True)

    def notice(
        self,
        relationship_id: uuid.UUID,
        *,
        actor: PersonId,
        boundary_id: uuid.UUID,
        happened_at: datetime | None = None,
    ) -> Crossing:
        """Note a moment when the other partner may have gone past a boundary in force.

        The other partner is told and acknowledges it (only then it counts) or sees it
        differently; unanswered within `CrossingRules.answer_days`, it lapses.
        """
        return self._record(relationship_id, actor, boundary_id, happened_at, owned=False)

    def acknowledge(self, crossing_id: uuid.UUID, *, actor: PersonId) -> Crossing:
        """Acknowledge a noted moment (the partner it is about): it counts."""
        return self._make(crossing_id, actor, "acknowledge")

    def see_differently(
        self, crossing_id: uuid.UUID, *, actor: PersonId, view: str | None = None
    ) -> Crossing:
        """See a noted moment differently, optionally saying how: it never counts."""
        return self._make(crossing_id, actor, "see_differently", view=view)

    def withdraw(self, crossing_id: uuid.UUID, *, actor: PersonId) -> Crossing:
        """Take back one's own record (whoever recorded it)."""
        return self._make(crossing_id, actor, "withdraw")

    def link_repair(
        self, crossing_id: uuid.UUID, *, actor: PersonId, repair_id: uuid.UUID
    ) -> Crossing:
        """Link the repair that follows a counted crossing (either partner).

        *repair_id* names a repair (``kit.repairs``) of the same relationship that *actor*
        may see, following this crossing or standing alone; anything else is refused with
        `InvalidInput`, alike for an id that names nothing, and nothing is stored.
        """
        repair_id = check_id(repair_id, "repair_id")
        actor = check_person_id(actor, "actor")

        def link(crossing: Crossing, now: datetime) -> RepairLinked:
            crossing.WORKFLOW.check(crossing, "link_repair", actor)  # who and when, first
            self._check_repair(crossing, repair_id, actor, now)
            return crossing.link_repair(actor=actor, at=now, repair_id=repair_id)

        return self._run(crossing_id, actor, link, "link_repair")

    def _check_repair(
        self, crossing: Crossing, repair_id: uuid.UUID, actor: PersonId, now: datetime
    ) -> None:
        """Refuse a repair id that names no repair this crossing may link to.

        The repair is read by its id through the registry (kind "repair"), so crossings
        name no other workflow's package: of this relationship, visible to *actor*, and
        following this crossing or nothing, whose responsible partner is the one the
        crossing is about, and not ended without a repair (`_ENDED`): a link never keeps
        a no next to a moment.
        """
        refused = InvalidInput(
            "repair_id", "names no repair of this relationship that follows this crossing."
        )
        spec = self._runner.workflows.by_name.get(REPAIR_KIND)
        if spec is None:
            raise refused
        try:
            repair: Any = self._runner.repository.load(spec.entity, repair_id)
        except NotFound:
            raise refused from None
        if repair.relationship_id != crossing.relationship_id or not repair.visible_at(actor, now):
            raise refused
        link = getattr(repair, "link", None)
        if link is not None and (link.kind != "crossing" or link.id != crossing.id):
            raise refused
        if getattr(repair, "responsible", None) != crossing.about or str(repair.state) in _ENDED:
            raise InvalidInput(
                "repair_id",
                "names a repair this crossing cannot follow: it must be the repair of the"
                " partner the crossing is about, open or completed (not one declined,"
                " taken back or closed).",
            )

    def counted(
        self,
        relationship_id: uuid.UUID,
        *,
        actor: PersonId,
        boundary_id: uuid.UUID | None = None,
    ) -> CrossingCount:
        """Count the crossings owned or acknowledged inside the rolling window."""
        relationship = self._runner.relationship(relationship_id, actor=actor)
        wanted = None if boundary_id is None else check_id(boundary_id, "boundary_id")
        now = self._runner.now()
        since = now - timedelta(days=relationship.settings.of(CrossingRules).window_days)
        counted = [
            c
            for c in self.find(relationship.id, actor=actor, states=list(COUNTED))
            # each by the window it was recorded under, as it settles by it
            if now < c.happened_at + timedelta(days=c.rules.window_days)
            and (wanted is None or c.crossed.id == wanted)
        ]
        mine = sum(1 for c in counted if c.about == actor)
        return CrossingCount(since=since, until=now, counted=len(counted), yours=mine)

    def _record(
        self,
        relationship_id: uuid.UUID,
        actor: PersonId,
        boundary_id: uuid.UUID,
        happened_at: datetime | None,
        *,
        owned: bool,
    ) -> Crossing:
        actor = check_person_id(actor, "actor")
        action = "own a crossing" if owned else "note a crossing"
        relationship = self._relationship_for(relationship_id, actor, action)
        boundary_id = check_id(boundary_id, "boundary_id")
        try:
            boundary = self._runner.repository.load(Boundary, boundary_id)
        except NotFound:
            boundary = None
        if (
            boundary is None
            or boundary.relationship_id != relationship.id
            or not boundary.visible_to(actor)  # a partner's draft: alike for one that is not
        ):
            raise InvalidInput("boundary_id", "names no boundary of this relationship.")
        if not boundary.in_force:
            raise InvalidInput(
                "boundary_id",
                "names a boundary that is not in force now; only those can be crossed.",
            )
        rules = relationship.settings.of(CrossingRules)
        now = self._runner.now()
        if happened_at is not None and boundary.agreed_at is not None:
            moment = check_instant(happened_at, "happened_at")
            if moment < boundary.agreed_at:
                raise InvalidInput(
                    "happened_at",
                    "lies before the boundary's words in force were agreed; only a moment"
                    " since then can cross them.",
                )
        other = relationship.other_partner(actor)
        crossing, event = Crossing.record(
            relationship_id=relationship.id,
            crossed=Crossed(kind="boundary", id=boundary.id),
            about=actor if owned else other,
            other=other if owned else actor,
            recorded_by=actor,
            happened_at=happened_at,
            rules=rules,
            at=now,
        )
        if not owned:  # the input is sound; now the limits on pressure
            self._check_pressure(relationship.id, actor, boundary.id, rules, now)
        self._check_one_per_moment(crossing, relationship.settings, "own" if owned else "notice")
        return self._add(crossing, event)

    def _check_one_per_moment(
        self, crossing: Crossing, settings: RelationshipSettings, action: str
    ) -> None:
        """Refuse a second record of one moment: the same boundary, person and day.

        While a record of that boundary about the same partner, on the same calendar day
        (in the couple's time zone), is open or counted (noted, owned or acknowledged),
        no other one is made: one moment counts once, and an acknowledgement is the
        answer to its note, never a crossing of its own. Read from the boundary's index
        (`Storage.load_keyed`), not from the history.
        """
        day = day_bounds(crossing.happened_at, settings)
        same = self._runner.repository.load_keyed(
            Crossing,
            crossing.relationship_id,
            crossing.crossed.kind,
            str(crossing.crossed.id),
            states=[s.value for s in _ONE_PER_MOMENT],
        )
        for earlier in same:
            if earlier.about == crossing.about and day_bounds(earlier.happened_at, settings) == day:
                raise NotAllowedNow(
                    kind="crossing",
                    action=action,
                    state=earlier.state.value,
                    allowed=(),
                    reason="This moment of this boundary is on record already; one moment"
                    " is recorded once. Another day's moment can be recorded.",
                )

    def _check_pressure(
        self,
        relationship_id: uuid.UUID,
        actor: PersonId,
        boundary_id: uuid.UUID,
        rules: CrossingRules,
        now: datetime,
    ) -> None:
        """Refuse a note while one of the same boundary awaits an answer, or soon after a no.

        Notes are how one partner could build a record against the other (safety rule
        6): one note per boundary awaits an answer at a time, and after the other saw
        one differently the noter waits `CrossingRules.reask_wait_hours`.
        """
        wait = timedelta(hours=rules.reask_wait_hours)
        pending = self._runner.repository.load_keyed(  # this boundary's notes only, oldest first
            Crossing,
            relationship_id,
            "boundary",
            str(boundary_id),
            states=[CrossingState.NOTICED.value, CrossingState.SEEN_DIFFERENTLY.value],
        )
        for earlier in pending:
            if earlier.recorded_by != actor or earlier.crossed.id != boundary_id:
                continue
            if earlier.state is CrossingState.NOTICED:
                reason = (
                    "A note of this boundary awaits an answer; another can follow once it"
                    " is answered or has lapsed."
                )
                raise NotAllowedNow(
                    kind="crossing", action="notice", state="noticed", allowed=(), reason=reason
                )
            answered = earlier.changed_at or earlier.created_at
            if earlier.state is CrossingState.SEEN_DIFFERENTLY and wait and now < answered + wait:
                opens = answered + wait
                raise NotAllowedNow(
                    kind="crossing",
                    action="notice",
                    state="seen differently",
                    allowed=(),
                    reason="A note of this boundary was seen differently a short while ago;"
                    " another can be made from {when}.",
                    params={"when": when(opens)},
                    possible_from=opens,
                )
