"""The aftermath of a repair, in Gottman's five steps (a base of `RepairCommitment`).

Each partner writes their own entry for the current step, private to them until they
share it (`write`, `share`; `pass_step` shares "nothing to add", neutral); a step is done
when both shared their part. In the realities step each then summarises the other's
reality, when the other described one, and validates part of it (`summarise`); in the
responsibility step the receiver accepts the apology or says what they still need
(`still_need`), for at most `RepairRules.responsibility_rounds` rounds. Writing before
sharing is a move only its author sees (`repairkit.core.hidden`): the other partner's
copy keeps its version and time.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from repairkit.core.events import DomainEvent
from repairkit.core.hidden import Hidden, hide
from repairkit.core.values import PersonId
from repairkit.errors import InvalidInput
from repairkit.repairs.entries import Entry, EntryKind
from repairkit.repairs.events import (
    EntryShared,
    EntryWritten,
    NeedSaid,
    RealitySummarised,
    StepPassed,
)
from repairkit.repairs.period import PracticePeriod
from repairkit.repairs.table import AFTERMATH, AftermathStep, RepairState

__all__ = ["Aftermath"]

Ev = TypeVar("Ev", bound=DomainEvent)

_S = RepairState


class Aftermath(PracticePeriod):
    """The aftermath's moves and guards; `RepairCommitment` holds the fields."""

    if not TYPE_CHECKING:  # slotted at run time; mypy then allows the fields' assignment
        __slots__ = ()

    entries: tuple[Entry, ...]
    round: int
    hidden: tuple[Hidden, ...]
    shared_at: datetime | None

    @property
    def participants(self) -> tuple[PersonId, PersonId]:
        """The responsible partner and the receiver."""
        return (self.responsible, self.receiver)

    def other(self, person: PersonId) -> PersonId:
        """Return the partner who is not *person*."""
        return self.receiver if person == self.responsible else self.responsible

    # -- the current step -------------------------------------------------------------

    @property
    def step(self) -> AftermathStep | None:
        """The aftermath's current step, if it is in one."""
        return AftermathStep(self.state.value) if self.state in AFTERMATH else None

    def _round_of(self, person: PersonId) -> int:
        if self.step is AftermathStep.RESPONSIBILITY and person == self.responsible:
            return self.round
        return 1

    def _mine(self, person: PersonId, *kinds: EntryKind) -> list[Entry]:
        step, round_ = self.step, self._round_of(person)
        return [
            e
            for e in self.entries
            if e.author == person and e.step is step and e.round == round_ and e.kind in kinds
        ]

    def done(self, person: PersonId) -> bool:
        """Return whether *person* shared their part of the current step."""
        return any(e.shared for e in self._mine(person, EntryKind.ENTRY, EntryKind.NOTHING_TO_ADD))

    def summarised(self, person: PersonId) -> bool:
        """Return whether *person* summarised the other's reality."""
        return any(e.author == person and e.kind is EntryKind.SUMMARY for e in self.entries)

    def to_summarise(self, person: PersonId) -> bool:
        """Return whether *person* still summarises the other's reality.

        Only a reality the other described is summarised: "nothing to add" asks for none.
        """
        other = self.other(person)
        described = any(
            e.author == other and e.step is AftermathStep.REALITIES and e.kind is EntryKind.ENTRY
            for e in self.entries
            if e.shared
        )
        return described and not self.summarised(person)

    # -- the table's guards -----------------------------------------------------------

    def completes_step(self, at: datetime) -> bool:
        """Whether one partner shared their part of this step: the other's share completes it."""
        del at
        return sum(self.done(p) for p in self.participants) == 1

    def completes_into_practice(self, at: datetime) -> bool:
        """Whether sharing completes the plan with a practice taken on."""
        return self.practice is not None and self.completes_step(at)

    def last_summary(self, at: datetime) -> bool:
        """Whether the summary being made is the last one the realities ask for."""
        del at
        return sum(self.to_summarise(p) for p in self.participants) == 1

    def nothing_to_summarise(self, at: datetime) -> bool:
        """Whether passing completes the realities with no reality described: none to summarise."""
        del at
        done = [p for p in self.participants if self.done(p)]
        return len(done) == 1 and not self._mine(done[0], EntryKind.ENTRY)

    def last_round(self, at: datetime) -> bool:
        """Whether this is the last round of answering the apology."""
        del at
        return self.round >= self.rules.responsibility_rounds

    def _event(
        self,
        cls: type[Ev],
        actor: PersonId,
        at: datetime,
        before: enum.StrEnum | None,
        **data: Any,  # noqa: ANN401 - each event type has its own fields
    ) -> Ev:
        """Record the move, made where both may see it (`_private` makes one that is not)."""
        event = super()._event(cls, actor, at, before, **data)
        self.shared_at = at
        return event

    def _private(self, event: DomainEvent, shared_before: datetime | None) -> DomainEvent:
        """Make *event* private to its actor: the other's view keeps its version and time."""
        self.shared_at = shared_before
        self.hidden = hide(self.hidden, event.actor, event.at)
        return attrs.evolve(event, private_to=event.actor)

    # -- the aftermath ----------------------------------------------------------------

    def write(self, *, actor: PersonId, at: datetime, step: object, words: object) -> DomainEvent:
        """Write (or rewrite) one's own entry for the current step: private until shared."""
        at = self._begin("write", actor, at)
        if step != self.step:
            current = self.step.value if self.step is not None else "none"
            raise InvalidInput(
                "step", "names another step than the current one ({current}).", current=current
            )
        text = self._words(words)
        shared_before = self.shared_at
        before = self._fire("write", at)
        mine = self._mine(actor, EntryKind.ENTRY)
        entry = Entry(
            author=actor,
            step=AftermathStep(self.state.value),
            kind=EntryKind.ENTRY,
            round=self._round_of(actor),
            words=text,
            shared=False,
        )
        self.entries = (*(e for e in self.entries if e not in mine), entry)
        return self._private(self._event(EntryWritten, actor, at, before), shared_before)

    def share(self, *, actor: PersonId, at: datetime) -> DomainEvent:
        """Share one's entry for the current step; the other's share completes the step."""
        at = self._begin("share", actor, at)
        (entry,) = [e for e in self._mine(actor, EntryKind.ENTRY) if not e.shared]
        before = self._fire("share", at)
        self.entries = tuple(
            attrs.evolve(e, shared=True) if e is entry else e for e in self.entries
        )
        self._entered(before, at)
        return self._event(EntryShared, actor, at, before)

    def pass_step(self, *, actor: PersonId, at: datetime) -> DomainEvent:
        """Share "nothing to add" for the current step (an unshared entry is let go)."""
        at = self._begin("pass_step", actor, at)
        step, round_ = self.step, self._round_of(actor)
        assert step is not None  # noqa: S101 - the table allows it in a step only
        mine = self._mine(actor, EntryKind.ENTRY)
        before = self._fire("pass_step", at)
        nothing = Entry(
            author=actor,
            step=step,
            kind=EntryKind.NOTHING_TO_ADD,
            round=round_,
            words=None,
            shared=True,
        )
        self.entries = (*(e for e in self.entries if e not in mine), nothing)
        self._entered(before, at)
        return self._event(StepPassed, actor, at, before)

    def summarise(self, *, actor: PersonId, at: datetime, words: object) -> DomainEvent:
        """Summarise the other's reality and validate part of it (shared at once)."""
        at = self._begin("summarise", actor, at)
        text = self._words(words)
        before = self._fire("summarise", at)
        summary = Entry(
            author=actor,
            step=AftermathStep.REALITIES,
            kind=EntryKind.SUMMARY,
            round=1,
            words=text,
            shared=True,
        )
        self.entries = (*self.entries, summary)
        return self._event(RealitySummarised, actor, at, before)

    def still_need(self, *, actor: PersonId, at: datetime, words: object) -> DomainEvent:
        """Say what one needs before accepting the apology (the receiver, shared at once).

        The responsible partner then answers in a new round; after the last round it goes
        to the check-in as the receiver's topic, and the steps go on to the plan.
        """
        at = self._begin("still_need", actor, at)
        text = self._words(words)
        before = self._fire("still_need", at)
        need = Entry(
            author=actor,
            step=AftermathStep.RESPONSIBILITY,
            kind=EntryKind.NEED,
            round=self.round,
            words=text,
            shared=True,
        )
        self.entries = (*self.entries, need)
        if self.state is _S.RESPONSIBILITY:
            self.round += 1
        return self._event(NeedSaid, actor, at, before)

    def carried_need(self) -> str | None:
        """Return the words of what the receiver needs, once they went to the check-in."""
        needs = [e.words for e in self.entries if e.kind is EntryKind.NEED and e.words]
        return needs[-1] if needs else None
