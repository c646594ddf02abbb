"""A weekly check-in: a time both agreed, an agenda from every workflow, one issue in turns.

Ana and Ben agree on Sunday evenings at seven, in Berlin time, and put the schedule in
their calendars. During the week, Ben sets a heated talk's topic aside, and Ana adds a
topic of her own: both wait on the agenda. On Sunday they open the session: each gives
appreciations, then says what went right. Ben raises the set-aside topic; each speaks
and is summarised until both feel understood, and they agree: Ana's topic is taken up, and she
drafts the request it leads to from the session. For the week ahead, each says what they
can do for the other, and Ben's answer seeds a private draft of his own. Over the next
three Sundays one topic keeps being carried over; the third time, both hear, in the
same neutral words, that a third person could help, and Ben asks for one. Ana proposes
Tess, a couples therapist; Ben agrees, sharing only the agenda. Tess reads the agenda and
reflects back what she heard; then Ana alone ends her part, and Tess's next read is refused.

Each part is one function of the story, in `PARTS`.

Run it with ``.venv/bin/python examples/weekly_check_in.py``.
"""

from __future__ import annotations

import textwrap
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from icalendar import Calendar

import repairkit
from repairkit import ManualClock, MemoryNotifier, NotFound, RelationshipSettings, RepairKit
from repairkit.sessions import SessionNotice, SessionState

MONDAY_MORNING = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
WIDTH = 88


@dataclass
class Story:
    """What the parts of the story share."""

    kit: RepairKit
    clock: ManualClock
    notifier: MemoryNotifier
    couple: uuid.UUID
    schedule: uuid.UUID | None = None
    topic: uuid.UUID | None = None
    session: uuid.UUID | None = None


def say(text: str) -> None:
    """Print one step of the story, wrapped."""
    print(textwrap.fill(text, WIDTH, subsequent_indent="  "))


def agree_on_a_time(story: Story) -> None:
    """1. Ben proposes Sunday evenings; Ana agrees; the calendar has it, in Berlin time."""
    kit = story.kit
    proposed = kit.checkins.propose(story.couple, actor="ben", weekday=6, start=time(19, 0))
    schedule = kit.checkins.agree(proposed.id, actor="ana")
    story.schedule = schedule.id
    first = kit.checkins.upcoming(schedule.id, actor="ana", count=1)[0]
    event = next(
        part
        for part in Calendar.from_ical(kit.checkins.calendar(schedule.id, actor="ben")).walk()
        if part.name == "VEVENT"
    )
    rule = event["RRULE"]
    say(f"1. Check-ins agreed: {first:%A %d %B, %H:%M} ({first.tzinfo}), then weekly.")
    say(f"   Calendar: {event['SUMMARY']}, {rule['FREQ'][0].lower()}, on {rule['BYDAY'][0]}.")


def fill_the_agenda(story: Story) -> None:
    """2. A talk's topic set aside, and a topic of Ana's own, wait for Sunday."""
    kit = story.kit
    talk = kit.talks.start(story.couple, actor="ana")
    story.clock.advance(timedelta(minutes=25))
    kit.talks.set_aside(talk.id, actor="ben")
    topic = kit.agenda.add_topic(story.couple, actor="ana", words="How we share the mornings.")
    story.topic = topic.id
    agenda = kit.checkins.agenda(story.couple, actor="ben")
    say(f"2. On the agenda: {'; '.join(f'{i.about} ({i.day:%a})' for i in agenda)}.")


def appreciate_and_what_went_right(story: Story) -> None:
    """3. Sunday: the session opens; appreciations, then what went right."""
    kit = story.kit
    assert story.schedule is not None
    story.clock.set(datetime(2026, 3, 8, 18, 0, tzinfo=UTC))  # 19:00 in Berlin
    session = kit.sessions.open(story.couple, actor="ana", schedule_id=story.schedule)
    kit.sessions.appreciate(session.id, actor="ana", words="Thank you for Tuesday's dinner.")
    kit.sessions.appreciate(session.id, actor="ben", words="Thank you for calling my mother.")
    kit.sessions.next_part(session.id, actor="ben")
    kit.sessions.went_right(session.id, actor="ana", words="We walked every evening.")
    moved = kit.sessions.next_part(session.id, actor="ana")
    say(f"3. Two appreciations and what went right; now: {moved.state.value}.")
    story.session = session.id


def one_issue_in_turns(story: Story) -> None:
    """4. Ben raises the mornings; each is heard; they agree: the topic is taken up."""
    kit, session = story.kit, story.session
    assert story.topic is not None
    assert session is not None
    kit.sessions.raise_issue(
        session, actor="ben", words="Mornings feel rushed to me.", item_id=story.topic
    )
    kit.sessions.summarise(session, actor="ana", words="Mornings are stressful for you.")
    kit.sessions.there_is_more(session, actor="ben")
    kit.sessions.summarise(session, actor="ana", words="And you start the day tired.")
    turn = kit.sessions.understood(session, actor="ben")
    say(f"4. Ben feels understood after two rounds; the floor is {turn.speaker}'s.")
    kit.sessions.summarise(session, actor="ben", words="You want us to plan the night before.")
    kit.sessions.understood(session, actor="ana")
    kit.sessions.close_issue(session, actor="ana", outcome="agreed")
    taken = kit.agenda.get(story.topic, actor="ben")
    say(f"   Agreed: Ana's topic leaves the agenda as {taken.state.value!r}.")


