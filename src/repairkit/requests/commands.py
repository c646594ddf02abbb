"""The Request workflow's commands, reached as ``kit.requests``."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import ClassVar

from repairkit.commands import Precondition, WorkflowCommands
from repairkit.core.drafts import KEEP, Keep
from repairkit.core.timebox import TimeBox
from repairkit.core.values import PersonId, check_id, check_person_id
from repairkit.errors import InvalidInput
from repairkit.requests.follow_through import FollowThrough
from repairkit.requests.history import RequestHistory, request_history
from repairkit.requests.model import Request
from repairkit.requests.queries import check_reask_wait
from repairkit.requests.rules import RequestRules

__all__ = ["RequestCommands"]


class RequestCommands(WorkflowCommands[Request]):
    """The Request workflow: make a request, negotiate it, follow it through.

    Reach it as ``kit.requests``. Every command names its actor and returns the
    request as it now stands (a copy: changing it changes nothing stored).
    """

    entity = Request

    # -- commands ------------------------------------------------------------------

    def draft(
        self,
        relationship_id: uuid.UUID,
        *,
        actor: PersonId,
        need: str,
        ask: str,
        observation: str | None = None,
        feeling: str | None = None,
        time_box: TimeBox | None = None,
        other_asks: Sequence[str] = (),
        follows: uuid.UUID | None = None,
    ) -> Request:
        """Write a request to the other partner down; only *actor* sees it until `propose`.

        The four parts of Nonviolent Communication: what happened (*observation*),
        how one feels (*feeling*), the *need*, and the concrete *ask*; *other_asks*
        offers up to two more, of which the partner picks one (Imago). It needs a
        *time_box* (at most `RequestRules.max_time_box_days`) before it is sent.
        *follows* names an earlier request (for example one that was declined)
        whose need this one names again.
        """
        actor = check_person_id(actor, "actor")
        relationship = self._relationship_for(relationship_id, actor, "make a request")
        relationship_id = relationship.id
        if follows is not None:
            follows = check_id(follows, "follows")
            earlier = self.get(follows, actor=actor)
            if earlier.relationship_id != relationship_id:
                raise InvalidInput(
                    "follows", "names a request of another relationship; pick one from this one."
                )
        request, event = Request.draft(
            relationship_id=relationship_id,
            asker=actor,
            recipient=relationship.other_partner(actor),
            need=need,
            ask=ask,
            observation=observation,
            feeling=feeling,
            other_asks=_asks(other_asks),
            time_box=time_box,
            follows=follows,
            rules=relationship.settings.of(RequestRules),
            time_zone=relationship.settings.time_zone,
            at=self._runner.now(),
        )
        return self._add(request, event)

    def revise(
        self,
        request_id: uuid.UUID,
        *,
        actor: PersonId,
        need: str | Keep = KEEP,
        ask: str | Keep = KEEP,
        observation: str | Keep | None = KEEP,
        feeling: str | Keep | None = KEEP,
        time_box: TimeBox | Keep | None = KEEP,
        other_asks: Sequence[str] | Keep = KEEP,
    ) -> Request:
        """Change a draft before it is sent: only the fields given change.

        A field left out keeps the draft's value; ``None`` clears *observation*,
        *feeling* or *time_box* (the dates are needed again before `propose`), and
        ``()`` clears *other_asks*.
        """
        asks = other_asks if isinstance(other_asks, Keep) else _asks(other_asks)
        return self._make(
            request_id,
            actor,
            "revise",
            need=need,
            ask=ask,
            observation=observation,
            feeling=feeling,
            time_box=time_box,
            other_asks=asks,
        )

    def propose(self, request_id: uuid.UUID, *, actor: PersonId) -> Request:
        """Send the request to the other partner.

        After a no, at most one new request on the same need (the same words, or one
        that `follows` it) can be sent within `RequestRules.reask_wait_hours`; once
        the relationship has ended, nothing is sent (see `preconditions`).
        """
        return self._make(request_id, actor, "propose")

    def _may_propose(self, request: Request, actor: PersonId, now: datetime) -> None:
        """Proposing needs the relationship active, and no wait after a no to the same need."""
        self._relationship_for(request.relationship_id, actor, "propose")
        self._check_reask_wait(request, now)

    def _check_reask_wait(self, request: Request, now: datetime) -> None:
        check_reask_wait(self._runner.repository, request, now)

    preconditions: ClassVar[Mapping[str, Precondition]] = {"propose": _may_propose}

    def accept(self, request_id: uuid.UUID, *, actor: PersonId, pick: int | None = None) -> Request:
        """Say yes to the latest offer; *pick* chooses one of its asks when it offers several."""
        return self._make(request_id, actor, "accept", pick=pick)

    def decline(
        self, request_id: uuid.UUID, *, actor: PersonId, reason: str | None = None
    ) -> Request:
        """Say no, in any open state. It is recorded neutrally and never counted against anyone."""
        return self._make(request_id, actor, "decline", reason=reason)

    def propose_alternative(
        self,
        request_id: uuid.UUID,
        *,
        actor: PersonId,
        ask: str,
        time_box: TimeBox | None = None,
        carried_out_by: PersonId | None = None,
    ) -> Request:
        """Offer another way to meet the need (other dates, or who carries it out, if given)."""
        return self._make(
            request_id,
            actor,
            "propose_alternative",
            ask=ask,
            time_box=time_box,
            carried_out_by=carried_out_by,
        )

    def set_aside(self, request_id: uuid.UUID, *, actor: PersonId) -> Request:
        """Not now: keep an open request for the next check-in (either partner, alone)."""
        return self._make(request_id, actor, "set_aside")

    def propose_reopening(self, request_id: uuid.UUID, *, actor: PersonId) -> Request:
        """Ask to reopen a set-aside request; the other agrees (or asks back) to reopen it."""
        return self._make(request_id, actor, "propose_reopening")

    def agree_to_reopen(self, request_id: uuid.UUID, *, actor: PersonId) -> Request:
        """Agree to reopen a set-aside request: the rounds start again."""
        return self._make(request_id, actor, "agree_to_reopen")

    def decline_reopening(self, request_id: uuid.UUID, *, actor: PersonId) -> Request:
        """Keep a request set aside; a no is a fair answer."""
        return self._make(request_id, actor, "decline_reopening")

    def withdraw(self, request_id: uuid.UUID, *, actor: PersonId) -> Request:
        """Take the request back before agreement."""
        return self._make(request_id, actor, "withdraw")

    def record_follow_through(
        self,
        request_id: uuid.UUID,
        *,
        actor: PersonId,
        kept: bool,
        occurrence: date | None = None,
    ) -> Request:
        """Mark one's own occurrence (today in the couple's time zone, unless given) kept or not.

        Only the partner who carries the agreement out marks it; the other can
        `notice_missed`.
        """
        return self._on_day(request_id, actor, "record_follow_through", occurrence, kept=kept)

    def correct_follow_through(
        self,
        request_id: uuid.UUID,
        *,
        actor: PersonId,
        kept: bool,
        occurrence: date | None = None,
    ) -> Request:
        """Correct one's own mark of an occurrence, while it is inside the window."""
        return self._on_day(request_id, actor, "correct_follow_through", occurrence, kept=kept)

    def notice_missed(
        self, request_id: uuid.UUID, *, actor: PersonId, occurrence: date | None = None
    ) -> Request:
        """Note that an occurrence of the other's agreement seemed to go differently.

        The other partner is told, and it counts only once they acknowledge it.
        """
        return self._on_day(request_id, actor, "notice_missed", occurrence)

    def withdraw_notice(
        self, request_id: uuid.UUID, *, actor: PersonId, occurrence: date | None = None
    ) -> Request:
        """Take back one's own note of an occurrence while it awaits an answer."""
        return self._on_day(request_id, actor, "withdraw_notice", occurrence)

    def acknowledge_notice(
        self, request_id: uuid.UUID, *, actor: PersonId, occurrence: date | None = None
    ) -> Request:
        """Own a noted occurrence: it counts as not kept, inside the window."""
        return self._on_day(request_id, actor, "acknowledge_notice", occurrence)

    def see_differently(
        self,
        request_id: uuid.UUID,
        *,
        actor: PersonId,
        occurrence: date | None = None,
        view: str | None = None,
    ) -> Request:
        """See a noted occurrence differently (with one's *view*): it never counts."""
        return self._on_day(request_id, actor, "see_differently", occurrence, view=view)

    def propose_ending(self, request_id: uuid.UUID, *, actor: PersonId) -> Request:
        """Suggest that the agreement has done its work."""
        return self._make(request_id, actor, "propose_ending")

    def confirm_ending(self, request_id: uuid.UUID, *, actor: PersonId) -> Request:
        """Agree to end the agreement; the request completes."""
        return self._make(request_id, actor, "confirm_ending")

    def keep_going(self, request_id: uuid.UUID, *, actor: PersonId) -> Request:
        """Keep the agreement going after all."""
        return self._make(request_id, actor, "keep_going")

    def hold(self, request_id: uuid.UUID, *, actor: PersonId) -> Request:
        """Pause the agreement alone (illness, travel); both take it up again."""
        return self._make(request_id, actor, "hold")

    def propose_resuming(self, request_id: uuid.UUID, *, actor: PersonId) -> Request:
        """Ask to take an agreement on hold up again; the other agrees (or asks back)."""
        return self._make(request_id, actor, "propose_resuming")

    def agree_to_resume(self, request_id: uuid.UUID, *, actor: PersonId) -> Request:
        """Agree to take an agreement on hold up again."""
        return self._make(request_id, actor, "agree_to_resume")

    def decline_resuming(self, request_id: uuid.UUID, *, actor: PersonId) -> Request:
        """Keep the agreement on hold; a no is a fair answer."""
        return self._make(request_id, actor, "decline_resuming")

    def step_back(self, request_id: uuid.UUID, *, actor: PersonId) -> Request:
        """Step back from the agreement alone; the topic goes to the next check-in."""
        return self._make(request_id, actor, "step_back")

    def review(self, request_id: uuid.UUID, *, actor: PersonId, what_worked: str) -> Request:
        """Say what worked, once, after the agreement completed; nothing is scored."""
        return self._make(request_id, actor, "review", what_worked=what_worked)

    def _on_day(
        self,
        request_id: uuid.UUID,
        actor: PersonId,
        move: str,
        occurrence: date | None,
        **arguments: object,
    ) -> Request:
        """Run a move about one occurrence (today in the couple's time zone, unless given)."""
        return self._run(
            request_id,
            actor,
            lambda r, now: getattr(r, move)(
                actor=actor,
                at=now,
                occurrence=r.local_date(now) if occurrence is None else occurrence,
                **arguments,
            ),
        )

    # -- queries ----------------------------------------------------------------------

    def history(self, request_id: uuid.UUID, *, actor: PersonId) -> RequestHistory:
        """Return what was asked, offered and agreed, and the owned marks inside the window.

        Marks older than `RequestRules.follow_through_window_days` are settled and
        shown nowhere: setbacks age out.
        """
        request = self.get(request_id, actor=actor)
        since = request.local_date(self._runner.now()) - timedelta(
            days=request.rules.follow_through_window_days
        )
        return request_history(self.events(request_id, actor=actor), marks_since=since)

    def follow_through(self, request_id: uuid.UUID, *, actor: PersonId) -> FollowThrough:
        """Return how the agreement went over the rolling window ending now: owned marks only."""
        return self.get(request_id, actor=actor).follow_through(self._runner.now())


def _asks(asks: Sequence[str]) -> tuple[str, ...]:
    if isinstance(asks, str) or not isinstance(asks, Sequence):
        raise InvalidInput("other_asks", "needs a list of asks (it may be empty).")
    return tuple(asks)
