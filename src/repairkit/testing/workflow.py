"""The workflow contract: what every registered workflow must declare and keep.

Subclass `WorkflowContract` and set ``workflows`` (the registry to check) and,
where your repository commits generated pages, ``docs_dir``; pytest then runs
every check once per workflow::

    from repairkit.testing import WorkflowContract

    class TestMyWorkflows(WorkflowContract):
        workflows = repairkit.WORKFLOWS.with_workflows(MY_SPEC)
        docs_dir = Path("docs/workflows")

        def make_storage(self, workflows):   # optional: memory by default
            return repairkit.adapters.SQLiteStorage(tmp_file, workflows=workflows)

repairkit runs it over `repairkit.WORKFLOWS` on memory and SQLite.
"""

from __future__ import annotations

import re
import typing
import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any, ClassVar, NoReturn

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from repairkit._pipeline import Runner
from repairkit.adapters.codec import codec_for, std_dumps
from repairkit.core.entity import WorkflowObject
from repairkit.core.events import DomainEvent
from repairkit.core.notices import Quiet, notifications_for
from repairkit.core.settings import is_in_force
from repairkit.core.spec import WorkflowSpec
from repairkit.errors import NotAllowedNow, NotFound, NotPermitted, RepairkitError
from repairkit.kit import RepairKit
from repairkit.pages import render_page
from repairkit.ports import Change, Saved
from repairkit.registry import WORKFLOWS
from repairkit.testing._agenda_rule import AgendaRule, agenda_specs
from repairkit.testing._histories import PEOPLE, Histories
from repairkit.testing.strategies import built

__all__ = ["WorkflowContract"]


class _Accepted(Exception):
    """A probed move passed every check; it is stopped before anything is stored."""


def _stop_before_storing(*_: object, **__: object) -> NoReturn:
    raise _Accepted


def _probe(
    name: str,
    runner: Runner,
    commands: Any,  # noqa: ANN401 - any workflow's commands
    *,
    obj_id: uuid.UUID,
    person: str,
    trigger: str,
    arguments: dict[str, Any],
) -> None:
    """Try *trigger* as *person*, stopped before storing; check it against ``moves()``."""
    try:
        listed = commands.moves(obj_id, actor=person)
    except NotFound:  # not theirs to see (a draft of the other's)
        return
    outcome = _attempt(runner, getattr(commands, trigger), obj_id, person, arguments)
    if isinstance(outcome, _Accepted):
        assert trigger in listed, f"{name}: moves() left out {trigger}, but it was accepted"
    elif isinstance(outcome, NotAllowedNow | NotPermitted):
        assert trigger not in listed, f"{name}: moves() listed {trigger}, refused: {outcome}"
        assert set(outcome.allowed) == set(listed), f"{name}: {outcome}"


def _attempt(
    runner: Runner,
    command: Callable[..., object],
    obj_id: uuid.UUID,
    person: str,
    arguments: dict[str, Any],
) -> BaseException | None:
    """Run *command* up to (not including) the commit; return how it ended.

    `_Accepted` when it passed every check, the `RepairkitError` it raised otherwise.
    """
    runner.record = _stop_before_storing  # type: ignore[method-assign]
    try:
        command(obj_id, actor=person, **arguments)
    except (_Accepted, RepairkitError) as outcome:
        return outcome
    finally:
        del runner.record
    return None  # pragma: no cover - the probe always stops before storing


_NODE = r"(?:\[\*\]|[A-Za-z_][A-Za-z0-9_]*)"
_MERMAID_LINE = re.compile(
    rf'^    (?:{_NODE} --> {_NODE}(?:: [^\n]+)?|state "[^"\n]+" as [A-Za-z_][A-Za-z0-9_]*)$'
)
_SLOW = settings(
    deadline=None,  # real storages run here: their speed is the machine's, not a rule's
    # A contract class runs once per subclass and workflow: a new instance each time.
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.differing_executors,
    ],
)


def _text_fields(value: object) -> list[str]:
    """Return every text inside *value* (fields of attrs classes, tuples), recursively."""
    if isinstance(value, str):
        return [value]
    if attrs.has(type(value)):
        fields = attrs.fields(type(value))  # type: ignore[arg-type]
        return [t for f in fields for t in _text_fields(getattr(value, f.name))]
    if isinstance(value, tuple | list):
        return [t for item in value for t in _text_fields(item)]
    return []


