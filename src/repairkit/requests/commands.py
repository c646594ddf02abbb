"""The Request workflow's commands, reached as ``kit.requests``."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

from repairkit.commands import WorkflowCommands
from repairkit.core.events import DomainEvent
from repairkit.core.values import PersonId, TimeBox, check_id, check_person_id
from repairkit.errors import InvalidInput, NotAllowedNow
from repairkit.requests.history import RequestHistory, request_history
from repairkit.requests.model import REQUEST_WORKFLOW, Request, RequestState
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
        time_box: TimeBox | None = None,
        follows: uuid.UUID | None = None,
    ) -> Request:
        """Write a request to the other partner down; only *actor* sees it until `propose`.

        *follows* names an earlier request (for example one that was declined)
        whose need this one names again.
        """
        kit = self._kit
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
            time_box=time_box,
            follows=follows,
            rules=relationship.settings.of(RequestRules),
            time_zone=relationship.settings.time_zone,
            at=kit.now(),
        )
        kit.add(request, event)
        return request

    def revise(
        self,
        request_id: uuid.UUID,
        *,
        actor: PersonId,
        need: str,
        ask: str,
        observation: str | None = None,
        time_box: TimeBox | None = None,
    ) -> Request:
        """Change a draft (all of its content) before it is sent."""
        return self._run(
            request_id,
            actor,
            lambda r, now: r.revise(
                actor=actor,
                at=now,
                need=need,
                ask=ask,
                observation=observation,
                time_box=time_box,
            ),
        )

    def propose(self, request_id: uuid.UUID, *, actor: PersonId) -> Request:
        """Send the request to the other partner.

        After a no, at most one new request on the same need (the same words, or one
        that `follows` it) can be sent within `RequestRules.reask_pause_hours`.
        """

        def action(request: Request, now: datetime) -> DomainEvent:
            REQUEST_WORKFLOW.check(request, "propose", actor)  # who and when, first
            self._relationship_for(request.relationship_id, actor, "propose")  # not left
            self._check_reask_pause(request, now)
            return request.propose(actor=actor, at=now)

        return self._run(request_id, actor, action)

    def _check_reask_pause(self, request: Request, now: datetime) -> None:
        pause = timedelta(hours=request.rules.reask_pause_hours)
        if not pause:
            return
        same = [
            other
            for other in self._kit.storage.load_all(Request, request.relationship_id)
            if other.id != request.id
            and other.asker == request.asker
            and _same_need(other, request)
        ]
        nos = {
            o.id: o.changed_at
            for o in same
            if o.state is RequestState.DECLINED and o.changed_at and o.changed_at > now - pause
        }
        if not nos:
            return
        first_no = min(nos.values())  # the pause runs from the first no inside it
        first = next(i for i, at in nos.items() if at == first_no)
        sent_since = [
            o
            for o in same
            if o.id != first and o.proposed_at is not None and o.proposed_at >= first_no
        ]
        if sent_since:
            opens = (first_no + pause).strftime("%Y-%m-%d %H:%M UTC")
            raise NotAllowedNow(
                kind=REQUEST_WORKFLOW.name,
                action="propose",
                state=request.state.value,
                allowed=("revise", "withdraw"),
                reason=(
                    "This need was answered with a no a short while ago, and one new request"
                    f" on it has been sent since. This one can be sent from {opens}."
                ),
            )

    def accept(self, request_id: uuid.UUID, *, actor: PersonId) -> Request:
        """Say yes to the latest offer (the request, or an alternative)."""
        return self._run(request_id, actor, lambda r, now: r.accept(actor=actor, at=now))

    def decline(
        self, request_id: uuid.UUID, *, actor: PersonId, reason: str | None = None
    ) -> Request:
        """Say no. It is recorded neutrally and never counted against anyone."""
        return self._run(
            request_id, actor, lambda r, now: r.decline(actor=actor, at=now, reason=reason)
        )

    def propose_alternative(
        self,
        request_id: uuid.UUID,
        *,
        actor: PersonId,
        ask: str,
        time_box: TimeBox | None = None,
    ) -> Request:
        """Offer another way to meet the need, and other dates if given; the other answers next."""
        return self._run(
            request_id,
            actor,
            lambda r, now: r.propose_alternative(actor=actor, at=now, ask=ask, time_box=time_box),
        )

    def resume(self, request_id: uuid.UUID, *, actor: PersonId) -> Request:
        """Reopen a stalled request (for example after a check-in)."""
        return self._run(request_id, actor, lambda r, now: r.resume(actor=actor, at=now))

    def withdraw(self, request_id: uuid.UUID, *, actor: PersonId) -> Request:
        """Take the request back before agreement."""
        return self._run(request_id, actor, lambda r, now: r.withdraw(actor=actor, at=now))

    def record_follow_through(
        self,
        request_id: uuid.UUID,
        *,
        actor: PersonId,
        kept: bool,
        occurrence: date | None = None,
    ) -> Request:
        """Mark one occurrence (today in the couple's time zone, unless given) kept or missed."""
        return self._run(
            request_id,
            actor,
            lambda r, now: r.record_follow_through(
                actor=actor,
                at=now,
                occurrence=r.local_date(now) if occurrence is None else occurrence,
                kept=kept,
            ),
        )

    def propose_ending(self, request_id: uuid.UUID, *, actor: PersonId) -> Request:
        """Suggest that the agreement has done its work."""
        return self._run(request_id, actor, lambda r, now: r.propose_ending(actor=actor, at=now))

    def confirm_ending(self, request_id: uuid.UUID, *, actor: PersonId) -> Request:
        """Agree to end the agreement; the request completes."""
        return self._run(request_id, actor, lambda r, now: r.confirm_ending(actor=actor, at=now))

    def keep_going(self, request_id: uuid.UUID, *, actor: PersonId) -> Request:
        """Keep the agreement going after all."""
        return self._run(request_id, actor, lambda r, now: r.keep_going(actor=actor, at=now))

    def step_back(self, request_id: uuid.UUID, *, actor: PersonId) -> Request:
        """Step back from the agreement alone; the topic goes to the next check-in."""
        return self._run(request_id, actor, lambda r, now: r.step_back(actor=actor, at=now))

    # -- queries ----------------------------------------------------------------------

    def history(self, request_id: uuid.UUID, *, actor: PersonId) -> RequestHistory:
        """Return what was asked, what was offered, who agreed, and how often it was kept."""
        return request_history(self.events(request_id, actor=actor))


def _words(text: str) -> str:
    return " ".join(text.casefold().split())


def _same_need(one: Request, other: Request) -> bool:
    """Return whether two requests name the same need (its words, or a `follows` link)."""
    linked = one.id == other.follows or other.id == one.follows
    shared = one.follows is not None and one.follows == other.follows
    return linked or shared or _words(one.need) == _words(other.need)
