"""A hand-written structure hook for `Request`: loading requests is the hot path.

Listing a relationship's requests loads each one, so this hook builds a
`Request` from its stored dict directly; the round-trip property tests check it
against cattrs' own, field by field.
"""

from __future__ import annotations

import functools
import uuid
from datetime import date, datetime
from typing import Any

import attrs
from cattrs import Converter

from repairkit.core.suggestions import HeardNo
from repairkit.core.timebox import TimeBox, stored_schedule
from repairkit.core.values import check_instant
from repairkit.requests.follow_through import Mark, MissNotice, NoticeStatus, Review
from repairkit.requests.model import Offer, Request, RequestState
from repairkit.requests.rules import RequestRules

__all__ = ["register_hooks"]

_UUID = uuid.UUID
_fromiso = datetime.fromisoformat
_RULE_FIELDS = tuple(field.name for field in attrs.fields(RequestRules))
_RULE_DEFAULTS = {field.name: field.default for field in attrs.fields(RequestRules)}
"""For rules stored before a field existed: it reads as its default."""
_REQUEST_STATES = {state.value: state for state in RequestState}
_day = date.fromisoformat


@functools.lru_cache(maxsize=256)
def _rules(*values: int) -> RequestRules:
    # Rules are frozen values and few distinct ones exist: share them.
    return RequestRules(**dict(zip(_RULE_FIELDS, values, strict=True)))


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
        how_often=stored_schedule(d["how_often"]),
    )


def _offer(offer: dict[str, Any] | None) -> Offer | None:
    if offer is None:
        return None
    return Offer(
        author=offer["author"],
        ask=offer["ask"],
        round=offer["round"],
        at=_instant(offer["at"]),
        time_box=_time_box(offer["time_box"]),
        other_asks=tuple(offer.get("other_asks", ())),
        carried_out_by=offer.get("carried_out_by"),
    )


def _marks(d: dict[str, Any]) -> tuple[Mark, ...]:
    return tuple(
        Mark(occurrence=_day(m["occurrence"]), kept=m["kept"], at=_instant(m["at"]))
        for m in d.get("marks", ())
    )


def _notices(d: dict[str, Any]) -> tuple[MissNotice, ...]:
    return tuple(
        MissNotice(
            occurrence=_day(n["occurrence"]),
            by=n["by"],
            at=_instant(n["at"]),
            status=NoticeStatus(n["status"]),
            view=n["view"],
        )
        for n in d.get("notices", ())
    )


def structure_request(d: dict[str, Any], _: object) -> Request:
    """Return the `Request` stored as the dict *d*."""
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
        rules=_rules(*(d["rules"].get(name, _RULE_DEFAULTS[name]) for name in _RULE_FIELDS)),
        created_at=_instant(d["created_at"]),
        time_zone=d["time_zone"],
        follows=None if follows is None else _UUID(follows),
        state=_REQUEST_STATES[d["state"]],
        version=d["version"],
        proposed_at=_optional_instant(d["proposed_at"]),
        proposed_version=d.get("proposed_version"),
        latest_offer=_offer(offer),
        rounds=d["rounds"],
        awaiting=d["awaiting"],
        agreed_at=_optional_instant(d["agreed_at"]),
        agreed_ask=d["agreed_ask"],
        feeling=d.get("feeling"),
        other_asks=tuple(d.get("other_asks", ())),
        reopen_asked=d.get("reopen_asked"),
        # Before 0.2 the recipient carried out every agreement (the default at acceptance).
        carried_out_by=d.get("carried_out_by", d["recipient"] if d["agreed_at"] else None),
        marks=_marks(d),
        notices=_notices(d),
        resume_asked=d.get("resume_asked"),
        reviews=tuple(
            Review(by=r["by"], what_worked=r["what_worked"], at=_instant(r["at"]))
            for r in d.get("reviews", ())
        ),
        changed_at=_optional_instant(d.get("changed_at")),
        heard_no=tuple(
            HeardNo(suggestion=n["suggestion"], by=n["by"], at=_instant(n["at"]))
            for n in d.get("heard_no", ())
        ),
    )


def register_hooks(converter: Converter) -> None:
    """Register the hand-written `Request` hook on *converter*."""
    converter.register_structure_hook(Request, structure_request)
