"""Naming it: one moment said without blame, heard, answered, and turned into a request.

Ana wants to tell Ben about Tuesday's dinner. Her first draft blames, and the app runs
the language check (`repairkit.language.check`) for her alone before she shares it: the
findings are advice, shown to her, never stored and never a gate. She revises it into
one concrete moment, its effect and her own feeling, and shares it. Ben reflects it
back in his own words ("did I get it?"); Ana says he got it. Ben adds how the same
moment was for him, so both stand side by side, and Ana turns it into a request of
her own, linked to the observation. Ben proposes a shared goal, Ana agrees, and her
request is linked as serving it. Ana writes down what tends to set her off and keeps it
to herself; the next evening she pauses before reacting and notes it, for her eyes
only. Nothing is counted along the way, except her own pauses, which she alone sees.

Each part is one function of the story, in `PARTS`.

Run it with ``.venv/bin/python examples/naming_it.py``.
"""

from __future__ import annotations

import textwrap
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import repairkit
from repairkit import ManualClock, MemoryNotifier, NotFound, RepairKit, TimeBox
from repairkit.language import check

WEDNESDAY_EVENING = datetime(2026, 3, 4, 19, 0, tzinfo=UTC)


@dataclass
class Story:
    """What the parts of the story share: the kit, the couple, what was made so far."""

    kit: RepairKit
    clock: ManualClock
    notifier: MemoryNotifier
    couple: uuid.UUID
    made: dict[str, uuid.UUID] = field(default_factory=dict)

    def say(self, text: str) -> None:
        print(textwrap.fill(text, width=88, subsequent_indent="    "))

    def heard(self) -> None:
        """Print, and forget, what each partner was told since the last time."""
        for notification in self.notifier.received:
            self.say(f"    ({notification.recipient} hears) {notification.message}")
        self.notifier.received.clear()


def a_blaming_first_draft_revised(story: Story) -> None:
    """1. Ana's first draft blames; the check flags it for her; she revises it."""
    first = "You never listen to me. I felt ignored all evening."
    observation = story.kit.observations.draft(
        story.couple,
        actor="ana",
        moment=first,
        effect="I went to bed early.",
        feeling="I feel like you don't care",
    )
    story.made["observation"] = observation.id
    story.say("1. Ana writes a first draft; before she shares it, the app checks it for her:")
    for text in (first, observation.feeling):
        for finding in check(text):
            story.say(f"   - {text[finding.start : finding.end]!r}: {finding.suggestion}")
    moment = "On Tuesday at dinner, while I told you about my day, your phone was out."
    effect = "I went to bed early and kept to myself the next morning."
    assert check(moment) == check(effect) == check("lonely, and a little sad") == ()
    story.kit.observations.revise(
        observation.id,
        actor="ana",
        moment=moment,
        effect=effect,
        feeling="lonely, and a little sad",
    )
    story.say("   She revises it into one moment, its effect and her feeling: nothing flagged.")


def shared(story: Story) -> None:
    """2. Ana shares it; Ben is told calmly, without a word of it quoted."""
    story.clock.advance(timedelta(hours=1))
    story.kit.observations.share(story.made["observation"], actor="ana")
    story.say("2. Ana shares it.")
    story.heard()


def mirrored(story: Story) -> None:
    """3. Ben reflects it back; Ana says he got it."""
    observation = story.made["observation"]
    story.kit.observations.mirror(
        observation,
        actor="ben",
        words="At dinner on Tuesday my phone was out while you talked, and you felt lonely.",
    )
    story.say("3. Ben reflects it back in his own words: did he get it?")
    story.heard()
    story.kit.observations.confirm(observation, actor="ana")
    story.say("   Ana says he got it.")
    story.heard()


def the_others_experience_added(story: Story) -> None:
    """4. Ben adds how the same moment was for him: both stand side by side."""
    both = story.kit.observations.add_experience(
        story.made["observation"],
        actor="ben",
        words="I was waiting for news about my sister and could not settle.",
    )
    story.say(f"4. Side by side. Ana: {both.moment!r} Ben: {both.experience!r}")
    story.heard()


