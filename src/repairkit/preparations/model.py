"""A check-in preparation: what one partner writes, in private, before a check-in.

The practice (Gottman's State of the Union, which opens with appreciations): before a
weekly check-in, each partner may note a few appreciations, what went right, and one
issue they want to raise. A preparation is its author's alone while they write it:
nobody else sees it, nor that it exists. Each entry is marked for sharing or kept
private. When both partners are ready, or when the check-in's time comes, the entries
each marked for sharing are revealed to both at the same moment (decided where the
other partner reads, `PreparationCommands`); entries kept private stay their author's.

What the other partner reads of a revealed preparation (`seen_by`) holds its shared
entries only, numbered among themselves, with no time but the check-in's own and
version 1: nothing tells how many private entries there were, nor when anything was
written or changed.
"""

from __future__ import annotations

import enum
import uuid
from datetime import UTC, datetime
from typing import ClassVar, Final, Self

import attrs

from repairkit.core.engine import EITHER_PARTNER, REPAIRKIT, Role, Workflow
from repairkit.core.entity import WorkflowObject
from repairkit.core.settings import SETTING_IN_FORCE
from repairkit.core.values import SYSTEM, PersonId, check_instant, check_text, new_id
from repairkit.errors import InvalidInput, NotAllowedNow
from repairkit.preparations.events import (
    EntryAdded,
    EntryKeptPrivate,
    EntryMarkedShared,
    EntryRemoved,
    EntryRevised,
    PreparationStarted,
)
from repairkit.preparations.rules import PreparationRules
from repairkit.preparations.table import AUTHOR, OPEN, PREPARATION_WORKFLOW, PreparationState

__all__ = ["OCCURRENCE", "Entry", "EntryKind", "Preparation", "entry_kind", "occurrence_key"]

OCCURRENCE: Final = "occurrence"
"""The index key a preparation is found by from its check-in (`Storage.load_keyed`)."""

_S = PreparationState


class EntryKind(enum.StrEnum):
    """What an entry of a preparation is."""

    APPRECIATION = "appreciation"
    """Something one appreciates about the partner."""
    WENT_RIGHT = "went right"
    """Something that went right between the two of them."""
    ISSUE = "issue"
    """An issue one wants to raise at the check-in."""


def entry_kind(value: object) -> EntryKind:
    """Return *value* as an `EntryKind` (its member or its value), or raise `InvalidInput`."""
    if isinstance(value, EntryKind):
        return value
    if isinstance(value, str) and value in EntryKind._value2member_map_:
        return EntryKind(value)
    kinds = ", ".join(repr(k.value) for k in EntryKind)
    raise InvalidInput("kind", "needs one of {kinds}.", kinds=kinds)


def occurrence_key(schedule_id: uuid.UUID, opens_at: datetime) -> str:
    """Return the index value of one check-in: its schedule and its start (UTC)."""
    return f"{schedule_id}:{opens_at.astimezone(UTC).isoformat()}"


@attrs.frozen(kw_only=True)
class Entry:
    """One entry of a preparation, in its author's words."""

    number: int
    """Its number in the preparation, from 1, stable while it lasts (never reused)."""
    kind: EntryKind
    words: str
    shared: bool
    """Whether it is revealed to the other partner (else it stays its author's alone)."""


