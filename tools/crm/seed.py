"""Reproducible synthetic CRM data: the same (n, seed, as_of) always gives the same rows.

Everything is drawn with one numpy ``Generator`` in a fixed order, column by column (no per-contact Python
loop except string formatting), so a million contacts seed in seconds. The distributions follow what a
B2B marketing CRM looks like: most contacts in the US and EU, consent mostly express in the EU/UK and
legitimate interest in the US, few SMS opt-ins, a few percent unsubscribed or bounced, a thin legal-hold
tail, and a send history of the last 60 days that frequency caps bite on. DATA_DICTIONARY.md documents it.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

import numpy as np

from graph.contracts import CHANNELS, REGIONS
from graph.contracts.consent import CONSENT_BASES
from tools.crm.backend import ColumnData, transaction
from tools.crm.dictionary import (
    COMPANY_SIZES,
    COUNTRIES_BY_REGION,
    INDUSTRIES,
    INTERESTS,
    LANGUAGES,
    LIFECYCLE_STAGES,
)
from tools.crm.names import FIRST_NAMES, LAST_NAMES
from tools.crm.tables import DATA_TABLES, EMPTY_VERSION, UNIQUE_INDEXES, SeedReport, chain_version, set_meta

if TYPE_CHECKING:
    from tools.crm.store import CRMStore

SEED_FORMAT = "1"
"""Version of the generator; bump when a distribution changes (it enters the store version)."""

MAX_CONTACTS = 20_000_000

Tables = dict[str, dict[str, ColumnData]]

REGION_WEIGHTS = (0.40, 0.12, 0.25, 0.08, 0.15)  # US, UK, EU, CA, APAC
COUNTRY_WEIGHTS: dict[str, tuple[float, ...]] = {
    "US": (1.0,),
    "UK": (1.0,),
    "CA": (1.0,),
    "EU": (0.24, 0.20, 0.14, 0.13, 0.09, 0.04, 0.05, 0.06, 0.03, 0.02),
    "APAC": (0.30, 0.22, 0.12, 0.22, 0.06, 0.08),
}
LANGUAGE_BY_COUNTRY: dict[str, tuple[tuple[str, float], ...]] = {
    "US": (("en", 0.87), ("es", 0.13)),
    "GB": (("en", 1.0),),
    "CA": (("en", 0.78), ("fr", 0.22)),
    "DE": (("de", 1.0),),
    "FR": (("fr", 1.0),),
    "ES": (("es", 1.0),),
    "IT": (("it", 1.0),),
    "NL": (("nl", 1.0),),
    "IE": (("en", 1.0),),
    "SE": (("sv", 0.7), ("en", 0.3)),
    "PL": (("pl", 1.0),),
    "BE": (("nl", 0.55), ("fr", 0.45)),
    "AT": (("de", 1.0),),
    "AU": (("en", 1.0),),
    "JP": (("ja", 1.0),),
    "SG": (("en", 1.0),),
    "IN": (("en", 1.0),),
    "NZ": (("en", 1.0),),
    "KR": (("ko", 1.0),),
}
PHONE_SHARE: dict[str, float] = {"US": 0.70, "UK": 0.65, "EU": 0.55, "CA": 0.65, "APAC": 0.60}
CALLING_CODES: dict[str, str] = {
    "AU": "61",
    "DE": "49",
    "FR": "33",
    "ES": "34",
    "IT": "39",
    "NL": "31",
    "IE": "353",
    "SE": "46",
    "PL": "48",
    "BE": "32",
    "AT": "43",
    "JP": "81",
    "SG": "65",
    "IN": "91",
    "NZ": "64",
    "KR": "82",
}
STAGE_WEIGHTS = (0.30, 0.26, 0.14, 0.08, 0.05, 0.14, 0.03)
STAGE_SCORE = (15, 30, 55, 70, 78, 60, 65)
STAGE_RECENCY_DAYS = (120, 90, 45, 30, 20, 35, 15)
INDUSTRY_WEIGHTS = (0.22, 0.12, 0.11, 0.12, 0.11, 0.08, 0.06, 0.10, 0.04, 0.04)
SIZE_WEIGHTS = (0.18, 0.24, 0.22, 0.18, 0.10, 0.08)
INTEREST_SHARE = 0.17
EMAIL_DOMAINS = ("example.com", "example.org", "example.net")

# Consent: P(record exists) and basis weights (opt_in, double_opt_in, legitimate_interest, none) by region.
CONSENT_RECORD_SHARE: dict[str, float] = {
    "email": 0.90,
    "sms": 0.45,
    "paid_social": 0.70,
    "paid_search": 0.65,
    "display": 0.60,
}
EMAIL_BASIS_WEIGHTS: dict[str, tuple[float, ...]] = {
    "US": (0.35, 0.08, 0.47, 0.10),
    "UK": (0.42, 0.30, 0.13, 0.15),
    "EU": (0.38, 0.35, 0.12, 0.15),
    "CA": (0.48, 0.22, 0.18, 0.12),
    "APAC": (0.52, 0.15, 0.21, 0.12),
}
SMS_BASIS_WEIGHTS = (0.62, 0.23, 0.05, 0.10)
PAID_BASIS_WEIGHTS: dict[str, tuple[float, ...]] = {
    "EU": (0.40, 0.10, 0.30, 0.20),
    "UK": (0.40, 0.10, 0.30, 0.20),
    "US": (0.30, 0.05, 0.55, 0.10),
    "CA": (0.30, 0.05, 0.55, 0.10),
    "APAC": (0.30, 0.05, 0.55, 0.10),
}
SOURCE_WEIGHTS: dict[str, dict[str, float]] = {
    "opt_in": {"web_form": 0.45, "checkout": 0.20, "event_signup": 0.15, "webinar": 0.20},
    "double_opt_in": {"double_opt_in_confirmation": 1.0},
    "legitimate_interest": {"purchase": 0.50, "sales_rep": 0.25, "list_import": 0.25},
    "none": {"preference_center": 0.70, "list_import": 0.30},
}
# Suppressions: share of contacts, and how the rows split over channels (None = every channel).
SUPPRESSION_PLAN: tuple[tuple[str, float, tuple[tuple[str | None, float], ...]], ...] = (
    ("unsubscribed", 0.06, (("email", 0.75), ("sms", 0.10), (None, 0.15))),
    ("bounced", 0.03, (("email", 0.85), ("sms", 0.15))),
    ("legal_hold", 0.003, ((None, 1.0),)),
)
HISTORY_DAYS = 60
TOUCH_RATE: dict[str, float] = {
    "email": 1.5,
    "sms": 0.4,
    "paid_social": 0.8,
    "paid_search": 0.5,
    "display": 1.0,
}
"""Mean sends per consenting contact over the last HISTORY_DAYS days, per channel."""


def seed(store: CRMStore, n: int, seed: int, *, as_of: date | None = None) -> SeedReport:
    """Replace the store's data with ``n`` synthetic contacts drawn from ``seed``, in one transaction.

    Lists built on the old data are dropped with it. Same (n, seed, as_of) -> identical data and version.

    Args:
        store: The store to fill.
        n: Number of contacts (1 to 20,000,000).
        seed: Random seed.
        as_of: Date the synthetic history counts back from (UTC today by default).

    Raises:
        ValueError: when ``n`` is out of range.
    """
    if not 1 <= n <= MAX_CONTACTS:
        raise ValueError(f"contacts must be between 1 and {MAX_CONTACTS:,}, got {n:,}")
    as_of = as_of or datetime.now(UTC).date()
    start = time.perf_counter()
    tables = generate(n, seed, as_of)
    rows: dict[str, int] = {}
    with store.session() as db, transaction(db):
        for table in DATA_TABLES:
            db.execute(f"DROP TABLE IF EXISTS {table}")
        for ddl in DATA_TABLES.values():
            db.execute(ddl)
        for table, columns in tables.items():
            rows[table] = db.bulk_insert(table, columns)
        for ddl in (*UNIQUE_INDEXES, *db.extra_indexes()):
            db.execute(ddl)
        version = chain_version(EMPTY_VERSION, f"seed:{SEED_FORMAT}:{n}:{seed}:{as_of.isoformat()}")
        set_meta(
            db,
            seed=seed,
            contacts=n,
            as_of=as_of.isoformat(),
            version=version,
            seeded_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
    return SeedReport(True, n, seed, as_of.isoformat(), time.perf_counter() - start, rows)


def generate(n: int, seed: int, as_of: date) -> Tables:
    """Draw the synthetic tables (columns as numpy arrays) without touching any store."""
    rng = np.random.default_rng(seed)
    ids = np.arange(1, n + 1, dtype=np.int64)
    contacts = _contacts(rng, ids, as_of)
    region = np.asarray(contacts.pop("_region_idx"))
    has_phone = np.asarray(contacts["phone"]) != None  # noqa: E711 - elementwise on an object array
    created = np.asarray(contacts["created_at"])
    consent = _consent(rng, ids, region, has_phone, created, as_of)
    suppressions = _suppressions(rng, ids, has_phone, created, as_of)
    touches = _touches(rng, consent, as_of)
    return {"contacts": contacts, "consent": consent, "suppressions": suppressions, "touches": touches}


def _pick(values: tuple[str, ...], idx: np.ndarray) -> np.ndarray:
    picked: np.ndarray = np.array(values, dtype=object)[idx]
    return picked


def _contacts(rng: np.random.Generator, ids: np.ndarray, as_of: date) -> dict[str, ColumnData]:
    n = len(ids)
    region = rng.choice(len(REGIONS), size=n, p=REGION_WEIGHTS)
    country = np.empty(n, dtype=object)
    for r, name in enumerate(REGIONS):
        mask = region == r
        country[mask] = rng.choice(
            np.array(COUNTRIES_BY_REGION[name], dtype=object), size=int(mask.sum()), p=COUNTRY_WEIGHTS[name]
        )
    language = np.empty(n, dtype=object)
    for code, options in LANGUAGE_BY_COUNTRY.items():
        mask = country == code
        langs = np.array([o[0] for o in options], dtype=object)
        language[mask] = rng.choice(langs, size=int(mask.sum()), p=[o[1] for o in options])
    first = np.empty(n, dtype=object)
    last = np.empty(n, dtype=object)
    for lang in LANGUAGES:
        mask = language == lang
        k = int(mask.sum())
        first[mask] = rng.choice(np.array(FIRST_NAMES[lang], dtype=object), size=k)
        last[mask] = rng.choice(np.array(LAST_NAMES[lang], dtype=object), size=k)
    domain = _pick(EMAIL_DOMAINS, rng.integers(0, len(EMAIL_DOMAINS), size=n))
    email = np.array(
        [f"{f}.{s}.{i}@{d}".lower() for f, s, i, d in zip(first, last, ids.tolist(), domain, strict=True)],
        dtype=object,
    )
    phone = _phones(rng, region, country)

    stage = rng.choice(len(LIFECYCLE_STAGES), size=n, p=STAGE_WEIGHTS)
    score = np.clip(np.rint(rng.normal(np.take(STAGE_SCORE, stage), 12.0)), 0, 100).astype(np.int32)
    size = rng.choice(len(COMPANY_SIZES), size=n, p=SIZE_WEIGHTS)
    is_customer = np.isin(stage, [LIFECYCLE_STAGES.index("customer"), LIFECYCLE_STAGES.index("evangelist")])
    ltv = np.where(is_customer, np.round(rng.lognormal(np.log(2500.0) + 0.45 * size, 0.9), 2), 0.0)
    age_days = np.floor(rng.random(n) ** 1.3 * 5 * 365).astype(np.int64)
    recency = np.minimum(
        np.floor(rng.exponential(np.take(STAGE_RECENCY_DAYS, stage))).astype(np.int64), age_days
    )
    today = np.datetime64(as_of.isoformat(), "D")
    tag_mask = (rng.random((n, len(INTERESTS))) < INTEREST_SHARE) @ (1 << np.arange(len(INTERESTS)))
    tag_strings = np.array([_tags(m) for m in range(1 << len(INTERESTS))], dtype=object)
    return {
        "contact_id": ids,
        "email": email,
        "phone": phone,
        "first_name": first,
        "last_name": last,
        "region": _pick(REGIONS, region),
        "country": country,
        "language": language,
        "lifecycle_stage": _pick(LIFECYCLE_STAGES, stage),
        "industry": _pick(INDUSTRIES, rng.choice(len(INDUSTRIES), size=n, p=INDUSTRY_WEIGHTS)),
        "company_size": _pick(COMPANY_SIZES, size),
        "lead_score": score,
        "lifetime_value": ltv.astype(np.float64),
        "created_at": today - age_days.astype("timedelta64[D]"),
        "last_activity": today - recency.astype("timedelta64[D]"),
        "interests": tag_strings[tag_mask],
        "_region_idx": region,
    }


def _tags(mask: int) -> str:
    """',tag1,tag2,' for a bit mask over INTERESTS (',' when none): 'contains' matches ',tag,'."""
    return "," + "".join(f"{t}," for b, t in enumerate(INTERESTS) if mask >> b & 1)


def _phones(rng: np.random.Generator, region: np.ndarray, country: np.ndarray) -> np.ndarray:
    """Unique synthetic E.164 mobile numbers (the sandbox never dials them), null for contacts without one.

    The subscriber digits are ``(id * 7919 + offset) mod 10^9``, a bijection, so no two contacts share a number.
    """
    n = len(region)
    has = rng.random(n) < np.take([PHONE_SHARE[r] for r in REGIONS], region)
    digits = (np.arange(1, n + 1, dtype=np.int64) * 7919 + int(rng.integers(0, 10**9))) % 10**9
    phone = np.full(n, None, dtype=object)
    for code in np.unique(country[has]).tolist():
        idx = np.flatnonzero(has & (country == code))
        if code in ("US", "CA"):
            phone[idx] = [f"+1{2_000_000_000 + d}" for d in digits[idx].tolist()]
        elif code == "GB":
            phone[idx] = [f"+447{d:09d}" for d in digits[idx].tolist()]
        else:
            phone[idx] = [f"+{CALLING_CODES[code]}{d:09d}" for d in digits[idx].tolist()]
    return phone


def _between(rng: np.random.Generator, start: np.ndarray, as_of: date) -> np.ndarray:
    """Random timestamps (second precision) between ``start`` dates and ``as_of``."""
    lo = start.astype("datetime64[s]").astype(np.int64)
    hi = np.datetime64(as_of.isoformat(), "s").astype(np.int64)
    stamps: np.ndarray = (
        lo + np.floor(rng.random(len(lo)) * np.maximum(hi - lo, 1)).astype(np.int64)
    ).astype("datetime64[s]")
    return stamps


def _consent(
    rng: np.random.Generator,
    ids: np.ndarray,
    region: np.ndarray,
    has_phone: np.ndarray,
    created: np.ndarray,
    as_of: date,
) -> dict[str, ColumnData]:
    parts: list[dict[str, np.ndarray]] = []
    n = len(ids)
    for channel in CHANNELS:
        has = rng.random(n) < CONSENT_RECORD_SHARE[channel]
        if channel == "sms":
            has &= has_phone
        basis = np.empty(n, dtype=np.int64)
        for r, region_name in enumerate(REGIONS):
            mask = region == r
            weights = (
                EMAIL_BASIS_WEIGHTS[region_name]
                if channel == "email"
                else SMS_BASIS_WEIGHTS
                if channel == "sms"
                else PAID_BASIS_WEIGHTS[region_name]
            )
            basis[mask] = rng.choice(len(CONSENT_BASES), size=int(mask.sum()), p=weights)
        source = np.empty(n, dtype=object)
        for b, basis_name in enumerate(CONSENT_BASES):
            mask = basis == b
            options = SOURCE_WEIGHTS[basis_name]
            source[mask] = rng.choice(
                np.array(list(options), dtype=object), size=int(mask.sum()), p=list(options.values())
            )
        captured = _between(rng, created, as_of)
        parts.append(
            {
                "contact_id": ids[has],
                "channel": np.full(int(has.sum()), channel, dtype=object),
                "basis": _pick(CONSENT_BASES, basis[has]),
                "source": source[has],
                "captured_at": captured[has],
            }
        )
    return {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}


def _suppressions(
    rng: np.random.Generator, ids: np.ndarray, has_phone: np.ndarray, created: np.ndarray, as_of: date
) -> dict[str, ColumnData]:
    parts: list[dict[str, np.ndarray]] = []
    n = len(ids)
    for reason, share, channels in SUPPRESSION_PLAN:
        hit = np.flatnonzero(rng.random(n) < share)
        names = np.array([c for c, _ in channels], dtype=object)
        channel = rng.choice(names, size=len(hit), p=[w for _, w in channels])
        if reason == "bounced":  # an SMS bounce needs a phone number; without one it was an email bounce
            channel[(channel == "sms") & ~has_phone[hit]] = "email"
        parts.append(
            {
                "contact_id": ids[hit],
                "reason": np.full(len(hit), reason, dtype=object),
                "channel": channel,
                "created_at": _between(rng, created[hit], as_of),
            }
        )
    return {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}


def _touches(rng: np.random.Generator, consent: dict[str, ColumnData], as_of: date) -> dict[str, ColumnData]:
    """Send history: contacts with a non-'none' consent record got sends in the last HISTORY_DAYS days."""
    reachable = np.asarray(consent["basis"]) != "none"
    contact = np.asarray(consent["contact_id"])[reachable]
    channel = np.asarray(consent["channel"])[reachable]
    weeks = -(-HISTORY_DAYS // 7)
    end = np.datetime64(as_of.isoformat(), "s").astype(np.int64)
    parts: list[dict[str, np.ndarray]] = []
    for name in CHANNELS:
        who = contact[channel == name]
        rows = np.repeat(who, rng.poisson(TOUCH_RATE[name], size=len(who)))
        offset = np.floor(rng.random(len(rows)) * HISTORY_DAYS * 86_400).astype(np.int64) + 1
        campaigns = np.array([f"history-{name}-w{w}" for w in range(weeks)], dtype=object)
        parts.append(
            {
                "contact_id": rows,
                "channel": np.full(len(rows), name, dtype=object),
                "campaign_id": campaigns[(offset - 1) // (7 * 86_400)],
                "touched_at": (end - offset).astype("datetime64[s]"),
            }
        )
    return {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
