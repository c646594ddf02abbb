"""The rules of the private log and of joint reviews: lengths, tags, periods."""

from __future__ import annotations

from typing import Any, Final

import attrs

from repairkit.core.dayparts import Starts, part_starts
from repairkit.core.settings import WorkflowRules, between, reask_wait_field
from repairkit.errors import InvalidInput

__all__ = ["HELPED_TAGS", "TRIGGER_TAGS", "LogRules", "ReviewRules"]

TRIGGER_TAGS: Final[tuple[str, ...]] = (
    "tiredness",
    "stress from outside",
    "talking past each other",
    "criticism",
    "plans changed",
    "time apart",
    "screens",
    "time together",
    "a kind word",
    "touch",
)
"""The tags a trigger may carry, for a withdrawal or a surge of closeness alike
(repairkit's own list, after the practice in docs/practices.md: "what triggered a
withdrawal or a surge of closeness"). Tags let a review count patterns without reading
anyone's words."""

HELPED_TAGS: Final[tuple[str, ...]] = (
    "a pause",
    "listening back",
    "a kind word",
    "touch",
    "an apology",
    "time together",
    "time alone",
    "a walk",
)
"""The tags of what reduced the harm (repairkit's own list, after the practice's "what
actions mitigated the harm" and the skills of docs/practices.md)."""

_TAG_LENGTH = 60
"""The longest tag, in characters (repairkit's own)."""


def _tags(_instance: object, attribute: attrs.Attribute[tuple[str, ...]], value: Any) -> None:  # noqa: ANN401
    if (
        not isinstance(value, tuple)
        or not value
        or len(set(value)) != len(value)
        or not all(isinstance(t, str) and t.strip() and len(t) <= _TAG_LENGTH for t in value)
    ):
        raise InvalidInput(attribute.name, "needs one or more distinct tags, each a short text.")


@attrs.frozen(kw_only=True)
class LogRules(WorkflowRules):
    """The rules of the private log: ``RelationshipSettings(rules=[LogRules()])``.

    The practice (docs/practices.md, the private log) gives no numbers: every default
    here is repairkit's own.
    """

    max_text_length: int = attrs.field(default=500, validator=between(20, 5_000, "max_text_length"))
    """The longest "what", "trigger" or "helped" accepted, in characters (repairkit's own
    default: a few sentences, in one's own words)."""
    trigger_tags: tuple[str, ...] = attrs.field(default=TRIGGER_TAGS, validator=_tags)
    """The tags a trigger may carry (`TRIGGER_TAGS`, repairkit's own list)."""
    helped_tags: tuple[str, ...] = attrs.field(default=HELPED_TAGS, validator=_tags)
    """The tags of what helped (`HELPED_TAGS`, repairkit's own list)."""
    max_tags: int = attrs.field(default=3, validator=between(1, 10, "max_tags"))
    """How many tags of each sort one entry carries at most (repairkit's own default)."""
    morning_from: int = attrs.field(default=5, validator=between(0, 23, "morning_from"))
    """The hour the morning begins, local time (repairkit's own default: 05:00)."""
    afternoon_from: int = attrs.field(default=12, validator=between(0, 23, "afternoon_from"))
    """The hour the afternoon begins (repairkit's own default: noon)."""
    evening_from: int = attrs.field(default=17, validator=between(0, 23, "evening_from"))
    """The hour the evening begins (repairkit's own default: 17:00)."""
    night_from: int = attrs.field(default=22, validator=between(0, 23, "night_from"))
    """The hour the night begins (repairkit's own default: 22:00); it lasts until the next
    morning and belongs to the day it began on."""

    def __attrs_post_init__(self) -> None:
        """Refuse parts of the day out of order."""
        if not self.morning_from < self.afternoon_from < self.evening_from < self.night_from:
            raise InvalidInput(
                "morning_from",
                "needs the morning, afternoon, evening and night to begin in that order.",
            )

    @property
    def part_starts(self) -> Starts:
        """When each part of the day begins, local time."""
        return part_starts(
            self.morning_from, self.afternoon_from, self.evening_from, self.night_from
        )


@attrs.frozen(kw_only=True)
class ReviewRules(WorkflowRules):
    """The rules of joint reviews: ``RelationshipSettings(rules=[ReviewRules()])``.

    The practice (docs/practices.md, the private log: shared entries reviewed together
    show frequent triggers, what helps, and trends over weeks) gives no numbers: every
    default here is repairkit's own.
    """

    max_period_weeks: int = attrs.field(default=12, validator=between(1, 53, "max_period_weeks"))
    """The longest period one review looks back over, in weeks (repairkit's own default:
    about a season; trends over weeks, never a lifetime tally)."""
    top_tags: int = attrs.field(default=3, validator=between(1, 10, "top_tags"))
    """How many of the most frequent tags a review shows, of each sort (repairkit's own)."""
    max_takeaways: int = attrs.field(default=5, validator=between(1, 20, "max_takeaways"))
    """How many takeaways one review holds (repairkit's own default)."""
    max_takeaways_each: int = attrs.field(
        default=attrs.Factory(lambda rules: -(-rules.max_takeaways // 2), takes_self=True),
        validator=between(1, 20, "max_takeaways_each"),
    )
    """How many of them each partner writes at most, so neither fills the review alone
    (repairkit's own default: half of `max_takeaways`, rounded up; at most that)."""
    max_text_length: int = attrs.field(default=300, validator=between(20, 5_000, "max_text_length"))
    """The longest takeaway accepted, in characters (repairkit's own default)."""
    answer_days: int = attrs.field(default=7, validator=between(1, 60, "answer_days"))
    """How long a proposal waits for the other partner's answer before it lapses,
    neutrally and counted nowhere (repairkit's own default: a week)."""
    reask_wait_hours: int = reask_wait_field()
    """After the other partner said no, how long before the proposer may propose a review
    again (repairkit's own default, 24 hours; 0 turns the wait off). One proposal of
    each partner's waits for an answer at a time, whatever this says."""

    def __attrs_post_init__(self) -> None:
        """Refuse a share of takeaways larger than the review holds."""
        if self.max_takeaways_each > self.max_takeaways:
            raise InvalidInput(
                "max_takeaways_each",
                "is more than the review holds (max_takeaways); a share of it fits.",
            )
