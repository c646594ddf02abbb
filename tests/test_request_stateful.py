"""Stateful property tests: random moves by random actors against a reference Request model.

The oracle below is written from the domain rules (PROTOCOLS.md section 2), not from
`REQUEST_WORKFLOW`, so a mistake in the library's transition table shows up as a
disagreement between the two.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import tempfile
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    precondition,
    rule,
)

from repairkit import (
    SYSTEM,
    DomainEvent,
    InvalidInput,
    ManualClock,
    MemoryNotifier,
    MemoryStorage,
    NotAllowedNow,
    NotFound,
    NotPermitted,
    RelationshipSettings,
    RepairKit,
    SettingsChanged,
    SQLiteStorage,
    TimeBox,
)
from repairkit.adapters._codec import default_codec
from repairkit.requests import (
    AlternativeProposed,
    EndingProposed,
    FollowThroughRecorded,
    KeptGoing,
    NegotiationResumed,
    Request,
    RequestAccepted,
    RequestCompleted,
    RequestDeclined,
    RequestProposed,
    RequestRevised,
    RequestRules,
    RequestWithdrawn,
    SteppedBack,
)

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PARTNERS = ("ana", "ben")
OUTSIDER = "eve"
ACTORS = (*PARTNERS, OUTSIDER)

# -- the reference model ---------------------------------------------------------------

OPEN = frozenset({"proposed", "negotiating", "stalled"})
TERMINAL = frozenset({"declined", "withdrawn", "completed", "stepped back"})
FINISHING = frozenset({"decline", "withdraw", "confirm_ending", "step_back"})

REFERENCE_TABLE: dict[str, tuple[frozenset[str], str]] = {
    # move: (states it may be made from, who may make it)
    "revise": (frozenset({"drafted"}), "asker"),
    "propose": (frozenset({"drafted"}), "asker"),
    "accept": (OPEN, "awaited"),
    "propose_alternative": (frozenset({"proposed", "negotiating"}), "awaited"),
    "decline": (OPEN, "recipient"),  # a no is possible whoever's turn it is
    "resume": (frozenset({"stalled"}), "partner"),
    "withdraw": (frozenset({"drafted"}) | OPEN, "asker"),
    "record_follow_through": (frozenset({"agreed", "ending"}), "partner"),
    "propose_ending": (frozenset({"agreed"}), "partner"),
    "confirm_ending": (frozenset({"ending"}), "awaited"),
    "keep_going": (frozenset({"ending"}), "partner"),
    "step_back": (frozenset({"agreed", "ending"}), "partner"),
}

EVENT_OF_MOVE: dict[str, type[DomainEvent]] = {
    "revise": RequestRevised,
    "propose": RequestProposed,
    "accept": RequestAccepted,
    "propose_alternative": AlternativeProposed,
    "decline": RequestDeclined,
    "resume": NegotiationResumed,
    "withdraw": RequestWithdrawn,
    "record_follow_through": FollowThroughRecorded,
    "propose_ending": EndingProposed,
    "confirm_ending": RequestCompleted,
    "keep_going": KeptGoing,
    "step_back": SteppedBack,
}

dump_entity = default_codec().dump_entity


@dataclasses.dataclass
class Model:
    """What one request should look like, kept by the test alone."""

    id: uuid.UUID
    asker: str
    recipient: str
    need: str
    ask: str
    observation: str | None
    time_box: TimeBox | None
    follows: uuid.UUID | None
    max_rounds: int
    window: int
    grace: int
    state: str = "drafted"
    version: int = 1
    sent: bool = False
    offer_author: str | None = None
    offer_ask: str | None = None
    offer_time_box: TimeBox | None = None
    ending_by: str | None = None
    rounds: int = 0
    agreed_on: date | None = None
    zone: tzinfo = UTC
    """The couple's time zone when the request was drafted: its calendar days count."""
    agreed_ask: str | None = None
    kept: int = 0
    missed: int = 0
    marked: tuple[date, ...] = ()

    def other(self, person: str) -> str:
        return self.recipient if person == self.asker else self.asker

    def can_see(self, actor: str) -> bool:
        return actor == self.asker or (actor == self.recipient and self.sent)

    def awaited(self) -> str | None:
        if self.state in OPEN:
            assert self.offer_author is not None
            return self.other(self.offer_author)
        if self.state == "ending":
            assert self.ending_by is not None
            return self.other(self.ending_by)
        return None

    def plays(self, actor: str, role: str) -> bool:
        return {
            "asker": actor == self.asker,
            "recipient": actor == self.recipient,
            "partner": actor in (self.asker, self.recipient),
            "awaited": actor == self.awaited(),
        }[role]

    def due_at(self) -> datetime | None:
        """When run_due completes it: its time box's end plus the grace for late marks."""
        if self.state in ("agreed", "ending") and self.time_box is not None:
            return self.time_box.ends_at + timedelta(hours=self.grace)
        return None

    def refusal(self, move: str, actor: str, now: datetime) -> type[Exception] | None:
        """Return the error *move* by *actor* must raise at *now*, or None if it is legal."""
        if not self.can_see(actor):
            return NotFound  # alike for an outsider and an unknown id
        sources, who = REFERENCE_TABLE[move]
        if self.state not in sources:
            return NotAllowedNow
        if not self.plays(actor, who):
            return NotPermitted
        if move == "propose" and self.time_box is not None and self.time_box.ends_at <= now:
            return InvalidInput  # dates already past cannot be sent
        if (
            move == "accept"
            and self.offer_time_box is not None
            and self.offer_time_box.ends_at <= now
        ):
            return NotAllowedNow  # an offer whose dates passed cannot be agreed
        return None

    def occurrence_ok(self, occurrence: date, today: date) -> bool:
        """Return whether *occurrence* may be marked on *today*."""
        return (
            occurrence <= today
            and self.agreed_on is not None
            and occurrence >= self.agreed_on
            and occurrence >= today - timedelta(days=self.window)
            and (
                # Half-open: the day must start before the box ends (a box ending at
                # midnight does not cover the day that starts then).
                self.time_box is None
                or (
                    self.time_box.starts_at.astimezone(self.zone).date() <= occurrence
                    and datetime.combine(occurrence, time.min, tzinfo=self.zone)
                    < self.time_box.ends_at
                )
            )
            and occurrence not in self.marked
        )


