"""Clarifying answers in plain words, merged into the brief as labelled lines the Planner reads.

"independent cafes and home baristas" answers "Who should the campaign reach?"; "about 30k dollars" answers the
budget question; "get 500 signups" the goal. An answer that already states its fields ("Budget: $30k; audience:
cafe owners") is kept as written; the part of an answer that states none of the asked fields goes to the one field
still missing. Nothing in the answer is dropped: it is appended to the brief, so the echo shows it.
"""

from __future__ import annotations

import re
from datetime import date

from graph.models.offline.parse import parse_brief

_LABEL = {"budget": "Budget", "goal": "Goal", "audience": "Audience", "dates": "Timing", "holdout": "Holdout"}
_FACTS = {
    "budget": {"budget"},
    "goal": {"goal", "kpi_targets"},
    "audience": {"audience"},
    "dates": {"dates", "duration_days"},
    "holdout": {"holdout_pct"},
}
"""The facts (``parse_brief`` names) that answer each question."""


def _found(parsed: object, field: str) -> bool:
    value = {
        "budget": getattr(parsed, "budget", None),
        "goal": getattr(parsed, "goal", None) or getattr(parsed, "kpis", None),
        "audience": getattr(parsed, "audience", None),
        "dates": getattr(parsed, "start_date", None) or getattr(parsed, "duration_days", None),
        "holdout": getattr(parsed, "holdout_pct", None),
    }.get(field)
    return bool(value)


def merge_answer(brief_text: str, asked: list[str], answer: str, today: date) -> str:
    """The brief with the answer appended, labelled by the fields it answers.

    Args:
        brief_text: The brief so far.
        asked: Fields the questions asked about ('budget', 'goal', 'audience', 'dates', 'holdout').
        answer: The marketer's answer, in plain words.
        today: Reference date for dates in the answer.
    """
    answer = answer.strip()
    if not answer:
        return brief_text
    parsed = parse_brief(answer, today)
    questions = [f for f in dict.fromkeys(asked) if f in _LABEL]
    if (
        len(questions) == 1
        and "\n" not in answer
        and all(f.field in _FACTS[questions[0]] for f in parsed.facts)
    ):
        # One question, and the answer states nothing else: all of it is the answer ('new puppy owners, mostly
        # first-time dog parents' is the audience, not only its first clause).
        return f"{brief_text}\n{_LABEL[questions[0]]}: {answer.rstrip('.')}"
    unanswered = [f for f in questions if not _found(parsed, f)]
    if not unanswered:
        return f"{brief_text}\n{answer}"
    lines: list[str] = []
    # Part of the answer stated some fields; the clauses that gave no fact answer the field still missing.
    used = [(f.start, f.end) for f in parsed.facts]
    clauses = [
        c
        for c in re.split(
            r"\s*(?:[;\n]|,\s+(?=[a-z]*\s*(?:budget|goal|audience|for|aim|target))|\.\s+)\s*", answer
        )
        if c.strip()
    ]
    rest: list[str] = []
    pos = 0
    for clause in clauses:
        at = answer.find(clause, pos)
        pos = at + len(clause) if at >= 0 else pos
        if at >= 0 and any(s < at + len(clause) and at < e for s, e in used):
            lines.append(clause.strip())
        else:
            rest.append(clause.strip(" ,."))
    if rest and len(unanswered) == 1:
        lines.append(f"{_LABEL[unanswered[0]]}: {', '.join(rest)}")
    else:
        lines += rest
    return brief_text + "\n" + "\n".join(lines)
