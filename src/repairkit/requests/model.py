"""The Request workflow: turning a hurt into a request and negotiating it.

The practice (docs/practices.md: Rosenberg's Nonviolent Communication; Imago's
Behaviour Change Request): a request names an observation, a feeling, a need and
a concrete ask (or up to three, of which the partner picks one), bounded in time,
and it is a request only if "no" is an acceptable answer. A decline is recorded
neutrally and never counted against anyone. Alternatives alternate between the
partners; after `RequestRules.max_rounds` alternatives without agreement, or when
either says "not now", the request is set aside for the next check-in, and it is
reopened only by both. The agreement's moves live in `repairkit.requests.agreement`.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import ClassVar

import attrs

from repairkit.core.drafts import KEEP, Keep, kept
from repairkit.core.engine import REPAIRKIT, Role, Workflow
from repairkit.core.entity import WorkflowObject
from repairkit.core.events import DomainEvent
from repairkit.core.settings import SETTING_IN_FORCE, zone
from repairkit.core.suggestions import HeardNo
from repairkit.core.timebox import TimeBox
from repairkit.core.values import (
    SYSTEM,
    PersonId,
    check_instant,
    check_person_id,
    new_id,
)
from repairkit.errors import InvalidInput, NotAllowedNow
from repairkit.requests.agreement import AgreementMoves
from repairkit.requests.checks import check_content, check_not_over
from repairkit.requests.events import (
    RequestAccepted,
    RequestDrafted,
    RequestProposed,
    RequestRevised,
)
from repairkit.requests.follow_through import (
    Mark,
    MissNotice,
    Review,
    in_window,
    recent,
    seen_by_the_other,
)
from repairkit.requests.negotiation import NegotiationMoves
from repairkit.requests.offer import Offer
from repairkit.requests.roles import ROLES
from repairkit.requests.rules import RequestRules
from repairkit.requests.table import OPEN, REQUEST_WORKFLOW, RequestState

__all__ = ["REQUEST_WORKFLOW", "Offer", "Request", "RequestState"]

_S = RequestState
_OPEN = OPEN
_REPAIRKIT_ONLY = frozenset({REPAIRKIT})
_NONE: frozenset[Role] = frozenset()


@attrs.define(eq=False, kw_only=True)
class Request(NegotiationMoves, AgreementMoves, WorkflowObject):
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
    """When it applies: as asked until agreement, then as agreed (required to propose)."""
    rules: RequestRules = attrs.field(factory=RequestRules, metadata=SETTING_IN_FORCE)
    """The relationship's rules in force, given whenever it is read (never stored)."""
    created_at: datetime
    time_zone: str = attrs.field(default="UTC", metadata=SETTING_IN_FORCE)
    """The couple's time zone in force (given whenever it is read, never stored): occurrences
    are its calendar days."""
    follows: uuid.UUID | None = None
    """A declined or withdrawn request this one names the need again from."""
    from_observation: uuid.UUID | None = None
    """The shared observation this request was made from, if any (`kit.observations`)."""
    from_check_in: uuid.UUID | None = None
    """The check-in session this request was drafted in, if any (`kit.sessions.draft_request`)."""
    feeling: str | None = None
    """How the asker feels ("worried", "tired"): a feeling, not a judgement of the partner."""
    other_asks: tuple[str, ...] = ()
    """Up to two more asks the partner may pick from instead of `ask` (Imago)."""
    state: RequestState = RequestState.DRAFTED
    version: int = 0
    proposed_at: datetime | None = None
    proposed_version: int | None = None
    """The version the proposal made; the recipient's versions count from it (as 1)."""
    latest_offer: Offer | None = None
    rounds: int = 0
    """Alternatives proposed since the request was sent or last reopened."""
    awaiting: PersonId | None = None
    """The partner whose answer is awaited, if any."""
    reopen_asked: PersonId | None = None
    """The partner asked to reopen the set-aside request, if any."""
    agreed_at: datetime | None = None
    agreed_ask: str | None = None
    """The terms both said yes to."""
    carried_out_by: PersonId | None = None
    """Who carries out the agreed ask, recorded at acceptance."""
    marks: tuple[Mark, ...] = ()
    """Occurrences the committed partner marked (or owned) inside the rolling window (the
    other partner reads only those inside the window ending now: `aged`)."""
    notices: tuple[MissNotice, ...] = ()
    """The other partner's notes of occurrences, inside the rolling window (as `marks`)."""
    resume_asked: PersonId | None = None
    """The partner asked to take the agreement on hold up again, if any."""
    reviews: tuple[Review, ...] = ()
    """What each partner said worked, after completion."""
    changed_at: datetime | None = None
    """When the last move was made (None in rows written before 0.2): time never runs back."""
    heard_no: tuple[HeardNo, ...] = ()
    """Recent nos to reopening, resuming or ending: who suggested it waits (rule 6)."""

    # -- who is who ---------------------------------------------------------------

    @property
    def author(self) -> PersonId:
        """The asker: a draft is theirs alone until it is proposed."""
        return self.asker

    @property
    def addressee(self) -> PersonId:
        """The recipient: to them, the request starts when it was proposed."""
        return self.recipient

    def aged(self, person: PersonId, now: datetime) -> Request:
        """Return the request as *person* may see it at *now*: setbacks age out (rule 10).

        The partner who carries the agreement out keeps seeing their own marks and the
        notes about them; the other partner sees only the marks and notes of days
        inside the rolling window ending *now* (`RequestRules.follow_through_window_days`),
        their times to the day only (nobody was told of a mark: no activity signals).
        """
        if person == self._committed or not (self.marks or self.notices):
            return self
        today, window = self.local_date(now), self.rules.follow_through_window_days
        marks, notices = recent(self.marks, today, window), recent(self.notices, today, window)
        marks = seen_by_the_other(marks, zone(self.time_zone))
        return attrs.evolve(self, marks=marks, notices=notices)

    def aged_out(self, event: DomainEvent, person: PersonId, now: datetime) -> bool:
        """Return whether *event*, about one day, has left the rolling window for *person*.

        Every follow-through event of a day older than the window (marks kept or not,
        notes and their answers) is then seen only by the partner who carries the
        agreement out: showing the other only the kept days would show the missed
        ones by their absence.
        """
        day = getattr(event, "occurrence", None)
        if person == self._committed or not isinstance(day, date):
            return False
        return day < self.local_date(now) - timedelta(days=self.rules.follow_through_window_days)

    @property
    def _committed(self) -> PersonId | None:
        """Who the follow-through is about (None before an agreement)."""
        return self.carried_out_by

    def roles_of(self, actor: PersonId) -> frozenset[Role]:
        """Return the roles *actor* plays in this request."""
        if actor == SYSTEM:
            return _REPAIRKIT_ONLY
        if not self.visible_to(actor):
            return _NONE
        committed = self.carried_out_by
        return ROLES[
            actor == self.asker,
            actor == self.awaiting,
            None if committed is None else actor == committed,
            actor == self.reopen_asked,
            actor == self.resume_asked,
        ]

    def asked(self) -> tuple[PersonId, ...]:
        """Who is asked something now (and so can say no to it)."""
        state = self.state
        if state in _OPEN:
            extra = () if self.reopen_asked in (None, self.recipient) else (self.reopen_asked,)
            return (self.recipient, *extra)
        if state is _S.ON_HOLD:
            return () if self.resume_asked is None else (self.resume_asked,)
        asked = (self.awaiting,) if state is _S.ENDING and self.awaiting is not None else ()
        committed = self.carried_out_by
        if (
            state in (_S.AGREED, _S.ENDING)
            and committed not in (None, *asked)
            and any(n.status == "pending" for n in self.notices)
        ):
            asked = (*asked, committed)
        return asked

    def asked_at(self, at: datetime) -> tuple[PersonId, ...]:
        """Who is asked something at *at*: a note that lapsed with the window asks nothing."""
        asked = self.asked()
        committed = self.carried_out_by
        if committed in asked and committed not in (self.awaiting, self.resume_asked):
            today, window = self.local_date(at), self.rules.follow_through_window_days
            if not any(
                n.status == "pending" and in_window(n.occurrence, today, window)
                for n in self.notices
            ):
                return tuple(p for p in asked if p != committed)
        return asked

    def suggested_by(self, suggestion: str) -> PersonId | None:
        """Who asked to reopen, resume or end, while the other's answer is awaited."""
        asked = {
            "propose_reopening": self.reopen_asked,
            "propose_resuming": self.resume_asked,
            "propose_ending": self.awaiting if self.state is _S.ENDING else None,
        }.get(suggestion)
        return None if asked is None else self._other(asked)

    def can_make(self, trigger: str, actor: PersonId, at: datetime) -> bool:
        """Drop moves whose preconditions fail now (no note pending, dates passed, ...)."""
        asked = {"propose_reopening": self.reopen_asked, "propose_resuming": self.resume_asked}
        if trigger in asked and asked[trigger] is not None:
            return asked[trigger] == actor  # asking back agrees; else the answer is awaited
        today, window = self.local_date(at), self.rules.follow_through_window_days
        if trigger in ("acknowledge_notice", "see_differently", "withdraw_notice"):
            by = actor if trigger == "withdraw_notice" else self._other(actor)
            return any(
                n.by == by and n.status == "pending" and in_window(n.occurrence, today, window)
                for n in self.notices
            )
        if trigger == "correct_follow_through":
            return any(in_window(m.occurrence, today, window) for m in self.marks)
        if trigger == "review":
            return all(r.by != actor for r in self.reviews)
        if trigger in ("propose", "accept"):
            box = self.time_box if trigger == "propose" else self._offer().time_box
            if box is None or box.ends_at <= at:
                return False
        return super().can_make(trigger, actor, at)

    @property
    def completes_at(self) -> datetime | None:
        """When repairkit completes the request by itself (its time box's end plus the grace).

        None without a time box; the table's timer completes it then.
        """
        if self.time_box is None:
            return None
        return self.time_box.ends_at + timedelta(hours=self.rules.follow_through_grace_hours)

    # -- guards (named in the transition table) -------------------------------------

    def reaches_round_limit(self, _at: datetime) -> bool:
        """Return whether one more alternative uses up the allowed rounds."""
        return self.rounds + 1 >= self.rules.max_rounds

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
        feeling: str | None = None,
        other_asks: tuple[str, ...] = (),
        time_box: TimeBox | None = None,
        follows: uuid.UUID | None = None,
        from_observation: uuid.UUID | None = None,
        from_check_in: uuid.UUID | None = None,
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
        fields = check_content(
            need, ask, observation, time_box, rules, feeling=feeling, other_asks=other_asks
        )
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
            from_observation=from_observation,
            from_check_in=from_check_in,
            version=1,
            **fields,
        )
        return request, request._event(
            RequestDrafted, asker, at, None, recipient=recipient, **fields
        )

    # -- negotiating ------------------------------------------------------------------

    def revise(
        self,
        *,
        actor: PersonId,
        at: datetime,
        need: str | Keep = KEEP,
        ask: str | Keep = KEEP,
        observation: str | Keep | None = KEEP,
        feeling: str | Keep | None = KEEP,
        other_asks: tuple[str, ...] | Keep = KEEP,
        time_box: TimeBox | Keep | None = KEEP,
    ) -> RequestRevised:
        """Change the draft before it is sent: the fields given; the others are kept.

        ``None`` clears *observation*, *feeling* or *time_box*, and ``()`` the
        *other_asks*; new dates must lie ahead. The event records the whole draft.
        """
        at = self._begin("revise", actor, at)
        fields = check_content(
            kept(need, self.need),
            kept(ask, self.ask),
            kept(observation, self.observation),
            kept(time_box, self.time_box),
            self.rules,
            feeling=kept(feeling, self.feeling),
            other_asks=kept(other_asks, self.other_asks),
        )
        if not isinstance(time_box, Keep):
            check_not_over(time_box, at)
        before = self._fire("revise", at)
        for name, value in fields.items():
            setattr(self, name, value)
        return self._event(RequestRevised, actor, at, before, **fields)

    def propose(self, *, actor: PersonId, at: datetime) -> RequestProposed:
        """Send the request; the recipient's answer is now awaited. It needs dates."""
        at = self._begin("propose", actor, at)
        if self.time_box is None:
            raise InvalidInput(
                "time_box",
                "a request needs dates before it is sent: revise the draft with a TimeBox of"
                " at most {days} days.",
                days=self.rules.max_time_box_days,
            )
        if self.time_box.ends_at <= at:
            raise InvalidInput(
                "time_box",
                "the draft's dates have passed; please revise it with dates that lie ahead.",
            )
        before = self._fire("propose", at)
        self.proposed_at, self.proposed_version = at, self.version
        self.latest_offer = Offer(
            author=self.asker,
            ask=self.ask,
            round=0,
            at=at,
            time_box=self.time_box,
            other_asks=self.other_asks,
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
            feeling=self.feeling,
            other_asks=self.other_asks,
            time_box=self.time_box,
        )

    def accept(self, *, actor: PersonId, at: datetime, pick: int | None = None) -> RequestAccepted:
        """Say yes to the latest offer (to one of its asks, by *pick*, when it offers several)."""
        at = self._begin("accept", actor, at)
        offer = self._offer()
        options = offer.options
        if pick is None and len(options) > 1:
            raise InvalidInput(
                "pick",
                "this request offers {count} asks; pick one (0 to {last}).",
                count=len(options),
                last=len(options) - 1,
            )
        index = 0 if pick is None else pick
        if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(options):
            if len(options) == 1:
                raise InvalidInput("pick", "this request offers one ask: leave pick out (or 0).")
            raise InvalidInput(
                "pick", "needs a whole number from 0 to {last}.", last=len(options) - 1
            )
        if offer.time_box is not None and at >= offer.time_box.ends_at:
            raise NotAllowedNow(
                kind=REQUEST_WORKFLOW.name,
                action="accept",
                state=self.state.value,
                allowed=self.moves_open_to(actor, at),
                reason="The dates of this offer have passed, so it can no longer be agreed as"
                " it stands.",
            )
        before = self._fire("accept", at)
        self.agreed_at = at
        self.agreed_ask = options[index]
        self.time_box = offer.time_box
        self.carried_out_by = offer.carried_out_by or self.recipient
        self.awaiting = self.reopen_asked = None
        return self._event(
            RequestAccepted,
            actor,
            at,
            before,
            ask=options[index],
            offered_by=offer.author,
            round=offer.round,
            time_box=offer.time_box,
            carried_out_by=self.carried_out_by,
        )