def turned_into_a_request(story: Story) -> None:
    """5. Ana turns it into a request of her own, linked to the observation."""
    kit = story.kit
    observation = story.made["observation"]
    request = kit.observations.to_request(
        observation,
        actor="ana",
        need="to feel we have time for each other",
        ask="keep phones in the hall during dinner",
        feeling="lonely",
    )
    assert kit.observations.requests(observation, actor="ben") == []  # her draft is hers
    start = story.clock.now() + timedelta(days=1)
    kit.requests.revise(
        request.id,
        actor="ana",
        time_box=TimeBox(starts_at=start, ends_at=start + timedelta(days=14)),
    )
    kit.requests.propose(request.id, actor="ana")
    [seen] = kit.observations.requests(observation, actor="ben")
    assert seen.from_observation == observation
    story.made["request"] = request.id
    story.say("5. Ana turns it into a request of hers and proposes it; it names the observation.")
    story.heard()
    counted = kit.crossings.find(story.couple, actor="ben")
    story.say(f"   Crossings counted from any of it: {len(counted)}.")


def a_shared_goal_agreed(story: Story) -> None:
    """6. Ben proposes a shared goal; Ana agrees, and links her request as serving it."""
    kit = story.kit
    story.clock.advance(timedelta(hours=1))
    words = "To recognise each other's emotional world and respond with steady support."
    goal = kit.goals.draft(story.couple, actor="ben", words=words)
    kit.goals.propose(goal.id, actor="ben")
    story.heard()
    agreed = kit.goals.agree(goal.id, actor="ana")
    assert agreed.holds
    kit.goals.link(goal.id, actor="ana", kind="request", target_id=story.made["request"])
    [link] = kit.goals.links(goal.id, actor="ben")
    assert link.target == story.made["request"]
    story.made["goal"] = goal.id
    story.say("6. A shared goal: Ben proposes it, Ana agrees; it holds, and her request serves it.")
    story.heard()


def a_trigger_kept_private_and_a_pause(story: Story) -> None:
    kit = story.kit
    trigger = kit.triggers.write(
        story.couple,
        actor="ana",
        what="Being talked over when I am tired at the end of a work day.",
        helps="Ten quiet minutes, then I can listen.",
    )
    try:  # Ben cannot read it, nor learn that it exists
        kit.triggers.get(trigger.id, actor="ben")
        raise AssertionError("Ben read Ana's private trigger")
    except NotFound:
        pass
    assert kit.triggers.find(story.couple, actor="ben") == []
    story.clock.advance(timedelta(days=1))
    kit.pauses.record(story.couple, actor="ana", trigger_id=trigger.id)
    counts = kit.pauses.counts(story.couple, actor="ana")
    assert counts.paused == 1
    assert kit.pauses.counts(story.couple, actor="ben").paused == 0
    story.say(
        "7. Ana keeps a trigger to herself (Ben sees nothing of it), and the next evening"
        f" notes that she paused before reacting: {counts.paused} pause in her last"
        f" {counts.window_days} days, which only she sees. Nobody is told."
    )
    assert not story.notifier.received
    story.heard()


PARTS: list[Callable[[Story], None]] = [
    a_blaming_first_draft_revised,
    shared,
    mirrored,
    the_others_experience_added,
    turned_into_a_request,
    a_shared_goal_agreed,
    a_trigger_kept_private_and_a_pause,
]
"""The story, in order: each part reads and adds to what the ones before it made."""


def main() -> None:
    """Play the story out and print what each partner heard."""
    clock = ManualClock(WEDNESDAY_EVENING)
    notifier = MemoryNotifier()
    with repairkit.open(clock=clock, notifier=notifier) as kit:
        invitation = kit.relationships.invite("ben", actor="ana")
        couple = kit.relationships.accept_invitation(invitation.id, actor="ben")
        notifier.received.clear()
        story = Story(kit=kit, clock=clock, notifier=notifier, couple=couple.id)
        for part in PARTS:
            part(story)


if __name__ == "__main__":
    main()
