"""The relationship: two partners, and the settings their workflows use.

A relationship starts by invitation: the person who invites is the first partner,
the person invited the second; it is active only once the second accepts.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import ClassVar, TypeVar

import attrs

from repairkit.core.engine import EITHER_PARTNER, Role, Workflow
from repairkit.core.entity import WorkflowObject
from repairkit.core.events import DomainEvent
from repairkit.core.quiet import QuietHours
from repairkit.core.relationship_events import (
    InvitationAccepted,
    InvitationDeclined,
    InvitationWithdrawn,
    PartnerCameBack,
    PartnerInvited,
    PartnerLeft,
    PartnerPaused,
    QuietHoursSet,
    SettingsChanged,
    SettingsConsentWithdrawn,
    SettingsDeclined,
    SettingsProposed,
    SettingsWithdrawn,
)
from repairkit.core.relationship_table import (
    INVITED,
    INVITER,
    PAUSED,
    RELATIONSHIP_WORKFLOW,
    SETTINGS_ASKED,
    SETTINGS_PROPOSER,
    RelationshipState,
)
from repairkit.core.settings import RelationshipRules, RelationshipSettings
from repairkit.core.suggestions import HeardNo
from repairkit.core.values import PersonId, check_instant, check_person_id, new_id
from repairkit.errors import InvalidInput, NotAllowedNow, NotFound

E = TypeVar("E", bound=DomainEvent)

__all__ = [
    "RELATIONSHIP_WORKFLOW",
    "Relationship",
    "RelationshipState",
    "SettingsProposal",
]


@attrs.frozen(kw_only=True)
class SettingsProposal:
    """Settings one partner suggested, awaiting the other's answer."""

    settings: RelationshipSettings
    proposed_by: PersonId
    at: datetime


