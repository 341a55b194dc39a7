"""The sandbox market: opportunities that arise on accounts while a simulated campaign runs.

Like ``tools.simulator`` for conversions, every draw is a pure function of its inputs (seed, account, day, the
campaign's daily conversions), so the same campaign always gives the same opportunities, in any process and in
any order of evaluation. Two sources:

* **Baseline**: any account opens an opportunity on a given day with probability :data:`BASE_DAILY` (about 3.6%
  a year), campaign or not. Attribution credits campaigns with some of these too: touch-based credit is not
  incrementality (the lift vs control on the scorecard is).
* **Responses**: each conversion a program produced on a (channel, region, day) is one reached account
  responding (the accounts of that slice's reach, ranked by a seeded hash of the day); a responding account
  opens an opportunity with probability :data:`RESPONSE_OPEN` after 1 to :data:`RESPONSE_LAG_DAYS` days.

Amounts and stage paths follow ``tools.pipeline.seed``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from tools.pipeline.model import Opportunity
from tools.pipeline.seed import amount_for, path_for

BASE_DAILY = 0.0001
"""Chance an account opens an opportunity on a given day without any campaign."""

RESPONSE_OPEN = 0.1
"""Chance an account that converted on a campaign opens an opportunity."""

RESPONSE_LAG_DAYS = 14
"""Longest lag from the response to the opportunity's creation."""

_M64 = np.uint64(0xFFFFFFFFFFFFFFFF)


@dataclass(frozen=True)
class Response:
    """Conversions one (channel, region) slice of a campaign produced on one day, and the accounts it reaches."""

    campaign_id: str
    channel: str
    region: str
    on: date
    conversions: int
    accounts: tuple[str, ...]


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser over uint64 (wrapping arithmetic)."""
    with np.errstate(over="ignore"):
        x = (x + np.uint64(0x9E3779B97F4A7C15)) & _M64
        x = ((x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)) & _M64
        x = ((x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)) & _M64
        return x ^ (x >> np.uint64(31))


def uniforms(seed: int, account: np.ndarray, day: np.ndarray, salt: int) -> np.ndarray:
    """Uniform numbers in (0, 1) that depend only on (seed, account number, day ordinal, salt)."""
    with np.errstate(over="ignore"):
        h = _mix(
            np.asarray(account, dtype=np.uint64) * np.uint64(0x100000001B3) + np.uint64(seed & 0xFFFFFFFF)
        )
        h = _mix(h ^ (np.asarray(day, dtype=np.uint64) * np.uint64(0xC2B2AE3D27D4EB4F)))
        h = _mix(h ^ np.uint64(salt & 0xFFFFFFFFFFFF))
    return ((h >> np.uint64(11)).astype(np.float64) + 0.5) / float(1 << 53)


def account_number(account_id: str) -> int:
    """The number of an ``acc-NNNNNNN`` id.

    Raises:
        ValueError: when the id is not of that form.
    """
    if not account_id.startswith("acc-") or not account_id[4:].isdigit():
        raise ValueError(f"not an account id: {account_id!r}")
    return int(account_id[4:])


def _salt(*parts: str) -> int:
    return int.from_bytes(hashlib.blake2b("\x1f".join(parts).encode(), digest_size=6).digest(), "big")


def _opportunity(kind: str, acc: str, size: str, created: date, seed: int, salt: int) -> Opportunity:
    n, d = np.array([account_number(acc)]), np.array([created.toordinal()])
    u = [float(uniforms(seed, n, d, salt + k)[0]) for k in range(7)]
    stage_days, outcome = path_for(u[0], u[1], tuple(u[2:6]))
    return Opportunity(
        f"opp-{kind}-{acc[4:]}-{created.isoformat()}",
        acc,
        amount_for(size, u[6]),
        created,
        stage_days,
        outcome,  # type: ignore[arg-type]
        "market",
    )


def baseline(accounts: Sequence[tuple[str, str]], *, start: date, end: date, seed: int) -> list[Opportunity]:
    """Opportunities accounts open by themselves from ``start`` to ``end`` (both included)."""
    if not accounts or end < start:
        return []
    numbers = np.array([account_number(a) for a, _ in accounts], dtype=np.int64)[:, None]
    ordinals = np.arange(start.toordinal(), end.toordinal() + 1, dtype=np.int64)[None, :]
    hit_a, hit_d = np.nonzero(uniforms(seed, numbers, ordinals, 1) < BASE_DAILY)
    return [
        _opportunity("b", accounts[a][0], accounts[a][1], date.fromordinal(int(ordinals[0, d])), seed, 100)
        for a, d in zip(hit_a.tolist(), hit_d.tolist(), strict=True)
    ]


def responses(items: Sequence[Response], sizes: dict[str, str], *, end: date, seed: int) -> list[Opportunity]:
    """Opportunities that campaign responses open by ``end``.

    Args:
        items: Daily conversions per campaign slice, with the accounts the slice reaches.
        sizes: Account id -> company-size band.
        end: Last creation day to include.
        seed: Market seed.
    """
    out = []
    numbers_of: dict[tuple[str, str, str], np.ndarray] = {}
    for r in items:
        if r.conversions <= 0 or not r.accounts:
            continue
        salt = _salt(r.campaign_id, r.channel, r.region)
        key = (r.campaign_id, r.channel, r.region)
        numbers = numbers_of.get(key)
        if numbers is None or len(numbers) != len(r.accounts):
            numbers = numbers_of[key] = np.array([account_number(a) for a in r.accounts], dtype=np.int64)
        rank = uniforms(seed, numbers, np.full(len(numbers), r.on.toordinal()), salt)
        for i in np.argsort(rank, kind="stable")[: r.conversions].tolist():
            acc = r.accounts[i]
            u_open, u_lag = (
                float(uniforms(seed, numbers[i : i + 1], np.array([r.on.toordinal()]), salt + k)[0])
                for k in (1, 2)
            )
            created = r.on + timedelta(days=1 + int(u_lag * RESPONSE_LAG_DAYS))
            if u_open < RESPONSE_OPEN and created <= end and acc in sizes:
                out.append(_opportunity("r", acc, sizes[acc], created, seed, 200))
    return out
