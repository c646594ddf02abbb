"""Stateful property tests: random moves by random actors against a reference Request model.

The oracle below is written from the domain rules (PROTOCOLS.md section 2), not from
`REQUEST_WORKFLOW`, so a mistake in the library's transition table shows up as a
disagreement between the two.
"""

from __future__ import annotations

import dataclasses
import json
import re
import unicodedata
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

import pytest
from hypothesis import event as event_label
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    initialize,
    invariant,
    multiple,
    precondition,
    rule,
)

from conftest import invite_and_accept
from kit_machine import KitMachine
from repairkit import (
    InvalidInput,
    NotAllowedNow,
    NotFound,
    NotPermitted,
    RelationshipRules,
    RelationshipSettings,
    TimeBox,
)
from repairkit.adapters.codec import default_codec
from repairkit.core import SYSTEM, DomainEvent, SettingsChanged
from repairkit.core.drafts import KEEP, Keep, kept
from repairkit.core.settings import MAX_DAILY_ITEMS
from repairkit.requests import (
    AgreementHeld,
    AgreementResumed,
    AlternativeProposed,
    EndingProposed,
    FollowThroughCorrected,
    FollowThroughRecorded,
    KeptGoing,
    MissNoticed,
    NegotiationResumed,
    NoticeAcknowledged,
    NoticeWithdrawn,
    ReopeningDeclined,
    ReopeningProposed,
    Request,
    RequestAccepted,
    RequestCompleted,
    RequestDeclined,
    RequestProposed,
    RequestRevised,
    RequestRules,
    RequestWithdrawn,
    ResumingDeclined,
    ResumingProposed,
    Reviewed,
    SeenDifferently,
    SetAside,
    SteppedBack,
)

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PARTNERS = ("ana", "ben")
OUTSIDER = "eve"
UNHURRIED = RelationshipRules(daily_items=MAX_DAILY_ITEMS)
"""The pressure budget at its ceiling: at most 50 steps, so this model never meets it
(tests/test_pressure.py tests the budget)."""
ACTORS = (*PARTNERS, OUTSIDER)

# -- the reference model ---------------------------------------------------------------

OPEN = frozenset({"proposed", "negotiating", "stalled"})
TERMINAL = frozenset({"declined", "withdrawn", "stepped back"})
"""States nothing changes in any more ("completed" still takes one review from each)."""
FINISHING = frozenset({"decline", "withdraw", "confirm_ending", "step_back"})
RUNNING = frozenset({"agreed", "ending"})

REFERENCE_TABLE: dict[str, tuple[frozenset[str], str]] = {
    # move: (states it may be made from, who may make it)
    "revise": (frozenset({"drafted"}), "asker"),
    "propose": (frozenset({"drafted"}), "asker"),
    "accept": (frozenset({"proposed", "negotiating"}), "awaited"),  # set aside: reopen first
    "propose_alternative": (frozenset({"proposed", "negotiating"}), "awaited"),
    "decline": (OPEN, "recipient"),  # a no is possible whoever's turn it is
    "set_aside": (frozenset({"proposed", "negotiating"}), "partner"),
    "propose_reopening": (frozenset({"stalled"}), "partner"),
    "agree_to_reopen": (frozenset({"stalled"}), "reopen asked"),
    "decline_reopening": (frozenset({"stalled"}), "reopen asked"),
    "withdraw": (frozenset({"drafted"}) | OPEN, "asker"),
    "record_follow_through": (RUNNING, "committed"),  # one's own days only
    "correct_follow_through": (RUNNING, "committed"),
    "notice_missed": (RUNNING, "counterpart"),  # the other partner only notes
    "withdraw_notice": (RUNNING, "counterpart"),
    "acknowledge_notice": (RUNNING, "committed"),
    "see_differently": (RUNNING, "committed"),
    "propose_ending": (frozenset({"agreed"}), "partner"),
    "confirm_ending": (frozenset({"ending"}), "awaited"),
    "keep_going": (frozenset({"ending"}), "partner"),
    "hold": (RUNNING, "partner"),
    "propose_resuming": (frozenset({"on hold"}), "partner"),
    "agree_to_resume": (frozenset({"on hold"}), "resume asked"),
    "decline_resuming": (frozenset({"on hold"}), "resume asked"),
    "step_back": (RUNNING | {"on hold"}, "partner"),
    "review": (frozenset({"completed"}), "partner"),
}

