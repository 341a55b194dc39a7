"""Generate the brief-understanding dev set (``evals/datasets/brief_fields_dev.yaml``).

Each case is composed from per-field phrasings (several per field, in the ways marketers write them) and rendered
in one of six shapes (one-liner, prose, bullets, form, email, pasted document), so the expected fields are known
by construction. The held-out set (``brief_fields_holdout.yaml``) is written by hand, in other shapes and
industries, and is never generated. Run: ``python -m evals.brief_fields_gen > evals/datasets/brief_fields_dev.yaml``.
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

TODAY = date(2026, 11, 25)

INDUSTRIES: list[dict[str, Any]] = [
    {
        "industry": "coffee roasting",
        "products": ["Roastery Club subscription", "Morning Ritual blend", "Aeropress Starter Kit"],
        "audiences": [
            "independent cafes and home baristas",
            "office managers who buy coffee in bulk",
            "students who drink cold brew",
        ],
    },
    {
        "industry": "savings app",
        "products": ["Ledgerly Goals", "Round-Up Saver", "Ledgerly Plus"],
        "audiences": [
            "first-time savers aged 18-25",
            "young parents saving for a deposit",
            "freelancers with irregular income",
        ],
    },
    {
        "industry": "B2B analytics software",
        "products": ["Pulse Dashboards", "Insight API", "Pulse for Teams"],
        "audiences": [
            "IT leaders at mid-size companies",
            "data analysts at retail chains",
            "operations managers in manufacturing",
        ],
    },
    {
        "industry": "fashion retail",
        "products": ["Linen Summer Collection", "Everyday Denim line", "Wool Coat range"],
        "audiences": [
            "women aged 25-40 who shop online",
            "eco-conscious shoppers",
            "lapsed customers who have not bought in a year",
        ],
    },
    {
        "industry": "pet food",
        "products": ["GrainFree Puppy formula", "Senior Cat Pâté", "FreshBowl delivery"],
        "audiences": ["new puppy owners", "cat owners over 50", "dog owners in apartments"],
    },
    {
        "industry": "fitness",
        "products": ["StrideGym membership", "HIIT Home app", "Yoga Flow classes"],
        "audiences": [
            "busy professionals who want to get fit",
            "lapsed gym members",
            "runners training for a first marathon",
        ],
    },
    {
        "industry": "travel",
        "products": ["Coastline Hotels winter package", "CityBreak bundles", "Alpine Lodge weekends"],
        "audiences": [
            "couples planning a weekend away",
            "families with school-age children",
            "remote workers looking for long stays",
        ],
    },
    {
        "industry": "online education",
        "products": ["Python Bootcamp", "UX Design Certificate", "Spanish for Travel course"],
        "audiences": [
            "career changers in their thirties",
            "university students",
            "HR managers buying team training",
        ],
    },
    {
        "industry": "skincare",
        "products": ["Glow Serum", "Barrier Repair Cream", "SPF 50 Daily Fluid"],
        "audiences": [
            "women with sensitive skin",
            "men new to skincare",
            "existing customers who bought the cleanser",
        ],
    },
    {
        "industry": "home furniture",
        "products": ["Oslo Sofa", "Modular Desk System", "Nordic Bed Frame"],
        "audiences": ["first-time homeowners", "people furnishing a home office", "renters who move often"],
    },
    {
        "industry": "EV charging",
        "products": ["HomeCharge Wallbox", "FleetCharge plan", "ChargePass app"],
        "audiences": [
            "new electric car owners",
            "fleet managers at logistics companies",
            "homeowners with a driveway",
        ],
    },
    {
        "industry": "meal kits",
        "products": ["FreshBox Family Plan", "Veggie Week box", "Quick15 meals"],
        "audiences": [
            "busy parents who cook on weeknights",
            "vegetarians who want variety",
            "couples who hate food waste",
        ],
    },
]

FILLER = [
    "Please keep the tone warm and on brand.",
    "Legal will review everything before it goes out.",
    "Our CEO wants to see the plan by Friday.",
    "Last year's campaign did well on mobile.",
    "Happy to jump on a call if anything is unclear.",
    "The design team can supply new photography.",
    "We are also refreshing the website in parallel.",
    "Avoid heavy discounting if possible.",
]

# ---- money --------------------------------------------------------------------------------------------------
MONEY_FORMS: list[tuple[str, float, str]] = [
    ("$30k", 30000, "USD"),
    ("$30,000", 30000, "USD"),
    ("USD 45,000", 45000, "USD"),
    ("$1.2m", 1200000, "USD"),
    ("1.5 million dollars", 1500000, "USD"),
    ("$75,000.00", 75000, "USD"),
    ("25k USD", 25000, "USD"),
    ("EUR 12.500,00", 12500, "EUR"),
    ("€12.500", 12500, "EUR"),
    ("30.000 EUR", 30000, "EUR"),
    ("€40k", 40000, "EUR"),
    ("25 000 €", 25000, "EUR"),
    ("€1,5 Mio.", 1500000, "EUR"),
    ("EUR 60,000", 60000, "EUR"),
    ("18.750 euros", 18750, "EUR"),
    ("£40k", 40000, "GBP"),
    ("£40,000", 40000, "GBP"),
    ("GBP 22,500", 22500, "GBP"),
    ("£2.5m", 2500000, "GBP"),
    ("35 grand in pounds", 35000, "GBP"),
    ("CAD 45,000", 45000, "CAD"),
    ("C$80k", 80000, "CAD"),
    ("A$60k", 60000, "AUD"),
    ("AUD 90,000", 90000, "AUD"),
    ("¥3,000,000", 3000000, "JPY"),
    ("JPY 5m", 5000000, "JPY"),
]
MONEY_SENT = [
    "Budget: {m}.",
    "We have {m} to spend.",
    "Total budget is {m}.",
    "The budget is around {m}.",
    "We can invest {m} in this.",
    "Spend: {m} in total.",
    "Our budget for this is {m}.",
    "Media budget of {m}.",
]
MONEY_LABEL = ["Budget", "Total budget", "Spend", "Investment", "Media budget"]

# ---- goals / KPIs -----------------------------------------------------------------------------------------------
GOAL_KINDS: list[tuple[str, str, list[str]]] = [
    (
        "signups",
        "signups",
        ["sign-ups", "signups", "new subscriptions", "registrations", "free trials", "new members"],
    ),
    ("leads", "leads", ["leads", "demo requests", "qualified leads", "enquiries"]),
    ("conversions", "conversions", ["orders", "sales", "purchases", "bookings"]),
]
GOAL_SENT = [
    "Goal: drive {n} {w}.",
    "We aim to get {n} {w}.",
    "KPI: {n} {w}.",
    "Success looks like {n} {w}.",
    "The target is {n} {w}.",
    "We'd love to hit {n} {w}.",
    "Objective: generate {n} {w}.",
    "We want to reach {n} {w} by the end.",
    "Our aim is {n} {w}.",
]
GOAL_LABEL = ["Goal", "Objective", "KPI", "Success metric", "Target outcome"]
REVENUE_SENT = ["Goal: {m} in revenue.", "We want to generate {m} in sales revenue.", "Revenue target: {m}."]

RATE_KPIS: list[tuple[str, list[str]]] = [
    ("open_rate", ["a {p} open rate", "open rates of {p}", "an email open rate above {p}"]),
    ("ctr", ["a CTR of {p}", "click-through rate above {p}", "{p} CTR"]),
    ("conversion_rate", ["a {p} conversion rate", "conversion rate of at least {p}"]),
]
CPA_FORMS = [
    "a CPA under {m}",
    "cost per lead below {m}",
    "no more than {m} per signup",
    "cost per acquisition of {m}",
    "CPA target {m}",
]
ROAS_FORMS = ["{x}x ROAS", "a ROAS of {x}", "return on ad spend of {x}x"]

# ---- audience --------------------------------------------------------------------------------------------------
AUD_SENT = [
    "Target: {a}.",
    "Audience: {a}.",
    "Who we want to reach: {a}.",
    "It is aimed at {a}.",
    "We're speaking to {a}.",
    "Target audience - {a}.",
    "The people we're after are {a}.",
    "This campaign is for {a}.",
]
AUD_LABEL = ["Audience", "Target audience", "Who", "Target", "Who we want to reach"]

# ---- channels --------------------------------------------------------------------------------------------------
CHANNEL_WORDS: list[tuple[str, str]] = [
    ("Instagram", "paid_social"),
    ("TikTok", "paid_social"),
    ("LinkedIn", "paid_social"),
    ("Facebook", "paid_social"),
    ("Meta ads", "paid_social"),
    ("paid social", "paid_social"),
    ("Google Ads", "paid_search"),
    ("paid search", "paid_search"),
    ("Bing ads", "paid_search"),
    ("search ads", "paid_search"),
    ("email", "email"),
    ("our newsletter", "email"),
    ("text messages", "sms"),
    ("SMS", "sms"),
    ("display banners", "display"),
    ("programmatic display", "display"),
]
CH_SENT = ["Channels: {c}.", "Use {c}.", "We want to run it on {c}.", "Run on {c}.", "Please use {c}."]

# ---- places ----------------------------------------------------------------------------------------------------
PLACES: list[tuple[str, list[str], list[str]]] = [
    ("the US", ["US"], ["US"]),
    ("the UK", ["UK"], ["GB"]),
    ("Ireland", ["EU"], ["IE"]),
    ("North America", ["US", "CA"], ["US", "CA"]),
    ("DACH", ["EU"], ["DE", "AT", "CH"]),
    ("the Nordics", ["EU"], ["DK", "FI", "IS", "NO", "SE"]),
    ("Germany and France", ["EU"], ["DE", "FR"]),
    ("Canada", ["CA"], ["CA"]),
    ("Australia and New Zealand", ["APAC"], ["AU", "NZ"]),
    ("London", ["UK"], ["GB"]),
    ("Toronto", ["CA"], ["CA"]),
    ("Europe", ["EU"], []),
    ("APAC", ["APAC"], []),
    ("Spain", ["EU"], ["ES"]),
    ("Japan", ["APAC"], ["JP"]),
    ("the UK and Ireland", ["UK", "EU"], ["GB", "IE"]),
    ("Benelux", ["EU"], ["BE", "NL", "LU"]),
    ("the Netherlands", ["EU"], ["NL"]),
    ("Singapore", ["APAC"], ["SG"]),
    ("the US and Canada", ["US", "CA"], ["US", "CA"]),
    ("Berlin and Munich", ["EU"], ["DE"]),
    ("Italy", ["EU"], ["IT"]),
    ("New York", ["US"], ["US"]),
]
PLACE_SENT = [
    "Markets: {p}.",
    "It runs in {p}.",
    "Launching in {p}.",
    "Geography: {p}.",
    "We're targeting {p} only.",
]

# ---- misc ------------------------------------------------------------------------------------------------------
HOLDOUT_SENT = [
    "Hold out {p} as a control group.",
    "Keep a {p} holdout.",
    "Control group: {p}.",
    "Please keep {p} of each list as a holdout.",
]
THEMES = [
    "back to school",
    "Black Friday",
    "summer",
    "holiday season",
    "Valentine's Day",
    "spring",
    "Christmas",
    "Mother's Day",
    "New Year",
]
THEME_SENT = ["Theme: {t}.", "This is our {t} campaign.", "It's a {t} push.", "Seasonal hook: {t}."]
QUOTES = [('"', '"'), ("“", "”"), ("'", "'"), ("‘", "’"), ("«", "»")]
MESSAGES = [
    "Fresh every morning",
    "Save without thinking about it",
    "Built for the way you work",
    "Made to last",
    "Good food, less waste",
    "Charge at home overnight",
    "Your skin, only calmer",
    "Learn at your own pace",
    "Sleep better tonight",
    "Dogs love it",
]
KM_SENT = ["Key message: {q}.", "Must say {q}.", "Tagline: {q}.", "Please include {q} in the copy."]
PRODUCT_SENT = [
    "Launch our new {x}.",
    "Promote the {x}.",
    "Product: {x}.",
    "We're launching the {x}.",
    "This is about the {x}.",
]


def _date_forms(rng: random.Random) -> tuple[str, date | None, date | None, int | None, str]:
    """A date phrase, its start, end, duration and a locale hint ('us' / 'eu' / '')."""
    start = TODAY + timedelta(days=rng.randint(20, 200))
    days = rng.choice([14, 21, 28, 30, 42, 56, 60, 90])
    end = start + timedelta(days=days - 1)
    kind = rng.randrange(9)
    mon = start.strftime("%B")
    if kind == 0:
        return f"from {start.isoformat()} to {end.isoformat()}", start, end, days, ""
    if kind == 1:
        return f"{start.day} {mon} – {end.day} {end.strftime('%B')} {end.year}", start, end, days, "eu"
    if kind == 2:
        return (
            f"{mon} {start.day}, {start.year} through {end.strftime('%B')} {end.day}, {end.year}",
            start,
            end,
            days,
            "us",
        )
    if kind == 3:
        weeks = rng.choice([2, 3, 4, 6, 8])
        return (
            f"starting {mon} {start.day}, {start.year} for {weeks} weeks",
            start,
            start + timedelta(days=weeks * 7 - 1),
            weeks * 7,
            "",
        )
    if kind == 4:
        word = {2: "two", 3: "three", 4: "four", 6: "six"}
        n = rng.choice([2, 3, 4, 6])
        return f"for {word[n]} weeks", None, None, n * 7, ""
    if kind == 5:
        return f"{start.strftime('%d/%m/%Y')} to {end.strftime('%d/%m/%Y')}", start, end, days, "eu"
    if kind == 6:
        return f"{start.strftime('%m/%d/%Y')} - {end.strftime('%m/%d/%Y')}", start, end, days, "us"
    if kind == 7:
        n = rng.choice([30, 45, 60, 90])
        return (
            f"a {n}-day run from {start.day} {mon} {start.year}",
            start,
            start + timedelta(days=n - 1),
            n,
            "eu",
        )
    return "", None, None, None, ""


def _case(i: int, rng: random.Random) -> dict[str, Any]:
    ind = INDUSTRIES[i % len(INDUSTRIES)]
    expect: dict[str, Any] = {}
    parts: list[tuple[str, str, str]] = []  # (label, value-for-forms, sentence)
    product = rng.choice(ind["products"])
    if rng.random() < 0.85:
        expect["product"] = product
        parts.append(("Product", product, rng.choice(PRODUCT_SENT).format(x=product)))
    # money (some briefs give none)
    m_text, amount, cur = rng.choice(MONEY_FORMS)
    locale = {"USD": "us", "EUR": "eu", "GBP": "eu", "AUD": "eu"}.get(
        cur, ""
    )  # the day-first/month-first hint
    if rng.random() < 0.9:
        expect["budget"], expect["currency"] = amount, cur
        parts.append((rng.choice(MONEY_LABEL), m_text, rng.choice(MONEY_SENT).format(m=m_text)))
    # goal + count KPI
    kpis: list[dict[str, Any]] = []
    if rng.random() < 0.88:
        if rng.random() < 0.12 and "budget" in expect:
            rev = f"{'$' if cur == 'USD' else '€' if cur == 'EUR' else '£' if cur == 'GBP' else cur + ' '}{int(amount * 4):,}"
            expect["goal"] = "revenue"
            kpis.append({"name": "revenue", "target": float(amount * 4)})
            parts.append(("Goal", f"{rev} in revenue", rng.choice(REVENUE_SENT).format(m=rev)))
        else:
            name, _, words = rng.choice(GOAL_KINDS)
            word = rng.choice(words)
            n = rng.choice([120, 250, 400, 600, 900, 1500, 2000, 3500, 12000])
            n_text = f"{n:,}" if n >= 1000 and rng.random() < 0.7 else str(n)
            if n >= 1000 and rng.random() < 0.3:
                n_text = f"{n // 1000}k" if n % 1000 == 0 else n_text
            expect["goal"] = word
            kpis.append({"name": name, "target": float(n)})
            parts.append(
                (rng.choice(GOAL_LABEL), f"{n_text} {word}", rng.choice(GOAL_SENT).format(n=n_text, w=word))
            )
    # secondary KPIs
    if rng.random() < 0.45:
        name, forms = rng.choice(RATE_KPIS)
        pct = rng.choice([1.5, 2, 3, 4.5, 22, 25, 30, 35])
        if name == "open_rate" and pct < 10:
            pct = 28
        if name != "open_rate" and pct > 10:
            pct = 2.5
        p = f"{pct:g}%"
        kpis.append({"name": name, "target": round(pct / 100, 6)})
        parts.append(
            ("Secondary KPI", rng.choice(forms).format(p=p), f"We also want {rng.choice(forms).format(p=p)}.")
        )
    if rng.random() < 0.3 and "currency" in expect:
        sym = {"USD": "$", "EUR": "€", "GBP": "£"}.get(cur, cur + " ")
        cpa = rng.choice([12, 25, 30, 45, 80])
        form = rng.choice(CPA_FORMS).format(m=f"{sym}{cpa}")
        kpis.append({"name": "cpa", "target": float(cpa)})
        parts.append(("Cost target", form, f"Keep it at {form}."))
    elif rng.random() < 0.15:
        x = rng.choice([3, 4, 2.5])
        form = rng.choice(ROAS_FORMS).format(x=f"{x:g}")
        kpis.append({"name": "roas", "target": float(x)})
        parts.append(("Efficiency", form, f"We need {form}."))
    if kpis:
        expect["kpis"] = kpis
    # audience
    aud = rng.choice(ind["audiences"])
    if rng.random() < 0.88:
        expect["audience"] = aud
        parts.append((rng.choice(AUD_LABEL), aud, rng.choice(AUD_SENT).format(a=aud)))
    # channels
    if rng.random() < 0.85:
        picks = rng.sample(CHANNEL_WORDS, rng.randint(1, 3))
        words = [w for w, _ in picks]
        c_text = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
        expect["channels"] = sorted({c for _, c in picks})
        parts.append(("Channels", c_text, rng.choice(CH_SENT).format(c=c_text)))
    # places
    if rng.random() < 0.85:
        p_text, regions, countries = rng.choice(PLACES)
        expect["regions"], expect["countries"] = sorted(regions), sorted(countries)
        parts.append(("Markets", p_text, rng.choice(PLACE_SENT).format(p=p_text)))
    # dates
    d_text, start, end, days, hint = _date_forms(rng)
    if "budget" not in expect:
        locale = ""
    if (
        d_text and "/" in d_text and hint != locale
    ):  # slashed dates only where the brief's locale settles them
        d_text, start, end, days = "", None, None, None
    if d_text:
        if start:
            expect["start"], expect["end"] = start.isoformat(), end.isoformat() if end else None
        if days:
            expect["duration"] = days
        parts.append(("Timing", d_text, f"Timing: {d_text}." if rng.random() < 0.5 else f"It runs {d_text}."))
    if rng.random() < 0.25:
        p = rng.choice([5, 10, 15, 20, 25])
        expect["holdout"] = p / 100
        parts.append(("Holdout", f"{p}%", rng.choice(HOLDOUT_SENT).format(p=f"{p}%")))
    if rng.random() < 0.35:
        t = rng.choice(THEMES)
        expect["theme"] = t.lower()
        parts.append(("Theme", t, rng.choice(THEME_SENT).format(t=t)))
    if "theme" not in expect and "product" in expect:  # a seasonal product name carries its season
        season = next((w for w in ("summer", "winter", "spring") if w in product.lower()), None)
        if season:
            expect["theme"] = season
    if rng.random() < 0.4:
        q_open, q_close = rng.choice(QUOTES)
        msg = rng.choice(MESSAGES)
        expect["key_messages"] = [msg]
        parts.append(
            (
                "Key message",
                f"{q_open}{msg}{q_close}",
                rng.choice(KM_SENT).format(q=f"{q_open}{msg}{q_close}"),
            )
        )
    fillers = rng.sample(FILLER, rng.randint(0, 2))
    if fillers:
        expect["unused"] = fillers
    rng.shuffle(parts)
    shape = ["prose", "bullets", "form", "email", "document", "one-liner"][i % 6]
    return {
        "id": f"dev-{i:03d}",
        "industry": ind["industry"],
        "shape": shape,
        "brief": _render(shape, parts, fillers, product, rng),
        "expect": expect,
    }


def _render(
    shape: str, parts: list[tuple[str, str, str]], fillers: list[str], product: str, rng: random.Random
) -> str:
    sentences = [s for _, _, s in parts]
    if shape == "prose":
        return " ".join(sentences + fillers)
    if shape == "bullets":
        bullet = rng.choice(["- ", "* ", "• "])
        return (
            "Campaign brief\n"
            + "\n".join(bullet + s for s in sentences)
            + ("\n\n" + " ".join(fillers) if fillers else "")
        )
    if shape == "form":
        return "\n".join(f"{label}: {value}" for label, value, _ in parts) + (
            "\nNotes: " + " ".join(fillers) if fillers else ""
        )
    if shape == "email":
        return (
            "Hi team,\n\nQuick brief for the next campaign. "
            + " ".join(sentences[: len(sentences) // 2])
            + "\n\n"
            + " ".join(sentences[len(sentences) // 2 :])
            + ("\n\n" + " ".join(fillers) if fillers else "")
            + "\n\nThanks,\nSam"
        )
    if shape == "document":
        head = (
            f"CAMPAIGN BRIEF\n\n1. Background\n{' '.join(fillers) or 'New season, new push.'}\n\n2. Details\n"
        )
        return head + "\n".join(sentences)
    # one-liner: terse, semicolon-separated label/value pairs
    return (
        "; ".join(
            f"{label.lower()} {value}" if rng.random() < 0.5 else f"{label}: {value}"
            for label, value, _ in parts
        )
        + ("." if parts else "")
        + (" " + " ".join(fillers) if fillers else "")
    )


def main() -> None:
    rng = random.Random(20261202)
    cases = [_case(i, rng) for i in range(216)]
    for c in cases:
        if c["shape"] == "document" and not any(f in c["brief"].split("2. Details")[0] for f in FILLER):
            c["expect"].pop("unused", None)
    hand = Path(__file__).resolve().parent / "datasets" / "brief_fields_dev_hand.yaml"
    cases += yaml.safe_load(hand.read_text(encoding="utf-8"))["cases"]  # the hand-written part of the dev set
    doc = {
        "kind": "brief_fields",
        "suite": "brief-fields",
        "check_date": TODAY.isoformat(),
        "description": "Brief understanding dev set (generated by evals/brief_fields_gen.py): field-level "
        "extraction on the offline engine.",
        "thresholds": {"field_min_accuracy": 0.95},
        "tolerances": {"field_min_accuracy": 0.0, "pass_rate": 0.0, "new_failures": 0},
        "cases": cases,
    }
    sys.stdout.write("# GENERATED by evals/brief_fields_gen.py; edit the generator, not this file.\n")
    yaml.safe_dump(doc, sys.stdout, sort_keys=False, allow_unicode=True, width=120)


if __name__ == "__main__":
    main()
