"""The appreciation workflow's declaration: what a registry line names."""

from __future__ import annotations

from appreciation.commands import AppreciationCommands
from appreciation.events import AppreciationAcknowledged, AppreciationLetBe, AppreciationSent
from appreciation.model import APPRECIATION_WORKFLOW, Appreciation
from appreciation.notices import APPRECIATION_NOTICES, AppreciationNotice
from repairkit.core import CLOSE_BY_LEAVING, PersonalData, SafetySpec, WorkflowSpec

SAFETY = SafetySpec(
    exits=frozenset({"acknowledge", "let_be"}),  # the receiver ends their part either way
    declines=frozenset({"let_be"}),  # and letting it be is their no, counted nowhere
    on_leaving=CLOSE_BY_LEAVING,  # when a partner leaves, repairkit closes it, telling nobody
    create="send",
    create_arguments=lambda choose, _now: {"text": choose(["Thank you for Sunday."])},
)

APPRECIATIONS = WorkflowSpec(
    name="appreciation",
    entity=Appreciation,
    workflow=APPRECIATION_WORKFLOW,
    events=(AppreciationSent, AppreciationAcknowledged, AppreciationLetBe),
    notices=APPRECIATION_NOTICES,
    notice_kinds=AppreciationNotice,
    summary="A partner sends an appreciation; the other acknowledges it or lets it be.",
    namespace="appreciations",
    commands=AppreciationCommands,
    safety=SAFETY,
    personal=PersonalData(texts={"text": "sender"}),  # what kit.erase removes of a person
)
