"""Offline copy composition: channel copy from approved claims, the marketer's lines and creative lines.

Creative lines (subject, headline, opener) carry the brief's theme, audience and product without stating a fact
(no number, comparison, offer or guarantee), so the claims check reads them as ``no_claim``. They vary by variant
and channel. Factual sentences are approved claim wording only. No sentence appears twice, the subject is never
one word nor a copy of the body, and every field fits its channel's limits.
"""

from __future__ import annotations

import re
from typing import Any

from graph.models.offline.creative import opener_lines, product_label, title_lines
from graph.models.offline.cta import call_to_action
from guards.textnorm import fold_text

_CHANNEL_ORDER = ("email", "sms", "paid_social", "paid_search", "display")
_SENTENCE_VALIDATORS_SKIPPED = {"liftoff/disclaimers", "liftoff/channel_limits"}
_VERDICTS_SKIPPED = {"duplicate", "too_long", "missing_field", "missing", "disclaimer_only"}
_CLAIMS = "liftoff/claims"


def _fits(text: str, limit: int | None) -> bool:
    return limit is None or len(text) <= limit


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text[-1:] in ".!?" else text + "."


class _Revision:
    """What the findings of the last version ask for: lines to avoid, approved rewordings."""

    def __init__(self, findings: list[dict[str, Any]]) -> None:
        self.avoid: set[str] = set()
        self.fixes: dict[str, str] = {}
        for f in findings:
            text = fold_text(f.get("text") or "")
            if (
                not text
                or f.get("validator") in _SENTENCE_VALIDATORS_SKIPPED
                or f.get("verdict") in _VERDICTS_SKIPPED
            ):
                continue
            if f.get("validator") == _CLAIMS and f.get("suggested_fix"):
                self.fixes[text] = _sentence(f["suggested_fix"])
            self.avoid.add(text)

    def rewrite(self, sentence: str) -> str | None:
        """The sentence itself, its approved rewording, or None when it must go."""
        key = fold_text(sentence)
        for bad in self.avoid:
            if bad in key or key in bad:
                fix = self.fixes.get(bad)
                return fix if fix and fold_text(fix) not in self.avoid else None
        return sentence


def compose_copy(payload: dict[str, Any]) -> dict[str, Any]:
    """Return AssetCopy (as a dict) for one channel/variant/region.

    Payload keys: channel, variant, brand_name, product, goal (it decides the call to action), theme, audience,
    claims ([{id, text, requires_disclaimers}], most relevant first), key_messages, key_message_disclaimers, limits ({field: max
    chars}), disclaimers (required lines), findings (of the last version, on a revision).
    """
    channel = payload["channel"]
    variant = (payload.get("variant") or "A").strip() or "A"
    limits: dict[str, int] = payload.get("limits") or {}
    claims: list[dict[str, Any]] = list(payload.get("claims") or [])
    revision = _Revision(payload.get("findings") or [])
    disclaimers = list(dict.fromkeys(_sentence(d) for d in payload.get("disclaimers") or []))
    slot = (ord(variant[:1].upper()) - ord("A")) % 26
    turn = slot + (_CHANNEL_ORDER.index(channel) if channel in _CHANNEL_ORDER else 0)
    ordered = claims[slot % len(claims) :] + claims[: slot % len(claims)] if claims else []

    body_limit = limits.get("body") or limits.get("message")
    cta = call_to_action(channel, payload.get("goal"), limits.get("cta"))
    room = (body_limit - len(" ".join(disclaimers)) - 1) if body_limit else 10_000
    if channel == "sms" and limits.get("message") and cta:
        room -= len(cta) + 1
    seen: set[str] = {fold_text(d) for d in disclaimers}
    sentences: list[str] = []
    cited: list[str] = []

    def add(sentence: str, extra: list[str], *, first: bool = False) -> bool:
        nonlocal room
        extra = [d for d in (_sentence(x) for x in extra) if d not in disclaimers]
        cost = len(sentence) + 1 + sum(len(d) + 1 for d in extra)
        if not sentence.strip() or fold_text(sentence) in seen or cost > room:
            return False
        sentences.insert(0, sentence) if first else sentences.append(sentence)
        disclaimers.extend(extra)
        seen.add(fold_text(sentence))
        room -= cost
        return True

    required_for = payload.get("key_message_disclaimers") or {}
    for message in payload.get("key_messages") or []:
        line = revision.rewrite(_sentence(message))
        if line:
            add(line, required_for.get(message.rstrip("."), required_for.get(message, [])))
    field = "subject" if channel == "email" else ("headline" if channel != "sms" else None)
    # the title first (by variant, from the same list for every variant), then an opener that does not repeat it
    # e-mail carries the subject-line test: its variants take different subjects; an ad's variants may share one
    title = (
        _title(
            payload,
            *((turn - slot, slot) if channel == "email" else (turn, 0)),
            limits.get(field),
            revision,
            seen,
        )
        if field
        else None
    )
    opened = False
    for line in _complementing(opener_lines(payload, turn, channel), title, payload):
        if (
            not _repeats(title, line, product_label(payload))
            and revision.rewrite(line) == line
            and add(line, [], first=True)
        ):
            opened = True
            break
    if not opened and channel == "sms" and sentences:  # no room for an opener: a sender tag names the product
        tag = re.sub(r"^(?:the|our|your) ", "", product_label(payload), flags=re.IGNORECASE)
        tag = f"{tag[:1].upper()}{tag[1:]}: "
        if len(tag) <= room:
            sentences[0] = tag + sentences[0]
            room -= len(tag)
    max_claims = 1 if channel in ("sms", "paid_search", "display") else (2 if channel == "paid_social" else 3)
    for claim in ordered:
        if len(cited) >= max_claims:
            break
        line = revision.rewrite(_sentence(claim["text"]))
        if line == _sentence(claim["text"]) and add(line, claim.get("requires_disclaimers") or []):
            cited.append(claim["id"])
    if not sentences:  # nothing fits: a plain invitation (no claim) rather than a bare disclaimer
        for line in opener_lines({**payload, "theme": None, "audience": None}, turn, channel):
            if not _repeats(title, line, product_label(payload)) and add(line, []):
                break
    body = " ".join([*sentences, *disclaimers]).strip()
    copy: dict[str, Any] = {
        "body": body,
        "cta": cta,
        "cited_claim_ids": cited,
    }
    if field and title:
        copy[field] = title
    return copy


