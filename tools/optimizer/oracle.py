"""Baselines for the optimizer on the simulator: the even split and the best fixed allocation in hindsight.

Both spend the same daily budget every day of the campaign. The oracle knows every realised outcome (it replays
the simulator on the same seed): for each program it tabulates total conversions over the campaign for a grid of
fixed daily budgets, then finds the best split exactly by dynamic programming (per channel, under the channel
cap, then across channels), and finally polishes it with small pairwise budget moves.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from graph.contracts import Caps, Program
from tools.ingest.sandbox import MetricsFn
from tools.optimizer.cycle import variant_of
from tools.simulator import simulate_program_day
from tools.spend.limits import to_cents


@dataclass(frozen=True)
class FixedResult:
    """Outcome of a fixed daily allocation replayed over the campaign.

    Attributes:
        conversions: Total conversions.
        spend: Total spend.
        daily: Daily budget per program id.
    """

    conversions: int
    spend: float
    daily: dict[str, float]


def replay(
    programs: Sequence[Program],
    daily: Mapping[str, float],
    *,
    days: int,
    seed: int,
    metrics_fn: MetricsFn = simulate_program_day,
) -> FixedResult:
    """Replay a fixed daily budget per program over ``days`` days on the simulator."""
    conversions, spend = 0, 0.0
    for p in programs:
        budget = daily.get(p.id, 0.0)
        if budget <= 0:
            continue
        for day in range(days):
            m = metrics_fn(
                seed=seed,
                campaign_id=p.campaign_id,
                channel=p.channel,
                region=p.region,
                variant=variant_of(p),
                audience=p.audience,
                budget=budget,
                day=day,
            )
            conversions += m.conversions
            spend += m.spend
    return FixedResult(conversions, round(spend, 2), dict(daily))


def even_split(
    programs: Sequence[Program],
    caps: Caps,
    *,
    days: int,
    seed: int,
    metrics_fn: MetricsFn = simulate_program_day,
) -> FixedResult:
    """Split the daily budget evenly between channels, then evenly between each channel's programs."""
    daily_total = min(caps.per_day, caps.total / days)
    by_channel: dict[str, list[Program]] = defaultdict(list)
    for p in programs:
        by_channel[p.channel].append(p)
    per_channel = daily_total / len(by_channel)
    daily = {}
    for channel, members in by_channel.items():
        share = min(per_channel, caps.per_channel.get(channel, 0.0) / days) / len(members)
        daily.update({p.id: int(share * 100) / 100 for p in members})
    return replay(programs, daily, days=days, seed=seed, metrics_fn=metrics_fn)


def oracle(
    programs: Sequence[Program],
    caps: Caps,
    *,
    days: int,
    seed: int,
    grid: int = 120,
    metrics_fn: MetricsFn = simulate_program_day,
) -> FixedResult:
    """The best fixed daily allocation in hindsight (exact on a grid of ``grid`` budget units, then polished)."""
    daily_total = min(caps.per_day, caps.total / days)
    unit = daily_total / grid

    cache: dict[tuple[str, float], int] = {}

    def total(p: Program, budget: float) -> int:
        """Conversions of program ``p`` over the whole campaign at a fixed daily budget (memoised)."""
        key = (p.id, round(budget, 6))
        if key not in cache:
            cache[key] = replay([p], {p.id: budget}, days=days, seed=seed, metrics_fn=metrics_fn).conversions
        return cache[key]

    by_channel: dict[str, list[Program]] = defaultdict(list)
    for p in programs:
        by_channel[p.channel].append(p)
    channel_best: dict[str, tuple[list[int], list[list[int]]]] = {}
    for channel, members in by_channel.items():
        limit = min(grid, int(caps.per_channel.get(channel, 0.0) / days / unit + 1e-9))
        tables = [[total(p, k * unit) for k in range(limit + 1)] for p in members]
        value, choice = _knapsack(tables, limit)
        channel_best[channel] = (value, choice)
    channels = list(by_channel)
    _, split = _knapsack([channel_best[ch][0] for ch in channels], grid)
    daily: dict[str, float] = {}
    for ch, units in zip(channels, split[grid], strict=True):
        for p, k in zip(by_channel[ch], channel_best[ch][1][units], strict=True):
            daily[p.id] = k * unit
    daily = _polish(programs, daily, caps, days=days, unit=unit, total=total)
    return replay(
        programs,
        {k: int(v * 100) / 100 for k, v in daily.items()},
        days=days,
        seed=seed,
        metrics_fn=metrics_fn,
    )


def _knapsack(tables: Sequence[Sequence[int]], capacity: int) -> tuple[list[int], list[list[int]]]:
    """Best total of one choice per table with total units <= u, for every u; and the choice for each u.

    ``table[k]`` is the value of giving that table ``k`` units; a table may be shorter than ``capacity + 1``
    (its item cannot take more units).
    """
    best = [0] * (capacity + 1)
    choices: list[list[int]] = [[] for _ in range(capacity + 1)]
    for table in tables:
        new_best = [0] * (capacity + 1)
        new_choices: list[list[int]] = [[] for _ in range(capacity + 1)]
        for u in range(capacity + 1):
            top, pick = -1, 0
            for k in range(min(u, len(table) - 1) + 1):
                v = best[u - k] + table[k]
                if v > top:
                    top, pick = v, k
            new_best[u], new_choices[u] = top, [*choices[u - pick], pick]
        best, choices = new_best, new_choices
    return best, choices


def _polish(
    programs: Sequence[Program],
    daily: dict[str, float],
    caps: Caps,
    *,
    days: int,
    unit: float,
    total: Callable[[Program, float], int],
) -> dict[str, float]:
    """Hill-climb with moves of a quarter and an eighth of a grid unit between pairs of programs."""
    value = {p.id: total(p, daily[p.id]) for p in programs}
    channel_of = {p.id: p.channel for p in programs}
    for step in (unit / 4, unit / 8):
        improved = True
        while improved:
            improved = False
            for src in programs:
                if daily[src.id] < step:
                    continue
                lose = value[src.id] - total(src, daily[src.id] - step)
                for dst in programs:
                    if dst.id == src.id:
                        continue
                    if dst.channel != src.channel:
                        in_channel = sum(daily[q] for q in daily if channel_of[q] == dst.channel)
                        cap = to_cents(caps.per_channel.get(dst.channel, 0.0), "channel cap")
                        if to_cents((in_channel + step) * days, "channel spend") > cap:
                            continue
                    gain = total(dst, daily[dst.id] + step) - value[dst.id]
                    if gain > lose:
                        daily[src.id] -= step
                        daily[dst.id] += step
                        value[src.id] = total(src, daily[src.id])
                        value[dst.id] = total(dst, daily[dst.id])
                        improved = True
                        break
    return daily
