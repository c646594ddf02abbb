"""The safety suite: rules that keep a repair tool from becoming a tool of control.

Subclass `SafetyContract` (set ``workflows`` for your own workflows)
and pytest checks every registered workflow that declares a `SafetySpec`, over random
histories driven through the kit: random people (both partners and an outsider) making
random moves, time passing, ``run_due``. Each rule is one test whose docstring states it:

1. No lock-in: whoever has a part to play can end or suspend it alone, or a timer will.
2. A "no" is always possible: whoever is asked has a move that says no, and saying no
   changes no count.
3. A record belongs to its author: no one else takes it back, rewrites or erases it
   (`RecordsBelongToAuthors`).
4. Private stays private: what a draft went through (when it was written, how often
   it was redrafted) leaves no trace in what the other partner or an outsider reads;
   a move of the other partner one was not told about shows its day only
   (`test_no_activity_signals`, in ``_safety_consent``); two worlds that differ only
   in one partner's private entries read the same to the other
   (`test_private_entries_leave_no_trace`, in ``_safety_private``).
6. Pressure has limits: after a no, the partner who made the suggestion cannot make
   it on the same object at once (and nobody hears of the try); nothing reaches a
   person in their quiet hours; it waits. Each day's new items stay within the budget
   (`PressureRule`), and a move that is no new item never reaches the other twice for
   free: between two of the same kind on the same object, a new item of the mover was
   counted or the other partner moved (`ReachRule`).
7. Either partner can pause, or leave, alone: a pause holds what would reach them
   until they come back; leaving closes everything open for both, and nothing more
   reaches the leaver (`LeaveRule`, in its own module).
8. Texts are calm: no notification or error uses absolutes ("never", "from now on",
   "finally"), pressure ("again", "still", "should", "need to") or a faux feeling, and
   none names a person; no notice rule of the registry does either (`CalmNotices`).
10. A person's data is theirs: every workflow declares what of it is a person's, and
   after ``kit.erase`` nothing they wrote is readable, not even in a file's bytes
   (`ErasureRule`, in ``_safety_erase``); two worlds read the same in ``kit.export``.
9. Symmetry: swapping the two partners swaps every output; whoever started the
   relationship has no extra power.

The other rules of docs/safety.md are kept by the workflows' own tests until this
suite can state them for every workflow (see that page).
"""

from __future__ import annotations

import re
import uuid
from datetime import time, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from repairkit.core.quiet import QuietHours
from repairkit.core.spec import WorkflowSpec
from repairkit.errors import InvalidInput, NotAllowedNow, NotFound
from repairkit.testing._histories import PEOPLE, SUITE, SWAP, Histories, _World
from repairkit.testing._safety_consent import NoActivitySignals
from repairkit.testing._safety_erase import ErasureRule
from repairkit.testing._safety_leave import LeaveRule
from repairkit.testing._safety_ownership import RecordsBelongToAuthors
from repairkit.testing._safety_pressure import PressureRule
from repairkit.testing._safety_private import PrivateEntriesRule, keeps_private
from repairkit.testing._safety_reach import ReachRule
from repairkit.testing._safety_texts import CalmNotices
from repairkit.testing._words import (
    ABSOLUTES,
    BLAMING,
    BLAMING_BY_LANGUAGE,
    FAUX_FEELINGS,
    PRESSURE,
    blaming_words,
)

__all__ = [
    "ABSOLUTES",
    "BLAMING",
    "BLAMING_BY_LANGUAGE",
    "FAUX_FEELINGS",
    "PRESSURE",
    "SafetyContract",
    "blaming_words",
]

_PICKS = 3
"""How many options the suite tries for a suggestion's arguments (the first that is taken)."""


