"""Run the safety suite over every workflow repairkit ships, on memory and SQLite."""

from __future__ import annotations

import pytest

from repairkit.adapters import SQLiteStorage
from repairkit.core import Registry
from repairkit.ports import Storage
from repairkit.testing import SafetyContract
from repairkit.testing.safety import blaming_words


class TestShippedWorkflowsAreSafe(SafetyContract):
    pass


class TestShippedWorkflowsAreSafeOnSQLite(SafetyContract):
    @pytest.fixture(autouse=True)
    def _folder(self, tmp_path_factory: pytest.TempPathFactory) -> None:
        self.folder = tmp_path_factory.mktemp("safety")
        self.count = 0

    def make_storage(self, workflows: Registry) -> Storage:
        self.count += 1
        return SQLiteStorage(self.folder / f"{self.count}.db", workflows=workflows)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("You never answer.", ["never"]),
        ("This is overdue, again.", ["overdue", "again"]),
        ("I felt ignored and let down.", ["ignored", "let down"]),
        ("A request was made to you. Take your time to answer.", []),
        ("Still waiting", ["Still"]),
    ],
)
def test_the_word_check_finds_blaming_words(text, found):
    """The check the suite applies finds absolutes, pressure and faux feelings."""
    assert blaming_words(text) == found


def test_every_workflow_with_commands_declares_its_safety():
    """A workflow that people act on cannot opt out of the safety suite."""
    import repairkit  # noqa: PLC0415

    for spec in repairkit.WORKFLOWS:
        if spec.commands is not None:
            assert spec.safety is not None, f"{spec.name} declares no SafetySpec"