def _carries(line: str, payload: dict[str, Any]) -> tuple[bool, bool]:
    """(names the product, carries the theme) for one creative line."""
    text, theme = fold_text(line), fold_text(payload.get("theme") or "")
    return fold_text(product_label(payload)) in text, bool(theme) and theme in text


def _complementing(lines: list[str], title: str | None, payload: dict[str, Any]) -> list[str]:
    """The openers, those carrying what the title lacks (the product, the theme) first; rotation order otherwise."""
    has_product, has_theme = _carries(title or "", payload)

    def missing(line: str) -> int:
        product, theme = _carries(line, payload)
        return (not has_product and not product) + (
            not has_theme and not theme and bool(payload.get("theme"))
        )

    return sorted(lines, key=missing)


def _repeats(title: str | None, line: str, product: str) -> bool:
    """True when a body line would repeat the title: a line the title holds whole, or one holding the title whole
    (unless the title is the product's bare name, which any line may name)."""
    a, b, name = fold_text(title or ""), fold_text(line), fold_text(product)
    return bool(a) and (b in a or (a != name and a in b))


def _title(
    payload: dict[str, Any], turn: int, slot: int, limit: int | None, revision: _Revision, body: set[str]
) -> str:
    """A creative title that fits, is not flagged, has two words or more and is not in a body sentence (the
    marketer's key messages; the opener is chosen after the title, not to repeat it). Variant 0 takes the first
    such line of the channel's rotation ``turn``; each later variant, the best line of its own rotation that no
    earlier variant took, so the variants of one program (the subject-line test) differ whenever there are titles
    enough."""

    def usable(rotation: int) -> list[str]:
        return [
            line
            for line in title_lines(payload, rotation)
            if _fits(line, limit)
            and revision.rewrite(line) == line
            and len(line.split()) >= 2
            and not any(fold_text(line) in sentence for sentence in body)
        ]

    def rank(
        line: str,
    ) -> int:  # product and theme, then the theme (the opener names the product), then product
        product, theme = _carries(line, payload)
        return 0 if product and theme else 1 if theme else 2 if product else 3

    taken: list[str] = []
    for k in range(slot + 1):  # each variant in turn takes the best line no earlier variant took
        own = usable(turn + k)
        untaken = sorted((line for line in own if line not in taken), key=rank) if taken else own
        if untaken or own:
            taken.append((untaken or own)[0])
    if len(taken) == slot + 1:
        return taken[-1]
    brand = payload.get("brand_name") or "Our"
    fallback = (
        f"{brand} {payload.get('product') or 'news'}" if payload.get("product") else f"News from {brand}"
    )
    return fallback[:limit] if limit else fallback
