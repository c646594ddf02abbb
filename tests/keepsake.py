"""A test workflow, not shipped, built sound or deliberately broken for the safety suite.

A keepsake is a moment one partner (its recorder) writes down for the two of them; the
other acknowledges it or lets it be, and the recorder can take it back. `keepsakes()`
builds it as it is meant to be; its arguments break it in the ways the suite must
catch: the other partner taking back what the recorder wrote, or erasing it from the
recorder's sight, or a notice that blames.
"""

from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import Any, ClassVar

import attrs

from repairkit.commands import WorkflowCommands
from repairkit.core import (
    CREATION,
    EITHER_PARTNER,
    REPAIRKIT,
    SYSTEM,
    DomainEvent,
    Move,
    PersonId,
    Role,
    SafetySpec,
    Workflow,
    WorkflowObject,
    WorkflowSpec,
    check_instant,
    check_person_id,
    check_text,
    new_id,
    tell_audience,
)


class KeepsakeState(enum.StrEnum):
    """Where a keepsake stands."""

    KEPT = "kept"
    ACKNOWLEDGED = "acknowledged"
    LET_BE = "let be"
    WITHDRAWN = "withdrawn"
    ERASED = "erased"


class KeepsakeNotice(enum.StrEnum):
    """What a keepsake's notifications are about."""

    KEEPSAKE_KEPT = "keepsake kept"
    KEEPSAKE_ACKNOWLEDGED = "keepsake acknowledged"
    KEEPSAKE_WITHDRAWN = "keepsake withdrawn"
    KEEPSAKE_ERASED = "keepsake erased"


@attrs.frozen(kw_only=True)
class KeepsakeKept(DomainEvent):
    """The recorder wrote a moment down."""

    TAG = "keepsake.kept"
    text: str


@attrs.frozen(kw_only=True)
class KeepsakeAcknowledged(DomainEvent):
    """The other partner acknowledged it."""

    TAG = "keepsake.acknowledged"


@attrs.frozen(kw_only=True)
class KeepsakeLetBe(DomainEvent):
    """The other partner let it be: their no."""

    TAG = "keepsake.let_be"


@attrs.frozen(kw_only=True)
class KeepsakeWithdrawn(DomainEvent):
    """It was taken back."""

    TAG = "keepsake.withdrawn"


@attrs.frozen(kw_only=True)
class KeepsakeReminded(DomainEvent):
    """The recorder brought it up to the other partner once more (only in a variant)."""

    TAG = "keepsake.reminded"


@attrs.frozen(kw_only=True)
class KeepsakeRemindedAnew(KeepsakeReminded):
    """A reminder that says it tells news: the budget counts each one."""

    TAG = "keepsake.reminded_anew"
    TELLS_NEWS = True


@attrs.frozen(kw_only=True)
class KeepsakeErased(DomainEvent):
    """It was erased (only in the broken variant)."""

    TAG = "keepsake.erased"


RECORDER = Role("recorder", "the partner who wrote the keepsake down")
OTHER = Role("other partner", "the partner the keepsake was written for")

_K = KeepsakeState


@attrs.define(eq=False, kw_only=True)
class Keepsake(WorkflowObject):
    """A moment one partner (the recorder) wrote down for the two of them."""

    WORKFLOW: ClassVar[Workflow]

    id: uuid.UUID
    relationship_id: uuid.UUID
    recorder: PersonId
    other: PersonId
    text: str
    created_at: datetime
    state: KeepsakeState = KeepsakeState.KEPT
    version: int = 0
    changed_at: datetime | None = None

    @property
    def participants(self) -> tuple[PersonId, PersonId]:
        """The recorder and the other partner."""
        return (self.recorder, self.other)

    def visible_to(self, person: PersonId) -> bool:
        """Both partners; once erased, only the other partner."""
        if self.state is _K.ERASED:
            return person == self.other
        return person in self.participants

    def roles_of(self, actor: PersonId) -> frozenset[Role]:
        """Either partner, and the recorder or the other partner."""
        if actor == SYSTEM:
            return frozenset({REPAIRKIT})
        if not self.visible_to(actor):
            return frozenset()
        return frozenset({EITHER_PARTNER, RECORDER if actor == self.recorder else OTHER})

    def asked(self) -> tuple[PersonId, ...]:
        """The other partner, until they answer."""
        return (self.other,) if self.state is _K.KEPT else ()

    @classmethod
    def keep(
        cls,
        *,
        relationship_id: uuid.UUID,
        recorder: PersonId,
        other: PersonId,
        text: str,
        at: datetime,
    ) -> tuple[Keepsake, KeepsakeKept]:
        """Write a moment down for the two of them."""
        at = check_instant(at, "at")
        words = check_text(text, "text", max_length=300) or ""
        keepsake = cls(
            id=new_id(),
            relationship_id=relationship_id,
            recorder=recorder,
            other=other,
            text=words,
            created_at=at,
            version=1,
        )
        return keepsake, keepsake._event(KeepsakeKept, recorder, at, None, text=words)


