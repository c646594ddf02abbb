"""The relationship's states, roles and table: shared settings change only by consent."""

from __future__ import annotations

import enum

from repairkit.core.engine import EITHER_PARTNER, Move, Role, Workflow

__all__ = [
    "INVITED",
    "INVITER",
    "PAUSED",
    "RELATIONSHIP_WORKFLOW",
    "SETTINGS_ASKED",
    "SETTINGS_PROPOSER",
    "RelationshipState",
]


class RelationshipState(enum.StrEnum):
    """A relationship starts invited, and is active while the partners use repairkit together."""

    INVITED = "invited"
    """One person invited the other; nothing reaches the invited person until they accept."""
    ACTIVE = "active"
    """The invited person accepted: both use repairkit together."""
    DECLINED = "declined"
    """The invited person said no; nothing happened in it, and a no is a fair answer."""
    WITHDRAWN = "withdrawn"
    """The person who invited took the invitation back before an answer."""
    ENDED = "ended"
    """A partner left; nothing more happens in it."""


SETTINGS_PROPOSER = Role("proposer", "the partner who suggested the settings")
"""The partner whose suggested settings await the other's answer."""
SETTINGS_ASKED = Role(
    "partner asked",
    "the partner asked about the suggested settings",
    refusal="Only {description} can {trigger} now.",
)
"""The partner whose answer to suggested settings is awaited."""
PAUSED = Role("partner who paused", "the partner who paused")
"""A partner who paused: only they can come back."""
INVITER = Role(
    "inviter",
    "the person who sent the invitation",
    refusal="Only {description} can {trigger} it.",
)
"""The person who invited the other, while the invitation awaits an answer."""
INVITED = Role(
    "invited",
    "the person invited",
    refusal="Only {description} can {trigger}.",
)
"""The person invited, while the invitation awaits their answer."""

_A = RelationshipState.ACTIVE
RELATIONSHIP_WORKFLOW = Workflow(
    "relationship",
    RelationshipState,
    _A,
    (
        Move(
            "accept_invitation",
            (RelationshipState.INVITED,),
            _A,
            INVITED,
            description="Accept the invitation, and the settings it came with: both begin.",
        ),
        Move(
            "decline_invitation",
            (RelationshipState.INVITED,),
            RelationshipState.DECLINED,
            INVITED,
            description="Say no to the invitation: a fair answer, and nothing begins.",
        ),
        Move(
            "withdraw_invitation",
            (RelationshipState.INVITED,),
            RelationshipState.WITHDRAWN,
            INVITER,
            description="Take one's own invitation back before it is answered.",
        ),
        Move(
            "propose_settings",
            (_A,),
            _A,
            EITHER_PARTNER,
            description="Suggest new shared settings; they apply only once the other agrees.",
        ),
        Move(
            "agree_to_settings",
            (_A,),
            _A,
            SETTINGS_ASKED,
            description="Agree to the suggested settings: they take effect.",
        ),
        Move(
            "decline_settings",
            (_A,),
            _A,
            SETTINGS_ASKED,
            description="Keep the settings as they are; a no is a fair answer.",
            answers="propose_settings",
        ),
        Move(
            "withdraw_settings",
            (_A,),
            _A,
            SETTINGS_PROPOSER,
            description="Take back one's own suggestion.",
        ),
        Move(
            "withdraw_consent_to_settings",
            (_A,),
            _A,
            EITHER_PARTNER,
            description="Withdraw one's consent to the shared rules, alone: the defaults apply.",
        ),
        Move(
            "pause",
            (_A,),
            _A,
            EITHER_PARTNER,
            description="Pause, alone: nothing reaches this partner until they come back.",
        ),
        Move(
            "come_back",
            (_A,),
            _A,
            PAUSED,
            description="End one's own pause; what waited is delivered.",
        ),
        Move(
            "set_quiet_hours",
            (_A,),
            _A,
            EITHER_PARTNER,
            description="Set or clear one's own quiet hours, privately: the other is not told.",
        ),
        Move(
            "leave",
            (_A,),
            RelationshipState.ENDED,
            EITHER_PARTNER,
            description="Leave, alone: everything open closes, neutrally, for both.",
        ),
    ),
)
"""The relationship's table: it starts by invitation; shared settings change only by consent."""
