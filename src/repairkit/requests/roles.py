"""Which roles a partner plays in a request: made once per combination, then shared."""

from __future__ import annotations

import functools

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

__all__ = ["roles_for"]


@functools.cache
def roles_for(
    *,
    asker: bool,
    awaited: bool,
    committed: bool | None,
    reopen_asked: bool,
    resume_asked: bool,
) -> frozenset[Role]:
    """Return the roles of a partner who is (or is not) the asker, awaited, committed, asked.

    *committed* is None before agreement (nobody carries anything out yet).
    """
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
