"""The check-in agenda: what every workflow puts there, partners' own topics, and their end."""

from __future__ import annotations

from collections import deque
from datetime import timedelta
from pathlib import Path as FilePath
from typing import Any

import attrs
import pytest

from conftest import START, invite_and_accept
from repairkit import (
    WORKFLOWS,
    InvalidInput,
    ManualClock,
    MemoryNotifier,
    NotAllowedNow,
    NotFound,
    NotPermitted,
    RelationshipSettings,
    RepairKit,
)
from repairkit.adapters.memory import MemoryStorage
from repairkit.agenda import SOURCE_KEY, TOPIC, AgendaItem, AgendaRules, AgendaState
from repairkit.checkins import CheckInSchedule
from repairkit.core import Registry, WorkflowSpec
from repairkit.errors import RepairkitError
from repairkit.talks import TalkState
from repairkit.testing._agenda_rule import PROMISE
from repairkit.timeouts import TimeOutNotice

_S = AgendaState
ROOT = FilePath(__file__).resolve().parent.parent
DECLARING = [spec for spec in WORKFLOWS if spec.agenda]


# -- every declared state, reached by a plain path of moves ----------------------------


def _picking(k: int) -> Any:
    """Return a chooser taking the *k*-th option the safety spec offers (or its last)."""
    return lambda options: list(options)[min(k, len(list(options)) - 1)]


Path = tuple[int, tuple[tuple[Any, ...], ...]]


@attrs.define
class _Played:
    """A path played: the kit, the object's id, and what the path's last step said."""

    kit: RepairKit
    made: Any
    said: list[str]


def _replay(spec: WorkflowSpec[Any], path: Path) -> _Played:
    """Play *path* from a new object of *spec*; return what it left."""
    assert spec.safety is not None
    pick, steps = _picking(path[0]), path[1]
    clock = ManualClock(START)
    notifier = MemoryNotifier()
    kit = RepairKit(storage=MemoryStorage(), clock=clock, notifier=notifier)
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
    prepared = {} if spec.safety.prepare is None else spec.safety.prepare(kit, couple.id, str)
    commands = kit.workflow(spec)
    arguments = spec.safety.create_arguments(pick, clock.now())
    made = getattr(commands, spec.safety.create)(couple.id, actor="ana", **arguments, **prepared)
    before = len(notifier.received)
    for step in steps:
        before = len(notifier.received)
        if step[0] == "time":
            clock.advance(timedelta(hours=step[1]))
            kit.timers.run_due()
        else:
            _, trigger, actor = step
            more = spec.safety.move_arguments(trigger, pick)
            getattr(commands, trigger)(made.id, actor=actor, **more)
    said = [n.message for n in notifier.received[before:] if n.subject_id == made.id]
    return _Played(kit, made.id, said)


def _open_to(commands: Any, made: Any, person: str) -> tuple[str, ...] | None:
    """Return the moves *person* can make on *made* now, or None if they cannot see it."""
    try:
        return tuple(commands.moves(made, actor=person))
    except NotFound:
        return None


def _reachable(spec: WorkflowSpec[Any]) -> tuple[dict[str, Path], list[str]]:
    """Return a shortest path of plain moves (and time) to each state of *spec* it reaches.

    Each path plays the safety spec's inputs, every one its *k*-th option, for a few *k*.
    Also returns every text a step said that keeps the object for the check-in while
    the state it moved to is on no agenda (each a broken promise).
    """
    assert spec.commands is not None
    declared = {state.value for state in spec.agenda}
    steps = [("time", hours) for hours in (2, 25, 24 * 8)] + [
        ("move", trigger, actor)
        for trigger in sorted(spec.commands.move_commands())
        for actor in ("ana", "ben")
    ]
    paths: dict[str, Path] = {}
    seen: set[tuple[Any, ...]] = set()
    broken: list[str] = []
    for k in range(4):
        try:
            played = _replay(spec, (k, ()))
        except RepairkitError:
            continue
        paths.setdefault(
            played.kit.workflow(spec).get(played.made, actor="ana").state.value, (k, ())
        )
        queue: deque[tuple[tuple[Any, ...], ...]] = deque([()])
        while queue:
            path = queue.popleft()
            for step in steps:
                try:
                    played = _replay(spec, (k, (*path, step)))
                except RepairkitError:
                    continue
                reader = step[2] if step[0] == "move" else "ana"
                commands = played.kit.workflow(spec)
                state = commands.get(played.made, actor=reader).state.value
                broken += [
                    f"{state}: {text}"
                    for text in played.said
                    if PROMISE.search(text) and state not in declared
                ]
                # Where a history stands: its state and the moves open to each partner (a
                # step the other partner's turn completes, as in a repair, stays in one state).
                where = (state, *(_open_to(commands, played.made, p) for p in ("ana", "ben")))
                if where not in seen:
                    seen.add(where)
                    paths.setdefault(state, (k, (*path, step)))
                    queue.append((*path, step))
    return paths, broken


