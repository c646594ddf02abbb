"""A third person in the couple's check-ins: a therapist or trusted mediator, by both's consent.

Either partner can ask for a third person at any time, alone (``kit.sessions``); this is
how one takes part. A partner proposes inviting them, saying who they are (`approach`)
and what the proposer consents to share; they take part only once the other partner
agrees, giving their own consent. What the third person may read is the intersection of
both partners' current consent, by category (`scope`): one partner alone never widens
it, and either alone narrows it at once. Either partner ends their part alone and at once
(never refused); they may step down themselves. They write entries of their own
(reflecting back what they heard, offering suggestions), seen by both partners, and make
no partner's move. They never see who proposed them, nor which partner consents to what.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, ClassVar, Final, Self, TypeVar

import attrs

from repairkit.core.engine import EITHER_PARTNER, REPAIRKIT, Role, Workflow
from repairkit.core.entity import WorkflowObject
from repairkit.core.events import DomainEvent
from repairkit.core.settings import SETTING_IN_FORCE, zone
from repairkit.core.suggestions import HeardNo, when
from repairkit.core.values import (
    SYSTEM,
    PersonId,
    check_instant,
    check_person_id,
    check_text,
    new_id,
)
from repairkit.errors import InvalidInput, NotAllowedNow
from repairkit.facilitators.events import (
    ConsentSet,
    FacilitatorEntryRemoved,
    FacilitatorInvited,
    FacilitatorProposed,
    ReflectionShared,
    SuggestionShared,
)
from repairkit.facilitators.rules import FacilitatorRules
from repairkit.facilitators.table import (
    AWAITED,
    FACILITATOR,
    FACILITATOR_WORKFLOW,
    PROPOSER,
    FacilitatorState,
)

__all__ = ["ENTRY_KINDS", "Facilitator", "FacilitatorEntry", "check_categories"]

_S = FacilitatorState
Ev = TypeVar("Ev", bound=DomainEvent)

ENTRY_KINDS: Final = {"reflect": "reflection", "suggest": "suggestion"}
"""The kind of entry each of the third person's writing moves keeps."""
_TOLD_BY_NAME: Final = frozenset({"remove", "close_by_leaving"})
"""The plain moves whose event names the third person, so that their notice is for them."""


@attrs.frozen(kw_only=True)
class FacilitatorEntry:
    """Words the third person wrote: theirs, read by both partners, never quoted."""

    number: int
    kind: str
    """"reflection" (what they heard, reflected back) or "suggestion"."""
    words: str
    at: datetime


def check_categories(value: object, known: Sequence[str]) -> tuple[str, ...]:
    """Return the categories *value* names, in *known*'s order, or raise `InvalidInput`."""
    listed = None if isinstance(value, str) else value
    if not isinstance(listed, list | tuple | set | frozenset) or not all(
        isinstance(c, str) and c in known for c in listed
    ):
        names = ", ".join(repr(c) for c in known) or "none in this kit"
        raise InvalidInput(
            "categories", "needs a list of categories to share, from: {names}.", names=names
        )
    return tuple(c for c in known if c in listed)


