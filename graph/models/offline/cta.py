"""The call to action from what the campaign asks people to do, read from its goal's words.

A donation appeal asks for a donation, a demo-request campaign for a demo, a trial campaign for a trial start; only
a campaign that sells asks people to shop. Each intent lists its wordings longest first; the composer takes the
first that fits the channel's CTA limit.
"""

from __future__ import annotations

import re

_INTENTS: tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...] = tuple(
    (name, re.compile(rx, re.IGNORECASE), wordings)
    for name, rx, wordings in (
        (
            "donate",
            r"\b(?:donat\w*|donors?|fundrais\w*|giving|gift aid)\b",
            ("Donate now", "Donate", "Give"),
        ),
        ("demo", r"\bdemos?\b|\bdemo[- ]requests?\b", ("Book a demo", "Get a demo", "Demo")),
        ("quote", r"\bquotes?\b|\bquotations?\b|\bestimates?\b", ("Get a quote", "Quote")),
        (
            "trial",
            r"\b(?:free[- ])?trials?\b",
            ("Start your trial", "Start trial", "Try it"),
        ),
        (
            "install",
            r"\b(?:app )?(?:installs?|downloads?)\b",
            ("Download the app", "Get the app", "Download"),
        ),
        (
            "account",
            r"\b(?:new )?(?:accounts?|accounts? opened|isas?|savings|deposits?|current accounts?)\b",
            ("Open an account", "Open account", "Apply"),
        ),
        ("apply", r"\b(?:applications?|applicants?|apply)\b", ("Apply now", "Apply")),
        (
            "book",
            r"\b(?:bookings?|reservations?|room nights|nights|stays?|appointments?|tables?|tickets?)\b",
            ("Book now", "Book"),
        ),
        (
            "enquire",
            r"\b(?:leads?|enquir\w*|inquir\w*|consultations?|call ?backs?|contact requests?)\b",
            ("Enquire now", "Enquire"),
        ),
        (
            "signup",
            r"\b(?:sign[- ]?ups?|registrations?|register\w*|subscri\w*|members(?:hip)?s?|join\w*|volunteers?)\b",
            ("Sign up", "Join"),
        ),
        (
            "shop",
            r"\b(?:orders?|sales?|purchases?|revenue|basket\w*|checkouts?|buy\w*|units sold)\b",
            ("Shop now", "Buy now", "Shop"),
        ),
    )
)

_NEUTRAL = "Learn more"
_WORDINGS = {name: wordings for name, _, wordings in _INTENTS}


def cta_intent(goal: str | None) -> str | None:
    """The action the campaign asks for: the intent its goal names first (the earliest mention wins); None when the
    goal names none ('raise awareness')."""
    text = goal or ""
    hits = [(m.start(), i) for i, (_, rx, _) in enumerate(_INTENTS) for m in [rx.search(text)] if m]
    return _INTENTS[min(hits)[1]][0] if hits else None


def call_to_action(channel: str, goal: str | None, limit: int | None = None) -> str | None:
    """The call to action for ``channel``: the goal's intent in the longest wording that fits ``limit``, else a
    neutral 'Learn more' (never 'Shop now' for a campaign that does not sell); None when nothing fits."""
    intent = cta_intent(goal)
    options = [*(_WORDINGS[intent] if intent else ()), _NEUTRAL]
    return next((o for o in options if limit is None or len(o) <= limit), None)
