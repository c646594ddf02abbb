"""``peer_commands``: repairkit beside `eventsourcing`, the same flow in the same process.

The flow: a request drafted, proposed and accepted (three commands, three commits),
measured after 1,000 requests exist in the relationship. repairkit runs it through
``kit.requests`` on `SQLiteStorage`. The peer is an `eventsourcing` application with
an event-sourced aggregate of the same states and events (drafted, proposed,
accepted: each command loads the aggregate from its events, checks the actor and the
state, records one event), on eventsourcing's SQLite persistence, in its own file.
Both run with WAL and ``synchronous=FULL``. The peer is also run with snapshots
(every 2 events); the faster of the two is the one compared against, and the result
says which. Ratio = repairkit flows/s / peer flows/s; target >= 1.0.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event
from eventsourcing.sqlite import SQLiteConnectionPool

from repairkit import ManualClock, RepairKit, TimeBox
from repairkit.adapters import SQLiteStorage
from repairkit.adapters.sqlite import PRAGMAS
from repairkit.requests import RequestState

EXISTING = 1_000
FLOWS = 30
REPEATS = 5
STEP = timedelta(hours=2)
"""How far the clock moves per request: 12 proposals a day stay inside the default
pressure budget (`RelationshipRules.daily_items`, 20 new items a day per sender)."""


class RequestAggregate(Aggregate):
    """A request as an event-sourced aggregate: the same states and the same three events."""

    @event("Drafted")
    def __init__(
        self, relationship_id: str, asker: str, recipient: str, need: str, ask: str
    ) -> None:
        self.relationship_id = relationship_id
        self.asker, self.recipient = asker, recipient
        self.need, self.ask = need, ask
        self.state = RequestState.DRAFTED.value
        self.awaiting: str | None = None

    @event("Proposed")
    def propose(self, actor: str) -> None:
        if actor != self.asker or self.state != RequestState.DRAFTED.value:
            raise ValueError(actor)
        self.state, self.awaiting = RequestState.PROPOSED.value, self.recipient

    @event("Accepted")
    def accept(self, actor: str) -> None:
        if actor != self.awaiting or self.state != RequestState.PROPOSED.value:
            raise ValueError(actor)
        self.state, self.awaiting = RequestState.AGREED.value, None


class Requests(Application[uuid.UUID]):
    """The peer's commands: each loads the aggregate, moves it and saves its event."""

    def draft(
        self, relationship_id: str, asker: str, recipient: str, need: str, ask: str
    ) -> uuid.UUID:
        request = RequestAggregate(relationship_id, asker, recipient, need, ask)
        self.save(request)
        return request.id

    def propose(self, request_id: uuid.UUID, actor: str) -> None:
        request: RequestAggregate = self.repository.get(request_id)
        request.propose(actor)
        self.save(request)

    def accept(self, request_id: uuid.UUID, actor: str) -> None:
        request: RequestAggregate = self.repository.get(request_id)
        request.accept(actor)
        self.save(request)


class SnapshottingRequests(Requests):
    """The same, saving a snapshot every 2 events."""

    snapshotting_intervals: ClassVar[dict[type[Aggregate], int]] = {RequestAggregate: 2}  # type: ignore[assignment]


def _full_sync(pool_class: type[SQLiteConnectionPool]) -> None:
    """Make eventsourcing's SQLite connections use repairkit's pragmas (WAL, synchronous=FULL)."""
    create = pool_class._create_connection
    if getattr(create, "repairkit_pragmas", False):
        return

    def connect(self: Any) -> Any:
        connection = create(self)
        for pragma in PRAGMAS:
            connection._sqlite_conn.execute(pragma)
        return connection

    connect.repairkit_pragmas = True  # type: ignore[attr-defined]
    pool_class._create_connection = connect  # type: ignore[method-assign]


def _peer(cls: type[Requests], path: Path) -> Requests:
    env = {"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": str(path)}
    if cls is SnapshottingRequests:
        env["IS_SNAPSHOTTING_ENABLED"] = "y"
    app = cls(env=env)
    for i in range(EXISTING):
        request_id = app.draft("couple", "ana", "ben", f"need {i}", "an ask")
        app.propose(request_id, "ana")
    return app


def _check_pragmas(app: Requests) -> None:
    """Assert that the peer's connections run in WAL mode with synchronous=FULL."""
    datastore = app.factory.datastore  # type: ignore[attr-defined]
    with datastore.transaction(commit=False) as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA synchronous")
        assert cursor.fetchone()[0] == 2  # FULL


def run(result_type: Any, best_of: Any, start: datetime, folder: Path) -> Any:
    """Time the flow on repairkit and on both peers; compare with the faster peer."""
    _full_sync(SQLiteConnectionPool)
    clock = ManualClock(start)
    storage = SQLiteStorage(folder / "peer-repairkit.db")
    kit = RepairKit(storage=storage, clock=clock)
    invitation = kit.relationships.invite("ben", actor="ana")
    couple = kit.relationships.accept_invitation(invitation.id, actor="ben").id
    r = kit.requests

    def box() -> TimeBox:
        # Two weeks from now: the clock moves on by STEP per request (see below).
        return TimeBox(starts_at=clock.now(), ends_at=clock.now() + timedelta(days=14))

    for i in range(EXISTING):
        made = r.draft(couple, actor="ana", need=f"need {i}", ask="an ask", time_box=box())
        r.propose(made.id, actor="ana")
        clock.advance(STEP)
    counter = iter(range(10**9))

    def library() -> None:
        for _ in range(FLOWS):
            n = next(counter)
            made = r.draft(
                couple, actor="ana", need=f"rest {n}", ask="a quiet hour", time_box=box()
            )
            r.propose(made.id, actor="ana")
            r.accept(made.id, actor="ben")
            clock.advance(STEP)

    times: dict[str, tuple[float, float]] = {}
    for name, cls in (
        ("eventsourcing", Requests),
        ("eventsourcing+snapshots", SnapshottingRequests),
    ):
        path = folder / f"peer-{cls.__name__}.db"
        app = _peer(cls, path)
        _check_pragmas(app)

        def peer(app: Requests = app) -> None:
            for _ in range(FLOWS):
                request_id = app.draft("couple", "ana", "ben", "rest", "a quiet hour")
                app.propose(request_id, "ana")
                app.accept(request_id, "ben")

        times[name] = best_of(library, peer, REPEATS)
        app.close()
    storage.close()
    name, (library_time, peer_time) = min(times.items(), key=lambda item: item[1][1])
    return result_type(
        "peer_commands",
        f"{library_time / FLOWS * 1e3:.2f} ms/flow",
        f"{peer_time / FLOWS * 1e3:.2f} ms/flow ({name}, the faster peer)",
        peer_time / library_time,
        1.0,
        ">=",
    )


if __name__ == "__main__":  # pragma: no cover - a quick look: python bench/peers.py
    import tempfile

    from run import START, Result, best_of  # type: ignore[import-not-found]

    with tempfile.TemporaryDirectory() as tmp:
        print(run(Result, best_of, START, Path(tmp)))
