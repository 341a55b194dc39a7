"""Content agent: one ``Send`` branch per channel/variant/region drafts a versioned Asset from approved claims."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from langgraph.runtime import Runtime
from langgraph.types import Send

from graph.agent_io import ask_structured, emit, prompt_for
from graph.brief.focus import claims_for, focus_of
from graph.context import CampaignContext
from graph.contracts import Asset, AssetCopy, Blueprint
from graph.state import ContentTask
from guards.channel_limits import CHANNEL_LIMITS
from guards.claims import check_text
from guards.disclaimers import disclaimer_spans, required_disclaimers
from guards.governance import send_date
from guards.library_text import has_markup, html_to_text, instruction_like


def asset_id(campaign_id: str, channel: str, region: str, variant: str) -> str:
    """Stable asset id for a campaign's channel/region/variant."""
    return f"{campaign_id[:8]}-{channel}-{region}-{variant}"


def key_messages(state: Mapping[str, Any], region: str | None = None) -> list[str]:
    """The marketer's key messages for a region, with every human-approved replacement applied.

    Overrides are keyed 'REGION::message' (a region's approved wording, or '' when the line was dropped).
    """
    overrides = state.get("key_message_overrides") or {}
    brief = (state.get("blueprint") or {}).get("brief") or state.get("brief") or {}
    out = [html_to_text(overrides.get(f"{region}::{m}", m)) for m in brief.get("key_messages", [])]
    return [m for m in dict.fromkeys(out) if m.strip()]


def usable_claims(library: Any, brief: Any, candidates: list[Any]) -> tuple[list[Any], list[str]]:
    """The candidates copy about the brief's product may use, and the ids quarantined as instruction-like.

    Claims of other product lines are left out (brand-wide claims stay); a claim whose text reads as an
    instruction to a model or holds markup is library data gone wrong, never copy.
    """
    quarantined = [c.id for c in candidates if instruction_like(c.text) or has_markup(c.text)]
    clean = [c for c in candidates if c.id not in quarantined]
    return claims_for(library, focus_of(library, brief.product), clean), quarantined


def content_tasks(
    state: Mapping[str, Any], findings_by_asset: dict[str, list[dict[str, Any]]] | None = None
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
                    "campaign_id": state["campaign_id"],
                    "trace_id": state["trace_id"],
                    "brand": state["brand"],
                    "blueprint": state["blueprint"] or {},
                    "channel": plan.channel,
                    "variant": variant,
                    "region": region,
                    "version": (previous["version"] + 1) if previous else 1,
                    "findings": (findings_by_asset or {}).get(aid, []),
                    "previous": previous,
                    "key_messages": key_messages(state, region),
                }
                sends.append(Send("content", task))
    return sends


def ensure_disclaimers(body: str, disclaimers: list[str]) -> str:
    """Append each required disclaimer the body lacks, verbatim (a deterministic, always-safe fix)."""
    flat = " ".join(body.split()).lower()
    for line in disclaimers:
        wanted = " ".join(line.split())
        if wanted and wanted.rstrip(".").lower() not in flat:
            body = f"{body.rstrip()} {wanted}"
            flat = f"{flat} {wanted.lower()}"
    return body


def creative_parts(
    library: Any, region: str, on: Any, parts: dict[str, str | None]
) -> tuple[dict[str, str | None], list[str]]:
    """The brief's theme/audience phrases creative lines may quote: only those the claims check reads as no claim
    (a 'summer sale' theme is an offer, a 'health-conscious' audience a health word). Returns (usable parts,
    notes on the ones left out), so a stated fact is used or shown back as not used."""
    out: dict[str, str | None] = {}
    notes: list[str] = []
    for name, value in parts.items():
        if not value or not value.strip():
            out[name] = None
            continue
        verdicts = {
            s.verdict for s in check_text(f"For {value.strip()}.", library, region=region, on=on).sentences
        }
        if verdicts <= {"no_claim"}:
            out[name] = value
        else:
            out[name] = None
            notes.append(f"{name} '{value}' not quoted in creative lines: it reads as a factual claim")
    return out, notes


def _required(
    library: Any,
    text: str,
    region: str,
    on: Any,
    *,
    channel: str | None = None,
    cited: list[str] | None = None,
) -> list[str]:
    """Disclaimers ``text`` needs in ``region``: the same rule governance applies (claims the text restates,
    read by the claims check, plus the claims it cites, decide the conditional ones)."""
    claim_ids = set(cited or []) | set(check_text(text, library, region=region, on=on).claims)
    topics = {t for cid in claim_ids for t in library.claim(cid).topics}
    return required_disclaimers(library, region, channel=channel, text=text, topics=topics)


