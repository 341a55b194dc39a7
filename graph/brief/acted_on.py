"""Sentences the Planner acted on without a fact: 'drop sms and paid_search', 'leave out Ireland', "Let's do the
Easy Saver instead". They change the plan, so the echo must not show them as "not used"."""

from __future__ import annotations

from collections.abc import Sequence

from graph.brief.disclaimer_check import channel_drops
from graph.brief.focus import focus_of, named_hits
from graph.brief.region_check import region_drops
from guards.library import BrandLibrary


def acted_on(
    sentence: str,
    library: BrandLibrary,
    product: str | None,
    regions: Sequence[str],
    countries: Sequence[str],
) -> bool:
    """The sentence drops a channel or one of the brief's markets, or names the library product the campaign
    settled on."""
    if channel_drops(sentence) or region_drops(sentence, regions, countries):
        return True
    focus = focus_of(library, product) if product else None
    settled = focus.lines | focus.types if focus else frozenset()
    return bool(settled) and any(p.id in settled for _, p in named_hits(sentence, library.products))