@attrs.define(eq=False, kw_only=True)
class Preparation(WorkflowObject):
    """One partner's preparation for one check-in of an agreed schedule."""

    WORKFLOW: ClassVar[Workflow] = PREPARATION_WORKFLOW

    id: uuid.UUID
    relationship_id: uuid.UUID
    author: PersonId
    """The partner who prepares: it is theirs, and only they move it."""
    partner: PersonId
    """The other partner, who reads its shared entries once revealed."""
    schedule_id: uuid.UUID
    """The agreed check-in schedule it prepares for."""
    opens_at: datetime
    """The start of the check-in it prepares for (UTC): the reveal, at the latest."""
    rules: PreparationRules = attrs.field(factory=PreparationRules, metadata=SETTING_IN_FORCE)
    """The relationship's rules in force, given whenever it is read (never stored)."""
    created_at: datetime
    entries: tuple[Entry, ...] = ()
    next_number: int = 1
    """The number the next entry gets."""
    state: PreparationState = PreparationState.WRITING
    version: int = 0
    changed_at: datetime | None = None

    # -- who is who ---------------------------------------------------------------

    @property
    def participants(self) -> tuple[PersonId, PersonId]:
        """Its author and the partner."""
        return (self.author, self.partner)

    @property
    def private_to(self) -> PersonId | None:
        """Its author, until its check-in opened it with an entry to share: then nobody.

        Before that, the other partner reads it only once it is revealed, and as
        revealed (`seen_by`): whether it is, `PreparationCommands` decides as they read.
        """
        if self.state is _S.OPENED and self.shared_entries:
            return None
        return self.author

    @property
    def occurrence(self) -> str:
        """The index value of the check-in it prepares for (`occurrence_key`)."""
        return occurrence_key(self.schedule_id, self.opens_at)

    @property
    def shared_entries(self) -> tuple[Entry, ...]:
        """The entries marked for sharing, in their order."""
        return tuple(e for e in self.entries if e.shared)

    def roles_of(self, actor: PersonId) -> frozenset[Role]:
        """Return the roles *actor* plays: its author; the partner, once opened, only reads it."""
        if actor == SYSTEM:
            return frozenset({REPAIRKIT})
        if actor == self.author:
            return frozenset({AUTHOR, EITHER_PARTNER})
        return frozenset({EITHER_PARTNER}) if self.visible_to(actor) else frozenset()

    def aged(self, person: PersonId, now: datetime) -> Self:
        """Return it as read at *now*: opened once the check-in's time came, to everyone.

        repairkit's timer opens it (`kit.timers.run_due`); until it runs, a read after
        the check-in's start shows it opened all the same.
        """
        del person
        if self.state in OPEN and now >= self.opens_at:
            return attrs.evolve(self, state=_S.OPENED)
        return self

    def seen_by(self, person: PersonId) -> Self:
        """Return it as *person* may see it: to anyone but its author, its shared entries only.

        Numbered among themselves, at version 1, written and changed at the check-in's
        own time: nothing of what stayed private, nor of when, is left in it.
        """
        if person == self.author:
            return self
        shared = tuple(
            attrs.evolve(e, number=n) for n, e in enumerate(self.shared_entries, start=1)
        )
        return attrs.evolve(
            self,
            entries=shared,
            next_number=len(shared) + 1,
            version=1,
            created_at=self.opens_at,
            changed_at=self.opens_at,
        )

    def version_seen_by(self, person: PersonId) -> int:
        """Return the version *person* knows it at, without copying it."""
        return self.version if person == self.author else 1

    # -- conditions -------------------------------------------------------------------

    def before_session(self, at: datetime) -> bool:
        """Return whether the check-in's time is still to come at *at* (the table's guard)."""
        return at < self.opens_at

    def can_make(self, trigger: str, actor: PersonId, at: datetime) -> bool:
        """Drop the moves that no entry fits now: no room left, no entry to move."""
        if trigger == "add_entry" and all(self._full(kind) for kind in EntryKind):
            return False
        if trigger in ("revise_entry", "remove_entry") and not self.entries:
            return False
        if trigger == "mark_shared" and all(e.shared for e in self.entries):
            return False
        if trigger == "keep_private" and not self.shared_entries:
            return False
        return super().can_make(trigger, actor, at)

    def _full(self, kind: EntryKind) -> bool:
        limit = {
            EntryKind.APPRECIATION: self.rules.max_appreciations,
            EntryKind.WENT_RIGHT: self.rules.max_went_right,
            EntryKind.ISSUE: self.rules.max_issues,
        }[kind]
        return sum(1 for e in self.entries if e.kind is kind) >= limit

    def _begin(self, trigger: str, actor: PersonId, at: datetime) -> datetime:
        """Check as every move does, then that the check-in's time is still to come."""
        at = super()._begin(trigger, actor, at)
        reason = None
        if actor == SYSTEM:  # repairkit's own moves: the check-in's time, a partner leaving
            return at
        if not self.before_session(at):
            reason = "The check-in's time has come: this preparation is set."
        elif not self.can_make(trigger, actor, at):
            reason = {
                "add_entry": "This preparation holds as many entries of each kind as it can.",
                "mark_shared": "Every entry of this preparation is marked for sharing.",
                "keep_private": "No entry of this preparation is marked for sharing.",
            }.get(trigger, "This preparation has no entry to change.")
        if reason is not None:
            raise NotAllowedNow(
                kind=self.WORKFLOW.name,
                action=trigger,
                state=self.state.value,
                allowed=self.moves_open_to(actor, at),
                reason=reason,
            )
        return at

    def _entry(self, number: object) -> Entry:
        if not isinstance(number, int) or isinstance(number, bool):
            raise InvalidInput("entry", "needs the number of one of your entries.")
        for entry in self.entries:
            if entry.number == number:
                return entry
        raise InvalidInput("entry", "names no entry of this preparation.")

    def _words(self, words: object) -> str:
        if not isinstance(words, str):
            raise InvalidInput("words", "needs a text.")
        text = check_text(words, "words", max_length=self.rules.max_entry_length)
        assert text is not None  # noqa: S101 - a required text is never None
        return text

    def _new_entry(self, kind: object, words: object, share: object) -> Entry:
        checked = entry_kind(kind)
        if self._full(checked):
            raise InvalidInput(
                "kind", "has no room left in this preparation ({kind}).", kind=checked.value
            )
        if not isinstance(share, bool):
            raise InvalidInput("share", "needs True or False.")
        return Entry(number=self.next_number, kind=checked, words=self._words(words), shared=share)

    # -- writing ----------------------------------------------------------------------

    @classmethod
    def start(
        cls,
        *,
        relationship_id: uuid.UUID,
        author: PersonId,
        partner: PersonId,
        schedule_id: uuid.UUID,
        opens_at: datetime,
        rules: PreparationRules,
        at: datetime,
        kind: object,
        words: object,
        share: object,
    ) -> tuple[Preparation, PreparationStarted]:
        """Begin *author*'s preparation for the check-in at *opens_at*, with a first entry."""
        at = check_instant(at, "at")
        preparation = cls(
            id=new_id(),
            relationship_id=relationship_id,
            author=author,
            partner=partner,
            schedule_id=schedule_id,
            opens_at=opens_at.astimezone(UTC),
            rules=rules,
            created_at=at,
            version=1,
        )
        entry = preparation._new_entry(kind, words, share)
        preparation.entries, preparation.next_number = (entry,), entry.number + 1
        return preparation, preparation._event(PreparationStarted, author, at, None, entry=1)

    def add_entry(
        self, *, actor: PersonId, at: datetime, kind: object, words: object, share: object = True
    ) -> EntryAdded:
        """Add an entry (its author): kept private unless *share*."""
        at = self._begin("add_entry", actor, at)
        entry = self._new_entry(kind, words, share)
        before = self._fire("add_entry", at)
        self.entries, self.next_number = (*self.entries, entry), entry.number + 1
        return self._event(EntryAdded, actor, at, before, entry=entry.number)

    def revise_entry(
        self, *, actor: PersonId, at: datetime, entry: object, words: object
    ) -> EntryRevised:
        """Rewrite one entry's words (its author)."""
        at = self._begin("revise_entry", actor, at)
        found, text = self._entry(entry), self._words(words)
        before = self._fire("revise_entry", at)
        self._replace(attrs.evolve(found, words=text))
        return self._event(EntryRevised, actor, at, before, entry=found.number)

    def remove_entry(self, *, actor: PersonId, at: datetime, entry: object) -> EntryRemoved:
        """Take one entry out (its author): nothing of it is kept."""
        at = self._begin("remove_entry", actor, at)
        found = self._entry(entry)
        before = self._fire("remove_entry", at)
        self.entries = tuple(e for e in self.entries if e.number != found.number)
        return self._event(EntryRemoved, actor, at, before, entry=found.number)

    def mark_shared(self, *, actor: PersonId, at: datetime, entry: object) -> EntryMarkedShared:
        """Mark one entry to be shared at the reveal (its author)."""
        number, at, before = self._mark("mark_shared", actor, at, entry, shared=True)
        return self._event(EntryMarkedShared, actor, at, before, entry=number)

    def keep_private(self, *, actor: PersonId, at: datetime, entry: object) -> EntryKeptPrivate:
        """Keep one entry to oneself (its author): it is never revealed unless marked again."""
        number, at, before = self._mark("keep_private", actor, at, entry, shared=False)
        return self._event(EntryKeptPrivate, actor, at, before, entry=number)

    def _mark(
        self, trigger: str, actor: PersonId, at: datetime, entry: object, *, shared: bool
    ) -> tuple[int, datetime, enum.StrEnum]:
        at = self._begin(trigger, actor, at)
        found = self._entry(entry)
        if found.shared is shared:
            marked = "marked for sharing" if shared else "kept private"
            raise InvalidInput("entry", "names an entry {marked} already.", marked=marked)
        before = self._fire(trigger, at)
        self._replace(attrs.evolve(found, shared=shared))
        return found.number, at, before

    def _replace(self, entry: Entry) -> None:
        self.entries = tuple(entry if e.number == entry.number else e for e in self.entries)