@attrs.define(eq=False, kw_only=True)
class Relationship(WorkflowObject):
    """Two partners, identified by the app's own ids, and their settings."""

    WORKFLOW: ClassVar[Workflow] = RELATIONSHIP_WORKFLOW

    id: uuid.UUID
    partners: tuple[PersonId, PersonId]
    settings: RelationshipSettings
    created_at: datetime
    state: RelationshipState = RelationshipState.ACTIVE
    version: int = 0
    changed_at: datetime | None = None
    """When the last change was made (None in rows written before 0.2)."""
    proposal: SettingsProposal | None = None
    """Settings one partner suggested, until the other answers (or it is withdrawn)."""
    paused: tuple[PersonId, ...] = ()
    """The partners who paused (why is never recorded)."""
    quiet_hours: tuple[tuple[PersonId, QuietHours], ...] = ()
    """Each partner's own quiet hours, if they set any; private to that partner."""
    private_moves: tuple[tuple[PersonId, int], ...] = ()
    """How many private moves each partner made (quiet hours), so the other's copy can
    leave them out of its version."""
    heard_no: tuple[HeardNo, ...] = ()
    """A recent no to suggested settings: who suggested them waits (safety rule 6)."""

    @property
    def relationship_id(self) -> uuid.UUID:  # type: ignore[override]
        """A relationship belongs to itself (so every stored object has this field)."""
        return self.id

    @property
    def participants(self) -> tuple[PersonId, PersonId]:
        """The two partners."""
        return self.partners

    def other_partner(self, person: PersonId) -> PersonId:
        """Return the partner who is not *person*."""
        first, second = self.partners
        return second if person == first else first

    def quiet_hours_of(self, person: PersonId) -> QuietHours | None:
        """Return *person*'s own quiet hours, or None if they set none."""
        for owner, hours in self.quiet_hours:
            if owner == person:
                return hours
        return None

    def seen_by(self, person: PersonId) -> Relationship:
        """Return a copy of the relationship as *person* may see it.

        The copy lacks the other partner's quiet hours (private to them) and their
        pause (they heard "paused" once; when it ends is the pausing partner's own: coming
        back tells the other nothing), and its version leaves out their private moves;
        the stored relationship is left as it is.
        """
        others = sum(count for who, count in self.private_moves if who != person)
        return attrs.evolve(
            self,
            version=self.version - others,
            paused=tuple(p for p in self.paused if p == person),
            quiet_hours=tuple(item for item in self.quiet_hours if item[0] == person),
            private_moves=tuple(item for item in self.private_moves if item[0] == person),
        )

    @property
    def inviter(self) -> PersonId:
        """The person who invited the other (the first partner)."""
        return self.partners[0]

    @property
    def invited(self) -> PersonId:
        """The person invited (the second partner)."""
        return self.partners[1]

    @property
    def is_active(self) -> bool:
        """Whether both use repairkit together now: accepted, and nobody left."""
        return self.state is RelationshipState.ACTIVE

    @property
    def is_over(self) -> bool:
        """Whether it is over for good: declined, withdrawn, or a partner left."""
        return self.state not in (RelationshipState.INVITED, RelationshipState.ACTIVE)

    def roles_of(self, actor: PersonId) -> frozenset[Role]:
        """Return the roles *actor* plays in the relationship (empty for an outsider)."""
        if actor not in self.partners:
            return frozenset()
        if self.state is RelationshipState.INVITED:
            return frozenset({INVITER if actor == self.inviter else INVITED})
        roles = {EITHER_PARTNER}
        if self.proposal is not None:
            roles.add(SETTINGS_PROPOSER if actor == self.proposal.proposed_by else SETTINGS_ASKED)
        if actor in self.paused:
            roles.add(PAUSED)
        return frozenset(roles)

    @property
    def reask_wait(self) -> timedelta:
        """How long, after a no to suggested settings, their proposer waits (its rules)."""
        return timedelta(hours=self.settings.of(RelationshipRules).reask_wait_hours)

    def suggested_by(self, suggestion: str) -> PersonId | None:
        """Who suggested the settings awaiting an answer, if any."""
        proposal = self.proposal
        return proposal.proposed_by if suggestion == "propose_settings" and proposal else None

    def can_make(self, trigger: str, actor: PersonId, at: datetime) -> bool:
        """Drop moves that cannot be made now: a second pause, consent to the defaults.

        Suggestions that wait after a no (rule 6) are dropped by the base class.
        """
        if trigger == "pause" and actor in self.paused:
            return False
        if trigger == "withdraw_consent_to_settings" and not self.settings.rules:
            return False
        return super().can_make(trigger, actor, at)

    def asked(self) -> tuple[PersonId, ...]:
        """The person invited, until they answer; else the partner asked about settings."""
        if self.state is RelationshipState.INVITED:
            return (self.invited,)
        if self.proposal is None:
            return ()
        return (self.other_partner(self.proposal.proposed_by),)

    def check_member(self, actor: PersonId, action: str) -> frozenset[Role]:
        """Return *actor*'s roles, or raise `NotFound` (as for no such relationship) if none."""
        del action  # an outsider is told nothing, not even what they tried
        roles = self.roles_of(actor)
        if not roles:
            raise NotFound("relationship", self.id)
        return roles

    def check_partner(self, actor: PersonId, action: str) -> None:
        """Raise `NotPermitted` unless *actor* is one of the two partners (today: any member)."""
        self.check_member(actor, action)

    @classmethod
    def invite(
        cls,
        *,
        actor: PersonId,
        partner: PersonId,
        settings: RelationshipSettings | None,
        at: datetime,
    ) -> tuple[Relationship, PartnerInvited]:
        """Invite *partner* to use repairkit together with *actor*; it begins once they accept.

        The relationship's partners are ``(actor, partner)``; it is ``invited`` until
        *partner* accepts (`accept_invitation`), says no (`decline_invitation`) or
        *actor* takes the invitation back (`withdraw_invitation`).
        """
        at = check_instant(at, "at")
        first = check_person_id(actor, "actor")
        second = check_person_id(partner, "partner")
        if first == second:
            raise InvalidInput("partner", "needs another person than the one who invites.")
        if settings is not None and not isinstance(settings, RelationshipSettings):
            raise InvalidInput("settings", "needs a RelationshipSettings value.")
        relationship = cls(
            id=new_id(),
            partners=(first, second),
            settings=settings or RelationshipSettings(),
            created_at=at,
            state=RelationshipState.INVITED,
            version=1,
        )
        event = relationship._event(
            PartnerInvited,
            first,
            at,
            None,
            partners=relationship.partners,
            settings=relationship.settings,
        )
        return relationship, event

    def accept_invitation(self, *, actor: PersonId, at: datetime) -> InvitationAccepted:
        """Accept the invitation and the settings it came with: the relationship is active."""
        return self._move("accept_invitation", actor, at, InvitationAccepted)

    def decline_invitation(self, *, actor: PersonId, at: datetime) -> InvitationDeclined:
        """Say no to the invitation; nothing begins, and the no is counted nowhere."""
        return self._move("decline_invitation", actor, at, InvitationDeclined)

    def withdraw_invitation(self, *, actor: PersonId, at: datetime) -> InvitationWithdrawn:
        """Take one's own invitation back before it is answered."""
        return self._move("withdraw_invitation", actor, at, InvitationWithdrawn)

    def propose_settings(
        self, *, actor: PersonId, settings: RelationshipSettings, at: datetime
    ) -> SettingsProposed:
        """Suggest new shared settings; they apply only once the other partner agrees.

        A new suggestion replaces one still awaiting an answer (the other's included:
        it reads as a counter-suggestion).
        """
        at = self._begin("propose_settings", actor, at)
        if not isinstance(settings, RelationshipSettings):
            raise InvalidInput("settings", "needs a RelationshipSettings value.")
        before = self._fire("propose_settings", at)
        self.proposal = SettingsProposal(settings=settings, proposed_by=actor, at=at)
        return self._event(SettingsProposed, actor, at, before, settings=settings)

    def agree_to_settings(self, *, actor: PersonId, at: datetime) -> SettingsChanged:
        """Agree to the other's suggestion: it takes effect (requests made keep theirs)."""
        at = self._begin("agree_to_settings", actor, at)
        proposal = self._proposal("agree_to_settings", actor)
        before = self._fire("agree_to_settings", at)
        self.settings, self.proposal = proposal.settings, None
        return self._event(SettingsChanged, actor, at, before, settings=proposal.settings)

    def decline_settings(self, *, actor: PersonId, at: datetime) -> SettingsDeclined:
        """Keep the settings as they are; the proposer waits to suggest settings (rule 6)."""
        event = self._move("decline_settings", actor, at, SettingsDeclined)
        self.proposal = None
        return event

    def withdraw_settings(self, *, actor: PersonId, at: datetime) -> SettingsWithdrawn:
        """Take one's own suggestion back."""
        at = self._begin("withdraw_settings", actor, at)
        self._proposal("withdraw_settings", actor)
        before = self._fire("withdraw_settings", at)
        self.proposal = None
        return self._event(SettingsWithdrawn, actor, at, before)

    def withdraw_consent_to_settings(
        self, *, actor: PersonId, at: datetime
    ) -> SettingsConsentWithdrawn:
        """Withdraw one's consent, alone and at once: every workflow's rules are the defaults.

        Rule 5: shared rules change only by consent, and consent is withdrawn one-sidedly.
        The couple's time zone stays; a pending suggestion is dropped.
        """
        at = self._begin("withdraw_consent_to_settings", actor, at)
        if not self.settings.rules:
            raise NotAllowedNow(
                kind="relationship",
                action="withdraw_consent_to_settings",
                state=self.state.value,
                allowed=self.moves_open_to(actor, at),
                reason="The shared rules are repairkit's defaults already.",
            )
        before = self._fire("withdraw_consent_to_settings", at)
        self.settings = RelationshipSettings(time_zone=self.settings.time_zone)
        self.proposal = None
        return self._event(SettingsConsentWithdrawn, actor, at, before)

    def pause(self, *, actor: PersonId, at: datetime) -> PartnerPaused:
        """Pause, alone and at once; the other hears only that things are paused."""
        at = self._begin("pause", actor, at)
        if actor in self.paused:
            raise NotAllowedNow(
                kind="relationship",
                action="pause",
                state=self.state.value,
                allowed=("come_back", "leave"),
                reason="You have paused already.",
            )
        before = self._fire("pause", at)
        self.paused = (*self.paused, actor)
        return self._event(PartnerPaused, actor, at, before)

    def come_back(self, *, actor: PersonId, at: datetime) -> PartnerCameBack:
        """End one's own pause, silently: only *actor* sees the event (no activity signal)."""
        at = self._begin("come_back", actor, at)
        shared_changed_at = self.changed_at
        before = self._fire("come_back", at)
        self.paused = tuple(p for p in self.paused if p != actor)
        return self._private(self._event(PartnerCameBack, actor, at, before), shared_changed_at)

    def _private(self, event: E, shared_changed_at: datetime | None) -> E:
        """Make *event* its actor's own: counted among their private moves, no shared time."""
        actor = event.actor
        mine = sum(count for who, count in self.private_moves if who == actor)
        rest = tuple(item for item in self.private_moves if item[0] != actor)
        self.private_moves = (*rest, (actor, mine + 1))
        self.changed_at = shared_changed_at  # a private move leaves no time in the shared copy
        return attrs.evolve(event, private_to=actor)

    def set_quiet_hours(
        self, *, actor: PersonId, quiet_hours: QuietHours | None, at: datetime
    ) -> QuietHoursSet:
        """Set *actor*'s own quiet hours, or clear them with None; only *actor* sees the event."""
        at = self._begin("set_quiet_hours", actor, at)
        if quiet_hours is not None and not isinstance(quiet_hours, QuietHours):
            raise InvalidInput("quiet_hours", "needs a QuietHours value, or None to clear them.")
        shared_changed_at = self.changed_at
        before = self._fire("set_quiet_hours", at)
        others = tuple(item for item in self.quiet_hours if item[0] != actor)
        self.quiet_hours = others if quiet_hours is None else (*others, (actor, quiet_hours))
        event = self._event(QuietHoursSet, actor, at, before, quiet_hours=quiet_hours)
        return self._private(event, shared_changed_at)

    def leave(self, *, actor: PersonId, at: datetime) -> PartnerLeft:
        """Leave the relationship; nothing more happens in it (the kit first ends one's part)."""
        at = self._begin("leave", actor, at)
        before = self._fire("leave", at)
        self.paused, self.proposal = (), None
        return self._event(PartnerLeft, actor, at, before)

    def check_active(self, action: str) -> None:
        """Raise `NotAllowedNow` unless the relationship is active (accepted, nobody left).

        Before the invitation is accepted, nothing happens in it yet; once it was
        declined or withdrawn, or a partner left, nothing more happens in it
        (``finished``).
        """
        if self.state is RelationshipState.ACTIVE:
            return
        invited = self.state is RelationshipState.INVITED
        raise NotAllowedNow(
            kind="relationship",
            action=action,
            state=self.state.value,
            allowed=(),
            reason="The invitation has not been accepted yet; nothing happens before it is."
            if invited
            else "This relationship has ended; nothing more happens in it.",
            finished=not invited,
        )

    def _proposal(self, trigger: str, actor: PersonId) -> SettingsProposal:
        if self.proposal is None:  # pragma: no cover - roles_of grants no such role then
            raise NotAllowedNow(
                kind="relationship",
                action=trigger,
                state=self.state.value,
                allowed=self.WORKFLOW.moves_for(self.state, self.roles_of(actor)),
                reason="No settings were suggested.",
            )
        return self.proposal
