"""Offline copy composition: assemble channel copy from approved claims only (plus the marketer's quoted lines)."""

from __future__ import annotations

import re
from typing import Any

_CTA = {"email": "Shop now", "sms": "Shop now", "paid_social": "Learn more", "paid_search": "Shop now", "display": "Learn more"}


def _fits(text: str, limit: int | None) -> bool:
    return limit is None or len(text) <= limit


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text[-1:] in ".!?" else text + "."


def _apply_fixes(sentences: list[str], findings: list[dict[str, Any]]) -> list[str]:
    """Replace each flagged sentence by its safe fix, or drop it when there is none."""
    out = []
    for sentence in sentences:
        hit = next((f for f in findings if f.get("text") and _norm(f["text"]) in _norm(sentence)), None)
        if hit is None:
            out.append(sentence)
        elif hit.get("suggested_fix"):
            out.append(_sentence(hit["suggested_fix"]))
    return out


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower().rstrip(".!?"))


def compose_copy(payload: dict[str, Any]) -> dict[str, Any]:
    """Return AssetCopy (as a dict) for one channel/variant/region.

    Payload keys: channel, variant, product, claims ([{id, text}], most relevant first), key_messages,
    limits ({field: max chars}), disclaimers (required lines), findings (to fix on a revision).
    """
    channel = payload["channel"]
    variant = payload.get("variant", "A")
    limits: dict[str, int] = payload.get("limits") or {}
    claims: list[dict[str, Any]] = list(payload.get("claims") or [])
    product = payload.get("product") or payload.get("brand_name") or "our range"
    findings = payload.get("findings") or []
    disclaimers = [_sentence(d) for d in payload.get("disclaimers") or []]
    offset = (ord(variant[:1].upper() or "A") - ord("A")) % max(1, len(claims)) if claims else 0
    ordered = claims[offset:] + claims[:offset]

    body_limit = limits.get("body") or limits.get("message")
    cta = _CTA[channel]
    room = (body_limit - len(" ".join(disclaimers)) - 1) if body_limit else 10_000
    if channel == "sms" and limits.get("message"):
        room -= len(cta) + 1
    sentences: list[str] = []
    cited: list[str] = []
    seen: set[str] = set()

    def add(sentence: str, extra: list[str]) -> bool:
        nonlocal room
        extra = [d for d in (_sentence(x) for x in extra) if d not in disclaimers]
        cost = len(sentence) + 1 + sum(len(d) + 1 for d in extra)
        if _norm(sentence) in seen or cost > room:
            return False
        sentences.append(sentence)
        disclaimers.extend(extra)
        seen.add(_norm(sentence))
        room -= cost
        return True

    required_for = payload.get("key_message_disclaimers") or {}
    for message in _apply_fixes([_sentence(m) for m in payload.get("key_messages") or []], findings):
        add(message, required_for.get(message.rstrip("."), required_for.get(message, [])))
    max_claims = 1 if channel in ("sms", "paid_search", "display") else (2 if channel == "paid_social" else 3)
    for claim in ordered:
        if len(cited) >= max_claims:
            break
        if add(_sentence(claim["text"]), claim.get("requires_disclaimers") or []):
            cited.append(claim["id"])
    if not sentences:  # nothing factual fits: a plain invitation (no claim) rather than a bare disclaimer
        add(f"Discover {'the ' if payload.get('product') else ''}{product}.", [])
    body = " ".join([*sentences, *disclaimers]).strip()
    copy: dict[str, Any] = {"body": body, "cta": cta if _fits(cta, limits.get("cta")) else None, "cited_claim_ids": cited}

    named = f"the {product}" if payload.get("product") else product
    greeting = f"Meet {named}" if variant.upper().startswith("A") else f"New: {product}"
    short_claim = next((c for c in ordered
                        if _fits(c["text"].rstrip("."), limits.get("headline") or limits.get("subject"))
                        and all(_sentence(d) in disclaimers for d in c.get("requires_disclaimers") or [])), None)
    if variant.upper().startswith("B") and short_claim:
        title = short_claim["text"].rstrip(".")
        if short_claim["id"] not in cited:
            cited.append(short_claim["id"])
    else:
        title = greeting if _fits(greeting, limits.get("headline") or limits.get("subject")) else product
    if channel == "email":
        copy["subject"] = title if _fits(title, limits.get("subject")) else product[: limits.get("subject", 60)]
    elif channel != "sms":
        copy["headline"] = title if _fits(title, limits.get("headline")) else product[: limits.get("headline", 30)]
    return copy
