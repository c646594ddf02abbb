"""Stateful property tests: random moves on a relationship against a reference model.

The model is written from the safety rules (docs/safety.md), not from the library's
table: settings change only by consent, either partner pauses or leaves alone, quiet
hours are one's own and private, and what is private leaves no trace in the other's view.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import initialize, invariant, rule

from conftest import invite_and_accept
from kit_machine import KitMachine
from repairkit import (
    NotAllowedNow,
    NotFound,
    NotPermitted,
    QuietHours,
    RelationshipRules,
    RelationshipSettings,
)
from repairkit.errors import NotInvitable
from repairkit.requests import RequestRules

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PARTNERS = ("ana", "ben")
ACTORS = (*PARTNERS, "eve")
ACTOR = st.sampled_from(ACTORS)
SETTINGS = st.builds(
    RelationshipSettings,
    rules=st.lists(
        st.builds(RequestRules, max_rounds=st.integers(1, 5))
        | st.builds(RelationshipRules, reask_wait_hours=st.sampled_from([0, 6, 24])),
        max_size=2,
        unique_by=type,
    ),
    time_zone=st.sampled_from(["UTC", "Europe/Berlin"]),
)
QUIET = st.none() | st.builds(
    QuietHours,
    starts=st.sampled_from([time(22), time(13)]),
    ends=st.sampled_from([time(7), time(14)]),
)


class RelationshipMachine(KitMachine):
    """Ana and Ben (and Eve, an outsider) act on their relationship at random."""

    def __init__(self) -> None:
        super().__init__()
        # The reference model.
        self.settings = RelationshipSettings()
        self.proposal: tuple[str, RelationshipSettings] | None = None
        self.paused: set[str] = set()
        self.quiet: dict[str, QuietHours] = {}
        self.shared_moves = 2  # the invitation and its acceptance
        self.private_moves = dict.fromkeys(PARTNERS, 0)
        self.ended = False
        self.left_by: str | None = None
        self.started_again = False
        """Whether they started a new relationship once this one ended."""
        self.heard_when_paused: dict[str, int] = {}
        self.heard_no: dict[str, datetime] = {}
        """When each partner last heard a no to suggested settings (rule 6)."""

    @initialize(starter=st.sampled_from(PARTNERS))
    def start(self, starter: str) -> None:
        """Either partner starts it; whoever did has no extra power later."""
        self.relationship_id = invite_and_accept(self.kit, PARTNERS, actor=starter).id

    def _expect(
        self,
        actor: str,
        allowed: bool,
        call: Callable[[], object],
        apply: Callable[[], None],
        *,
        shared: bool = True,
    ) -> None:
        """Make a move: refused alike for an outsider (NotFound), else as the model says."""
        if actor not in PARTNERS:
            expected: type[Exception] | None = NotFound
        elif self.ended:
            expected = NotAllowedNow
        else:
            expected = None if allowed else (NotPermitted, NotAllowedNow)  # type: ignore[assignment]
        stored = len(self.kit._storage.relationship_events(self.relationship_id))
        heard = len(self.notifier.received)
        if expected is not None:
            with pytest.raises(expected):  # type: ignore[arg-type]
                call()
            assert len(self.kit._storage.relationship_events(self.relationship_id)) == stored
            assert len(self.notifier.received) == heard  # a refusal tells nobody anything
            return
        call()
        apply()
        if shared:
            self.shared_moves += 1
        else:
            self.private_moves[actor] += 1

    @rule(actor=ACTOR, new=SETTINGS)
    def propose_settings(self, actor: str, new: RelationshipSettings) -> None:
        """Suggest settings: nothing changes until the other agrees."""

        def apply() -> None:
            self.proposal = (actor, new)

        until = self._waits_until(actor)
        self._expect(
            actor,
            until is None,
            lambda: self.kit.relationships.propose_settings(
                self.relationship_id, actor=actor, settings=new
            ),
            apply,
        )
        if until is not None and actor in PARTNERS and not self.ended:
            with pytest.raises(NotAllowedNow) as refused:
                self.kit.relationships.propose_settings(
                    self.relationship_id, actor=actor, settings=new
                )
            assert refused.value.possible_from == until
            assert "propose_settings" not in refused.value.allowed

    def _open_moves(self, person: str) -> set[str]:
        """The moves the model says *person* can make now."""
        if self.ended:
            return set()
        moves = {"set_quiet_hours", "leave", "come_back" if person in self.paused else "pause"}
        if self._waits_until(person) is None:
            moves.add("propose_settings")
        if self.settings.rules:
            moves.add("withdraw_consent_to_settings")
        if self.proposal is not None:
            mine = self.proposal[0] == person
            moves |= {"withdraw_settings"} if mine else {"agree_to_settings", "decline_settings"}
        return moves

    def _waits_until(self, person: str) -> datetime | None:
        """After a no, the partner who suggested settings waits out the pause (rule 6)."""
        pause = timedelta(hours=self.settings.of(RelationshipRules).reask_wait_hours)
        no = self.heard_no.get(person)
        now = self.clock.now()
        return no + pause if no is not None and pause and now < no + pause else None

    @rule(actor=ACTOR, answer=st.sampled_from(["agree", "decline", "withdraw"]))
    def answer_settings(self, actor: str, answer: str) -> None:
        """Agree or decline (the other partner) or withdraw (the proposer) suggested settings."""
        proposer = None if self.proposal is None else self.proposal[0]
        allowed = proposer is not None and (
            actor == proposer if answer == "withdraw" else actor != proposer
        )

        def apply() -> None:
            assert self.proposal is not None
            if answer == "agree":
                self.settings = self.proposal[1]
            if answer == "decline":
                self.heard_no[self.proposal[0]] = self.clock.now()
            self.proposal = None

        move = {"agree": "agree_to_settings", "decline": "decline_settings"}.get(
            answer, "withdraw_settings"
        )
        self._expect(
            actor,
            allowed,
            lambda: getattr(self.kit.relationships, move)(self.relationship_id, actor=actor),
            apply,
        )

    @rule(actor=ACTOR)
    def withdraw_consent(self, actor: str) -> None:
        """Either partner alone puts the shared rules back to the defaults (rule 5)."""

        def apply() -> None:
            self.settings = RelationshipSettings(time_zone=self.settings.time_zone)
            self.proposal = None

        self._expect(
            actor,
            bool(self.settings.rules),
            lambda: self.kit.relationships.withdraw_consent_to_settings(
                self.relationship_id, actor=actor
            ),
            apply,
        )

    @rule(actor=ACTOR)
    def pause_or_come_back(self, actor: str) -> None:
        """Pause alone, or come back from one's own pause."""
        if actor in self.paused:
            self._expect(
                actor,
                True,
                lambda: self.kit.relationships.come_back(self.relationship_id, actor=actor),
                lambda: self.paused.discard(actor),
                shared=False,  # coming back is silent: the other's copy keeps no trace
            )
        else:
            self._expect(
                actor,
                True,
                lambda: self.kit.relationships.pause(self.relationship_id, actor=actor),
                lambda: self._paused(actor),
            )

    def _paused(self, person: str) -> None:
        self.paused.add(person)
        self.heard_when_paused[person] = len(self.notifier.for_person(person))

    @rule(actor=ACTOR, hours=QUIET)
    def set_quiet_hours(self, actor: str, hours: QuietHours | None) -> None:
        """Set or clear one's own quiet hours: a private move."""

        def apply() -> None:
            if hours is None:
                self.quiet.pop(actor, None)
            else:
                self.quiet[actor] = hours

        self._expect(
            actor,
            True,
            lambda: self.kit.relationships.set_quiet_hours(
                self.relationship_id, actor=actor, quiet_hours=hours
            ),
            apply,
            shared=False,
        )

    @rule(actor=ACTOR)
    def leave(self, actor: str) -> None:
        """Leave, alone: the relationship ends and nothing more happens in it."""

        def apply() -> None:
            self.ended, self.paused, self.proposal = True, set(), None
            self.left_by = actor

        self._expect(
            actor,
            True,
            lambda: self.kit.relationships.leave(self.relationship_id, actor=actor),
            apply,
        )

    @rule(actor=st.sampled_from(PARTNERS))
    def start_again(self, actor: str) -> None:
        """Two people share one active relationship; after it ended, only the leaver invites."""
        if not self.ended or self.started_again:
            with pytest.raises(NotAllowedNow, match="already share an invitation or an active"):
                invite_and_accept(self.kit, PARTNERS, actor=actor)
            return
        if actor != self.left_by:
            with pytest.raises(NotInvitable, match="theirs to make"):
                invite_and_accept(self.kit, PARTNERS, actor=actor)
            return
        fresh = invite_and_accept(self.kit, PARTNERS, actor=actor)
        self.started_again = True
        assert [r.id for r in self.kit.relationships.for_person(actor)][-1] == fresh.id

    @rule(hours=st.sampled_from([1, 6, 13]))
    def advance_clock(self, hours: int) -> None:
        """Let some time pass."""
        self.clock.advance(timedelta(hours=hours))

    @invariant()
    def each_partner_sees_the_model(self) -> None:
        """Each partner reads the model's settings, pauses and only their own quiet hours.

        Their version and their events' versions leave out the other's private moves.
        """
        if not hasattr(self, "relationship_id"):
            return
        for person in PARTNERS:
            seen = self.kit.relationships.get(self.relationship_id, actor=person)
            assert seen.settings == self.settings
            proposal = (
                None
                if seen.proposal is None
                else (seen.proposal.proposed_by, seen.proposal.settings)
            )
            assert proposal == self.proposal
            assert set(seen.paused) == self.paused & {person}  # one's own pause only
            assert dict(seen.quiet_hours) == (
                {person: self.quiet[person]} if person in self.quiet else {}
            )
            assert seen.version == self.shared_moves + self.private_moves[person]
            events = self.kit.relationships.events(self.relationship_id, actor=person)
            assert [e.version for e in events] == list(range(1, len(events) + 1))
            assert all(e.private_to in (None, person) for e in events)
            if person in self.paused:  # nothing reaches a partner who paused
                assert len(self.notifier.for_person(person)) == self.heard_when_paused[person]
            assert set(self.kit.relationships.moves(self.relationship_id, actor=person)) == (
                self._open_moves(person)
            )
            asked = [
                a.kind for a in self.kit.relationships.awaiting(self.relationship_id, actor=person)
            ]
            waiting = self.proposal is not None and self.proposal[0] != person
            assert asked == (["relationship"] if waiting else [])
        with pytest.raises(NotFound):
            self.kit.relationships.get(self.relationship_id, actor="eve")
        with pytest.raises(NotFound):
            self.kit.relationships.moves(self.relationship_id, actor="eve")
        for person in PARTNERS:  # each finds it among their own relationships
            assert self.kit.relationships.for_person(person)[0].id == self.relationship_id
        assert self.kit.relationships.for_person("eve") == []
        assert all(n.recipient in PARTNERS for n in self.notifier.received)


class SQLiteRelationshipMachine(RelationshipMachine):
    """The same machine over SQLite."""

    storage_kind = "sqlite"


STEPS = settings(stateful_step_count=30, deadline=None)

TestRelationshipInMemory = RelationshipMachine.TestCase
TestRelationshipInMemory.settings = STEPS
TestRelationshipInMemory.__doc__ = "Random moves keep the in-memory relationship in line."

TestRelationshipInSQLite = SQLiteRelationshipMachine.TestCase
TestRelationshipInSQLite.settings = STEPS
TestRelationshipInSQLite.__doc__ = "Random moves keep the SQLite relationship in line."
