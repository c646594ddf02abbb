"""A hand-written structure hook for `Request`: loading requests is the hot path.

Listing a relationship's requests loads each one, so this hook builds a
`Request` from its stored dict directly; the round-trip property tests check it
against cattrs' own, field by field. It reads as strictly as the codec does: a
value of the wrong JSON type, or a missing field, raises (and the codec reports
`CorruptData`). It reads the current layout only: older ones are brought up to date by
the storages' migrations (``repairkit.adapters._renames``) when a file or schema opens.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from cattrs import Converter

from repairkit.core.stored import (
    stored_flag,
    stored_items,
    stored_optional_text,
    stored_text,
    stored_texts,
    stored_whole,
)
from repairkit.core.suggestions import HeardNo
from repairkit.core.timebox import TimeBox, stored_schedule
from repairkit.core.values import check_instant
from repairkit.requests.follow_through import Mark, MissNotice, NoticeStatus, Review
from repairkit.requests.model import Offer, Request, RequestState

__all__ = ["register_hooks"]

_UUID = uuid.UUID
_fromiso = datetime.fromisoformat
_REQUEST_STATES = {state.value: state for state in RequestState}
_day = date.fromisoformat
_text = stored_text
_maybe = stored_optional_text
_whole = stored_whole


def _instant(text: str) -> datetime:
    return check_instant(_fromiso(text), "stored instant")


def _optional_instant(text: str | None) -> datetime | None:
    return None if text is None else check_instant(_fromiso(text), "stored instant")


def _optional_whole(value: object) -> int | None:
    return None if value is None else _whole(value)


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
        author=_text(offer["author"]),
        ask=_text(offer["ask"]),
        round=_whole(offer["round"]),
        at=_instant(offer["at"]),
        time_box=_time_box(offer["time_box"]),
        other_asks=stored_texts(offer["other_asks"]),
        carried_out_by=_maybe(offer["carried_out_by"]),
    )


def _marks(d: dict[str, Any]) -> tuple[Mark, ...]:
    return tuple(
        Mark(occurrence=_day(m["occurrence"]), kept=stored_flag(m["kept"]), at=_instant(m["at"]))
        for m in stored_items(d["marks"])
    )


def _notices(d: dict[str, Any]) -> tuple[MissNotice, ...]:
    return tuple(
        MissNotice(
            occurrence=_day(n["occurrence"]),
            by=_text(n["by"]),
            at=_instant(n["at"]),
            status=NoticeStatus(_text(n["status"])),
            view=_maybe(n["view"]),
        )
        for n in stored_items(d["notices"])
    )


def structure_request(d: dict[str, Any], _: object) -> Request:
    """Return the `Request` stored as the dict *d*."""
    offer = d["latest_offer"]
    follows = d["follows"]
    observed = d.get("from_observation")  # rows written before observations have none
    check_in = d.get("from_check_in")  # nor rows written before check-in sessions
    return Request(
        id=_UUID(d["id"]),
        relationship_id=_UUID(d["relationship_id"]),
        asker=_text(d["asker"]),
        recipient=_text(d["recipient"]),
        need=_text(d["need"]),
        ask=_text(d["ask"]),
        observation=_maybe(d["observation"]),
        time_box=_time_box(d["time_box"]),
        created_at=_instant(d["created_at"]),
        follows=None if follows is None else _UUID(follows),
        from_observation=None if observed is None else _UUID(observed),
        from_check_in=None if check_in is None else _UUID(check_in),
        state=_REQUEST_STATES[d["state"]],
        version=_whole(d["version"]),
        proposed_at=_optional_instant(d["proposed_at"]),
        proposed_version=_optional_whole(d["proposed_version"]),
        latest_offer=_offer(offer),
        rounds=_whole(d["rounds"]),
        awaiting=_maybe(d["awaiting"]),
        agreed_at=_optional_instant(d["agreed_at"]),
        agreed_ask=_maybe(d["agreed_ask"]),
        feeling=_maybe(d["feeling"]),
        other_asks=stored_texts(d["other_asks"]),
        reopen_asked=_maybe(d["reopen_asked"]),
        carried_out_by=_maybe(d["carried_out_by"]),
        marks=_marks(d),
        notices=_notices(d),
        resume_asked=_maybe(d["resume_asked"]),
        reviews=tuple(
            Review(by=_text(r["by"]), what_worked=_text(r["what_worked"]), at=_instant(r["at"]))
            for r in stored_items(d["reviews"])
        ),
        changed_at=_optional_instant(d["changed_at"]),
        heard_no=tuple(
            HeardNo(suggestion=_text(n["suggestion"]), by=_text(n["by"]), at=_instant(n["at"]))
            for n in stored_items(d["heard_no"])
        ),
    )


def register_hooks(converter: Converter) -> None:
    """Register the hand-written `Request` hook on *converter*."""
    converter.register_structure_hook(Request, structure_request)
