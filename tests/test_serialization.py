"""Round-trip property tests for everything repairkit stores, through the private cattrs codec."""

from __future__ import annotations

import enum
import json
import types
import typing
import unicodedata
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar

import attrs
import orjson
import pytest
from cattrs.preconf.json import make_converter
from hypothesis import given
from hypothesis import strategies as st

import repairkit
from repairkit import (
    Notification,
    QuietHours,
    Relationship,
    RelationshipNotice,
    RelationshipSettings,
    RelationshipState,
    Schedule,
    TimeBox,
)
from repairkit.adapters.codec import default_codec, std_dumps
from repairkit.core import SYSTEM, DomainEvent
from repairkit.core.notices import notifications_for
from repairkit.core.settings import is_in_force
from repairkit.core.suggestions import HeardNo
from repairkit.registry import WORKFLOWS
from repairkit.requests import (
    CompletionReason,
    Mark,
    MissNotice,
    NoticeStatus,
    Offer,
    Request,
    RequestCompleted,
    RequestNotice,
    RequestRules,
    RequestState,
    Review,
)

_CODEC = default_codec()
dump_entity = _CODEC.dump_entity
load_entity = _CODEC.load_entity
dump_event = _CODEC.dump_event
load_event = _CODEC.load_event
dump_notification = _CODEC.dump_notification
load_notification = _CODEC.load_notification
ALL_EVENT_TYPES = tuple(WORKFLOWS.event_types.values())

T = TypeVar("T")

# -- strategies ------------------------------------------------------------------------

UTC_DATETIMES = st.datetimes(
    min_value=datetime(1900, 1, 1),  # noqa: DTZ001 - hypothesis takes naive bounds
    max_value=datetime(9000, 1, 1),  # noqa: DTZ001
    timezones=st.just(UTC),
)
"""Timezone-aware UTC instants over the whole range datetime supports."""
START = datetime(2000, 1, 1, tzinfo=UTC)
END = datetime(2000, 1, 2, tzinfo=UTC)

WALK_START = st.datetimes(
    min_value=datetime(2000, 1, 1),  # noqa: DTZ001 - hypothesis takes naive bounds
    max_value=datetime(2100, 1, 1),  # noqa: DTZ001
    timezones=st.just(UTC),
)

WORDS = (
    st.text(max_size=20)
    .map(str.strip)
    .filter(lambda s: any(unicodedata.category(c) not in ("Cf", "Cc") for c in s))
)
"""Text that shows something: a text of format or control characters alone reads as blank."""


def _plain(text: str) -> str:
    return " ".join(text.casefold().split())


"""Any unicode (emoji, CJK, control characters...) that the domain accepts as text."""

PERSON_IDS = st.text(min_size=1, max_size=12).filter(
    lambda s: bool(s.strip()) and not s.startswith("repairkit:") and "\x00" not in s
)

RULES = st.builds(
    RequestRules,
    max_rounds=st.integers(min_value=1, max_value=20),
    max_text_length=st.integers(min_value=20, max_value=10_000),
    follow_through_window_days=st.integers(min_value=1, max_value=366),
)

SETTINGS = st.builds(RelationshipSettings, rules=st.lists(RULES, max_size=1))


@st.composite
def time_boxes(draw: st.DrawFn) -> TimeBox:
    """Draw any valid time box (UTC instants, optional how-often text)."""
    latest = datetime(8990, 1, 1)  # noqa: DTZ001 - hypothesis takes naive bounds
    earliest = datetime(1900, 1, 1)  # noqa: DTZ001
    starts_at = draw(st.datetimes(min_value=earliest, max_value=latest, timezones=st.just(UTC)))
    length = draw(
        st.timedeltas(min_value=timedelta(microseconds=1), max_value=timedelta(days=3650))
    )
    how_often = draw(SCHEDULES)
    return TimeBox(starts_at=starts_at, ends_at=starts_at + length, how_often=how_often)


