"""Split a brief into segments (lines, sentences, clauses) and read the label a segment is introduced by.

Marketers write briefs as prose, bullet lists, forms, tables, Q&A and chat. Every shape comes down to short
segments, some introduced by a label ("Budget:", "| Audience |", "Q: Who for? A: ...", "audience —"). A segment
keeps its offsets in the brief so every fact can be shown with the words it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.models.offline.field_labels import LABEL_TO_FIELD, field_for_label
from graph.models.offline.sentences import SENTENCE_END, spans, strip_edges

_LABEL_SEP = re.compile(
    r"\s*(?P<label>[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ /&()'’?-]{0,38}?)\s*(?:\*\*)?\s*(?:\([A-Za-z]{3}\))?\s*"
    r"(?::|=|\s[-–—→]\s|\s?[-–—]\s|\?\s+A[:.])\s*(?:\*\*\s*)?(?P<value>.+)$",
    re.S,
)
_CLAUSE = re.compile(r"\s*;\s*|\s+[—–]\s+|\s+\|\s+")


@dataclass(frozen=True)
class Segment:
    """A piece of the brief: its text, where it is, and the field its label names (if any)."""

    text: str
    start: int
    end: int
    label: str | None = None
    field: str | None = None
    value: str = ""
    value_start: int = 0


def split_segments(text: str) -> list[Segment]:
    """Return the brief's segments in order: lines, then sentences, then clauses; labels read where present."""
    out: list[Segment] = []
    pending_q: str | None = None  # Q&A: the question labels the next answer line
    heading: str | None = None
    columns: list[str] = []
    for line in re.finditer(r"[^\n]+", text):
        ls, le = strip_edges(text, line.start(), line.end())
        if ls >= le or re.fullmatch(r"[\s|:-]+", text[ls:le]):
            continue
        raw = text[ls:le]
        # Q&A in the languages briefs arrive in: 'P: ¿Producto? R: ...', 'F: Zielgruppe? A: ...', 'D: ... R: ...'
        qa = re.match(r"^[QPFDV][.:]?\s*(?P<q>¿?.+?\?)\s*(?:[ARS][.:]\s*(?P<a>.+))?$", raw)
        if qa:
            if qa.group("a"):
                a_start = ls + qa.start("a")
                out.extend(_labelled(text, a_start, le, qa.group("q")))
            else:
                pending_q = qa.group("q")
            continue
        if pending_q and re.match(r"^[ARS][.:]\s*", raw):
            a_start = ls + re.match(r"^[ARS][.:]\s*", raw).end()  # type: ignore[union-attr]
            out.extend(_labelled(text, a_start, le, pending_q))
            pending_q = None
            continue
        pending_q = None
        # a two-column table pasted without its outer bars: 'Product | Ascot fascinator collection'
        bare_row = re.match(r"(?P<l>[^|]{2,30}?)[ \t]+\|[ \t]+(?P<v>[^|]+?)[ \t]*$", raw)
        if (
            bare_row
            and not text[line.start() : line.end()].strip().startswith("|")
            and len(bare_row.group("l").split()) <= 3
            and field_for_label(bare_row.group("l"))
        ):
            out.extend(_labelled(text, ls + bare_row.start("v"), ls + bare_row.end("v"), bare_row.group("l")))
            continue
        table_row = raw.count("|") >= 1 and text[line.start() : line.end()].strip().startswith("|")
        if heading and not table_row:
            # a document's heading line labels the line under it ('Objective' / 'Sell 10,000 passes.')
            out.extend(_labelled(text, ls, le, heading))
            heading = None
            continue
        heading = None if table_row else _heading(raw)
        if heading:
            continue
        if table_row:
            cells = [c.strip() for c in text[line.start() : line.end()].strip().strip("|").split("|")]
            if columns and len(cells) == len(columns):  # a row under a header of labels
                pos = line.start()
                for label, cell in zip(columns, cells, strict=True):
                    if cell:
                        vs = text.index(cell, pos)
                        pos = vs + len(cell)
                        out.extend(_labelled(text, vs, pos, label))
                continue
            if len(cells) >= 3 and all(field_for_label(c) for c in cells):
                columns = cells  # '| Product | Budget | Channels |': the header of a table of briefs
                continue
            header = cells[1].lower() in (
                "value",
                "values",
                "detail",
                "details",
                "answer",
                "info",
                "description",
            )
            if len(cells) >= 2 and cells[1] and not header and field_for_label(cells[0]):
                vs = text.index(cells[1], line.start())
                out.extend(_labelled(text, vs, vs + len(cells[1]), cells[0]))
            continue
        section = _SECTION.match(
            raw
        )  # 'B. Product. 2027 Annual Parks Pass.': a lettered section of a pasted RFP
        if section and field_for_label(section.group("l")):
            out.extend(_labelled(text, ls + section.start("v"), ls + section.end("v"), section.group("l")))
            continue
        out.extend(_line_segments(text, ls, le))
    return out


