"""Personal data in copy: e-mail addresses, phone numbers, card numbers, IBANs, national ids, IP addresses.

Pattern-based on purpose: the hub's ``guardrails-ai-detect-pii`` needs Microsoft Presidio with a spaCy model
downloaded at install/run time, which the offline default install cannot do. Personal *names* are therefore
not detected here (that needs a named-entity model); merge tags such as ``{{first_name}}`` are fine.
Contact details the brand publishes (``allowed_contacts`` in brand.yaml) are not personal data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from graph.contracts import Finding, ValidatorResult

VALIDATOR = "liftoff/pii"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("email address", re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")),
    ("card number", re.compile(r"(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)")),
    ("IBAN", re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b")),
    ("US social security number", re.compile(r"(?<!\d)\d{3}-\d{2}-\d{4}(?!\d)")),
    ("UK national insurance number", re.compile(r"\b[A-CEGHJ-PR-TW-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b")),
    (
        "IP address",
        re.compile(r"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?![\d.])"),
    ),
    (
        "phone number",
        re.compile(
            r"(?<![\w+])(?:\+?\d{1,3}[ .-]?)?(?:\(\d{2,5}\)[ .-]?)?\d{2,5}(?:[ .-]\d{2,5}){1,3}(?![\w])"
        ),
    ),
)


def find_pii(text: str, allowed: Iterable[str] = ()) -> list[tuple[str, str]]:
    """Return (kind, matched text) for each piece of personal data in ``text``.

    Args:
        text: Copy.
        allowed: Brand contact strings or domains that are not personal data.
    """
    allowed = [a.lower() for a in allowed]
    allowed_digits = {re.sub(r"\D", "", a) for a in allowed if re.sub(r"\D", "", a)}
    found: list[tuple[str, str]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            value = m.group(0).strip()
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if kind == "phone number" and not _looks_like_phone(value):
                continue
            if kind == "card number" and not _luhn(re.sub(r"\D", "", value)):
                continue
            if _allowed(value, allowed, allowed_digits):
                continue
            taken.append((m.start(), m.end()))
            found.append((kind, value))
    return found


_URL = re.compile(
    r"\b(?:https?://|www\.)\S+|(?<![\w@.])(?:[A-Za-z0-9-]+\.)+(?:com|org|net|io|co|uk|eu|de|fr|ca|us|"
    r"example|shop|store)\b(?:/\S*)?",
    re.IGNORECASE,
)


def mask_contacts(text: str) -> str:
    """Blank out URLs, domains, e-mail addresses and phone numbers (contact details are not claims)."""
    text = _PATTERNS[0][1].sub(" ", text)
    text = _URL.sub(" ", text)
    phone = _PATTERNS[-1][1]
    return phone.sub(lambda m: " " if _looks_like_phone(m.group(0)) else m.group(0), text)


def check_pii(text: str, allowed: Iterable[str] = ()) -> ValidatorResult:
    """Fail when the copy contains personal data."""
    findings = [
        Finding(
            text=value,
            verdict="pii",
            reason=f"contains {'an' if kind[0] in 'aeiouAEIOU' else 'a'} {kind}",
            evidence=["copy may not carry personal data"],
        )
        for kind, value in find_pii(text, allowed)
    ]
    return ValidatorResult(
        validator=VALIDATOR,
        passed=not findings,
        reasons=[f.reason for f in findings],
        findings=findings,
        fixable=bool(findings),
    )


def _looks_like_phone(value: str) -> bool:
    digits = re.sub(r"\D", "", value)
    if not 9 <= len(digits) <= 15:
        return False
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", value):  # 2,000,000 is a number, not a phone
        return False
    return bool(re.search(r"[ .()-]", value) or value.startswith("+") or len(digits) >= 10)


def _luhn(digits: str) -> bool:
    if not 13 <= len(digits) <= 19:
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _allowed(value: str, allowed: list[str], allowed_digits: set[str]) -> bool:
    low = value.lower()
    if "@" in low:
        domain = low.rsplit("@", 1)[1]
        return any(domain == a or domain.endswith("." + a) or low == a for a in allowed)
    digits = re.sub(r"\D", "", value)
    return any(
        len(digits) >= 7 and (a.endswith(digits) or digits.endswith(a)) for a in allowed_digits if len(a) >= 7
    )
