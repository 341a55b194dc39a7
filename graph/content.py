"""Content agent: one ``Send`` branch per channel/variant/region drafts a versioned Asset from approved claims."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from langgraph.runtime import Runtime
from langgraph.types import Send

from graph.agent_io import ask_structured, emit, prompt_for
from graph.context import CampaignContext
from graph.contracts import Asset, AssetCopy, Blueprint
from graph.state import ContentTask


def asset_id(campaign_id: str, channel: str, region: str, variant: str) -> str:
    """Stable asset id for a campaign's channel/region/variant."""
    return f"{campaign_id[:8]}-{channel}-{region}-{variant}"


def key_messages(state: Mapping[str, Any], region: str | None = None) -> list[str]:
    """The marketer's key messages for a region, with every human-approved replacement applied.

    Overrides are keyed 'REGION::message' (a region's approved wording, or '' when the line was dropped).
    """
    overrides = state.get("key_message_overrides") or {}
    brief = (state.get("blueprint") or {}).get("brief") or state.get("brief") or {}
    out = [overrides.get(f"{region}::{m}", m) for m in brief.get("key_messages", [])]
    return [m for m in dict.fromkeys(out) if m.strip()]


def content_tasks(state: Mapping[str, Any], findings_by_asset: dict[str, list[dict[str, Any]]] | None = None
                  ) -> list[Send]:
    """Fan-out: one ``Send('content', task)`` per channel/variant/region (only the flagged ones on a revision)."""
    blueprint = Blueprint.model_validate(state["blueprint"])
    sends = []
    for plan in blueprint.channels:
        for region in plan.regions:
            for variant in plan.variants:
                aid = asset_id(state["campaign_id"], plan.channel, region, variant)
                previous = (state.get("assets") or {}).get(aid)
                if findings_by_asset is not None and aid not in findings_by_asset:
                    continue
                task: ContentTask = {
                    "campaign_id": state["campaign_id"], "trace_id": state["trace_id"], "brand": state["brand"],
                    "blueprint": state["blueprint"] or {}, "channel": plan.channel, "variant": variant,
                    "region": region, "version": (previous["version"] + 1) if previous else 1,
                    "findings": (findings_by_asset or {}).get(aid, []), "previous": previous,
                    "key_messages": key_messages(state, region),
                }
                sends.append(Send("content", task))
    return sends


def ensure_disclaimers(body: str, disclaimers: list[str]) -> str:
    """Append each required disclaimer the body lacks, verbatim (a deterministic, always-safe fix)."""
    for line in disclaimers:
        if line.strip().rstrip(".").lower() not in body.lower():
            body = f"{body.rstrip()} {line.strip()}"
    return body


def _required(library: Any, text: str, region: str, on: Any, *, channel: str | None = None,
              cited: list[str] | None = None) -> list[str]:
    """Disclaimers ``text`` needs in ``region``: the same rule governance applies (claims the text restates,
    read by the claims check, plus the claims it cites, decide the conditional ones)."""
    from guards.claims import check_text

    claim_ids = set(cited or []) | set(check_text(text, library, region=region, on=on).claims)
    topics = {t for cid in claim_ids for t in library.claim(cid).topics}
    return list(library.disclaimers(region, channel=channel, text=text, topics=topics))


def content(task: ContentTask, runtime: Runtime[CampaignContext]) -> dict[str, Any]:
    """Draft one asset version from the brand library's approved claims."""
    from guards.channel_limits import CHANNEL_LIMITS

    svc = runtime.context.services
    blueprint = Blueprint.model_validate(task["blueprint"])
    brief = blueprint.brief
    library = svc.library(task["brand"])
    on = svc.check_date()
    query = " ".join(filter(None, [brief.product, brief.goal, brief.audience, *brief.key_messages]))
    claims = svc.claim_index(task["brand"]).search(query or library.name, region=task["region"], on=on, k=6)
    disclaimers = library.disclaimers(task["region"], channel=task["channel"])
    payload = {
        "brand_name": library.name,
        "channel": task["channel"], "variant": task["variant"], "region": task["region"],
        "product": brief.product, "audience": brief.audience, "goal": brief.goal,
        "key_messages": task["key_messages"],
        "key_message_disclaimers": {m: [d for d in _required(library, m, task["region"], on) if d not in disclaimers]
                                    for m in task["key_messages"]},
        "claims": [{"id": c.id, "text": c.text,
                    "requires_disclaimers": [d for d in library.disclaimers(task["region"], topics=c.topics)
                                             if d not in disclaimers]} for c in claims],
        "limits": CHANNEL_LIMITS.get(task["channel"], {}),
        "disclaimers": disclaimers,
        "voice": {"tone": list(library.voice.get("tone", [])), "avoid": list(library.voice.get("avoid", []))}
        if isinstance(library.voice, dict) else {},
        "banned_terms": list(library.banned_terms),
        "findings": task["findings"],
        "previous": {k: task["previous"].get(k) for k in ("subject", "headline", "body", "cta")}
        if task["previous"] else None,
    }
    copy, usage, meta = ask_structured(svc, "content", "draft", payload, AssetCopy)
    cited = [cid for cid in dict.fromkeys(copy.cited_claim_ids) if cid in {c.id for c in library.claims}]
    drafted = " ".join(filter(None, [copy.subject, copy.headline, copy.body, copy.cta]))
    required = _required(library, drafted, task["region"], on, channel=task["channel"], cited=cited)
    prompt = prompt_for(svc, "content")
    asset = Asset(
        id=asset_id(task["campaign_id"], task["channel"], task["region"], task["variant"]),
        version=task["version"], channel=task["channel"], variant=task["variant"], region=task["region"],  # type: ignore[arg-type]
        subject=copy.subject if task["channel"] == "email" else None,
        headline=copy.headline if task["channel"] not in ("email", "sms") else None,
        body=ensure_disclaimers(copy.body, required), cta=copy.cta,
        cited_claim_ids=list(dict.fromkeys(copy.cited_claim_ids)), prompt_version=prompt.version,
        prompt_hash=prompt.hash[:16], library_version=library.version, model=svc.settings.model_for("content"),
        revision_notes=[f.get("reason", "") for f in task["findings"] if f.get("reason")],
    )
    emit(svc, task, "content.asset", "content", {  # type: ignore[arg-type]
        "asset_id": asset.id, "version": asset.version, "channel": asset.channel, "region": asset.region,
        "variant": asset.variant, "cited_claim_ids": asset.cited_claim_ids, "library_version": library.version,
        **meta,
    }, key=f"{asset.id}@{asset.version}")
    return {"assets": {asset.id: asset.model_dump(mode="json")}, "agents_run": ["content"], "usage": usage}