SCHEDULES = st.one_of(
    st.none(),
    st.sampled_from(["daily", "weekdays", "weekends"]),
    st.builds(
        Schedule,
        days=st.lists(st.integers(0, 6), min_size=1, unique=True).map(tuple),
        note=st.none() | st.text(max_size=200),
    ),
    st.builds(Schedule.times_a_week, st.integers(1, 7), note=st.none() | st.text(max_size=200)),
)


@st.composite
def quiet_hours(draw: st.DrawFn) -> QuietHours:
    """Draw any valid quiet hours (any two different times, a few zones)."""
    starts = draw(st.times())
    ends = draw(st.times().filter(lambda t: t != starts))
    zone = draw(st.sampled_from(["UTC", "Europe/Berlin", "America/St_Johns"]))
    return QuietHours(starts=starts, ends=ends, time_zone=zone)


_BY_TYPE: dict[object, st.SearchStrategy[Any]] = {
    uuid.UUID: st.uuids(),
    datetime: UTC_DATETIMES,
    date: st.dates(),
    str: st.text(),
    int: st.integers(min_value=-(2**63), max_value=2**63 - 1),
    bool: st.booleans(),
    type(None): st.none(),
    TimeBox: time_boxes(),
    Schedule: SCHEDULES.map(lambda s: TimeBox(starts_at=START, ends_at=END, how_often=s).how_often),
    QuietHours: quiet_hours(),
    RequestRules: RULES,
    RelationshipSettings: SETTINGS,
    enum.StrEnum: st.sampled_from([*RequestNotice, *RelationshipNotice]),
}


def strategy_for(tp: object) -> st.SearchStrategy[Any]:
    """Return a strategy for a field annotated *tp*; unknown types fail loudly."""
    if tp in _BY_TYPE:
        return _BY_TYPE[tp]
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        return st.one_of([strategy_for(arg) for arg in args])
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return st.lists(strategy_for(args[0]), max_size=5).map(tuple)
        return st.tuples(*(strategy_for(arg) for arg in args))
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return st.sampled_from(tp)
    if isinstance(tp, type) and attrs.has(tp):
        return built(tp)
    msg = f"no strategy for {tp!r}; teach test_serialization about this field type"
    raise TypeError(msg)


def built(cls: type[T]) -> st.SearchStrategy[T]:
    """Return a strategy building *cls* with a drawn value for every attrs field."""
    hints = typing.get_type_hints(cls)
    return st.builds(cls, **{f.name: strategy_for(hints[f.name]) for f in attrs.fields(cls)})


_OPEN_STATES = (RequestState.PROPOSED, RequestState.NEGOTIATING, RequestState.STALLED)

WALK_RULES = st.builds(
    RequestRules,
    max_rounds=st.integers(min_value=1, max_value=5),
    max_text_length=st.integers(min_value=20, max_value=10_000),
    follow_through_window_days=st.integers(min_value=1, max_value=366),
)


