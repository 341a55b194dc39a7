"""A campaign's pipeline impact: reach from its lists, touches from its run days, credit by attribution.

Called when a campaign launches (:func:`snapshot_reach`, while the CRM is at hand) and before each report
(:func:`pipeline_impact`, then :func:`emit_impact`); the scorecard shows the latest ``pipeline.attribution``
event beside the campaign's cost.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any

from graph.contracts import Event, PipelineImpact, PipelineTally, TargetList
from graph.contracts.ids import event_id
from tools.events import EventLog
from tools.ingest.rollup import read_program_days
from tools.pipeline.attribution import Tally, attribute
from tools.pipeline.crm_source import read_contacts, source_key, treated_members
from tools.pipeline.market import Response, baseline, responses
from tools.pipeline.model import Touch
from tools.pipeline.seed import PipelineSeed, seed_key, seed_pipeline
from tools.pipeline.store import PipelineStore

ATTRIBUTION_EVENT = "pipeline.attribution"
"""Event type carrying a :class:`~graph.contracts.PipelineImpact` (payload) for the scorecard."""

DEFAULT_WINDOW_DAYS = 90
"""Default attribution window: a touch counts up to 90 days before an opportunity is created."""

SOURCE = "analytics"


def ensure_accounts(store: PipelineStore, crm: Any, seed: int) -> PipelineSeed:
    """Seed accounts and opportunities from the CRM's contacts unless already seeded from the same data."""
    key = source_key(crm)
    as_of = date.fromisoformat(crm.meta().get("as_of") or datetime.now(UTC).date().isoformat())
    meta = store.meta()
    if meta.get("source") == seed_key(key, seed, as_of):
        return PipelineSeed(
            False, store.counts()["accounts"], int(meta.get("seeded_opportunities", 0)), meta["source"]
        )
    return seed_pipeline(store, read_contacts(crm), seed=seed, as_of=as_of, source=key)


def snapshot_reach(store: PipelineStore, crm: Any, campaign_id: str, lists: Mapping[str, TargetList]) -> int:
    """Record which accounts each of a campaign's lists reaches (treated members only), once.

    Returns:
        Reach rows written (0 when already recorded).
    """
    if store.has_reach(campaign_id):
        return 0
    counts: dict[tuple[str, str, str], int] = {}
    for channel, target in sorted(lists.items()):
        members = treated_members(crm, target.id)
        account = store.account_of(c for c, _ in members)
        for contact, region in members:
            acc = account.get(contact)
            if acc is not None:
                counts[(channel, region, acc)] = counts.get((channel, region, acc), 0) + 1
    rows = [(ch, rg, acc, n) for (ch, rg, acc), n in sorted(counts.items())]
    return store.set_reach(campaign_id, rows, lists=len(lists), at=datetime.now(UTC).isoformat())


def record_run_days(store: PipelineStore, events: EventLog, campaign_id: str, start_date: date) -> int:
    """Record the days the campaign's programs delivered something (and their conversions) from its
    ``channel.metrics`` events."""
    rows: dict[tuple[str, str, date], int] = {}
    for p in read_program_days(events, campaign_id):
        if int(p.get("sends", 0)) > 0:
            key = (str(p["channel"]), str(p["region"]), start_date + timedelta(days=int(p["day"])))
            rows[key] = rows.get(key, 0) + int(p.get("conversions", 0))
    return store.add_run_days(campaign_id, [(*k, n) for k, n in sorted(rows.items())])


