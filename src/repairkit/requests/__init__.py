"""The Request workflow: name a need, ask for a change, negotiate it, follow it through."""

from repairkit.requests.commands import RequestCommands
from repairkit.requests.events import (
    AlternativeProposed,
    CompletionReason,
    EndingProposed,
    FollowThroughRecorded,
    KeptGoing,
    NegotiationResumed,
    RequestAccepted,
    RequestCompleted,
    RequestDeclined,
    RequestDrafted,
    RequestProposed,
    RequestRevised,
    RequestWithdrawn,
    SteppedBack,
)
from repairkit.requests.history import Agreement, Answer, Occurrence, RequestHistory
from repairkit.requests.model import REQUEST_WORKFLOW, Offer, Request, RequestState
from repairkit.requests.notices import RequestNotice
from repairkit.requests.rules import RequestRules
from repairkit.requests.spec import REQUESTS

__all__ = [
    "REQUESTS",
    "REQUEST_WORKFLOW",
    "Agreement",
    "AlternativeProposed",
    "Answer",
    "CompletionReason",
    "EndingProposed",
    "FollowThroughRecorded",
    "KeptGoing",
    "NegotiationResumed",
    "Occurrence",
    "Offer",
    "Request",
    "RequestAccepted",
    "RequestCommands",
    "RequestCompleted",
    "RequestDeclined",
    "RequestDrafted",
    "RequestHistory",
    "RequestNotice",
    "RequestProposed",
    "RequestRevised",
    "RequestRules",
    "RequestState",
    "RequestWithdrawn",
    "SteppedBack",
]
