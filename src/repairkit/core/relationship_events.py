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
    "PartnerCameBack",
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
    """Two partners started using repairkit together."""

    TAG = "relationship.started"

    partners: tuple[PersonId, PersonId]
    settings: RelationshipSettings


@attrs.frozen(kw_only=True)
class SettingsChanged(DomainEvent):
    """The shared settings changed: the partner who acted agreed to the other's suggestion."""

    TAG = "relationship.settings_changed"

    settings: RelationshipSettings


@attrs.frozen(kw_only=True)
class SettingsProposed(DomainEvent):
    """A partner suggested new shared settings; nothing changes until the other agrees."""

    TAG = "relationship.settings_proposed"

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
    PARTNER_LEFT = "partner left"


RELATIONSHIP_NOTICES: dict[type[DomainEvent], NoticeRule | Quiet] = {
    RelationshipStarted: Quiet("The app invites the other partner in its own way."),
    SettingsProposed: tell_audience(
        RelationshipNotice.SETTINGS_PROPOSED,
        "A change to your shared settings was suggested. It applies only if you agree.",
    ),
    SettingsChanged: tell_audience(
        RelationshipNotice.SETTINGS_CHANGED,
        "The change you suggested to your shared settings was agreed; it applies from now on.",
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
    PartnerCameBack: tell_audience(
        RelationshipNotice.PARTNER_CAME_BACK, "Your partner is back in repairkit."
    ),
    QuietHoursSet: Quiet("Quiet hours are the person's own: nobody else is told of them."),
    PartnerLeft: tell_audience(
        RelationshipNotice.PARTNER_LEFT,
        "Your partner has left repairkit. What was open between you is closed; nothing is"
        " needed from you.",
    ),
}


RELATIONSHIP_EVENTS: tuple[type[DomainEvent], ...] = (
    RelationshipStarted,
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
