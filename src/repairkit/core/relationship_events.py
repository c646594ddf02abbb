"""The relationship's events and who hears of them, in repairkit's calm words."""

from __future__ import annotations

import enum

import attrs

from repairkit.core.events import DomainEvent
from repairkit.core.notices import NoticeRule, Quiet, tell_audience
from repairkit.core.settings import RelationshipSettings
from repairkit.core.values import PersonId

__all__ = [
    "RELATIONSHIP_EVENTS",
    "RELATIONSHIP_NOTICES",
    "RelationshipNotice",
    "RelationshipStarted",
    "SettingsChanged",
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


class RelationshipNotice(enum.StrEnum):
    """What the relationship's notifications are about."""

    SETTINGS_CHANGED = "settings changed"
    SETTINGS_PROPOSED = "settings suggested"
    SETTINGS_KEPT = "settings kept"
    SETTINGS_WITHDRAWN = "settings suggestion withdrawn"


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
}


RELATIONSHIP_EVENTS: tuple[type[DomainEvent], ...] = (
    RelationshipStarted,
    SettingsProposed,
    SettingsChanged,
    SettingsDeclined,
    SettingsWithdrawn,
)
"""Every event type the relationship records."""
