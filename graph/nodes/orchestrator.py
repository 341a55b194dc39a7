"""Channel Orchestrator: export lists and publish every approved asset exactly once.

Idempotency, retries, circuit breakers, the kill-switch and caps live in the tools (``tools.channels``,
``tools.crm.export``, ``tools.spend``), so a resumed or repeated run can call them again safely.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from langgraph.runtime import Runtime

from graph.agent_io import emit
from graph.context import CampaignContext
from graph.contracts import Asset, Blueprint, TargetList
from graph.contracts.money import exponent, from_minor, split, to_minor
from graph.nodes.content import asset_id
from graph.runtime.services import Services
from graph.state import CampaignState
from tools.channels.request import PublishRequest
from tools.crm.export import export_list
from tools.killswitch import KillSwitchEngaged
from tools.lifecycle.lock import campaign_lock

OWNED_CHANNELS = ("email", "sms")


def plan_items(
    blueprint: Blueprint,
    lists: dict[str, TargetList],
    assets: dict[str, Asset],
    campaign_id: str,
    withheld: set[str],
) -> list[dict[str, Any]]:
    """Return one publish item per channel/region/variant: audience split evenly across variants, channel
    budget split across regions by eligible audience (evenly when no list was built), in whole minor units that
    never add up to more than the channel's budget."""
    exp = exponent(blueprint.currency)
    items = []
    for plan in blueprint.channels:
        target = lists.get(plan.channel)
        by_region = target.by_region if target else {}
        total_aud = sum(by_region.get(r, 0) for r in plan.regions)
        slots = [(region, variant) for region in plan.regions for variant in plan.variants]
        shares = [
            ((by_region.get(region, 0) / total_aud) if total_aud else 1 / len(plan.regions))
            / len(plan.variants)
            for region, _ in slots
        ]
        budgets = split(to_minor(plan.budget, exp, f"{plan.channel} budget"), shares)
        for (region, variant), minor in zip(slots, budgets, strict=True):
            aid = asset_id(campaign_id, plan.channel, region, variant)
            if aid in withheld or aid not in assets:
                continue
            items.append(
                {
                    "channel": plan.channel,
                    "region": region,
                    "variant": variant,
                    "asset": assets[aid],
                    "list": target,
                    "audience": int(by_region.get(region, 0) // len(plan.variants)),
                    "budget": from_minor(minor, exp),
                }
            )
    return items


def orchestrator(state: CampaignState, runtime: Runtime[CampaignContext]) -> dict[str, Any]:
    """Set caps, export owned-channel lists, publish each approved asset to its list on its start slot.

    All of it under the campaign lock (``tools.lifecycle.lock``): no other cycle, user or process publishes,
    changes spend or exports lists of this campaign meanwhile.
    """
    with campaign_lock(
        runtime.context.services.settings.store("locks"),
        state["campaign_id"],
        purpose="launch: caps, list exports, publishing",
    ):
        return _launch(state, runtime)


def _launch(state: CampaignState, runtime: Runtime[CampaignContext]) -> dict[str, Any]:
    svc = runtime.context.services
    blueprint = Blueprint.model_validate(state["blueprint"])
    campaign_id, trace_id = state["campaign_id"], state["trace_id"]
    svc.ledger.set_caps(campaign_id, blueprint.caps, trace_id=trace_id)
    lists = {ch: TargetList.model_validate(t) for ch, t in (state.get("lists") or {}).items()}
    assets = {aid: Asset.model_validate(a) for aid, a in (state.get("assets") or {}).items()}
    items = plan_items(blueprint, lists, assets, campaign_id, set(state.get("withheld_assets") or []))
    exports: dict[str, str] = {}

    for channel, target in lists.items():
        if channel in OWNED_CHANNELS:
            try:
                exports[channel] = str(_export(svc, target, trace_id))
            except KillSwitchEngaged:
                continue  # the publisher refuses (and records) every program this switch covers
    programs: dict[str, Any] = {}
    slot = blueprint.start_date.isoformat()
    for item in items:
        target = item["list"]
        req = PublishRequest(
            campaign_id=campaign_id,
            trace_id=trace_id,
            channel=item["channel"],
            region=item["region"],
            variant=item["variant"],
            asset=item["asset"],
            list_id=target.id if target else f"{item['channel']}-all",
            segment_key=target.id if target else "no-list",
            slot=slot,
            audience=item["audience"],
            budget=item["budget"],
            export_path=exports.get(item["channel"]),
        )
        program = svc.publisher.publish_settled(req)  # never reports an item another publisher still holds
        programs[program.idempotency_key] = program.model_dump(mode="json")
        if program.status == "published" and target is not None and item["channel"] in OWNED_CHANNELS:
            # frequency caps across campaigns: the send is a touch, recorded once per idempotency key
            svc.crm.record_touches(target.id, batch_id=program.idempotency_key, region=item["region"])
    breaches = svc.publisher.check_sla(campaign_id)
    published = sum(p["status"] == "published" for p in programs.values())
    emit(
        svc,
        state,
        "orchestrator.launch",
        "orchestrator",
        {
            "programs": len(programs),
            "published": published,
            "blocked": sum(p["status"] == "blocked" for p in programs.values()),
            "failed": sum(p["status"] == "failed" for p in programs.values()),
            "sla_breaches": len(breaches),
        },
        key=",".join(sorted(programs)),
    )
    held = held_programs(programs.values())
    status = "launching" if published else ("held" if held else "failed")
    reason = "" if published else "nothing was published (kill-switch, caps or channel failures: see events)"
    if held:
        reason = f"the kill-switch holds {len(held)} program(s); release it, then resume the campaign" + (
            "" if published else " to launch"
        )
    in_flight = {r.idempotency_key for r in svc.publisher.store.by_campaign(campaign_id, ("in_flight",))}
    limbo = sorted(str(p["id"]) for k, p in programs.items() if k in in_flight)
    if limbo:  # launched only when every program is final: resume reconciles these
        status, reason = (
            "failed",
            f"{len(limbo)} program(s) still in flight: {', '.join(limbo)}; resume to reconcile",
        )
    return {"programs": programs, "agents_run": ["orchestrator"], "status": status, "status_reason": reason}


def held_programs(programs: Iterable[Mapping[str, Any]]) -> list[str]:
    """Ids of the programs a kill-switch stopped (they publish when the campaign resumes after the release)."""
    return sorted(
        str(p["id"])
        for p in programs
        if p.get("status") == "blocked" and str(p.get("reason", "")).startswith("kill-switch")
    )


def _export(svc: Services, target: TargetList, trace_id: str) -> Any:
    result = export_list(
        svc.crm,
        target,
        out_dir=svc.settings.path("exports"),
        kill_switch=svc.kill_switch,
        events=svc.events,
        trace_id=trace_id,
        shared=svc.exports,
    )
    return result.path
