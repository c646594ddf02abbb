"""The registry refuses workflows that clash or leave an event unaccounted for."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import attrs
import pytest

from repairkit import WORKFLOWS
from repairkit.adapters.codec import codec_for
from repairkit.core import DomainEvent, Registry
from repairkit.errors import RegistryError, RepairkitError
from repairkit.requests import REQUESTS
from repairkit.testing import NOTES
from repairkit.testing.notes import NoteShared


def test_the_relationship_is_always_first():
    """Every registry holds the relationship, before the workflows it was given, in order."""
    assert [spec.name for spec in Registry()] == ["relationship"]
    shipped = [spec.name for spec in WORKFLOWS]
    assert shipped[0] == "relationship"
    assert len(set(shipped)) == len(shipped) > 1
    assert [spec.name for spec in WORKFLOWS.with_workflows(NOTES)] == [*shipped, "note"]
    assert [spec.name for spec in Registry(NOTES, REQUESTS)] == ["relationship", "note", "request"]


def test_a_kind_name_registered_twice_is_refused():
    """Two workflows cannot store objects under one kind name."""
    with pytest.raises(ValueError, match="the kind name 'request' is registered already"):
        Registry(REQUESTS, attrs.evolve(NOTES, name="request"))


def test_an_event_without_a_notice_rule_is_refused():
    """Every event needs a notice rule or an explicit Quiet."""
    notices = {k: v for k, v in NOTES.notices.items() if k is not NoteShared}
    with pytest.raises(ValueError, match="NoteShared has no notice rule"):
        Registry(attrs.evolve(NOTES, notices=notices))


def test_an_event_without_its_own_tag_is_refused():
    """An event that only inherits a tag would be stored under its parent's name."""

    @attrs.frozen(kw_only=True)
    class Untagged(NoteShared):
        """Inherits NoteShared's tag."""

    spec = attrs.evolve(
        NOTES, events=(*NOTES.events, Untagged), notices={**NOTES.notices, Untagged: None}
    )
    with pytest.raises(ValueError, match="Untagged declares no TAG of its own"):
        Registry(spec)


def test_a_tag_used_twice_is_refused():
    """Two event types cannot share a stored tag."""

    @attrs.frozen(kw_only=True)
    class Twin(DomainEvent):
        """Claims another event's tag."""

        TAG = "note.shared"

    spec = attrs.evolve(
        NOTES,
        events=(*NOTES.events, Twin),
        notices={**NOTES.notices, Twin: NOTES.notices[NoteShared]},
    )
    with pytest.raises(ValueError, match=r"the event tag 'note\.shared'"):
        Registry(spec)


def test_an_event_of_an_unregistered_workflow_has_no_rule():
    """Asking for the rule of an event no registered workflow records is a TypeError."""
    event = NoteShared(
        id=uuid.uuid4(),
        subject_id=uuid.uuid4(),
        relationship_id=uuid.uuid4(),
        actor="ana",
        at=datetime(2026, 3, 2, tzinfo=UTC),
        from_state="written",
        to_state="shared",
        version=2,
    )
    with pytest.raises(RegistryError, match="NoteShared is not an event of any workflow"):
        WORKFLOWS.rule_for(event)
    assert WORKFLOWS.with_workflows(NOTES).rule_for(event) is NOTES.notices[NoteShared]


def test_registry_errors_are_typed_and_still_value_errors():
    with pytest.raises(
        RegistryError, match="the kind name 'request' is registered already"
    ) as clash:
        WORKFLOWS.with_workflows(REQUESTS)
    assert isinstance(clash.value, RepairkitError)
    assert isinstance(clash.value, ValueError)  # what `except ValueError` caught before
    with pytest.raises(RegistryError, match="Note is not a workflow this registry knows"):
        WORKFLOWS.spec_of(NOTES.entity)
    with pytest.raises(RegistryError, match="Note is not a workflow entity of this storage's"):
        codec_for(WORKFLOWS).kind_name(NOTES.entity)
