"""The check-in session's rules: its parts' limits and the signs of a stalemate, by default."""

from __future__ import annotations

import attrs

from repairkit.core.settings import WorkflowRules, between

__all__ = ["SessionRules"]


@attrs.frozen(kw_only=True)
class SessionRules(WorkflowRules):
    """The rules of check-in sessions; set them with ``RelationshipSettings(rules=[...])``.

    The session follows Gottman's "State of the Union" meeting: about an hour, in parts,
    starting with up to five appreciations each. The floor's minutes, the rounds of
    summarising, the sessions an issue may be carried over and the breaks before a
    stalemate is named are repairkit's own defaults: no source gives numbers for them.
    """

    max_appreciations: int = attrs.field(default=5, validator=between(1, 10, "max_appreciations"))
    """How many appreciations each partner may give in one session (five, from Gottman's
    State of the Union; never counted anywhere either partner reads)."""
    minutes: int = attrs.field(default=60, validator=between(15, 180, "minutes"))
    """How long a session is meant to last, in minutes (about an hour, from Gottman's State
    of the Union); shown to the couple, never enforced."""
    max_minutes: int = attrs.field(default=120, validator=between(30, 360, "max_minutes"))
    """How long a session may stay open before repairkit ends it, neutrally (repairkit's
    own default, 120 minutes: twice the hour the practice suggests)."""
    floor_minutes: int = attrs.field(default=5, validator=between(1, 30, "floor_minutes"))
    """How long the speaker has the floor before being told, softly, that the time is up
    (repairkit's own default, 5 minutes); the speaker is never cut off."""
    rounds: int = attrs.field(default=3, validator=between(1, 10, "rounds"))
    """How many times a speaker may say "there is more" in one turn before both hear, in
    neutral words, that a third person could help (repairkit's own default, 3)."""
    carried_over_sessions: int = attrs.field(
        default=3, validator=between(2, 20, "carried_over_sessions")
    )
    """After how many sessions that carried over the same agenda item both hear that a
    third person could help (repairkit's own default, 3)."""
    breaks: int = attrs.field(default=2, validator=between(1, 10, "breaks"))
    """How many breaks in one session are a sign of a stalemate (repairkit's own default,
    2): at that break both hear that a third person could help; no break is refused."""
    max_text_length: int = attrs.field(
        default=500, validator=between(20, 10_000, "max_text_length")
    )
    """The longest text a partner writes in a session, in characters (repairkit's own)."""
    max_entries: int = attrs.field(default=100, validator=between(10, 1_000, "max_entries"))
    """How many texts one session keeps at most, from both partners together (repairkit's
    own bound, so that a stored session stays small)."""
