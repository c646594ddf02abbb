"""The storage contract's part on erasure: `Storage.erase` and `Storage.notifications`.

A mixin of `repairkit.testing.StorageContract`: what ``kit.erase`` asks of a storage
(docs/your-data.md). An object stored again in place, one deleted with its keys, an
event rewritten and one dropped, a notification dropped: all in one call, and nothing
of what was erased is readable afterwards, through this connection or a new one.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

import attrs
import pytest

from repairkit.adapters.codec import codec_for
from repairkit.core.events import DomainEvent
from repairkit.core.notices import notifications_for
from repairkit.core.personal import ERASED
from repairkit.core.relationship import Relationship
from repairkit.core.settings import RelationshipSettings
from repairkit.core.spec import Registry
from repairkit.core.suggestions import words
from repairkit.errors import ConcurrencyConflict, NotFound
from repairkit.ports import Change, Erasure, Saved, Storage
from repairkit.testing.notes import NOTES, Note

__all__ = ["EraseContract"]

_T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
_WORDS = "the walk on Sunday, just between us"


class EraseContract:
    """`Storage.erase` applies one erasure at once; what it drops is unreadable after."""

    workflows: ClassVar[Registry]

    def reopen(self, storage: Storage) -> Storage | None:  # pragma: no cover - overridden
        """Return a second storage on the same data, or None."""
        del storage
        return None

    def _couple(self, storage: Storage) -> tuple[Relationship, Note, Note, list[DomainEvent]]:
        relationship, invited = Relationship.invite(
            actor="ana", partner="ben", settings=RelationshipSettings(), at=_T0
        )
        accepted = relationship.accept_invitation(actor="ben", at=_T0)
        storage.commit(Change(saves=(Saved(relationship, 0),), events=(invited, accepted)))
        kept, written = Note.write(
            relationship_id=relationship.id, author="ana", reader="ben", text=_WORDS,
            reply_by=_T0 + timedelta(days=1), at=_T0,
        )  # fmt: skip
        shared = kept.share(actor="ana", at=_T0)
        private, alone = Note.write(
            relationship_id=relationship.id, author="ana", reader="ben", text=_WORDS + "!",
            reply_by=_T0 + timedelta(days=1), at=_T0,
        )  # fmt: skip
        rule: Any = NOTES.notices[type(shared)]
        storage.commit(
            Change(
                saves=(Saved(kept, 0), Saved(private, 0)),
                events=(written, shared, alone),
                notifications=notifications_for(shared, kept.audience(shared), rule),
            )
        )
        return relationship, kept, private, [written, shared, alone]

    def test_erase_rewrites_deletes_and_drops_at_once(self, storage: Storage) -> None:
        """Objects, keys, events and notifications erased are unreadable, here and reopened."""
        relationship, kept, private, events = self._couple(storage)
        written, shared, alone = events
        sent = [uuid.uuid5(shared.id, "ben")]
        assert [n.id for n in storage.notifications(sent)] == sent
        clean = storage.load(Note, kept.id)
        clean.text = ERASED
        rewritten = attrs.evolve(written, text=ERASED)  # type: ignore[call-arg]
        storage.erase(
            Erasure(
                saves=(Saved(clean, kept.version),),
                deletes=((Note, private.id),),
                events=(rewritten,),
                dropped_events=(alone,),
                dropped_notifications=tuple(sent),
            )
        )
        for store in filter(None, (storage, self.reopen(storage))):
            assert store.load(Note, kept.id).text == ERASED
            with pytest.raises(NotFound):
                store.load(Note, private.id)
            assert [n.id for n in store.load_all(Note, relationship.id)] == [kept.id]
            assert store.load_keyed(Note, relationship.id, "words", words(_WORDS)) == []
            assert store.load_keyed(Note, relationship.id, "words", words(ERASED)) != []
            stored = codec_for(self.workflows)
            kept_events = store.relationship_events(relationship.id)
            assert _WORDS not in repr([stored.unstructure_event(e) for e in kept_events])
            assert alone.id not in {e.id for e in kept_events}
            assert store.events(private.id) == []
            assert store.notifications(sent) == []
            assert store.pending_notifications() == []
            if store is not storage:
                store.close()

    def test_erase_with_a_stale_version_changes_nothing(self, storage: Storage) -> None:
        """A save whose version moved meanwhile refuses the whole erasure."""
        _, kept, private, _ = self._couple(storage)
        stale = storage.load(Note, kept.id)
        stale.text = ERASED
        with pytest.raises(ConcurrencyConflict):
            storage.erase(
                Erasure(saves=(Saved(stale, kept.version + 5),), deletes=((Note, private.id),))
            )
        assert storage.load(Note, kept.id).text == _WORDS
        assert storage.load(Note, private.id).text == _WORDS + "!"
