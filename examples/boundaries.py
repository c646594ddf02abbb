"""A boundary agreed, a crossing noted and acknowledged, then new words for the boundary.

Ana proposes a boundary for the two of them, "no sarcasm when we disagree", with what
she will do for herself if it happens. Ben suggests other words once, Ana agrees, and
it is in force. A few days later Ana notes a moment that went past it; Ben is told
calmly, acknowledges it, and it counts, for him, inside the rolling window only. They
link the repair that follows. Later Ben proposes new words; the current ones hold until
Ana agrees. Four weeks on, the crossing settles: it counts nowhere, and only Ben still
sees it. A `ManualClock` makes the weeks pass in a blink.

Run it with ``.venv/bin/python examples/boundaries.py``.
"""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime, timedelta

import repairkit
from repairkit import ManualClock, MemoryNotifier, NotFound
from repairkit.repairs import RepairLink, RepairLinkKind

MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def main() -> None:
    """Play the month out and print what each partner heard."""
    clock = ManualClock(MONDAY)
    notifier = MemoryNotifier()
    with repairkit.open(clock=clock, notifier=notifier) as kit:
        invitation = kit.relationships.invite("ben", actor="ana")
        couple = kit.relationships.accept_invitation(invitation.id, actor="ben")

        # Ana drafts a boundary (only she sees the draft), then proposes it.
        boundary = kit.boundaries.draft(
            couple.id,
            actor="ana",
            rule="No sarcasm when we disagree.",
            own_action="I will say I need a minute and take a short break.",
        )
        kit.boundaries.propose(boundary.id, actor="ana")
        print(f"{clock.now():%a %d %b} Ana proposes a boundary.")

        # Ben suggests other words; Ana agrees to them. Now it is in force.
        kit.boundaries.counter(boundary.id, actor="ben", rule="No sarcasm, from either of us.")
        boundary = kit.boundaries.agree(
            boundary.id, actor="ana", own_action="I will say I need a minute."
        )
        print(f"{clock.now():%a %d %b} In force: {boundary.terms.rule!r}")

        # Thursday: Ana notes a moment that went past it. It counts only once Ben owns it.
        clock.advance(timedelta(days=3))
        noted = kit.crossings.notice(couple.id, actor="ana", boundary_id=boundary.id)
        assert kit.crossings.counted(couple.id, actor="ana").counted == 0
        noted = kit.crossings.acknowledge(noted.id, actor="ben")
        count = kit.crossings.counted(couple.id, actor="ben")
        print(f"{clock.now():%a %d %b} Ben acknowledges it: {count.yours} of his in the window.")

        # Ben owns the repair that follows (kit.repairs); the crossing shows the link too.
        link = RepairLink(kind=RepairLinkKind.CROSSING, id=noted.id)
        repair = kit.repairs.own(couple.id, actor="ben", link=link)
        kit.crossings.link_repair(noted.id, actor="ben", repair_id=repair.id)

        # A week later Ben proposes new words; the current ones hold until Ana agrees.
        clock.advance(timedelta(days=7))
        revising = kit.boundaries.propose_revision(
            boundary.id, actor="ben", rule="No sarcasm or eye-rolling, from either of us."
        )
        assert revising.in_force
        assert revising.terms.rule == boundary.terms.rule
        boundary = kit.boundaries.agree_to_revision(boundary.id, actor="ana")
        print(f"{clock.now():%a %d %b} New words in force: {boundary.terms.rule!r}")

        # Four weeks after the moment, the crossing settles: it counts nowhere, and
        # only Ben, whom it is about, still sees it.
        clock.set(noted.happened_at + timedelta(days=28))
        kit.timers.run_due()
        assert kit.crossings.counted(couple.id, actor="ben").counted == 0
        assert kit.crossings.get(noted.id, actor="ben").state == "settled"
        try:
            kit.crossings.get(noted.id, actor="ana")
        except NotFound:
            pass  # for Ana it reads as if it never existed
        else:
            raise AssertionError("a settled crossing is seen only by the partner it is about")
        print(f"{clock.now():%a %d %b} The crossing has settled; only Ben sees it now.")

        for person in ("ana", "ben"):
            print(f"\nWhat {person.title()} heard:")
            for note in notifier.for_person(person):
                print(
                    textwrap.fill(note.message, 88, initial_indent="  - ", subsequent_indent="    ")
                )


if __name__ == "__main__":
    main()
