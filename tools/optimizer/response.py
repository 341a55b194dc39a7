"""Bayesian response curves: expected daily conversions of one program as a function of its daily budget.

Two families, both concave, so a greedy marginal allocation is optimal:

* **Owned** (email, sms): ``r * min(audience, budget / cost_per_send)``. The conversion rate per send ``r`` has a
  Gamma posterior (Poisson counts); the cost per send is observed from spend and sends.
* **Paid** (social, search, display): the reach curve ``a * s * (1 - exp(-budget / s))``: ``a`` is conversions per
  unit of money at low spend and ``s`` the saturation scale. ``s`` has a discrete posterior over a log grid,
  shared by the variants of one (channel, region) (they buy the same audience at the same price), with the
  prior centred on the money needed to serve that audience once at the observed CPM; given ``s``, each
  program's ``a`` has a conjugate Gamma posterior, so the whole posterior is exact.

Priors shrink each program toward its channel's pooled rate, and each channel toward the campaign's, so a
channel that is clearly worse is recognised from the first day's channel totals. Daily counts are
over-dispersed (markets move day to day), so the likelihood is tempered by ``1 / dispersion``.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

Curve = Callable[[float], float]
"""Expected conversions for a daily budget."""

PAID: frozenset[str] = frozenset({"paid_social", "paid_search", "display"})

_GRID = [
    math.exp(x / 4) for x in range(-12, 13)
]  # saturation scale relative to the prior centre: e^-3 .. e^3
_PRIOR_LOG_SD = math.log(3.0)
_DEFAULT_CPM = 10.0
_DEFAULT_COST_PER_SEND = 0.01
_DEFAULT_CONV_PER_MONEY = 1 / 50
_DEFAULT_CONV_PER_SEND = 0.002


@dataclass(frozen=True)
class Observation:
    """One program-day as the optimizer saw it (from a ``channel.metrics`` event)."""

    day: int
    spend: float
    sends: int
    conversions: int


@dataclass(frozen=True)
class ProgramInfo:
    """What the optimizer knows about a program besides its observations."""

    id: str
    channel: str
    region: str
    audience: int


class OwnedPosterior:
    """Posterior of an owned-channel program: conversions per send, cost per send, a hard audience limit."""

    def __init__(self, audience: int, alpha: float, beta: float, cost_per_send: float) -> None:
        self.audience, self.alpha, self.beta, self.cost_per_send = audience, alpha, beta, cost_per_send

    def mean_curve(self) -> Curve:
        """Posterior-mean expected conversions as a function of the daily budget."""
        return self._curve(self.alpha / self.beta)

    def sample_curve(self, rng: random.Random) -> Curve:
        """One Thompson draw of the response curve."""
        return self._curve(rng.gammavariate(self.alpha, 1 / self.beta))

    def _curve(self, rate: float) -> Curve:
        cost, cap = self.cost_per_send, self.audience
        return lambda b: rate * min(cap, b / cost)


class PaidPosterior:
    """Posterior of a paid program: a mixture over saturation scales of Gamma posteriors of ``a``."""

    def __init__(
        self,
        weights: Sequence[float],
        alphas: Sequence[float],
        betas: Sequence[float],
        scales: Sequence[float],
    ) -> None:
        self.weights, self.alphas, self.betas, self.scales = (
            list(weights),
            list(alphas),
            list(betas),
            list(scales),
        )

    def mean_curve(self) -> Curve:
        """Posterior-mean expected conversions as a function of the daily budget."""
        terms = [
            (w * a / b, s)
            for w, a, b, s in zip(self.weights, self.alphas, self.betas, self.scales, strict=True)
            if w > 1e-6
        ]
        return lambda b: sum(k * _reach(b, s) for k, s in terms)

    def sample_curve(self, rng: random.Random) -> Curve:
        """One Thompson draw of the response curve."""
        k = rng.choices(range(len(self.scales)), weights=self.weights)[0]
        a, s = rng.gammavariate(self.alphas[k], 1 / self.betas[k]), self.scales[k]
        return lambda b: a * _reach(b, s)


Posterior = OwnedPosterior | PaidPosterior


def _pooled(conv: float, exposure: float, prior_rate: float, strength: float) -> float:
    return (conv + strength) / (exposure + strength / prior_rate)


def build_posteriors(
    programs: Sequence[ProgramInfo],
    observations: Mapping[str, Sequence[Observation]],
    *,
    dispersion: float = 1.5,
    pool_strength: float = 2.0,
) -> dict[str, Posterior]:
    """Posterior response curves of every program, with pooling across the campaign, channels and variants.

    Args:
        programs: The programs to model (audience > 0).
        observations: Past days per program id.
        dispersion: Likelihood tempering (>= 1); larger trusts each day less.
        pool_strength: Pseudo-conversions the channel-level prior is worth to each program.
    """
    tau = 1.0 / max(1.0, dispersion)
    obs = {p.id: [o for o in observations.get(p.id, []) if o.spend > 0 and o.sends > 0] for p in programs}

    def totals(members: Sequence[ProgramInfo]) -> tuple[float, float, float]:
        rows = [o for p in members for o in obs[p.id]]
        return sum(o.conversions for o in rows), sum(o.spend for o in rows), float(sum(o.sends for o in rows))

    by_channel: dict[str, list[ProgramInfo]] = defaultdict(list)
    for p in programs:
        by_channel[p.channel].append(p)
    paid = [p for p in programs if p.channel in PAID]
    owned = [p for p in programs if p.channel not in PAID]
    conv, spend, _ = totals(paid)
    campaign_money = _pooled(conv, spend, _DEFAULT_CONV_PER_MONEY, 1.0)
    conv, _, sends = totals(owned)
    campaign_send = _pooled(conv, sends, _DEFAULT_CONV_PER_SEND, 1.0)

    out: dict[str, Posterior] = {}
    for channel, members in by_channel.items():
        conv, spend, sends = totals(members)
        if channel not in PAID:
            rate = _pooled(conv, sends, campaign_send, 1.0)
            for p in members:
                c, s, n = totals([p])
                out[p.id] = OwnedPosterior(
                    p.audience,
                    pool_strength + tau * c,
                    pool_strength / rate + tau * n,
                    s / n if n else _DEFAULT_COST_PER_SEND,
                )
            continue
        rate = _pooled(conv, spend, campaign_money, 1.0)
        by_region: dict[str, list[ProgramInfo]] = defaultdict(list)
        for p in members:
            by_region[p.region].append(p)
        for group in by_region.values():
            out.update(_paid_group(group, obs, rate, pool_strength, tau))
    return out


def _paid_group(
    group: Sequence[ProgramInfo],
    obs: Mapping[str, Sequence[Observation]],
    prior_rate: float,
    strength: float,
    tau: float,
) -> dict[str, PaidPosterior]:
    """Posteriors of the variants of one (channel, region): one shared saturation scale, one ``a`` each."""
    spend = sum(o.spend for p in group for o in obs[p.id])
    sends = sum(o.sends for p in group for o in obs[p.id])
    cpm = spend / sends * 1000 if sends else _DEFAULT_CPM
    audience = max(p.audience for p in group)
    scales = [max(1e-6, audience * cpm / 1000) * g for g in _GRID]
    beta0 = strength / prior_rate
    logw = [-0.5 * (math.log(g) / _PRIOR_LOG_SD) ** 2 for g in _GRID]
    params: dict[str, tuple[list[float], list[float]]] = {}
    for p in group:
        rows = obs[p.id]
        conversions = sum(o.conversions for o in rows)
        alphas, betas = [], []
        for k, s in enumerate(scales):
            a, b = strength + tau * conversions, beta0 + tau * sum(_reach(o.spend, s) for o in rows)
            logw[k] += (
                math.lgamma(a)
                - a * math.log(b)
                + tau * sum(o.conversions * math.log(_reach(o.spend, s)) for o in rows if o.conversions)
            )
            alphas.append(a)
            betas.append(b)
        params[p.id] = (alphas, betas)
    top = max(logw)
    weights = [math.exp(w - top) for w in logw]
    norm = sum(weights)
    weights = [w / norm for w in weights]
    return {pid: PaidPosterior(weights, alphas, betas, scales) for pid, (alphas, betas) in params.items()}


def _reach(budget: float, scale: float) -> float:
    return scale * -math.expm1(-budget / scale) if budget > 0 else 0.0