def draft_payload(
    library: Any,
    brief: Any,
    index: Any,
    *,
    channel: str,
    variant: str,
    region: str,
    on: date,
    key_messages: list[str],
    findings: list[dict[str, Any]] | None = None,
    previous: dict[str, Any] | None = None,
) -> tuple[dict[str, Any], list[str], list[str]]:
    """What the Content agent is asked to write from: the brief's product, theme and audience, the approved claims
    that fit the product and still run on the send date ``on``, limits, disclaimers, voice and findings.

    Returns:
        (payload, quarantined claim ids, notes on brief facts left out of creative lines).
    """
    query = " ".join(
        filter(None, [brief.product, brief.theme, brief.goal, brief.audience, *brief.key_messages])
    )
    found = index.search(query or library.name, region=region, on=on, k=max(6, len(library.claims)))
    fitting, quarantined = usable_claims(library, brief, found)
    claims = fitting[:6]
    creative, notes = creative_parts(library, region, on, {"theme": brief.theme, "audience": brief.audience})
    disclaimers = library.disclaimers(region, channel=channel)
    payload = {
        "brand_name": library.name,
        "channel": channel,
        "variant": variant,
        "region": region,
        "product": brief.product,
        "goal": brief.goal,
        **creative,
        "countries": list(brief.countries),
        "send_date": on.isoformat(),
        "key_messages": key_messages,
        "key_message_disclaimers": {
            m: [d for d in _required(library, m, region, on) if d not in disclaimers] for m in key_messages
        },
        "claims": [
            {
                "id": c.id,
                "text": c.text,
                "requires_disclaimers": [
                    d for d in library.disclaimers(region, topics=c.topics) if d not in disclaimers
                ],
            }
            for c in claims
        ],
        "limits": CHANNEL_LIMITS.get(channel, {}),
        "disclaimers": disclaimers,
        "voice": {"tone": list(library.voice.get("tone", [])), "avoid": list(library.voice.get("avoid", []))}
        if isinstance(library.voice, dict)
        else {},
        "banned_terms": list(library.banned_terms),
        "findings": findings or [],
        "previous": {k: previous.get(k) for k in ("subject", "headline", "body", "cta")}
        if previous
        else None,
    }
    return payload, quarantined, notes


def content(task: ContentTask, runtime: Runtime[CampaignContext]) -> dict[str, Any]:
    """Draft one asset version from the brand library's approved claims."""
    svc = runtime.context.services
    blueprint = Blueprint.model_validate(task["blueprint"])
    brief = blueprint.brief
    library = svc.library(task["brand"])
    on = send_date(blueprint, svc.check_date())  # offers must still run on the send slot, not only today
    payload, quarantined, creative_notes = draft_payload(
        library,
        brief,
        svc.claim_index(task["brand"]),
        channel=task["channel"],
        variant=task["variant"],
        region=task["region"],
        on=on,
        key_messages=task["key_messages"],
        findings=task["findings"],
        previous=task["previous"],
    )
    copy, usage, meta = ask_structured(svc, "content", "draft", payload, AssetCopy)
    cited = [cid for cid in dict.fromkeys(copy.cited_claim_ids) if cid in {c.id for c in library.claims}]
    drafted = " ".join(filter(None, [copy.subject, copy.headline, copy.body, copy.cta]))
    required = _required(library, drafted, task["region"], on, channel=task["channel"], cited=cited)
    body = ensure_disclaimers(copy.body, required)
    flat = " ".join(body.split()).lower()
    lines = " ".join(filter(None, [copy.subject, copy.headline, body])).lower()
    if payload.get("theme") and str(payload["theme"]).lower() not in lines:
        creative_notes.append(
            f"theme not in this {task['channel']} asset (no room within the channel's limits): "
            f"'{payload['theme']}'"
        )
    for message in task["key_messages"]:
        if " ".join(message.split()).rstrip(".!?").lower() in flat:
            continue
        flagged = any(
            f.get("text") and f["text"].strip().rstrip(".!?").lower() in message.lower()
            for f in task["findings"]
        )
        why = "a finding flagged it" if flagged else "no room within the channel's limits"
        creative_notes.append(f"key message not in this {task['channel']} asset ({why}): '{message}'")
    prompt = prompt_for(svc, "content")
    asset = Asset(
        id=asset_id(task["campaign_id"], task["channel"], task["region"], task["variant"]),
        version=task["version"],
        channel=task["channel"],  # type: ignore[arg-type]
        variant=task["variant"],
        region=task["region"],  # type: ignore[arg-type]
        subject=copy.subject if task["channel"] == "email" else None,
        headline=copy.headline if task["channel"] not in ("email", "sms") else None,
        body=body,
        cta=copy.cta,
        disclaimer_spans=disclaimer_spans(body, library, task["region"]),
        cited_claim_ids=list(dict.fromkeys(copy.cited_claim_ids)),
        prompt_version=prompt.version,
        prompt_hash=prompt.hash[:16],
        library_version=library.version,
        model=svc.settings.model_for("content"),
        revision_notes=[*(f.get("reason", "") for f in task["findings"] if f.get("reason")), *creative_notes],
    )
    emit(
        svc,
        task,
        "content.asset",
        "content",
        {
            "asset_id": asset.id,
            "version": asset.version,
            "channel": asset.channel,
            "region": asset.region,
            "variant": asset.variant,
            "cited_claim_ids": asset.cited_claim_ids,
            "library_version": library.version,
            "quarantined_claims": quarantined,
            **meta,
        },
        key=f"{asset.id}@{asset.version}",
    )
    return {"assets": {asset.id: asset.model_dump(mode="json")}, "agents_run": ["content"], "usage": usage}