class WorkflowContract(AgendaRule, Histories):
    """Checks every workflow of ``workflows``: its table, moves, events, notices, codec, docs.

    ``workflows`` (the registry to check) and `make_storage` (memory by default) come
    from `Histories`, which also plays the random histories of the moves check.
    """

    docs_dir: ClassVar[Path | None] = None
    """Where generated pages are committed (``<name>.md``), if anywhere."""

    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        """Run each check once per workflow of the registry."""
        if "spec" in metafunc.fixturenames:
            metafunc.parametrize("spec", list(self.workflows), ids=lambda s: s.name)
        if "agenda_spec" in metafunc.fixturenames:
            metafunc.parametrize("agenda_spec", agenda_specs(self), ids=lambda s: s.name)

    # -- the table -----------------------------------------------------------------

    def test_the_entity_names_its_table(self, spec: WorkflowSpec[Any]) -> None:
        """The entity fires the spec's table, whose noun is the kind name."""
        assert issubclass(spec.entity, WorkflowObject)
        assert spec.entity.WORKFLOW is spec.workflow
        assert spec.workflow.name == spec.name

    def test_the_entity_keeps_what_the_engine_needs(self, spec: WorkflowSpec[Any]) -> None:
        """id, relationship_id, state, version and changed_at (time never runs back)."""
        names = {f.name for f in attrs.fields(spec.entity)}  # type: ignore[arg-type]
        assert {"id", "state", "version", "changed_at"} <= names
        assert "relationship_id" in names or hasattr(spec.entity, "relationship_id")

    def test_every_guard_named_in_the_table_exists(self, spec: WorkflowSpec[Any]) -> None:
        """Each guard a row names is a method of the entity."""
        for guard in spec.workflow.guards():
            assert callable(getattr(spec.entity, guard, None)), f"{spec.name}: no guard {guard}"

    def test_the_diagram_is_valid_mermaid(self, spec: WorkflowSpec[Any]) -> None:
        """Every line of the generated diagram uses valid node ids, whatever the state values."""
        lines = spec.workflow.to_mermaid().splitlines()
        assert lines[0] == "stateDiagram-v2"
        for line in lines[1:]:
            assert _MERMAID_LINE.match(line), f"{spec.name}: invalid mermaid line {line!r}"
        ids = spec.workflow.node_ids()
        assert len(set(ids.values())) == len(ids)

    # -- registration ----------------------------------------------------------------

    def test_the_kind_name_is_unique(self, spec: WorkflowSpec[Any]) -> None:
        """No other workflow of the registry stores objects under the same kind name."""
        assert [s.name for s in self.workflows].count(spec.name) == 1
        assert re.fullmatch(r"[a-z][a-z0-9_]*", spec.name)

    def test_the_kit_reaches_its_commands(self, spec: WorkflowSpec[Any]) -> None:
        """``kit.workflow(spec)`` returns the workflow's commands, typed by the spec.

        A workflow repairkit ships is also a typed attribute of `RepairKit`.
        """
        if spec.namespace is None or spec.commands is None:
            assert spec.namespace is None
            assert spec.commands is None
            return
        if WORKFLOWS.by_name.get(spec.name) is spec:
            hints = typing.get_type_hints(RepairKit)
            assert hints.get(spec.namespace) is spec.commands, "declare the attribute on the kit"
        commands_type: Any = spec.commands
        kit = RepairKit(storage=self.make_storage(self.workflows), workflows=self.workflows)
        with kit:
            commands = kit.workflow(spec)
            assert isinstance(commands, commands_type)
            assert commands.entity is spec.entity
            assert getattr(kit, spec.namespace) is commands

    # -- one rule for what is open and what is allowed -------------------------------

    @_SLOW
    @given(data=st.data())
    def test_a_move_listed_is_accepted_and_one_left_out_is_refused(
        self, spec: WorkflowSpec[Any], data: st.DataObject
    ) -> None:
        """Over random histories, `moves()` names exactly the moves a person can make now.

        After each step, each partner tries every move of the workflow on the object the
        step touched (or another), through its command, stopped just before anything is
        stored: a move ``moves()`` lists is not refused (`NotAllowedNow`,
        `NotPermitted`); one it leaves out is. Input that does not fit (`InvalidInput`)
        decides nothing.
        """
        safety = spec.safety
        if safety is None or spec.commands is None:
            return
        triggers = sorted(spec.commands.move_commands())
        world = self._world(spec, swap=False)
        commands = world.kit.workflow(spec)
        runner = world.kit._runner  # noqa: SLF001 - the probe stops before the commit

        def choose(options: Any) -> Any:  # noqa: ANN401 - any option
            return data.draw(st.sampled_from(list(options)))

        for _, target in self._play(spec, [], data=data, world=world):
            if not world.objects:
                continue
            obj_id = target.id if target is not None else choose(world.objects)
            for person in PEOPLE[:2]:
                for trigger in triggers:
                    arguments = safety.move_arguments(trigger, choose)
                    _probe(
                        spec.name,
                        runner,
                        commands,
                        obj_id=obj_id,
                        person=person,
                        trigger=trigger,
                        arguments=arguments,
                    )

    @_SLOW
    @given(data=st.data())
    def test_whoever_is_asked_later_is_asked_now(
        self, spec: WorkflowSpec[Any], data: st.DataObject
    ) -> None:
        """Over random histories, `asked_at(t)` names only people `asked()` names.

        Storage indexes an object under ``("asked", person)`` for each person `asked()`
        names when it is saved, and `awaiting` reads that index before it asks
        `asked_at(now)`: a person `asked_at` named beyond `asked()` would never be
        found. Checked at the step's time and up to 60 days later.
        """
        if spec.safety is None:
            return
        world = self._world(spec, swap=False)
        for _, _target in self._play(spec, [], data=data, world=world):
            now = world.clock.now()
            for obj_id in world.objects:
                obj = world.stored.load(spec.entity, obj_id)
                asked = set(obj.asked())
                for days in (0, 1, 7, 15, 29, 60):
                    later = set(obj.asked_at(now + timedelta(days=days)))
                    assert later <= asked, (obj.state, days, later - asked)

    # -- events and notices --------------------------------------------------------

    def test_every_event_has_its_own_stable_tag(self, spec: WorkflowSpec[Any]) -> None:
        """Each event type declares a tag of its own, prefixed with the kind name."""
        for event_type in spec.events:
            assert issubclass(event_type, DomainEvent)
            assert spec.tag(event_type).startswith(f"{spec.name}."), event_type

    def test_every_event_has_a_notice_rule_or_is_quiet(self, spec: WorkflowSpec[Any]) -> None:
        """Nothing is silent by accident: each event has a rule, or says why it is quiet."""
        assert set(spec.notices) == set(spec.events)
        for rule in spec.notices.values():
            assert isinstance(rule, Quiet) or callable(rule)

    @_SLOW
    @given(data=st.data())
    def test_every_event_round_trips_through_the_codec(
        self, spec: WorkflowSpec[Any], data: st.DataObject
    ) -> None:
        """Any event of the workflow is stored and loaded back as itself, tag and all."""
        codec = codec_for(self.workflows)
        event_type = data.draw(st.sampled_from(spec.events))
        event = data.draw(built(event_type, self.workflows))
        text = codec.dump_event(event)
        assert codec.load_event(text) == event
        assert text == std_dumps(codec.unstructure_event(event))

    @_SLOW
    @given(data=st.data())
    def test_notices_never_quote_what_a_partner_wrote(
        self, spec: WorkflowSpec[Any], data: st.DataObject
    ) -> None:
        """No notification message contains any text field of the event that caused it."""
        event_type = data.draw(st.sampled_from(spec.events))
        event = data.draw(built(event_type, self.workflows))
        event = attrs.evolve(event, private_to=None)
        audience = tuple(data.draw(st.lists(st.sampled_from(["ana", "ben"]), unique=True)))
        notes = notifications_for(event, audience, spec.notices[event_type])
        texts = [t for t in _text_fields(event) if t]
        for note in notes:
            assert note.kind in set(spec.notice_kinds)
            for text in texts:
                assert text not in note.message, f"{spec.name}: a notice quotes {event_type}"

    # -- storage ---------------------------------------------------------------------

    @_SLOW
    @given(data=st.data())
    def test_any_entity_is_stored_and_loaded_back(
        self, spec: WorkflowSpec[Any], data: st.DataObject
    ) -> None:
        """An object of the workflow, in any state, loads back field for field and by state."""
        entity: Any = data.draw(built(spec.entity, self.workflows))
        storage = self.make_storage(self.workflows)
        try:
            storage.commit(Change(saves=(Saved(entity, 0),), events=()))
            loaded = storage.load(spec.entity, entity.id)
            # Fields holding the settings in force are given at every read, never stored.
            kind: Any = spec.entity
            kept = attrs.filters.exclude(*(f for f in attrs.fields(kind) if is_in_force(f)))
            assert attrs.asdict(loaded, filter=kept) == attrs.asdict(entity, filter=kept)  # type: ignore[arg-type]
            found = storage.load_all(spec.entity, entity.relationship_id, states=[entity.state])
            assert [x.id for x in found] == [entity.id]
        finally:
            storage.close()

    @_SLOW
    @given(data=st.data())
    def test_the_version_a_person_knows_is_that_of_their_view(
        self, spec: WorkflowSpec[Any], data: st.DataObject
    ) -> None:
        """For anyone, `version_seen_by` is the version of the object as `seen_by` shows it."""
        entity: Any = data.draw(built(spec.entity, self.workflows))
        for person in (*entity.participants, "an outsider"):
            assert entity.version_seen_by(person) == entity.seen_by(person).version

    # -- docs ------------------------------------------------------------------------

    def test_its_docs_page_is_generated_and_current(self, spec: WorkflowSpec[Any]) -> None:
        """The generated page shows the table and diagram; a committed page matches it."""
        page = render_page(spec)
        assert "```mermaid" in page
        assert all(f"`{move.trigger}`" in page for move in spec.workflow.moves)
        if self.docs_dir is not None:
            path = self.docs_dir / f"{spec.name}.md"
            assert path.exists(), f"no docs page {path}; run docs/generate.py"
            assert path.read_text(encoding="utf-8") == page, f"{path} is out of date"
