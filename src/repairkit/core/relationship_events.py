"""The relationship's events and who hears of them, in repairkit's calm words."""

from __future__ import annotations

import enum

import attrs

from repairkit.core.events import DomainEvent
from repairkit.core.notices import NoticeRule, Quiet, tell_audience
from repairkit.core.quiet import QuietHours
from repairkit.core.settings import RelationshipSettings
from repairkit.core.values import PersonId

__all__ = [
    "RELATIONSHIP_EVENTS",
    "RELATIONSHIP_NOTICES",
    "InvitationAccepted",
    "InvitationDeclined",
    "InvitationWithdrawn",
    "PartnerCameBack",
    "PartnerInvited",
    "PartnerLeft",
    "PartnerPaused",
    "QuietHoursSet",
    "RelationshipNotice",
    "RelationshipStarted",
    "SettingsChanged",
    "SettingsConsentWithdrawn",
    "SettingsDeclined",
    "SettingsProposed",
    "SettingsWithdrawn",
]


@attrs.frozen(kw_only=True)
class RelationshipStarted(DomainEvent):
    """Two partners started using repairkit together (recorded before invitations, 0.x).

    Kept so that stored histories still read: a relationship started so was active at
    once. A relationship begins with `PartnerInvited` now.
    """

    TAG = "relationship.started"

    partners: tuple[PersonId, PersonId]
    settings: RelationshipSettings


@attrs.frozen(kw_only=True)
class PartnerInvited(DomainEvent):
    """One person invited the other (the second of ``partners``) to use repairkit together."""

    TAG = "relationship.invited"

    partners: tuple[PersonId, PersonId]
    settings: RelationshipSettings
    """The settings the invitation comes with; accepting it agrees to them."""


@attrs.frozen(kw_only=True)
class InvitationAccepted(DomainEvent):
    """The invited person accepted: the relationship is active."""

    TAG = "relationship.invitation_accepted"


@attrs.frozen(kw_only=True)
class InvitationDeclined(DomainEvent):
    """The invited person said no; nothing began."""

    TAG = "relationship.invitation_declined"


@attrs.frozen(kw_only=True)
class InvitationWithdrawn(DomainEvent):
    """The person who invited took the invitation back before an answer."""

    TAG = "relationship.invitation_withdrawn"


@attrs.frozen(kw_only=True)
class SettingsChanged(DomainEvent):
    """The shared settings changed: the partner who acted agreed to the other's suggestion."""

    TAG = "relationship.settings_changed"

    settings: RelationshipSettings


@attrs.frozen(kw_only=True)
class SettingsProposed(DomainEvent):
    """A partner suggested new shared settings; nothing changes until the other agrees."""

    TAG = "relationship.settings_proposed"
    TELLS_NEWS = True  # a suggestion over one's own waiting one asks anew: each one counts

    settings: RelationshipSettings


@attrs.frozen(kw_only=True)
class SettingsDeclined(DomainEvent):
    """The partner asked kept the settings as they are."""

    TAG = "relationship.settings_declined"


@attrs.frozen(kw_only=True)
class SettingsWithdrawn(DomainEvent):
    """The partner who suggested new settings took the suggestion back."""

    TAG = "relationship.settings_withdrawn"


@attrs.frozen(kw_only=True)
class SettingsConsentWithdrawn(DomainEvent):
    """A partner withdrew their consent to the shared rules: repairkit's defaults apply."""

    TAG = "relationship.settings_consent_withdrawn"


@attrs.frozen(kw_only=True)
class PartnerPaused(DomainEvent):
    """A partner paused; no reason is ever recorded."""

    TAG = "relationship.paused"
    SAFETY_HOOK = True


@attrs.frozen(kw_only=True)
class PartnerCameBack(DomainEvent):
    """A partner who paused came back."""

    TAG = "relationship.came_back"
    SAFETY_HOOK = True


