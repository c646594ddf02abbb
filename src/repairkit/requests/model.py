"""The Request workflow: turning a hurt into a request and negotiating it.

The practice (docs/practices.md: Rosenberg's Nonviolent Communication; Imago's
Behaviour Change Request): a request is specific, positive, doable and bounded in time,
and it is a request only if "no" is an acceptable answer. A decline is recorded
neutrally and never counted against anyone. Alternatives alternate between the
partners; after `RequestRules.max_rounds` alternatives without agreement the
request is marked stalled, for the next check-in or a facilitator. Once agreed,
follow-through is tracked occurrence by occurrence, kept or missed.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import ClassVar

import attrs

from repairkit.core.engine import EITHER_PARTNER, REPAIRKIT, Role, Workflow
from repairkit.core.entity import WorkflowObject
from repairkit.core.events import DomainEvent
from repairkit.core.settings import zone
from repairkit.core.values import (
    SYSTEM,
    PersonId,
    TimeBox,
    check_instant,
    check_person_id,
    check_text,
    new_id,
)
from repairkit.errors import InvalidInput, NotAllowedNow
from repairkit.requests.checks import check_content, check_not_over, check_time_box_type, required
from repairkit.requests.events import (
    AlternativeProposed,
    CompletionReason,
    EndingProposed,
    FollowThroughRecorded,
    KeptGoing,
    NegotiationResumed,
    RequestAccepted,
    RequestCompleted,
    RequestDeclined,
    RequestDrafted,
    RequestProposed,
    RequestRevised,
    RequestWithdrawn,
    SteppedBack,
)
from repairkit.requests.rules import RequestRules
from repairkit.requests.table import (
    ASKER,
    AWAITED,
    OPEN,
    RECIPIENT,
    REQUEST_WORKFLOW,
    RequestState,
)

__all__ = [
    "ASKER",
    "AWAITED",
    "RECIPIENT",
    "REQUEST_WORKFLOW",
    "Offer",
    "Request",
    "RequestState",
]

_S = RequestState
_OPEN = OPEN
_REPAIRKIT_ONLY = frozenset({REPAIRKIT})
_NONE: frozenset[Role] = frozenset()
_ROLES = {
    (is_asker, awaited): frozenset(
        {EITHER_PARTNER, ASKER if is_asker else RECIPIENT} | ({AWAITED} if awaited else set())
    )
    for is_asker in (True, False)
    for awaited in (True, False)
}
"""Every set of roles a partner can play in a request, made once: (is the asker, is awaited)."""


@attrs.frozen(kw_only=True)
class Offer:
    """One version of the ask on the table: the original (round 0) or an alternative."""

    author: PersonId
    ask: str
    round: int
    at: datetime
    time_box: TimeBox | None = None
    """When the offer would apply (an alternative may propose other dates)."""


@attrs.define(eq=False, kw_only=True)
class Request(WorkflowObject):
    """A request from one partner (the asker) to the other (the recipient).

    Create one with `Request.draft`; every other change goes through a method
    named after the move, which checks the actor and the state, changes the
    request and returns the one event that records it.
    """

    WORKFLOW: ClassVar[Workflow] = REQUEST_WORKFLOW

    id: uuid.UUID
    relationship_id: uuid.UUID
    asker: PersonId
    recipient: PersonId
    need: str
    """The need behind the request ("to feel we are a team at home")."""
    ask: str
    """The concrete ask, as first proposed: specific, positive, doable."""
    observation: str | None
    """The concrete moment it comes from, described without blame."""
    time_box: TimeBox | None
    """When it applies: as asked until agreement, then as agreed."""
    rules: RequestRules
    """The relationship's rules when the request was drafted."""
    created_at: datetime
    time_zone: str = "UTC"
    """The couple's time zone when the request was drafted: occurrences are its calendar days."""
    follows: uuid.UUID | None = None
    """A declined or withdrawn request this one names the need again from."""
    state: RequestState = RequestState.DRAFTED
    version: int = 0
    proposed_at: datetime | None = None
    latest_offer: Offer | None = None
    rounds: int = 0
    """Alternatives proposed since the request was sent or last resumed."""
    awaiting: PersonId | None = None
    """The partner whose answer is awaited, if any."""
    agreed_at: datetime | None = None
    agreed_ask: str | None = None
    """The terms both said yes to."""
    kept: int = 0
    missed: int = 0
    recent_occurrences: tuple[date, ...] = ()
    """Occurrences marked within the follow-through window (older ones are settled)."""
    changed_at: datetime | None = None
    """When the last move was made (None in rows written before 0.2): time never runs back."""

    # -- who is who ---------------------------------------------------------------

    @property
    def private_to(self) -> PersonId | None:
        """The asker, while the request is a draft: nobody else may see it yet."""
        return self.asker if self.proposed_at is None else None

    def visible_to(self, person: PersonId) -> bool:
        """Return whether *person* may see this request (a draft is the asker's alone)."""
        return person == self.asker or (person == self.recipient and self.proposed_at is not None)

    def roles_of(self, actor: PersonId) -> frozenset[Role]:
        """Return the roles *actor* plays in this request."""
        if actor == SYSTEM:
            return _REPAIRKIT_ONLY
        if not self.visible_to(actor):
            return _NONE
        return _ROLES[actor == self.asker, actor == self.awaiting]

    @property
    def participants(self) -> tuple[PersonId, PersonId]:
        """The asker and the recipient."""
        return (self.asker, self.recipient)

    def asked(self) -> tuple[PersonId, ...]:
        """The recipient while the request is open; the awaited partner while ending is asked."""
        if self.state in _OPEN:
            return (self.recipient,)
        if self.state is _S.ENDING and self.awaiting is not None:
            return (self.awaiting,)
        return ()

    @property
    def due_at(self) -> datetime | None:
        """When repairkit completes the request by itself: its time box's end plus the grace."""
        if self.time_box is not None and self.state in (_S.AGREED, _S.ENDING):
            return self.time_box.ends_at + timedelta(hours=self.rules.follow_through_grace_hours)
        return None

    # -- guards (named in the transition table) -------------------------------------

    def reaches_round_limit(self, _at: datetime) -> bool:
        """Return whether one more alternative uses up the allowed rounds."""
        return self.rounds + 1 >= self.rules.max_rounds

    def follow_through_closed(self, at: datetime) -> bool:
        """Return whether the time box, and the grace for marking its last days, ended by *at*."""
        due = self.due_at
        return due is not None and at >= due

    # -- creating -------------------------------------------------------------------

    @classmethod
    def draft(
        cls,
        *,
        relationship_id: uuid.UUID,
        asker: PersonId,
        recipient: PersonId,
        need: str,
        ask: str,
        observation: str | None = None,
        time_box: TimeBox | None = None,
        follows: uuid.UUID | None = None,
        rules: RequestRules,
        time_zone: str = "UTC",
        at: datetime,
    ) -> tuple[Request, RequestDrafted]:
        """Write a request down; only the asker sees it until it is proposed."""
        at = check_instant(at, "at")
        asker = check_person_id(asker, "asker")
        recipient = check_person_id(recipient, "recipient")
        if asker == recipient:
            raise InvalidInput("recipient", "a request goes to the other partner, not to oneself.")
        fields = check_content(need, ask, observation, time_box, rules)
        check_not_over(time_box, at)
        zone(time_zone)  # raises InvalidInput for an unknown zone
        request = cls(
            id=new_id(),
            relationship_id=relationship_id,
            asker=asker,
            recipient=recipient,
            rules=rules,
            created_at=at,
            time_zone=time_zone,
            follows=follows,
            version=1,
            **fields,
        )
        return request, request._event(
            RequestDrafted, asker, at, None, recipient=recipient, **fields
        )

    # -- moves ----------------------------------------------------------------------

    def revise(
        self,
        *,
        actor: PersonId,
        at: datetime,
        need: str,
        ask: str,
        observation: str | None = None,
        time_box: TimeBox | None = None,
    ) -> RequestRevised:
        """Change the draft before it is sent."""
        at = self._begin("revise", actor, at)
        fields = check_content(need, ask, observation, time_box, self.rules)
        check_not_over(time_box, at)
        before = self._fire("revise", at)
        self.need, self.ask = fields["need"], fields["ask"]
        self.observation, self.time_box = fields["observation"], fields["time_box"]
        return self._event(RequestRevised, actor, at, before, **fields)

    def propose(self, *, actor: PersonId, at: datetime) -> RequestProposed:
        """Send the request; the recipient's answer is now awaited."""
        at = self._begin("propose", actor, at)
        if self.time_box is not None and self.time_box.ends_at <= at:
            raise InvalidInput(
                "time_box",
                "the draft's dates have passed; please revise it with dates that lie ahead.",
            )
        before = self._fire("propose", at)
        self.proposed_at = at
        self.latest_offer = Offer(
            author=self.asker, ask=self.ask, round=0, at=at, time_box=self.time_box
        )
        self.awaiting = self.recipient
        return self._event(
            RequestProposed,
            actor,
            at,
            before,
            recipient=self.recipient,
            need=self.need,
            ask=self.ask,
            observation=self.observation,
            time_box=self.time_box,
        )

    def accept(self, *, actor: PersonId, at: datetime) -> RequestAccepted:
        """Say yes to the latest offer: it becomes the agreement."""
        at = self._begin("accept", actor, at)
        offer = self._offer()
        if offer.time_box is not None and at >= offer.time_box.ends_at:
            open_moves = REQUEST_WORKFLOW.moves_for(self.state, self.roles_of(actor))
            raise NotAllowedNow(
                kind=REQUEST_WORKFLOW.name,
                action="accept",
                state=self.state.value,
                allowed=tuple(move for move in open_moves if move != "accept"),
                reason="The dates of this offer have passed, so it can no longer be agreed as"
                " it stands.",
            )
        before = self._fire("accept", at)
        self.agreed_at = at
        self.agreed_ask = offer.ask
        self.time_box = offer.time_box
        self.awaiting = None
        return self._event(
            RequestAccepted,
            actor,
            at,
            before,
            ask=offer.ask,
            offered_by=offer.author,
            round=offer.round,
            time_box=offer.time_box,
        )

    def propose_alternative(
        self, *, actor: PersonId, at: datetime, ask: str, time_box: TimeBox | None = None
    ) -> AlternativeProposed:
        """Answer the latest offer with another way to meet the same need.

        Without *time_box* the alternative keeps the dates of the offer it answers.
        """
        at = self._begin("propose_alternative", actor, at)
        text = required(ask, "ask", self.rules)
        if time_box is None:
            time_box = self._offer().time_box
            if time_box is not None and time_box.ends_at <= at:
                raise InvalidInput(
                    "time_box",
                    "the dates of the offer being answered have passed; please give new dates.",
                )
        else:
            check_time_box_type(time_box)
            check_not_over(time_box, at)
        round_ = self.rounds + 1
        before = self._fire("propose_alternative", at)
        self.rounds = round_
        self.latest_offer = Offer(author=actor, ask=text, round=round_, at=at, time_box=time_box)
        self.awaiting = self._other(actor)
        return self._event(
            AlternativeProposed, actor, at, before, ask=text, round=round_, time_box=time_box
        )

    def decline(
        self, *, actor: PersonId, at: datetime, reason: str | None = None
    ) -> RequestDeclined:
        """Say no. A decline is a legitimate answer and is never counted against anyone."""
        at = self._begin("decline", actor, at)
        text = check_text(reason, "reason", max_length=self.rules.max_text_length, optional=True)
        before = self._fire("decline", at)
        self.awaiting = None
        return self._event(RequestDeclined, actor, at, before, reason=text)

    def resume(self, *, actor: PersonId, at: datetime) -> NegotiationResumed:
        """Reopen a stalled negotiation; the rounds start again."""
        event = self._move("resume", actor, at, NegotiationResumed)
        self.rounds = 0
        return event

    def withdraw(self, *, actor: PersonId, at: datetime) -> RequestWithdrawn:
        """Take the request back before agreement (or discard the draft)."""
        event = self._move("withdraw", actor, at, RequestWithdrawn)
        self.awaiting = None
        return event

    def record_follow_through(
        self, *, actor: PersonId, at: datetime, occurrence: date, kept: bool
    ) -> FollowThroughRecorded:
        """Mark the occurrence on *occurrence* (a calendar day in the couple's time zone)."""
        at = self._begin("record_follow_through", actor, at)
        today = self.local_date(at)
        self._check_occurrence(occurrence, today)
        if not isinstance(kept, bool):
            raise InvalidInput("kept", "needs True (kept) or False (missed).")
        before = self._fire("record_follow_through", at)
        if kept:
            self.kept += 1
        else:
            self.missed += 1
        oldest = today - timedelta(days=self.rules.follow_through_window_days)
        self.recent_occurrences = tuple(
            sorted(d for d in (*self.recent_occurrences, occurrence) if d >= oldest)
        )
        return self._event(
            FollowThroughRecorded, actor, at, before, occurrence=occurrence, kept=kept
        )

    def propose_ending(self, *, actor: PersonId, at: datetime) -> EndingProposed:
        """Suggest that the agreement has done its work; the other partner answers."""
        event = self._move("propose_ending", actor, at, EndingProposed)
        self.awaiting = self._other(actor)
        return event

    def confirm_ending(self, *, actor: PersonId, at: datetime) -> RequestCompleted:
        """Agree to end the agreement: both have now said so."""
        event = self._move(
            "confirm_ending", actor, at, RequestCompleted, because=CompletionReason.BOTH_AGREED
        )
        self.awaiting = None
        return event

    def keep_going(self, *, actor: PersonId, at: datetime) -> KeptGoing:
        """Keep the agreement going after all."""
        event = self._move("keep_going", actor, at, KeptGoing)
        self.awaiting = None
        return event

    def step_back(self, *, actor: PersonId, at: datetime) -> SteppedBack:
        """Step back from the agreement, alone and at once; nobody has to agree to it."""
        event = self._move("step_back", actor, at, SteppedBack)
        self.awaiting = None
        return event

    def complete(self, *, actor: PersonId, at: datetime) -> RequestCompleted:
        """Complete the request because its time box ended (fired by repairkit itself)."""
        event = self._move(
            "complete", actor, at, RequestCompleted, because=CompletionReason.TIME_BOX_ENDED
        )
        self.awaiting = None
        return event

    def on_due(self, at: datetime) -> DomainEvent | None:
        """Do what falls due at *at*: complete the request if its time box ended."""
        if self.follow_through_closed(at) and self.state in (_S.AGREED, _S.ENDING):
            return self.complete(actor=SYSTEM, at=at)
        return None

    # -- helpers --------------------------------------------------------------------

    def _offer(self) -> Offer:
        if self.latest_offer is None:  # pragma: no cover - the table makes this unreachable
            msg = "an open request always has an offer"
            raise AssertionError(msg)
        return self.latest_offer

    def local_date(self, at: datetime) -> date:
        """Return the couple's calendar day at the instant *at*."""
        return at.astimezone(zone(self.time_zone)).date()

    def _other(self, person: PersonId) -> PersonId:
        return self.recipient if person == self.asker else self.asker

    def _check_occurrence(self, occurrence: date, today: date) -> None:
        if not isinstance(occurrence, date) or isinstance(occurrence, datetime):
            raise InvalidInput("occurrence", "needs a calendar date (datetime.date).")
        if occurrence > today:
            raise InvalidInput("occurrence", "is in the future; it can be marked on the day.")
        if self.agreed_at is not None and occurrence < self.local_date(self.agreed_at):
            raise InvalidInput("occurrence", "is before the day the request was agreed.")
        if self.time_box is not None and not self.time_box.covers(occurrence, zone(self.time_zone)):
            raise InvalidInput("occurrence", "falls outside the request's time box.")
        window = self.rules.follow_through_window_days
        if occurrence < today - timedelta(days=window):
            days = "1 day" if window == 1 else f"{window} days"
            raise InvalidInput(
                "occurrence", f"is more than {days} ago; occurrences that old are settled."
            )
        if occurrence in self.recent_occurrences:
            raise InvalidInput("occurrence", f"{occurrence.isoformat()} is already marked.")