@attrs.define(eq=False, kw_only=True)
class Facilitator(WorkflowObject):
    """A third person proposed for, or taking part in, the couple's check-ins."""

    WORKFLOW: ClassVar[Workflow] = FACILITATOR_WORKFLOW

    id: uuid.UUID
    relationship_id: uuid.UUID
    partners: tuple[PersonId, PersonId]
    """The two partners (the proposer first; the third person reads them in sorted order)."""
    person: PersonId
    """The third person: never one of the partners."""
    approach: str
    """Who they are, in the proposer's words ("couples therapist, Gottman method")."""
    proposer: PersonId | None = None
    """The partner who proposed them (None in the third person's own view)."""
    consent: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    """Each partner's own consent, in the order of `partners`: the categories they agree
    to share (the third person reads `scope` in both places)."""
    rules: FacilitatorRules = attrs.field(factory=FacilitatorRules, metadata=SETTING_IN_FORCE)
    """The relationship's rules in force, given whenever it is read (never stored)."""
    time_zone: str = attrs.field(default="UTC", metadata=SETTING_IN_FORCE)
    """The couple's time zone in force (their calendar day), given whenever it is read."""
    created_at: datetime
    state: FacilitatorState = FacilitatorState.PROPOSED
    version: int = 0
    entries: tuple[FacilitatorEntry, ...] = ()
    """The third person's own entries, oldest first."""
    next_number: int = 1
    written_on: date | None = None
    """The couple's calendar day of the third person's latest entry."""
    written_that_day: int = 0
    """How many entries they wrote on that day (`FacilitatorRules.daily_entries`)."""
    heard_no: tuple[HeardNo, ...] = ()
    changed_at: datetime | None = None

    # -- who is who ---------------------------------------------------------------

    @property
    def scope(self) -> tuple[str, ...]:
        """What the third person may read now: the categories both partners consent to."""
        mine, theirs = self.consent
        return tuple(c for c in mine if c in theirs)

    def consent_of(self, partner: PersonId) -> tuple[str, ...]:
        """Return *partner*'s own consent (shared information between the two partners)."""
        return self.consent[self.partners.index(partner)]

    @property
    def invited(self) -> bool:
        """Return whether both agreed and nobody ended the third person's part since."""
        return self.state is _S.INVITED

    @property
    def participants(self) -> tuple[PersonId, ...]:
        """Both partners, and the third person while invited."""
        return (*self.partners, self.person) if self.invited else self.partners

    def visible_to(self, person: PersonId) -> bool:
        """Both partners always; the third person only while invited."""
        return person in self.partners or (person == self.person and self.invited)

    def seen_by(self, person: PersonId) -> Self:
        """Return the object as *person* may see it: the third person, without who chose what.

        They read the partners in sorted order, no proposer, and the scope in place of
        each partner's own consent.
        """
        if person != self.person or person in self.partners:
            return self
        first, second = sorted(self.partners)
        return attrs.evolve(
            self, partners=(first, second), proposer=None, consent=(self.scope, self.scope)
        )

    def version_seen_by(self, person: PersonId) -> int:
        """The version everyone knows: nothing in it is private to anyone."""
        del person
        return self.version

    def roles_of(self, actor: PersonId) -> frozenset[Role]:
        """Return the roles *actor* plays: partner, proposer, partner awaited, or facilitator."""
        if actor == SYSTEM:
            return frozenset({REPAIRKIT})
        if actor in self.partners:
            roles = {EITHER_PARTNER}
            if actor == self.proposer:
                roles.add(PROPOSER)
            elif self.state is _S.PROPOSED:
                roles.add(AWAITED)
            return frozenset(roles)
        if actor == self.person and self.invited:
            return frozenset({FACILITATOR})
        return frozenset()

    def asked(self) -> tuple[PersonId, ...]:
        """The partner whose answer is awaited, while the proposal waits."""
        if self.state is not _S.PROPOSED or self.proposer is None:
            return ()
        return tuple(p for p in self.partners if p != self.proposer)

    def audience(self, event: DomainEvent) -> tuple[PersonId, ...]:
        """Both partners but the actor; the third person when their part begins or ends."""
        people = [p for p in self.partners if p != event.actor]
        reaches = _S.INVITED.value in (event.from_state, event.to_state)
        if reaches and self.person != event.actor and self.person not in self.partners:
            people.append(self.person)
        return tuple(people)

    def event_data(self, trigger: str, at: datetime) -> dict[str, Any]:
        """Name the third person in the events whose notice is worded for them."""
        del at
        return {"facilitator": self.person} if trigger in _TOLD_BY_NAME else {}

    # -- what is open now --------------------------------------------------------------

    def can_make(self, trigger: str, actor: PersonId, at: datetime) -> bool:
        """Leave out writing past the rules' bounds, and taking out an entry when none is kept."""
        if trigger in ENTRY_KINDS and self._entry_refusal(at) is not None:
            return False
        if trigger == "remove_entry" and not self.entries:
            return False
        return super().can_make(trigger, actor, at)

    def _entry_refusal(self, at: datetime) -> tuple[str, datetime | None] | None:
        """Why no entry can be written at *at* (and from when one can), or None."""
        if len(self.entries) >= self.rules.max_entries:
            return (
                (
                    f"The third person keeps up to {self.rules.max_entries} entries at once;"
                    " taking one out makes room."
                ),
                None,
            )
        day = at.astimezone(zone(self.time_zone)).date()
        if self.written_on == day and self.written_that_day >= self.rules.daily_entries:
            following = datetime.combine(day + timedelta(days=1), time(0), zone(self.time_zone))
            return (
                (
                    f"The third person writes up to {self.rules.daily_entries} entries a day;"
                    f" the next one can go from {when(following.astimezone(UTC))}."
                ),
                following.astimezone(UTC),
            )
        return None

    # -- proposing and answering ------------------------------------------------------

    @classmethod
    def propose(
        cls,
        *,
        relationship_id: uuid.UUID,
        proposer: PersonId,
        partner: PersonId,
        person: object,
        approach: object,
        categories: object,
        known: Sequence[str],
        rules: FacilitatorRules,
        time_zone: str,
        at: datetime,
    ) -> tuple[Facilitator, FacilitatorProposed]:
        """Propose inviting *person*, with the categories the proposer consents to share."""
        at = check_instant(at, "at")
        person = check_person_id(person, "person")  # type: ignore[arg-type]
        if person in (proposer, partner):
            raise InvalidInput(
                "person", "names a partner in this relationship; the third person is someone else."
            )
        words = check_text(approach, "approach", max_length=rules.max_approach_length)  # type: ignore[arg-type]
        assert words is not None  # noqa: S101 - not optional
        facilitator = cls(
            id=new_id(),
            relationship_id=relationship_id,
            partners=(proposer, partner),
            person=person,
            approach=words,
            proposer=proposer,
            consent=(check_categories(categories, known), ()),
            rules=rules,
            time_zone=time_zone,
            created_at=at,
            version=1,
        )
        return facilitator, facilitator._event(FacilitatorProposed, proposer, at, None)

    def agree(
        self, *, actor: PersonId, at: datetime, categories: object, known: Sequence[str]
    ) -> FacilitatorInvited:
        """Agree to invite them, consenting to share *categories* (the awaited partner)."""
        at = self._begin("agree", actor, at)
        chosen = check_categories(categories, known)
        before = self._fire("agree", at)
        self._set_consent(actor, chosen)
        return self._event(FacilitatorInvited, actor, at, before, facilitator=self.person)

    def set_consent(
        self, *, actor: PersonId, at: datetime, categories: object, known: Sequence[str]
    ) -> ConsentSet:
        """Set *actor*'s own consent: narrowing applies at once; widening, up to the other's."""
        at = self._begin("consent", actor, at)
        chosen = check_categories(categories, known)
        if chosen == self.consent_of(actor):
            raise InvalidInput("categories", "is what you consent to share already.")
        before = self._fire("consent", at)
        self._set_consent(actor, chosen)
        return self._event(ConsentSet, actor, at, before)

    def _set_consent(self, partner: PersonId, categories: tuple[str, ...]) -> None:
        mine, theirs = self.consent
        self.consent = (categories, theirs) if partner == self.partners[0] else (mine, categories)

    # -- the third person's own entries ------------------------------------------------

    def reflect(self, *, actor: PersonId, at: datetime, words: object) -> ReflectionShared:
        """Reflect back what they heard, as an entry of their own (the third person)."""
        return self._write("reflect", ReflectionShared, actor, at, words)

    def suggest(self, *, actor: PersonId, at: datetime, words: object) -> SuggestionShared:
        """Offer a suggestion, as an entry of their own (the third person)."""
        return self._write("suggest", SuggestionShared, actor, at, words)

    def _write(
        self, trigger: str, cls: type[Ev], actor: PersonId, at: datetime, words: object
    ) -> Ev:
        at = self._begin(trigger, actor, at)
        text = check_text(words, "words", max_length=self.rules.max_entry_length)  # type: ignore[arg-type]
        assert text is not None  # noqa: S101 - not optional
        refusal = self._entry_refusal(at)
        if refusal is not None:
            raise NotAllowedNow(
                kind=self.WORKFLOW.name,
                action=trigger,
                state=self.state.value,
                allowed=self.moves_open_to(actor, at),
                reason=refusal[0],
                possible_from=refusal[1],
            )
        before = self._fire(trigger, at)
        day = at.astimezone(zone(self.time_zone)).date()
        entry = FacilitatorEntry(
            number=self.next_number, kind=ENTRY_KINDS[trigger], words=text, at=at
        )
        self.entries, self.next_number = (*self.entries, entry), entry.number + 1
        count = self.written_that_day if self.written_on == day else 0
        self.written_on, self.written_that_day = day, count + 1
        return self._event(cls, actor, at, before)

    def remove_entry(
        self, *, actor: PersonId, at: datetime, entry: object
    ) -> FacilitatorEntryRemoved:
        """Take one of their own entries out (the third person): nothing of it is kept."""
        at = self._begin("remove_entry", actor, at)
        if not self.entries:  # as `moves` says: nothing to take out
            raise NotAllowedNow(
                kind=self.WORKFLOW.name,
                action="remove_entry",
                state=self.state.value,
                allowed=self.moves_open_to(actor, at),
                reason="No entry of the third person's is kept here.",
            )
        if not isinstance(entry, int) or isinstance(entry, bool):
            raise InvalidInput("entry", "needs the number of one of your entries.")
        if not any(e.number == entry for e in self.entries):
            raise InvalidInput("entry", "names no entry kept here.")
        before = self._fire("remove_entry", at)
        self.entries = tuple(e for e in self.entries if e.number != entry)
        return self._event(FacilitatorEntryRemoved, actor, at, before)