class _Walk:
    """One request driven by the domain's own moves, with every choice drawn by hypothesis."""

    def __init__(self, draw: st.DrawFn, target: RequestState) -> None:
        self.draw = draw
        self.target = target
        self.rules = draw(WALK_RULES)
        self.asker = draw(PERSON_IDS)
        self.recipient = draw(PERSON_IDS.filter(lambda p: p != self.asker))
        self.at = draw(WALK_START)
        # Started already, and long enough (31 days at most) for every mark a walk makes.
        starts_at = self.at - draw(st.timedeltas(timedelta(0), timedelta(days=1)))
        self.box = TimeBox(
            starts_at=starts_at,
            ends_at=starts_at + timedelta(days=31),
            how_often=Schedule.daily(note=draw(st.none() | WORDS)),
        )
        self.other_asks = tuple(draw(st.lists(WORDS, max_size=2, unique_by=_plain)))
        taken = {_plain(a) for a in self.other_asks}
        self.asks = WORDS.filter(lambda a: _plain(a) not in taken)
        self.events: list[DomainEvent] = []
        self.request, drafted = Request.draft(
            relationship_id=draw(st.uuids()),
            asker=self.asker,
            recipient=self.recipient,
            need=draw(WORDS),
            ask=draw(self.asks),
            observation=draw(st.none() | WORDS),
            feeling=draw(st.none() | WORDS),
            other_asks=self.other_asks,
            time_box=self.box,
            follows=draw(st.none() | st.uuids()),
            rules=self.rules,
            at=self.at,
        )
        self.events.append(drafted)

    def tick(self) -> datetime:
        self.at += self.draw(st.timedeltas(min_value=timedelta(0), max_value=timedelta(hours=5)))
        return self.at

    def free(self, move: str) -> str:
        """Return a partner who may make *move* now (after a no, its maker waits)."""
        people = [
            p
            for p in (self.asker, self.recipient)
            if move in self.request.moves_open_to(p, self.at)
        ]
        return self.draw(st.sampled_from(people))

    def partner(self) -> str:
        return self.draw(st.sampled_from((self.asker, self.recipient)))

    def other(self, person: str) -> str:
        return self.recipient if person == self.asker else self.asker

    def awaited(self) -> str:
        assert self.request.awaiting is not None
        return self.request.awaiting

    def run(self) -> None:
        s, target, request, events = RequestState, self.target, self.request, self.events
        if target is s.CLOSED_BY_LEAVING:  # a partner left while it was open
            self.target = self.draw(st.sampled_from((s.DRAFTED, *_OPEN_STATES, s.AGREED)))
            self.run()
            self.target = target
            events.append(request.make("close_by_leaving", actor=SYSTEM, at=self.tick()))
            return
        events.extend(
            request.revise(
                actor=self.asker,
                at=self.tick(),
                need=self.draw(WORDS),
                ask=self.draw(self.asks),
                observation=self.draw(st.none() | WORDS),
                time_box=self.box,
                other_asks=self.other_asks,
            )
            for _ in range(self.draw(st.integers(min_value=0, max_value=2)))
        )
        if target is s.DRAFTED:
            return
        if target is s.WITHDRAWN and self.draw(st.booleans()):
            events.append(request.withdraw(actor=self.asker, at=self.tick()))
            return
        events.append(request.propose(actor=self.asker, at=self.tick()))
        if target not in (s.PROPOSED, s.DECLINED):
            self.negotiate()
        if target in _OPEN_STATES:
            return
        if target is s.DECLINED:
            reason = self.draw(st.none() | WORDS)
            events.append(request.decline(actor=self.recipient, at=self.tick(), reason=reason))
        elif target is s.WITHDRAWN:
            events.append(request.withdraw(actor=self.asker, at=self.tick()))
        else:
            self.agree()

    def negotiate(self) -> None:
        s, target, request = RequestState, self.target, self.request
        if self.draw(st.booleans()) or (target is s.NEGOTIATING and self.rules.max_rounds == 1):
            self.stall()
            first = self.partner()
            self.events.append(request.propose_reopening(actor=first, at=self.tick()))
            if self.draw(st.booleans()):
                self.events.append(
                    request.decline_reopening(actor=self.other(first), at=self.tick())
                )
                first = self.other(first)  # the one who heard the no waits (rule 6)
                self.events.append(request.propose_reopening(actor=first, at=self.tick()))
            self.events.append(request.agree_to_reopen(actor=self.other(first), at=self.tick()))
        for _ in range(self.draw(st.integers(min_value=0, max_value=self.rules.max_rounds - 1))):
            self.alternative()
        if target is s.NEGOTIATING and request.state is s.PROPOSED:
            self.alternative()
        if target is s.STALLED or (target in (s.AGREED, s.DECLINED) and self.draw(st.booleans())):
            self.stall()

    def alternative(self) -> None:
        ask = self.draw(WORDS)
        self.events.append(
            self.request.propose_alternative(actor=self.awaited(), at=self.tick(), ask=ask)
        )

    def stall(self) -> None:
        while self.request.state is not RequestState.STALLED:
            self.alternative()

    def marks(self) -> None:
        request = self.request
        committed = request.carried_out_by
        assert committed is not None
        for _ in range(self.draw(st.integers(min_value=0, max_value=3))):
            self.at += timedelta(days=1)  # one mark a day: never the same date twice
            day, kept = self.at.date(), self.draw(st.booleans())
            how = self.draw(st.sampled_from(["mark", "correct", "acknowledged", "seen"]))
            if how in ("mark", "correct"):
                self.events.append(
                    request.record_follow_through(
                        actor=committed, at=self.at, occurrence=day, kept=kept
                    )
                )
                if how == "correct":
                    self.events.append(
                        request.correct_follow_through(
                            actor=committed, at=self.tick(), occurrence=day, kept=not kept
                        )
                    )
                continue
            other = self.other(committed)
            self.events.append(request.notice_missed(actor=other, at=self.at, occurrence=day))
            if how == "acknowledged":
                answer = request.acknowledge_notice(actor=committed, at=self.tick(), occurrence=day)
            else:
                view = self.draw(st.none() | WORDS)
                answer = request.see_differently(
                    actor=committed, at=self.tick(), occurrence=day, view=view
                )
            self.events.append(answer)

    def reopen(self) -> None:
        """A set-aside request is reopened by both before it can be agreed."""
        first = self.free("propose_reopening")
        self.events.append(self.request.propose_reopening(actor=first, at=self.tick()))
        self.events.append(self.request.agree_to_reopen(actor=self.other(first), at=self.tick()))

    def agree(self) -> None:
        s, request, events = RequestState, self.request, self.events
        if request.state is s.STALLED:
            self.reopen()
        offered = request.latest_offer
        assert offered is not None
        pick = self.draw(st.integers(0, len(offered.other_asks))) if offered.other_asks else None
        events.append(request.accept(actor=self.awaited(), at=self.tick(), pick=pick))
        self.marks()
        if self.target is s.ON_HOLD or self.draw(st.booleans()):
            events.append(request.hold(actor=self.partner(), at=self.tick()))
            if self.target is s.ON_HOLD:
                return
            first = self.partner()
            events.append(request.propose_resuming(actor=first, at=self.tick()))
            events.append(request.agree_to_resume(actor=self.other(first), at=self.tick()))
        no = False  # after a no to ending, its proposer waits (rule 6): one no at most here
        for _ in range(self.draw(st.integers(min_value=0, max_value=2))):
            proposer = self.free("propose_ending")
            events.append(request.propose_ending(actor=proposer, at=self.tick()))
            self.marks()
            keeper = proposer if no else self.partner()
            events.append(request.keep_going(actor=keeper, at=self.tick()))
            no = no or keeper != proposer
        if self.target is s.AGREED:
            return
        if self.target is s.STEPPED_BACK:
            if self.draw(st.booleans()):
                events.append(
                    request.propose_ending(actor=self.free("propose_ending"), at=self.tick())
                )
            events.append(request.step_back(actor=self.partner(), at=self.tick()))
            return
        events.append(request.propose_ending(actor=self.free("propose_ending"), at=self.tick()))
        self.marks()
        if self.target is s.ENDING:
            return
        if self.box is not None and self.draw(st.booleans()):
            late = self.draw(st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=2)))
            assert request.due_at is not None
            completed = request.on_due(request.due_at + late)
            assert isinstance(completed, RequestCompleted)
            events.append(completed)
        else:
            events.append(request.confirm_ending(actor=self.awaited(), at=self.tick()))
        self.reviews()

    def reviews(self) -> None:
        """Each partner may say once what worked (in any order, or not at all)."""
        people = st.lists(st.sampled_from((self.asker, self.recipient)), unique=True)
        for person in self.draw(people):
            what = self.draw(WORDS)
            self.events.append(self.request.review(actor=person, at=self.tick(), what_worked=what))


