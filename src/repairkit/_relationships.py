"""The relationship's commands (`kit.relationships`): invite, read, settings by consent, leave.

Each returns the relationship as its actor may see it: a copy without the other
partner's quiet hours (they are private to their owner), detached (a move made on
it directly raises).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from repairkit._invitations import check_invitable
from repairkit._leaving import close_everything
from repairkit._lists import asked_of, pairs_oldest_first
from repairkit._pipeline import Runner, shown
from repairkit.commands import Awaiting, WorkflowCommands
from repairkit.core.entity import WorkflowObject
from repairkit.core.events import DomainEvent, seen_by
from repairkit.core.invitations import INVITATIONS_PER_DAY
from repairkit.core.quiet import QuietHours
from repairkit.core.relationship import Relationship, RelationshipState
from repairkit.core.settings import RelationshipSettings, zone
from repairkit.core.values import PersonId, check_person_id

__all__ = ["Relationships"]


class Relationships:
    """Everything about the relationship itself, reached as ``kit.relationships``."""

    def __init__(
        self,
        runner: Runner,
        workflows: Mapping[str, WorkflowCommands[Any]],
        invitations_per_day: int = INVITATIONS_PER_DAY,
    ) -> None:
        self._runner = runner
        self._workflows = workflows
        """Each workflow's commands by its kind name: what `awaiting` asks for open moves."""
        self._invitations_per_day = invitations_per_day
        """How many invitations one person may send in any 24 hours."""

    def invite(
        self,
        partner: PersonId,
        *,
        actor: PersonId,
        settings: RelationshipSettings | None = None,
    ) -> Relationship:
        """Invite *partner* to use repairkit together with *actor*; it begins once they accept.

        The relationship is ``invited`` (its partners ``(actor, partner)``) until *partner*
        calls `accept_invitation` (agreeing to *settings* with it) or `decline_invitation`,
        or *actor* calls `withdraw_invitation`. Until they accept nothing reaches
        *partner*, not even the invitation: the app shows it (`invitations`) in its own
        way. Every workflow's command refuses to run in it meanwhile.

        Raises:
            NotInvitable: the two already share an invitation or an active relationship;
                or *partner* left a relationship with *actor*, declined their invitation
                or took back their own, and has not invited *actor* since (a new start
                is theirs); or *actor* sent as many invitations in the last 24 hours as
                the kit allows (``invitations_per_day``; ``possible_from`` says when
                the next one can go). Nothing is stored, and nobody is told.
            InvalidInput: *partner* is *actor*, or an id or *settings* is not valid.
        """
        actor = check_person_id(actor, "actor")
        relationship, event = Relationship.invite(
            actor=actor, partner=partner, settings=settings, at=self._runner.now()
        )
        check_invitable(
            self._runner.repository,
            actor,
            relationship.invited,
            now=relationship.created_at,
            per_day=self._invitations_per_day,
        )
        self._runner.add(relationship, event)
        return shown(relationship.seen_by(actor))

    def invitations(self, person: PersonId) -> list[Relationship]:
        """Return the invitations awaiting *person*'s answer, oldest first, as they may see them."""
        person = check_person_id(person, "person")
        return [
            shown(
                self._runner.as_told(
                    relationship.seen_by(person), person, version=relationship.version
                )
            )
            for relationship in self._runner.repository.relationships_of(person)
            if relationship.state is RelationshipState.INVITED and relationship.invited == person
        ]

    def accept_invitation(self, relationship_id: uuid.UUID, *, actor: PersonId) -> Relationship:
        """Accept the invitation (and the settings it came with): the relationship is active."""
        return self._relationship_move(
            relationship_id, actor, lambda r, now: r.accept_invitation(actor=actor, at=now)
        )

    def decline_invitation(self, relationship_id: uuid.UUID, *, actor: PersonId) -> Relationship:
        """Say no to the invitation: nothing begins, and the person who invited cannot ask again.

        A no is a fair answer, counted nowhere; a new start between the two is then the
        invited person's to make (`invite`).
        """
        return self._relationship_move(
            relationship_id, actor, lambda r, now: r.decline_invitation(actor=actor, at=now)
        )

    def withdraw_invitation(self, relationship_id: uuid.UUID, *, actor: PersonId) -> Relationship:
        """Take one's own invitation back before it is answered; the invited person is not told."""
        return self._relationship_move(
            relationship_id, actor, lambda r, now: r.withdraw_invitation(actor=actor, at=now)
        )

    def for_person(self, person: PersonId) -> list[Relationship]:
        """Return the relationships *person* is a partner in, oldest first, as they may see them.

        Ended ones are included (their ``state`` says so); at most one with each other
        person is active. An invitation taken back before *person* answered it is left out
        for them: it never reached them, and invitations sent and taken back again and
        again would fill their list, each with its time (docs/safety.md, invitations).
        """
        person = check_person_id(person, "person")
        return [
            shown(
                self._runner.as_told(
                    relationship.seen_by(person), person, version=relationship.version
                )
            )
            for relationship in self._runner.repository.relationships_of(person)
            if relationship.state is not RelationshipState.WITHDRAWN
            or relationship.invited != person
        ]

    def get(self, relationship_id: uuid.UUID, *, actor: PersonId) -> Relationship:
        """Return the relationship, if *actor* is one of its partners."""
        return shown(
            self._runner.as_told(self._runner.relationship(relationship_id, actor=actor), actor)
        )

    def moves(self, relationship_id: uuid.UUID, *, actor: PersonId) -> tuple[str, ...]:
        """Return the moves *actor* can make on the relationship right now, in table order."""
        relationship = self._runner.relationship(relationship_id, actor=actor)
        return relationship.moves_open_to(actor, self._runner.now())

    def awaiting(self, relationship_id: uuid.UUID, *, actor: PersonId) -> list[Awaiting]:
        """Return what *actor* is asked to answer now, over the relationship and every workflow.

        Suggested settings, a request awaiting their answer, a suggestion to resume or
        to end, a note of a day awaiting their acknowledgement: each with the moves open
        to them on it (a way to say no among them). The relationship comes first, then
        each workflow in registry order, oldest first by when each reached *actor* (a
        proposal's time, never when its author drafted it). Only what *actor* may see is read;
        an outsider gets `NotFound`. Each workflow is read from the ``("asked", actor)``
        index (`Storage.load_keyed`), so the cost follows what is open, not the history.
        """
        runner = self._runner
        relationship = runner.relationship(relationship_id, actor=actor)
        now = runner.now()
        found: list[tuple[WorkflowObject, WorkflowObject]] = [
            (relationship, runner.as_told(relationship, actor))
        ]
        for spec in runner.workflows:
            if spec.entity is Relationship:
                continue
            found.extend(
                pairs_oldest_first(  # by when each reached *actor*, never by drafting
                    [  # as stored, and as shown
                        (
                            obj,
                            runner.as_told(
                                obj.aged(actor, now).seen_by(actor), actor, version=obj.version
                            ),
                        )
                        for obj in asked_of(runner, spec.entity, relationship.id, actor)
                        if obj.visible_at(actor, now)
                    ]
                )
            )
        return [
            Awaiting(kind=kind, item=shown(seen), moves=self._open_moves(kind, obj, actor, now))
            for obj, seen in found
            if actor in seen.asked_at(now)
            for kind in (runner.workflows.spec_of(type(obj)).name,)
        ]

    def _open_moves(
        self, kind: str, obj: WorkflowObject, actor: PersonId, now: datetime
    ) -> tuple[str, ...]:
        """The moves open to *actor* on *obj*: its workflow's commands decide, preconditions too."""
        commands = self._workflows.get(kind)
        if commands is None:  # the relationship itself, or a workflow without commands
            return obj.moves_open_to(actor, now)
        return commands._open_moves(obj, actor, now)  # noqa: SLF001 - the one rule, shared

    def propose_settings(
        self,
        relationship_id: uuid.UUID,
        *,
        actor: PersonId,
        settings: RelationshipSettings,
    ) -> Relationship:
        """Suggest new shared settings; they apply only once the other partner agrees."""
        return self._relationship_move(
            relationship_id,
            actor,
            lambda r, now: r.propose_settings(actor=actor, settings=settings, at=now),
        )

    def agree_to_settings(self, relationship_id: uuid.UUID, *, actor: PersonId) -> Relationship:
        """Agree to the settings the other partner suggested; they apply to everything at once."""
        agreed = self._relationship_move(
            relationship_id,
            actor,
            lambda r, now: r.agree_to_settings(actor=actor, at=now),
        )
        self._runner.refresh_deadlines(agreed.id)
        return agreed

    def decline_settings(self, relationship_id: uuid.UUID, *, actor: PersonId) -> Relationship:
        """Keep the shared settings as they are."""
        return self._relationship_move(
            relationship_id,
            actor,
            lambda r, now: r.decline_settings(actor=actor, at=now),
        )

    def withdraw_settings(self, relationship_id: uuid.UUID, *, actor: PersonId) -> Relationship:
        """Take back one's own suggested settings."""
        return self._relationship_move(
            relationship_id,
            actor,
            lambda r, now: r.withdraw_settings(actor=actor, at=now),
        )

    def withdraw_consent_to_settings(
        self, relationship_id: uuid.UUID, *, actor: PersonId
    ) -> Relationship:
        """Withdraw one's consent to the shared rules, alone and at once: the defaults apply.

        Every workflow's rules go back to repairkit's defaults (the time zone stays), for
        objects made before too: each reads the rules in force when it is read (a topic
        resting under an agreed moratorium is free at once), and deadlines that follow
        the rules fall due as the defaults say. New settings apply once both agree.
        """
        withdrawn = self._relationship_move(
            relationship_id,
            actor,
            lambda r, now: r.withdraw_consent_to_settings(actor=actor, at=now),
        )
        self._runner.refresh_deadlines(withdrawn.id)
        return withdrawn

    def events(self, relationship_id: uuid.UUID, *, actor: PersonId) -> list[DomainEvent]:
        """Return the relationship's events that *actor* may see now, oldest first.

        Setbacks older than their workflow's rolling window are left out for everyone
        but the person they are about, as in each workflow's ``events``. A move of the
        other partner that *actor* was not told about shows its time to the day only, in
        the couple's time zone (`RelationshipSettings.time_zone`, UTC unless agreed
        otherwise): no "last seen", no response times.
        """
        relationship = self._runner.relationship(relationship_id, actor=actor)
        events = self._runner.repository.relationship_events(relationship.id)
        return seen_by(
            events,
            actor,
            aged_out=self._aged_out_for(actor, self._runner.now()),
            told=self._runner.told(actor),
            zone=zone(relationship.settings.time_zone),
        )

    def _aged_out_for(self, actor: PersonId, now: datetime) -> Callable[[DomainEvent], bool]:
        """Return whether an event (of any workflow) has aged out for *actor* at *now*.

        Only events whose type ages out are asked about; each one's object is loaded
        once, through the workflow that registered the event's type.
        """
        objects: dict[uuid.UUID, Any] = {}

        def aged_out(event: DomainEvent) -> bool:
            subject = event.subject_id
            if subject not in objects:
                spec = next(s for s in self._runner.workflows if type(event) in s.events)
                objects[subject] = self._runner.repository.load(spec.entity, subject)
            return bool(objects[subject].aged_out(event, actor, now))

        return aged_out

    def pause(self, relationship_id: uuid.UUID, *, actor: PersonId) -> Relationship:
        """Pause, alone: nothing reaches *actor* until they come back; the other is not told why."""
        return self._relationship_move(
            relationship_id, actor, lambda r, now: r.pause(actor=actor, at=now)
        )

    def come_back(self, relationship_id: uuid.UUID, *, actor: PersonId) -> Relationship:
        """End one's own pause; what waited for *actor* goes out on the next delivery."""
        return self._relationship_move(
            relationship_id, actor, lambda r, now: r.come_back(actor=actor, at=now)
        )

    def leave(self, relationship_id: uuid.UUID, *, actor: PersonId) -> Relationship:
        """Leave, alone: everything open closes for both, then the relationship ends.

        Every open object of every workflow ends through its declared neutral exit
        (``closed by leaving``, `SafetySpec.on_leaving`), telling nobody: a private
        draft stays its author's, a timer never fires, an acknowledged record keeps
        its answer. The remaining partner hears one sentence; nothing more reaches the
        leaver; every command in the relationship is refused from then on, and the
        remaining partner cannot invite the leaver again (a new start is the leaver's).
        If another command interferes, `leave` raises and can simply be called again:
        what was closed stays closed. Only objects in a state some move leaves are read
        (`Storage.load_page` by state), never the finished history.
        """
        relationship = self._runner.relationship(relationship_id, actor=actor)
        relationship.check_active("leave")
        close_everything(self._runner, relationship.id, actor)
        return self._relationship_move(
            relationship.id, actor, lambda r, now: r.leave(actor=actor, at=now)
        )

    def set_quiet_hours(
        self, relationship_id: uuid.UUID, *, actor: PersonId, quiet_hours: QuietHours | None
    ) -> Relationship:
        """Set *actor*'s own quiet hours, or clear them with None; the other is not told.

        Nothing is delivered to *actor* inside them: it waits in the outbox, untried,
        and goes out on the first `deliver_pending` after they end.
        """
        return self._relationship_move(
            relationship_id,
            actor,
            lambda r, now: r.set_quiet_hours(actor=actor, quiet_hours=quiet_hours, at=now),
        )

    def _relationship_move(
        self,
        relationship_id: uuid.UUID,
        actor: PersonId,
        action: Callable[[Relationship, datetime], DomainEvent],
    ) -> Relationship:
        """Run one move on the relationship; return it as *actor* may see it."""
        moved = self._runner.execute(Relationship, relationship_id, actor, action)
        return shown(self._runner.as_told(moved.seen_by(actor), actor, version=moved.version))