def _offer_for_check_in() -> _Played:
    """An accountability list whose offer was answered "not now": reached through crossings.

    Its state needs an offer, which only another workflow's moves make (two owned
    crossings of the item's boundary), so no plain path of its own reaches it.
    """
    from repairkit.accountability import Consequence, ConsequenceKind, ItemTerms  # noqa: PLC0415

    clock = ManualClock(START)
    notifier = MemoryNotifier()
    kit = RepairKit(storage=MemoryStorage(), clock=clock, notifier=notifier)
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
    boundary = kit.boundaries.draft(couple.id, actor="ana", rule="No interrupting.")
    kit.boundaries.propose(boundary.id, actor="ana")
    kit.boundaries.agree(boundary.id, actor="ben")
    item = ItemTerms(
        behaviour="Let each other finish.",
        boundary_id=boundary.id,
        consequence=Consequence(kind=ConsequenceKind.EXTRA_CHECK_IN),
    )
    made = kit.accountability.propose(couple.id, actor="ana", items=[item])
    kit.accountability.agree(made.id, actor="ben")
    for _ in range(2):
        clock.advance(timedelta(hours=25))
        kit.crossings.own(couple.id, actor="ben", boundary_id=boundary.id)
    before = len(notifier.received)
    kit.accountability.not_now(made.id, actor="ben", item_id=made.items[0].id)
    said = [n.message for n in notifier.received[before:] if n.subject_id == made.id]
    return _Played(kit, made.id, said)


REACHED_ELSEWHERE: dict[str, Any] = {
    "in force, an offer for the check-in": _offer_for_check_in,
}
"""Declared states only another workflow's moves lead to, each with the way there."""


@pytest.mark.parametrize("spec", DECLARING, ids=lambda spec: spec.name)
def test_every_declared_state_puts_its_object_on_the_agenda(spec):
    """Each state a workflow declares for the check-in puts its object on the agenda.

    Some plain moves reach it (or, for a state only another workflow's moves lead to,
    the way there in `REACHED_ELSEWHERE`), and then both partners find the object on
    the agenda, in the workflow's own words.
    """
    paths, _ = _reachable(spec)
    for state, about in spec.agenda.items():
        if state.value not in paths and state.value in REACHED_ELSEWHERE:
            played = REACHED_ELSEWHERE[state.value]()
        else:
            assert state.value in paths, f"{spec.name}: no plain path reaches {state.value!r}"
            played = _replay(spec, paths[state.value])
        kit, made = played.kit, played.made
        for reader in ("ana", "ben"):
            shown = [
                (i.workflow, i.source, i.source_state, i.about)
                for i in kit.agenda.waiting(
                    kit.workflow(spec).get(made, actor=reader).relationship_id, actor=reader
                )
                if i.source == made
            ]
            assert shown == [(spec.name, made, state.value, about)], (spec.name, reader)


@pytest.mark.parametrize(
    "spec", [s for s in WORKFLOWS if s.safety is not None], ids=lambda spec: spec.name
)
def test_a_text_keeps_for_the_check_in_only_what_the_agenda_keeps(spec):
    """A text says "kept for your next check-in" only of a move into a state on the agenda.

    Every step of every plain path is played; each notification about the object that
    says it is kept (or noted) for the check-in must find it in a declared state. And
    a check-in can be scheduled wherever a text speaks of one: the registry holds the
    check-in schedule, and its how-to page tells of it and of the agenda.
    """
    _, broken = _reachable(spec)
    assert broken == []
    assert CheckInSchedule in WORKFLOWS.by_entity
    how_to = (ROOT / "docs" / "check-ins.md").read_text(encoding="utf-8")
    assert "kit.checkins.propose" in how_to
    assert "kit.checkins.agenda" in how_to


