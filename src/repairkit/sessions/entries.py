"""What partners write in a check-in session, and how an issue closes.

A text a partner writes is theirs: it is kept on the session with its author, for the
two of them, and no notification ever quotes it.
"""

from __future__ import annotations

from typing import Final

import attrs

from repairkit.core.values import PersonId

__all__ = ["OUTCOMES", "PARTS", "Entry"]

OUTCOMES: Final = ("agreed", "carried over", "third person")
"""How an issue closes: agreed (once both were understood), carried over to a later
check-in, or for a third person."""

PARTS: Final = {
    "appreciate": "appreciation",
    "went_right": "went right",
    "raise_issue": "issue",
    "summarise": "summary",
    "for_the_week": "for the week",
}
"""The kind of entry each writing move keeps."""


@attrs.frozen(kw_only=True)
class Entry:
    """A text a partner wrote in the session: theirs, kept with its author, never quoted."""

    part: str
    """What it is: "appreciation", "went right", "issue", "summary" or "for the week"."""
    author: PersonId
    words: str