def pipeline_impact(
    store: PipelineStore,
    events: EventLog,
    *,
    campaign_id: str,
    start_date: date,
    through_day: int,
    window_days: int = DEFAULT_WINDOW_DAYS,
    seed: int = 7,
    market: bool = True,
) -> PipelineImpact:
    """Attribute opportunities of the accounts a campaign reached, as of campaign day ``through_day``.

    Args:
        store: The pipeline store.
        events: The event log (the campaign's ``channel.metrics`` give its run days and conversions).
        campaign_id: Campaign to credit.
        start_date: Calendar date of campaign day 0.
        through_day: Campaign day the figures are read at.
        window_days: Attribution window in days.
        seed: Seed of the sandbox market.
        market: Let the sandbox market open opportunities on simulated days (off for a real CRM).

    Raises:
        ValueError: on a negative window or day.
    """
    if window_days < 0 or through_day < 0:
        raise ValueError(f"window_days and through_day must be >= 0, got {window_days} and {through_day}")
    as_of = start_date + timedelta(days=through_day)
    empty = PipelineTally(opportunities=0, amount=0.0)
    if not store.has_reach(campaign_id):
        return PipelineImpact(
            window_days=window_days,
            as_of=as_of.isoformat(),
            accounts_reached=0,
            sourced=empty,
            influenced=empty,
            note="no reach recorded for this campaign (no lists were built, "
            "or the CRM was busy at launch): pipeline not attributed",
        )
    record_run_days(store, events, campaign_id, start_date)
    reach = store.reach(campaign_id)
    reached = sorted({a for accs in reach.values() for a in accs})
    slices = store.slices_of(reached)
    campaigns = sorted({cid for sl in slices.values() for cid, _, _ in sl})
    runs = {k: [(d, n) for d, n in v if d <= as_of] for k, v in store.run_days(campaigns).items()}
    own = {(ch, rg) for cid, ch, rg in runs if cid == campaign_id and runs[(cid, ch, rg)]}
    touched = {a for (ch, rg), accs in reach.items() if (ch, rg) in own for a in accs}
    if market:
        sizes = {a["account_id"]: a["company_size"] for a in store.accounts(reached)}
        new = baseline([(a, sizes[a]) for a in reached if a in sizes], start=start_date, end=as_of, seed=seed)
        new += responses(
            [
                Response(campaign_id, ch, rg, d, n, tuple(reach.get((ch, rg), ())))
                for (cid, ch, rg), days in runs.items()
                if cid == campaign_id
                for d, n in days
            ],
            sizes,
            end=as_of,
            seed=seed,
        )
        store.add_opportunities(new)
    first_touch = min((d for days in runs.values() for d, _ in days), default=as_of + timedelta(days=1))
    # an opportunity created before the first touch of any campaign can have no touch in its window
    opps = [o for o in store.opportunities(reached) if first_touch <= o.created_on <= as_of]
    touches = {
        acc: sorted(
            Touch(d, cid, ch, acc)
            for cid, ch, rg in slices.get(acc, ())
            for d, _ in runs.get((cid, ch, rg), ())
        )
        for acc in {o.account_id for o in opps}
    }
    result = attribute(opps, touches, campaign_id=campaign_id, window_days=window_days, as_of=as_of)
    return PipelineImpact(
        window_days=window_days,
        as_of=as_of.isoformat(),
        accounts_reached=len(reached),
        accounts_touched=len(touched),
        sourced=_tally(result.sourced),
        influenced=_tally(result.influenced),
    )


def _tally(t: Tally) -> PipelineTally:
    return PipelineTally(
        opportunities=t.opportunities,
        amount=t.amount,
        open_amount=t.open_amount,
        won_amount=t.won_amount,
        lost_amount=t.lost_amount,
        by_stage=dict(sorted(t.by_stage.items())),
    )


def emit_impact(
    events: EventLog, impact: PipelineImpact, *, campaign_id: str, trace_id: str, cycle_id: str | None = None
) -> Event:
    """Append the ``pipeline.attribution`` event; the same figures for the same day append nothing new."""
    payload = {
        **impact.model_dump(
            mode="json", exclude={"spend", "sourced_per_spend", "influenced_per_spend", "cost_per_sourced"}
        ),
        "cycle_id": cycle_id,
    }
    digest = hashlib.sha256(json.dumps(impact.model_dump(mode="json"), sort_keys=True).encode()).hexdigest()[
        :16
    ]
    return events.emit(
        ATTRIBUTION_EVENT,
        trace_id=trace_id,
        campaign_id=campaign_id,
        source=SOURCE,
        payload=payload,
        event_id=event_id(ATTRIBUTION_EVENT, campaign_id, impact.as_of, impact.window_days, digest),
    )