@attrs.frozen(kw_only=True)
class PartnerLeft(DomainEvent):
    """A partner left; their part of everything open was ended first."""

    TAG = "relationship.left"
    SAFETY_HOOK = True


@attrs.frozen(kw_only=True)
class QuietHoursSet(DomainEvent):
    """A partner set or cleared their own quiet hours; the event is private to them."""

    TAG = "relationship.quiet_hours_set"

    quiet_hours: QuietHours | None
    """The new quiet hours; None when they were cleared."""


class RelationshipNotice(enum.StrEnum):
    """What the relationship's notifications are about."""

    SETTINGS_CHANGED = "settings changed"
    SETTINGS_PROPOSED = "settings suggested"
    SETTINGS_KEPT = "settings kept"
    SETTINGS_WITHDRAWN = "settings suggestion withdrawn"
    SETTINGS_DEFAULTS = "settings back to defaults"
    PARTNER_PAUSED = "partner paused"
    PARTNER_CAME_BACK = "partner came back"
    """No longer sent (coming back is silent); kept so that older outboxes still read."""
    PARTNER_LEFT = "partner left"


RELATIONSHIP_NOTICES: dict[type[DomainEvent], NoticeRule | Quiet] = {
    RelationshipStarted: Quiet("Recorded before invitations: nobody is told anything new."),
    PartnerInvited: Quiet(
        "Nothing reaches the invited person before they accept; the app shows the invitation"
        " in its own way (kit.relationships.invitations)."
    ),
    InvitationAccepted: Quiet(
        "The person who invited reads the answer where the app shows the relationship"
        " (kit.relationships.for_person); repairkit sends nothing about it."
    ),
    InvitationDeclined: Quiet(
        "A no is a fair answer, and not announced: the person who invited reads it where the"
        " app shows the relationship (kit.relationships.for_person)."
    ),
    InvitationWithdrawn: Quiet("The invited person was never told of the invitation."),
    SettingsProposed: tell_audience(
        RelationshipNotice.SETTINGS_PROPOSED,
        "A change to your shared settings was suggested. It applies only if you agree.",
    ),
    SettingsChanged: tell_audience(
        RelationshipNotice.SETTINGS_CHANGED,
        "The change you suggested to your shared settings was agreed, and is in effect.",
    ),
    SettingsDeclined: tell_audience(
        RelationshipNotice.SETTINGS_KEPT,
        "Your shared settings stay as they are. A no is a fair answer.",
    ),
    SettingsWithdrawn: tell_audience(
        RelationshipNotice.SETTINGS_WITHDRAWN,
        "A suggested change to your shared settings was withdrawn; nothing is needed from you.",
    ),
    SettingsConsentWithdrawn: tell_audience(
        RelationshipNotice.SETTINGS_DEFAULTS,
        "Your shared settings are back to repairkit's standard ones for now. New ones apply once"
        " you both agree to them.",
    ),
    PartnerPaused: tell_audience(
        RelationshipNotice.PARTNER_PAUSED,
        "Your partner paused repairkit for now. Nothing is needed from you.",
    ),
    PartnerCameBack: Quiet("Coming back is the person's own: nobody else is told of it."),
    QuietHoursSet: Quiet("Quiet hours are the person's own: nobody else is told of them."),
    PartnerLeft: tell_audience(
        RelationshipNotice.PARTNER_LEFT,
        "Your partner has left repairkit. Everything that was open between you has been"
        " closed, and nothing is needed from you.",
    ),
}


RELATIONSHIP_EVENTS: tuple[type[DomainEvent], ...] = (
    RelationshipStarted,
    PartnerInvited,
    InvitationAccepted,
    InvitationDeclined,
    InvitationWithdrawn,
    SettingsProposed,
    SettingsChanged,
    SettingsDeclined,
    SettingsWithdrawn,
    SettingsConsentWithdrawn,
    PartnerPaused,
    PartnerCameBack,
    QuietHoursSet,
    PartnerLeft,
)
"""Every event type the relationship records."""