class KeepsakeCommands(WorkflowCommands[Keepsake]):
    """Keep a moment; the rest are the table's plain moves."""

    entity = Keepsake

    def keep(self, relationship_id: uuid.UUID, *, actor: PersonId, text: str) -> Keepsake:
        """Write a moment down for the two of them."""
        actor = check_person_id(actor, "actor")
        relationship = self._relationship_for(relationship_id, actor, "keep a moment")
        keepsake, event = self.entity.keep(
            relationship_id=relationship.id,
            recorder=actor,
            other=relationship.other_partner(actor),
            text=text,
            at=self._runner.now(),
        )
        return self._add(keepsake, event)


def keepsakes(
    *,
    withdrawn_by: Role = RECORDER,
    declared: tuple[str, ...] | None = (CREATION,),
    erase: bool = False,
    acknowledged: str = "The moment you kept was acknowledged.",
    remind: type[KeepsakeReminded] | None = None,
) -> WorkflowSpec[Any]:
    """Return the keepsake workflow; the arguments break it on purpose.

    *withdrawn_by* may take a keepsake back (what it ``declared`` it takes back); with
    *erase*, the other partner can erase it from the recorder's sight; *acknowledged*
    is what the recorder is told when the other acknowledges it. With *remind*, the
    recorder can bring a kept moment up to the other again and again, each time with
    that event: `KeepsakeReminded` forgets that it tells news (a channel outside the
    budget), `KeepsakeRemindedAnew` says so.
    """
    moves = [
        Move(
            "acknowledge",
            (_K.KEPT,),
            _K.ACKNOWLEDGED,
            OTHER,
            description="Say it landed.",
            event=KeepsakeAcknowledged,
            notice=tell_audience(KeepsakeNotice.KEEPSAKE_ACKNOWLEDGED, acknowledged),
        ),
        Move(
            "let_be",
            (_K.KEPT,),
            _K.LET_BE,
            OTHER,
            description="Let it be: a no, counted nowhere.",
            event=KeepsakeLetBe,
            notice=tell_audience(KeepsakeNotice.KEEPSAKE_ACKNOWLEDGED, "A moment was let be."),
        ),
        Move(
            "withdraw",
            (_K.KEPT, _K.ACKNOWLEDGED),
            _K.WITHDRAWN,
            withdrawn_by,
            description="Take it back.",
            event=KeepsakeWithdrawn,
            notice=tell_audience(
                KeepsakeNotice.KEEPSAKE_WITHDRAWN, "A kept moment was taken back."
            ),
            takes_back=declared,
        ),
    ]
    if remind is not None:
        moves.append(
            Move(
                "remind",
                (_K.KEPT,),
                _K.KEPT,
                RECORDER,
                description="Bring it up once more.",
                event=remind,
                notice=tell_audience(KeepsakeNotice.KEEPSAKE_KEPT, "A moment was kept."),
            )
        )
    if erase:
        moves.append(
            Move(
                "erase",
                (_K.KEPT, _K.ACKNOWLEDGED),
                _K.ERASED,
                OTHER,
                description="Erase it.",
                event=KeepsakeErased,
                notice=tell_audience(KeepsakeNotice.KEEPSAKE_ERASED, "A kept moment was erased."),
                takes_back=(),  # a false declaration: the suite sees the erasing itself
            )
        )
    workflow = Workflow("keepsake", KeepsakeState, _K.KEPT, moves)

    @attrs.define(eq=False, kw_only=True)
    class Built(Keepsake):
        WORKFLOW: ClassVar[Workflow] = workflow

    class BuiltCommands(KeepsakeCommands):
        entity = Built

    return WorkflowSpec(
        name="keepsake",
        entity=Built,
        workflow=workflow,
        events=(KeepsakeKept,),
        notices={KeepsakeKept: tell_audience(KeepsakeNotice.KEEPSAKE_KEPT, "A moment was kept.")},
        notice_kinds=KeepsakeNotice,
        summary="A moment one partner keeps for the two of them (a test workflow).",
        namespace="keepsakes",
        commands=BuiltCommands,
        safety=SafetySpec(
            exits=frozenset({"withdraw", "acknowledge", "let_be", *(["erase"] if erase else [])}),
            declines=frozenset({"let_be"}),
            create="keep",
            create_arguments=lambda choose, _now: {"text": choose(["The walk on Sunday."])},
        ),
    )
