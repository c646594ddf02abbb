"""A workflow added from outside: one package, one registry line, one kit attribute."""

from __future__ import annotations

from pathlib import Path

import pytest

import repairkit
from appreciation.commands import AppreciationCommands
from appreciation.model import AppreciationState
from appreciation.notices import AppreciationNotice
from appreciation.spec import APPRECIATIONS
from repairkit import NotPermitted, RepairKit
from repairkit.adapters import MemoryStorage, SQLiteStorage
from repairkit.core import Registry
from repairkit.ports import Storage
from repairkit.testing import NOTES, SafetyContract, StorageContract, WorkflowContract

# The registry line:
WORKFLOWS = repairkit.WORKFLOWS.with_workflows(APPRECIATIONS)


# The kit attribute:
class Kit(RepairKit):
    appreciations: AppreciationCommands


class TestAppreciationContract(WorkflowContract):
    workflows = WORKFLOWS
    kit_type = Kit


class TestAppreciationIsSafe(SafetyContract):
    workflows = WORKFLOWS
    kit_type = Kit


class TestAppreciationContractOnSQLite(WorkflowContract):
    workflows = WORKFLOWS
    kit_type = Kit

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
def kit(request: pytest.FixtureRequest, tmp_path: Path) -> Kit:
    """A kit that runs the appreciation workflow, on each storage."""
    notifier = repairkit.MemoryNotifier()
    storage: Storage = (
        MemoryStorage(workflows=WORKFLOWS)
        if request.param == "memory"
        else SQLiteStorage(tmp_path / "kit.db", workflows=WORKFLOWS)
    )
    return Kit(storage=storage, notifier=notifier, workflows=WORKFLOWS)


def test_an_appreciation_is_sent_and_acknowledged(kit: Kit):
    """The new workflow runs through the kit's pipeline, with its own notices and queries."""
    couple = kit.start_relationship(("ana", "ben"), actor="ana")
    sent = kit.appreciations.send(couple.id, actor="ana", text="Thank you for Sunday.")
    done = kit.appreciations.acknowledge(sent.id, actor="ben")
    assert done.state is AppreciationState.ACKNOWLEDGED
    assert isinstance(kit.notifier, repairkit.MemoryNotifier)
    assert [(n.recipient, n.kind) for n in kit.notifier.received] == [
        ("ben", AppreciationNotice.APPRECIATION_SENT),
        ("ana", AppreciationNotice.APPRECIATION_ACKNOWLEDGED),
    ]
    found = kit.appreciations.find(couple.id, actor="ben", states=["acknowledged"])
    assert [a.id for a in found] == [sent.id]
    assert [e.TAG for e in kit.appreciations.events(sent.id, actor="ana")] == [
        "appreciation.sent",
        "appreciation.acknowledged",
    ]


def test_refusals_speak_of_the_appreciation_in_its_own_words(kit: Kit):
    """A refusal names the workflow's noun and role, never the request's."""
    couple = kit.start_relationship(("ana", "ben"), actor="ana")
    sent = kit.appreciations.send(couple.id, actor="ana", text="Thank you for Sunday.")
    with pytest.raises(NotPermitted) as refused:
        kit.appreciations.let_be(sent.id, actor="ana")
    assert str(refused.value) == (
        "Only the partner the appreciation is for can let_be this appreciation now."
    )


def test_a_storage_of_other_workflows_is_refused():
    """A kit and its storage must share one registry."""
    with pytest.raises(TypeError, match="same registry"):
        Kit(storage=MemoryStorage(), workflows=WORKFLOWS)
