"""The campaign chat: the brief, then every question the Planner asked and the answer given, in order."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def conversation(values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """``(role, text)`` turns: 'user' for the brief and each answer, 'assistant' for the Planner's questions.

    The state's ``brief_text`` is the brief with each answer appended (that is what the Planner re-reads); the
    decisions of kind 'clarify' hold the questions and answers, so the original brief is what precedes them.
    """
    brief = str(values.get("brief_text") or "")
    turns: list[tuple[str, str]] = []
    answered = [d for d in values.get("decisions") or [] if d.get("kind") == "clarify" and d.get("answer")]
    for d in reversed(answered):
        suffix = "\n" + str(d["answer"])
        if brief.endswith(suffix):
            brief = brief[: -len(suffix)]
    turns.append(("user", brief))
    for d in answered:
        questions = [q for q in d.get("questions") or [] if q]
        if questions:
            turns.append(("assistant", "\n".join(questions)))
        turns.append(("user", str(d["answer"])))
    return turns