EVENT_OF_MOVE: dict[str, type[DomainEvent]] = {
    "revise": RequestRevised,
    "propose": RequestProposed,
    "accept": RequestAccepted,
    "propose_alternative": AlternativeProposed,
    "decline": RequestDeclined,
    "set_aside": SetAside,
    "propose_reopening": ReopeningProposed,
    "agree_to_reopen": NegotiationResumed,
    "decline_reopening": ReopeningDeclined,
    "withdraw": RequestWithdrawn,
    "record_follow_through": FollowThroughRecorded,
    "correct_follow_through": FollowThroughCorrected,
    "notice_missed": MissNoticed,
    "withdraw_notice": NoticeWithdrawn,
    "acknowledge_notice": NoticeAcknowledged,
    "see_differently": SeenDifferently,
    "propose_ending": EndingProposed,
    "confirm_ending": RequestCompleted,
    "keep_going": KeptGoing,
    "hold": AgreementHeld,
    "propose_resuming": ResumingProposed,
    "agree_to_resume": AgreementResumed,
    "decline_resuming": ResumingDeclined,
    "step_back": SteppedBack,
    "review": Reviewed,
}
ASKING_BACK = {"propose_reopening": "agree_to_reopen", "propose_resuming": "agree_to_resume"}
"""Asking for what the other already asked for agrees to it."""
SUGGESTIONS = frozenset({"propose_reopening", "propose_resuming", "propose_ending"})
"""After a no to one of these, whoever suggested it waits out the pause (rule 6)."""
OCCURRENCE_MOVES = frozenset(
    {
        "record_follow_through",
        "correct_follow_through",
        "notice_missed",
        "withdraw_notice",
        "acknowledge_notice",
        "see_differently",
    }
)

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
    """The couple's time zone in force: its calendar days count."""
    agreed_ask: str | None = None
    reopen_asked: str | None = None
    resume_asked: str | None = None
    marks: dict[date, bool] = dataclasses.field(default_factory=dict)
    """The committed partner's own marks (and acknowledged notes), by day."""
    notices: dict[date, str] = dataclasses.field(default_factory=dict)
    """The other partner's notes, by day: "pending", "acknowledged" or "seen differently"."""
    reviewed: set[str] = dataclasses.field(default_factory=set)
    proposed_version: int | None = None
    pause: timedelta = timedelta(0)
    """How long, after a no, the same suggestion (or a new request on the need) waits."""
    heard_no: dict[tuple[str, str], datetime] = dataclasses.field(default_factory=dict)
    """When each (suggestion, partner who made it) last heard a no."""
    proposed_at: datetime | None = None
    declined_at: datetime | None = None

    def waits(self, move: str, actor: str, now: datetime) -> bool:
        """Return whether *actor* heard a no to *move* less than the pause ago (rule 6)."""
        no = self.heard_no.get((move, actor))
        return no is not None and now < no + self.pause

    def open_moves(self, actor: str, now: datetime) -> set[str]:
        """Return the moves *actor* can make now: legal, and with some input that fits."""
        today = now.astimezone(self.zone).date()
        pending = any(
            status == "pending" and self.in_window(day, today)
            for day, status in self.notices.items()
        )
        needs = {
            "withdraw_notice": pending,
            "acknowledge_notice": pending,
            "see_differently": pending,
            "correct_follow_through": any(self.in_window(day, today) for day in self.marks),
        }
        return {
            move
            for move in REFERENCE_TABLE
            if self.refusal(move, actor, now) is None and needs.get(move, True)
        }

    def hidden_from(self, person: str) -> int:
        """How many of its versions *person* never sees: the draft's, to the recipient."""
        if person == self.asker or self.proposed_version is None:
            return 0
        return self.proposed_version - 1

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
            "reopen asked": actor == self.reopen_asked,
            "resume asked": actor == self.resume_asked,
            # Alternatives here never name who carries them out: the recipient does.
            "committed": self.agreed_on is not None and actor == self.recipient,
            "counterpart": self.agreed_on is not None and actor == self.asker,
        }[role]

    def due_at(self) -> datetime | None:
        """When run_due completes it: its time box's end plus the grace for late marks."""
        if self.state in ("agreed", "ending", "on hold") and self.time_box is not None:
            return self.time_box.ends_at + timedelta(hours=self.grace)
        return None

    def refusal(  # noqa: C901, PLR0911 - a case per rule
        self, move: str, actor: str, now: datetime
    ) -> type[Exception] | None:
        """Return the error *move* by *actor* must raise at *now*, or None if it is legal."""
        if not self.can_see(actor):
            return NotFound  # alike for an outsider and an unknown id
        sources, who = REFERENCE_TABLE[move]
        if self.state not in sources:
            return NotAllowedNow
        if not self.plays(actor, who):
            return NotPermitted
        if move == "propose" and (self.time_box is None or self.time_box.ends_at <= now):
            return InvalidInput  # a request is sent with dates still ahead
        if move in ASKING_BACK:
            asked = self.reopen_asked if move == "propose_reopening" else self.resume_asked
            if asked is not None and asked != actor:
                return NotAllowedNow  # asked already: the other's answer is awaited
            if asked == actor:
                return None  # asking back agrees, whatever the asker heard before
        if move in SUGGESTIONS and self.waits(move, actor, now):
            return NotAllowedNow  # after a no, the same suggestion waits out the pause
        if move == "review" and actor in self.reviewed:
            return NotAllowedNow
        if (
            move == "accept"
            and self.offer_time_box is not None
            and self.offer_time_box.ends_at <= now
        ):
            return NotAllowedNow  # an offer whose dates passed cannot be agreed
        return None

    def occurrence_ok(self, move: str, occurrence: date, today: date, kept: bool) -> bool:
        """Return whether *move* about *occurrence* is valid on *today*."""
        if move in ("withdraw_notice", "acknowledge_notice", "see_differently"):
            return self.notices.get(occurrence) == "pending" and self.in_window(occurrence, today)
        if not self.day_ok(occurrence, today):
            return False
        if move == "record_follow_through":
            return occurrence not in self.marks
        if move == "correct_follow_through":
            return self.marks.get(occurrence, kept) != kept
        assert move == "notice_missed"
        return self.marks.get(occurrence) is not False and occurrence not in self.notices

    def in_window(self, occurrence: date, today: date) -> bool:
        return today - timedelta(days=self.window) <= occurrence <= today

    def recent_marks(self, today: date) -> dict[date, bool]:
        return {d: k for d, k in self.marks.items() if self.in_window(d, today)}

    def day_ok(self, occurrence: date, today: date) -> bool:
        """Return whether *occurrence* is a day of the agreement that can be marked *today*."""
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

