"""One rule for what is open and what is allowed: `moves`, commands, refusals, awaiting agree."""

from __future__ import annotations

from datetime import timedelta

import pytest

from conftest import BOX
from repairkit import NotAllowedNow, RepairKit
from repairkit.commands import WorkflowCommands

NEED = "to feel we are a team at home"
ASK = "plan the week's meals together on Sunday evenings"
RULE = "No sarcasm when we disagree."


def test_a_redrafted_boundary_after_a_no_lists_no_propose_until_the_pause_ends(kit, couple, clock):
    """After a no, the same words: `moves` leaves out propose exactly while it is refused."""
    first = kit.boundaries.draft(couple.id, actor="ana", rule=RULE)
    kit.boundaries.propose(first.id, actor="ana")
    kit.boundaries.decline(first.id, actor="ben")
    again = kit.boundaries.draft(couple.id, actor="ana", rule=RULE)
    listed = kit.boundaries.moves(again.id, actor="ana")
    assert "propose" not in listed
    assert set(listed) == {"revise", "withdraw"}
    with pytest.raises(NotAllowedNow, match="a short while ago") as refused:
        kit.boundaries.propose(again.id, actor="ana")
    assert refused.value.allowed == listed  # the refusal names what moves() lists
    clock.advance(timedelta(hours=24))
    assert "propose" in kit.boundaries.moves(again.id, actor="ana")
    assert kit.boundaries.propose(again.id, actor="ana").state.value == "proposed"


def test_a_request_held_by_the_pause_after_a_no_lists_no_propose(kit, couple, clock):
    """The same need after a no and one new request: propose is left out, and refused."""
    for ask in (ASK, "Saturdays"):
        sent = kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ask, time_box=BOX)
        kit.requests.propose(sent.id, actor="ana")
        if ask == ASK:
            kit.requests.decline(sent.id, actor="ben")
    held = kit.requests.draft(couple.id, actor="ana", need=NEED, ask="Fridays", time_box=BOX)
    listed = kit.requests.moves(held.id, actor="ana")
    assert "propose" not in listed
    with pytest.raises(NotAllowedNow) as refused:
        kit.requests.propose(held.id, actor="ana")
    assert refused.value.allowed == listed
    clock.advance(timedelta(hours=24))
    assert "propose" in kit.requests.moves(held.id, actor="ana")


def test_once_the_relationship_ended_a_draft_lists_no_propose(kit, couple):
    """A draft kept after leaving cannot be sent, and `moves` says so."""
    draft = kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK, time_box=BOX)
    kit.relationships.leave(couple.id, actor="ben")
    with pytest.raises(NotAllowedNow) as refused:
        kit.requests.propose(draft.id, actor="ana")
    assert "propose" not in kit.requests.moves(draft.id, actor="ana")
    assert "propose" not in refused.value.allowed


def test_awaiting_names_the_moves_the_namespace_allows(kit, couple):
    """`kit.relationships.awaiting` reads the same rule as `moves` for every item."""
    request = kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK, time_box=BOX)
    kit.requests.propose(request.id, actor="ana")
    boundary = kit.boundaries.draft(couple.id, actor="ana", rule=RULE)
    kit.boundaries.propose(boundary.id, actor="ana")
    for item in kit.relationships.awaiting(couple.id, actor="ben"):
        commands = kit.requests if item.kind == "request" else kit.boundaries
        assert item.moves == commands.moves(item.item.id, actor="ben")


def test_every_shipped_precondition_names_a_move_of_its_table():
    """A precondition is declared for a move the workflow has, or it would never be read."""
    with RepairKit() as kit:
        for spec in kit.workflows:
            if spec.commands is None:
                continue
            commands = kit.workflow(spec)
            assert isinstance(commands, WorkflowCommands)
            triggers = {move.trigger for move in spec.workflow.moves}
            assert set(commands.preconditions) <= triggers, spec.name
        assert set(kit.requests.preconditions) == {"propose"}
        assert set(kit.boundaries.preconditions) == {"propose"}
