"""Small, dependency-free statistics for eval results: Wilson intervals, cluster bootstrap, sign test.

A pass rate of 17/20 is not 850/1000: every interval here is computed from the real number of observations,
and repeated runs of one case are resampled together (a cluster), never counted as independent cases.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")

Z95 = 1.959963984540054


def wilson(successes: int, n: int, z: float = Z95) -> tuple[float, float] | None:
    """Wilson score interval of a proportion (None when n is 0).

    Args:
        successes: Number of successes (0..n).
        n: Number of trials.
        z: Normal quantile (1.96 for 95%).
    """
    if n <= 0:
        return None
    if not 0 <= successes <= n:
        raise ValueError(f"successes must be within 0..{n}, got {successes}")
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def bootstrap_ci(
    clusters: Sequence[T],
    statistic: Callable[[list[T]], float | None],
    *,
    resamples: int = 2000,
    seed: int = 20261125,
    level: float = 0.95,
) -> tuple[float, float] | None:
    """Percentile bootstrap interval of ``statistic`` resampling whole clusters with replacement.

    Args:
        clusters: One item per case (e.g. the list of that case's repeated runs, or a paired (A, B) tuple).
        statistic: Function of a resampled list of clusters; None results are skipped.
        resamples: Number of bootstrap resamples.
        seed: Seed, so the same data gives the same interval.
        level: Coverage.

    Returns:
        (low, high), or None with fewer than 2 clusters or no finite statistic.
    """
    if len(clusters) < 2:
        return None
    rng = random.Random(seed)
    values: list[float] = []
    items = list(clusters)
    for _ in range(resamples):
        sample = [items[rng.randrange(len(items))] for _ in items]
        value = statistic(sample)
        if value is not None and math.isfinite(value):
            values.append(value)
    if not values:
        return None
    values.sort()
    lo_i = int(math.floor((1 - level) / 2 * (len(values) - 1)))
    hi_i = int(math.ceil((1 + level) / 2 * (len(values) - 1)))
    return (values[lo_i], values[hi_i])


def sign_test(worse: int, better: int) -> float:
    """Exact two-sided sign test (McNemar's exact test) on discordant pairs.

    Args:
        worse: Cases that went from pass to fail.
        better: Cases that went from fail to pass.

    Returns:
        The p-value (1.0 when there is no discordant pair).
    """
    n = worse + better
    if n == 0:
        return 1.0
    k = min(worse, better)
    tail = sum(math.comb(n, i) for i in range(k + 1)) / 2**n
    return min(1.0, 2 * tail)


def quantile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolated quantile (None for no values)."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q
    lo = math.floor(pos)
    hi = math.ceil(pos)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)
