"""Accounts and opportunities drawn reproducibly from the CRM's contacts.

Same contacts + seed + as_of -> the same accounts, contact -> account map and opportunities, in any process.

* **Accounts**: contacts sharing a region, industry and company-size band are shuffled and cut into accounts;
  bigger companies have more contacts per account (about 1.2 for 1-10 employees up to 6 for 5001+).
* **Opportunities**: an account opens one with a probability set by its most advanced contact's lifecycle
  stage (85% when someone is at 'opportunity', 35% at 'sql', 30% for customers' expansions, 1-8% earlier),
  created in the 180 days before ``as_of``; amounts follow the company size (median about $2.5k for 1-10
  employees to $160k for 5001+, log-normal spread, rounded to $100); 28% are eventually won after all four
  open stages, the others are lost after one to four; each stage lasts 5-35 days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from statistics import NormalDist

import numpy as np

from tools.pipeline.model import OPEN_STAGES, Opportunity
from tools.pipeline.store import PipelineStore, opp_row
from tools.sqlstore import Connection

SEED_FORMAT = "1"
"""Version of the generator; a change reseeds stores seeded by an older one."""

SIZE_BANDS: tuple[str, ...] = ("1-10", "11-50", "51-200", "201-1000", "1001-5000", "5001+")
CONTACTS_PER_ACCOUNT: dict[str, float] = {
    "1-10": 1.2,
    "11-50": 1.5,
    "51-200": 2.0,
    "201-1000": 3.0,
    "1001-5000": 4.0,
    "5001+": 6.0,
}
AMOUNT_MEDIAN: dict[str, float] = {
    "1-10": 2_500.0,
    "11-50": 7_500.0,
    "51-200": 18_000.0,
    "201-1000": 40_000.0,
    "1001-5000": 85_000.0,
    "5001+": 160_000.0,
}
OPEN_PROBABILITY: dict[str, float] = {
    "subscriber": 0.01,
    "lead": 0.03,
    "mql": 0.08,
    "sql": 0.35,
    "opportunity": 0.85,
    "customer": 0.30,
    "evangelist": 0.30,
}
STAGE_ORDER: tuple[str, ...] = ("subscriber", "lead", "mql", "sql", "opportunity", "customer", "evangelist")
WIN_RATE = 0.28
HISTORY_DAYS = 180
STAGE_DAYS = (5, 35)
AMOUNT_SIGMA = 0.5
_NAME_WORDS = ("Holdings", "Group", "Partners", "Labs", "Works", "Systems", "Co", "Collective")


@dataclass(frozen=True)
class ContactColumns:
    """The contact fields accounts are built from, as equal-length arrays (ordered by contact id)."""

    contact_id: np.ndarray
    region: np.ndarray
    industry: np.ndarray
    company_size: np.ndarray
    lifecycle_stage: np.ndarray
    last_name: np.ndarray


@dataclass(frozen=True)
class PipelineSeed:
    """What :func:`seed_pipeline` wrote (or found).

    Attributes:
        seeded: False when the store already held this source's data.
        accounts: Accounts in the store.
        opportunities: Seeded opportunities.
        source: Key of the contacts the data was drawn from.
    """

    seeded: bool
    accounts: int
    opportunities: int
    source: str


def amount_for(size: str, u: float) -> float:
    """Deal amount of a company-size band at normal quantile ``u`` in (0, 1), rounded to $100."""
    z = NormalDist().inv_cdf(min(max(u, 1e-9), 1 - 1e-9))
    return float(
        max(100.0, round(AMOUNT_MEDIAN.get(size, 18_000.0) * float(np.exp(AMOUNT_SIGMA * z)) / 100) * 100)
    )


def path_for(u_outcome: float, u_len: float, u_days: tuple[float, ...]) -> tuple[tuple[int, ...], str]:
    """Stage days and outcome from uniforms: won after all open stages, lost after one to four."""
    won = u_outcome < WIN_RATE
    n = len(OPEN_STAGES) if won else 1 + min(len(OPEN_STAGES) - 1, int(u_len * len(OPEN_STAGES)))
    lo, hi = STAGE_DAYS
    return tuple(lo + int(u * (hi - lo + 1)) for u in u_days[:n]), ("won" if won else "lost")


def generate(
    contacts: ContactColumns, seed: int, as_of: date
) -> tuple[list[tuple[str, str, str, str, str, int]], list[tuple[int, str]], list[Opportunity]]:
    """Draw accounts, the contact -> account map and seeded opportunities (no store touched)."""
    rng = np.random.default_rng([seed, 0x5EED, 0xACC])
    n = len(contacts.contact_id)
    account_idx = np.full(n, -1, dtype=np.int64)
    groups: dict[tuple[str, str, str], list[int]] = {}
    for i, key in enumerate(
        zip(contacts.region.tolist(), contacts.industry.tolist(), contacts.company_size.tolist(), strict=True)
    ):
        groups.setdefault(key, []).append(i)
    accounts: list[tuple[str, str, str, str, str, int]] = []
    next_id = 0
    for key in sorted(groups):
        members = np.array(groups[key], dtype=np.int64)
        members = members[rng.permutation(len(members))]
        mean = CONTACTS_PER_ACCOUNT.get(key[2], 2.0)
        pos = 0
        while pos < len(members):
            size = int(rng.geometric(1.0 / mean))
            chunk = members[pos : pos + size]
            account_idx[chunk] = next_id
            word = _NAME_WORDS[int(rng.integers(len(_NAME_WORDS)))]
            surname = str(contacts.last_name[chunk[0]])
            accounts.append(
                (
                    f"acc-{next_id:07d}",
                    f"{surname} {key[1].replace('_', ' ').title()} {word}",
                    key[0],
                    key[1],
                    key[2],
                    len(chunk),
                )
            )
            next_id += 1
            pos += size
    mapping = [
        (int(c), f"acc-{a:07d}")
        for c, a in zip(contacts.contact_id.tolist(), account_idx.tolist(), strict=True)
    ]
    stage_rank = {s: i for i, s in enumerate(STAGE_ORDER)}
    best = np.full(next_id, -1, dtype=np.int64)
    ranks = np.array([stage_rank.get(s, 0) for s in contacts.lifecycle_stage.tolist()], dtype=np.int64)
    np.maximum.at(best, account_idx, ranks)
    probs = np.array([OPEN_PROBABILITY[STAGE_ORDER[r]] for r in best.tolist()])
    draws = rng.random((next_id, 9))
    opps: list[Opportunity] = []
    for a in np.flatnonzero(draws[:, 0] < probs).tolist():
        u = draws[a]
        stage_days, outcome = path_for(float(u[3]), float(u[4]), tuple(float(x) for x in u[5:9]))
        created = as_of - timedelta(days=int(u[1] * HISTORY_DAYS))
        opps.append(
            Opportunity(
                f"opp-s{a:07d}",
                f"acc-{a:07d}",
                amount_for(accounts[a][4], float(u[2])),
                created,
                stage_days,
                outcome,  # type: ignore[arg-type]
                "seed",
            )
        )
    return accounts, mapping, opps


def seed_key(source: str, seed: int, as_of: date) -> str:
    """Key of one seeded dataset: generator version, contacts source, seed and as_of."""
    return f"{SEED_FORMAT}:{source}:{seed}:{as_of.isoformat()}"


def seed_pipeline(
    store: PipelineStore, contacts: ContactColumns, *, seed: int, as_of: date, source: str
) -> PipelineSeed:
    """Replace the store's accounts and opportunities with ones drawn from ``contacts``, in one transaction.

    Reach and run days recorded against the old accounts are dropped with them. A store already seeded from
    ``source`` is left alone, checked again inside the write transaction: two workers launching at once on one
    shared store both find it unseeded, and the second must not wipe the accounts (and the reach recorded on
    them) the first has just written.

    Args:
        store: The pipeline store.
        contacts: The CRM's contacts (see ``tools.pipeline.crm_source.read_contacts``).
        seed: Seed of the draw.
        as_of: Day seeded opportunities count back from (the CRM's own as_of).
        source: Key of the contacts (CRM seed, size, as_of); the same key skips the work.
    """
    key = seed_key(source, seed, as_of)
    meta = store.meta()
    if meta.get("source") == key:
        counts = store.counts()
        return PipelineSeed(False, counts["accounts"], int(meta.get("seeded_opportunities", 0)), key)
    accounts, mapping, opps = generate(contacts, seed, as_of)

    def write(conn: Connection) -> PipelineSeed:
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("source") == key:  # seeded from the same source meanwhile (another worker)
            n = int(conn.execute("SELECT COUNT(*) FROM accounts").fetchone()[0])
            return PipelineSeed(False, n, int(meta.get("seeded_opportunities", 0)), key)
        for table in (
            "accounts",
            "account_contacts",
            "opportunities",
            "reach",
            "reached_campaigns",
            "run_days",
        ):
            conn.execute(f"DELETE FROM {table}")
        conn.executemany("INSERT INTO accounts VALUES (?, ?, ?, ?, ?, ?)", accounts)
        conn.executemany("INSERT INTO account_contacts VALUES (?, ?)", mapping)
        conn.executemany("INSERT INTO opportunities VALUES (?, ?, ?, ?, ?, ?, ?)", [opp_row(o) for o in opps])
        for k, v in {
            "source": key,
            "seeded_at": datetime.now(UTC).isoformat(),
            "as_of": as_of.isoformat(),
            "seed": str(seed),
            "seeded_opportunities": str(len(opps)),
        }.items():
            # an upsert both dialects speak (SQLite's INSERT OR REPLACE has no PostgreSQL spelling)
            conn.execute(
                "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (k, v),
            )
        return PipelineSeed(True, len(accounts), len(opps), key)

    result: PipelineSeed = store.write(write)
    return result
