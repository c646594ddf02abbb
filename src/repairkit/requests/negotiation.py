"""The moves of a request on the table: alternatives, no, "not now", reopening, withdrawing.

Alternatives alternate between the partners; after `RequestRules.max_rounds` of them
without agreement, or whenever either says "not now" (`set_aside`), the request is set
aside for the next check-in, and only both reopen it. The recipient can say no in every
open state, whoever's turn it is.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from repairkit.core.timebox import TimeBox
from repairkit.core.values import PersonId, check_text
from repairkit.errors import InvalidInput, NotAllowedNow
from repairkit.requests.checks import check_not_over, check_time_box, required
from repairkit.requests.events import (
    AlternativeProposed,
    NegotiationResumed,
    ReopeningDeclined,
    ReopeningProposed,
    RequestDeclined,
    RequestWithdrawn,
    SetAside,
)
from repairkit.requests.offer import Offer
from repairkit.requests.parties import Parties
from repairkit.requests.rules import RequestRules
from repairkit.requests.table import REQUEST_WORKFLOW, RequestState

__all__ = ["NegotiationMoves"]

_S = RequestState


class NegotiationMoves(Parties):
    """Mixed into `Request`: what happens while a request is on the table."""

    if not TYPE_CHECKING:  # slotted at run time; mypy then allows the fields' assignment
        __slots__ = ()

    rules: RequestRules
    latest_offer: Offer | None
    rounds: int
    awaiting: PersonId | None
    reopen_asked: PersonId | None

    def propose_alternative(
        self,
        *,
        actor: PersonId,
        at: datetime,
        ask: str,
        time_box: TimeBox | None = None,
        carried_out_by: PersonId | None = None,
    ) -> AlternativeProposed:
        """Answer the latest offer with another way to meet the same need.

        Without *time_box* the alternative keeps the dates of the offer it answers;
        *carried_out_by* says who would carry it out (by default the recipient).
        """
        at = self._begin("propose_alternative", actor, at)
        text = required(ask, "ask", self.rules)
        if carried_out_by is not None and carried_out_by not in self.participants:
            raise InvalidInput("carried_out_by", "needs one of the two partners of this request.")
        if time_box is None:
            time_box = self._offer().time_box
            if time_box is not None and time_box.ends_at <= at:
                raise InvalidInput(
                    "time_box",
                    "the dates of the offer being answered have passed; please give new dates.",
                )
        else:
            check_time_box(time_box, self.rules)
            check_not_over(time_box, at)
        round_ = self.rounds + 1
        before = self._fire("propose_alternative", at)
        self.rounds = round_
        self.latest_offer = Offer(
            author=actor,
            ask=text,
            round=round_,
            at=at,
            time_box=time_box,
            carried_out_by=carried_out_by,
        )
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
        self.awaiting = self.reopen_asked = None
        return self._event(RequestDeclined, actor, at, before, reason=text)

    def set_aside(self, *, actor: PersonId, at: datetime) -> SetAside:
        """Not now: keep the request for the next check-in (either partner, alone)."""
        return self._move("set_aside", actor, at, SetAside)

    def propose_reopening(
        self, *, actor: PersonId, at: datetime
    ) -> ReopeningProposed | NegotiationResumed:
        """Ask to reopen a set-aside request; if the other asked already, it reopens."""
        if self.state is _S.STALLED and self.reopen_asked == actor:
            return self.agree_to_reopen(actor=actor, at=at)
        at = self._begin("propose_reopening", actor, at)
        if self.reopen_asked is not None:
            raise NotAllowedNow(
                kind=REQUEST_WORKFLOW.name,
                action="propose_reopening",
                state=self.state.value,
                allowed=self.moves_open_to(actor, at),
                reason="Reopening was asked already; the other partner's answer is awaited.",
            )
        before = self._fire("propose_reopening", at)
        self.reopen_asked = self._other(actor)
        return self._event(ReopeningProposed, actor, at, before)

    def agree_to_reopen(self, *, actor: PersonId, at: datetime) -> NegotiationResumed:
        """Agree to reopen the set-aside request: the rounds start again."""
        event = self._move("agree_to_reopen", actor, at, NegotiationResumed)
        self.rounds = 0
        self.reopen_asked = None
        return event

    def decline_reopening(self, *, actor: PersonId, at: datetime) -> ReopeningDeclined:
        """Keep the request set aside; a no is a fair answer."""
        event = self._move("decline_reopening", actor, at, ReopeningDeclined)
        self.reopen_asked = None
        return event

    def withdraw(self, *, actor: PersonId, at: datetime) -> RequestWithdrawn:
        """Take the request back before agreement (or discard the draft)."""
        event = self._move("withdraw", actor, at, RequestWithdrawn)
        self.awaiting = self.reopen_asked = None
        return event

    # -- helpers --------------------------------------------------------------------

    def _offer(self) -> Offer:
        if self.latest_offer is None:  # pragma: no cover - the table makes this unreachable
            msg = "an open request always has an offer"
            raise AssertionError(msg)
        return self.latest_offer
