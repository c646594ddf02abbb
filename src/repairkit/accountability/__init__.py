"""The AccountabilityAgreement workflow: a short list held by both; consequences offered only."""

from repairkit.accountability.commands import AccountabilityCommands
from repairkit.accountability.events import (
    AgreementAgreed,
    AgreementClosedByLeaving,
    AgreementDeclined,
    AgreementEnded,
    AgreementProposed,
    AgreementWithdrawn,
    ChangeAgreed,
    ChangeProposed,
    ChangeWithdrawn,
    ConsequenceOffered,
    ConsequenceTakenOn,
    CurrentListKept,
    ItemConsentWithdrawn,
    OfferForCheckIn,
    OfferLapsed,
    ReviewHeld,
)
from repairkit.accountability.items import (
    AccountabilityItem,
    ChangeKind,
    ItemTerms,
    Offer,
    OfferState,
    ProposedChange,
)
from repairkit.accountability.model import AccountabilityAgreement
from repairkit.accountability.notices import AgreementNotice
from repairkit.accountability.rules import AccountabilityRules
from repairkit.accountability.spec import ACCOUNTABILITY
from repairkit.accountability.table import AGREEMENT_WORKFLOW, AgreementState
from repairkit.accountability.terms import OWN_TIME, Consequence, ConsequenceKind, ExtraKind

__all__ = [
    "ACCOUNTABILITY",
    "AGREEMENT_WORKFLOW",
    "OWN_TIME",
    "AccountabilityAgreement",
    "AccountabilityCommands",
    "AccountabilityItem",
    "AccountabilityRules",
    "AgreementAgreed",
    "AgreementClosedByLeaving",
    "AgreementDeclined",
    "AgreementEnded",
    "AgreementNotice",
    "AgreementProposed",
    "AgreementState",
    "AgreementWithdrawn",
    "ChangeAgreed",
    "ChangeKind",
    "ChangeProposed",
    "ChangeWithdrawn",
    "Consequence",
    "ConsequenceKind",
    "ConsequenceOffered",
    "ConsequenceTakenOn",
    "CurrentListKept",
    "ExtraKind",
    "ItemConsentWithdrawn",
    "ItemTerms",
    "Offer",
    "OfferForCheckIn",
    "OfferLapsed",
    "OfferState",
    "ProposedChange",
    "ReviewHeld",
]
