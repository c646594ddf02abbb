"""The check-in preparation's commands, reached as ``kit.preparations``."""

from __future__ import annotations

import uuid
from datetime import datetime

import attrs

from repairkit.checkins.model import CheckInSchedule
from repairkit.checkins.table import HOLDING
from repairkit.commands import WorkflowCommands
from repairkit.core.values import PersonId, check_id, check_person_id
from repairkit.errors import NotAllowedNow, NotFound
from repairkit.preparations.model import (
    OCCURRENCE,
    EntryKind,
    Preparation,
    occurrence_key,
)
from repairkit.preparations.rules import PreparationRules
from repairkit.preparations.table import OPEN, PreparationState

__all__ = ["PreparationCommands", "RevealedEntry", "SharedEntry"]

_S = PreparationState
_KIND_ORDER = {kind: index for index, kind in enumerate(EntryKind)}


@attrs.frozen(kw_only=True)
class SharedEntry:
    """One entry revealed at a check-in (`PreparationCommands.revealed`)."""

    author: PersonId
    """The partner who wrote it."""
    kind: EntryKind
    words: str


@attrs.frozen(kw_only=True)
class RevealedEntry:
    """An entry revealed to both partners, as a third person reads it: no author."""

    kind: EntryKind
    words: str


class PreparationCommands(WorkflowCommands[Preparation]):
    """Private preparations for a check-in, revealed to both partners at the same moment.

    Reach it as ``kit.preparations``. Each partner writes their own preparation for the
    next check-in of an agreed schedule (`write`). Nobody but its author reads it, nor
    learns that it exists, until it is revealed: when both partners' preparations for
    that check-in are ready, or when the check-in's time comes. The other partner then
    reads its entries marked for sharing, and only those; a preparation with none
    reveals nothing. ``ready`` and ``withdraw`` are plain moves
    (``kit.preparations.ready(preparation_id, actor=...)``).
    """

    entity = Preparation

    def write(
        self,
        relationship_id: uuid.UUID,
        *,
        actor: PersonId,
        schedule_id: uuid.UUID,
        kind: EntryKind | str,
        words: str,
        share: bool = True,
    ) -> Preparation:
        """Write an entry for the schedule's next check-in, in *actor*'s own preparation.

        The first entry begins the preparation (one per partner and check-in); later ones
        are added to it (`add_entry`). *kind* is "appreciation", "went right" or "issue";
        *share* says whether the entry is revealed to the partner (else it stays yours).
        Nobody is told.

        Raises:
            NotFound: *schedule_id* names no schedule of the relationship *actor* sees.
            NotAllowedNow: the schedule holds no check-in to come (not agreed, or ended),
                or one's preparation for it is set (ready).
            InvalidInput: *kind*, *words* or *share* does not fit, or the kind is full.
        """
        actor = check_person_id(actor, "actor")
        relationship = self._relationship_for(relationship_id, actor, "prepare a check-in")
        schedule = self._schedule(schedule_id, relationship.id, actor)
        now = self._runner.now()
        opens_at = next((s for s in schedule.upcoming(now, 2) if s > now), None)
        if opens_at is None:
            raise NotAllowedNow(
                kind=Preparation.WORKFLOW.name,
                action="write",
                state="",
                allowed=(),
                reason="This check-in schedule holds no check-in to come; agree one first.",
            )
        own = self._own(relationship.id, occurrence_key(schedule.id, opens_at), actor)
        if own is not None:
            return self.add_entry(own.id, actor=actor, kind=kind, words=words, share=share)
        preparation, event = Preparation.start(
            relationship_id=relationship.id,
            author=actor,
            partner=relationship.other_partner(actor),
            schedule_id=schedule.id,
            opens_at=opens_at,
            rules=relationship.settings.of(PreparationRules),
            at=now,
            kind=kind,
            words=words,
            share=share,
        )
        return self._add(preparation, event)

    def add_entry(
        self,
        preparation_id: uuid.UUID,
        *,
        actor: PersonId,
        kind: EntryKind | str,
        words: str,
        share: bool = True,
    ) -> Preparation:
        """Add an entry to one's preparation (while writing; up to the rules' limits)."""
        return self._make(preparation_id, actor, "add_entry", kind=kind, words=words, share=share)

    def revise_entry(
        self, preparation_id: uuid.UUID, *, actor: PersonId, entry: int, words: str
    ) -> Preparation:
        """Rewrite the words of entry number *entry* (its author, while writing)."""
        return self._make(preparation_id, actor, "revise_entry", entry=entry, words=words)

    def remove_entry(
        self, preparation_id: uuid.UUID, *, actor: PersonId, entry: int
    ) -> Preparation:
        """Take entry number *entry* out (its author, while writing): nothing of it is kept."""
        return self._make(preparation_id, actor, "remove_entry", entry=entry)

    def mark_shared(self, preparation_id: uuid.UUID, *, actor: PersonId, entry: int) -> Preparation:
        """Mark entry number *entry* to be revealed to the partner (its author, while writing)."""
        return self._make(preparation_id, actor, "mark_shared", entry=entry)

    def keep_private(
        self, preparation_id: uuid.UUID, *, actor: PersonId, entry: int
    ) -> Preparation:
        """Keep entry number *entry* to oneself (its author, while writing): never revealed."""
        return self._make(preparation_id, actor, "keep_private", entry=entry)

    # -- queries ------------------------------------------------------------------------

    def revealed(self, schedule_id: uuid.UUID, *, actor: PersonId) -> list[SharedEntry]:
        """Return the entries revealed for the schedule's current or next check-in.

        Both partners' entries marked for sharing, once revealed (none before): by kind
        (appreciations, what went right, issues), then by partner, then in each one's
        order. Nothing in the order tells who wrote first, or who was ready first.
        """
        actor = check_person_id(actor, "actor")
        schedule = self._schedule(schedule_id, None, actor)
        now = self._runner.now()
        upcoming = schedule.upcoming(now, 1)
        if not upcoming:
            return []
        found = self._runner.repository.load_keyed(
            Preparation,
            schedule.relationship_id,
            OCCURRENCE,
            occurrence_key(schedule.id, upcoming[0]),
            states=[_S.WRITING.value, _S.READY.value, _S.OPENED.value],
        )
        # One's own entries show once the partner's show, or the check-in's time came:
        # never because the partner, with nothing to share, is ready.
        theirs = [p for p in found if p.author != actor and self._listed(p, actor, now)]
        came = now >= upcoming[0] or _opened(schedule, upcoming[0])
        mine = [
            p for p in found if p.author == actor and (theirs or came) and self._revealed(p, now)
        ]
        entries = [
            (_KIND_ORDER[e.kind], p.author, e.number, e)
            for p in (self._as_seen(p, actor, now) for p in (*mine, *theirs))
            for e in p.shared_entries
        ]
        return [
            SharedEntry(author=author, kind=e.kind, words=e.words)
            for _, author, _, e in sorted(entries, key=lambda t: t[:3])
        ]

    def revealed_to_both(
        self, relationship_id: uuid.UUID, *, partners: tuple[PersonId, PersonId]
    ) -> list[RevealedEntry]:
        """Return the entries revealed to both partners for each agreed schedule's check-in.

        Only entries both partners read in `revealed` (nothing before the reveal, nothing
        kept private), as a third person reads them (`RevealedEntry`): by kind, then by
        their words, so that neither the order nor an author tells who wrote what, or how
        many (``kit.facilitators.shared``, "revealed entries").
        """
        schedules = self._runner.repository.load_all(
            CheckInSchedule, relationship_id, states=[state.value for state in HOLDING]
        )
        found: list[RevealedEntry] = []
        for schedule in schedules:
            first, second = (self.revealed(schedule.id, actor=p) for p in partners)
            found.extend(
                RevealedEntry(kind=entry.kind, words=entry.words)
                for entry in first
                if entry in second
            )
        return sorted(found, key=lambda e: (_KIND_ORDER[e.kind], e.words))

    # -- who reads what -----------------------------------------------------------------

    def _listed(self, obj: Preparation, actor: PersonId, now: datetime) -> bool:
        """Return whether *actor* may read *obj*: its author; the partner once it is revealed.

        The partner reads it only while it holds an entry marked for sharing: a
        preparation with none reveals nothing, not even that it exists.
        """
        if obj.visible_at(actor, now):
            return True
        if actor != obj.partner or not obj.shared_entries:
            return False
        return self._revealed(obj, now)

    def _revealed(self, obj: Preparation, now: datetime) -> bool:
        """Return whether *obj* is revealed at *now*: its check-in came or opened, both ready."""
        if obj.state is _S.OPENED:
            return True
        if obj.state not in OPEN:
            return False
        if now >= obj.opens_at:
            return True
        schedule = self._runner.repository.load(CheckInSchedule, obj.schedule_id)
        if _opened(schedule, obj.opens_at):
            return True
        if obj.state is not _S.READY:
            return False
        others = self._runner.repository.load_keyed(
            Preparation, obj.relationship_id, OCCURRENCE, obj.occurrence, states=[_S.READY.value]
        )
        return any(other.author == obj.partner for other in others)

    def _own(
        self, relationship_id: uuid.UUID, occurrence: str, actor: PersonId
    ) -> Preparation | None:
        """Return *actor*'s open preparation for the check-in *occurrence*, if any."""
        found = self._runner.repository.load_keyed(
            Preparation,
            relationship_id,
            OCCURRENCE,
            occurrence,
            states=[state.value for state in OPEN],
        )
        return next((p for p in found if p.author == actor), None)

    def _schedule(
        self, schedule_id: uuid.UUID, relationship_id: uuid.UUID | None, actor: PersonId
    ) -> CheckInSchedule:
        """Load the schedule, or `NotFound` if *actor* may not see it (alike for none)."""
        schedule_id = check_id(schedule_id, "schedule_id")
        try:
            schedule = self._runner.repository.load(CheckInSchedule, schedule_id)
        except NotFound:
            raise NotFound("schedule", schedule_id) from None
        if relationship_id is not None and schedule.relationship_id != relationship_id:
            raise NotFound("schedule", schedule_id)
        if not schedule.visible_at(actor, self._runner.now()):
            raise NotFound("schedule", schedule_id)
        return schedule


def _opened(schedule: CheckInSchedule, opens_at: datetime) -> bool:
    """Return whether a session opened, before its time, the check-in starting at *opens_at*.

    A session opened for the schedule's next check-in holds it (`CheckInSchedule.held`):
    the preparations for it are revealed then, as when its time comes.
    """
    return schedule.held and schedule.passes_at is not None and opens_at < schedule.passes_at
