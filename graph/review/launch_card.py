"""The launch card: before the first publish, the whole copy deck and every list, for a human to approve.

At every autonomy level but ``auto`` (per channel and region, ``graph.review.autonomy``) nothing publishes until a
human approved the launch on this card. Each asset and each list is an item of its own: rejecting an asset
withholds it (the rest launches); rejecting a list withholds the channel's assets (nothing is sent without it).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph.contracts import Asset, TargetList
from graph.review.autonomy import Autonomy
from graph.review.routing import scopes_needing_approval

LIST_PREFIX = "list:"
"""Launch-card item ids of lists are ``list:<channel>``."""


def launch_items(
    assets: list[Asset], lists: Mapping[str, TargetList], autonomy: Autonomy
) -> list[dict[str, Any]]:
    """One item per asset to publish in a scope that needs approval, then one per list those assets go to."""
    scopes = set(scopes_needing_approval(assets, autonomy))
    chosen = sorted(
        (a for a in assets if (a.channel, a.region) in scopes), key=lambda a: (a.channel, a.region, a.variant)
    )
    items: list[dict[str, Any]] = []
    for a in chosen:
        items.append(
            {
                "id": a.id,
                "type": "asset",
                "channel": a.channel,
                "region": a.region,
                "variant": a.variant,
                "asset": {
                    k: getattr(a, k)
                    for k in (
                        "id",
                        "version",
                        "channel",
                        "region",
                        "variant",
                        "subject",
                        "headline",
                        "body",
                        "cta",
                        "cited_claim_ids",
                    )
                },
            }
        )
    for channel in sorted({a.channel for a in chosen}):
        target = lists.get(channel)
        regions = sorted({a.region for a in chosen if a.channel == channel})
        items.append(
            {
                "id": f"{LIST_PREFIX}{channel}",
                "type": "list",
                "channel": channel,
                "regions": regions,
                "list_id": target.id if target else None,
                "eligible": target.eligible if target else None,
                "holdout": target.holdout if target else None,
                "by_region": {r: target.by_region.get(r, 0) for r in regions} if target else {},
                "excluded": dict(target.excluded) if target else {},
            }
        )
    return items
