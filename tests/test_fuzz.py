"""Fuzz every public command and query: each call succeeds or raises a RepairkitError.

Arguments are drawn from a mix of plausible values (the couple's ids, the objects made so
far, sensible texts and dates) and anything at all (wrong types, huge numbers, lone
surrogates, naive datetimes). A refused call must change nothing stored.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import repairkit
from conftest import START, fresh_schema, invite_and_accept
from repairkit import (
    ManualClock,
    MemoryNotifier,
    RelationshipSettings,
    RepairKit,
    RepairkitError,
    TimeBox,
)
from repairkit.adapters import MemoryStorage, PostgresStorage, SQLiteStorage
from repairkit.ports import Storage
from repairkit.requests import RequestRules, RequestState

ANYTHING = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(["\ud800", "\x00", "", " ", "x" * 20_000, "repairkit:system"]),
    st.binary(max_size=8),
    st.uuids(),
    st.datetimes(),  # naive
    st.dates(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.just(timedelta(days=1)),
)


MOSTLY_NONE = st.sampled_from([None, None, None])
"""Weighs an optional argument towards leaving it out."""


def _instants() -> st.SearchStrategy[datetime]:
    return st.datetimes(
        min_value=datetime(2026, 3, 3),  # noqa: DTZ001 - hypothesis takes naive bounds
        max_value=datetime(2026, 6, 1),  # noqa: DTZ001
        timezones=st.just(UTC),
    )


@st.composite
def time_boxes(draw: st.DrawFn) -> TimeBox:
    starts = draw(_instants())
    return TimeBox(
        starts_at=starts,
        ends_at=starts + draw(st.timedeltas(timedelta(hours=1), timedelta(days=33))),
    )


class World:
    """A kit with a manual clock, and the ids it has handed out so far."""

    def __init__(self, kit: RepairKit, clock: ManualClock) -> None:
        self.kit = kit
        self.clock = clock
        self.relationships: list[uuid.UUID] = []
        self.requests: list[uuid.UUID] = []

    def stored(self) -> tuple[Any, ...]:
        """What is stored, as far as anyone could read it back."""
        storage = self.kit._storage
        return (
            [[e.id for e in storage.relationship_events(r)] for r in self.relationships],
            [n.id for n in storage.pending_notifications(limit=10_000)],
            [n.id for n in storage.parked_notifications(limit=10_000)],
        )


WRITES = (
    "invite",
    "accept_invitation",
    "decline_invitation",
    "withdraw_invitation",
    "propose_settings",
    "agree_to_settings",
    "decline_settings",
    "withdraw_settings",
    "pause",
    "come_back",
    "leave",
    "run_due",
    "deliver_pending",
    "mark_delivered",
    "retry_parked",
    "draft",
    "revise",
    "propose",
    "accept",
    "decline",
    "propose_alternative",
    "set_aside",
    "propose_reopening",
    "agree_to_reopen",
    "decline_reopening",
    "withdraw",
    "record_follow_through",
    "correct_follow_through",
    "notice_missed",
    "withdraw_notice",
    "acknowledge_notice",
    "see_differently",
    "propose_ending",
    "confirm_ending",
    "keep_going",
    "hold",
    "propose_resuming",
    "agree_to_resume",
    "decline_resuming",
    "step_back",
    "review",
)
READS = (
    "relationship",
    "relationship_events",
    "pending_notifications",
    "parked_notifications",
    "get",
    "find",
    "events",
    "history",
    "follow_through",
)


_ON_KIT = {
    "relationship": "relationships.get",
    "relationship_events": "relationships.events",
    "accept_invitation": "relationships.accept_invitation",
    "decline_invitation": "relationships.decline_invitation",
    "withdraw_invitation": "relationships.withdraw_invitation",
    "agree_to_settings": "relationships.agree_to_settings",
    "decline_settings": "relationships.decline_settings",
    "withdraw_settings": "relationships.withdraw_settings",
    "pause": "relationships.pause",
    "come_back": "relationships.come_back",
    "leave": "relationships.leave",
    "run_due": "timers.run_due",
    "deliver_pending": "outbox.deliver_pending",
    "pending_notifications": "outbox.pending",
    "parked_notifications": "outbox.parked",
    "mark_delivered": "outbox.mark_delivered",
    "retry_parked": "outbox.retry_parked",
}
"""Where the kit-wide calls live: their namespace and name."""


def _on_kit(kit: RepairKit, name: str) -> Callable[..., object]:
    namespace, method = _ON_KIT[name].split(".")
    call: Callable[..., object] = getattr(getattr(kit, namespace), method)
    return call


def _call(world: World, draw: st.DrawFn) -> tuple[str, Callable[[], object]]:  # noqa: C901, PLR0911, PLR0912, PLR0915 - one case per call
    """Draw one public call and its arguments; return its name and a thunk."""
    kit, requests = world.kit, world.kit.requests

    def pick(plausible: st.SearchStrategy[Any]) -> Any:
        # Mostly plausible (so that calls get far), now and then anything at all.
        wild = draw(st.sampled_from([False] * 7 + [True]))
        return draw(ANYTHING if wild else plausible)

    rel = st.sampled_from(world.relationships) if world.relationships else st.uuids()
    req = st.sampled_from(world.requests) if world.requests else st.uuids()
    words = st.text(min_size=1, max_size=40)
    settings_ = st.builds(
        RelationshipSettings,
        rules=st.lists(st.builds(RequestRules, max_rounds=st.integers(1, 5)), max_size=1),
    )
    name = draw(st.sampled_from((*WRITES, *READS, "advance")))
    actor = pick(st.sampled_from(["ana", "ben", "ana", "ben", "eve"]))
    limit = st.integers(0, 200)
    ids = st.lists(st.uuids(), max_size=2)
    today = world.clock.now().date()
    days = st.dates(today - timedelta(days=20), today + timedelta(days=1)) | st.dates()
    match name:
        case "invite":
            partner = pick(st.sampled_from(["ana", "ben", "eve"]))
            settings = pick(st.none() | settings_)
            return name, lambda: kit.relationships.invite(partner, actor=actor, settings=settings)
        case "relationship" | "relationship_events":
            r = pick(rel)
            return name, lambda: _on_kit(kit, name)(r, actor=actor)
        case "propose_settings":
            r, settings = pick(rel), pick(settings_)
            return name, lambda: kit.relationships.propose_settings(
                r, actor=actor, settings=settings
            )
        case (
            "accept_invitation"
            | "decline_invitation"
            | "withdraw_invitation"
            | "agree_to_settings"
            | "decline_settings"
            | "withdraw_settings"
            | "pause"
            | "come_back"
            | "leave"
        ):
            r = pick(rel)
            return name, lambda: _on_kit(kit, name)(r, actor=actor)
        case "run_due" | "deliver_pending" | "pending_notifications" | "parked_notifications":
            n = pick(limit)
            return name, lambda: _on_kit(kit, name)(limit=n)
        case "mark_delivered" | "retry_parked":
            chosen = pick(ids)
            return name, lambda: _on_kit(kit, name)(chosen)
        case "draft":
            r, need, ask = pick(rel), pick(words), pick(words)
            obs, feeling, box, follows = (
                pick(st.none() | words),
                pick(st.none() | words),
                pick(st.none() | time_boxes()),
                pick(MOSTLY_NONE | req),
            )
            more = pick(st.lists(words, max_size=3))
            return name, lambda: requests.draft(
                r,
                actor=actor,
                need=need,
                ask=ask,
                observation=obs,
                feeling=feeling,
                time_box=box,
                other_asks=more,
                follows=follows,
            )
        case "accept":
            r, choice = pick(req), pick(st.none() | st.integers(-1, 3))
            return name, lambda: requests.accept(r, actor=actor, pick=choice)
        case "review":
            r, worked = pick(req), pick(words)
            return name, lambda: requests.review(r, actor=actor, what_worked=worked)
        case "revise":
            r, need, ask = pick(req), pick(words), pick(words)
            return name, lambda: requests.revise(r, actor=actor, need=need, ask=ask)
        case "propose_alternative":
            r, ask, box = pick(req), pick(words), pick(MOSTLY_NONE | time_boxes())
            by = pick(st.none() | st.sampled_from(["ana", "ben", "eve"]))
            return name, lambda: requests.propose_alternative(
                r, actor=actor, ask=ask, time_box=box, carried_out_by=by
            )
        case "decline":
            r, reason = pick(req), pick(st.none() | words)
            return name, lambda: requests.decline(r, actor=actor, reason=reason)
        case "record_follow_through" | "correct_follow_through":
            r, kept, day = pick(req), pick(st.booleans()), pick(st.none() | days)
            return name, lambda: getattr(requests, name)(r, actor=actor, kept=kept, occurrence=day)
        case "notice_missed" | "withdraw_notice" | "acknowledge_notice":
            r, day = pick(req), pick(st.none() | days)
            return name, lambda: getattr(requests, name)(r, actor=actor, occurrence=day)
        case "see_differently":
            r, day, view = pick(req), pick(st.none() | days), pick(st.none() | words)
            return name, lambda: requests.see_differently(r, actor=actor, occurrence=day, view=view)
        case "find":
            r, states = pick(rel), pick(st.none() | st.lists(st.sampled_from(list(RequestState))))
            return name, lambda: requests.find(r, actor=actor, states=states)
        case "advance":
            delta = pick(st.timedeltas(timedelta(0), timedelta(days=20)))
            return name, lambda: world.clock.advance(delta)
        case _:  # the simple moves and the per-object queries
            r = pick(req)
            return name, lambda: getattr(requests, name)(r, actor=actor)


@pytest.mark.parametrize("storage_kind", ["memory", "sqlite", "postgres"])
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_every_call_succeeds_or_raises_a_repairkit_error(
    storage_kind, data, tmp_path_factory, request
):
    """Over random calls with random arguments, nothing but RepairkitError escapes."""
    storage: Storage
    if storage_kind == "memory":
        storage = MemoryStorage()
    elif storage_kind == "sqlite":
        storage = SQLiteStorage(tmp_path_factory.mktemp("fuzz") / "f.db")
    else:
        url = request.getfixturevalue("postgres_url")
        storage = PostgresStorage(url, schema=fresh_schema(), pool_size=1)
    clock = ManualClock(START)
    with RepairKit(storage=storage, clock=clock, notifier=MemoryNotifier()) as kit:
        world = World(kit, clock)
        world.relationships.append(invite_and_accept(kit, ("ana", "ben"), actor="ana").id)
        for _ in range(data.draw(st.integers(5, 25), label="calls")):
            name, call = _call(world, data.draw)
            before = world.stored()
            try:
                result = call()
            except RepairkitError:
                assert world.stored() == before, f"a refused {name} changed what is stored"
                continue
            if name == "invite":
                world.relationships.append(result.id)  # type: ignore[attr-defined]
            elif name == "draft":
                world.requests.append(result.id)  # type: ignore[attr-defined]


PLUGS = st.one_of(
    ANYTHING,
    st.sampled_from(
        [
            ManualClock,  # classes where instances belong
            MemoryNotifier,
            MemoryStorage,
            datetime.now(UTC),  # a moment, not a clock
            repairkit.WORKFLOWS.specs[1],  # one spec, not a registry
            list(repairkit.WORKFLOWS),
            "requests",
            5,
        ]
    ),
)


@pytest.mark.parametrize("where", ["memory", "sqlite"])
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(
    plugs=st.fixed_dictionaries(
        {},
        optional={
            "clock": PLUGS,
            "notifier": PLUGS,
            "workflows": PLUGS,
            "delivery": PLUGS,
            "language_of": PLUGS,
            "texts": PLUGS,
        },
    )
)
def test_open_with_any_plugs_opens_or_raises_invalid_input_and_creates_nothing(
    where, plugs, tmp_path_factory
):
    """Whatever is passed as a plug, `open` works or raises InvalidInput before any file exists."""
    path = None if where == "memory" else tmp_path_factory.mktemp("plugs") / "kit.db"
    try:
        kit = repairkit.open(path, **plugs)
    except repairkit.InvalidInput:
        assert path is None or not path.exists()
        return
    with kit:
        invite_and_accept(kit, ("ana", "ben"), actor="ana")
