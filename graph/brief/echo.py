"""The brief echo: every fact Liftoff read with the words it came from, and every sentence it did not use.

A marketer approves what they see; anything dropped silently is approved as if it were there. The echo is shown in
``liftoff run`` (an "Understood / Not used" block), in the JSON (``brief_echo``) and in the app.
"""

from __future__ import annotations

import re
from typing import Any

from graph.contracts import Brief, BriefFact
from graph.models.offline.echo_units import echo_units
from graph.models.offline.sentences import worth_echoing

_LABELS = {
    "budget": "budget",
    "goal": "goal",
    "kpi_targets": "KPI target",
    "audience": "audience",
    "channels": "channel",
    "places": "place",
    "dates": "dates",
    "duration_days": "duration",
    "holdout_pct": "holdout",
    "theme": "theme",
    "key_messages": "key message",
    "product": "product",
    "landing_url": "landing page",
}


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def unused_sentences(text: str, facts: list[BriefFact]) -> list[str]:
    """Sentences of the brief (three words or more, or a labelled form line) that no fact came from, verbatim.

    A fact covers a sentence when its source words overlap it (sources are matched in the brief verbatim, ignoring
    spacing and case, so a model's facts count as well as the rules')."""
    flat = _squash(text)
    covered: list[tuple[int, int]] = []
    for f in facts:
        src = _squash(f.source)
        if not src:
            continue
        at = flat.find(src)
        if at >= 0:
            covered.append((at, at + len(src)))
    out = []
    for s, e in echo_units(text):
        sentence = text[s:e].strip()
        if not worth_echoing(sentence):
            continue
        key = _squash(sentence)
        at = flat.find(key)
        if at >= 0 and any(a < at + len(key) and at < b for a, b in covered):
            continue
        out.append(sentence)
    return out


def brief_echo(brief: Brief | dict[str, Any]) -> dict[str, Any]:
    """The echo as JSON-ready data: facts (field, value, source), not-used sentences, the audience mapping,
    the problems asked about and what was assumed because the brief did not say."""
    b = brief if isinstance(brief, Brief) else Brief.model_validate(brief)
    mapping = b.audience_mapping
    return {
        "facts": [f.model_dump() for f in b.facts],
        "unused": list(b.unused),
        "problems": list(b.problems),
        "assumed": list(b.assumed),
        "countries": list(b.countries),
        "audience_filters": [f.model_dump(mode="json") for f in mapping.filters] if mapping else [],
        "audience_mapped": list(mapping.mapped) if mapping else [],
        "audience_creative_only": list(mapping.creative_only) if mapping else [],
        "audience_notes": list(mapping.notes) if mapping else [],
    }


def echo_lines(brief: Brief | dict[str, Any], width: int = 110) -> list[str]:
    """The "Understood / Not used" block for the terminal."""
    echo = brief_echo(brief)
    lines = ["understood:"]
    for f in echo["facts"]:
        src = f["source"] if len(f["source"]) <= 70 else f["source"][:67] + "..."
        lines.append(f'  - {_LABELS.get(f["field"], f["field"])}: {f["value"]}  <- "{src}"'[: width + 40])
    if len(lines) == 1:
        lines.append("  (nothing)")
    for m in echo["audience_mapped"]:
        lines.append(f"  - audience -> list filter: {m}")
    for c in echo["audience_creative_only"]:
        lines.append(f"  - audience, creative only (no CRM field): {c}")
    for n in echo["audience_notes"]:
        lines.append(f"  - lists: {n}")
    if echo["unused"]:
        lines.append(
            "not used (no fact read from these sentences; add them as labelled lines if they matter):"
        )
        lines += [f'  - "{u}"' for u in echo["unused"]]
    if echo["assumed"]:
        lines.append("assumed (the brief did not say; state it in the brief to change it):")
        lines += [f"  - {a}" for a in echo["assumed"]]
    if echo["problems"]:
        lines.append("problems (asked, not fixed):")
        lines += [f"  - {p}" for p in echo["problems"]]
    return lines
