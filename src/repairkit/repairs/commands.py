"""The RepairCommitment workflow's commands, reached as ``kit.repairs``."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, ClassVar, Final

from repairkit.commands import Precondition, WorkflowCommands
from repairkit.core.relationship import Relationship
from repairkit.core.suggestions import DECLINED_ON, declined_key, reopens_at, when
from repairkit.core.values import PersonId, check_person_id
from repairkit.crossings.model import Crossing
from repairkit.crossings.table import COUNTED
from repairkit.errors import InvalidInput, NotAllowedNow, NotFound
from repairkit.repairs.links import LINK_KEY, RepairLink, RepairLinkKind, link_key
from repairkit.repairs.model import RepairCommitment
from repairkit.repairs.practice import Practice, PracticeDay, check_practice
from repairkit.repairs.rules import RepairRules
from repairkit.repairs.table import OPEN, AftermathStep, RepairState
from repairkit.requests.model import Request
from repairkit.timeouts.model import TimeOut
from repairkit.timeouts.rest import OPEN_CALLER
from repairkit.timeouts.table import TimeOutState

__all__ = ["ACCOUNTABILITY_KIND", "RepairCommands"]

ACCOUNTABILITY_KIND = "accountability"
"""The kind name of the accountability agreement, read through the registry when it has one."""

_OPEN_STATES = [s.value for s in OPEN]

INVITING: Final = "inviting"
"""The index key of a repair invitation waiting for its answer, by its inviter."""


def invitation_key(repair: RepairCommitment) -> tuple[str, str] | None:
    """The index key an invitation holds: waiting (`INVITING`), or declined that day."""
    if repair.inviter is None:
        return None
    if repair.state in (RepairState.INVITED, RepairState.NOT_NOW):
        return (INVITING, str(repair.inviter))
    if repair.state is RepairState.DECLINED and repair.changed_at is not None:
        return declined_key(repair.inviter, repair.changed_at)
    return None


def _calm_first(
    commands: RepairCommands, repair: RepairCommitment, actor: PersonId, now: datetime
) -> None:
    """Accepting opens the aftermath: only while neither partner has a time-out running."""
    commands._check_calm(repair.relationship_id, actor, repair.participants, now, "accept")  # noqa: SLF001 - its own class


class RepairCommands(WorkflowCommands[RepairCommitment]):
    """Repairs: a lapse owned by the responsible partner, the aftermath, a practice, a review.

    Reach it as ``kit.repairs``. Every command names its actor and returns the repair as
    it now stands, as that actor may see it (the other's entries only once shared).
    """

    entity = RepairCommitment
    preconditions: ClassVar[dict[str, Precondition]] = {"accept": _calm_first}

    # -- starting -------------------------------------------------------------------

    def own(
        self,
        relationship_id: uuid.UUID,
        *,
        actor: PersonId,
        link: RepairLink | None = None,
        practice: Practice | None = None,
    ) -> RepairCommitment:
        """Own a lapse: a repair opens at once in the aftermath, *actor* the responsible partner.

        *link* names what it follows (a counted crossing *actor* is the one it is about,
        a request's follow-through mark); *practice*, one of the closed set, starts once
        the plan is done. Refused while either partner has a time-out running that
        *actor* knows of: the refusal says from when it can open. A repair of an
        accountability item starts only when its responsible partner takes on the
        consequence offered to them (``kit.accountability.accept_offer``).
        """
        return self._start(relationship_id, actor, link, practice, invited=False)

    def invite(
        self, relationship_id: uuid.UUID, *, actor: PersonId, link: RepairLink | None = None
    ) -> RepairCommitment:
        """Invite the other partner to a repair: they accept, answer not now, or decline."""
        return self._start(relationship_id, actor, link, None, invited=True)

    def _consequence_may_start(
        self,
        relationship: Relationship,
        *,
        responsible: PersonId,
        link: RepairLink,
        practice: Practice | None,
        now: datetime,
    ) -> Practice | None:
        """Check that the repair an accepted consequence becomes may open now; return its practice.

        Private: only ``kit.accountability.accept_offer`` asks, once it checked that the
        consequence is offered to *responsible* now. Raises as `own` by that partner
        would (both calm first; no second open repair of the item), storing nothing: the
        repair itself opens in the acceptance's own commit (`RepairCommitment.start`
        with the id the acceptance names). No app, and no other partner, can start it.
        """
        rules = relationship.settings.of(RepairRules)
        checked = None if practice is None else check_practice(practice, rules)
        other = relationship.other_partner(responsible)
        self._checked_link(relationship, responsible, RepairLink.checked(link), responsible, now)
        self._check_calm(relationship.id, responsible, (responsible, other), now, "own")
        return checked

    def _start(
        self,
        relationship_id: uuid.UUID,
        actor: PersonId,
        link: RepairLink | None,
        practice: Practice | None,
        *,
        invited: bool,
    ) -> RepairCommitment:
        actor = check_person_id(actor, "actor")
        if isinstance(link, RepairLink) and link.kind == RepairLinkKind.ACCOUNTABILITY_ITEM:
            raise InvalidInput(
                "link",
                "names an accountability item: its repair starts when the partner its"
                " consequence is offered to takes it on (kit.accountability.accept_offer).",
            )
        action = "invite a repair" if invited else "own a lapse"
        relationship = self._relationship_for(relationship_id, actor, action)
        other = relationship.other_partner(actor)
        responsible, receiver = (other, actor) if invited else (actor, other)
        rules = relationship.settings.of(RepairRules)
        checked = None if practice is None else check_practice(practice, rules)
        now = self._runner.now()
        if link is not None:
            link = self._checked_link(
                relationship, actor, RepairLink.checked(link), responsible, now
            )
        if invited:
            self._check_no_pressure(relationship, actor, now)
        else:
            self._check_calm(relationship.id, actor, (actor, other), now, "own")
        repair, event = RepairCommitment.start(
            relationship_id=relationship.id,
            responsible=responsible,
            receiver=receiver,
            inviter=actor if invited else None,
            link=link,
            practice=checked,
            rules=rules,
            time_zone=relationship.settings.time_zone,
            at=now,
        )
        return self._add(repair, event)

    def _check_no_pressure(
        self, relationship: Relationship, actor: PersonId, now: datetime
    ) -> None:
        """Refuse a second invitation while one waits, or one soon after a no (rule 6).

        One invitation of *actor*'s waits at a time (invited, or answered not now); after
        the other said no, *actor* waits the relationship's re-ask pause
        (`Relationship.reask_wait`, 24 hours by default) before inviting again. Read from
        the index: the invitations waiting, and those declined on each day the pause
        reaches back to (at most eight keys), never the history.
        """
        repository = self._runner.repository
        if repository.load_keyed(RepairCommitment, relationship.id, INVITING, str(actor)):
            raise NotAllowedNow(
                kind="repair",
                action="invite",
                state="",
                allowed=(),
                reason="An invitation of yours to a repair waits for its answer; one at a time.",
            )
        following = reopens_at(
            lambda value: repository.load_keyed(
                RepairCommitment, relationship.id, DECLINED_ON, value
            ),
            actor,
            now,
            relationship.reask_wait,
        )
        if following is not None:
            raise NotAllowedNow(
                kind="repair",
                action="invite",
                state="",
                allowed=(),
                reason="After a no, an invitation to a repair waits a while; the next one can"
                " go from {when}.",
                params={"when": when(following)},
                possible_from=following,
            )

    def _check_calm(
        self,
        relationship_id: uuid.UUID,
        actor: PersonId,
        partners: tuple[PersonId, ...],
        now: datetime,
        action: str,
    ) -> None:
        """Refuse a repair's opening while either partner has a time-out running.

        Read from the time-outs' caller index (open ones only). Only a time-out *actor*
        knows of holds it back: the other partner's time-out they were not told of does
        not (a refusal would tell them it runs, and when it ends, to the second); what
        the repair sends that partner waits in the outbox while they rest anyway (a
        time-out for oneself holds what reaches one). The refusal says from when it can
        open: the running time-out's return time.
        """
        latest: datetime | None = None
        for person in partners:
            for timeout in self._runner.repository.load_keyed(
                TimeOut,
                relationship_id,
                OPEN_CALLER,
                person,
                states=[TimeOutState.COOLING_OFF.value],
            ):
                if now >= timeout.return_at or now >= timeout.ceiling_at:
                    continue
                seen = self._runner.as_told(timeout, actor)
                if seen.return_at != timeout.return_at or seen.started_at != timeout.started_at:
                    continue  # the other's, untold: it must not show through a refusal
                if latest is None or timeout.return_at > latest:
                    latest = timeout.return_at
        if latest is None:
            return
        until = latest
        raise NotAllowedNow(
            kind="repair",
            action=action,
            state="waiting for calm",
            allowed=(),
            reason="A repair opens when both are calm, and a time-out is running now."
            " It can open from {when}.",
            params={"when": when(until)},
            possible_from=until,
        )

    def _checked_link(
        self,
        relationship: Relationship,
        actor: PersonId,
        link: RepairLink,
        responsible: PersonId,
        now: datetime,
    ) -> RepairLink:
        """Check that *link* names something of this relationship *actor* may see, and no stack."""
        target = self._linked(link, relationship.id, actor, now)
        if link.kind is RepairLinkKind.CROSSING:
            if target.state not in COUNTED:
                raise InvalidInput(
                    "link",
                    "names a crossing that does not count; only owned or acknowledged ones do.",
                )
            if target.about != responsible:
                raise InvalidInput(
                    "link",
                    "names a crossing about the other partner; its repair is theirs to own,"
                    " or to be invited to.",
                )
        if self._runner.repository.load_keyed(
            RepairCommitment, relationship.id, LINK_KEY, link_key(link), states=_OPEN_STATES
        ):
            raise NotAllowedNow(
                kind="repair",
                action="own" if responsible == actor else "invite",
                state="open",
                allowed=(),
                reason="A repair of this is open already; one is open at a time.",
            )
        return link

    def _linked(
        self, link: RepairLink, relationship_id: uuid.UUID, actor: PersonId, now: datetime
    ) -> Any:  # noqa: ANN401 - a crossing, a request or an agreement
        kind: type[Any]
        if link.kind is RepairLinkKind.CROSSING:
            kind = Crossing
        elif link.kind is RepairLinkKind.REQUEST:
            kind = Request
        else:
            spec = self._runner.workflows.by_name.get(ACCOUNTABILITY_KIND)
            if spec is None:
                raise InvalidInput(
                    "link", "names an accountability item, which this kit keeps none of."
                )
            kind = spec.entity
        try:
            target = self._runner.repository.load(kind, link.id)
        except NotFound:
            target = None
        if (
            target is None
            or target.relationship_id != relationship_id
            or not target.visible_at(actor, now)
        ):
            raise InvalidInput(
                "link", "names no {kind} of this relationship.", kind=link.kind.value
            )
        if link.kind is RepairLinkKind.ACCOUNTABILITY_ITEM and not any(
            getattr(item, "id", None) == link.item for item in getattr(target, "items", ())
        ):
            raise InvalidInput("link", "names no item of that accountability agreement.")
        return target

    # -- the aftermath ----------------------------------------------------------------

    def write(
        self, repair_id: uuid.UUID, *, actor: PersonId, step: AftermathStep | str, words: str
    ) -> RepairCommitment:
        """Write (or rewrite) one's own entry for the current *step*: private until shared."""
        return self._make(repair_id, actor, "write", step=step, words=words)

    def share(self, repair_id: uuid.UUID, *, actor: PersonId) -> RepairCommitment:
        """Share one's entry for the current step; once both shared, the step is done."""
        return self._make(repair_id, actor, "share")

    def pass_step(self, repair_id: uuid.UUID, *, actor: PersonId) -> RepairCommitment:
        """Share "nothing to add" for the current step (neutral)."""
        return self._make(repair_id, actor, "pass_step")

    def summarise(self, repair_id: uuid.UUID, *, actor: PersonId, words: str) -> RepairCommitment:
        """Summarise the other's reality and validate part of it (shared with them at once)."""
        return self._make(repair_id, actor, "summarise", words=words)

    def still_need(self, repair_id: uuid.UUID, *, actor: PersonId, words: str) -> RepairCommitment:
        """Say what one needs before accepting the apology (the receiver)."""
        return self._make(repair_id, actor, "still_need", words=words)

    # -- the practice and the review ----------------------------------------------------

    def take_on_practice(
        self, repair_id: uuid.UUID, *, actor: PersonId, practice: Practice
    ) -> RepairCommitment:
        """Take on a practice of the closed set (the responsible partner, in the plan step)."""
        return self._make(repair_id, actor, "take_on_practice", practice=practice)

    def mark_day(
        self, repair_id: uuid.UUID, *, actor: PersonId, day: date | None = None
    ) -> RepairCommitment:
        """Mark one of one's own days of the period (the responsible partner; today if none)."""
        return self._make(repair_id, actor, "mark_day", day=day)

    def not_needed_today(
        self, repair_id: uuid.UUID, *, actor: PersonId, day: date | None = None
    ) -> RepairCommitment:
        """Say a day of the period was not needed (the receiver; today if none): not a miss."""
        return self._make(repair_id, actor, "not_needed_today", day=day)

    def pause_practice(self, repair_id: uuid.UUID, *, actor: PersonId) -> RepairCommitment:
        """Pause the practice period (either partner)."""
        return self._make(repair_id, actor, "pause_practice")

    def resume_practice(self, repair_id: uuid.UUID, *, actor: PersonId) -> RepairCommitment:
        """Resume the period (either partner); its end moves by the whole days it was paused."""
        return self._make(repair_id, actor, "resume_practice")

    def review(
        self, repair_id: uuid.UUID, *, actor: PersonId, worked: str, did_not: str
    ) -> RepairCommitment:
        """Write one's part of the joint review: what worked and what did not."""
        return self._make(repair_id, actor, "review", worked=worked, did_not=did_not)

    def renew(
        self, repair_id: uuid.UUID, *, actor: PersonId, practice: Practice
    ) -> RepairCommitment:
        """Renew it with a new practice (the responsible partner, once both reviewed)."""
        return self._make(repair_id, actor, "renew", practice=practice)

    # -- queries ----------------------------------------------------------------------

    def days(self, repair_id: uuid.UUID, *, actor: PersonId) -> tuple[PracticeDay, ...]:
        """Return each day of the current practice period and how it reads now.

        "marked", "not needed today", "not marked" (never a failure) or "to come".
        """
        repair = self._visible(repair_id, actor)
        return repair.practice_days(self._runner.now())

    def open_for(
        self, relationship_id: uuid.UUID, *, actor: PersonId, link: RepairLink
    ) -> list[RepairCommitment]:
        """Return the open repairs following *link* that *actor* may see (one indexed read)."""
        relationship = self._runner.relationship(relationship_id, actor=actor)
        checked = RepairLink.checked(link)
        actor = check_person_id(actor, "actor")
        found = self._runner.repository.load_keyed(
            RepairCommitment, relationship.id, LINK_KEY, link_key(checked), states=_OPEN_STATES
        )
        now = self._runner.now()
        return [self._as_seen(r, actor, now) for r in found if self._listed(r, actor, now)]
