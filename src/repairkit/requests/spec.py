"""The Request workflow's declaration: the one thing the registry imports."""

from __future__ import annotations

from collections.abc import Iterator

from repairkit.core.spec import WorkflowSpec
from repairkit.core.suggestions import words
from repairkit.requests.codec import register_hooks
from repairkit.requests.commands import RequestCommands
from repairkit.requests.events import REQUEST_EVENTS
from repairkit.requests.model import REQUEST_WORKFLOW, Request
from repairkit.requests.notices import REQUEST_NOTICES, RequestNotice
from repairkit.requests.rules import RequestRules
from repairkit.requests.safety import REQUEST_SAFETY
from repairkit.requests.table import RequestState

__all__ = ["REQUESTS"]


def _keys(request: Request) -> Iterator[tuple[str, str]]:
    """A request is found by the words of its need, the request it follows, its observation."""
    yield "need", words(request.need)
    if request.follows is not None:
        yield "follows", str(request.follows)
    if request.from_observation is not None:
        yield "observation", str(request.from_observation)


REQUESTS = WorkflowSpec(
    name="request",
    entity=Request,
    workflow=REQUEST_WORKFLOW,
    events=REQUEST_EVENTS,
    notices=REQUEST_NOTICES,
    notice_kinds=RequestNotice,
    summary=(
        "One partner turns a hurt into a request of the other: a need, a concrete ask"
        " and dates. The other can accept it, say no, or offer another way; after a few"
        " rounds without agreement the topic is set aside for the next check-in. Once"
        " agreed, the partner who carries it out marks their own days kept or not; the other"
        " can only note a day, which counts once it is acknowledged."
    ),
    rules=RequestRules,
    namespace="requests",
    commands=RequestCommands,
    codec_hooks=register_hooks,
    safety=REQUEST_SAFETY,
    agenda={
        RequestState.STALLED: "A request set aside",
        RequestState.STEPPED_BACK: "An agreement set down for now",
    },
    keys=_keys,
)
"""The Request workflow, as the registry knows it."""
