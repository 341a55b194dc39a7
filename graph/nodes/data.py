"""Data agent: one segment per channel through the ``build_segment`` tool; it sees counts, never contacts."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from graph.agent_io import ask_tool, emit
from graph.brief.audience import country_filter
from graph.context import CampaignContext
from graph.contracts import Blueprint, SegmentDefinition
from graph.state import CampaignState, add_usage
from tools.crm.agent_tool import make_segment_tool
from tools.crm.dictionary import COUNTRIES_BY_REGION, DATA_DICTIONARY
from tools.crm.segments import SegmentError, build_segment

MAX_SEGMENT_ATTEMPTS = 3


class SegmentRejected(ValueError):
    """The model's segment definitions kept failing the segment builder's checks."""


def data(state: CampaignState, runtime: Runtime[CampaignContext]) -> dict[str, Any]:
    """Build one consented, suppressed, holdout-split list per channel of the blueprint."""
    svc = runtime.context.services
    blueprint = Blueprint.model_validate(state["blueprint"])
    store = svc.crm
    seed = svc.settings.seed
    lists: dict[str, Any] = {}
    usage: dict[str, Any] = {}
    mapping = blueprint.brief.audience_mapping
    crm_countries = {k: tuple(v) for k, v in COUNTRIES_BY_REGION.items()}
    for plan in blueprint.channels:
        # The brief's audience reaches the list: its mapped filters (and its countries, where the CRM has them)
        # are part of every segment, whatever the model proposes.
        required = list(mapping.filters) if mapping else []
        by_country = country_filter(mapping.countries, list(plan.regions), crm_countries) if mapping else None
        if by_country:
            required.append(by_country)
        tool = make_segment_tool(store, campaign_id=state["campaign_id"], seed=seed)
        error: str | None = None
        for attempt in range(1, MAX_SEGMENT_ATTEMPTS + 1):
            payload = {
                "channel": plan.channel,
                "regions": plan.regions,
                "audience": blueprint.brief.audience,
                "holdout_pct": blueprint.holdout_pct,
                "dictionary": DATA_DICTIONARY,
                "audience_filters": [f.model_dump(mode="json") for f in required],
                "previous_error": error,
            }
            call, delta, meta = ask_tool(svc, "data", "segment", payload, [tool])
            usage = add_usage(usage, delta)
            definition = SegmentDefinition.model_validate(call.args.model_dump())
            present = {(f.field, f.op) for f in definition.filters}
            definition.filters += [f for f in required if (f.field, f.op) not in present]
            try:
                target = build_segment(store, definition, campaign_id=state["campaign_id"], seed=seed)
                break
            except SegmentError as exc:
                error = str(exc)
                emit(
                    svc,
                    state,
                    "data.segment_rejected",
                    "data",
                    {"channel": plan.channel, "attempt": attempt, "error": error},
                    key=f"{plan.channel}#{attempt}",
                )
        else:
            raise SegmentRejected(
                f"segment for {plan.channel} rejected {MAX_SEGMENT_ATTEMPTS} times: {error}"
            )
        lists[plan.channel] = target.model_dump(mode="json")
        emit(
            svc,
            state,
            "data.list_built",
            "data",
            {
                "list_id": target.id,
                "channel": plan.channel,
                "eligible": target.eligible,
                "holdout": target.holdout,
                "by_region": target.by_region,
                "filters": [f.model_dump() for f in definition.filters],
                **meta,
            },
            key=target.id,
        )
    return {"lists": lists, "agents_run": ["data"], "usage": usage}
