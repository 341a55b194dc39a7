"""The segment builder the Data agent calls: eligibility, regional partitions and the control holdout.

For every contact of the requested regions one query decides the first reason it is left out (filters,
legal hold, unsubscribed, bounced, no address, no consent for the channel in its region, frequency cap) or
that it is eligible, and whether the campaign's hash puts it in the holdout. The members are stored in the
store (``list_members``) so an export or a send later uses exactly this snapshot; the caller gets counts
and distributions only, never a row.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

from graph.contracts import Region, SegmentDefinition, TargetList
from graph.contracts.consent import ADDRESS_COLUMN, CONSENT_BASES, EXCLUSION_REASONS, allowed_bases
from tools.crm.backend import transaction
from tools.crm.errors import EmptyStoreError, SegmentError
from tools.crm.filters import compile_filters
from tools.crm.holdout import bucket_sql, salt_for, threshold
from tools.crm.store import CRMStore

__all__ = ["SegmentError", "build_segment", "list_id_for"]


def build_segment(
    store: CRMStore, definition: SegmentDefinition, *, campaign_id: str, seed: int, as_of: date | None = None
) -> TargetList:
    """Build (or return the already built) target list for a segment of one campaign.

    Args:
        store: The CRM store.
        definition: Channel, regions, filters, holdout share and frequency cap.
        campaign_id: Campaign the list belongs to; with ``seed`` it fixes the holdout draw.
        seed: Campaign seed of the holdout draw (same campaign + seed -> same holdout members).
        as_of: Day frequency caps and relative dates count back from (UTC today by default).

    Returns:
        The list as counts: eligible (excluding holdout), holdout, per region, per consent basis and
        excluded per reason. Its id is stable for the same campaign, seed, segment, data and day.

    Raises:
        SegmentError: on an unknown field or operator, a wrong value, or an impossible filter.
        EmptyStoreError: when the store holds no contacts.
    """
    as_of = as_of or datetime.now(UTC).date()
    compiled = compile_filters(definition, as_of=as_of)
    if not campaign_id.strip():
        raise SegmentError("campaign_id must not be empty (it keys the holdout draw)")
    regions = list(dict.fromkeys(definition.regions))
    sql, params = _classify_sql(definition, regions, compiled.sql, compiled.params, campaign_id, seed, as_of)
    with store.session() as db, transaction(db):
        if store.is_empty():
            raise EmptyStoreError(
                f"the CRM store {store.path} holds no contacts; seed it first (liftoff data seed)"
            )
        version = store.version()
        list_id = list_id_for(
            definition, campaign_id=campaign_id, seed=seed, store_version=version, as_of=as_of
        )
        existing = store.get_list(list_id)
        if existing is not None:
            return existing
        db.execute("DROP TABLE IF EXISTS segment_rows")
        db.execute(f"CREATE TEMP TABLE segment_rows AS {sql}", params)
        counts = db.execute(
            "SELECT region, reason, holdout, basis, COUNT(*) FROM segment_rows"
            " GROUP BY region, reason, holdout, basis"
        ).fetchall()
        db.execute(
            "INSERT INTO list_members (list_id, contact_id, region, holdout)"
            " SELECT ?, contact_id, region, holdout FROM segment_rows WHERE reason IS NULL",
            [list_id],
        )
        db.execute("DROP TABLE segment_rows")
        target = _target_list(list_id, definition, regions, counts, campaign_id, seed, version, as_of)
        db.execute(
            "INSERT INTO lists (list_id, campaign_id, channel, store_version, created_at, target_list)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [
                list_id,
                campaign_id,
                definition.channel,
                version,
                datetime.now(UTC).replace(tzinfo=None, microsecond=0).isoformat(sep=" "),
                target.model_dump_json(),
            ],
        )
    return target


def list_id_for(
    definition: SegmentDefinition, *, campaign_id: str, seed: int, store_version: str, as_of: date
) -> str:
    """Return the stable id of the list a segment gives for one campaign, seed, data version and day."""
    key = json.dumps(
        {
            "campaign": campaign_id,
            "seed": seed,
            "segment": definition.model_dump(mode="json"),
            "store": store_version,
            "as_of": as_of.isoformat(),
        },
        sort_keys=True,
    )
    return "list-" + hashlib.sha256(key.encode()).hexdigest()[:16]


def _classify_sql(
    definition: SegmentDefinition,
    regions: list[Region],
    filter_sql: str,
    filter_params: list[Any],
    campaign_id: str,
    seed: int,
    as_of: date,
) -> tuple[str, list[Any]]:
    """One row per contact of the regions: (contact_id, region, basis, reason or NULL, holdout 0/1)."""
    channel = definition.channel
    consent_terms, consent_params = [], []
    for region in regions:
        bases = sorted(allowed_bases(region, channel))
        consent_terms.append(f"(c.region = ? AND k.basis IN ({', '.join('?' * len(bases))}))")
        consent_params += [region, *bases]
    bucket, bucket_params = bucket_sql("c.contact_id", salt_for(campaign_id, seed))
    capped = definition.frequency_cap_days > 0
    select = (
        "SELECT c.contact_id, c.region, k.basis, CASE"
        f" WHEN ({filter_sql}) IS NOT TRUE THEN 'filters'"
        " WHEN s.legal_hold = 1 THEN 'legal_hold'"
        " WHEN s.unsubscribed = 1 THEN 'unsubscribed'"
        " WHEN s.bounced = 1 THEN 'bounced'"
        f" WHEN c.{ADDRESS_COLUMN[channel]} IS NULL THEN 'no_address'"
        f" WHEN ({' OR '.join(consent_terms)}) IS NOT TRUE THEN 'no_consent'"
        + (
            " WHEN EXISTS (SELECT 1 FROM touches t WHERE t.contact_id = c.contact_id AND t.channel = ?"
            " AND t.touched_at >= ?) THEN 'frequency_cap'"
            if capped
            else ""
        )
        + f" END AS reason, CASE WHEN {bucket} < ? THEN 1 ELSE 0 END AS holdout"
    )
    cap_params: list[Any] = []
    if capped:
        cutoff = as_of - timedelta(days=definition.frequency_cap_days)
        cap_params = [channel, f"{cutoff.isoformat()} 00:00:00"]
    joins = (
        " FROM contacts c"
        " LEFT JOIN consent k ON k.contact_id = c.contact_id AND k.channel = ?"
        " LEFT JOIN (SELECT contact_id,"
        " MAX(CASE WHEN reason = 'legal_hold' THEN 1 ELSE 0 END) AS legal_hold,"
        " MAX(CASE WHEN reason = 'unsubscribed' THEN 1 ELSE 0 END) AS unsubscribed,"
        " MAX(CASE WHEN reason = 'bounced' THEN 1 ELSE 0 END) AS bounced"
        " FROM suppressions WHERE channel IS NULL OR channel = ? GROUP BY contact_id) s"
        " ON s.contact_id = c.contact_id"
    )
    where = f" WHERE c.region IN ({', '.join('?' * len(regions))})"
    params = [
        *filter_params,
        *consent_params,
        *cap_params,
        *bucket_params,
        threshold(definition.holdout_pct),
        channel,
        channel,
        *regions,
    ]
    return select + joins + where, params


def _target_list(
    list_id: str,
    definition: SegmentDefinition,
    regions: list[Region],
    counts: list[tuple[Any, ...]],
    campaign_id: str,
    seed: int,
    version: str,
    as_of: date,
) -> TargetList:
    by_region: dict[str, int] = dict.fromkeys(regions, 0)
    holdout_by_region: dict[str, int] = dict.fromkeys(regions, 0)
    basis: dict[str, int] = {b: 0 for b in CONSENT_BASES if b != "none"}
    excluded = dict.fromkeys(EXCLUSION_REASONS, 0)
    if definition.frequency_cap_days == 0:
        del excluded["frequency_cap"]
    for region, reason, held, contact_basis, n in counts:
        if reason is not None:
            excluded[reason] += int(n)
        elif held:
            holdout_by_region[region] += int(n)
        else:
            by_region[region] += int(n)
            basis[contact_basis] += int(n)
    eligible = sum(by_region.values())
    return TargetList(
        id=list_id,
        segment=definition,
        eligible=eligible,
        holdout=sum(holdout_by_region.values()),
        by_region=by_region,
        by_channel={definition.channel: eligible},
        consent_basis=basis,
        excluded=excluded,
        seed=seed,
        store_version=version,
        holdout_by_region=holdout_by_region,
        campaign_id=campaign_id,
        as_of=as_of.isoformat(),
    )
