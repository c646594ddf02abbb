"""A workflow added from outside: one package and one registry line; no subclass of the kit."""

from __future__ import annotations

from pathlib import Path

import pytest

import repairkit
from appreciation.model import AppreciationState
from appreciation.notices import AppreciationNotice
from appreciation.spec import APPRECIATIONS
from conftest import invite_and_accept
from repairkit import InvalidInput, NotPermitted, RepairKit
from repairkit.adapters import MemoryStorage, SQLiteStorage
from repairkit.core import Registry
from repairkit.ports import Storage
from repairkit.testing import NOTES, SafetyContract, StorageContract, WorkflowContract

# The registry line:
WORKFLOWS = repairkit.WORKFLOWS.with_workflows(APPRECIATIONS)


class TestAppreciationContract(WorkflowContract):
    workflows = WORKFLOWS


class TestAppreciationIsSafe(SafetyContract):
    workflows = WORKFLOWS


class TestAppreciationContractOnSQLite(WorkflowContract):
    workflows = WORKFLOWS

    @pytest.fixture(autouse=True)
    def _folder(self, tmp_path_factory: pytest.TempPathFactory) -> None:
        self.folder = tmp_path_factory.mktemp("appreciation")
        self.count = 0

    def make_storage(self, workflows: Registry) -> Storage:
        self.count += 1
        return SQLiteStorage(self.folder / f"{self.count}.db", workflows=workflows)


class TestStorageWithAppreciationsInMemory(StorageContract):
    workflows = WORKFLOWS.with_workflows(NOTES)

    def make_storage(self, workflows: Registry) -> Storage:
        return MemoryStorage(workflows=workflows)


class TestStorageWithAppreciationsOnSQLite(StorageContract):
    workflows = WORKFLOWS.with_workflows(NOTES)

    @pytest.fixture(autouse=True)
    def _file(self, tmp_path: Path) -> None:
        self.path = tmp_path / "contract.db"

    def make_storage(self, workflows: Registry) -> Storage:
        return SQLiteStorage(self.path, workflows=workflows)

    def reopen(self, storage: Storage) -> Storage | None:
        return SQLiteStorage(self.path, workflows=self.workflows)


@pytest.fixture(params=["memory", "sqlite"])
def kit(request: pytest.FixtureRequest, tmp_path: Path) -> RepairKit:
    """A kit that runs the appreciation workflow, on each storage."""
    notifier = repairkit.MemoryNotifier()
    storage: Storage = (
        MemoryStorage(workflows=WORKFLOWS)
        if request.param == "memory"
        else SQLiteStorage(tmp_path / "kit.db", workflows=WORKFLOWS)
    )
    return RepairKit(storage=storage, notifier=notifier, workflows=WORKFLOWS)


def test_an_appreciation_is_sent_and_acknowledged(kit: RepairKit):
    """The new workflow runs through the kit's pipeline, with its own notices and queries."""
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
    appreciations = kit.workflow(APPRECIATIONS)  # typed: AppreciationCommands
    sent = appreciations.send(couple.id, actor="ana", text="Thank you for Sunday.")
    done = appreciations.acknowledge(sent.id, actor="ben")
    assert done.state is AppreciationState.ACKNOWLEDGED
    assert isinstance(kit.notifier, repairkit.MemoryNotifier)
    assert [(n.recipient, n.kind) for n in kit.notifier.received] == [
        ("ben", AppreciationNotice.APPRECIATION_SENT),
        ("ana", AppreciationNotice.APPRECIATION_ACKNOWLEDGED),
    ]
    found = appreciations.find(couple.id, actor="ben", states=["acknowledged"])
    assert [a.id for a in found] == [sent.id]
    assert [e.TAG for e in appreciations.events(sent.id, actor="ana")] == [
        "appreciation.sent",
        "appreciation.acknowledged",
    ]


def test_refusals_speak_of_the_appreciation_in_its_own_words(kit: RepairKit):
    """A refusal names the workflow's noun and role, never the request's."""
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
    sent = kit.workflow(APPRECIATIONS).send(couple.id, actor="ana", text="Thank you for Sunday.")
    with pytest.raises(NotPermitted) as refused:
        kit.workflow(APPRECIATIONS).let_be(sent.id, actor="ana")
    assert str(refused.value) == (
        "Only the partner the appreciation is for can let_be this appreciation now."
    )


def test_a_storage_of_other_workflows_is_refused():
    """A kit and its storage must share one registry."""
    with pytest.raises(InvalidInput, match="same registry"):
        RepairKit(storage=MemoryStorage(), workflows=WORKFLOWS)


def test_a_workflow_the_kit_does_not_run_is_refused():
    """`kit.workflow` answers only for the workflows the kit was made with."""
    with RepairKit() as plain:
        with pytest.raises(InvalidInput, match="register it first"):
            plain.workflow(APPRECIATIONS)
        with pytest.raises(InvalidInput, match="register it first"):
            plain.workflow(repairkit.core.spec.RELATIONSHIP)  # a workflow without commands
    assert RepairKit(workflows=WORKFLOWS).workflow(APPRECIATIONS).entity.WORKFLOW.name == (
        "appreciation"
    )
