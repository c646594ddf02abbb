"""A heated talk, a time-out with one extension, checking back, and tabling the topic.

Ana and Ben are talking about money on a Sunday evening, and it gets heated. Ana
calls a time-out for herself: twenty minutes. Ben is told calmly and needs to do
nothing. At the return time (a durable timer, fired by ``kit.run_due()``), both are
told it is time to check back; Ana asks for one more step of the ladder (two hours).
When they check back, Ben tables the topic for their next check-in. A `ManualClock`
makes the evening pass in a blink.

Run it with ``.venv/bin/python examples/time_out.py``.
"""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime, timedelta

import repairkit
from repairkit import ManualClock, MemoryNotifier

SUNDAY_EVENING = datetime(2026, 3, 1, 19, 0, tzinfo=UTC)


def main() -> None:
    """Play the evening out and print what each partner heard."""
    clock = ManualClock(SUNDAY_EVENING)
    notifier = MemoryNotifier()
    with repairkit.open(clock=clock, notifier=notifier) as kit:
        couple = kit.start_relationship(("ana", "ben"), actor="ana")

        # 19:20: the talk is getting heated. Ana calls a pause for herself.
        clock.advance(timedelta(minutes=20))
        pause = kit.timeouts.call(couple.id, actor="ana", minutes=20)
        print(f"{clock.now():%H:%M} Ana takes a pause until {pause.return_at:%H:%M}.")
        assert kit.next_due() == pause.return_at  # a worker could sleep until then

        # 19:40: the return time. run_due moves it to "check back" and tells both.
        clock.set(pause.return_at)
        kit.run_due()
        state = kit.timeouts.get(pause.id, actor="ben").state
        print(f"{clock.now():%H:%M} Time to check back ({state}).")

        # Ana needs more time: one step up the ladder (two hours), never past 24 hours.
        pause = kit.timeouts.extend(pause.id, actor="ana")
        print(f"{clock.now():%H:%M} Ana asks for more time, until {pause.return_at:%H:%M}.")

        # 21:40: they check back. Ben tables the topic for their next check-in.
        clock.set(pause.return_at)
        kit.run_due()
        pause = kit.timeouts.table(pause.id, actor="ben")
        print(f"{clock.now():%H:%M} Ben tables the topic: the time-out is {pause.state}.")
        assert kit.next_due() is None

    print()
    for person in ("ana", "ben"):
        print(f"{person.title()} heard:")
        for note in notifier.for_person(person):
            text = f"{note.created_at:%H:%M} ({note.kind.value}) {note.message}"
            print(textwrap.fill(text, width=88, initial_indent="  ", subsequent_indent="        "))


if __name__ == "__main__":
    main()