class SafetyContract(
    ErasureRule,
    PrivateEntriesRule,
    LeaveRule,
    RecordsBelongToAuthors,
    CalmNotices,
    NoActivitySignals,
    PressureRule,
    ReachRule,
    Histories,
):
    """The safety rules, over random histories of every workflow that declares its safety."""

    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        """Run each rule once per workflow that declares a SafetySpec.

        Rule 4's also once per workflow with drafts, and once per one with private entries.
        """
        if "spec" in metafunc.fixturenames:
            specs = [s for s in self.workflows if s.safety is not None]
            metafunc.parametrize("spec", specs, ids=lambda s: s.name)
        if "any_spec" in metafunc.fixturenames:  # every workflow, the relationship included
            metafunc.parametrize("any_spec", list(self.workflows), ids=lambda s: s.name)
        if "drafting_spec" in metafunc.fixturenames:
            specs = [s for s in self.workflows if s.safety is not None and s.safety.redraft]
            metafunc.parametrize("drafting_spec", specs, ids=lambda s: s.name)
        if "private_spec" in metafunc.fixturenames:
            specs = [s for s in self.workflows if keeps_private(s)]
            metafunc.parametrize("private_spec", specs, ids=lambda s: s.name)

    # -- the rules ---------------------------------------------------------------------

    @SUITE
    @given(data=st.data())
    def test_no_lock_in(self, spec: WorkflowSpec[Any], data: st.DataObject) -> None:
        """1. Whoever has a part to play can end or suspend it alone, or a timer will end it."""
        assert spec.safety is not None
        for world, _ in self._play(spec, [], data=data):
            for obj in self._objects(spec, world):
                if obj.is_finished or obj.due_at is not None:
                    continue
                for person in obj.participants:
                    moves = spec.workflow.moves_for(obj.state, obj.roles_of(person))
                    if moves:
                        assert set(moves) & spec.safety.exits, (
                            f"{person} is locked in a {spec.name} that is {obj.state.value!r}:"
                            f" their moves {moves} end nothing"
                        )

    @SUITE
    @given(data=st.data())
    def test_no_is_always_possible_and_counted_nowhere(
        self, spec: WorkflowSpec[Any], data: st.DataObject
    ) -> None:
        """2. Whoever is asked can say no in every state; saying no changes no count."""
        assert spec.safety is not None
        for world, before in self._play(spec, [], data=data):
            for obj in self._objects(spec, world):
                for person in obj.asked():
                    moves = spec.workflow.moves_for(obj.state, obj.roles_of(person))
                    assert set(moves) & spec.safety.declines, (
                        f"{person} is asked in a {spec.name} that is {obj.state.value!r}"
                        f" and cannot say no (moves: {moves})"
                    )
            last = world.outcomes[-1]
            if before is not None and last[0] == "ok" and last[1] in spec.safety.declines:
                after = world.stored.load(spec.entity, before.id)
                for field in attrs.fields(type(after)):  # type: ignore[arg-type]
                    value = getattr(after, field.name)
                    counts = isinstance(value, int) and not isinstance(value, bool)
                    if counts and field.name != "version":
                        assert value == getattr(before, field.name), (
                            f"saying no changed the count {field.name}"
                        )

    @SUITE
    @given(data=st.data())
    def test_private_stays_private(
        self, drafting_spec: WorkflowSpec[Any], data: st.DataObject
    ) -> None:
        """4. A draft's private history leaves no trace in what the other or an outsider sees.

        The same history is played twice, the second time with every object Ana makes
        written a day earlier and redrafted three times: Ben and Eve read the same bytes
        (ids aside) from every read path, notification and refusal.
        """
        spec = drafting_spec
        script: list[tuple[Any, ...]] = []
        plain = self._last(self._play(spec, script, data=data))
        drafted = self._last(self._play(spec, script, drafting=True))
        for person in PEOPLE[1:]:
            assert self._view(spec, drafted, person) == self._view(spec, plain, person), person

    @SUITE
    @given(data=st.data())
    def test_after_a_no_the_same_suggestion_waits(
        self, spec: WorkflowSpec[Any], data: st.DataObject
    ) -> None:
        """6. After a no, whoever made the suggestion cannot make it again at once.

        Right after any move that says no to a suggestion (``answers=`` in the table),
        the partner who suggested it is refused the same suggestion on the same object,
        told when it becomes possible; nothing is stored and nobody is told of the try,
        and `moves` leaves it out for them. Checked along a random history, then on
        each object it leaves: every suggestion open there is made, and said no to.
        """
        assert spec.safety is not None
        world = None
        for world, before in self._play(spec, [], data=data, close=False):
            last = world.outcomes[-1]
            answered = spec.workflow.answers(last[1]) if last[0] == "ok" else None
            if answered is None or before is None:
                continue
            by = before.suggested_by(answered)
            assert by is not None, f"{spec.name}: a no to {answered} names nobody who suggested it"
            if by != world.actors[-1]:  # one's own suggestion taken back is no no
                self._waits(spec, world, before.id, answered, by)
        assert world is not None
        with world.kit:
            commands = world.kit.workflow(spec)
            for obj_id in world.objects:
                self._suggest_and_say_no(spec, world, commands, obj_id)

    def _suggest_and_say_no(
        self,
        spec: WorkflowSpec[Any],
        world: _World,
        commands: Any,  # noqa: ANN401 - any workflow's commands
        obj_id: uuid.UUID,
    ) -> None:
        """Make the first suggestion open on *obj_id*, say no to it, and check the pause."""

        def moves(person: str) -> tuple[str, ...]:
            try:
                found: tuple[str, ...] = commands.moves(obj_id, actor=person)
            except NotFound:  # a draft is its author's alone
                return ()
            return found

        for suggestion in sorted(spec.workflow.suggestions):
            for person in PEOPLE[:2]:
                if suggestion not in moves(person):
                    continue
                other = SWAP[person]
                pick = self._first_accepted(spec, commands, obj_id, suggestion, person)
                nos = [move for move in moves(other) if spec.workflow.answers(move) == suggestion]
                if nos:
                    self._make(spec, commands, obj_id, nos[0], other)
                    self._waits(spec, world, obj_id, suggestion, person, pick=pick)
                return

    def _first_accepted(
        self,
        spec: WorkflowSpec[Any],
        commands: Any,  # noqa: ANN401 - any workflow's commands
        obj_id: uuid.UUID,
        suggestion: str,
        person: str,
    ) -> int:
        """Make *suggestion* with the first arguments it takes; return which option it was.

        The history may have agreed to what the first option proposes (a new rhythm that
        is the one in force now): that is bad input, so the next option is tried.
        """
        for pick in range(_PICKS):
            try:
                self._make(spec, commands, obj_id, suggestion, person, pick=pick)
            except InvalidInput:
                continue
            return pick
        self._make(spec, commands, obj_id, suggestion, person)  # raises: say why
        return 0

    @staticmethod
    def _make(
        spec: WorkflowSpec[Any],
        commands: Any,  # noqa: ANN401 - any workflow's commands
        obj_id: uuid.UUID,
        move: str,
        actor: str,
        *,
        pick: int = 0,
    ) -> None:
        assert spec.safety is not None

        def choose(options: Any) -> Any:  # noqa: ANN401 - any option
            listed = list(options)
            return listed[pick % len(listed)]

        arguments = spec.safety.move_arguments(move, choose)
        getattr(commands, move)(obj_id, actor=actor, **arguments)

    def _waits(
        self,
        spec: WorkflowSpec[Any],
        world: _World,
        obj_id: uuid.UUID,
        suggestion: str,
        by: str,
        *,
        pick: int = 0,
    ) -> None:
        """Check that *by* is refused *suggestion* on *obj_id* now, quietly."""
        commands = world.kit.workflow(spec)
        heard = len(world.notifier.received)
        stored = len(world.stored.events(obj_id))
        with pytest.raises(NotAllowedNow) as refused:
            self._make(spec, commands, obj_id, suggestion, by, pick=pick)
        assert refused.value.possible_from is not None
        assert not blaming_words(str(refused.value))
        assert len(world.notifier.received) == heard
        assert len(world.stored.events(obj_id)) == stored
        assert suggestion not in commands.moves(obj_id, actor=by)

    @SUITE
    @given(data=st.data(), hold=st.sampled_from(["pause", "quiet hours"]))
    def test_a_pause_or_quiet_hours_hold_what_would_reach_a_partner(
        self, spec: WorkflowSpec[Any], data: st.DataObject, hold: str
    ) -> None:
        """6, 7. Nothing reaches a partner who paused or is in quiet hours; it waits, whole.

        Ben pauses (or sets quiet hours over the whole day) before the history; he hears
        nothing during it, and once he comes back (or clears them) he hears exactly what
        he would have heard, in the order it happened (a day later in both histories, so
        that a rest of a workflow's own, such as his own time-out, has ended too).
        """
        script: list[tuple[Any, ...]] = []
        plain = self._last(self._play(spec, script, data=data, close=False))
        with plain.kit:  # what a workflow held (a time-out of his own) goes out once it ends
            self._rest_ends(plain)
        held = self._world(spec, swap=False)
        rid = held.relationship
        if hold == "pause":
            held.kit.relationships.pause(rid, actor="ben")
        else:
            day = QuietHours(
                starts=time(0, 0), ends=time(23, 59)
            )  # the script's times are whole hours
            held.kit.relationships.set_quiet_hours(rid, actor="ben", quiet_hours=day)
        before = held.notifier.for_person("ben")  # what the world's preparation told him
        with held.kit:
            self._last(self._play(spec, script, world=held, close=False))
            assert held.notifier.for_person("ben") == before
            if hold == "pause":
                held.kit.relationships.come_back(rid, actor="ben")
            else:
                held.kit.relationships.set_quiet_hours(rid, actor="ben", quiet_hours=None)
            self._rest_ends(held)
        heard = sorted((n.created_at, n.kind, n.message) for n in held.notifier.for_person("ben"))
        assert heard == sorted(
            (n.created_at, n.kind, n.message) for n in plain.notifier.for_person("ben")
        )

    @staticmethod
    def _rest_ends(world: Any) -> None:  # noqa: ANN401 - a history's world
        """Let a day pass, so that every rest of a workflow's own ends; deliver what waited."""
        world.clock.advance(timedelta(hours=25))  # past any time-out's ceiling
        world.kit.timers.run_due()
        world.kit.outbox.deliver_pending(limit=10_000)

    @SUITE
    @given(data=st.data(), leaver=st.sampled_from(PEOPLE[:2]))
    def test_either_partner_can_leave_alone(
        self, spec: WorkflowSpec[Any], data: st.DataObject, leaver: str
    ) -> None:
        """7. Leaving, alone, ends the leaver's part of everything open, then the relationship."""
        world = self._last(self._play(spec, [], data=data, close=False))
        with world.kit:
            left = world.kit.relationships.leave(world.relationship, actor=leaver)
            objects = self._objects(spec, world)
        assert left.state.value == "ended"
        assert spec.safety is not None
        for obj in objects:
            if obj.visible_to(leaver):
                # What is left to them is at most a courtesy (linking a repair), never an
                # exit they did not take nor a question awaiting their answer.
                exits = set(spec.workflow.moves_for(obj.state, obj.roles_of(leaver)))
                assert obj.is_finished or not exits & spec.safety.exits, (
                    f"{leaver} left, yet a {spec.name} that is {obj.state.value!r} holds them"
                )
                assert leaver not in obj.asked()

    @SUITE
    @given(data=st.data())
    def test_texts_are_calm_and_name_nobody(
        self, spec: WorkflowSpec[Any], data: st.DataObject
    ) -> None:
        """8. No notification or refusal uses blaming words, or names a person."""
        world = self._last(self._play(spec, [], data=data))
        texts = [n.message for n in world.notifier.received]
        texts += [o[2] for o in world.outcomes if o[0] == "refused"]
        for text in texts:
            assert not blaming_words(text), f"{text!r} says {blaming_words(text)}"
            for person in PEOPLE:
                assert not re.search(rf"\b{person}\b", text), f"{text!r} names {person}"

    @SUITE
    @given(data=st.data())
    def test_the_partners_are_symmetric(self, spec: WorkflowSpec[Any], data: st.DataObject) -> None:
        """9. Swapping the partners swaps every output: no one has more power than the other."""
        script: list[tuple[Any, ...]] = []
        plain = self._last(self._play(spec, script, data=data))
        swapped = self._last(self._play(spec, script, swap=True))
        assert plain.outcomes == swapped.outcomes
        heard = [(n.recipient, n.kind, n.message) for n in plain.notifier.received]
        mirrored = [
            (SWAP.get(n.recipient, n.recipient), n.kind, n.message)
            for n in swapped.notifier.received
        ]
        assert heard == mirrored
