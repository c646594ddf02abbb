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
        r"money\w*",
        "cash",
        "paid",
        "payments?",
        r"pay (?:for|back|off|up|me|him|her|them)",
        "fined",
        "fines",
        "a fine",
        r"spending\w*",
        r"earnings?",
        "income",
        "dollars?",
        "euros?",
        "pounds",
        r"transfer\w*",
        "venmo",
        r"reimburs\w*",
        "buy me",
        "owe",
        r"shopping",
        r"spending (?:money|cash)",
        r"bank\w*",
        "(?:credit|debit|bank) cards?",
        "allowance",
        "salary",
        "wages?",
        "debts?",
        "wallet",
        "purchases?",
        r"financ\w*",
    ),
    _words(  # devices, accounts, messages
        r"devices?\w*",
        r"\w*phones?\w*",
        "mobile",
        "laptops?",
        "computers?",
        "tablets?",
        "ipad",
        "handset",
        "sim",
        "telegram",
        "signal",
        "discord",
        r"browser\w*",
        "history",
        "unlock",
        "passwords?",
        "passcodes?",
        "pin codes?",
        "logins?",
        "accounts",
        "instagram",
        "facebook",
        "whatsapp",
        "snapchat",
        "tiktok",
        "social media",
        "internet",
        "wi-?fi",
        "tv",
        "television",
        "netflix",
        "gaming",
        "consoles?",
        "screen time",
        "messages",
        r"text(?:s|ed|ing)",
        "e-?mails",
        "chats",
        "inbox",
        "dms",
        r"uninstall\w*",
        r"delet\w* (?:the |your |his |her |their )?(?:app|apps|account|accounts)",
    ),
    _words(  # contacts with other people
        r"(?<!eye )contact\w*",
        "pals?",
        "mates",
        "buddies",
        "parties",
        "hanging out",
        "other people",
        "unfollow",
        "without me",
        "alone",
        r"\bex\b",
        r"friend\w*",
        "co-?workers?",
        "colleagues?",
        r"famil\w*",
        "parents?",
        "mother",
        "father",
        "mom",
        "mum",
        "dad",
        "sisters?",
        "brothers?",
        "relatives?",
        r"socials?i[sz]\w*",
        r"go(?:es|ing)? out",
        "pubs?",
        "bars?",
        r"(?:night)?clubs?",
        "going out",
        "see (?:anyone|anybody|people|others)",
    ),
    _words(  # whereabouts and movement
        "whereabouts",
        r"locat(?:e|ion|ions|ing)",
        "tracking",
        "trackers?",
        "live pin",
        "where(?:ver)? (?:you|i|he|she|they)(?:'ve| have)? (?:are|been|go)",
        "bus",
        "taxi",
        "tracked",
        "gps",
        "where (?:i|you|he|she|they) (?:am|are|is|go|went)",
        "selfies?",
        r"report\w* (?:to|back|in|where)",
        r"leav\w* the (?:house|home|flat|apartment)",
        "(?:home|back|in|up) (?:by|at|before)",
        r"stay(?:s|ing)? (?:in|home|inside)",
        "indoors",
        "curfew",
        "car",
        "cars",
        "car keys",
        "(?:house|his|her|their|your|the) keys",
        "passport",
    ),
    _words(  # sleep
        r"sleep\w*",
        "slept",
        r"bed(?:s|room|rooms|time)?\b(?<!before bed)",
        "lights? out",
        "wake (?:up )?(?:at|by|before)",
        "woken",
        "sofa",
        "couch",
    ),
    _words(  # the other partner's say over one's freedom; a sanction or a punishment
        r"permi(?:ssion|t|tted)\w*",
        "allowed",
        "allowance",
        "allow (?:me|you|him|her|them)",
        "ask(?:s|ing)? (?:me|before|permission)",
        "check with me",
        "(?:as|when|what|whatever) i say",
        "my ok(?:ay)?",
        r"ob+e[dy]\w*",
        "get a yes",
        r"approv\w*",
        r"consent\w*",
        r"veto\w*",
        r"forbid\w*",
        "bans?",
        "banned",
        r"freedom\w*",
        "free time",
        r"obe[dy]\w*",
        r"submi(?:t|ssion|ssive)\w*",
        r"punish\w*",
        r"penal\w*",
        r"sanction\w*",
        r"confiscat\w*",
        r"hand\w* over",
        r"surrender\w*",
        r"take\w* away (?:my|your|his|her|their|the)",
        "grounded",
        "silent treatment",
        "stop (?:talking|speaking) to",
        r"chores?",
        "(?:no|skip\\w*|without) (?:dinner|food|meals?|eating|lunch|breakfast)",
        r"kneel\w*",
        r"beg\w*",
        r"grovel\w*",
        "cold showers?",
        "write lines",
        r"public(?:ly)? apolog\w*",
        r"humiliat\w*",
        "(?:his|her|their|your|my partner'?s?) (?:say|rules?|orders?)",
    ),
    # clock times: when one must be somewhere
    r"[€$£¥]",  # a sum of money
    (
        r"\b\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.|o'?clock|h)\b|\b\d{1,2}[:.]\d{2}\b|\bo'?clock\b"
        r"|\b(?:by|at|before|after) \d{1,2}\b"
    ),
)
"""repairkit's own patterns (matched on folded, lower-case words) of what a restorative step
never names: money, devices and accounts, contacts, whereabouts, sleep, the other
partner's permission over one's freedom, a punishment, and the clock times of a curfew.
The words of a restorative practice itself pass ("spend 20 minutes", "pay full attention",
"eye contact", "write a card", "keep track of your own feelings")."""

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
    "friend",
    "contacts",
)
"""Words also looked for with every space, dot and dash between letters taken out, and
digits read as the letters they stand in for ("m0ney", "mo ney")."""

