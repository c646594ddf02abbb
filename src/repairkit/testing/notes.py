"""A small neutral workflow, `Note`, that the storage contract stores (not Request).

A note is written privately by its author, shared with the reader, and then read
or, once its reply-by time passes, let be by repairkit. It exercises what a
storage must handle for any workflow: private events, states with spaces, a
due time, events with text, and notifications.
"""

from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import ClassVar

import attrs

from repairkit.core.engine import REPAIRKIT, Move, Role, Workflow
from repairkit.core.entity import WorkflowObject
from repairkit.core.events import DomainEvent
from repairkit.core.notices import Quiet, tell_audience, tell_everyone
from repairkit.core.personal import PersonalData
from repairkit.core.spec import WorkflowSpec
from repairkit.core.suggestions import words
from repairkit.core.timers import Timer
from repairkit.core.values import SYSTEM, PersonId, new_id

__all__ = ["NOTES", "Note", "NoteState"]


class NoteState(enum.StrEnum):
    """Where a note stands."""

    WRITTEN = "written"
    SHARED = "shared"
    READ = "read"
    LET_BE = "let be"


AUTHOR = Role("author", "the partner who wrote the note")
READER = Role("reader", "the partner the note is for")

_N = NoteState


@attrs.frozen(kw_only=True)
class NoteWritten(DomainEvent):
    """The author wrote a note (private to them)."""

    TAG = "note.written"
    text: str
    reader: PersonId


@attrs.frozen(kw_only=True)
class NoteShared(DomainEvent):
    """The author shared the note."""

    TAG = "note.shared"


@attrs.frozen(kw_only=True)
class NoteRead(DomainEvent):
    """The reader read it."""

    TAG = "note.read"


@attrs.frozen(kw_only=True)
class NoteLetBe(DomainEvent):
    """Its reply-by time passed."""

    TAG = "note.let_be"


NOTE_WORKFLOW = Workflow(
    "note",
    NoteState,
    _N.WRITTEN,
    (
        Move("share", (_N.WRITTEN,), _N.SHARED, AUTHOR, description="Share it."),
        Move("read", (_N.SHARED,), _N.READ, READER, description="Read it."),
        Move(
            "let_be",
            (_N.SHARED,),
            _N.LET_BE,
            REPAIRKIT,
            description="Its reply-by time passed.",
            event=NoteLetBe,
        ),
    ),
    timers=(Timer("lets be", at="reply_by", fires="let_be"),),
)


class NoteNotice(enum.StrEnum):
    """What a note's notifications are about."""

    NOTE_SHARED = "note shared"
    NOTE_READ = "note read"
    NOTE_LET_BE = "note let be"


@attrs.define(eq=False, kw_only=True)
class Note(WorkflowObject):
    """A note from one partner (the author) to the other (the reader)."""

    WORKFLOW: ClassVar[Workflow] = NOTE_WORKFLOW

    id: uuid.UUID
    relationship_id: uuid.UUID
    author: PersonId
    reader: PersonId
    text: str
    created_at: datetime
    reply_by: datetime
    state: NoteState = NoteState.WRITTEN
    version: int = 0
    changed_at: datetime | None = None
    place: str | None = None
    """A place the note holds until it is read or let be, one note at a time there
    (`WorkflowSpec.one_at_a_time`); None, the most notes, holds none."""

    @property
    def participants(self) -> tuple[PersonId, PersonId]:
        """The author and the reader."""
        return (self.author, self.reader)

    @property
    def private_to(self) -> PersonId | None:
        """The author, until the note is shared."""
        return self.author if self.state is _N.WRITTEN else None

    def roles_of(self, actor: PersonId) -> frozenset[Role]:
        """Return the roles *actor* plays."""
        if actor == SYSTEM:
            return frozenset({REPAIRKIT})
        if not self.visible_to(actor):
            return frozenset()
        return frozenset({AUTHOR if actor == self.author else READER})

    def asked(self) -> tuple[PersonId, ...]:
        """The reader, while the note is shared and unread."""
        return (self.reader,) if self.state is _N.SHARED else ()

    @classmethod
    def write(
        cls,
        *,
        relationship_id: uuid.UUID,
        author: PersonId,
        reader: PersonId,
        text: str,
        reply_by: datetime,
        at: datetime,
        place: str | None = None,
    ) -> tuple[Note, NoteWritten]:
        """Write a note down; only the author sees it until it is shared."""
        note = cls(
            place=place,
            id=new_id(),
            relationship_id=relationship_id,
            author=author,
            reader=reader,
            text=text,
            created_at=at,
            reply_by=reply_by,
            version=1,
        )
        return note, note._event(NoteWritten, author, at, None, text=text, reader=reader)

    def share(self, *, actor: PersonId, at: datetime) -> NoteShared:
        """Share the note with the reader."""
        return self._move("share", actor, at, NoteShared)

    def read(self, *, actor: PersonId, at: datetime) -> NoteRead:
        """Read the note."""
        return self._move("read", actor, at, NoteRead)


NOTES = WorkflowSpec(
    name="note",
    entity=Note,
    workflow=NOTE_WORKFLOW,
    events=(NoteWritten, NoteShared, NoteRead, NoteLetBe),
    notices={
        NoteWritten: Quiet("A written note is its author's alone."),
        NoteShared: tell_audience(NoteNotice.NOTE_SHARED, "A note was shared with you."),
        NoteRead: tell_audience(NoteNotice.NOTE_READ, "Your note was read."),
        NoteLetBe: tell_everyone(NoteNotice.NOTE_LET_BE, "A note's reply-by time has passed."),
    },
    notice_kinds=NoteNotice,
    summary="A neutral workflow for repairkit's storage contract; not shipped to users.",
    keys=lambda note: (("author", note.author), ("words", words(note.text))),
    one_at_a_time=lambda note: note.place if note.state in (_N.WRITTEN, _N.SHARED) else None,
    personal=PersonalData(texts={"text": "author"}),
)
"""The note workflow, for registries that test storages."""
