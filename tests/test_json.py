"""repairkit.json: every object, event, notification and refusal validates against its schema.

Random histories of every registered workflow (the safety suite's `Histories`), the
stateful tests' machines and the examples' kits are played; everything they store, and
everything each partner reads back, is written with `repairkit.json.dumps`, validated
with ``jsonschema`` against the schemas `repairkit.json.schemas` generates, and read
back with `loads` to the same text.
"""

from __future__ import annotations

import functools
import importlib
import json
import runpy
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import run_state_machine_as_test

import repairkit
from kit_machine import KitMachine
from repairkit import WORKFLOWS, Notification
from repairkit.adapters import MemoryStorage, SQLiteStorage
from repairkit.core import DomainEvent, WorkflowSpec
from repairkit.errors import (
    Closed,
    ConcurrencyConflict,
    CorruptData,
    InvalidInput,
    NotAllowedNow,
    NotFound,
    NotPermitted,
    RepairkitError,
)
from repairkit.json import ErrorPayload, dumps, loads, plain, schema, schemas
from repairkit.ports import Change, Storage
from repairkit.testing._histories import SUITE, Histories
from test_serialization import built

ROOT = Path(__file__).resolve().parent.parent
PLAYED = [s for s in WORKFLOWS if s.safety is not None and s.namespace is not None]
SPEC_OF_EVENT = {t: s for s in WORKFLOWS for t in s.events}
_V = jsonschema.Draft202012Validator


@functools.cache
def validator(name: str) -> jsonschema.protocols.Validator:
    """The validator of one of the generated schema files ("request.json", "error.json")."""
    document = schemas()[name]
    _V.check_schema(document)
    return _V(document, format_checker=_V.FORMAT_CHECKER)


@functools.cache
def any_event() -> jsonschema.protocols.Validator:
    return _V(schema(DomainEvent), format_checker=_V.FORMAT_CHECKER)


def check(value: object) -> None:
    """Validate *value* against the schema of its kind; read it back to the same text."""
    text = dumps(value)
    data = json.loads(text)
    assert json.loads(json.dumps(plain(value))) == data
    if isinstance(value, RepairkitError):
        validator("error.json").validate(data)
        assert loads(text, ErrorPayload) == ErrorPayload.of(value)
    elif isinstance(value, DomainEvent):
        any_event().validate(data)
        validator(f"{SPEC_OF_EVENT[type(value)].name}.events.json").validate(data)
        assert loads(text, DomainEvent) == value
        assert loads(text, type(value)) == value
    elif isinstance(value, Notification):
        assert value.workflow, "every notification names its workflow"
        validator(f"{value.workflow}.notification.json").validate(data)
        assert loads(text, Notification) == value
    else:
        spec = WORKFLOWS.spec_of(type(value))
        validator(f"{spec.name}.json").validate(data)
        assert dumps(loads(text, type(value))) == text


class _Recording(MemoryStorage):
    """A memory storage that keeps every change it commits."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.changes: list[Change] = []

    def commit(self, change: Change) -> None:
        super().commit(change)
        self.changes.append(change)


def check_changes(changes: list[Change]) -> int:
    """Check everything *changes* stored; return how many values were checked."""
    count = 0
    for change in changes:
        values: list[object] = [s.entity for s in change.saves]
        values += [*change.events, *change.notifications]
        for value in values:
            check(value)
        count += len(values)
    return count


class _Played(Histories):
    def make_storage(self, workflows: repairkit.core.Registry) -> Storage:
        return _Recording(workflows=workflows)


@pytest.mark.parametrize("spec", PLAYED, ids=lambda s: s.name)
@settings(SUITE, max_examples=8)
@given(data=st.data())
def test_everything_a_history_stores_and_shows_fits_its_schema(spec: WorkflowSpec[Any], data):
    """Objects, events, notifications and refusals of random histories validate and read back."""
    played = _Played()
    script: list[tuple[Any, ...]] = []
    world = played._last(played._play(spec, script, data=data, close=False))
    try:
        storage = world.stored
        assert isinstance(storage, _Recording)
        assert check_changes(storage.changes) > 0
        commands = world.kit.workflow(spec)
        rid = world.relationship
        for person in ("ana", "ben"):
            check(world.kit.relationships.get(rid, actor=person))
            for value in [
                *world.kit.relationships.events(rid, actor=person),
                *commands.find(rid, actor=person),
                *world.notifier.for_person(person),
            ]:
                check(value)
            for oid in world.objects:
                try:
                    check(commands.get(oid, actor=person))
                    for event in commands.events(oid, actor=person):
                        check(event)
                except RepairkitError as error:  # private to the other partner
                    check(error)
        for oid in world.objects:  # "eve" may be a facilitator's third person: not an outsider
            with pytest.raises(NotFound) as outsider:
                commands.get(oid, actor="zoe")
            check(outsider.value)
        _refusals_fit(spec, world)
        _notifications_route(world)
    finally:
        world.kit.close()


def _refusals_fit(spec: WorkflowSpec[Any], world: Any) -> None:
    """Each move the state does not open, asked for, is refused; its payload fits."""
    assert spec.safety is not None
    commands = world.kit.workflow(spec)
    for oid in world.objects[:2]:
        state = world.stored.load(spec.entity, oid).state
        shut = sorted(set(commands.move_commands()) - set(spec.workflow.open_to_people(state)))
        for trigger in shut[:3]:
            arguments = spec.safety.move_arguments(trigger, lambda options: next(iter(options)))
            try:
                getattr(commands, trigger)(oid, actor="ana", **arguments)
            except RepairkitError as error:
                check(error)


def _notifications_route(world: Any) -> None:
    """A notification names a workflow whose kinds hold its kind, and the object it is about."""
    for note in world.notifier.received:
        spec = WORKFLOWS.by_name[note.workflow]
        assert note.kind in set(spec.notice_kinds)
        assert world.stored.load(spec.entity, note.subject_id).id == note.subject_id


# -- the examples ------------------------------------------------------------------------

EXAMPLES = sorted(p.name for p in (ROOT / "examples").glob("*.py") if p.name != "on_postgres.py")
"""Every example but on_postgres.py, which tells request_negotiation.py's story again."""


