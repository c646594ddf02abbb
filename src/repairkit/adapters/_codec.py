"""The one private cattrs converter: how objects, events and notifications become JSON.

Serialization lives here, at the edge, and nowhere in the domain. Events are a
tagged union keyed by class name (``"type"``), so a stored event always comes
back as the class it was written as.

Loading a `Request` is the hot path (listing a relationship's requests), so its
structure hook is written out by hand and registered on the converter; the
round-trip property tests check it against every field.
"""

from __future__ import annotations

import functools
import json
import uuid
from datetime import date, datetime
from typing import Any, Final, TypeVar, Union

import attrs
from cattrs.preconf.json import make_converter
from cattrs.strategies import configure_tagged_union

from repairkit.domain.events import ALL_EVENT_TYPES, DomainEvent
from repairkit.domain.notifications import Notification
from repairkit.domain.relationship import Relationship
from repairkit.domain.request import Offer, Request, RequestState
from repairkit.domain.settings import RequestRules
from repairkit.domain.values import TimeBox, check_instant

__all__ = [
    "KINDS",
    "KIND_NAMES",
    "dump_entity",
    "dump_event",
    "dump_notification",
    "kind_name",
    "load_any",
    "load_entity",
    "load_event",
    "load_notification",
]

E = TypeVar("E", Relationship, Request)

KINDS: Final[dict[str, type[Relationship | Request]]] = {
    "relationship": Relationship,
    "request": Request,
}
"""Every stored object type, by the kind name storage records."""
KIND_NAMES: Final[dict[type[Any], str]] = {cls: name for name, cls in KINDS.items()}

_UUID = uuid.UUID
_fromiso = datetime.fromisoformat

_converter = make_converter(detailed_validation=False)
_converter.register_unstructure_hook(uuid.UUID, str)
_converter.register_structure_hook(uuid.UUID, lambda value, _: _UUID(value))
_converter.register_structure_hook(datetime, lambda value, _: _instant(value))
EventUnion = Union[ALL_EVENT_TYPES]  # type: ignore[valid-type]  # noqa: UP007 - built from a tuple
configure_tagged_union(
    EventUnion, _converter, tag_generator=lambda cls: cls.__name__, tag_name="type"
)


@functools.lru_cache(maxsize=256)
def _rules(*values: int) -> RequestRules:
    # Rules are frozen values and few distinct ones exist: share them.
    return RequestRules(**dict(zip(_RULE_FIELDS, values, strict=True)))


_RULE_FIELDS = tuple(field.name for field in attrs.fields(RequestRules))
_REQUEST_STATES = {state.value: state for state in RequestState}


def _instant(text: str) -> datetime:
    return check_instant(_fromiso(text), "stored instant")


def _optional_instant(text: str | None) -> datetime | None:
    return None if text is None else check_instant(_fromiso(text), "stored instant")


def _time_box(d: dict[str, Any] | None) -> TimeBox | None:
    if d is None:
        return None
    return TimeBox(
        starts_at=_instant(d["starts_at"]),
        ends_at=_instant(d["ends_at"]),
        how_often=d["how_often"],
    )


def _structure_request(d: dict[str, Any], _: object) -> Request:
    offer = d["latest_offer"]
    follows = d["follows"]
    return Request(
        id=_UUID(d["id"]),
        relationship_id=_UUID(d["relationship_id"]),
        asker=d["asker"],
        recipient=d["recipient"],
        need=d["need"],
        ask=d["ask"],
        observation=d["observation"],
        time_box=_time_box(d["time_box"]),
        rules=_rules(*(d["rules"][name] for name in _RULE_FIELDS)),
        created_at=_instant(d["created_at"]),
        time_zone=d["time_zone"],
        follows=None if follows is None else _UUID(follows),
        state=_REQUEST_STATES[d["state"]],
        version=d["version"],
        proposed_at=_optional_instant(d["proposed_at"]),
        latest_offer=None
        if offer is None
        else Offer(
            author=offer["author"],
            ask=offer["ask"],
            round=offer["round"],
            at=_instant(offer["at"]),
            time_box=_time_box(offer["time_box"]),
        ),
        rounds=d["rounds"],
        awaiting=d["awaiting"],
        agreed_at=_optional_instant(d["agreed_at"]),
        agreed_ask=d["agreed_ask"],
        kept=d["kept"],
        missed=d["missed"],
        recent_occurrences=tuple(map(date.fromisoformat, d["recent_occurrences"])),
    )


_converter.register_structure_hook(Request, _structure_request)

_dumps = json.JSONEncoder(ensure_ascii=False, check_circular=False, separators=(",", ":")).encode
_loads = json.loads


def kind_name(kind: type[Any]) -> str:
    """Return the kind name storage records for *kind*."""
    return KIND_NAMES[kind]


def dump_entity(entity: Relationship | Request) -> str:
    """Return *entity* as JSON text."""
    return _dumps(_converter.unstructure(entity))


def load_entity(kind: type[E], text: str) -> E:
    """Return the *kind* object stored as *text*."""
    return _converter.structure(_loads(text), kind)


def load_any(kind: type[Relationship | Request], text: str) -> Relationship | Request:
    """Return the object of the (runtime-chosen) *kind* stored as *text*."""
    entity: Relationship | Request = _converter.structure(_loads(text), kind)
    return entity


def dump_event(event: DomainEvent) -> str:
    """Return *event* as JSON text, tagged with its type."""
    return _dumps(_converter.unstructure(event, unstructure_as=EventUnion))


def load_event(text: str) -> DomainEvent:
    """Return the event stored as *text*, as the class it was written as."""
    event: DomainEvent = _converter.structure(_loads(text), EventUnion)  # type: ignore[arg-type]
    return event


def dump_notification(notification: Notification) -> str:
    """Return *notification* as JSON text."""
    return _dumps(_converter.unstructure(notification))


def load_notification(text: str) -> Notification:
    """Return the notification stored as *text*."""
    return _converter.structure(_loads(text), Notification)
