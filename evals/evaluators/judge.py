"""LLM-as-judge: a real model scores published copy with the rubric in ``prompts/judge/<version>.yaml``.

It runs only when a real model is configured (the offline rules engine cannot judge), and its scores are
reported apart from the rule-based metrics: a judge is a second opinion, not ground truth.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from evals.evaluators.base import CampaignOutcome
from evals.results import AgentUsage, JudgeResult, describe_error

CRITERIA = ("on_brief", "brand_voice", "clarity", "persuasiveness", "compliance")


class JudgeScores(BaseModel):
    """Rubric scores for one campaign's published copy (what the judge model must return)."""

    model_config = ConfigDict(extra="forbid")

    on_brief: int = Field(
        ge=1, le=5, description="Copy serves the brief's goal, audience, product, key messages."
    )
    brand_voice: int = Field(
        ge=1, le=5, description="Follows the brand's tone; avoids banned terms and competitors."
    )
    clarity: int = Field(ge=1, le=5, description="Plain, specific, one clear call to action.")
    persuasiveness: int = Field(ge=1, le=5, description="A concrete reason to act, without pressure tactics.")
    compliance: int = Field(ge=1, le=5, description="Every factual statement restates an approved claim.")
    flagged: list[str] = Field(
        default_factory=list, description="Sentences judged unsupported or off-brand, verbatim."
    )
    rationale: str = Field(default="", description="At most three sentences.")


@dataclass
class Judge:
    """A judge model with its rubric prompt.

    Attributes:
        spec: Model spec of the judge.
        model: The LangChain chat model.
        prompt: The rubric prompt (``judge`` agent).
    """

    spec: str
    model: Any
    prompt: Any

    @classmethod
    def create(cls, spec: str, *, base_url: str | None, version: str | None, prompts_dir: Path) -> Judge:
        """Resolve the judge model and load its rubric.

        Raises:
            ModelConfigError: when the model spec cannot be resolved.
            PromptError: when the judge prompt is missing.
        """
        from graph.models.prompts import load_prompt  # lazy: start-up (langchain_core)
        from graph.models.registry import resolve_model  # lazy: start-up (langchain_core)

        return cls(spec, resolve_model(spec, base_url=base_url), load_prompt("judge", version, prompts_dir))

    def score(self, outcome: CampaignOutcome) -> tuple[JudgeResult | None, AgentUsage | None]:
        """Score one campaign; (None, None) when nothing was published (nothing to judge, no call made)."""
        from graph.models.structured import invoke_structured  # lazy: start-up (langchain_core)
        from graph.models.usage import UsageTracker  # lazy: start-up (langchain_core)

        if not outcome.published:
            return None, None
        tracker = UsageTracker()
        try:
            result = invoke_structured(
                self.model,
                JudgeScores,
                self.prompt.render("score", judge_payload(outcome)),
                agent="judge",
                config={"callbacks": [tracker], "metadata": {"agent": "judge"}},
            )
        except Exception as exc:  # noqa: BLE001 - a judge failure is reported on the case, never fatal
            return (
                JudgeResult(model=self.spec, prompt=self.prompt.ref, error=describe_error(exc)),
                _usage(tracker, self.spec),
            )
        value = result.value
        scores = {c: float(getattr(value, c)) for c in CRITERIA}
        return (
            JudgeResult(
                model=self.spec,
                prompt=self.prompt.ref,
                scores=scores,
                flagged=list(value.flagged),
                rationale=value.rationale[:600],
            ),
            _usage(tracker, self.spec),
        )


def _usage(tracker: Any, spec: str) -> AgentUsage:
    snap = tracker.snapshot().get("judge", {})
    return AgentUsage(
        model=spec,
        calls=int(snap.get("calls", 0)),
        input_tokens=int(snap.get("input_tokens", 0)),
        output_tokens=int(snap.get("output_tokens", 0)),
        cost_usd=float(snap.get("cost_usd", 0.0)),
    )


def judge_payload(outcome: CampaignOutcome) -> dict[str, Any]:
    """The facts the judge scores from: brief, plan, approved claims, brand rules and the published copy."""
    lib = outcome.library
    regions = sorted({a.region for a in outcome.published})
    claims = {c.id: c.text for r in regions for c in lib.approved_claims(r, outcome.check_date)}
    voice = lib.voice if isinstance(lib.voice, dict) else {}
    bp = outcome.values.get("blueprint") or {}
    return {
        "brief": outcome.case.brief,
        "brand": lib.name,
        "plan": {
            "channels": [c.get("channel") for c in bp.get("channels", [])],
            "objective": bp.get("objective"),
        },
        "approved_claims": [{"id": k, "text": v} for k, v in sorted(claims.items())],
        "voice": {"tone": list(voice.get("tone", []) or []), "avoid": list(voice.get("avoid", []) or [])},
        "banned_terms": sorted({t for r in regions for t in lib.all_banned_terms(r)}),
        "competitors": list(lib.competitors),
        "published_copy": [
            {
                "asset": f"{a.channel}-{a.region}-{a.variant}",
                "channel": a.channel,
                "region": a.region,
                **a.text_fields(),
            }
            for a in outcome.published
        ],
    }
