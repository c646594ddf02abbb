"""A repair: the aftermath's five steps, a week of focused attention, and the joint review.

Ana owns a lapse with a practice of focused attention, 20 minutes a day for 7 days
(the source's example). Once both are calm they go through Gottman's five steps, each
writing their own entry, private until shared. For a week Ana marks her days; Ben says
one day was not needed, and one day is left unmarked: it reads "not marked", and counts
nowhere. When the week ends, the joint review opens; both write what worked and what
did not, and Ben completes it. A `ManualClock` makes the week pass in a blink.

Run it with ``.venv/bin/python examples/repair.py``.
"""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime, timedelta

import repairkit
from repairkit import ManualClock, MemoryNotifier
from repairkit.repairs import AftermathStep, Practice

MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

ENTRIES = {
    AftermathStep.FEELINGS: ("I felt unheard and tense.", "I felt rushed and defensive."),
    AftermathStep.REALITIES: (
        "I had asked twice about the weekend and heard nothing back.",
        "I was swamped at work and meant to answer in the evening.",
    ),
    AftermathStep.TRIGGERS: (
        "Being left without an answer, like at home growing up.",
        "Feeling judged before I could explain.",
    ),
    AftermathStep.RESPONSIBILITY: (
        "I was tired and let the messages sit. I am sorry I left you without an answer.",
        "I raised my voice before asking what was going on.",
    ),
    AftermathStep.PLAN: (
        "I will answer with a short 'later' when I cannot reply.",
        "I will ask before I assume.",
    ),
}
"""Ana's and Ben's own words for each step."""


def main() -> None:
    """Play the repair out and print what each partner heard."""
    clock = ManualClock(MONDAY)
    notifier = MemoryNotifier()
    with repairkit.open(clock=clock, notifier=notifier) as kit:
        invitation = kit.relationships.invite("ben", actor="ana")
        couple = kit.relationships.accept_invitation(invitation.id, actor="ben")

        # -- Part 1: a noticed crossing is acknowledged (added with the accountability
        #    agreement: kit.crossings.notice, then kit.crossings.acknowledge).
        # -- Part 2: the threshold is met and the consequence offered and accepted (added
        #    with the accountability agreement: the accepted offer opens the repair below
        #    through kit.repairs.start_for_consequence).
        # Until then, Ana owns the lapse herself, with the practice the consequence names.
        repair = kit.repairs.own(couple.id, actor="ana", practice=Practice.focused_attention())

        # -- Part 3: the aftermath's five steps, each entry private until shared.
        for step, (anas, bens) in ENTRIES.items():
            kit.repairs.write(repair.id, actor="ana", step=step, words=anas)
            unseen = kit.repairs.get(repair.id, actor="ben")
            assert not [e for e in unseen.entries if e.author == "ana" and e.step is step]
            kit.repairs.share(repair.id, actor="ana")
            kit.repairs.write(repair.id, actor="ben", step=step, words=bens)
            kit.repairs.share(repair.id, actor="ben")
            if step is AftermathStep.REALITIES:
                kit.repairs.summarise(
                    repair.id, actor="ben", words="You waited and heard nothing; that was hard."
                )
                kit.repairs.summarise(
                    repair.id, actor="ana", words="You were swamped and meant to answer later."
                )
            if step is AftermathStep.RESPONSIBILITY:
                kit.repairs.accept_apology(repair.id, actor="ben")
            print(f"{clock.now():%a %d %b} Step done: {step.value}.")
        repair = kit.repairs.get(repair.id, actor="ana")
        print(f"{clock.now():%a %d %b} The practice starts: {repair.practice}")

        # -- Part 4: a week of focused attention; one "not needed today", one left unmarked.
        for day in range(7):
            if day == 2:
                kit.repairs.not_needed_today(repair.id, actor="ben")
            elif day != 4:  # day 5 is left unmarked: it reads "not marked", nothing more
                kit.repairs.mark_day(repair.id, actor="ana")
            clock.advance(timedelta(days=1))
        for practice_day in kit.repairs.days(repair.id, actor="ben"):
            print(f"  {practice_day.day:%a %d %b}: {practice_day.status.value}")
        assert kit.crossings.counted(couple.id, actor="ben").counted == 0

        # -- Part 5: the week ended; the joint review.
        kit.timers.run_due()
        kit.repairs.review(
            repair.id, actor="ana", worked="Evening walks.", did_not="Phones at dinner."
        )
        kit.repairs.review(
            repair.id, actor="ben", worked="Being asked first.", did_not="Late evenings."
        )
        done = kit.repairs.complete(repair.id, actor="ben")
        print(f"{clock.now():%a %d %b} The repair is {done.state.value}.")

        for person in ("ana", "ben"):
            print(f"\n{person.title()} heard:")
            for note in notifier.for_person(person):
                print(
                    textwrap.fill(note.message, 88, initial_indent="  - ", subsequent_indent="    ")
                )


if __name__ == "__main__":
    main()
