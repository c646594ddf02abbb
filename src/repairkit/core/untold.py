"""The instants of a move a partner was not told of, and what they show of them: the day.

No activity signals (docs/safety.md, rule 4). A move of the other partner that a
person was not told about (a time-out called past its daily notice, a second pause in
a day, a quiet mark) must not show its time to the second: an exact time works as
"last seen". Its event shows its day only (`repairkit.core.events.to_the_day`), and so
does every object it changed, by one generic rule:

- *What the move set* are the instants its event records: its ``at`` and every other
  instant field it holds (a time-out's ``return_at``, a talk's ``limit_at``, a topic's
  ``rests_until``), `recorded_instants`. An event records what its move set, so no
  workflow declares anything more.
- *On the object*, every field holding one of those instants shows the start of its
  own calendar day in the couple's time zone (`instants_to_the_day`): a time-out's
  ``started_at`` and ``changed_at`` show the day it was called, its ``return_at`` the
  day it ends. What the object computes from such a field (a time-out's
  ``ceiling_at``) counts from that day's start too: read it as a day, not a time.
- *A deadline* that follows from those instants (it moves when they move: a time-out's
  check-back and lapse) is shown as its own day, marked so (`deadlines_to_the_day`):
  never the shifted time computed from a day's start, which would mislead.

An instant shown to the day is the start of that calendar day, in UTC: it says which
day, and nothing of the time.
"""

from __future__ import annotations

import typing
from collections.abc import Collection
from datetime import datetime, timedelta, tzinfo
from typing import Any, TypeVar

import attrs

from repairkit.core.events import DomainEvent, day_of
from repairkit.core.timers import Deadline

__all__ = ["deadlines_to_the_day", "instants_to_the_day", "recorded_instants"]

T = TypeVar("T")

_NUDGE = timedelta(seconds=1)


def recorded_instants(event: DomainEvent) -> frozenset[datetime]:
    """Return every instant *event* records: its ``at`` and its own instant fields."""
    return frozenset(
        value
        for name in _field_names(type(event))
        if isinstance(value := getattr(event, name), datetime)
    )


_NAMES: dict[type[DomainEvent], tuple[str, ...]] = {}
"""The names of the fields of each event class that may hold an instant, read once."""


def _field_names(cls: type[DomainEvent]) -> tuple[str, ...]:
    """Return the names of the fields of the event class *cls* whose type can be a datetime.

    Read from its resolved annotations (an alias of datetime counts); every field when
    they cannot be resolved.
    """
    names = _NAMES.get(cls)
    if names is None:
        fields = attrs.fields(cls)
        try:
            hints = typing.get_type_hints(cls)
        except (NameError, TypeError):  # pragma: no cover - every shipped event resolves
            hints = {}
        names = _NAMES[cls] = tuple(
            field.name
            for field in fields
            if field.name not in hints or _may_be_instant(hints[field.name])
        )
    return names


def _may_be_instant(hint: Any) -> bool:  # noqa: ANN401 - any annotation
    """Return whether a value of the type *hint* can be a datetime (itself, in a union)."""
    if hint is Any or (isinstance(hint, type) and issubclass(hint, datetime)):
        return True
    return any(_may_be_instant(arg) for arg in typing.get_args(hint) if arg is not Ellipsis)


def _fields(obj: object) -> tuple[Any, ...]:
    fields: tuple[Any, ...] = attrs.fields(type(obj))  # type: ignore[arg-type]  # attrs class
    return tuple(field for field in fields if field.init)


def _moved(obj: T, instants: Collection[datetime], move: Any) -> T:  # noqa: ANN401 - how
    """Return a copy of *obj*, each field holding one of *instants* replaced by ``move(it)``."""
    changes = {
        field.name: move(value)
        for field in _fields(obj)
        if isinstance(value := getattr(obj, field.name), datetime) and value in instants
    }
    return attrs.evolve(obj, **changes) if changes else obj  # type: ignore[misc]


def instants_to_the_day(obj: T, instants: Collection[datetime], zone: tzinfo) -> T:
    """Return a copy of the attrs object *obj*, its fields holding *instants* to the day only.

    Each such field shows the start of its own calendar day in *zone* (`day_of`); *obj*
    itself is left as it is (and returned as it is when no field holds one).
    """
    return _moved(obj, instants, lambda at: day_of(at, zone))


def deadlines_to_the_day(
    obj: Any,  # noqa: ANN401 - any workflow object
    instants: Collection[datetime],
    zone: tzinfo,
) -> tuple[tuple[Deadline, datetime | None], ...]:
    """Return *obj*'s deadlines, each with the day it shows, or None where it keeps its time.

    A deadline follows from *instants* when it moves as they move: computed again on a
    copy whose fields holding them are a second later, it is not the same. Such a
    deadline shows the start of its own calendar day in *zone* (`day_of`); the others
    keep their time. An object with no ``deadlines`` of its own gives its ``due_at``
    (named ``"due"``) alike.
    """

    def of(target: Any) -> tuple[Deadline, ...]:  # noqa: ANN401 - any workflow object
        found: tuple[Deadline, ...] = target.deadlines
        if not found and target.due_at is not None:
            return (Deadline("due", target.due_at),)
        return found

    exact = of(obj)
    if not instants or not exact:
        return tuple((deadline, None) for deadline in exact)
    nudged = {d.name: d.at for d in of(_moved(obj, instants, lambda at: at + _NUDGE))}
    return tuple((d, day_of(d.at, zone) if nudged.get(d.name) != d.at else None) for d in exact)
