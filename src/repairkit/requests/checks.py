"""Checks of a request's content: texts, time boxes, dates still ahead."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from repairkit.core.values import TimeBox, check_text
from repairkit.errors import InvalidInput
from repairkit.requests.rules import RequestRules

__all__ = ["check_content", "check_not_over", "check_time_box_type", "required"]


def required(value: str, field: str, rules: RequestRules) -> str:
    """Return the text of a required field, or raise `InvalidInput`."""
    text = check_text(value, field, max_length=rules.max_text_length)
    assert text is not None  # noqa: S101 - check_text returns text unless optional
    return text


def check_time_box_type(time_box: object) -> None:
    """Raise `InvalidInput` unless *time_box* is None or a `TimeBox`."""
    if time_box is not None and not isinstance(time_box, TimeBox):
        raise InvalidInput("time_box", "needs a TimeBox (starts_at, ends_at, how_often).")


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
) -> dict[str, Any]:
    """Return a request's checked content: need, ask, observation and time box."""
    check_time_box_type(time_box)
    return {
        "need": required(need, "need", rules),
        "ask": required(ask, "ask", rules),
        "observation": check_text(
            observation, "observation", max_length=rules.max_text_length, optional=True
        ),
        "time_box": time_box,
    }
