"""Optimistic concurrency: two RepairKits (and two processes) on one SQLite file lose nothing."""

from __future__ import annotations

import multiprocessing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import repairkit
from conftest import invite_and_accept
from repairkit import ConcurrencyConflict, RelationshipRules, RelationshipSettings, TimeBox
from repairkit.requests import Request, RequestRules

NEED = "to feel we share the evenings"
ASK = "put our phones in the drawer during dinner"


def test_a_stale_save_through_a_second_kit_raises_and_writes_nothing(tmp_path):
    """Saving an object another kit changed meanwhile raises ConcurrencyConflict."""
    path = tmp_path / "couple.db"
    with repairkit.open(path) as first, repairkit.open(path) as second:
        couple = invite_and_accept(first, ("ana", "ben"), actor="ana")
        now = datetime.now(UTC)
        box = TimeBox(starts_at=now, ends_at=now + timedelta(days=7))
        request = first.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK, time_box=box)
        first.requests.propose(request.id, actor="ana")

        stale = second._storage.load(Request, request.id)  # private: a stale copy
        first.requests.accept(request.id, actor="ben")
        event = stale.decline(actor="ben", at=stale.proposed_at)  # type: ignore[arg-type]
        with pytest.raises(ConcurrencyConflict, match="load it and retry"):
            second._runner.record(stale, event)  # private: the pipeline past the checks
        assert second.requests.get(request.id, actor="ana").state == "agreed"
        assert [e.to_state for e in second.requests.events(request.id, actor="ben")][-1] == "agreed"


def _change_settings_many_times(path: str, relationship_id: str, actor: str, times: int) -> int:
    """Suggest settings *times* times, retrying on conflict; return the conflicts met."""
    import uuid  # noqa: PLC0415 - runs in a child process

    conflicts = 0
    with repairkit.open(path) as kit:
        rid = uuid.UUID(relationship_id)
        done = 0
        while done < times:
            rounds = (done % 5) + 1
            settings = RelationshipSettings(rules=[RequestRules(max_rounds=rounds)])
            try:
                kit.relationships.propose_settings(rid, actor=actor, settings=settings)
            except ConcurrencyConflict:
                conflicts += 1
                continue
            done += 1
    return conflicts


def test_two_processes_on_one_file_never_lose_an_update(tmp_path: Path):
    """Every acknowledged change from two processes is stored; the version counts them all."""
    path = str(tmp_path / "shared.db")
    times = 50  # each suggestion is a new item: within the most a day can hold (60)
    with repairkit.open(path) as kit:
        couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
        most = RelationshipSettings(rules=[RelationshipRules(daily_items=60)])
        kit.relationships.propose_settings(couple.id, actor="ben", settings=most)
        kit.relationships.agree_to_settings(couple.id, actor="ana")
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        results = [
            pool.apply_async(_change_settings_many_times, (path, str(couple.id), actor, times))
            for actor in ("ana", "ben")
        ]
        for result in results:
            result.get(timeout=120)
    with repairkit.open(path) as kit:
        stored = kit.relationships.get(couple.id, actor="ana")
        events = kit.relationships.events(couple.id, actor="ana")
    assert stored.version == 4 + 2 * times  # invited, accepted, the budget, then every change
    assert len(events) == 4 + 2 * times
    assert [e.version for e in events] == list(range(1, 5 + 2 * times))


def _race_once_per_round(path: str, relationship_id: str, actor: str, rounds: int, barrier) -> int:
    """Each round: load, wait for the other process, then save; return the conflicts met."""
    import uuid  # noqa: PLC0415 - runs in a child process

    from repairkit import Relationship  # noqa: PLC0415

    rid = uuid.UUID(relationship_id)
    conflicts = 0
    with repairkit.open(path) as kit:
        for _ in range(rounds):
            loaded = kit._storage.load(Relationship, rid)  # private: both load the same version
            barrier.wait(timeout=30)  # both processes now hold the same version
            event = loaded.propose_settings(
                actor=actor, settings=loaded.settings, at=kit.clock.now()
            )
            try:
                kit._runner.record(loaded, event)  # private: the pipeline past the checks
            except ConcurrencyConflict:
                conflicts += 1
            barrier.wait(timeout=30)  # both have tried before the next round loads
    return conflicts


def test_when_two_processes_save_the_same_version_exactly_one_wins(tmp_path: Path):
    """Two processes saving over the same version: one succeeds, the other gets a conflict."""
    path = str(tmp_path / "race.db")
    with repairkit.open(path) as kit:
        couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
    rounds = 10
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        barrier = manager.Barrier(2)
        with context.Pool(2) as pool:
            results = [
                pool.apply_async(
                    _race_once_per_round, (path, str(couple.id), actor, rounds, barrier)
                )
                for actor in ("ana", "ben")
            ]
            conflicts = [result.get(timeout=120) for result in results]
    assert sum(conflicts) == rounds
    with repairkit.open(path) as kit:
        assert kit.relationships.get(couple.id, actor="ana").version == 2 + rounds
        assert len(kit.relationships.events(couple.id, actor="ben")) == 2 + rounds
