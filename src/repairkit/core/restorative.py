"""The restorative check: a step one takes on never touches what control is made of.

A consequence, a practice's skill or an app's own kind of consequence acts on the
responsible partner's own time and attention (docs/practices.md: restorative, never
punitive). What coercive control is made of (docs/safety.md) it never names: money,
devices and accounts, contacts with other people, whereabouts and movement, sleep, and
the other partner's permission over one's freedom. `check_restorative` refuses words
that name any of these with `InvalidInput`, without echoing them.

It is a wording check, and strict on purpose: a refusal costs a rewording, a pass may
cost someone their freedom. Before it looks, it folds what hides words: compatibility
forms and full-width letters (NFKC), invisible characters, letters of other scripts
that look Latin ("money" spelt with a Cyrillic o), and letters spaced or dotted apart
("m.o.n.e.y"). It does not understand the sentence: a control in other words or
another language passes, and the partners still read each other's words before they
agree to anything.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from repairkit.errors import InvalidInput

__all__ = ["CONTROL_WORDS", "check_restorative", "folded", "names_control"]


def _words(*alternatives: str) -> str:
    """Return a pattern matching any of *alternatives* as whole words."""
    return rf"\b(?:{'|'.join(alternatives)})\b"


CONTROL_WORDS: Final[tuple[str, ...]] = (
    _words(  # money
        "money",
        "cash",
        r"pay\w*",
        "paid",
        "fines?",
        "fined",
        r"spend\w*",
        "spent",
        r"bank\w*",
        "cards?",
        "allowance",
        "salary",
        "wages?",
        "debts?",
        "wallet",
        "purchases?",
        r"budget\w*",
        r"financ\w*",
        "credit",
    ),
    _words(  # devices, accounts, messages
        "devices?",
        "(?:smart|i|tele)?phones?",
        "mobile",
        "laptops?",
        "computers?",
        "tablets?",
        "ipad",
        "passwords?",
        "passcodes?",
        "pins?",
        "logins?",
        "accounts?",
        "apps?",
        "instagram",
        "facebook",
        "whatsapp",
        "snapchat",
        "tiktok",
        "social media",
        "messages?",
        "texts?",
        "texting",
        "e-?mails?",
        "chats?",
        "screen",
        r"uninstall\w*",
        r"delete\w*",
        "inbox",
        "dms?",
    ),
    _words(  # contacts with other people
        "contacts?",
        "friends?",
        "co-?workers?",
        "colleagues?",
        "family",
        "parents?",
        "mother",
        "father",
        "mom",
        "mum",
        "dad",
        "sisters?",
        "brothers?",
        "relatives?",
        r"visit\w*",
        r"socials?i[sz]\w*",
        "going out",
        "go out",
        "goes out",
        "see (?:anyone|anybody|people|others)",
    ),
    _words(  # whereabouts and movement
        "whereabouts",
        r"locat\w*",
        r"track\w*",
        "gps",
        "where (?:i|you|he|she|they) (?:am|are|is|go)",
        "selfies?",
        "photos?",
        "pictures?",
        r"report\w*",
        r"leav\w* the house",
        "home by",
        "stay(?:s|ing)? (?:in|home)",
        "curfew",
        "cars?",
        "keys?",
        r"driv\w*",
        r"travel\w*",
        "outside",
        "passport",
    ),
    _words(  # sleep
        r"sleep\w*",
        "slept",
        "bed",
        "beds",
        "bedtime",
        "lights? out",
        r"wake\w*",
        "woke",
        "naps?",
    ),
    _words(  # the other partner's say over one's freedom; a sanction
        r"permi\w*",
        r"allow\w*",
        "ask(?:s|ing)? (?:first|before)",
        "get a yes",
        r"forbid\w*",
        "bans?",
        "banned",
        "freedom",
        "free time",
        r"obe\w*",
        r"submi\w*",
        r"punish\w*",
        r"penal\w*",
        r"sanction\w*",
        r"los[et]\w*",
        r"confiscat\w*",
        r"hand\w* over",
        "give up",
        r"surrender\w*",
        r"take\w* away",
        "grounded",
        r"control\w*",
        "(?:his|her|their|your|my partner'?s?) (?:say|rules?|orders?)",
        "orders?",
    ),
    # clock times: when one must be somewhere
    r"\b\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.|o'?clock|h)\b|\b\d{1,2}[:.]\d{2}\b|\bo'?clock\b",
)
"""repairkit's own patterns (matched on folded, lower-case words) of what a restorative step
never names: money, devices and accounts, contacts, whereabouts, sleep, the other
partner's permission over one's freedom, and the clock times of a curfew."""

_COMPACT: Final[tuple[str, ...]] = (
    "money",
    "phone",
    "password",
    "location",
    "whereabouts",
    "curfew",
    "permission",
    "freedom",
    "punish",
    "allowance",
    "confiscat",
)
"""Words also looked for with every space, dot and dash between letters taken out."""

_LOOKALIKES: Final = str.maketrans(
    "аеорсухіјѕкмтнвгԁӏαεικνορτυχ",  # Cyrillic, then Greek letters that look Latin
    "aeopcyxijskmthbrdlaeikvoptux",
)

_REFUSAL = (
    "names something a restorative step never touches: money, devices or accounts, contacts"
    " with other people, whereabouts, sleep, or the other partner's say over one's freedom."
    " It acts on one's own time and attention, such as '20 minutes of focused attention a day'."
)


def folded(text: str) -> str:
    """Return *text* as the check reads it: NFKC, visible characters, Latin lookalikes, lower."""
    visible = "".join(
        c for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c) != "Cf"
    )
    return visible.casefold().translate(_LOOKALIKES)


def names_control(words: str) -> bool:
    """Return whether *words* name something a restorative step never touches."""
    text = folded(words)
    if any(re.search(pattern, text) for pattern in CONTROL_WORDS):
        return True
    compact = re.sub(r"[\W_]+", "", text)
    spaced_out = re.search(r"\b\w(?:[\W_]+\w\b){2,}", text) is not None
    return spaced_out and any(word in compact for word in _COMPACT)


def check_restorative(words: str, field: str) -> str:
    """Return *words* if restorative; else raise `InvalidInput` for *field*, nothing echoed."""
    if names_control(words):
        raise InvalidInput(field, _REFUSAL)
    return words