@st.composite
def walked_requests(draw: st.DrawFn, target: RequestState) -> tuple[Request, list[DomainEvent]]:
    """Drive a request through the domain's own moves until it reaches *target*.

    Returns the request and every event recorded on the way.
    """
    walk = _Walk(draw, target)
    walk.run()
    return walk.request, walk.events


# -- checks ----------------------------------------------------------------------------


def typed(value: object) -> object:
    """Return *value* spelled out with the exact type of every part (str vs enum, tuple vs list)."""
    if attrs.has(type(value)):
        return (
            type(value),
            {
                f.name: typed(getattr(value, f.name))
                for f in attrs.fields(type(value))
                if not is_in_force(f)  # given at every read, never stored
            },
        )
    if isinstance(value, tuple | list):
        return (type(value), [typed(item) for item in value])
    if isinstance(value, datetime):
        return (type(value), value, value.utcoffset())
    return (type(value), value)


def assert_entity_round_trips(entity: Relationship | Request) -> None:
    """Check that *entity* comes back from its JSON with every field (and its type) intact."""
    text = dump_entity(entity)
    kind = type(entity)
    name = _CODEC.kind_name(kind)
    for loaded in (load_entity(kind, text), _CODEC.load_kind(name, text)):
        assert type(loaded) is kind
        assert dump_entity(loaded) == text
        stored = attrs.filters.exclude(*(f for f in attrs.fields(kind) if is_in_force(f)))
        assert attrs.asdict(loaded, filter=stored) == attrs.asdict(entity, filter=stored)
        assert typed(loaded) == typed(entity)


