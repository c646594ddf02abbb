"""Errors cross process boundaries whole: an app's worker raises, its caller reads the fields."""

from __future__ import annotations

import pickle
import uuid
from datetime import UTC, datetime

import pytest

from repairkit import errors

ID = uuid.UUID(int=7)
EVERY_KIND = [
    errors.NotFound("request", ID),
    errors.NotAllowedNow(
        kind="request",
        action="propose",
        state="declined",
        allowed=("withdraw",),
        reason="A wait follows a no.",
        possible_from=datetime(2026, 3, 3, tzinfo=UTC),
    ),
    errors.NotPermitted("Answering is for the partner asked.", actor="ana", action="accept"),
    errors.NotInvitable("Invitations are limited.", possible_from=datetime(2026, 3, 3, tzinfo=UTC)),
    errors.InvalidInput("need", "needs words."),
    errors.RegistryError("two workflows use one name"),
    errors.ConcurrencyConflict("request", ID, 3),
    errors.ConcurrencyConflict("session", ID, 0, one_at_a_time=True),
    errors.StorageError("the database could not be reached"),
    errors.CorruptData("event", ID),
    errors.Closed(),
]


@pytest.mark.parametrize("error", EVERY_KIND, ids=lambda e: type(e).__name__)
def test_every_error_pickles_with_its_message_and_fields(error):
    """A pickled error comes back of its own type, with the same message and fields."""
    back = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes, just made
    assert type(back) is type(error)
    assert str(back) == str(error)
    assert vars(back) == vars(error)


def test_every_kind_of_error_is_tried():
    """The list above names every error class repairkit exports."""
    exported = {getattr(errors, name) for name in errors.__all__}
    tried = {type(error) for error in EVERY_KIND}
    assert exported - tried == {errors.RepairkitError, errors.Refused}
