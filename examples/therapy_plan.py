"""A joint therapy plan: hopes revealed together, a third person both chose, practice.

Ana and Ben want help with the distance that has grown between them. They invite Tess,
a couples therapist, through the check-ins' third person (both agree, each consenting
to share some categories), and make a therapy plan with her. Each writes privately what
they hope for; Ben sees nothing of Ana's until both are set, and then both are revealed
at once. They agree on three sessions, two weeks apart, and export them as a calendar.
After the first session Tess suggests a practice for Ben (reflective listening); it
starts only with his yes. Ben records two attempts of his own, and Ana and Tess write
what worked and what to adjust; Ana appreciates a small step. Later Ana narrows what
Tess may read: the scope shrinks at once. At the end, Ben exports everything he may
see, as he sees it. A `ManualClock` makes the weeks pass in a blink.

Run it with ``.venv/bin/python examples/therapy_plan.py``.
"""

from __future__ import annotations

import json
import textwrap
import uuid
from datetime import UTC, datetime, timedelta

import repairkit
from repairkit import ManualClock, MemoryNotifier, NotAllowedNow, RepairKit

MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def say(clock: ManualClock, line: str) -> None:
    """Print one line of the story, dated by the kit's clock."""
    print(f"{clock.now():%a %d %b} {line}")


def practise(kit: RepairKit, clock: ManualClock, couple_id: uuid.UUID, first: datetime) -> None:
    """Step 4: a practice for Ben, started by his yes, attempted twice and debriefed."""
    # 4. After the first session, a practice for Ben: it starts only with his yes.
    clock.set(first + timedelta(hours=2))
    practice = kit.assignments.propose(
        couple_id,
        actor="tess",
        assignee="ben",
        words="Reflective listening: say back what you heard before you answer.",
    )
    say(clock, f"Tess suggests a practice for Ben; it is {practice.state.value}.")
    practice = kit.assignments.accept(practice.id, actor="ben")
    say(clock, f"Ben says yes; it is {practice.state.value}.")
    for days, note in ((2, "Said back what Ana meant about the weekend."), (4, None)):
        clock.set(first + timedelta(days=days, hours=10))
        kit.assignments.attempt(practice.id, actor="ben", note=note)
        say(clock, "Ben records an attempt of his own.")
    kit.assignments.debrief(
        practice.id, actor="ana", worked="I felt heard.", adjust="Keep it short in the evening."
    )
    kit.assignments.debrief(practice.id, actor="tess", worked="A good start.")
    kit.assignments.celebrate(practice.id, actor="ana")
    practice = kit.assignments.get(practice.id, actor="ben")
    say(clock, f"{len(practice.attempts)} attempts, {len(practice.debriefs)} debriefs.")


def main() -> None:
    """Play the story on an in-memory kit."""
    clock = ManualClock(MONDAY)
    notifier = MemoryNotifier()
    kit: RepairKit = repairkit.open(clock=clock, notifier=notifier)
    invitation = kit.relationships.invite("ben", actor="ana")
    couple = kit.relationships.accept_invitation(invitation.id, actor="ben")

    # A third person both chose: each partner consents to share categories of their own.
    tess = kit.facilitators.propose(
        couple.id,
        actor="ana",
        person="tess",
        approach="Couples therapist, emotionally focused therapy",
        categories=["therapy plan", "assignments", "progress"],
    )
    tess = kit.facilitators.agree(tess.id, actor="ben", categories=["therapy plan", "assignments"])
    say(clock, f"Tess takes part; she may read: {', '.join(tess.scope)}.")
    plan = kit.therapy_plans.propose(couple.id, actor="ana", facilitator_id=tess.id)
    plan = kit.therapy_plans.agree(plan.id, actor="ben")
    say(clock, f"The therapy plan is {plan.state.value}.")

    # 1. Hopes, written privately and revealed together.
    kit.therapy_plans.write_hopes(plan.id, actor="ana", words="To feel listened to again.")
    kit.therapy_plans.set_hopes(plan.id, actor="ana")
    seen = kit.therapy_plans.get(plan.id, actor="ben")
    say(clock, f"Ana set her hopes; Ben sees {len(seen.hopes)} hopes so far.")
    kit.therapy_plans.write_hopes(plan.id, actor="ben", words="Managing anger and hurt.")
    plan = kit.therapy_plans.set_hopes(plan.id, actor="ben")
    say(clock, f"Both set theirs: revealed to both at once ({len(plan.hopes)} hopes).")

    # 2. and 3. Three sessions, agreed by both, in their calendars.
    first = MONDAY + timedelta(days=7, hours=8)
    kit.therapy_plans.propose_schedule(plan.id, actor="ben", start=first, every_weeks=2, count=3)
    plan = kit.therapy_plans.agree_change(plan.id, actor="ana")
    for number, at in enumerate(plan.sessions(), start=1):
        say(clock, f"Session {number}: {at:%a %d %b %H:%M}.")
    calendar = kit.therapy_plans.calendar(plan.id, actor="ana")
    say(clock, f"Their calendar holds {calendar.count(b'BEGIN:VEVENT')} sessions.")

    practise(kit, clock, couple.id, first)

    # 5. Ana narrows what Tess may read: it applies at once.
    tess = kit.facilitators.consent(tess.id, actor="ana", categories=["therapy plan"])
    say(clock, f"Ana narrows her consent; Tess may now read: {', '.join(tess.scope)}.")
    try:
        kit.facilitators.shared(tess.id, actor="tess", category="assignments")
    except NotAllowedNow:
        say(clock, "Tess can no longer read the practices.")

    # 6. Ben takes his data with him: everything he may see, as he sees it.
    export = kit.export("ben")
    [relationship] = export["relationships"]
    kinds = ", ".join(sorted(relationship["workflows"]))
    say(clock, f"Ben's export ({export['format']} v{export['version']}): {kinds}.")
    assert "listened to again" in json.dumps(export)  # revealed to both: his to read

    print("\nWhat Ben heard:")
    for note in notifier.for_person("ben"):
        print(textwrap.fill(note.message, 88, initial_indent="  - ", subsequent_indent="    "))
    kit.close()


if __name__ == "__main__":
    main()
