"""Hypothesis strategies for any registered workflow's values, derived from their types.

`values_of(tp, registry)` draws a value for a field annotated *tp*: ids, UTC
instants, dates, text, numbers, enums, optionals, tuples, time boxes, quiet hours, settings
(each workflow's rules at their defaults) and any attrs class, field by field.
Text fields draw from a small alphabet that no message of repairkit uses, so a
test can tell whether a message quotes a field.
"""

from __future__ import annotations

import enum
import types
import typing
import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st

from repairkit.core.quiet import QuietHours
from repairkit.core.settings import RelationshipSettings, WorkflowRules
from repairkit.core.spec import Registry
from repairkit.core.timebox import Schedule, TimeBox

__all__ = ["MARKER_TEXT", "built", "values_of"]

T = TypeVar("T")

MARKER_TEXT = st.text(alphabet="qxzjvkwQXZJ", min_size=12, max_size=24)
"""Text no message of repairkit contains: a message that shows it quotes a field."""

# Inside the years repairkit accepts (1900 to 9000), with room for a ten-year time box.
_EARLIEST = datetime(1900, 1, 1)  # noqa: DTZ001 - hypothesis takes naive bounds
_LATEST = datetime(8990, 1, 1)  # noqa: DTZ001
_EARLIEST_UTC = _EARLIEST.replace(tzinfo=UTC)
_LATEST_UTC = _LATEST.replace(tzinfo=UTC)
_INSTANTS = st.datetimes(min_value=_EARLIEST, max_value=_LATEST, timezones=st.just(UTC))


_SCHEDULES = st.one_of(
    st.none(),
    st.sampled_from(["daily", "weekdays", "weekends"]),
    st.builds(Schedule.on, st.sampled_from([0, 2, 5]), note=st.none() | MARKER_TEXT),
    st.builds(Schedule.times_a_week, st.integers(1, 7), note=st.none() | MARKER_TEXT),
)
"""Every kind of schedule, some with a note (which no message may quote)."""


@st.composite
def _time_boxes(draw: st.DrawFn) -> TimeBox:
    starts_at = draw(_INSTANTS)
    length = draw(st.timedeltas(min_value=timedelta(microseconds=1), max_value=timedelta(3650)))
    how_often = draw(_SCHEDULES)
    return TimeBox(starts_at=starts_at, ends_at=starts_at + length, how_often=how_often)


_ZONES = st.sampled_from(["UTC", "Europe/Berlin", "Asia/Kathmandu"])


@st.composite
def _quiet_hours(draw: st.DrawFn) -> QuietHours:
    starts = draw(st.times())
    ends = draw(st.times().filter(lambda t: t != starts))
    return QuietHours(starts=starts, ends=ends, time_zone=draw(_ZONES))


def _settings(registry: Registry) -> st.SearchStrategy[RelationshipSettings]:
    rules = st.lists(st.sampled_from(sorted(registry.rules_types.values(), key=str)), unique=True)
    return st.builds(
        RelationshipSettings,
        rules=rules.map(lambda kinds: [kind() for kind in kinds]),
        time_zone=_ZONES,
    )


def values_of(tp: object, registry: Registry) -> st.SearchStrategy[Any]:  # noqa: C901, PLR0911 - a case per kind of type
    """Return a strategy for a field annotated *tp*; an unknown type fails loudly."""
    simple: dict[object, st.SearchStrategy[Any]] = {
        uuid.UUID: st.uuids(),
        datetime: _INSTANTS,
        date: st.dates(),
        time: st.times(),
        str: MARKER_TEXT,
        int: st.integers(min_value=0, max_value=2**31),
        bool: st.booleans(),
        type(None): st.none(),
        TimeBox: _time_boxes(),
        Schedule: _SCHEDULES.map(
            lambda s: TimeBox(starts_at=_EARLIEST_UTC, ends_at=_LATEST_UTC, how_often=s).how_often
        ),
        QuietHours: _quiet_hours(),
    }
    if tp in simple:
        return simple[tp]
    if tp is RelationshipSettings:
        return _settings(registry)
    if tp is enum.StrEnum:  # a notification's kind: any workflow's
        return st.sampled_from(sorted(registry.notice_kinds.values(), key=str))
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is typing.Literal:
        return st.sampled_from(args)
    if origin in (typing.Union, types.UnionType):
        return st.one_of([values_of(arg, registry) for arg in args])
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return st.lists(values_of(args[0], registry), max_size=4).map(tuple)
        return st.tuples(*(values_of(arg, registry) for arg in args))
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return st.sampled_from(tp)
    if isinstance(tp, type) and issubclass(tp, WorkflowRules):
        return st.just(tp())
    if isinstance(tp, type) and attrs.has(tp):
        return built(tp, registry)
    msg = f"no strategy for {tp!r}; add one to repairkit.testing.strategies"
    raise TypeError(msg)


def built(cls: type[T], registry: Registry) -> st.SearchStrategy[T]:
    """Return a strategy building *cls* with a drawn value for every attrs field."""
    hints = typing.get_type_hints(cls)
    fields = attrs.fields(cls)  # type: ignore[arg-type]
    # A time zone is a checked setting copied onto objects, never free text.
    return st.builds(
        cls,
        **{
            f.name: _ZONES if f.name == "time_zone" else values_of(hints[f.name], registry)
            for f in fields
        },
    )
