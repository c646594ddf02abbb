"""Pressure has limits: after a no, the same suggestion waits (safety rule 6).

A *suggestion* is a move that asks the other partner something about an object
already shared (resume an agreement on hold, reopen a set-aside request, end an
agreement, let a topic go, new settings). Its transition table marks the move that
says no to it (``Move(..., answers="propose_resuming")``). Once the other partner
says that no, the partner who suggested it can make the same suggestion on the same
object only after a pause (`reask_wait_hours` in the workflow's rules; 24 hours by
default, repairkit's own default, the same as for a new request on a declined need).
The partner who said no is not held back: they may suggest it themselves at any time.

Only the latest no per suggestion and person is kept, for at most a week (the longest
pause); it is never counted.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import datetime, timedelta

import attrs

from repairkit.core.settings import MAX_REASK_PAUSE_HOURS, REASK_WAIT_HOURS, reask_wait_field
from repairkit.core.values import PersonId

__all__ = [
    "REASK_WAIT_HOURS",
    "HeardNo",
    "heard",
    "reask_wait_field",
    "waits_until",
    "when",
    "words",
]


@attrs.frozen(kw_only=True)
class HeardNo:
    """A suggestion the other partner said no to: *by* waits before making it once more."""

    suggestion: str
    """The move that was said no to ("propose_resuming")."""
    by: PersonId
    """The partner who made the suggestion and heard the no."""
    at: datetime
    """When the no was said: the pause runs from here."""


_LONGEST = timedelta(hours=MAX_REASK_PAUSE_HOURS)


def heard(nos: tuple[HeardNo, ...], no: HeardNo) -> tuple[HeardNo, ...]:
    """Return *nos* with *no* recorded: the latest per suggestion and person.

    A no older than the longest pause a couple may set (a week) is dropped: it can hold
    nothing back any more, whatever the rules become.
    """
    kept = tuple(
        n for n in nos if (n.suggestion, n.by) != (no.suggestion, no.by) and n.at + _LONGEST > no.at
    )
    return (*kept, no)


def waits_until(
    nos: tuple[HeardNo, ...], suggestion: str, actor: PersonId, at: datetime, pause: timedelta
) -> datetime | None:
    """Return when *actor* may make *suggestion* once more, or None if they may now."""
    if not pause:
        return None
    for no in nos:
        if no.suggestion == suggestion and no.by == actor and at < no.at + pause:
            return no.at + pause
    return None


def when(instant: datetime) -> str:
    """Return *instant* as refusals write it ("2026-05-04 18:00 UTC")."""
    return instant.strftime("%Y-%m-%d %H:%M UTC")


_PUNCTUATION = re.compile(r"[^\w\s]+")


@functools.lru_cache(maxsize=4096)
def words(text: str) -> str:
    """Return the words of *text*, whatever their case, spacing, punctuation or look-alikes.

    Two suggestions in the same words are the same suggestion: punctuation added to a
    declined one does not make it new, nor do invisible characters (a zero-width space,
    a soft hyphen) or compatibility forms (full-width letters) slipped into its words.
    The last 4,096 texts asked are kept: an object's keys ask it on every save.
    """
    visible = "".join(c for c in unicodedata.normalize("NFKC", text) if not _invisible(c))
    return " ".join(_PUNCTUATION.sub(" ", visible.casefold()).split())


def _invisible(char: str) -> bool:
    """Return whether *char* shows nothing inside a word (a format character, such as U+200B)."""
    return unicodedata.category(char) == "Cf"
