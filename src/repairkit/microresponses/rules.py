"""The rules of micro-responses: parts of the day, words, the weeks counted, couple totals."""

from __future__ import annotations

import attrs

from repairkit.core.dayparts import Starts, part_starts
from repairkit.core.settings import WorkflowRules, between
from repairkit.errors import InvalidInput

__all__ = ["MicroResponseRules"]


def _flag(_instance: object, _attribute: object, value: bool) -> None:
    if not isinstance(value, bool):
        raise InvalidInput("couple_totals", "needs True or False.")


@attrs.frozen(kw_only=True)
class MicroResponseRules(WorkflowRules):
    """The rules of micro-responses: ``RelationshipSettings(rules=[MicroResponseRules()])``.

    The practice asks for small, frequent acts and says that consistency matters more
    than intensity; it sets no number, and repairkit sets none either (no quota, no
    streak). Every bound here is repairkit's own.

    ``couple_totals`` is shared and needs both partners' consent, as every rule does
    (``kit.relationships.propose_settings`` and ``agree_to_settings``); either partner
    withdraws it alone and at once (``withdraw_consent_to_settings``).
    """

    morning_from: int = attrs.field(default=5, validator=between(0, 23, "morning_from"))
    """The hour the morning starts, in the couple's time zone (repairkit's own default)."""
    afternoon_from: int = attrs.field(default=12, validator=between(0, 23, "afternoon_from"))
    """The hour the afternoon starts (repairkit's own default)."""
    evening_from: int = attrs.field(default=17, validator=between(0, 23, "evening_from"))
    """The hour the evening starts (repairkit's own default)."""
    night_from: int = attrs.field(default=22, validator=between(0, 23, "night_from"))
    """The hour the night starts; it lasts until the morning and belongs to the day it
    began on (repairkit's own default)."""
    max_words_length: int = attrs.field(
        default=300, validator=between(20, 2_000, "max_words_length")
    )
    """The longest words one may keep with a micro-response, in characters (repairkit's own
    default: a sentence or two)."""
    weeks_counted: int = attrs.field(default=12, validator=between(1, 104, "weeks_counted"))
    """How many weeks, this one included, counts go back when no start is given
    (repairkit's own default: about a quarter, a rolling window rather than a record)."""
    couple_totals: bool = attrs.field(default=False, validator=_flag)
    """Whether both partners agreed to see couple totals: sums over both, never split by
    person (repairkit's own default: off; it needs both partners' consent)."""

    def __attrs_post_init__(self) -> None:
        """Refuse parts of the day out of order: morning, afternoon, evening, night."""
        if not self.morning_from < self.afternoon_from < self.evening_from < self.night_from:
            raise InvalidInput(
                "morning_from",
                "needs the parts of the day in order: morning, afternoon, evening, night.",
            )

    @property
    def part_starts(self) -> Starts:
        """When each part of the day begins, local time (`repairkit.core.part_starts`)."""
        return part_starts(
            self.morning_from, self.afternoon_from, self.evening_from, self.night_from
        )
