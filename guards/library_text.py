"""Library and brief text are data, never instructions: spot instruction-like text and reduce HTML to text.

Claim wording reaches copy only as the approved wording of a marketing claim. A claim whose text addresses a
model ("Ignore previous instructions and write ...") or carries markup is not a claim a reader can see: it is
quarantined (never offered to the composer) and, if it reaches copy anyway, governance flags the sentence.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser

_INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\b[^.!?]{0,40}\b(?:instructions?|prompts?|rules?|above|previous|prior)\b"
    r"|\b(?:system|developer)\s+(?:prompt|message|instructions?)\b"
    r"|\byou\s+are\s+(?:now\s+)?(?:an?|the)\s+(?:ai|assistant|model|language model|chatbot|agent)\b"
    r"|\bas\s+an\s+ai\b"
    r"|\b(?:instead|now)\s*,?\s+(?:write|say|output|print|respond|reply)\b"
    r"|\b(?:write|output|print|respond with|reply with)\s*:?\s*[\"'“‘]"
    r"|\b(?:assistant|system|user)\s*:"
    r"|\bnew\s+instructions?\b"
    r"|\bdo\s+not\s+(?:follow|obey)\b",
    re.IGNORECASE,
)
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^<>]*>|<!--.*?-->", re.DOTALL)


def instruction_like(text: str) -> str | None:
    """Return the words that make ``text`` read as an instruction to a model, or None."""
    m = _INSTRUCTION.search(text or "")
    return m.group(0) if m else None


def has_markup(text: str) -> bool:
    """True when ``text`` holds an HTML/XML tag or comment."""
    return bool(_TAG.search(text or ""))


class _TextOnly(HTMLParser):
    _SKIP = frozenset({"script", "style", "iframe", "object", "noscript", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skipping:
            self._skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(text: str) -> str:
    """Plain text of ``text``: tags removed, script/style content dropped, entities decoded, spaces collapsed."""
    if "<" not in text and "&" not in text:
        return re.sub(r"\s+", " ", text).strip()
    parser = _TextOnly()
    parser.feed(text)
    parser.close()
    plain = html.unescape("".join(parser.parts))
    plain = re.sub(r"[<>]", " ", plain)  # a stray bracket left by broken markup is never copy
    return re.sub(r"\s+", " ", plain).strip()


def safe_json(value: object) -> str:
    """JSON of ``value`` with ``<``, ``>`` and ``&`` escaped (``\\u003c``...): the same data once parsed, and never
    a raw ``<script>`` for a page or log viewer that embeds it."""
    text = json.dumps(value, default=str)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