# -- strategies ------------------------------------------------------------------------

ZONES = (
    "UTC",
    "America/Los_Angeles",
    "Pacific/Kiritimati",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
)
"""Zones far apart, with odd offsets (+5:45, +14) and odd summer time (30 minutes)."""

TEXTS = st.one_of(
    st.sampled_from(
        [
            "to feel we are a team at home",
            "Könntest du bitte den Müll rausbringen?",
            "请在晚饭后一起洗碗",
            "🧺 fold the laundry together on Sundays",
            "  walk after dinner, twice a week  ",
            "ask me before inviting guests",
        ]
    ),
    st.text(min_size=1, max_size=40),
)
"""Mostly sensible texts, sometimes random ones (which may be blank: then InvalidInput)."""

TIME_BOXES = st.none() | st.tuples(
    st.integers(min_value=-48, max_value=24), st.integers(min_value=1, max_value=24 * 5)
)
"""None, or (start offset, length) in hours relative to the clock at the time of the move."""

ADVANCES = st.one_of(
    st.sampled_from(
        [timedelta(minutes=1), timedelta(hours=6), timedelta(days=1), timedelta(days=4)]
    ),
    st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=3)),
)

ACTOR = st.sampled_from(ACTORS)

DAYS_BACK = st.none() | st.integers(min_value=-1, max_value=6)
"""None (today, the default), or how many days back the marked occurrence is (-1: tomorrow)."""


def _blank(text: str | None) -> bool:
    return text is not None and not text.strip()


def _clean(text: str | None) -> str | None:
    if text is None or not text.strip():
        return None
    return text.strip()


