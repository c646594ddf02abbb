"""The Observation rules: how many rounds of mirroring, how long a text may be."""

from __future__ import annotations

from typing import Final

import attrs

from repairkit.core.settings import WorkflowRules, between

__all__ = ["MAX_ROUNDS_LIMIT", "MAX_TEXT_LIMIT", "ObservationRules"]

MAX_ROUNDS_LIMIT: Final = 10
"""The most rounds of mirroring a couple may set (repairkit's own ceiling)."""
MAX_TEXT_LIMIT: Final = 10_000
"""The longest text a couple may allow, in characters (repairkit's own ceiling)."""


@attrs.frozen(kw_only=True)
class ObservationRules(WorkflowRules):
    """The rules of observations, set per relationship like every workflow's rules.

    Set them with ``RelationshipSettings(rules=[ObservationRules(max_rounds=2)])``.

    The practice (docs/practices.md, naming the pattern without blame) describes one
    concrete moment (Nonviolent Communication's observation and feeling) and the Imago
    mirror ("did I get it?"); it gives no numbers. Both defaults below are repairkit's own.
    """

    max_rounds: int = attrs.field(default=3, validator=between(1, MAX_ROUNDS_LIMIT, "max_rounds"))
    """How many times the partner listening may reflect the observation back (repairkit's own
    default). When the author says there is more after the last round, the observation is
    kept for the next check-in, where there is time for the rest."""
    max_text_length: int = attrs.field(
        default=1000, validator=between(20, MAX_TEXT_LIMIT, "max_text_length")
    )
    """The longest moment, effect, feeling, reflection or experience accepted, in characters
    (repairkit's own default: room for one concrete moment, not a list of them)."""
