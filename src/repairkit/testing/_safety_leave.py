"""The leave rule of the safety suite: leaving lets a person get away (issue 16, case 1).

`SafetyContract` inherits `LeaveRule`. After a random history of a workflow, either
partner leaves; then, on every storage the suite runs on:

- every object of the workflow has ended (a state no move leaves), and nobody is
  asked anything in it;
- leaving put no words in the leaver's mouth: every event it recorded besides the
  leaving itself is repairkit's own (a neutral close), never a no, a withdrawal or
  "sees differently" in the leaver's name;
- the remaining partner heard exactly one sentence, the leaving; the leaver hears
  nothing more, however much time passes (`run_due`, `deliver_pending`);
- no timer is left, and every command of the workflow, by either partner, is refused;
- what the leaver drafted privately stays unreadable to the other partner.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from repairkit.core.relationship_events import PartnerLeft, RelationshipNotice
from repairkit.core.spec import WorkflowSpec
from repairkit.core.values import SYSTEM
from repairkit.errors import NotAllowedNow, NotFound, RepairkitError
from repairkit.testing._histories import PEOPLE, SUITE, Histories, _World

__all__ = ["LeaveRule"]


class LeaveRule(Histories):
    """7. Leaving closes the relationship for both, and nothing more reaches the leaver."""

    @SUITE
    @given(data=st.data(), leaver=st.sampled_from(PEOPLE[:2]))
    def test_leaving_closes_everything_and_nothing_reaches_the_leaver(
        self, spec: WorkflowSpec[Any], data: st.DataObject, leaver: str
    ) -> None:
        """7. After either partner leaves, every object has ended, neutrally, for both.

        No command and no timer reaches the leaver afterwards, the other partner hears
        one sentence, and the leaver's private drafts stay theirs.
        """
        assert spec.safety is not None
        world = self._last(self._play(spec, [], data=data, close=False))
        kit, rid = world.kit, world.relationship
        other = "ben" if leaver == "ana" else "ana"
        with kit:
            drafts = [o.id for o in self._objects(spec, world) if o.private_to == leaver]
            heard = {p: len(world.notifier.for_person(p)) for p in (leaver, other)}
            known = len(world.stored.relationship_events(rid))
            assert kit.relationships.leave(rid, actor=leaver).state.value == "ended"
            recorded = world.stored.relationship_events(rid)[known:]
            told = world.notifier.for_person(other)[heard[other] :]
            world.clock.advance(timedelta(days=400))
            assert kit.timers.run_due(limit=10_000) == [], "a timer fired after leaving"
            kit.outbox.deliver_pending(limit=10_000)
            assert world.notifier.for_person(leaver)[heard[leaver] :] == [], "the leaver heard"
            assert kit.timers.next_due() is None, "a timer is left after leaving"
            for obj in self._objects(spec, world):
                assert obj.is_finished, f"a {spec.name} is {obj.state.value!r} after leaving"
                assert obj.asked() == (), f"a {spec.name} asks something after leaving"
            self._all_refused(spec, world, drafts, leaver, other)
        assert [n.kind for n in told] == [RelationshipNotice.PARTNER_LEFT]
        assert [type(e) for e in recorded][-1] is PartnerLeft
        assert all(e.actor == SYSTEM for e in recorded[:-1]), (
            f"leaving made moves in the leaver's name: {[type(e).__name__ for e in recorded]}"
        )

    def _all_refused(
        self, spec: WorkflowSpec[Any], world: _World, drafts: list[Any], leaver: str, other: str
    ) -> None:
        """Every move and creation is refused for both; the leaver's drafts stay theirs."""
        assert spec.safety is not None
        commands = world.kit.workflow(spec)
        moves = commands.move_commands()
        for oid in world.objects:
            for person in (leaver, other):
                for trigger in moves:
                    arguments = spec.safety.move_arguments(trigger, lambda o: next(iter(o)))
                    try:
                        getattr(commands, trigger)(oid, actor=person, **arguments)
                    except RepairkitError:
                        continue
                    msg = f"{trigger} ran on a {spec.name} after leaving"
                    raise AssertionError(msg)
        for oid in drafts:
            try:
                commands.get(oid, actor=other)
            except NotFound:
                continue
            msg = f"the leaver's private {spec.name} is readable by the other partner"
            raise AssertionError(msg)
        for person in (leaver, other):
            arguments = spec.safety.create_arguments(lambda o: next(iter(o)), world.clock.now())
            try:
                getattr(commands, spec.safety.create)(
                    world.relationship, actor=person, **arguments, **world.prepared
                )
            except NotAllowedNow:
                continue
            msg = f"a {spec.name} was made after leaving"
            raise AssertionError(msg)
