"""Which roles a partner plays in a request: every combination made once, then shared."""

from __future__ import annotations

import itertools

from repairkit.core.engine import EITHER_PARTNER, Role
from repairkit.requests.table import (
    ASKER,
    AWAITED,
    COMMITTED,
    COUNTERPART,
    RECIPIENT,
    REOPEN_ASKED,
    RESUME_ASKED,
)

__all__ = ["ROLES"]


def _roles(
    asker: bool, awaited: bool, committed: bool | None, reopen_asked: bool, resume_asked: bool
) -> frozenset[Role]:
    roles = {EITHER_PARTNER, ASKER if asker else RECIPIENT}
    if awaited:
        roles.add(AWAITED)
    if committed is not None:
        roles.add(COMMITTED if committed else COUNTERPART)
    if reopen_asked:
        roles.add(REOPEN_ASKED)
    if resume_asked:
        roles.add(RESUME_ASKED)
    return frozenset(roles)


_FLAGS = (True, False)
ROLES: dict[tuple[bool, bool, bool | None, bool, bool], frozenset[Role]] = {
    key: _roles(*key)
    for key in itertools.product(_FLAGS, _FLAGS, (True, False, None), _FLAGS, _FLAGS)
}
"""The roles of a partner, keyed by (is the asker, is awaited, committed (None before
agreement, else whether they carry it out), is asked to reopen, is asked to resume)."""
