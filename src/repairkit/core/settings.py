"""Per-relationship settings: the couple's time zone and each workflow's rules.

Every workflow that has defaults declares them as a frozen `WorkflowRules`
subclass; a relationship keeps at most one value of each, and
``settings.of(RequestRules)`` returns the relationship's (or the defaults).
"""

from __future__ import annotations

import functools
import types
import zoneinfo
from collections.abc import Callable, Iterable
from datetime import UTC, tzinfo
from typing import Any, Final, TypeVar

import attrs

from repairkit.errors import InvalidInput

__all__ = [
    "DAILY_ITEMS",
    "MAX_DAILY_ITEMS",
    "REASK_WAIT_HOURS",
    "SETTING_IN_FORCE",
    "RelationshipRules",
    "RelationshipSettings",
    "WorkflowRules",
    "between",
    "is_in_force",
    "reask_wait_field",
    "zone",
]

REASK_WAIT_HOURS: Final = 24
"""How long, by default, the same suggestion waits after a no (repairkit's own default,
from the safety rule that pressure has limits)."""
MAX_REASK_PAUSE_HOURS: Final = 7 * 24
"""The longest such pause a couple may set: a week."""

DAILY_ITEMS: Final = 20
"""How many new items one partner's moves may bring to the other in one calendar day, across
every workflow, by default (repairkit's own number, from the safety rule that pressure has
limits, docs/safety.md: the pressure budget). A couple may change it by consent."""
MAX_DAILY_ITEMS: Final = 60
"""The pressure budget's hard ceiling (repairkit's own): no consent raises it past this."""

R = TypeVar("R", bound="WorkflowRules")


@functools.lru_cache(maxsize=64)
def zone(name: str) -> tzinfo:
    """Return the time zone called *name*, or raise `InvalidInput`.

    "UTC" needs no time-zone database; other names use the system's, or the
    ``tzdata`` package where the system has none (Windows, some containers).
    """
    if name == "UTC":
        return UTC
    try:
        return zoneinfo.ZoneInfo(name)
    except zoneinfo.ZoneInfoNotFoundError as error:
        raise InvalidInput(
            "time_zone",
            "{name} is not a time zone known on this system. Use an IANA name such as"
            " 'Europe/Berlin'; where the system has no time-zone data, installing the"
            " tzdata package provides it.",
            name=repr(name),
        ) from error
    except (ValueError, TypeError) as error:
        raise InvalidInput(
            "time_zone", "needs an IANA time zone name, such as 'Europe/Berlin' or 'UTC'."
        ) from error


def between(low: int, high: int, field: str) -> Callable[[object, object, int], None]:
    """Return an attrs validator refusing anything but a whole number from *low* to *high*."""

    def check(_instance: object, _attribute: object, value: int) -> None:
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise InvalidInput(
                field, "needs a whole number from {low} to {high}.", low=low, high=high
            )

    return check


@attrs.frozen(kw_only=True)
class WorkflowRules:
    """Base of each workflow's rules: a frozen value whose every field has a default."""


SETTING_IN_FORCE: Final = types.MappingProxyType({"repairkit.in_force": True})
"""The metadata of a field holding what the relationship's settings say now (its rules,
its time zone): ``attrs.field(factory=TalkRules, metadata=SETTING_IN_FORCE)``.

Such a field is never stored: every object the kit reads is given the values in force
when it is read (consent applies at the moment of reading, safety rule 5); its default
is what an object holds before that (repairkit's defaults)."""


def is_in_force(field: attrs.Attribute[Any]) -> bool:
    """Return whether *field* holds the settings in force (`SETTING_IN_FORCE`): never stored."""
    return bool(field.metadata.get("repairkit.in_force"))


def reask_wait_field() -> Any:  # noqa: ANN401 - an attrs field (attrs types it as an int)
    """Return the ``reask_wait_hours`` field of a workflow's rules (0 turns the wait off)."""
    return attrs.field(
        default=REASK_WAIT_HOURS,
        validator=between(0, MAX_REASK_PAUSE_HOURS, "reask_wait_hours"),
    )


@attrs.frozen(kw_only=True)
class RelationshipRules(WorkflowRules):
    """The relationship's own rules: ``RelationshipSettings(rules=[RelationshipRules()])``."""

    reask_wait_hours: int = reask_wait_field()
    """After a no to suggested settings, how long the partner who suggested them waits
    before suggesting settings once more (repairkit's own default, 24 hours; 0 turns the
    pause off). The partner who said no may suggest settings at any time."""
    daily_items: int = attrs.field(
        default=DAILY_ITEMS, validator=between(1, MAX_DAILY_ITEMS, "daily_items")
    )
    """The pressure budget: how many new items each partner's moves may bring to the other
    in one calendar day (in the couple's time zone), across every workflow (repairkit's own
    default, 20; at most `MAX_DAILY_ITEMS`, 60). Answers, a no, ending one's own part and
    the safety hooks are never refused (`repairkit.core.pressure`)."""


def _rules(value: Iterable[WorkflowRules]) -> tuple[WorkflowRules, ...]:
    if isinstance(value, WorkflowRules):
        return (value,)
    try:
        items = tuple(value)
    except TypeError as error:
        raise InvalidInput("rules", "needs workflow rules, such as [RequestRules(...)].") from error
    seen: set[type[WorkflowRules]] = set()
    for item in items:
        if not isinstance(item, WorkflowRules):
            raise InvalidInput("rules", "needs workflow rules, such as [RequestRules(...)].")
        if type(item) in seen:
            raise InvalidInput("rules", "names {name} more than once.", name=type(item).__name__)
        seen.add(type(item))
    return items


def _check_zone(_instance: object, _attribute: object, value: str) -> None:
    if not isinstance(value, str):
        raise InvalidInput("time_zone", "needs an IANA time zone name, such as 'Europe/Berlin'.")
    zone(value)


@attrs.frozen(kw_only=True)
class RelationshipSettings:
    """Per-relationship settings for every workflow.

    Example: ``RelationshipSettings(rules=[RequestRules(max_rounds=2)],
    time_zone="Europe/Berlin")``. Workflows not named keep their defaults.
    """

    rules: tuple[WorkflowRules, ...] = attrs.field(default=(), converter=_rules)
    """At most one rules value per workflow; the others use their defaults."""
    time_zone: str = attrs.field(default="UTC", validator=_check_zone)
    """The couple's IANA time zone (e.g. "Europe/Berlin"): the calendar days count in it."""

    def of(self, kind: type[R]) -> R:
        """Return the relationship's rules of type *kind*, or its defaults."""
        for item in self.rules:
            if type(item) is kind:
                return item
        return kind()
