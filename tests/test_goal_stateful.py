"""Stateful property tests: random shared goals, answers, revisions and links against a model.

The model is written from the practice (issue 19, the couple's shared goal), not from the
library's table: one partner drafts a goal privately and proposes it; it holds once the
other agrees, and a no is neutral. While it holds, either proposes new words, which hold
only once the other agrees (the other keeps the agreed words instead, or the one who
proposed them takes them back); either withdraws consent alone, at once, and then it no
longer holds. While it holds, either links what
serves it, if both can see it. Nothing is counted: no crossing is ever made.
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import timedelta

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, initialize, invariant, multiple, rule

from conftest import invite_and_accept
from kit_machine import KitMachine
from repairkit import InvalidInput, NotAllowedNow, NotFound, NotPermitted, RelationshipSettings
from repairkit.goals import GoalRules

PARTNERS = ("ana", "ben")
ACTOR = st.sampled_from((*PARTNERS, "eve"))
WORDS = st.sampled_from(
    ["To listen first.", "To support each other on hard days.", "  ", "x" * 301]
)
HOLDING = ("holds", "revision proposed")


def _ok(words: str) -> bool:
    return bool(words.strip()) and len(words) <= 300


@dataclasses.dataclass
class Goal:
    """What one goal should look like, kept by the test alone."""

    proposer: str
    partner: str
    words: str
    state: str = "drafted"
    proposed: bool = False
    new_words: str | None = None
    reviser: str | None = None
    links: list[uuid.UUID] = dataclasses.field(default_factory=list)

    def sees(self, person: str) -> bool:
        return person == self.proposer or (person == self.partner and self.proposed)

    def moves_of(self, person: str) -> set[str]:
        """What the practice lets *person* do now."""
        if not self.sees(person):
            return set()
        mine = person == self.proposer
        if self.state == "drafted":
            return {"revise", "propose", "withdraw"}
        if self.state == "proposed":
            return {"withdraw"} if mine else {"agree", "decline"}
        if self.state == "holds":
            return {"propose_revision", "withdraw_consent", "link", "unlink"}
        if self.state == "revision proposed":
            words_mine = person == self.reviser
            answers = {"withdraw_revision"} if words_mine else {"agree_to_revision", "keep_current"}
            return {"withdraw_consent", "link", "unlink"} | answers
        return set()

    def refusal(self, person: str, move: str) -> type[Exception] | None:
        """The error the practice expects of *person* making *move* now, or None."""
        if person not in PARTNERS or not self.sees(person):
            return NotFound
        if move in self.moves_of(person):
            return None
        if any(move in self.moves_of(p) for p in PARTNERS):
            return NotPermitted
        return NotAllowedNow


class GoalMachine(KitMachine):
    """Ana and Ben (and Eve, an outsider) draft, answer, revise and link shared goals."""

    goals = Bundle("goals")

    def __init__(self) -> None:
        super().__init__()
        self.models: dict[uuid.UUID, Goal] = {}
        self.couple = uuid.uuid4()
        self.shared_boundary = uuid.uuid4()
        self.anas_draft = uuid.uuid4()

    @initialize()
    def start(self) -> None:
        """A couple with no wait after a no, a boundary both see, and Ana's draft one.

        Time is not what this machine tests, so the wait after a no is off.
        """
        settings_ = RelationshipSettings(rules=[GoalRules(reask_wait_hours=0)])
        self.couple = invite_and_accept(self.kit, PARTNERS, actor="ana", settings=settings_).id
        shared = self.kit.boundaries.draft(self.couple, actor="ben", rule="No phones at dinner.")
        self.kit.boundaries.propose(shared.id, actor="ben")
        self.shared_boundary = shared.id
        self.anas_draft = self.kit.boundaries.draft(
            self.couple, actor="ana", rule="No interrupting."
        ).id

    def _try(self, gid: uuid.UUID, actor: str, move: str, **arguments: object) -> bool:
        expected = self.models[gid].refusal(actor, move)
        if expected is not None:
            with pytest.raises(expected):
                getattr(self.kit.goals, move)(gid, actor=actor, **arguments)
            return False
        return True

    @rule(target=goals, actor=ACTOR, words=WORDS)
    def draft(self, actor: str, words: str) -> object:
        """Draft a goal (an outsider cannot; the words must fit)."""
        expected = NotFound if actor not in PARTNERS else None if _ok(words) else InvalidInput
        if expected is not None:
            with pytest.raises(expected):
                self.kit.goals.draft(self.couple, actor=actor, words=words)
            return multiple()
        made = self.kit.goals.draft(self.couple, actor=actor, words=words)
        other = PARTNERS[1] if actor == PARTNERS[0] else PARTNERS[0]
        self.models[made.id] = Goal(actor, other, words.strip())
        return made.id

    @rule(target=goals, proposer=st.sampled_from(PARTNERS))
    def agreed(self, proposer: str) -> uuid.UUID:
        """A goal drafted, proposed and agreed in one step, so that histories reach revisions."""
        other = PARTNERS[1] if proposer == PARTNERS[0] else PARTNERS[0]
        self.clock.advance(timedelta(days=1))  # a day of its own: the pressure budget
        made = self.kit.goals.draft(self.couple, actor=proposer, words="To listen first.")
        self.kit.goals.propose(made.id, actor=proposer)
        self.kit.goals.agree(made.id, actor=other)
        self.models[made.id] = Goal(proposer, other, "To listen first.", "holds", proposed=True)
        return made.id

    @rule(gid=goals, new=st.booleans())
    def answered_by_the_one_asked(self, gid: uuid.UUID, new: bool) -> None:
        """The partner asked answers new words: agrees to them, or keeps the agreed ones."""
        g = self.models[gid]
        if g.state != "revision proposed" or g.reviser is None:
            return
        asked = g.partner if g.reviser == g.proposer else g.proposer
        self.answer(gid, asked, "agree_to_revision" if new else "keep_current")

    @rule(gid=goals, actor=ACTOR, words=WORDS)
    def revise(self, gid: uuid.UUID, actor: str, words: str) -> None:
        """The proposer rewrites the draft."""
        if self._try(gid, actor, "revise", words=words):
            if not _ok(words):
                with pytest.raises(InvalidInput):
                    self.kit.goals.revise(gid, actor=actor, words=words)
                return
            self.kit.goals.revise(gid, actor=actor, words=words)
            self.models[gid].words = words.strip()

    @rule(
        gid=goals,
        actor=ACTOR,
        move=st.sampled_from(
            [
                "propose",
                "agree",
                "decline",
                "withdraw",
                "agree_to_revision",
                "keep_current",
                "withdraw_revision",
            ]
        ),
    )
    def answer(self, gid: uuid.UUID, actor: str, move: str) -> None:
        """Propose, agree or decline, take back; agree to new words, keep or take them back."""
        if not self._try(gid, actor, move):
            return
        self.clock.advance(timedelta(days=1))  # a day of its own: the pressure budget
        getattr(self.kit.goals, move)(gid, actor=actor)
        g = self.models[gid]
        if move == "propose":
            g.proposed = True
        if move == "agree_to_revision":
            assert g.new_words is not None
            g.words = g.new_words
        if move in ("agree_to_revision", "keep_current", "withdraw_revision"):
            g.new_words, g.reviser = None, None
        g.state = {
            "propose": "proposed",
            "agree": "holds",
            "decline": "declined",
            "withdraw": "withdrawn",
            "agree_to_revision": "holds",
            "keep_current": "holds",
            "withdraw_revision": "holds",
        }[move]

    @rule(gid=goals, actor=ACTOR, words=WORDS)
    def propose_revision(self, gid: uuid.UUID, actor: str, words: str) -> None:
        """Either proposes new words for a goal that holds; they must fit and differ."""
        if not self._try(gid, actor, "propose_revision", words=words):
            return
        g = self.models[gid]
        if not _ok(words) or words.strip() == g.words:
            with pytest.raises(InvalidInput):
                self.kit.goals.propose_revision(gid, actor=actor, words=words)
            return
        self.clock.advance(timedelta(days=1))  # a day of its own: the pressure budget
        self.kit.goals.propose_revision(gid, actor=actor, words=words)
        g.state, g.new_words, g.reviser = "revision proposed", words.strip(), actor

    @rule(gid=goals, actor=ACTOR)
    def withdraw_consent(self, gid: uuid.UUID, actor: str) -> None:
        """Either withdraws consent alone: the goal no longer holds."""
        if self._try(gid, actor, "withdraw_consent"):
            self.kit.goals.withdraw_consent(gid, actor=actor)
            g = self.models[gid]
            g.state, g.new_words, g.reviser = "consent withdrawn", None, None

    @rule(gid=goals, actor=ACTOR, private=st.booleans(), move=st.sampled_from(["link", "unlink"]))
    def link(self, gid: uuid.UUID, actor: str, private: bool, move: str) -> None:
        """Link (or unlink) the shared boundary, or Ana's draft boundary (never linkable)."""
        g = self.models[gid]
        target = self.anas_draft if private else self.shared_boundary
        arguments = {"kind": "boundary", "target_id": target}
        expected = g.refusal(actor, move)
        if expected in (None, NotAllowedNow) and move == "link" and private:
            # only Ana sees it; Ben cannot even name it
            expected = NotAllowedNow if actor == "ana" else NotFound
        if expected is None and (target in g.links) == (move == "link"):
            expected = InvalidInput  # linked twice, or not linked
        if expected is not None:
            with pytest.raises(expected):
                getattr(self.kit.goals, move)(gid, actor=actor, **arguments)
            return
        getattr(self.kit.goals, move)(gid, actor=actor, **arguments)
        if move == "link":
            g.links.append(target)
        else:
            g.links.remove(target)

    @invariant()
    def the_moves_each_partner_is_offered_match_the_model(self) -> None:
        """`moves()` lists what the practice allows each partner now; Eve gets NotFound."""
        for gid, g in self.models.items():
            for person in PARTNERS:
                if not g.sees(person):
                    with pytest.raises(NotFound):
                        self.kit.goals.moves(gid, actor=person)
                    continue
                assert set(self.kit.goals.moves(gid, actor=person)) == g.moves_of(person), (
                    g.state,
                    person,
                )
            with pytest.raises(NotFound):
                self.kit.goals.moves(gid, actor="eve")

    @invariant()
    def stored_goals_match_the_model(self) -> None:
        """Each goal reads as the model says; a draft is its proposer's alone."""
        for gid, g in self.models.items():
            for person in PARTNERS:
                if not g.sees(person):
                    with pytest.raises(NotFound):
                        self.kit.goals.get(gid, actor=person)
                    continue
                stored = self.kit.goals.get(gid, actor=person)
                assert (stored.proposer, stored.state.value, stored.words) == (
                    g.proposer,
                    g.state,
                    g.words,
                )
                assert stored.proposed_words == g.new_words
                assert stored.holds == (g.state in HOLDING)
                assert [link.target for link in stored.links] == g.links
                assert [link.target for link in self.kit.goals.links(gid, actor=person)] == g.links
        for person in PARTNERS:
            holding = {x.id for x in self.kit.goals.holding(self.couple, actor=person)}
            assert holding == {gid for gid, g in self.models.items() if g.state in HOLDING}

    @invariant()
    def nothing_is_counted(self) -> None:
        """A goal, a no to it or a withdrawn consent is never a crossing."""
        for person in PARTNERS:
            assert self.kit.crossings.find(self.couple, actor=person) == []


class SQLiteGoalMachine(GoalMachine):
    """The same machine over SQLite."""

    storage_kind = "sqlite"


STEPS = settings(stateful_step_count=40, deadline=None)

TestGoalsInMemory = GoalMachine.TestCase
TestGoalsInMemory.settings = STEPS
TestGoalsInMemory.__doc__ = "Random moves keep in-memory shared goals in line."

TestGoalsInSQLite = SQLiteGoalMachine.TestCase
TestGoalsInSQLite.settings = STEPS
TestGoalsInSQLite.__doc__ = "Random moves keep SQLite shared goals in line."