_LOOKALIKES: Final = str.maketrans(
    # Cyrillic, Greek, Armenian, Latin variants and small capitals that look Latin
    "аеорсухіјѕкмтнвгԁӏαεικνορτυχօոսհɑɡıȷᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢ",
    "aeopcyxijskmthbrdlaeikvoptuxonuhagijabcdefghijklmnoprstuvwyz",
)
_DIGITS: Final = str.maketrans("013457@$", "oleastas")
_FILLERS: Final = frozenset("\u3164\u115f\u1160\uffa0\u2800\u034f")
"""Characters that show nothing and are no format character: Hangul fillers, the braille
blank, the combining grapheme joiner."""

_REFUSAL = (
    "names something a restorative step leaves alone: money, devices or accounts, contacts"
    " with other people, whereabouts, sleep, a punishment, or the other partner's say over"
    " one's freedom. It acts on one's own time and attention, such as '20 minutes of"
    " focused attention a day'."
)


def folded(text: str) -> str:
    """Return *text* as the check reads it: its letters, as they look, in lower case.

    Compatibility forms folded (NFKC), accents and every character that shows nothing
    taken out (format and combining marks, fillers), letters of other scripts that look
    Latin read as Latin.
    """
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    visible = "".join(
        c
        for c in decomposed
        if unicodedata.category(c) not in ("Cf", "Mn", "Me") and c not in _FILLERS
    )
    return visible.casefold().translate(_LOOKALIKES)


def names_control(words: str) -> bool:
    """Return whether *words* name something a restorative step never touches."""
    text = folded(words)
    if any(re.search(pattern, text) for pattern in CONTROL_WORDS):
        return True
    compact = re.sub(r"[\W_]+", "", text.translate(_DIGITS))
    return any(word in compact for word in _COMPACT)


def check_restorative(words: object, field: str) -> str:
    """Return *words* if restorative; else raise `InvalidInput` for *field*, nothing echoed."""
    if not isinstance(words, str):
        raise InvalidInput(field, "needs text.")
    if names_control(words):
        raise InvalidInput(field, _REFUSAL)
    return words