def assert_value_round_trips(
    value: T, dump: Callable[[T], str], load: Callable[[str], object]
) -> None:
    """Check that a frozen *value* comes back equal, as its own class, field for field."""
    text = dump(value)
    loaded = load(text)
    assert type(loaded) is type(value)
    assert loaded == value
    assert attrs.asdict(loaded) == attrs.asdict(value)
    assert typed(loaded) == typed(value)
    assert dump(loaded) == text  # type: ignore[arg-type]


def _subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    for sub in list(found):
        found |= _subclasses(sub)
    return found


# -- requests --------------------------------------------------------------------------


@pytest.mark.parametrize("state", list(RequestState), ids=str)
@given(data=st.data())
def test_a_request_round_trips_in_every_reachable_state(state, data):
    """A request driven to each state by the domain's moves comes back from JSON intact."""
    request, events = data.draw(walked_requests(state))
    assert request.state is state
    assert request.version == len(events)
    assert_entity_round_trips(request)


@given(request=built(Request))
def test_any_request_value_round_trips(request):
    """A request with arbitrary (even inconsistent) field values comes back from JSON intact."""
    assert_entity_round_trips(request)


_GENERIC = make_converter()
_GENERIC.register_structure_hook(uuid.UUID, lambda value, _: uuid.UUID(value))


@given(request=built(Request))
def test_the_hand_written_request_hook_agrees_with_cattrs(request):
    """The hand-written Request hook builds exactly what cattrs' generated structuring builds."""
    text = dump_entity(request)
    generic = _GENERIC.structure(json.loads(text), Request)
    assert typed(load_entity(Request, text)) == typed(generic) == typed(request)


