"""The control holdout: a reproducible pseudo-random split by a hash of (contact id, campaign, seed).

The hash is plain integer arithmetic (two Carter-Wegman rounds modulo the Mersenne prime 2^31-1 with an
xor-shift between them), written once as SQL for the engines and once in numpy as the reference the tests
compare against. Engine hash functions are not used: they are not stable across engine versions.

The draw ignores the channel: within one campaign a contact is held out of every channel or of none, so the
control measures the campaign, not one channel's share of it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

BUCKETS = 10_000
"""Resolution of the holdout share (0.01 percentage points)."""

_P = 2_147_483_647  # 2^31 - 1


@dataclass(frozen=True)
class HoldoutSalt:
    """The four coefficients of one campaign's hash (each in 1..P-1)."""

    a1: int
    b1: int
    a2: int
    b2: int


def salt_for(campaign_id: str, seed: int) -> HoldoutSalt:
    """Derive the hash coefficients of a campaign's holdout draw."""
    digest = hashlib.sha256(f"liftoff-holdout\x00{campaign_id}\x00{seed}".encode()).digest()
    parts = [int.from_bytes(digest[i : i + 8], "big") % (_P - 1) + 1 for i in range(0, 32, 8)]
    return HoldoutSalt(*parts)


def threshold(pct: float) -> int:
    """Buckets below this number are held out (``pct`` of :data:`BUCKETS`)."""
    return round(pct * BUCKETS)


def bucket_sql(column: str, salt: HoldoutSalt) -> tuple[str, list[int]]:
    """Return a SQL expression (and its parameters) giving each row's bucket in 0..BUCKETS-1.

    Args:
        column: Trusted SQL column holding the contact id (never user input).
        salt: Coefficients from :func:`salt_for`.
    """
    h1 = f"((CAST(? AS BIGINT) * ({column} % {_P}) + CAST(? AS BIGINT)) % {_P})"
    mixed = f"(({h1} | ({h1} >> 13)) - ({h1} & ({h1} >> 13)))"  # h1 XOR (h1 >> 13), portable
    sql = f"(((CAST(? AS BIGINT) * {mixed} + CAST(? AS BIGINT)) % {_P}) % {BUCKETS})"
    params = [salt.a2, *([salt.a1, salt.b1] * 4), salt.b2]
    return sql, params


def buckets(contact_ids: np.ndarray, salt: HoldoutSalt) -> np.ndarray:
    """Reference implementation of :func:`bucket_sql` over an array of contact ids."""
    ids = np.asarray(contact_ids, dtype=np.int64)
    h1 = (salt.a1 * (ids % _P) + salt.b1) % _P
    mixed = h1 ^ (h1 >> 13)
    return ((salt.a2 * mixed + salt.b2) % _P) % BUCKETS
