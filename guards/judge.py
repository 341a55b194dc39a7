"""An optional LLM judge for claim sentences the rules cannot settle (only consulted for those).

The judge sees one sentence and the approved claims the rules found closest, and must answer whether one of
them backs the sentence (same or weaker statement). Its answer is recorded as ``judged_by='llm_judge'``; a
'supported' answer that cites no candidate claim is treated as unsupported.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from guards.claims import Judge, JudgeDecision
from guards.library import Claim

if TYPE_CHECKING:
    from langchain_core.language_models.chat_models import BaseChatModel

SYSTEM = """You check marketing copy against a brand's approved claims. A sentence is SUPPORTED only if one of
the approved claims says the same thing or more: same numbers, units and qualifiers ("up to", "per litre"), the
same comparison target, the same product, no added attribute (organic, certified, clinically proven, ...), no
added superlative, guarantee or condition. Rewording and saying less are fine. Anything else is UNSUPPORTED.
Answer with JSON: {"supported": true|false, "claims": [ids of the approved claims that back it], "reason": "..."}"""


class JudgeOutput(BaseModel):
    """The judge's structured answer."""

    supported: bool = Field(description="True when an approved claim backs the sentence.")
    claims: list[str] = Field(default_factory=list, description="Ids of the approved claims that back it.")
    reason: str = Field(default="", description="One sentence: why.")


def make_llm_judge(model: BaseChatModel) -> Judge:
    """Build a claims judge from a chat model (structured output, JSON fallback).

    Args:
        model: Any LangChain chat model (OpenAI-compatible servers included).
    """
    from langchain_core.messages import HumanMessage, SystemMessage  # lazy: start-up (langchain_core)

    try:
        structured = model.with_structured_output(JudgeOutput)
    except (NotImplementedError, AttributeError):
        structured = None

    def judge(sentence: str, claims: list[Claim]) -> JudgeDecision:
        payload = {"sentence": sentence, "approved_claims": [{"id": c.id, "text": c.text} for c in claims]}
        messages = [SystemMessage(content=SYSTEM), HumanMessage(content=json.dumps(payload, ensure_ascii=False))]
        out: JudgeOutput | None = None
        if structured is not None:
            try:
                raw = structured.invoke(messages)
                out = raw if isinstance(raw, JudgeOutput) else JudgeOutput.model_validate(raw)
            except (ValueError, TypeError):
                out = None
        if out is None:
            text = str(model.invoke(messages).content)
            start, end = text.find("{"), text.rfind("}")
            try:
                out = JudgeOutput.model_validate_json(text[start:end + 1])
            except ValueError:
                return JudgeDecision(False, [], "judge answer was not valid JSON")
        return JudgeDecision(out.supported, list(out.claims), out.reason)

    return judge
