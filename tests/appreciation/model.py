"""The appreciation: its states, its roles, its table and the entity."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import ClassVar

import attrs

from appreciation.events import (
    AppreciationAcknowledged,
    AppreciationClosedByLeaving,
    AppreciationLetBe,
    AppreciationReturned,
    AppreciationSent,
)
from appreciation.notices import AppreciationNotice
from repairkit.core import (
    REPAIRKIT,
    SYSTEM,
    Move,
    PersonId,
    Role,
    Workflow,
    WorkflowObject,
    check_instant,
    check_text,
    closed_by_leaving,
    new_id,
    tell_audience,
)


class AppreciationState(enum.StrEnum):
    """Where an appreciation stands."""

    SENT = "sent"
    ACKNOWLEDGED = "acknowledged"
    LET_BE = "let be"
    CLOSED_BY_LEAVING = "closed by leaving"


SENDER = Role("sender", "the partner who sent the appreciation")
RECEIVER = Role("receiver", "the partner the appreciation is for")

_A = AppreciationState
MOVES = (
    Move("acknowledge", (_A.SENT,), _A.ACKNOWLEDGED, RECEIVER, description="Say it landed."),
    Move("let_be", (_A.SENT,), _A.LET_BE, RECEIVER, description="Let it be, no answer needed."),
    Move(
        "return_it",
        (_A.SENT,),
        _A.ACKNOWLEDGED,
        RECEIVER,
        description="Say it landed, with an appreciation back.",
        event=AppreciationReturned,
        notice=tell_audience(
            AppreciationNotice.APPRECIATION_ACKNOWLEDGED, "Your partner appreciates you too."
        ),
    ),
)
# When a partner leaves, repairkit closes an open appreciation, neutrally, for both.
APPRECIATION_WORKFLOW = Workflow(
    "appreciation",
    AppreciationState,
    _A.SENT,
    (*MOVES, closed_by_leaving(MOVES, _A.CLOSED_BY_LEAVING, AppreciationClosedByLeaving)),
)


@attrs.define(eq=False, kw_only=True)
class Appreciation(WorkflowObject):
    """An appreciation from one partner (the sender) to the other (the receiver)."""

    WORKFLOW: ClassVar[Workflow] = APPRECIATION_WORKFLOW

    id: uuid.UUID
    relationship_id: uuid.UUID
    sender: PersonId
    receiver: PersonId
    text: str
    created_at: datetime
    state: AppreciationState = AppreciationState.SENT
    version: int = 0
    changed_at: datetime | None = None

    @property
    def participants(self) -> tuple[PersonId, PersonId]:
        """The sender and the receiver."""
        return (self.sender, self.receiver)

    def asked(self) -> tuple[PersonId, ...]:
        """The receiver, until they answer: they can always let it be."""
        return (self.receiver,) if self.state is AppreciationState.SENT else ()

    def roles_of(self, actor: PersonId) -> frozenset[Role]:
        """The receiver may answer; the sender sees it but has nothing to do.

        repairkit itself (`SYSTEM`) closes it when a partner leaves.
        """
        if actor == SYSTEM:
            return frozenset({REPAIRKIT})
        if actor == self.receiver:
            return frozenset({RECEIVER})
        return frozenset({SENDER}) if actor == self.sender else frozenset()

    @classmethod
    def send(
        cls,
        *,
        relationship_id: uuid.UUID,
        sender: PersonId,
        receiver: PersonId,
        text: str,
        at: datetime,
    ) -> tuple[Appreciation, AppreciationSent]:
        """Send an appreciation to the other partner."""
        at = check_instant(at, "at")
        words = check_text(text, "text", max_length=500) or ""
        appreciation = cls(
            id=new_id(),
            relationship_id=relationship_id,
            sender=sender,
            receiver=receiver,
            text=words,
            created_at=at,
            version=1,
        )
        event = appreciation._event(
            AppreciationSent, sender, at, None, receiver=receiver, text=words
        )
        return appreciation, event

    def acknowledge(self, *, actor: PersonId, at: datetime) -> AppreciationAcknowledged:
        """Say it landed."""
        return self._move("acknowledge", actor, at, AppreciationAcknowledged)

    def let_be(self, *, actor: PersonId, at: datetime) -> AppreciationLetBe:
        """Let it be."""
        return self._move("let_be", actor, at, AppreciationLetBe)