_PLANS = st.tuples(
    st.integers(min_value=-48, max_value=24), st.integers(min_value=1, max_value=24 * 5)
)
TIME_BOXES = st.one_of(st.none(), _PLANS, _PLANS, _PLANS)
_KEPT = st.just(KEEP)
"""A part a revision leaves as it is."""
"""None now and then, else (start offset, length) in hours relative to the clock then."""

ADVANCES = st.one_of(
    st.sampled_from(
        [timedelta(minutes=1), timedelta(hours=6), timedelta(days=1), timedelta(days=4)]
    ),
    st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=3)),
)

ACTOR = st.sampled_from(ACTORS)

DAYS_BACK = st.none() | st.integers(min_value=-1, max_value=6)
"""None (today, the default), or how many days back the marked occurrence is (-1: tomorrow)."""


def _shows_nothing(text: str) -> bool:
    """Blank to a reader: spaces, format and control characters only (the domain's rule)."""
    return all(unicodedata.category(c) in ("Cf", "Cc") or c.isspace() for c in text)


def _blank(text: str | None) -> bool:
    return text is not None and _shows_nothing(text)


def _clean(text: str | None) -> str | None:
    if text is None or _shows_nothing(text):
        return None
    return text.strip()


class RequestMachine(KitMachine):
    """Ana and Ben (and Eve, who is not in their relationship) make random moves."""

    requests = Bundle("requests")

    def __init__(self) -> None:
        super().__init__()
        self.models: dict[uuid.UUID, Model] = {}
        self.last_dump: dict[uuid.UUID, str] = {}
        self.terminal_seen: dict[uuid.UUID, str] = {}  # id -> stored form when it ended
        self.rules = RequestRules()
        self.time_zone = "UTC"
        self.relationship_id: uuid.UUID | None = None
        self.relationship_version = 0

    # -- helpers -----------------------------------------------------------------------

    @property
    def rel_id(self) -> uuid.UUID:
        assert self.relationship_id is not None
        return self.relationship_id

    def _stored_counts(self) -> tuple[int, int]:
        """Return how many events and requests the relationship has stored."""
        storage = self.kit._storage
        return (
            len(storage.relationship_events(self.rel_id)),
            len(storage.load_all(Request, self.rel_id)),
        )

    def _need_waits(self, model: Model) -> bool:
        """Return whether a new request on a need that heard a no waits (rule 6).

        Within the pause after the first no to a need (its words, or a `follows` link),
        one new request on it may be sent; a second waits.
        """
        now = self.clock.now()
        same = [
            other
            for other in self.models.values()
            if other.id != model.id and other.asker == model.asker and _same_need(other, model)
        ]
        nos = {
            other.id: other.declined_at
            for other in same
            if other.declined_at is not None and other.declined_at > now - model.pause
        }
        if not model.pause or not nos:
            return False
        first_no = min(nos.values())
        first = next(i for i, at in nos.items() if at == first_no)
        return any(
            other.id != first and other.proposed_at is not None and other.proposed_at >= first_no
            for other in same
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
        apply: Callable[[Model], str | None],
        *,
        invalid: bool = False,
    ) -> None:
        """Make *move* and check it against the model: refused and unchanged, or applied."""
        model = self.models[request_id]
        expected = model.refusal(move, actor, self.clock.now())
        if expected is None and move == "propose" and self._need_waits(model):
            expected = NotAllowedNow
        if expected is None and invalid:
            expected = InvalidInput
        storage = self.kit._storage
        body_before = dump_entity(storage.load(Request, request_id))
        events_before = storage.events(request_id)
        heard_before = len(self.notifier.received)
        if expected is not None:
            event_label(f"refused {move} ({expected.__name__})")
            with pytest.raises(expected) as caught:
                call()
            assert caught.type is expected, f"{move} by {actor}: {caught.value!r}"
            assert dump_entity(storage.load(Request, request_id)) == body_before
            assert len(storage.events(request_id)) == len(events_before)
            assert len(self.notifier.received) == heard_before
            return
        state_before = model.state
        returned = call()
        event_label(f"made {move}")  # --hypothesis-show-statistics shows how far runs get
        move = apply(model) or move  # asking back agrees: the event is the agreement's
        model.version += 1
        assert returned.state.value == model.state, f"{move} by {actor}"
        assert len(events_before) + 1 == model.version
        # What comes back is the request as the actor may see it.
        assert returned.version == model.version - model.hidden_from(actor)
        stored = self.kit._runner.repository.load(Request, request_id)  # with the rules in force
        now = self.clock.now()
        assert dump_entity(returned) == dump_entity(stored.aged(actor, now).seen_by(actor))
        if actor != model.recipient:  # setbacks age out: the other reads the window's days only
            today = now.astimezone(model.zone).date()
            assert {m.occurrence: m.kept for m in returned.marks} == model.recent_marks(today)
        events = storage.events(request_id)
        assert len(events) == len(events_before) + 1
        event = events[-1]
        assert type(event) is EVENT_OF_MOVE[move]
        assert event.actor == actor
        assert event.from_state == state_before
        assert event.to_state == model.state
        assert event.version == model.version
        self.last_dump[request_id] = dump_entity(stored)

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
        reask=st.sampled_from([0, 6, 24]),
    )
    def start(  # noqa: PLR0917 - one drawn value per rule
        self, starter: str, max_rounds: int, window: int, grace: int, time_zone: str, reask: int
    ) -> object:
        """Start Ana and Ben's relationship with drawn rules and zone, and draft a first request."""
        self.time_zone = time_zone
        self.rules = RequestRules(
            max_rounds=max_rounds,
            follow_through_window_days=window,
            follow_through_grace_hours=min(grace, window * 24),  # the grace fits the window
            reask_wait_hours=reask,  # after a no, the same suggestion waits (rule 6)
        )
        relationship = invite_and_accept(
            self.kit,
            PARTNERS,
            actor=starter,
            settings=RelationshipSettings(rules=[self.rules, UNHURRIED], time_zone=time_zone),
        )
        self.relationship_id = relationship.id
        self.relationship_version = relationship.version
        return self.draft(
            actor=starter,
            need="to feel we are a team",
            ask="cook together on Fridays",
            observation=None,
            time_box=(0, 24 * 5),
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
            max_rounds=max_rounds,
            follow_through_window_days=window,
            reask_wait_hours=self.rules.reask_wait_hours,
        )
        new = RelationshipSettings(rules=[rules, UNHURRIED], time_zone=time_zone)
        if actor == OUTSIDER:
            count = self._stored_counts()
            with pytest.raises(NotFound):
                self.kit.relationships.propose_settings(self.rel_id, actor=actor, settings=new)
            assert self._stored_counts() == count
            return
        suggested = self.kit.relationships.propose_settings(self.rel_id, actor=actor, settings=new)
        assert suggested.settings != new or suggested.settings == self.settings_now()
        other = "ben" if actor == "ana" else "ana"
        relationship = self.kit.relationships.agree_to_settings(self.rel_id, actor=other)
        self.relationship_version += 2
        assert relationship.version == self.relationship_version
        assert isinstance(self.kit._storage.relationship_events(self.rel_id)[-1], SettingsChanged)
        self.rules = rules
        self.time_zone = time_zone
        for model in self.models.values():  # consent applies when read: to every request
            model.max_rounds, model.window = rules.max_rounds, rules.follow_through_window_days
            model.grace, model.zone = rules.follow_through_grace_hours, ZoneInfo(time_zone)

    def settings_now(self) -> RelationshipSettings:
        """The settings in force, as the model knows them."""
        return RelationshipSettings(rules=[self.rules, UNHURRIED], time_zone=self.time_zone)

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
            pause=timedelta(hours=self.rules.reask_wait_hours),
            max_rounds=self.rules.max_rounds,
            window=self.rules.follow_through_window_days,
            grace=self.rules.follow_through_grace_hours,
            zone=ZoneInfo(self.time_zone),
        )
        self.models[request.id] = model
        self.last_dump[request.id] = dump_entity(request)
        events = self.kit._storage.events(request.id)
        assert len(events) == 1
        assert events[0].private_to == actor
        return request.id

    @rule(
        request=requests,
        actor=ACTOR,
        need=_KEPT | TEXTS,
        ask=_KEPT | TEXTS,
        observation=_KEPT | st.none() | TEXTS,
        time_box=_KEPT | TIME_BOXES,
    )
    def revise(
        self,
        request: uuid.UUID,
        actor: str,
        *,
        need: str | Keep,
        ask: str | Keep,
        observation: str | Keep | None,
        time_box: tuple[int, int] | Keep | None,
    ) -> None:
        """Revise some of a request's content as a random actor; the rest is kept."""
        box = time_box if isinstance(time_box, Keep) else self._time_box(time_box)

        def apply(m: Model) -> None:
            m.need = kept(need, m.need).strip()
            m.ask = kept(ask, m.ask).strip()
            m.observation = m.observation if isinstance(observation, Keep) else _clean(observation)
            m.time_box = kept(box, m.time_box)

        self._move(
            request,
            actor,
            "revise",
            lambda: self.kit.requests.revise(
                request, actor=actor, need=need, ask=ask, observation=observation, time_box=box
            ),
            apply,
            invalid=_blank(kept(need, None))
            or _blank(kept(ask, None))
            or (isinstance(box, TimeBox) and box.ends_at <= self.clock.now()),
        )

    @rule(request=requests, actor=ACTOR)
    def propose(self, request: uuid.UUID, actor: str) -> None:
        """Send a request as a random actor."""

        def apply(m: Model) -> None:
            m.state, m.sent, m.proposed_at = "proposed", True, self.clock.now()
            m.proposed_version = m.version + 1  # the version this move makes
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
            m.reopen_asked = None

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
            m.state, m.reopen_asked, m.declined_at = "declined", None, self.clock.now()

        self._move(
            request,
            actor,
            "decline",
            lambda: self.kit.requests.decline(request, actor=actor, reason=reason),
            apply,
        )

    def _asking_back(self, m: Model, actor: str, move: str) -> str | None:
        """Apply *move* (asking to reopen or resume); return the agreement's move if it agreed."""
        field = "reopen_asked" if move == "propose_reopening" else "resume_asked"
        if getattr(m, field) == actor:
            self._agreed_back(m, move)
            return ASKING_BACK[move]
        setattr(m, field, m.other(actor))
        return None

    @staticmethod
    def _agreed_back(m: Model, move: str) -> None:
        if move in ("propose_reopening", "agree_to_reopen"):
            m.state, m.rounds, m.reopen_asked = "negotiating", 0, None
        else:
            m.state, m.resume_asked = "agreed", None

    def _simple(self, request: uuid.UUID, actor: str, move: str) -> None:  # noqa: C901
        """Make a move that takes no input besides the actor, checked against the model."""

        def apply(m: Model) -> str | None:  # noqa: C901 - a case per move
            if move in ASKING_BACK:
                return self._asking_back(m, actor, move)
            if move in ("agree_to_reopen", "agree_to_resume"):
                self._agreed_back(m, move)
            elif move == "decline_reopening":
                m.reopen_asked = None
                m.heard_no["propose_reopening", m.other(actor)] = self.clock.now()
            elif move == "decline_resuming":
                m.resume_asked = None
                m.heard_no["propose_resuming", m.other(actor)] = self.clock.now()
            elif move == "set_aside":
                m.state = "stalled"
            elif move == "hold":
                m.state, m.ending_by, m.resume_asked = "on hold", None, None
            elif move == "step_back":
                m.state, m.ending_by, m.resume_asked = "stepped back", None, None
            elif move == "withdraw":
                m.state, m.reopen_asked = "withdrawn", None
            elif move == "propose_ending":
                m.state, m.ending_by = "ending", actor
            elif move == "confirm_ending":
                m.state = "completed"
            elif move == "keep_going":
                if m.ending_by != actor:  # a no from the other; taking one's own back is none
                    assert m.ending_by is not None
                    m.heard_no["propose_ending", m.ending_by] = self.clock.now()
                m.state, m.ending_by = "agreed", None
            return None

        self._move(
            request,
            actor,
            move,
            lambda: getattr(self.kit.requests, move)(request, actor=actor),
            apply,
        )

    @rule(
        request=requests,
        actor=ACTOR,
        move=st.sampled_from(
            [
                "set_aside",
                "propose_reopening",
                "agree_to_reopen",
                "decline_reopening",
                "hold",
                "propose_resuming",
                "agree_to_resume",
                "decline_resuming",
            ]
        ),
    )
    def set_aside_pause_and_take_up(self, request: uuid.UUID, actor: str, move: str) -> None:
        """Set aside, pause, and ask, agree or decline to reopen or resume, as a random actor."""
        self._simple(request, actor, move)

    @rule(request=requests, actor=ACTOR, what_worked=TEXTS)
    def review(self, request: uuid.UUID, actor: str, what_worked: str) -> None:
        """Say what worked after completion, once each, as a random actor."""

        def apply(m: Model) -> None:
            m.reviewed.add(actor)

        self._move(
            request,
            actor,
            "review",
            lambda: self.kit.requests.review(request, actor=actor, what_worked=what_worked),
            apply,
            invalid=_blank(what_worked),
        )

    @rule(request=requests, actor=ACTOR)
    def step_back(self, request: uuid.UUID, actor: str) -> None:
        """Step back from an agreement as a random actor (alone, at once)."""
        self._simple(request, actor, "step_back")

    @rule(request=requests, actor=ACTOR)
    def withdraw(self, request: uuid.UUID, actor: str) -> None:
        """Withdraw a request as a random actor."""
        self._simple(request, actor, "withdraw")

    @rule(
        request=requests,
        actor=ACTOR,
        move=st.sampled_from(sorted(OCCURRENCE_MOVES)),
        days_back=DAYS_BACK,
        kept=st.booleans(),
    )
    def follow_through(
        self, request: uuid.UUID, actor: str, move: str, days_back: int | None, kept: bool
    ) -> None:
        """Mark, correct, note or answer a note about a day (today, past or tomorrow)."""
        model = self.models[request]
        today = self.clock.now().astimezone(model.zone).date()  # the couple's calendar day
        occurrence = today if days_back is None else today - timedelta(days=days_back)
        arguments: dict[str, object] = {"occurrence": None if days_back is None else occurrence}
        if move in ("record_follow_through", "correct_follow_through"):
            arguments["kept"] = kept

        def apply(m: Model) -> None:
            if move in ("record_follow_through", "correct_follow_through"):
                m.marks[occurrence] = kept
                if move == "record_follow_through" and m.notices.get(occurrence) == "pending":
                    m.notices[occurrence] = "seen differently" if kept else "acknowledged"
                owned = m.notices.get(occurrence) == "acknowledged"
                if move == "correct_follow_through" and kept and owned:
                    m.notices[occurrence] = "seen differently"
            elif move == "notice_missed":
                m.notices[occurrence] = "pending"
            elif move == "withdraw_notice":
                m.notices[occurrence] = "withdrawn"  # that day cannot be noted again
            elif move == "acknowledge_notice":
                m.notices[occurrence] = "acknowledged"
                m.marks[occurrence] = False
            else:
                m.notices[occurrence] = "seen differently"

        self._move(
            request,
            actor,
            move,
            lambda: getattr(self.kit.requests, move)(request, actor=actor, **arguments),
            apply,
            invalid=not model.occurrence_ok(move, occurrence, today, kept),
        )

    @rule(request=requests, actor=ACTOR)
    def propose_ending(self, request: uuid.UUID, actor: str) -> None:
        """Suggest ending an agreed request as a random actor."""
        self._simple(request, actor, "propose_ending")

    @rule(request=requests, actor=ACTOR)
    def confirm_ending(self, request: uuid.UUID, actor: str) -> None:
        """Confirm the ending as a random actor."""
        self._simple(request, actor, "confirm_ending")

    @rule(request=requests, actor=ACTOR)
    def keep_going(self, request: uuid.UUID, actor: str) -> None:
        """Keep an ending request going as a random actor."""
        self._simple(request, actor, "keep_going")

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
                for _ in range(1 if move in FINISHING else 8 if move in OCCURRENCE_MOVES else 3)
            ]
            if not candidates:
                return
            rid, move, actor = data.draw(st.sampled_from(candidates), label="move")
            if move == "revise":
                need, ask = data.draw(TEXTS, label="need"), data.draw(TEXTS, label="ask")
                box = data.draw(TIME_BOXES, label="time_box")
                self.revise(rid, actor, need=need, ask=ask, observation=KEEP, time_box=box)
            elif move == "propose_alternative":
                self.propose_alternative(rid, actor, data.draw(TEXTS, label="ask"))
            elif move == "decline":
                self.decline(rid, actor, data.draw(st.none() | TEXTS, label="reason"))
            elif move in OCCURRENCE_MOVES:
                model = self.models[rid]
                today = self.clock.now().astimezone(model.zone).date()
                known = sorted(  # days a note or a correction is about, so answers get made
                    model.marks
                    if move == "correct_follow_through"
                    else [d for d, n in model.notices.items() if n == "pending"]
                    if move in ("withdraw_notice", "acknowledge_notice", "see_differently")
                    else []
                )
                days = st.sampled_from([(today - d).days for d in known]) if known else DAYS_BACK
                days_back = data.draw(days, label="days_back")
                self.follow_through(rid, actor, move, days_back, data.draw(st.booleans()))
            elif move == "review":
                self.review(rid, actor, data.draw(TEXTS, label="what_worked"))
            elif move in ("accept", "propose", "revise"):
                getattr(self, move)(rid, actor)
            else:
                self._simple(rid, actor, move)

    def _agreeable(self) -> list[uuid.UUID]:
        return [
            rid
            for rid, m in self.models.items()
            if m.refusal("accept", m.recipient, self.clock.now()) is None
            or (m.state == "drafted" and m.refusal("propose", m.asker, self.clock.now()) is None)
        ]

    @precondition(lambda self: self._agreeable())
    @rule(data=st.data())
    def agree(self, data: st.DataObject) -> None:
        """Send a request (if a draft) and agree to it: agreements get their share of moves."""
        rid = data.draw(st.sampled_from(self._agreeable()), label="request")
        model = self.models[rid]
        if model.state == "drafted":
            self.propose(rid, model.asker)
        awaited = model.awaited()
        if awaited is not None and model.refusal("accept", awaited, self.clock.now()) is None:
            self.accept(rid, awaited)

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
        events = self.kit.timers.run_due()
        assert sorted(str(e.subject_id) for e in events) == sorted(str(r) for r in expected)
        for event in events:
            assert isinstance(event, RequestCompleted)
            assert event.actor == SYSTEM
            assert event.because == "time box ended"
            model = self.models[event.subject_id]
            assert event.from_state == model.state
            assert event.to_state == "completed"
            model.state, model.resume_asked = "completed", None
            model.version += 1
            assert event.version == model.version
            # Only the state, the version, the awaited partner and the time of change may change.
            stored = self.kit._storage.load(Request, event.subject_id)
            assert stored.changed_at == event.at
            before = json.loads(self.last_dump[event.subject_id])
            after = json.loads(dump_entity(stored))
            for key in ("state", "version", "awaiting", "resume_asked", "changed_at"):
                before.pop(key)
                after.pop(key)
            assert after == before
            self.last_dump[event.subject_id] = dump_entity(stored)

    # -- invariants --------------------------------------------------------------------

    @invariant()
    def stored_requests_match_the_model(self) -> None:
        """Every stored request matches the model, its events and the last object returned."""
        for rid, model in self.models.items():
            # As stored, given the rules in force as every read path gives them.
            stored = self.kit._runner.repository.load(Request, rid)
            events = self.kit._storage.events(rid)
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
            # Rules are the relationship's in force, given at every read (never stored).
            assert '"rules"' not in dump_entity(stored)
            assert stored.rules.max_rounds == model.max_rounds
            assert stored.agreed_ask == model.agreed_ask
            assert (stored.reopen_asked, stored.resume_asked) == (
                model.reopen_asked,
                model.resume_asked,
            )
            today = self.clock.now().astimezone(model.zone).date()
            marks = model.recent_marks(today)
            assert {
                m.occurrence: m.kept for m in stored.marks if model.in_window(m.occurrence, today)
            } == marks
            counts = stored.follow_through(self.clock.now())
            # Counted from the window's first day on: a day marked before the couple's time
            # zone moved back a day still counts.
            since = today - timedelta(days=model.window)
            counted = [k for d, k in model.marks.items() if d >= since]
            assert (counts.kept, counts.not_kept) == (
                sum(counted),
                sum(not k for k in counted),
            )
            assert {n.occurrence: n.status.value for n in stored.notices} == {
                d: status
                for d, status in model.notices.items()
                if d in {n.occurrence for n in stored.notices}
            }
            assert {r.by for r in stored.reviews} == model.reviewed
            # Setbacks age out: the asker (never the committed partner here) reads only the
            # days inside the window ending now, on every read path; versions keep their gaps.
            seen_by_asker = self.kit.requests.get(rid, actor=model.asker)
            assert {m.occurrence: m.kept for m in seen_by_asker.marks} == marks
            assert {n.occurrence for n in seen_by_asker.notices} == {
                d for d in model.notices if model.in_window(d, today)
            }
            assert [
                e.id for e in events if not e.AGES_OUT or model.in_window(e.occurrence, today)
            ] == [e.id for e in self.kit.requests.events(rid, actor=model.asker)]
            assert (stored.proposed_at is not None) == model.sent
            assert dump_entity(stored) == self.last_dump[rid]
            if model.sent:
                # The recipient sees no trace of the drafting: versions from 1, created when sent.
                seen = self.kit.requests.get(rid, actor=model.recipient)
                seen_events = self.kit.requests.events(rid, actor=model.recipient)
                assert [e.version for e in seen_events] == list(range(1, len(seen_events) + 1))
                assert seen.version == len(seen_events)
                assert seen.created_at == stored.proposed_at
                assert seen_events[0].from_state == "drafted"

    @invariant()
    def each_partner_is_offered_the_moves_open_to_them(self) -> None:
        """`moves` lists what each partner can do now; `awaiting` what they are asked."""
        now = self.clock.now()
        for rid, model in self.models.items():
            for person in PARTNERS:
                if not model.can_see(person):
                    with pytest.raises(NotFound):
                        self.kit.requests.moves(rid, actor=person)
                    continue
                expected = model.open_moves(person, now)
                if "propose" in expected and self._need_waits(model):
                    expected.discard("propose")
                assert set(self.kit.requests.moves(rid, actor=person)) == expected, person
        with pytest.raises(NotFound):
            self.kit.requests.moves(next(iter(self.models)), actor=OUTSIDER)
        for person in PARTNERS:
            waiting = self.kit.requests.awaiting(self.rel_id, actor=person)
            for request in waiting:
                moves = set(self.kit.requests.moves(request.id, actor=person))
                assert moves & {"decline", "decline_reopening", "decline_resuming"} or moves & {
                    "keep_going",
                    "see_differently",
                }, "whoever is asked can say no"

    @invariant()
    def terminal_states_stay_terminal(self) -> None:
        """A stored request that reached a terminal state never leaves it, nor changes."""
        for rid in self.models:
            stored = dump_entity(self.kit._storage.load(Request, rid))
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
            for event in self.kit._storage.events(rid):
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
        assert self.kit._storage.pending_notifications() == []
        assert all(n.recipient in PARTNERS for n in self.notifier.received)


class SQLiteRequestMachine(RequestMachine):
    """The same machine over SQLite, on a file in a fresh temporary folder."""

    storage_kind = "sqlite"


STEPS = settings(stateful_step_count=50, deadline=None)

TestRequestsInMemory = RequestMachine.TestCase
TestRequestsInMemory.settings = STEPS
TestRequestsInMemory.__doc__ = "Random moves keep the in-memory storage in line with the model."

TestRequestsInSQLite = SQLiteRequestMachine.TestCase
TestRequestsInSQLite.settings = STEPS
TestRequestsInSQLite.__doc__ = "Random moves keep the SQLite storage in line with the model."


def _words(text: str) -> str:
    """The words of *text*, whatever their case, spacing or punctuation."""
    return " ".join(re.sub(r"[^\w\s]+", " ", text.casefold()).split())


def _same_need(one: Model, other: Model) -> bool:
    """Two requests name the same need: the same words, or one `follows` the other."""
    linked = one.id == other.follows or other.id == one.follows
    shared = one.follows is not None and one.follows == other.follows
    return linked or shared or _words(one.need) == _words(other.need)
