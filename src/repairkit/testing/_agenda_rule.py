"""The agenda rule of the workflow contract: the check-in agenda follows its sources.

`WorkflowContract` inherits `AgendaRule`. For every workflow that declares states for
the check-in (`WorkflowSpec.agenda`), over random histories, after every step:

- each object in a declared state has exactly one waiting agenda item, which shows
  its workflow, that state and the words the workflow declares for it, unless that
  item waited out the agenda's window (aged out);
- an object in no declared state has none: its item moved on when it left;
- each partner's agenda (`kit.agenda.waiting`) lists the items of exactly the objects
  in a declared state that the partner may see now, and an outsider reads nothing;
- a notification that says an object is kept (or noted) for the next check-in, or on
  its agenda, finds the object in a declared state: no text promises what the agenda
  does not keep.
"""

from __future__ import annotations

import re
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from repairkit.agenda.model import SOURCE_KEY, AgendaItem
from repairkit.agenda.table import AgendaState
from repairkit.core.spec import WorkflowSpec
from repairkit.errors import NotFound
from repairkit.testing._histories import PEOPLE, SUITE, Histories, _World

__all__ = ["PROMISE", "AgendaRule", "agenda_specs"]

PROMISE = re.compile(r"(kept|noted) for your next check-in|on your next check-in's agenda")
"""Words that say an object now waits for the check-in: it must be on the agenda."""


def agenda_specs(histories: Histories) -> list[WorkflowSpec[Any]]:
    """Return the workflows the agenda rule plays: those declaring states, with a kit agenda."""
    if AgendaItem not in histories.workflows.by_entity:
        return []
    return [s for s in histories.workflows if s.agenda and s.safety is not None]


class AgendaRule(Histories):
    """An object in a state declared for the check-in is on the agenda, and only then."""

    @SUITE
    @given(data=st.data())
    def test_the_agenda_follows_its_sources(
        self, agenda_spec: WorkflowSpec[Any], data: st.DataObject
    ) -> None:
        """Each declared state yields one waiting item; leaving it moves the item on."""
        heard = 0
        for world, _ in self._play(agenda_spec, [], data=data):
            self._check_agenda(agenda_spec, world)
            self._check_promises(agenda_spec, world, world.notifier.received[heard:])
            heard = len(world.notifier.received)

    @staticmethod
    def _check_promises(spec: WorkflowSpec[Any], world: _World, said: list[Any]) -> None:
        declared = {state.value for state in spec.agenda}
        for note in said:
            if note.subject_id in world.objects and PROMISE.search(note.message):
                state = world.stored.load(spec.entity, note.subject_id).state.value
                assert state in declared, f"{spec.name} {state!r}: {note.message!r}"

    def _check_agenda(self, spec: WorkflowSpec[Any], world: _World) -> None:
        declared = {state.value: about for state, about in spec.agenda.items()}
        waiting = [AgendaState.WAITING.value]
        now = world.clock.now()
        expected: dict[str, set[Any]] = {person: set() for person in PEOPLE}
        for oid in world.objects:
            obj = world.stored.load(spec.entity, oid)
            every = world.stored.load_keyed(AgendaItem, world.relationship, SOURCE_KEY, str(oid))
            items = [item for item in every if item.state.value in waiting]
            if obj.state.value not in declared:
                assert items == [], f"{spec.name} {obj.state.value!r} left an item waiting"
                continue
            if not items:  # it waited out the agenda's window: aged out, not lost
                last = every[-1] if every else None
                assert last is not None, f"{spec.name} {obj.state.value!r}: no item"
                assert (last.state, last.source_state) == (
                    AgendaState.AGED_OUT,
                    obj.state.value,
                ), f"{spec.name} {obj.state.value!r}: its item is {last.state.value!r}"
                continue
            assert len(items) == 1, f"{spec.name} {obj.state.value!r}: {len(items)} items"
            (item,) = items
            shown = (item.workflow, item.source_state, item.about)
            assert shown == (spec.name, obj.state.value, declared[obj.state.value])
            for person in PEOPLE:
                if obj.visible_at(person, now):
                    expected[person].add(oid)
        agenda = world.kit.workflow(self.workflows.spec_of(AgendaItem))
        for person in PEOPLE:
            try:
                page = agenda.waiting(world.relationship, actor=person)
            except NotFound:
                assert person not in PEOPLE[:2]
                continue
            listed = {item.source for item in page if item.workflow == spec.name}
            assert listed == expected[person], f"{person} reads the agenda of {spec.name} wrong"
