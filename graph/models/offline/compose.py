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
    claims: list[dict[str, str]] = list(payload.get("claims") or [])
    product = payload.get("product") or payload.get("brand_name") or "our range"
    findings = payload.get("findings") or []
    disclaimers = [_sentence(d) for d in payload.get("disclaimers") or []]
    offset = (ord(variant[:1].upper() or "A") - ord("A")) % max(1, len(claims)) if claims else 0
    ordered = claims[offset:] + claims[:offset]

    body_limit = limits.get("body")
    tail = " ".join(disclaimers)
    cta = _CTA[channel]
    budget_chars = (body_limit - len(tail) - 1) if body_limit else 10_000
    sentences = [_sentence(m) for m in payload.get("key_messages") or []]
    sentences = _apply_fixes(sentences, findings)
    cited: list[str] = []
    max_claims = 1 if channel in ("sms", "paid_search", "display") else (2 if channel == "paid_social" else 3)
    for claim in ordered:
        if len(cited) >= max_claims:
            break
        candidate = _sentence(claim["text"])
        extra = [_sentence(d) for d in claim.get("requires_disclaimers") or [] if _sentence(d) not in disclaimers]
        if len(" ".join([*sentences, candidate, *extra])) <= budget_chars:
            sentences.append(candidate)
            cited.append(claim["id"])
            disclaimers.extend(extra)
            budget_chars -= sum(len(d) + 1 for d in extra)
    while sentences and len(" ".join(sentences)) > budget_chars:
        sentences.pop()
    body = " ".join([*sentences, *disclaimers]).strip() or tail
    copy: dict[str, Any] = {"body": body, "cta": cta if _fits(cta, limits.get("cta")) else None, "cited_claim_ids": cited}

    greeting = f"Meet the {product}" if variant.upper().startswith("A") else f"New: {product}"
    short_claim = next((c for c in ordered if _fits(c["text"].rstrip("."), limits.get("headline") or limits.get("subject"))), None)
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
