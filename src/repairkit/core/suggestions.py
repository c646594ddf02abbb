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

A no to a *new* object (an invitation to a repair, a joint review, a therapy plan) is
kept on the declined object itself: its index key (`declined_key`, "declined on")
names who asked and the day of the no, so `reopens_at` reads only the few days the
pause reaches back to, never every object declined.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Final, Protocol

import attrs

from repairkit.core.settings import MAX_REASK_PAUSE_HOURS, REASK_WAIT_HOURS, reask_wait_field
from repairkit.core.values import PersonId

__all__ = [
    "DECLINED_ON",
    "REASK_WAIT_HOURS",
    "HeardNo",
    "declined_key",
    "heard",
    "reask_wait_field",
    "reopens_at",
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


DECLINED_ON: Final = "declined on"
"""The index key of an object said no to: ``"<who asked>:<the day of the no, UTC>"``."""


class _Declined(Protocol):
    @property
    def changed_at(self) -> datetime | None: ...


def declined_key(asker: PersonId, at: datetime) -> tuple[str, str]:
    """Return the index key of an object *asker* heard a no to at *at* (`DECLINED_ON`)."""
    return (DECLINED_ON, _declined_on(asker, at.astimezone(UTC).date()))


def _declined_on(asker: PersonId, day: date) -> str:
    return f"{asker}:{day.isoformat()}"


def reopens_at(
    keyed: Callable[[str], Iterable[_Declined]], asker: PersonId, now: datetime, pause: timedelta
) -> datetime | None:
    """Return when *asker* may ask anew after a no to a new object, or None if they may now.

    *keyed* loads the objects stored under one `DECLINED_ON` value (its key's text, such
    as ``"ana:2026-05-04"``); only the days *pause* reaches back to are read: a couple's
    tenth year costs what their first week did.
    """
    latest: datetime | None = None
    day = (now - pause).astimezone(UTC).date()
    while pause and day <= now.astimezone(UTC).date():  # a few days of the index at most
        for declined in keyed(_declined_on(asker, day)):
            if declined.changed_at is not None and (latest is None or declined.changed_at > latest):
                latest = declined.changed_at
        day += timedelta(days=1)
    if latest is None or now >= latest + pause:
        return None
    return latest + pause


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