@pytest.fixture
def stored(monkeypatch) -> list[Change]:
    """Every change the memory and SQLite storages commit while the test runs."""
    changes: list[Change] = []
    for storage in (MemoryStorage, SQLiteStorage):

        def commit(self: Any, change: Change, _real: Any = storage.commit) -> None:
            _real(self, change)
            changes.append(change)

        monkeypatch.setattr(storage, "commit", commit)
    return changes


@pytest.mark.parametrize("script", EXAMPLES)
def test_everything_an_example_stores_fits_its_schema(
    script, tmp_path, monkeypatch, capsys, stored
):
    """Each example's kit stores only what validates against its schema and reads back."""
    monkeypatch.setattr(sys, "argv", [script, str(tmp_path / "out")])
    monkeypatch.syspath_prepend(str(ROOT / "examples"))
    runpy.run_path(str(ROOT / "examples" / script), run_name="__main__")
    capsys.readouterr()
    assert check_changes(stored) > 0


STATEFUL = sorted(p.stem for p in (ROOT / "tests").glob("test_*_stateful.py"))


@pytest.mark.parametrize("module", STATEFUL)
def test_everything_a_stateful_test_stores_fits_its_schema(module, stored):
    """The stateful tests' machines (in memory, a few runs each) store only what validates."""
    loaded = importlib.import_module(module)
    machines = [
        value
        for value in vars(loaded).values()
        if isinstance(value, type)
        and issubclass(value, KitMachine)
        and value.__module__ == module
        and value.storage_kind == "memory"
    ]
    assert machines, f"{module} has no KitMachine in memory"
    for machine in machines:
        run_state_machine_as_test(
            machine, settings=settings(max_examples=3, stateful_step_count=15, deadline=None)
        )
    assert check_changes(stored) > 0


# -- round trips, refusals and bad input -------------------------------------------------


@pytest.mark.parametrize(
    "event_type", list(WORKFLOWS.event_types.values()), ids=lambda cls: cls.TAG
)
@settings(max_examples=5)
@given(data=st.data())
def test_every_event_type_round_trips_and_fits_its_schema(event_type, data):
    check(data.draw(built(event_type)))


@given(notification=built(Notification))
def test_any_notification_round_trips(notification):
    text = dumps(notification)
    assert loads(text, Notification) == notification
    assert dumps(loads(text, Notification)) == text


AT = datetime(2026, 3, 2, 9, tzinfo=UTC)
ERRORS: list[RepairkitError] = [
    NotFound("request", uuid.uuid4()),
    InvalidInput("time_box.ends_at", "is not after time_box.starts_at."),
    NotPermitted("Only the recipient can accept.", actor="ana", action="accept", allowed=["w"]),
    NotAllowedNow(
        kind="request", action="draft", state="", allowed=(), possible_from=AT + timedelta(1)
    ),
    ConcurrencyConflict("request", uuid.uuid4(), 3),
    CorruptData("event", uuid.uuid4()),
    Closed(),
]


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: type(e).__name__)
def test_an_error_is_a_payload_of_type_field_and_message(error):
    check(error)
    data = json.loads(dumps(error))
    assert data["type"] == type(error).__name__
    assert data["message"] == str(error)
    assert data["field"] == getattr(error, "field", None)


