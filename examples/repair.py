"""A repair: a consequence taken on, the five steps, a week of practice, the joint review.

Ben and Ana hold an accountability list: answer each other within the day. Ana's second
counted crossing in 14 days meets the item's threshold, and its restorative consequence is
offered to her alone: focused attention, 20 minutes a day for 7 days (the source's
example). She takes it on, and it becomes her repair. Once both are calm they go
through Gottman's five steps, each writing their own entry, private until shared. For a
week Ana marks her days; Ben says one day was not needed, and one day is left unmarked:
it reads "not marked", and counts nowhere. When the week ends, the joint review opens;
both write what worked and what did not, and Ben completes it. A `ManualClock` makes the
week pass in a blink.

Run it with ``.venv/bin/python examples/repair.py``.
"""

from __future__ import annotations

import textwrap
import uuid
from datetime import UTC, datetime, timedelta

import repairkit
from repairkit import ManualClock, MemoryNotifier
from repairkit.accountability import Consequence, ConsequenceKind, ItemTerms
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


def _week(kit: repairkit.RepairKit, clock: ManualClock, repair_id: uuid.UUID) -> None:
    """Part 4: a week of focused attention; one "not needed today", one left unmarked."""
    practice = kit.repairs.get(repair_id, actor="ana").practice
    assert practice is not None
    print(
        f"{clock.now():%a %d %b} The practice starts: {practice.minutes} minutes of"
        f" {practice.kind.value} a day for {practice.days} days."
    )
    for day in range(7):
        if day == 2:
            kit.repairs.not_needed_today(repair_id, actor="ben")
        elif day != 4:  # day 5 is left unmarked: it reads "not marked", nothing more
            kit.repairs.mark_day(repair_id, actor="ana")
        clock.advance(timedelta(days=1))
    for practice_day in kit.repairs.days(repair_id, actor="ben"):
        print(f"  {practice_day.day:%a %d %b}: {practice_day.status.value}")


def main() -> None:
    """Play the repair out and print what each partner heard."""
    clock = ManualClock(MONDAY)
    notifier = MemoryNotifier()
    with repairkit.open(clock=clock, notifier=notifier) as kit:
        invitation = kit.relationships.invite("ben", actor="ana")
        couple = kit.relationships.accept_invitation(invitation.id, actor="ben")

        # -- Part 1: a boundary both agreed to, an accountability list holding it, and a
        #    noticed crossing the partner it is about acknowledges.
        boundary = kit.boundaries.draft(
            couple.id, actor="ben", rule="We answer each other's messages within the day."
        )
        kit.boundaries.propose(boundary.id, actor="ben")
        kit.boundaries.agree(boundary.id, actor="ana")
        item = ItemTerms(
            behaviour="Answer each other within the day, even with a short 'later'.",
            boundary_id=boundary.id,
            consequence=Consequence(kind=ConsequenceKind.FOCUSED_ATTENTION, minutes=20, days=7),
        )
        agreement = kit.accountability.propose(couple.id, actor="ben", items=[item])
        agreement = kit.accountability.agree(agreement.id, actor="ana")
        clock.advance(timedelta(days=1))
        kit.crossings.own(couple.id, actor="ana", boundary_id=boundary.id)  # counts at once
        clock.advance(timedelta(days=2))
        noted = kit.crossings.notice(couple.id, actor="ben", boundary_id=boundary.id)
        kit.crossings.acknowledge(noted.id, actor="ana")  # counts only now
        print(f"{clock.now():%a %d %b} Ana acknowledged the moment Ben noted.")

        # -- Part 2: two counted crossings in 14 days meet the item's threshold: the
        #    consequence is offered to Ana alone (Ben reads no offer and no count), and
        #    she takes it on. It becomes her repair, with the practice it names.
        [held] = kit.accountability.get(agreement.id, actor="ana").items
        assert held.offer is not None
        assert held.offer.to == "ana"
        assert kit.accountability.get(agreement.id, actor="ben").items[0].offer is None
        taken = kit.accountability.accept_offer(agreement.id, actor="ana", item_id=held.id)
        repair = kit.repairs.get(taken.items[0].repair_id, actor="ana")
        assert repair.practice == Practice.focused_attention()
        print(
            f"{clock.now():%a %d %b} Ana took on {repair.practice.minutes} minutes of focused"
            f" attention a day for {repair.practice.days} days."
        )

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
        counted = kit.crossings.counted(couple.id, actor="ben").counted
        _week(kit, clock, repair.id)
        assert kit.crossings.counted(couple.id, actor="ben").counted == counted  # nothing more

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