# -- an object's item ------------------------------------------------------------------


def test_an_item_shows_its_day_only_and_tells_nobody(kit, couple, notifier, clock):
    """A set-aside talk's item names the workflow, the object, the state and the day."""
    talk = kit.talks.start(couple.id, actor="ana")
    clock.advance(timedelta(hours=3, minutes=7))
    kit.talks.set_aside(talk.id, actor="ben")
    heard = len(notifier.received)
    (item,) = kit.agenda.waiting(couple.id, actor="ana")
    assert (item.workflow, item.source, item.source_state, item.author) == (
        "talk",
        talk.id,
        "set aside",
        None,
    )
    assert item.day == clock.now().date()
    for reader in ("ana", "ben"):
        (seen,) = kit.agenda.waiting(couple.id, actor=reader)
        assert (seen.created_at.hour, seen.created_at.minute) == (0, 0)
        added = [
            e for e in kit.relationships.events(couple.id, actor=reader) if e.subject_id == item.id
        ]
        assert [(e.at.hour, e.at.minute) for e in added] == [(0, 0)]
    assert len(notifier.received) == heard


def test_an_item_moves_on_when_its_object_leaves_the_state(kit, couple):
    """A suspended boundary is on the agenda; proposing to renew it moves the item on."""
    boundary = kit.boundaries.draft(couple.id, actor="ana", rule="Let us speak one at a time.")
    kit.boundaries.propose(boundary.id, actor="ana")
    kit.boundaries.agree(boundary.id, actor="ben")
    kit.boundaries.withdraw_consent(boundary.id, actor="ben")
    (item,) = kit.agenda.waiting(couple.id, actor="ana")
    assert (item.source, item.source_state) == (boundary.id, "suspended")
    kit.boundaries.propose_revision(boundary.id, actor="ana", rule="Let us speak in turn.")
    assert list(kit.agenda.waiting(couple.id, actor="ben")) == []
    assert kit.agenda.get(item.id, actor="ana").state is _S.MOVED_ON
    kit.boundaries.keep_current(boundary.id, actor="ben")  # suspended again: a new item
    (again,) = kit.agenda.waiting(couple.id, actor="ana")
    assert (again.source, again.id != item.id) == (boundary.id, True)


def test_an_item_ages_out_after_the_window_both_agreed(kit, couple, clock):
    """Setbacks age out: an item nobody took up leaves the agenda after `window_days`."""
    settings = RelationshipSettings(rules=[AgendaRules(window_days=7)])
    kit.relationships.propose_settings(couple.id, actor="ana", settings=settings)
    kit.relationships.agree_to_settings(couple.id, actor="ben")
    talk = kit.talks.start(couple.id, actor="ana")
    kit.talks.set_aside(talk.id, actor="ana")
    (item,) = kit.agenda.waiting(couple.id, actor="ben")
    clock.advance(timedelta(days=6))
    kit.timers.run_due()
    assert len(kit.agenda.waiting(couple.id, actor="ben")) == 1
    clock.advance(timedelta(days=2))
    kit.timers.run_due()
    assert list(kit.agenda.waiting(couple.id, actor="ben")) == []
    assert kit.agenda.get(item.id, actor="ana").state is _S.AGED_OUT
    assert kit.talks.get(talk.id, actor="ana").state is TalkState.SET_ASIDE  # its own, kept


def test_leaving_closes_the_agenda_for_both(kit, couple):
    """After a partner leaves, nothing waits, and no topic can be added."""
    talk = kit.talks.start(couple.id, actor="ana")
    kit.talks.set_aside(talk.id, actor="ana")
    topic = kit.agenda.add_topic(couple.id, actor="ben", words="Our Sunday mornings.")
    kit.relationships.leave(couple.id, actor="ana")
    stored = kit._storage
    states = {stored.load(AgendaItem, topic.id).state}
    states |= {i.state for i in stored.load_keyed(AgendaItem, couple.id, SOURCE_KEY, str(talk.id))}
    assert states == {_S.CLOSED_BY_LEAVING}
    with pytest.raises(NotAllowedNow):
        kit.agenda.add_topic(couple.id, actor="ben", words="Our Sunday mornings.")


