"""The words no text of repairkit's may say to a person (safety rule 8).

The practices (docs/practices.md, Observation and Tone) list the signs that a text
blames rather than describes: absolutes, pressure, faux feelings. `SafetyContract`
applies `blaming_words` to every notification and refusal, and to every notice rule of
the registry.
"""

from __future__ import annotations

import re

__all__ = ["ABSOLUTES", "BLAMING", "FAUX_FEELINGS", "PRESSURE", "blaming_words"]

FAUX_FEELINGS = (
    "abandoned", "attacked", "betrayed", "belittled", "cheated", "dismissed", "ignored",
    "interrupted", "let down", "manipulated", "misunderstood", "neglected", "patronized",
    "put down", "rejected", "taken for granted", "unappreciated", "unheard", "unseen",
    "unsupported", "unwanted", "used",
)  # fmt: skip
"""Words that describe what others supposedly do to us (Nonviolent Communication)."""

ABSOLUTES = ("always", "never", "every time", "from now on", "finally")
"""Absolutes: a moment turned into a verdict (docs/practices.md, Observation; "finally"
reads as an end to patience)."""
PRESSURE = ("again", "still", "overdue", r"fail(?:ed|s|ure)?", "should", r"needs? to")
"""Pressure and demands: a request turned into a duty (docs/practices.md, Request, requests
not demands; "should" and "need to" tell a person what to do)."""

BLAMING = re.compile(
    r"\b("
    + "|".join((*ABSOLUTES, *PRESSURE))
    + "|"
    + "|".join(re.escape(word) for word in FAUX_FEELINGS)
    + r")\b",
    re.IGNORECASE,
)
"""What no text of repairkit's may say to a person."""


def blaming_words(text: str) -> list[str]:
    """Return the words of *text* that no message of repairkit's may use."""
    return [m.group(0) for m in BLAMING.finditer(text)]
