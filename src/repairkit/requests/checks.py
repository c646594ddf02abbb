"""Checks of a request's content: texts, time boxes, dates still ahead."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final

from repairkit.core.timebox import TimeBox
from repairkit.core.values import check_text
from repairkit.errors import InvalidInput
from repairkit.requests.rules import RequestRules

__all__ = [
    "MAX_CHOICES",
    "check_content",
    "check_not_over",
    "check_other_asks",
    "check_time_box",
    "check_time_box_type",
    "required",
]

MAX_CHOICES: Final = 3
"""An asker may offer up to three asks for the partner to pick one (Imago's Behaviour
Change Request: docs/practices.md)."""


def required(value: str, field: str, rules: RequestRules) -> str:
    """Return the text of a required field, or raise `InvalidInput`."""
    text = check_text(value, field, max_length=rules.max_text_length)
    assert text is not None  # noqa: S101 - check_text returns text unless optional
    return text


def check_time_box_type(time_box: object) -> None:
    """Raise `InvalidInput` unless *time_box* is None or a `TimeBox`."""
    if time_box is not None and not isinstance(time_box, TimeBox):
        raise InvalidInput("time_box", "needs a TimeBox (starts_at, ends_at, how_often).")


def check_time_box(time_box: object, rules: RequestRules) -> TimeBox | None:
    """Return *time_box* if it is None or a `TimeBox` no longer than the rules allow."""
    check_time_box_type(time_box)
    if isinstance(time_box, TimeBox) and time_box.days > rules.max_time_box_days:
        raise InvalidInput(
            "time_box",
            "lasts {days} days; an agreement runs at most"
            " {most} days at a time (it can be agreed anew afterwards).",
            days=f"{time_box.days:.1f}",
            most=rules.max_time_box_days,
        )
    return time_box  # type: ignore[return-value]  # None or a TimeBox, checked above


def check_other_asks(ask: str, other_asks: object, rules: RequestRules) -> tuple[str, ...]:
    """Return up to two more asks the partner may pick from instead of *ask*, checked."""
    if isinstance(other_asks, str) or not isinstance(other_asks, tuple | list):
        raise InvalidInput("other_asks", "needs a list of asks (it may be empty).")
    if len(other_asks) > MAX_CHOICES - 1:
        raise InvalidInput(
            "other_asks",
            "holds {count} asks; at most {besides} can be offered besides"
            " the ask ({choices} in all), so that choosing stays easy.",
            count=len(other_asks),
            besides=MAX_CHOICES - 1,
            choices=MAX_CHOICES,
        )
    texts = tuple(required(a, f"other_asks[{i}]", rules) for i, a in enumerate(other_asks))
    if len({" ".join(t.casefold().split()) for t in (ask, *texts)}) < 1 + len(texts):
        raise InvalidInput("other_asks", "repeats an ask; each choice takes words of its own.")
    return texts


def check_not_over(time_box: TimeBox | None, at: datetime) -> None:
    """Raise `InvalidInput` when the time box has already ended at *at*."""
    if time_box is not None and time_box.ends_at <= at:
        raise InvalidInput(
            "time_box.ends_at", "has already passed; please choose dates that lie ahead."
        )


def check_content(
    need: str,
    ask: str,
    observation: str | None,
    time_box: TimeBox | None,
    rules: RequestRules,
    *,
    feeling: str | None = None,
    other_asks: object = (),
) -> dict[str, Any]:
    """Return a request's checked content: its four parts, the dates and other asks."""
    text = required(ask, "ask", rules)
    return {
        "need": required(need, "need", rules),
        "ask": text,
        "observation": check_text(
            observation, "observation", max_length=rules.max_text_length, optional=True
        ),
        "feeling": check_text(feeling, "feeling", max_length=rules.max_text_length, optional=True),
        "time_box": check_time_box(time_box, rules),
        "other_asks": check_other_asks(text, other_asks, rules),
    }
