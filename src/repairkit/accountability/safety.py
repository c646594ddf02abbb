"""How the safety suite drives accountability agreements through random histories."""

from __future__ import annotations

import itertools
import uuid
from datetime import datetime
from typing import Any

from repairkit.accountability.items import ItemTerms
from repairkit.accountability.terms import Consequence, ConsequenceKind
from repairkit.core.leaving import CLOSE_BY_LEAVING
from repairkit.core.spec import Choose, SafetySpec

__all__ = ["AGREEMENT_SAFETY"]

_ITEMS = (
    (ItemTerms(behaviour="No raised voices in an argument."),),
    (
        ItemTerms(behaviour="Ask before making plans for both of us."),
        ItemTerms(
            behaviour="Take a time-out early.",
            consequence=Consequence(kind=ConsequenceKind.EXTRA_CHECK_IN),
        ),
    ),
    (),
    (ItemTerms(behaviour="x" * 400),),
    (ItemTerms(behaviour="Be kind.", consequence=Consequence(kind="no phone for a week")),),
)
"""Lists the rules accept, then lists they refuse (empty, too long, a kind outside the set)."""

_NOWHERE = uuid.UUID("00000000-0000-4000-8000-00000000a11e")
"""An item id no list holds: the suite sees item moves refused alike for every reader."""


_FRESH = itertools.count(1)
"""Numbers a proposed item, so that an added item never repeats one the list holds."""


def _propose(choose: Choose, _now: datetime) -> dict[str, Any]:
    return {"items": choose(_ITEMS)}


def _move(trigger: str, choose: Choose) -> dict[str, Any]:
    if trigger == "propose_change":
        return {
            "kind": choose(("add", "remove", "swap")),
            "terms": ItemTerms(
                behaviour=f"Say what I need, not what the other did ({next(_FRESH)})."
            ),
            "item_id": _NOWHERE,
        }
    if trigger in {"withdraw_consent", "accept_offer", "not_now", "review_held"}:
        return {"item_id": _NOWHERE}
    return {}


AGREEMENT_SAFETY = SafetySpec(
    on_leaving=CLOSE_BY_LEAVING,
    exits=frozenset({"withdraw", "decline", "withdraw_consent", "end", "not_now"}),
    declines=frozenset({"decline", "keep_current", "not_now"}),
    create="propose",
    create_arguments=_propose,
    move_arguments=_move,
)
"""Either partner ends their part alone; whoever is asked can say no."""
