"""A timed heated talk, a time-out with one extension, checking back, a topic set aside.

Ana and Ben are talking about money on a Sunday evening. They agreed to time heated
talks (the discussion timer, 20 minutes) and to let a set-aside topic rest for a day (the
optional moratorium). At the limit both hear that a time-out might help; it is advice
only. The talk has got heated, so Ana calls a time-out for herself: twenty minutes. Ben
is told calmly, and nothing is asked of them. At the return time (a durable timer, fired by
``kit.timers.run_due()``), both are told it is time to check back; Ana asks for one more step
of the ladder (two hours). When they check back, Ben sets the topic aside for their next
check-in, and the topic rests until the next evening, for both of them alike. A
`ManualClock` makes the evening pass in a blink.

Run it with ``.venv/bin/python examples/time_out.py``.
"""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime

import repairkit
from repairkit import ManualClock, MemoryNotifier, NotAllowedNow, RelationshipSettings
from repairkit.talks import TalkRules

SUNDAY_EVENING = datetime(2026, 3, 1, 19, 0, tzinfo=UTC)


def main() -> None:
    """Play the evening out and print what each partner heard."""
    clock = ManualClock(SUNDAY_EVENING)
    notifier = MemoryNotifier()
    with repairkit.open(clock=clock, notifier=notifier) as kit:
        # Agreed when they set up: a 20-minute discussion timer, a day's rest after a talk.
        agreed = RelationshipSettings(rules=[TalkRules(limit_minutes=20, moratorium_hours=24)])
        invitation = kit.relationships.invite("ben", actor="ana", settings=agreed)
        couple = kit.relationships.accept_invitation(invitation.id, actor="ben")

        # 19:00: Ben starts timing the talk about money.
        talk = kit.talks.start(couple.id, actor="ben")
        print(f"{clock.now():%H:%M} Ben times the talk; the limit is {talk.limit_at:%H:%M}.")

        # 19:20: the limit. run_due tells both that a time-out might help; nothing is enforced.
        clock.set(talk.limit_at)
        kit.timers.run_due()
        state = kit.talks.get(talk.id, actor="ana").state
        print(f"{clock.now():%H:%M} The limit came ({state}); the talk is still theirs.")

        # The talk is getting heated. Ana calls a pause for herself.
        pause = kit.timeouts.call(couple.id, actor="ana", minutes=20)
        print(f"{clock.now():%H:%M} Ana takes a pause until {pause.return_at:%H:%M}.")
        assert kit.timers.next_due() == pause.return_at  # a worker could sleep until then

        # 19:40: the return time. run_due moves it to "check back" and tells both.
        clock.set(pause.return_at)
        kit.timers.run_due()
        state = kit.timeouts.get(pause.id, actor="ben").state
        print(f"{clock.now():%H:%M} Time to check back ({state}).")

        # Ana needs more time: one step up the ladder (two hours), never past 24 hours.
        pause = kit.timeouts.extend(pause.id, actor="ana")
        print(f"{clock.now():%H:%M} Ana asks for more time, until {pause.return_at:%H:%M}.")

        # 21:40: they check back. Ben sets the topic aside for their next check-in.
        clock.set(pause.return_at)
        kit.timers.run_due()
        pause = kit.timeouts.set_aside(pause.id, actor="ben")
        print(f"{clock.now():%H:%M} Ben sets the topic aside: the time-out is {pause.state}.")
        talk = kit.talks.set_aside(talk.id, actor="ben")

        # Both wait on the check-in agenda (the day only), until taken up or aged out.
        waiting = kit.checkins.agenda(couple.id, actor="ana")
        assert {item.source for item in waiting} == {pause.id, talk.id}
        print(f"{clock.now():%H:%M} On the agenda: " + "; ".join(i.about for i in waiting) + ".")
        assert kit.timers.next_due() == min(item.expires_at for item in waiting)

        # The topic rests for the agreed day, for Ana and Ben alike.
        try:
            kit.talks.start(couple.id, actor="ben", about=talk.id)
        except NotAllowedNow:
            print(f"{clock.now():%H:%M} Money rests until {talk.rests_until:%a %H:%M}, for both.")
        else:
            raise AssertionError("the topic rests for the agreed day")

    print()
    for person in ("ana", "ben"):
        print(f"{person.title()} heard:")
        for note in notifier.for_person(person):
            text = f"{note.created_at:%H:%M} ({note.kind.value}) {note.message}"
            print(textwrap.fill(text, width=88, initial_indent="  ", subsequent_indent="        "))


if __name__ == "__main__":
    main()