def test_the_request_hook_restores_every_field():
    """A request with a non-default value in every field keeps each one through a round trip."""
    at = datetime(2031, 5, 6, 7, 8, 9, 123456, tzinfo=UTC)
    values: dict[str, object] = {
        "id": uuid.UUID(int=1),
        "relationship_id": uuid.UUID(int=2),
        "asker": "アナ",
        "recipient": "ben 🙂",
        "need": "to feel we are a team — at home",
        "ask": "请在晚饭后一起洗碗",
        "observation": 'Tuesday\'s "dishes" moment\n(no blame)',
        "time_box": TimeBox(
            starts_at=at, ends_at=at + timedelta(days=30, microseconds=1), how_often="weekdays"
        ),
        "rules": RequestRules(
            max_rounds=7,
            max_text_length=321,
            follow_through_window_days=9,
            follow_through_grace_hours=5,
        ),
        "created_at": at - timedelta(days=3),
        "time_zone": "Pacific/Auckland",
        "follows": uuid.UUID(int=3),
        "from_observation": uuid.UUID(int=4),
        "from_check_in": uuid.UUID(int=99),
        "state": RequestState.ENDING,
        "version": 12,
        "proposed_at": at - timedelta(days=2),
        "proposed_version": 3,
        "latest_offer": Offer(
            author="ben 🙂",
            ask="Spül nach dem Essen",
            round=2,
            at=at,
            time_box=TimeBox(
                starts_at=at,
                ends_at=at + timedelta(days=3),
                how_often=Schedule.times_a_week(2, note="nightly"),
            ),
            other_asks=("Küche", "dishes"),
            carried_out_by="アナ",
        ),
        "rounds": 2,
        "awaiting": "アナ",
        "agreed_at": at + timedelta(hours=1),
        "agreed_ask": "Spül nach dem Essen",
        "feeling": "tired, and hopeful",
        "other_asks": ("dry the dishes", "put on music while we clean"),
        "reopen_asked": "ben 🙂",
        "carried_out_by": "ben 🙂",
        "marks": (
            Mark(occurrence=date(2031, 5, 7), kept=True, at=at + timedelta(days=1)),
            Mark(occurrence=date(2031, 5, 9), kept=False, at=at + timedelta(days=3)),
        ),
        "notices": (
            MissNotice(
                occurrence=date(2031, 5, 8),
                by="アナ",
                at=at + timedelta(days=2),
                status=NoticeStatus.SEEN_DIFFERENTLY,
                view="I did them the next morning",
            ),
        ),
        "resume_asked": "アナ",
        "reviews": (Review(by="アナ", what_worked="the music", at=at + timedelta(days=9)),),
        "changed_at": at + timedelta(hours=2),
        "heard_no": (HeardNo(suggestion="propose_ending", by="アナ", at=at + timedelta(hours=1)),),
    }
    fields = attrs.fields(Request)
    assert set(values) == {f.name for f in fields}, "a Request field is not covered by this test"
    request = Request(**values)  # type: ignore[arg-type]
    for field in fields:
        if field.default is not attrs.NOTHING:
            assert getattr(request, field.name) != field.default, field.name
    text = dump_entity(request)
    loaded = load_entity(Request, text)
    for name, value in values.items():
        if is_in_force(attrs.fields_dict(Request)[name]):  # given at every read, never stored
            assert f'"{name}"' not in text, name
            continue
        assert getattr(loaded, name) == value, name
        assert type(getattr(loaded, name)) is type(value), name
    assert typed(loaded) == typed(request)


# -- relationships ---------------------------------------------------------------------


@given(
    partners=st.tuples(PERSON_IDS, PERSON_IDS).filter(lambda p: p[0] != p[1]),
    settings=st.none() | SETTINGS,
    changes=st.lists(SETTINGS, max_size=3),
    at=WALK_START,
)
def test_a_relationship_round_trips_as_it_changes(partners, settings, changes, at):
    """A relationship invited, accepted and re-configured comes back from JSON intact."""
    relationship, invited = Relationship.invite(
        actor=partners[0], partner=partners[1], settings=settings, at=at
    )
    assert_entity_round_trips(relationship)
    assert_value_round_trips(invited, dump_event, load_event)
    accepted = relationship.accept_invitation(actor=partners[1], at=at)
    assert_entity_round_trips(relationship)
    assert_value_round_trips(accepted, dump_event, load_event)
    for new in changes:
        suggested = relationship.propose_settings(actor=partners[1], settings=new, at=at)
        assert_entity_round_trips(relationship)  # with the suggestion pending
        agreed = relationship.agree_to_settings(actor=partners[0], at=at)
        assert_entity_round_trips(relationship)
        for event in (suggested, agreed):
            assert_value_round_trips(event, dump_event, load_event)
    assert relationship.version == 2 + 2 * len(changes)
    assert relationship.state is RelationshipState.ACTIVE


