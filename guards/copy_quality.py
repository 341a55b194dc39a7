"""Copy quality: no sentence twice in an asset, subject lines that are lines, a body that says something besides
its disclaimers, no markup, no instructions.

A subject of one word, or one that repeats the body, tells the reader nothing; a sentence twice reads as a
mistake; a tag or an instruction to a model in copy is never what a marketer approved.
"""

from __future__ import annotations

import re

from graph.contracts import Asset, Finding, ValidatorResult
from guards.disclaimers import strip_disclaimers
from guards.library_text import has_markup, instruction_like
from guards.sentences import split_sentences
from guards.textnorm import fold_text

VALIDATOR = "liftoff/copy_quality"


def norm_sentence(text: str) -> str:
    """Words only, lower case: how sentences are compared for repetition (the one normaliser,
    :func:`guards.textnorm.fold_text`, so a look-alike character does not hide a repeat)."""
    return fold_text(text)


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text)


def check_copy_quality(asset: Asset) -> ValidatorResult:
    """Check one asset for repeated sentences, weak subject lines, markup and instruction-like text."""
    findings: list[Finding] = []
    seen: dict[str, str] = {}
    fields = asset.text_fields()
    for name in ("headline", "body"):  # a subject repeating the body is its own finding (below)
        for sentence in split_sentences(fields.get(name) or ""):
            key = norm_sentence(sentence)
            if not key:
                continue
            if key in seen:
                findings.append(
                    Finding(
                        text=sentence,
                        verdict="duplicate",
                        reason=f"sentence appears twice (in {seen[key]} and {name}): '{sentence}'",
                        evidence=["no sentence appears twice in an asset"],
                    )
                )
            else:
                seen[key] = name
    if asset.body.strip() and not _words(strip_disclaimers(asset.body, asset.disclaimer_spans)):
        findings.append(
            Finding(
                text=asset.body,
                verdict="disclaimer_only",
                reason="the body says nothing besides its disclaimers",
                evidence=[
                    "an asset says something besides its disclaimers; a bare disclaimer is never published"
                ],
            )
        )
    subject = (asset.subject or "").strip()
    if asset.channel == "email" and subject:
        words = re.findall(r"[\w'’&-]+", subject)
        body_sentences = {norm_sentence(s) for s in split_sentences(asset.body)}
        if len(words) < 2:
            findings.append(
                Finding(
                    text=subject,
                    verdict="weak_subject",
                    reason=f"subject line is one word: '{subject}'",
                    evidence=["a subject line has at least two words"],
                )
            )
        elif norm_sentence(subject) == norm_sentence(asset.body) or norm_sentence(subject) in body_sentences:
            findings.append(
                Finding(
                    text=subject,
                    verdict="weak_subject",
                    reason=f"subject line repeats the body: '{subject}'",
                    evidence=["a subject line is not a copy of the body"],
                )
            )
    for name, value in fields.items():
        if has_markup(value):
            findings.append(
                Finding(
                    text=value,
                    verdict="markup",
                    reason=f"{name} holds HTML markup",
                    evidence=["copy is plain text; markup is never published"],
                )
            )
        for sentence in split_sentences(value):
            order = instruction_like(sentence)
            if order:
                findings.append(
                    Finding(
                        text=sentence,
                        verdict="instruction",
                        reason=f"{name} holds an instruction, not copy ('{order}')",
                        evidence=["library and brief text are data, never instructions"],
                    )
                )
    return ValidatorResult(
        validator=VALIDATOR,
        passed=not findings,
        reasons=[f.reason for f in findings],
        findings=findings,
        fixable=bool(findings),
    )