def for_the_week(story: Story) -> None:
    """5. The issue ends as Ana's request draft; the week's answers; the session ends."""
    kit, session = story.kit, story.session
    assert session is not None
    request = kit.sessions.draft_request(
        session,
        actor="ana",
        need="calm mornings together",
        ask="Could we set out breakfast the night before?",
    )
    assert request.from_check_in == session
    assert request.id not in [r.id for r in kit.requests.find(story.couple, actor="ben")]
    say(
        f"5. Ana drafts a request from the agreed issue ({request.state.value}, linked to the"
        " session, hers alone until she proposes it)."
    )
    kit.sessions.next_part(session, actor="ben")
    kit.sessions.for_the_week(session, actor="ana", words="I can make breakfast on Friday.")
    kit.sessions.for_the_week(session, actor="ben", words="I can take Wednesday's school run.")
    seeded = kit.sessions.draft_request(
        session, actor="ben", need="some rest midweek", ask="Could you take Thursday's run?"
    )
    assert seeded.from_check_in == session
    ended = kit.sessions.next_part(session, actor="ana")
    assert ended.state is SessionState.ENDED
    say(
        f"   For the week: two offers, one each; Ben's seeds a draft of his own. The session"
        f" is {ended.state.value}."
    )


def carried_over_three_weeks(story: Story) -> None:
    """6. A topic is carried over three Sundays; the third time, a third person is suggested."""
    kit = story.kit
    assert story.schedule is not None
    topic = kit.agenda.add_topic(story.couple, actor="ben", words="Visits to my parents.")
    for week in range(1, 4):
        story.clock.set(datetime(2026, 3, 8 + 7 * week, 18, 0, tzinfo=UTC))
        session = kit.sessions.open(story.couple, actor="ben", schedule_id=story.schedule)
        kit.sessions.next_part(session.id, actor="ben")
        kit.sessions.next_part(session.id, actor="ana")
        kit.sessions.raise_issue(
            session.id, actor="ben", words="The visits feel heavy.", item_id=topic.id
        )
        kit.sessions.close_issue(session.id, actor="ana", outcome="carried over")
        kit.sessions.end(session.id, actor="ana")
        heard = [n for n in story.notifier.received if n.kind == SessionNotice.STALEMATE]
        say(f"6. Sunday {week}: carried over; suggestions of a third person so far: {len(heard)}.")
    for note in heard[-1:]:
        say(f"   Both hear: {note.message!r}")


def ask_for_a_third_person(story: Story) -> None:
    """7. Ben asks for a third person; Tess is invited by both, then removed by Ana alone."""
    kit = story.kit
    assert story.schedule is not None
    story.clock.set(datetime(2026, 4, 5, 17, 0, tzinfo=UTC))  # 19:00, summer time
    session = kit.sessions.open(story.couple, actor="ben", schedule_id=story.schedule)
    kit.sessions.ask_for_third_person(session.id, actor="ben")
    told = [n for n in story.notifier.received if n.kind == SessionNotice.THIRD_PERSON]
    say(f"7. A third person asked for; told: {', '.join(sorted(n.recipient for n in told))}.")
    kit.sessions.end(session.id, actor="ben")
    # Tess takes part once both agree; she reads only what both consent to share.
    tess = kit.facilitators.propose(
        story.couple,
        actor="ana",
        person="tess",
        approach="couples therapist, Gottman method",
        categories=["agenda", "revealed entries"],
    )
    tess = kit.facilitators.agree(tess.id, actor="ben", categories=["agenda"])
    say(f"   Both invited Tess; she may read: {', '.join(tess.scope)}.")
    items = kit.facilitators.shared(tess.id, actor="tess", category="agenda")
    say(f"   Tess reads the agenda: {' / '.join(item.about for item in items)}")
    kit.facilitators.reflect(
        tess.id, actor="tess", words="I hear that the visits weigh on you both, differently."
    )
    heard = [n for n in story.notifier.received if n.subject_id == tess.id][-1]
    say(f"   {heard.recipient.title()} hears: {heard.message!r}")
    kit.facilitators.remove(tess.id, actor="ana")
    try:
        kit.facilitators.shared(tess.id, actor="tess", category="agenda")
    except NotFound:
        say("   Ana alone ended Tess's part; Tess's next read is refused, as for a stranger.")
    else:  # pragma: no cover - the story shows the refusal
        raise AssertionError


PARTS: tuple[Callable[[Story], None], ...] = (
    agree_on_a_time,
    fill_the_agenda,
    appreciate_and_what_went_right,
    one_issue_in_turns,
    for_the_week,
    carried_over_three_weeks,
    ask_for_a_third_person,
)


def main() -> Story:
    """Play the story on an in-memory kit with a manual clock; return it."""
    clock = ManualClock(MONDAY_MORNING)
    notifier = MemoryNotifier()
    kit = repairkit.open(clock=clock, notifier=notifier)
    invitation = kit.relationships.invite("ben", actor="ana")
    couple = kit.relationships.accept_invitation(invitation.id, actor="ben")
    kit.relationships.propose_settings(
        couple.id, actor="ana", settings=RelationshipSettings(time_zone="Europe/Berlin")
    )
    kit.relationships.agree_to_settings(couple.id, actor="ben")
    story = Story(kit=kit, clock=clock, notifier=notifier, couple=couple.id)
    for part in PARTS:
        part(story)
    kit.close()
    return story


if __name__ == "__main__":
    main()
