"""Brand voice, length limits and required disclaimers of published copy, checked from the brand library itself.

These checks read the library's rules directly (not the guards' verdicts), so they also measure whether the
guards let something through.
"""

from __future__ import annotations

from evals.evaluators.base import CampaignOutcome, Evaluation, contains_phrase
from graph.contracts import Asset
from guards.readability import WORD as _WORD
from guards.readability import reading_grade
from guards.sentences import split_sentences
from guards.voice import MIN_WORDS_FOR_GRADE

_VOICE = ("voice_ok", "voice_checks")
_LEN = ("length_ok", "length_checks")
_DISC = ("disclaimer_ok", "disclaimer_checks")


class BrandVoice:
    """Banned terms, avoided phrases, competitors, voice rules, channel length limits and disclaimers."""

    name = "voice"

    def evaluate(self, outcome: CampaignOutcome) -> Evaluation:
        """Check every published asset."""
        ev = Evaluation(self.name)
        exp = outcome.case.expect
        for asset in outcome.published:
            if exp.brand_voice:
                self._voice(ev, outcome, asset)
            if exp.length_limits:
                self._lengths(ev, outcome, asset)
            if exp.disclaimers:
                self._disclaimers(ev, outcome, asset)
        ev.rate("voice_ok_rate", *_VOICE)
        ev.rate("length_ok_rate", *_LEN)
        ev.rate("disclaimer_ok_rate", *_DISC)
        return ev

    @staticmethod
    def _voice(ev: Evaluation, outcome: CampaignOutcome, asset: Asset) -> None:
        lib = outcome.library
        text = asset.full_text()
        banned = [t for t in lib.all_banned_terms(asset.region) if contains_phrase(text, t)]
        ev.check(f"{asset.id}: no banned terms", not banned, f"uses {banned}" if banned else "", count=_VOICE)
        voice = lib.voice if isinstance(lib.voice, dict) else {}
        avoided = [p for p in voice.get("avoid", []) or [] if contains_phrase(text, str(p))]
        ev.check(
            f"{asset.id}: no avoided phrases", not avoided, f"uses {avoided}" if avoided else "", count=_VOICE
        )
        rivals = [c for c in lib.competitors if contains_phrase(text, c)]
        ev.check(
            f"{asset.id}: no competitor named", not rivals, f"names {rivals}" if rivals else "", count=_VOICE
        )
        rules = voice.get("rules") or {}
        if "max_exclamations" in rules:
            n = text.count("!")
            ev.check(
                f"{asset.id}: exclamations",
                n <= int(rules["max_exclamations"]),
                f"{n} (max {rules['max_exclamations']})",
                count=_VOICE,
            )
        if "max_all_caps_words" in rules:
            allowed = {a.upper() for a in rules.get("allowed_acronyms", []) or []}
            caps = [
                w for w in _WORD.findall(text) if len(w) >= 4 and w.isupper() and w.upper() not in allowed
            ]
            ev.check(
                f"{asset.id}: all-caps words",
                len(caps) <= int(rules["max_all_caps_words"]),
                f"{caps} (max {rules['max_all_caps_words']})",
                count=_VOICE,
            )
        if "max_sentence_words" in rules:
            longest = max((len(_WORD.findall(s)) for s in split_sentences(asset.body)), default=0)
            ev.check(
                f"{asset.id}: sentence length",
                longest <= int(rules["max_sentence_words"]),
                f"longest sentence {longest} words (max {rules['max_sentence_words']})",
                count=_VOICE,
            )
        if "max_reading_grade" in rules and len(_WORD.findall(asset.body)) >= MIN_WORDS_FOR_GRADE:
            grade = reading_grade(asset.body)
            ok = grade is None or grade <= float(rules["max_reading_grade"])
            ev.check(
                f"{asset.id}: reading grade",
                ok,
                f"grade {grade:.1f} (max {rules['max_reading_grade']})" if grade is not None else "no words",
                count=_VOICE,
            )

    @staticmethod
    def _lengths(ev: Evaluation, outcome: CampaignOutcome, asset: Asset) -> None:
        limits = outcome.length_limits.get(asset.channel, {})
        for field_name, value in asset.text_fields().items():
            limit = limits.get(field_name)
            if limit is None:
                continue
            ev.check(
                f"{asset.id}: {field_name} length",
                len(value) <= limit,
                f"{len(value)} chars (max {limit})",
                count=_LEN,
            )

    @staticmethod
    def _disclaimers(ev: Evaluation, outcome: CampaignOutcome, asset: Asset) -> None:
        lib = outcome.library
        topics: set[str] = set()
        for cid in asset.cited_claim_ids:
            try:
                topics.update(lib.claim(cid).topics)
            except KeyError:
                continue
        required = lib.disclaimers(asset.region, channel=asset.channel, topics=topics)
        for line in required:
            ok = contains_phrase(asset.body, line.strip().rstrip("."))
            ev.check(
                f"{asset.id}: disclaimer {line[:40]!r}",
                ok,
                "" if ok else "missing from the body",
                count=_DISC,
            )