@given(relationship=built(Relationship))
def test_any_relationship_value_round_trips(relationship):
    """A relationship with arbitrary field values comes back from JSON intact."""
    assert_entity_round_trips(relationship)


# -- events ----------------------------------------------------------------------------


def test_all_event_types_lists_every_event_class():
    """Every concrete (leaf) DomainEvent class in repairkit is registered, exactly once."""
    assert repairkit.core.DomainEvent is DomainEvent
    defined = {
        cls
        for cls in _subclasses(DomainEvent)
        if cls.__module__.startswith("repairkit.")
        and not cls.__module__.startswith("repairkit.testing")
        and not cls.__subclasses__()
    }
    assert set(ALL_EVENT_TYPES) == defined
    assert len(ALL_EVENT_TYPES) == len(defined)
    assert len({cls.TAG for cls in ALL_EVENT_TYPES}) == len(ALL_EVENT_TYPES)


@pytest.mark.parametrize("event_type", ALL_EVENT_TYPES, ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_every_event_type_round_trips_as_its_own_class(event_type, data):
    """Each event type comes back equal and as exactly its own class, tagged with its tag."""
    event = data.draw(built(event_type))
    text = dump_event(event)
    assert json.loads(text)["type"] == event_type.TAG
    assert_value_round_trips(event, dump_event, load_event)


@given(data=st.data())
def test_events_recorded_along_a_walk_round_trip(data):
    """Every event the domain records on the way to any state comes back equal, as its class."""
    request, events = data.draw(
        st.sampled_from(RequestState).flatmap(walked_requests), label="walk"
    )
    assert [e.version for e in events] == list(range(1, request.version + 1))
    for event in events:
        assert_value_round_trips(event, dump_event, load_event)


# -- notifications ---------------------------------------------------------------------


@given(notification=built(Notification))
def test_a_notification_round_trips(notification):
    """A notification with arbitrary field values comes back equal."""
    assert_value_round_trips(notification, dump_notification, load_notification)
    loaded = load_notification(dump_notification(notification))
    assert loaded.kind is notification.kind


@given(data=st.data())
def test_notifications_for_recorded_events_round_trip(data):
    """The notifications the domain derives from recorded events come back equal."""
    request, events = data.draw(
        st.sampled_from(RequestState).flatmap(walked_requests), label="walk"
    )
    for event in events:
        audience = request.audience(event)
        if event.actor == SYSTEM and request.private_to is None:  # a closed draft stays private
            assert audience == request.participants
        for notification in notifications_for(event, audience, WORKFLOWS.rule_for(event)):
            assert notification.event_id == event.id
            assert_value_round_trips(notification, dump_notification, load_notification)


# -- the JSON writers ------------------------------------------------------------------


@given(request=built(Request))
def test_orjson_and_the_standard_library_write_the_same_bytes(request):
    """With or without the fast extra, a stored body is byte for byte the same."""
    for value in (_CODEC.unstructure(request), _CODEC.unstructure_event(_event_of(request))):
        assert orjson.dumps(value).decode() == std_dumps(value)


def _event_of(request: Request) -> DomainEvent:
    return RequestCompleted(
        id=request.id,
        subject_id=request.id,
        relationship_id=request.relationship_id,
        actor=request.asker,
        at=request.created_at,
        from_state="agreed",
        to_state="completed",
        version=request.version,
        because=CompletionReason.BOTH_AGREED,
    )
