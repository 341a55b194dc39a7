"""The measurable part of brand voice: phrases to avoid, exclamations, shouting, sentence length, reading grade.

Tone words ('warm', 'practical') are guidance for the writer and are not scored here; only rules that can be
measured the same way every time are checked.
"""

from __future__ import annotations

from typing import Any

from graph.contracts import Finding, ValidatorResult
from guards.banned import find_terms
from guards.readability import WORD as _WORD
from guards.readability import reading_grade
from guards.sentences import split_sentences

__all__ = ["MIN_WORDS_FOR_GRADE", "VALIDATOR", "check_voice", "reading_grade"]

VALIDATOR = "liftoff/brand_voice"
MIN_WORDS_FOR_GRADE = 40
"""Reading grade is only meaningful on longer copy; shorter bodies are not graded."""


def check_voice(
    text: str, voice: dict[str, Any], *, body: str | None = None, exempt_words: tuple[str, ...] = ()
) -> ValidatorResult:
    """Check copy against the brand's measurable voice rules.

    Args:
        text: All text of the asset.
        voice: ``library.voice`` (``avoid`` phrases and ``rules``).
        body: The body alone (for the reading grade); defaults to ``text``.
        exempt_words: Words allowed in capitals besides the acronyms (brand and product names).
    """
    rules = voice.get("rules") or {}
    findings: list[Finding] = []
    for hit in find_terms(text, voice.get("avoid") or []):
        findings.append(
            Finding(
                text=hit.found,
                verdict="voice",
                reason=f"uses '{hit.term}', which the voice avoids",
                evidence=[f"voice.avoid: {', '.join(voice.get('avoid') or [])}"],
            )
        )
    max_bang = rules.get("max_exclamations")
    if max_bang is not None and text.count("!") > int(max_bang):
        findings.append(
            Finding(
                text=text,
                verdict="voice",
                reason=f"{text.count('!')} exclamation marks (max {max_bang})",
                evidence=[f"voice.rules.max_exclamations: {max_bang}"],
            )
        )
    max_caps = rules.get("max_all_caps_words")
    if max_caps is not None:
        allowed = {w.upper() for w in [*(rules.get("allowed_acronyms") or []), *exempt_words]}
        caps = [w for w in _WORD.findall(text) if len(w) >= 4 and w.isupper() and w.upper() not in allowed]
        if len(caps) > int(max_caps):
            findings.append(
                Finding(
                    text=", ".join(caps),
                    verdict="voice",
                    reason=f"{len(caps)} words in capitals (max {max_caps})",
                    evidence=[f"voice.rules.max_all_caps_words: {max_caps}"],
                )
            )
    max_words = rules.get("max_sentence_words")
    if max_words is not None:
        for sentence in split_sentences(text):
            n = len(_WORD.findall(sentence))
            if n > int(max_words):
                findings.append(
                    Finding(
                        text=sentence,
                        verdict="voice",
                        reason=f"sentence of {n} words (max {max_words})",
                        evidence=[f"voice.rules.max_sentence_words: {max_words}"],
                    )
                )
    max_grade = rules.get("max_reading_grade")
    graded = body if body is not None else text
    if max_grade is not None and len(_WORD.findall(graded)) >= MIN_WORDS_FOR_GRADE:
        grade = reading_grade(graded)
        if grade is not None and grade > float(max_grade):
            findings.append(
                Finding(
                    text=graded[:120],
                    verdict="voice",
                    reason=f"reading grade {grade:.1f} (max {max_grade})",
                    evidence=[f"voice.rules.max_reading_grade: {max_grade} (Flesch-Kincaid)"],
                )
            )
    return ValidatorResult(
        validator=VALIDATOR,
        passed=not findings,
        reasons=[f.reason for f in findings],
        findings=findings,
        fixable=bool(findings),
    )
