"""A seeded, deterministic market simulator for programs (sandbox channels, the optimizer, ``liftoff simulate``).

Every number is a pure function of its arguments: the same (seed, campaign, channel, region, variant, audience,
budget, day) always gives the same :class:`DayMetrics`, in any process. The model:

* **True rates** per (channel, region, variant) are drawn from the seed around realistic medians: email costs
  about $0.002 a send, ~2.5% of delivered emails are clicked, ~7% of clicks convert; SMS costs ~$0.0085 a send in
  North America (about 4x elsewhere) with ~6% click-through; paid social ~$9 CPM / 1.2% CTR / 3% CVR, paid search
  ~$45 CPM (~$1 CPC) / 4.5% CTR / 4% CVR, display ~$3 CPM / 0.25% CTR / 1.2% CVR. Regions and variants shift them.
* **Owned channels** (email, sms) send ``min(audience, budget / cost_per_send)`` messages: returns are linear until
  the audience is exhausted, then zero.
* **Paid channels** buy ``budget / CPM`` impressions over the targetable audience (``audience`` people, of whom a
  seeded fraction is active); unique reach follows the standard reach curve ``R (1 - exp(-impressions / R))``, so
  spend has diminishing returns and the allocation between programs matters.
* **Day-to-day noise**: CPM, CTR and CVR get a log-normal daily factor; counts are drawn from binomials.
  Draws use common random numbers (a fixed quantile per program and day), so outcomes move smoothly with the
  budget and "the same day with a different budget" is a fair counterfactual (what the oracle needs).

``audience <= 0`` means nobody can be reached: nothing is sent and nothing is spent.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from functools import lru_cache
from statistics import NormalDist

OWNED_CHANNELS: frozenset[str] = frozenset({"email", "sms"})
"""Channels paid per message sent to a known list."""

PAID_CHANNELS: frozenset[str] = frozenset({"paid_social", "paid_search", "display"})
"""Channels paid per impression bought over a targetable audience."""

_NORMAL = NormalDist()

# Median rates and their log-sd across seeds, per channel.
_OWNED = {
    #         cost/send  delivery  open   ctr     cvr
    "email": (0.002, 0.975, 0.22, 0.025, 0.07),
    "sms": (0.0085, 0.96, 0.0, 0.06, 0.05),
}
_PAID = {
    #               cpm    ctr      cvr
    "paid_social": (9.0, 0.012, 0.03),
    "paid_search": (45.0, 0.045, 0.04),
    "display": (3.0, 0.0025, 0.012),
}
_REGION_CPM = {"US": 1.0, "UK": 0.9, "EU": 0.8, "CA": 0.85, "APAC": 0.6}
_REGION_SMS_COST = {"US": 1.0, "CA": 1.0, "UK": 4.0, "EU": 4.5, "APAC": 3.0}


@dataclass(frozen=True)
class DayMetrics:
    """What one program produced on one day.

    Attributes:
        sends: Messages sent (owned) or impressions served (paid).
        delivered: Messages delivered (owned) or impressions served (paid).
        clicks: Clicks.
        conversions: Conversions (the campaign's goal action).
        spend: Money spent, never more than the day's budget.
        opens: Emails opened (0 for other channels).
    """

    sends: int
    delivered: int
    clicks: int
    conversions: int
    spend: float
    opens: int = 0


@dataclass(frozen=True)
class _Rates:
    cost: float  # owned: cost per send; paid: CPM
    delivery: float
    open: float
    ctr: float
    cvr: float
    reach_frac: float  # paid: share of the targetable audience active on the platform


def _unit(*parts: object) -> float:
    """A uniform number in (0, 1) that depends only on ``parts`` (stable across processes and versions)."""
    digest = hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=8).digest()
    return (int.from_bytes(digest, "big") + 0.5) / 2.0**64


def _lognormal(sd: float, *parts: object) -> float:
    return math.exp(sd * _NORMAL.inv_cdf(_unit(*parts)))


@lru_cache(maxsize=4096)
def _rates(seed: int, campaign_id: str, channel: str, region: str, variant: str | None) -> _Rates:
    """True (unobserved) rates of one program; channel, region and variant effects multiply.

    ``variant=None`` gives the region's rates without any creative effect (the control's reference).
    """
    key = (seed, campaign_id, channel)
    reg = (*key, region)
    var = (*reg, variant)

    def effect(sd: float, name: str) -> float:
        return 1.0 if variant is None else _lognormal(sd, *var, name)

    if channel in _OWNED:
        cost, delivery, open_rate, ctr, cvr = _OWNED[channel]
        cost *= _lognormal(0.25, *key, "cost") * (_REGION_SMS_COST[region] if channel == "sms" else 1.0)
        bounce = (1 - delivery) * _lognormal(0.4, *reg, "bounce")
        return _Rates(
            cost=cost,
            delivery=max(0.5, 1 - bounce),
            open=min(0.9, open_rate * effect(0.2, "open")),
            ctr=min(
                0.5, ctr * _lognormal(0.35, *key, "ctr") * _lognormal(0.15, *reg, "ctr") * effect(0.2, "ctr")
            ),
            cvr=min(
                0.5, cvr * _lognormal(0.35, *key, "cvr") * _lognormal(0.2, *reg, "cvr") * effect(0.1, "cvr")
            ),
            reach_frac=1.0,
        )
    if channel in _PAID:
        cpm, ctr, cvr = _PAID[channel]
        return _Rates(
            cost=cpm * _REGION_CPM[region] * _lognormal(0.25, *key, "cpm") * _lognormal(0.1, *reg, "cpm"),
            delivery=1.0,
            open=0.0,
            ctr=min(
                0.3, ctr * _lognormal(0.3, *key, "ctr") * _lognormal(0.15, *reg, "ctr") * effect(0.2, "ctr")
            ),
            cvr=min(
                0.5, cvr * _lognormal(0.35, *key, "cvr") * _lognormal(0.2, *reg, "cvr") * effect(0.1, "cvr")
            ),
            reach_frac=0.3 + 0.6 * _unit(*reg, "reach"),
        )
    raise ValueError(f"unknown channel {channel!r} (known: {', '.join(sorted(_OWNED) + sorted(_PAID))})")


def _poisson_quantile(u: float, lam: float) -> int:
    k, pmf = 0, math.exp(-lam)
    cdf = pmf
    while cdf < u and pmf > 0:
        k += 1
        pmf *= lam / k
        cdf += pmf
    return k


def _binomial(u: float, n: int, p: float) -> int:
    """The ``u``-quantile of Binomial(n, p): normal approximation when wide, Poisson when rare."""
    if n <= 0 or p <= 0:
        return 0
    if p >= 1:
        return n
    mean, var = n * p, n * p * (1 - p)
    if var >= 30:
        k = math.floor(mean + _NORMAL.inv_cdf(u) * math.sqrt(var) + 0.5)
    elif p <= 0.5:
        k = _poisson_quantile(u, mean)
    else:
        k = n - _poisson_quantile(1 - u, n * (1 - p))
    return min(n, max(0, k))


def _check(channel: str, region: str, audience: int, budget: float, day: int) -> None:
    if region not in _REGION_CPM:
        raise ValueError(f"unknown region {region!r} (known: {', '.join(_REGION_CPM)})")
    if not math.isfinite(budget) or budget < 0:
        raise ValueError(f"budget must be a finite amount >= 0, got {budget!r}")
    if day < 0:
        raise ValueError(f"day must be >= 0, got {day}")
    if audience < 0:
        raise ValueError(f"audience must be >= 0, got {audience}")


def simulate_program_day(
    *,
    seed: int,
    campaign_id: str,
    channel: str,
    region: str,
    variant: str,
    audience: int,
    budget: float,
    day: int,
) -> DayMetrics:
    """Simulate one program (channel, region, variant) on one day of a campaign.

    Args:
        seed: Market seed; fixes every true rate and every daily draw.
        campaign_id: Campaign id (different campaigns meet different markets).
        channel: Channel (email, sms, paid_social, paid_search, display).
        region: Region code.
        variant: Creative variant label.
        audience: Contacts the program may message today (owned) or the targetable audience (paid).
        budget: Most the program may spend today.
        day: Day index of the campaign (0 = launch day).

    Returns:
        The day's metrics; ``spend <= budget`` always.

    Raises:
        ValueError: on an unknown channel or region, a negative budget, audience or day.
    """
    _check(channel, region, audience, budget, day)
    r = _rates(seed, campaign_id, channel, region, variant)
    key = (seed, campaign_id, channel, region, variant, day)
    ctr = min(0.9, r.ctr * _lognormal(0.12, *key, "ctr"))
    cvr = min(0.9, r.cvr * _lognormal(0.12, *key, "cvr"))
    if channel in OWNED_CHANNELS:
        sends = min(audience, math.floor(budget / r.cost + 1e-9))
        delivered = _binomial(_unit(*key, "delivered"), sends, r.delivery)
        opens = _binomial(_unit(*key, "opens"), delivered, r.open)
        clicks = _binomial(_unit(*key, "clicks"), delivered, ctr)
        spend = math.floor(sends * r.cost * 100) / 100
    else:
        cpm = r.cost * _lognormal(0.08, *key, "cpm")
        impressions = math.floor(budget * 1000 / cpm) if audience > 0 else 0
        active = audience * r.reach_frac
        reached = round(active * -math.expm1(-impressions / active)) if impressions else 0
        sends = delivered = impressions
        opens = 0
        clicks = _binomial(_unit(*key, "clicks"), reached, ctr)
        spend = min(budget, math.floor(impressions * cpm / 10) / 100)
    conversions = _binomial(_unit(*key, "conversions"), clicks, cvr)
    return DayMetrics(
        sends=sends,
        delivered=delivered,
        clicks=clicks,
        conversions=conversions,
        spend=round(spend, 2),
        opens=opens,
    )


def simulate_control_day(
    *, seed: int, campaign_id: str, channel: str, region: str, control_size: int, day: int
) -> int:
    """Conversions on one day among the control holdout of a (channel, region).

    Holdout members convert organically at a seeded 45-85% of the rate of a treated member of that channel and
    region: a contact sent one message (owned), or a member of a paid audience when the day's spend reaches half
    of its active members. So lift per targeted person is positive but realistic (about +20% to +120% at a
    typical spend; lower when a paid program spends little).

    Raises:
        ValueError: on an unknown channel or region, or a negative size or day.
    """
    _check(channel, region, control_size, 0.0, day)
    r = _rates(seed, campaign_id, channel, region, None)
    per_contact = (
        r.delivery * r.ctr * r.cvr if channel in OWNED_CHANNELS else 0.5 * r.reach_frac * r.ctr * r.cvr
    )
    organic = 0.45 + 0.40 * _unit(seed, campaign_id, channel, region, "organic")
    rate = min(
        0.9, per_contact * organic * _lognormal(0.12, seed, campaign_id, channel, region, day, "control")
    )
    return _binomial(_unit(seed, campaign_id, channel, region, day, "control-conv"), control_size, rate)