_SECTION = re.compile(r"(?:[A-Z][.)]\s+)(?P<l>[A-Z][a-z]+(?:\s[a-z]+){0,2})\.\s+(?P<v>\S.*?)\.?$")


_HEADING_NOT = frozenset(
    {
        "who",
        "what",
        "why",
        "how",
        "where",
        "when",
        "for",
        "line",
        "target",
        "event",
        "end",
        "brief",
        "campaign brief",
    }
)


def _heading(raw: str) -> str | None:
    """A line that is only a field label ('Objective', 'Target market', 'Budget'), as in pasted documents."""
    key = raw.strip().lower()
    if key in LABEL_TO_FIELD and key not in _HEADING_NOT and raw.strip()[:1].isupper():
        return raw.strip()
    return None


def _labelled(text: str, vs: int, ve: int, label: str) -> list[Segment]:
    fld = field_for_label(label)
    return [
        Segment(
            text=text[vs:ve],
            start=vs,
            end=ve,
            label=label.strip(),
            field=fld,
            value=text[vs:ve],
            value_start=vs,
        )
    ]


def _line_segments(text: str, ls: int, le: int) -> list[Segment]:
    out: list[Segment] = []
    whole = _label_of(text, ls, le)
    if whole and whole.field and not re.search(r"[.!?]\s+[A-Z]|;|\s[—–|]\s", whole.value.rstrip(".")):
        return [whole]  # "Budget: $40k" or "Timing: 1 March – 30 April" is one fact line
    if whole and whole.field == "product" and re.match(r"[^:]*\s[—–]\s", text[ls:le]):
        # 'Campaign brief — Tempo Run app (v3). Audience is ...': the label names the first sentence only
        stop = SENTENCE_END.search(text, whole.value_start, le)
        first_end = stop.start() if stop else le
        out.append(
            Segment(
                text=text[ls:first_end],
                start=ls,
                end=first_end,
                label=whole.label,
                field=whole.field,
                value=text[whole.value_start : first_end],
                value_start=whole.value_start,
            )
        )
        ls = stop.end() if stop else le
    for s0, e0 in spans(text, ls, le, SENTENCE_END):
        for s1, e1 in spans(text, s0, e0, _CLAUSE):
            s, e = strip_edges(text, s1, e1)
            if s >= e:
                continue
            seg = _label_of(text, s, e) or _terse_label(text, s, e)
            out.append(seg or Segment(text=text[s:e], start=s, end=e, value=text[s:e], value_start=s))
    return out


def _label_of(text: str, s: int, e: int) -> Segment | None:
    m = _LABEL_SEP.match(text, s, e)
    if not m:
        return None
    label = m.group("label")
    fld = field_for_label(label)
    if fld is None:
        return None
    return Segment(
        text=text[s:e],
        start=s,
        end=e,
        label=label.strip(),
        field=fld,
        value=m.group("value").strip(),
        value_start=m.start("value"),
    )


_TERSE = re.compile(
    r"(?P<label>"
    + "|".join(
        sorted((re.escape(x) for x in LABEL_TO_FIELD if len(x) > 3 or x == "who"), key=len, reverse=True)
    )
    + r")\s+(?P<value>\S.*)$",
    re.I | re.S,
)


def _terse_label(text: str, s: int, e: int) -> Segment | None:
    """'budget $30k' / 'goal 500 sign-ups' in terse one-liners: a known label word, a space, the value."""
    m = _TERSE.match(text, s, e)
    if not m:
        return None
    fld = field_for_label(m.group("label"))
    value = m.group("value")
    if fld in ("audience", "product", "places", "dates", "key_messages") and m.group("label").lower() in (
        "target",
        "for",
        "what",
        "where",
        "when",
        "line",
        "message",
        "market",
        "start",
        "end",
        "offer",
        "item",
        "event",
        "service",
        "promotion",
        "ticket",
        "product line",
        "product name",
        "product focus",
        "brief",
        "campaign brief",
    ):
        return None  # common words that start ordinary sentences: only a colon makes them labels
    return Segment(
        text=text[s:e],
        start=s,
        end=e,
        label=m.group("label"),
        field=fld,
        value=value.strip(),
        value_start=m.start("value"),
    )