def test_a_registry_without_the_agenda_keeps_none():
    """An app that registers no agenda stores no items: its workflows run as before."""
    registry = Registry(*(spec for spec in WORKFLOWS.specs[1:] if spec.entity is not AgendaItem))
    kit = RepairKit(
        storage=MemoryStorage(workflows=registry), clock=ManualClock(START), workflows=registry
    )
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
    talk = kit.talks.start(couple.id, actor="ana")
    assert kit.talks.set_aside(talk.id, actor="ana").state is TalkState.SET_ASIDE
    with pytest.raises(NotAllowedNow, match="no check-in agenda"):
        kit.checkins.agenda(couple.id, actor="ana")
    tags = {type(e).TAG for e in kit.relationships.events(couple.id, actor="ana")}
    assert tags == {
        "relationship.invited",
        "relationship.invitation_accepted",
        "talk.started",
        "talk.set_aside",
    }


# -- a partner's own topics ------------------------------------------------------------


def test_a_topic_is_its_authors_to_take_off(kit, couple, notifier):
    """Either partner adds a topic; both read it; only its author takes it off; nobody is told."""
    heard = len(notifier.received)
    topic = kit.agenda.add_topic(couple.id, actor="ben", words="  Evenings with phones away. ")
    assert (topic.workflow, topic.about, topic.author, topic.source) == (
        TOPIC,
        "Evenings with phones away.",
        "ben",
        None,
    )
    assert [i.id for i in kit.agenda.waiting(couple.id, actor="ana")] == [topic.id]
    via_checkins = kit.checkins.agenda(couple.id, actor="ana")
    assert [(i.id, i.about, i.day) for i in via_checkins] == [
        (i.id, i.about, i.day) for i in kit.agenda.waiting(couple.id, actor="ana")
    ]
    assert kit.agenda.moves(topic.id, actor="ana") == ()
    with pytest.raises(NotPermitted):
        kit.agenda.withdraw(topic.id, actor="ana")
    assert kit.agenda.withdraw(topic.id, actor="ben").state is _S.WITHDRAWN
    assert list(kit.agenda.waiting(couple.id, actor="ana")) == []
    assert len(notifier.received) == heard


def test_topics_are_bounded_per_partner_and_a_refusal_stores_nothing(kit, couple):
    """Each partner has at most `max_topics` waiting; bad words are refused; outsiders, nothing."""
    for n in range(3):
        kit.agenda.add_topic(couple.id, actor="ana", words=f"Topic {n}.")
    before = [i.id for i in kit.agenda.waiting(couple.id, actor="ben")]
    with pytest.raises(NotAllowedNow, match="at most 3 topics") as refused:
        kit.agenda.add_topic(couple.id, actor="ana", words="One more.")
    assert refused.value.possible_from is not None
    for words in ("", "   ", "x" * 201):
        with pytest.raises(InvalidInput):
            kit.agenda.add_topic(couple.id, actor="ben", words=words)
    with pytest.raises(NotFound):
        kit.agenda.add_topic(couple.id, actor="eve", words="Let me in.")
    with pytest.raises(NotFound):
        kit.agenda.waiting(couple.id, actor="eve")
    kit.agenda.add_topic(couple.id, actor="ben", words="Ben has room for his own.")
    assert set(before) < {i.id for i in kit.agenda.waiting(couple.id, actor="ana")}


def test_keeping_a_time_outs_topic_promises_no_check_in_it_does_not_keep(
    kit, couple, clock, notifier
):
    """Kept after a suggestion to let it go, the topic stays in the time-out, not the agenda.

    So the words both hear promise no check-in: nothing waits there for it.
    """
    called = kit.timeouts.call(couple.id, actor="ana", minutes=20)
    clock.advance(timedelta(minutes=20))
    kit.timers.run_due()
    kit.timeouts.propose_dropping(called.id, actor="ben")
    kit.timeouts.keep_topic(called.id, actor="ana")
    assert kit.checkins.agenda(couple.id, actor="ana") == []
    kept = [n.message for n in notifier.received if n.kind is TimeOutNotice.TOPIC_KEPT]
    assert kept
    assert not [text for text in kept if PROMISE.search(text)]