class RequestMachine(RuleBasedStateMachine):
    """Ana and Ben (and Eve, who is not in their relationship) make random moves."""

    storage_kind = "memory"
    requests = Bundle("requests")

    def __init__(self) -> None:
        super().__init__()
        self.tmpdir: str | None = None
        if self.storage_kind == "memory":
            storage = MemoryStorage()
        else:
            self.tmpdir = tempfile.mkdtemp(prefix="repairkit-stateful-")
            storage = SQLiteStorage(Path(self.tmpdir) / "store.db")
        self.clock = ManualClock(START)
        self.notifier = MemoryNotifier()
        self.kit = RepairKit(storage=storage, clock=self.clock, notifier=self.notifier)
        self.models: dict[uuid.UUID, Model] = {}
        self.last_dump: dict[uuid.UUID, str] = {}
        self.terminal_seen: dict[uuid.UUID, str] = {}  # id -> stored form when it ended
        self.rules = RequestRules()
        self.time_zone = "UTC"
        self.relationship_id: uuid.UUID | None = None
        self.relationship_version = 0

    def teardown(self) -> None:
        self.kit.close()
        if self.tmpdir is not None:
            shutil.rmtree(self.tmpdir, ignore_errors=True)

    # -- helpers -----------------------------------------------------------------------

    @property
    def rel_id(self) -> uuid.UUID:
        assert self.relationship_id is not None
        return self.relationship_id

    def _stored_counts(self) -> tuple[int, int]:
        """Return how many events and requests the relationship has stored."""
        storage = self.kit.storage
        return (
            len(storage.relationship_events(self.rel_id)),
            len(storage.load_all(Request, self.rel_id)),
        )

    def _time_box(self, plan: tuple[int, int] | None) -> TimeBox | None:
        if plan is None:
            return None
        offset, length = plan
        starts_at = self.clock.now() + timedelta(hours=offset)
        return TimeBox(starts_at=starts_at, ends_at=starts_at + timedelta(hours=length))

    def _move(
        self,
        request_id: uuid.UUID,
        actor: str,
        move: str,
        call: Callable[[], Request],
        apply: Callable[[Model], None],
        *,
        invalid: bool = False,
    ) -> None:
        """Make *move* and check it against the model: refused and unchanged, or applied."""
        model = self.models[request_id]
        expected = model.refusal(move, actor, self.clock.now())
        if expected is None and invalid:
            expected = InvalidInput
        storage = self.kit.storage
        body_before = dump_entity(storage.load(Request, request_id))
        events_before = storage.events(request_id)
        heard_before = len(self.notifier.received)
        if expected is not None:
            with pytest.raises(expected) as caught:
                call()
            assert caught.type is expected, f"{move} by {actor}: {caught.value!r}"
            assert dump_entity(storage.load(Request, request_id)) == body_before
            assert len(storage.events(request_id)) == len(events_before)
            assert len(self.notifier.received) == heard_before
            return
        state_before = model.state
        returned = call()
        apply(model)
        model.version += 1
        assert returned.state.value == model.state, f"{move} by {actor}"
        assert returned.version == len(events_before) + 1 == model.version
        events = storage.events(request_id)
        assert len(events) == len(events_before) + 1
        event = events[-1]
        assert type(event) is EVENT_OF_MOVE[move]
        assert event.actor == actor
        assert event.from_state == state_before
        assert event.to_state == model.state
        assert event.version == model.version
        self.last_dump[request_id] = dump_entity(returned)

    def _legal_moves(self, request_id: uuid.UUID) -> list[tuple[str, str]]:
        model = self.models[request_id]
        return [
            (move, actor)
            for move in REFERENCE_TABLE
            for actor in PARTNERS
            if model.refusal(move, actor, self.clock.now()) is None
        ]

    # -- rules -------------------------------------------------------------------------

    @initialize(
        target=requests,
        starter=st.sampled_from(PARTNERS),
        max_rounds=st.integers(min_value=1, max_value=4),
        window=st.integers(min_value=1, max_value=4),
        grace=st.sampled_from([0, 1, 24, 48]),
        time_zone=st.sampled_from(ZONES),
    )
    def start(
        self, starter: str, max_rounds: int, window: int, grace: int, time_zone: str
    ) -> object:
        """Start Ana and Ben's relationship with drawn rules and zone, and draft a first request."""
        self.time_zone = time_zone
        self.rules = RequestRules(
            max_rounds=max_rounds,
            follow_through_window_days=window,
            follow_through_grace_hours=min(grace, window * 24),  # the grace fits the window
            reask_pause_hours=0,  # the pause after a no has tests of its own (test_requests)
        )
        relationship = self.kit.start_relationship(
            PARTNERS,
            actor=starter,
            settings=RelationshipSettings(rules=[self.rules], time_zone=time_zone),
        )
        self.relationship_id = relationship.id
        self.relationship_version = relationship.version
        return self.draft(
            actor=starter,
            need="to feel we are a team",
            ask="cook together on Fridays",
            observation=None,
            time_box=None,
            follows=None,
        )

    @rule(
        actor=ACTOR,
        max_rounds=st.integers(min_value=1, max_value=4),
        window=st.integers(min_value=1, max_value=4),
        time_zone=st.sampled_from(ZONES),
    )
    def change_settings(self, actor: str, max_rounds: int, window: int, time_zone: str) -> None:
        """Suggest new rules and zone, which the other partner agrees to (not an outsider)."""
        rules = RequestRules(
            max_rounds=max_rounds, follow_through_window_days=window, reask_pause_hours=0
        )
        new = RelationshipSettings(rules=[rules], time_zone=time_zone)
        if actor == OUTSIDER:
            count = self._stored_counts()
            with pytest.raises(NotFound):
                self.kit.propose_settings(self.rel_id, actor=actor, settings=new)
            assert self._stored_counts() == count
            return
        suggested = self.kit.propose_settings(self.rel_id, actor=actor, settings=new)
        assert suggested.settings != new or suggested.settings == self.settings_now()
        other = "ben" if actor == "ana" else "ana"
        relationship = self.kit.agree_to_settings(self.rel_id, actor=other)
        self.relationship_version += 2
        assert relationship.version == self.relationship_version
        assert isinstance(self.kit.storage.relationship_events(self.rel_id)[-1], SettingsChanged)
        self.rules = rules
        self.time_zone = time_zone

    def settings_now(self) -> RelationshipSettings:
        """The settings in force, as the model knows them."""
        return RelationshipSettings(rules=[self.rules], time_zone=self.time_zone)

    @precondition(lambda self: sum(m.state not in TERMINAL for m in self.models.values()) < 3)
    @rule(
        target=requests,
        actor=ACTOR,
        need=TEXTS,
        ask=TEXTS,
        observation=st.none() | TEXTS,
        time_box=TIME_BOXES,
        follows=st.none() | requests,
    )
    def draft(
        self,
        *,
        actor: str,
        need: str,
        ask: str,
        observation: str | None,
        time_box: tuple[int, int] | None,
        follows: uuid.UUID | None,
    ) -> object:
        """Draft a request as a random actor; an outsider or blank text changes nothing."""
        box = self._time_box(time_box)

        def call() -> Request:
            return self.kit.requests.draft(
                self.rel_id,
                actor=actor,
                need=need,
                ask=ask,
                observation=observation,
                time_box=box,
                follows=follows,
            )

        expected: type[Exception] | None = None
        if actor == OUTSIDER or (follows is not None and not self.models[follows].can_see(actor)):
            expected = NotFound
        elif _blank(need) or _blank(ask) or (box is not None and box.ends_at <= self.clock.now()):
            expected = InvalidInput
        if expected is not None:
            count = self._stored_counts()
            with pytest.raises(expected) as caught:
                call()
            assert caught.type is expected
            assert self._stored_counts() == count
            return multiple()
        request = call()
        recipient = PARTNERS[1] if actor == PARTNERS[0] else PARTNERS[0]
        assert (request.asker, request.recipient) == (actor, recipient)
        assert request.rules == self.rules
        model = Model(
            id=request.id,
            asker=actor,
            recipient=recipient,
            need=need.strip(),
            ask=ask.strip(),
            observation=_clean(observation),
            time_box=box,
            follows=follows,
            max_rounds=self.rules.max_rounds,
            window=self.rules.follow_through_window_days,
            grace=self.rules.follow_through_grace_hours,
            zone=ZoneInfo(self.time_zone),
        )
        self.models[request.id] = model
        self.last_dump[request.id] = dump_entity(request)
        events = self.kit.storage.events(request.id)
        assert len(events) == 1
        assert events[0].private_to == actor
        return request.id

    @rule(request=requests, actor=ACTOR, need=TEXTS, ask=TEXTS, time_box=TIME_BOXES)
    def revise(
        self,
        request: uuid.UUID,
        actor: str,
        need: str,
        ask: str,
        time_box: tuple[int, int] | None,
    ) -> None:
        """Revise a request's content as a random actor."""
        box = self._time_box(time_box)

        def apply(m: Model) -> None:
            m.need, m.ask, m.observation, m.time_box = need.strip(), ask.strip(), None, box

        self._move(
            request,
            actor,
            "revise",
            lambda: self.kit.requests.revise(
                request, actor=actor, need=need, ask=ask, time_box=box
            ),
            apply,
            invalid=_blank(need)
            or _blank(ask)
            or (box is not None and box.ends_at <= self.clock.now()),
        )

    @rule(request=requests, actor=ACTOR)
    def propose(self, request: uuid.UUID, actor: str) -> None:
        """Send a request as a random actor."""

        def apply(m: Model) -> None:
            m.state, m.sent = "proposed", True
            m.offer_author, m.offer_ask, m.offer_time_box = m.asker, m.ask, m.time_box

        self._move(
            request,
            actor,
            "propose",
            lambda: self.kit.requests.propose(request, actor=actor),
            apply,
        )

    @rule(request=requests, actor=ACTOR)
    def accept(self, request: uuid.UUID, actor: str) -> None:
        """Accept the latest offer as a random actor."""

        def apply(m: Model) -> None:
            m.state = "agreed"
            m.agreed_on = self.clock.now().astimezone(m.zone).date()
            m.agreed_ask = m.offer_ask
            m.time_box = m.offer_time_box

        self._move(
            request,
            actor,
            "accept",
            lambda: self.kit.requests.accept(request, actor=actor),
            apply,
        )

    @rule(request=requests, actor=ACTOR, ask=TEXTS, time_box=TIME_BOXES)
    def propose_alternative(
        self,
        request: uuid.UUID,
        actor: str,
        ask: str,
        time_box: tuple[int, int] | None = None,
    ) -> None:
        """Offer an alternative, with or without new dates, as a random actor."""
        box = self._time_box(time_box)
        model = self.models[request]
        dates = box if box is not None else model.offer_time_box
        now = self.clock.now()

        def apply(m: Model) -> None:
            m.rounds += 1
            m.state = "stalled" if m.rounds >= m.max_rounds else "negotiating"
            m.offer_author, m.offer_ask, m.offer_time_box = actor, ask.strip(), dates

        self._move(
            request,
            actor,
            "propose_alternative",
            lambda: self.kit.requests.propose_alternative(
                request, actor=actor, ask=ask, time_box=box
            ),
            apply,
            # Dates that have passed (new or kept from the offer answered) are refused.
            invalid=_blank(ask) or (dates is not None and dates.ends_at <= now),
        )

    @rule(request=requests, actor=ACTOR, reason=st.none() | TEXTS)
    def decline(self, request: uuid.UUID, actor: str, reason: str | None) -> None:
        """Decline a request as a random actor."""

        def apply(m: Model) -> None:
            m.state = "declined"

        self._move(
            request,
            actor,
            "decline",
            lambda: self.kit.requests.decline(request, actor=actor, reason=reason),
            apply,
        )

    @rule(request=requests, actor=ACTOR)
    def resume(self, request: uuid.UUID, actor: str) -> None:
        """Resume a stalled request as a random actor."""

        def apply(m: Model) -> None:
            m.state, m.rounds = "negotiating", 0

        self._move(
            request,
            actor,
            "resume",
            lambda: self.kit.requests.resume(request, actor=actor),
            apply,
        )

    @rule(request=requests, actor=ACTOR)
    def step_back(self, request: uuid.UUID, actor: str) -> None:
        """Step back from an agreement as a random actor (alone, at once)."""

        def apply(m: Model) -> None:
            m.state = "stepped back"

        self._move(
            request,
            actor,
            "step_back",
            lambda: self.kit.requests.step_back(request, actor=actor),
            apply,
        )

    @rule(request=requests, actor=ACTOR)
    def withdraw(self, request: uuid.UUID, actor: str) -> None:
        """Withdraw a request as a random actor."""

        def apply(m: Model) -> None:
            m.state = "withdrawn"

        self._move(
            request,
            actor,
            "withdraw",
            lambda: self.kit.requests.withdraw(request, actor=actor),
            apply,
        )

    @rule(
        request=requests,
        actor=ACTOR,
        days_back=DAYS_BACK,
        kept=st.booleans(),
    )
    def record_follow_through(
        self, request: uuid.UUID, actor: str, days_back: int | None, kept: bool
    ) -> None:
        """Mark an occurrence (today, a past day or tomorrow) kept or missed as a random actor."""
        model = self.models[request]
        today = self.clock.now().astimezone(model.zone).date()  # the couple's calendar day
        occurrence = today if days_back is None else today - timedelta(days=days_back)

        def apply(m: Model) -> None:
            if kept:
                m.kept += 1
            else:
                m.missed += 1
            oldest = today - timedelta(days=m.window)
            m.marked = tuple(sorted(d for d in (*m.marked, occurrence) if d >= oldest))

        self._move(
            request,
            actor,
            "record_follow_through",
            lambda: self.kit.requests.record_follow_through(
                request,
                actor=actor,
                kept=kept,
                occurrence=None if days_back is None else occurrence,
            ),
            apply,
            invalid=not model.occurrence_ok(occurrence, today),
        )

    @rule(request=requests, actor=ACTOR)
    def propose_ending(self, request: uuid.UUID, actor: str) -> None:
        """Suggest ending an agreed request as a random actor."""

        def apply(m: Model) -> None:
            m.state, m.ending_by = "ending", actor

        self._move(
            request,
            actor,
            "propose_ending",
            lambda: self.kit.requests.propose_ending(request, actor=actor),
            apply,
        )

    @rule(request=requests, actor=ACTOR)
    def confirm_ending(self, request: uuid.UUID, actor: str) -> None:
        """Confirm the ending as a random actor."""

        def apply(m: Model) -> None:
            m.state = "completed"

        self._move(
            request,
            actor,
            "confirm_ending",
            lambda: self.kit.requests.confirm_ending(request, actor=actor),
            apply,
        )

    @rule(request=requests, actor=ACTOR)
    def keep_going(self, request: uuid.UUID, actor: str) -> None:
        """Keep an ending request going as a random actor."""

        def apply(m: Model) -> None:
            m.state, m.ending_by = "agreed", None

        self._move(
            request,
            actor,
            "keep_going",
            lambda: self.kit.requests.keep_going(request, actor=actor),
            apply,
        )

    @precondition(lambda self: any(self._legal_moves(rid) for rid in self.models))
    @rule(data=st.data(), burst=st.integers(min_value=1, max_value=6))
    def some_legal_moves(self, data: st.DataObject, burst: int) -> None:
        """Make a few moves the model says are legal (random moves alone rarely get far)."""
        for _ in range(burst):
            # Moves that finish a request are drawn less often, so negotiations get deep.
            candidates = [
                (rid, move, actor)
                for rid in self.models
                for move, actor in self._legal_moves(rid)
                for _ in range(1 if move in FINISHING else 3)
            ]
            if not candidates:
                return
            rid, move, actor = data.draw(st.sampled_from(candidates), label="move")
            if move == "revise":
                need, ask = data.draw(TEXTS, label="need"), data.draw(TEXTS, label="ask")
                self.revise(rid, actor, need, ask, data.draw(TIME_BOXES, label="time_box"))
            elif move == "propose_alternative":
                self.propose_alternative(rid, actor, data.draw(TEXTS, label="ask"))
            elif move == "decline":
                self.decline(rid, actor, data.draw(st.none() | TEXTS, label="reason"))
            elif move == "record_follow_through":
                days_back = data.draw(DAYS_BACK, label="days_back")
                self.record_follow_through(rid, actor, days_back, data.draw(st.booleans()))
            else:
                getattr(self, move)(rid, actor)

    @rule(delta=ADVANCES)
    def advance_clock(self, delta: timedelta) -> None:
        """Let some time pass."""
        before = self.clock.now()
        assert self.clock.advance(delta) == before + delta

    def _running_time_boxes(self) -> list[datetime]:
        now = self.clock.now()
        return sorted(
            moment
            for m in self.models.values()
            if m.time_box is not None and (due := m.due_at()) is not None
            for moment in (m.time_box.ends_at, due)
            if moment > now
        )

    @precondition(lambda self: self._running_time_boxes())
    @rule(data=st.data())
    def advance_clock_to_a_time_box_end(self, data: st.DataObject) -> None:
        """Move the clock exactly to a time box's end or its grace's end (the boundaries)."""
        ends_at = data.draw(st.sampled_from(self._running_time_boxes()), label="ends_at")
        self.clock.set(ends_at)
        assert self.clock.now() == ends_at

    @rule()
    def run_due(self) -> None:
        """Run what is due: exactly the agreed requests whose time box ended complete."""
        now = self.clock.now()
        expected = {
            rid for rid, m in self.models.items() if (due := m.due_at()) is not None and due <= now
        }
        events = self.kit.run_due()
        assert sorted(str(e.subject_id) for e in events) == sorted(str(r) for r in expected)
        for event in events:
            assert isinstance(event, RequestCompleted)
            assert event.actor == SYSTEM
            assert event.because == "time box ended"
            model = self.models[event.subject_id]
            assert event.from_state == model.state
            assert event.to_state == "completed"
            model.state = "completed"
            model.version += 1
            assert event.version == model.version
            # Only the state, the version, the awaited partner and the time of change may change.
            stored = self.kit.storage.load(Request, event.subject_id)
            assert stored.changed_at == event.at
            before = json.loads(self.last_dump[event.subject_id])
            after = json.loads(dump_entity(stored))
            for key in ("state", "version", "awaiting", "changed_at"):
                before.pop(key)
                after.pop(key)
            assert after == before
            self.last_dump[event.subject_id] = dump_entity(stored)

    # -- invariants --------------------------------------------------------------------

    @invariant()
    def stored_requests_match_the_model(self) -> None:
        """Every stored request matches the model, its events and the last object returned."""
        for rid, model in self.models.items():
            stored = self.kit.storage.load(Request, rid)
            events = self.kit.storage.events(rid)
            assert stored.version == len(events) == model.version
            assert [e.version for e in events] == list(range(1, len(events) + 1))
            assert stored.state.value == model.state
            assert stored.awaiting == model.awaited()
            assert stored.rounds == model.rounds
            assert (stored.need, stored.ask, stored.observation) == (
                model.need,
                model.ask,
                model.observation,
            )
            assert stored.time_box == model.time_box
            assert stored.follows == model.follows
            assert stored.rules.max_rounds == model.max_rounds
            assert stored.agreed_ask == model.agreed_ask
            assert (stored.kept, stored.missed) == (model.kept, model.missed)
            assert stored.recent_occurrences == model.marked
            assert (stored.proposed_at is not None) == model.sent
            assert dump_entity(stored) == self.last_dump[rid]

    @invariant()
    def terminal_states_stay_terminal(self) -> None:
        """A stored request that reached a terminal state never leaves it, nor changes."""
        for rid in self.models:
            stored = dump_entity(self.kit.storage.load(Request, rid))
            if rid in self.terminal_seen:
                assert stored == self.terminal_seen[rid]
            elif json.loads(stored)["state"] in TERMINAL:
                self.terminal_seen[rid] = stored

    @invariant()
    def each_offer_is_answered_at_most_once(self) -> None:
        """Each offer gets one answer at most; acceptances quote it and come from the other side.

        A decline is not an answer to an offer but the recipient's no to the request, which
        is open to them whoever's turn it is.
        """
        for rid in self.models:
            offers: list[tuple[str, str, int]] = []  # (author, ask, round)
            answers: list[int] = []
            for event in self.kit.storage.events(rid):
                if isinstance(event, RequestDeclined):
                    assert offers, "a no needs a request on the table"
                    assert event.actor == self.models[rid].recipient
                    continue
                if isinstance(event, RequestAccepted | AlternativeProposed):
                    assert offers, "an answer needs an offer on the table"
                    author, ask, round_ = offers[-1]
                    assert answers[-1] == 0, "this offer was already answered"
                    answers[-1] += 1
                    assert event.actor != author, "nobody answers their own offer"
                    if isinstance(event, RequestAccepted):
                        assert (event.offered_by, event.ask, event.round) == (author, ask, round_)
                if isinstance(event, RequestProposed):
                    offers.append((event.actor, event.ask, 0))
                    answers.append(0)
                elif isinstance(event, AlternativeProposed):
                    offers.append((event.actor, event.ask, event.round))
                    answers.append(0)

    @invariant()
    def every_notification_was_delivered(self) -> None:
        """The working notifier leaves nothing pending, and only the partners hear anything."""
        assert self.kit.storage.pending_notifications() == []
        assert all(n.recipient in PARTNERS for n in self.notifier.received)


class SQLiteRequestMachine(RequestMachine):
    """The same machine over SQLite, on a file in a fresh temporary folder."""

    storage_kind = "sqlite"


STEPS = settings(stateful_step_count=35, deadline=None)

TestRequestsInMemory = RequestMachine.TestCase
TestRequestsInMemory.settings = STEPS
TestRequestsInMemory.__doc__ = "Random moves keep the in-memory storage in line with the model."

TestRequestsInSQLite = SQLiteRequestMachine.TestCase
TestRequestsInSQLite.settings = STEPS
TestRequestsInSQLite.__doc__ = "Random moves keep the SQLite storage in line with the model."
