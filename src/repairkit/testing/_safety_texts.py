"""Rule 8 of the safety suite, over every notice a registry can send.

The histories of `SafetyContract` read only the texts their moves produce; this rule
reads every notice rule of the registry, the relationship's own included (settings,
pause, leave), whatever event it is given, so a text no history reaches is checked too.
"""

from __future__ import annotations

from typing import Any

import attrs
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from repairkit.core.notices import Quiet, notifications_for
from repairkit.core.spec import Registry, WorkflowSpec
from repairkit.i18n import LANGUAGES, translate
from repairkit.testing._words import blaming_words
from repairkit.testing.strategies import built

__all__ = ["CalmNotices"]

_SUITE = settings(
    max_examples=5,  # a notice's words rarely depend on its event: a few of each suffice
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # the failure names its text whole
    # one event of every type per example: a large input by design
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
        HealthCheck.differing_executors,
    ],
)


class CalmNotices:
    """8. Every notice of every workflow of ``workflows`` is calm (a `SafetyContract` rule)."""

    workflows: Registry

    def test_every_notice_is_calm(self) -> None:
        """8. No notice rule of the registry (the relationship's included) says a blaming word.

        Absolutes ("always", "never", "from now on", "finally"), pressure ("again",
        "still", "should", "need to", ...) and faux feelings; for any event of any
        workflow, told to either partner, in English and as every shipped language
        says it (the German list: "immer", "nie", "musst", "schuld", ...). Each
        workflow's events are drawn in examples of their own, so that a registry of
        many workflows never outgrows one example.
        """
        for spec in self.workflows:
            self._calm(spec, self.workflows)

    @staticmethod
    def _calm(spec: WorkflowSpec[Any], registry: Registry) -> None:
        @_SUITE
        @given(data=st.data())
        def check(data: st.DataObject) -> None:
            for event_type, rule in spec.notices.items():
                if isinstance(rule, Quiet):
                    continue
                event: Any = data.draw(built(event_type, registry))
                event = attrs.evolve(event, private_to=None)
                for note in notifications_for(event, ("ana", "ben"), rule):
                    found = blaming_words(note.message)
                    assert not found, f"{spec.name}: {note.message!r} says {found}"
                    for language in LANGUAGES:  # and as every shipped language says it
                        said = translate(note.message, language)
                        found = blaming_words(said.text, said.language)
                        assert not found, f"{spec.name}: {said.text!r} says {found}"

        check()