def test_a_refusal_says_what_is_open_and_from_when():
    data = json.loads(dumps(ERRORS[3]))
    assert data["possible_from"] == "2026-03-03T09:00:00+00:00"
    assert json.loads(dumps(ERRORS[2]))["allowed"] == ["w"]


def test_a_list_is_a_json_array_of_its_items():
    errors = json.loads(dumps(ERRORS[:2], indent=2))
    assert [e["type"] for e in errors] == ["NotFound", "InvalidInput"]


NOT_JSON_OF_THE_KIND = ["", "{", "[]", '{"id": 1}', b'{"type": "no.such.event"}', b"\xff"]


@pytest.mark.parametrize("text", NOT_JSON_OF_THE_KIND)
def test_text_that_is_not_the_kind_asked_for_is_invalid_input(text):
    for kind in (repairkit.Relationship, DomainEvent, Notification, ErrorPayload):
        with pytest.raises(InvalidInput) as caught:
            loads(text, kind)
        assert caught.value.field == "text"


def test_an_event_of_another_type_is_not_read_as_the_type_asked_for():
    invited, accepted = _two_events()
    with pytest.raises(InvalidInput, match="text"):
        loads(dumps(invited), type(accepted))


def test_a_kind_repairkit_does_not_write_is_invalid_input():
    for call in (lambda: loads("{}", dict), lambda: schema(dict)):
        with pytest.raises(InvalidInput) as caught:
            call()
        assert caught.value.field == "kind"


def test_every_generated_schema_is_a_valid_draft_2020_12_schema():
    found = schemas()
    assert len(found) == 3 * len(WORKFLOWS) + 1
    for name, document in found.items():
        assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema", name
        _V.check_schema(document)
    assert schema(NotFound) == schema(ErrorPayload)


def test_a_notification_names_its_workflow_and_object():
    notifier = repairkit.MemoryNotifier()
    kit = repairkit.open(clock=repairkit.ManualClock(AT), notifier=notifier)
    invitation = kit.relationships.invite("ben", actor="ana")
    couple = kit.relationships.accept_invitation(invitation.id, actor="ben")
    box = repairkit.TimeBox(starts_at=AT, ends_at=AT + timedelta(days=7))
    made = kit.requests.draft(couple.id, actor="ana", need="rest", ask="a walk", time_box=box)
    kit.requests.propose(made.id, actor="ana")
    note = notifier.for_person("ben")[-1]
    assert (note.workflow, note.subject_id) == ("request", made.id)
    data = json.loads(dumps(note))
    assert (data["workflow"], data["subject_id"]) == ("request", str(made.id))
    screen = kit.workflow(WORKFLOWS.by_name[note.workflow])  # the screen of its workflow
    assert screen.get(note.subject_id, actor=note.recipient).id == made.id


def _two_events() -> tuple[DomainEvent, DomainEvent]:
    relationship, invited = repairkit.Relationship.invite(
        actor="ana", partner="ben", settings=None, at=AT
    )
    return invited, relationship.accept_invitation(actor="ben", at=AT)


def test_a_schema_refuses_what_the_codec_would_not_write():
    invited, _ = _two_events()
    data = json.loads(dumps(invited))
    any_event().validate(data)
    for broken in (
        {**data, "surprise": 1},
        {**data, "version": "1"},
        {**data, "type": "no.such.event"},
        {k: v for k, v in data.items() if k != "actor"},
    ):
        with pytest.raises(jsonschema.ValidationError):
            any_event().validate(broken)


def test_an_apps_own_workflow_gets_its_schemas_and_its_json():
    from appreciation.spec import APPRECIATIONS  # noqa: PLC0415 - the test workflow

    workflows = WORKFLOWS.with_workflows(APPRECIATIONS)
    notifier = repairkit.MemoryNotifier()
    kit = repairkit.open(workflows=workflows, notifier=notifier)
    invitation = kit.relationships.invite("ben", actor="ana")
    couple = kit.relationships.accept_invitation(invitation.id, actor="ben")
    sent = kit.workflow(APPRECIATIONS).send(couple.id, actor="ana", text="Thank you.")
    found = schemas(workflows)
    assert "appreciation.json" in found
    for name, value in [
        ("appreciation.json", sent),
        ("appreciation.events.json", kit.workflow(APPRECIATIONS).events(sent.id, actor="ben")[0]),
        ("appreciation.notification.json", notifier.for_person("ben")[-1]),
    ]:
        data = plain(value, workflows=workflows)
        _V(found[name], format_checker=_V.FORMAT_CHECKER).validate(json.loads(json.dumps(data)))
    text = dumps(sent, workflows=workflows)
    assert dumps(loads(text, type(sent), workflows=workflows), workflows=workflows) == text
