"""Extract a JSON object from free model text and repair the defects small models make.

Handles: prose around the object, Markdown code fences, trailing commas, single-quoted strings,
Python literals (True/False/None), unquoted keys, smart quotes, HTML-escaped quotes (some
OpenAI-compatible servers HTML-escape their prompt template, and small models echo that), raw
newlines inside strings and missing closing quotes/brackets at the end of a truncated answer.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from typing import Any

_FENCE = re.compile(r"```[ \t]*(?:json|JSON|javascript|js|python)?[ \t]*\n?(.*?)(?:```|\Z)", re.DOTALL)
_LITERALS = {
    "True": "true",
    "False": "false",
    "None": "null",
    "true": "true",
    "false": "false",
    "null": "null",
}
_HTML_QUOTES = re.compile(r"&(?:amp;)*(?:#34|#x22|quot|#39|#x27|apos);")
_SMART = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})


class JSONRepairError(ValueError):
    """No JSON object could be recovered from the text."""


@dataclass
class Repaired:
    """A recovered JSON value and what was fixed to get it.

    Attributes:
        value: The parsed value (a dict for an object).
        fixes: Names of the repairs applied ('fence', 'prose', 'trailing_comma', ...).
    """

    value: Any
    fixes: list[str] = field(default_factory=list)


def parse_json_object(text: str) -> Repaired:
    """Recover the first JSON object in ``text``.

    Args:
        text: Model output (may contain prose, code fences and defects).

    Returns:
        The parsed object and the list of fixes applied.

    Raises:
        JSONRepairError: when the text holds no recoverable JSON object.
    """
    fixes: list[str] = []
    candidate = text.strip()
    if _HTML_QUOTES.search(candidate):
        for _ in range(4):  # escaped again on every round trip through such a server: &amp;#34;
            unescaped = html.unescape(candidate)
            if unescaped == candidate:
                break
            candidate = unescaped
        fixes.append("html_entities")
    fenced = _FENCE.search(candidate)
    if fenced and "{" in fenced.group(1):
        candidate = fenced.group(1).strip()
        fixes.append("fence")
    start = candidate.find("{")
    if start < 0:
        raise JSONRepairError("no JSON object in the reply (no '{' found)")
    if start > 0:
        fixes.append("prose")
    candidate = candidate[start:]
    try:
        value, end = json.JSONDecoder().raw_decode(candidate)
        if candidate[end:].strip() and "prose" not in fixes:
            fixes.append("prose")
        return Repaired(value=value, fixes=fixes)
    except json.JSONDecodeError:
        pass
    fixed, repair_fixes = _rewrite(candidate.translate(_SMART) if _has_smart(candidate) else candidate)
    if _has_smart(candidate):
        repair_fixes.insert(0, "smart_quotes")
    try:
        value = json.loads(fixed)
    except json.JSONDecodeError as exc:
        raise JSONRepairError(
            f"reply is not valid JSON even after repair: {exc.msg} at char {exc.pos}"
        ) from exc
    return Repaired(value=value, fixes=fixes + repair_fixes)


def _has_smart(text: str) -> bool:
    return any(ch in text for ch in "\u201c\u201d\u2018\u2019")


def _rewrite(text: str) -> tuple[str, list[str]]:
    """Re-emit ``text`` as strict JSON, stopping after the first complete top-level value."""
    out: list[str] = []
    fixes: set[str] = set()
    stack: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in "\"'":
            literal, i, closed = _read_string(text, i)
            if ch == "'":
                fixes.add("single_quotes")
            if not closed:
                fixes.add("unterminated_string")
            if "\n" in literal:
                fixes.add("newline_in_string")
            out.append(json.dumps(literal, ensure_ascii=False))
            continue
        if ch in "{[":
            stack.append("}" if ch == "{" else "]")
            out.append(ch)
        elif ch in "}]":
            _drop_trailing_comma(out, fixes)
            if stack:
                stack.pop()
            out.append(ch)
            if not stack:
                if text[i + 1 :].strip():
                    fixes.add("prose")
                break
        elif ch.isalpha() or ch == "_":
            j = i
            while j < n and (text[j].isalnum() or text[j] in "_-"):
                j += 1
            word = text[i:j]
            k = j
            while k < n and text[k] in " \t\r\n":
                k += 1
            if k < n and text[k] == ":" and stack and stack[-1] == "}":
                out.append(json.dumps(word))
                fixes.add("unquoted_key")
            elif word in _LITERALS:
                out.append(_LITERALS[word])
                if word != _LITERALS[word]:
                    fixes.add("python_literal")
            else:
                out.append(word)
            i = j
            continue
        else:
            out.append(ch)
        i += 1
    if stack:
        _drop_trailing_comma(out, fixes)
        _drop_dangling_key(out, fixes)
        out.extend(reversed(stack))
        fixes.add("missing_brackets")
    return "".join(out), sorted(fixes)


def _read_string(text: str, start: int) -> tuple[str, int, bool]:
    """Read a quoted string starting at ``start``; return (value, index after it, closed?)."""
    quote = text[start]
    chars: list[str] = []
    i = start + 1
    escapes = {
        "n": "\n",
        "t": "\t",
        "r": "\r",
        "b": "\b",
        "f": "\f",
        "/": "/",
        "\\": "\\",
        '"': '"',
        "'": "'",
    }
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            if nxt == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", text[i + 2 : i + 6] or ""):
                chars.append(chr(int(text[i + 2 : i + 6], 16)))
                i += 6
                continue
            chars.append(escapes.get(nxt, nxt))
            i += 2
            continue
        if ch == quote:
            return "".join(chars), i + 1, True
        chars.append(ch)
        i += 1
    return "".join(chars), i, False


def _drop_trailing_comma(out: list[str], fixes: set[str]) -> None:
    j = len(out) - 1
    while j >= 0 and out[j].isspace():
        j -= 1
    if j >= 0 and out[j] == ",":
        del out[j]
        fixes.add("trailing_comma")


def _drop_dangling_key(out: list[str], fixes: set[str]) -> None:
    """A truncated object may end in '"key":' or '"key"'; drop it so the object closes cleanly."""
    j = len(out) - 1
    while j >= 0 and out[j].isspace():
        j -= 1
    if j >= 0 and out[j] == ":":
        k = j - 1
        while k >= 0 and out[k].isspace():
            k -= 1
        del out[k:]
        _drop_trailing_comma(out, fixes)
        fixes.add("dangling_key")
