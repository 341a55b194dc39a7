"""The brief's audience -> CRM segment filters, where the data dictionary has a matching field.

What maps: lifecycle stage (existing customers, subscribers, leads, lapsed buyers), industry and company size of
B2B audiences, product interests, and the countries the brief names (restricting the lists of their regions).
What does not (age bands, attitudes, life events...) is said back as creative-only: it shapes the copy, not the list.
"""

from __future__ import annotations

import re

from graph.contracts.content import SegmentFilter
from graph.contracts.plan import AudienceMapping

# People who already buy from, use, stay with or give to the brand, however the brief names them: a relation word
# ('existing', 'our', 'returning') before a people noun ('members', 'guests', 'app users'), or a relative clause of
# what they already did ('who have stayed with us before', 'who already use the free app').
_CUSTOMER_NOUNS = (
    r"(?:customers?|clients?|members?|users?|guests?|buyers?|shoppers?|donors?|supporters?|patients?|"
    r"policy-?holders?|account-?holders?|account holders?|passengers?|flyers?|diners?|riders?|players?|families)"
)
_CUSTOMER = (
    rf"(?:existing|current|past|previous|returning|repeat|our)\s+(?:[\w-]+\s+){{0,2}}?{_CUSTOMER_NOUNS}\b"
    r"|who(?:\s+have|'ve)?(?:\s+already)?\s+(?:bought|purchased|ordered|booked|stayed|shopped|dined|flown|"
    r"travell?ed|donated|given|subscribed|joined|visited|banked|played|enrolled)\b"
    r"|who\s+already\s+(?:use|have|hold|own|bank|shop|buy|subscribe|donate|give|visit|play|ride|fly|stay)s?\b"
    r"|lapsed\s+\w+\s+customers?"
)
_STAGE_WORDS: list[tuple[str, str]] = [
    (_CUSTOMER, "customer"),
    (r"(?:newsletter |email )?subscribers|mailing list|sign-?ups who", "subscriber"),
    (r"\bmqls?\b|marketing[- ]qualified", "mql"),
    (r"\bsqls?\b|sales[- ]qualified", "sql"),
    (r"\bleads\b|prospects", "lead"),
    (r"advocates|evangelists|superfans|loyal (?:fans|customers)", "evangelist"),
]
_LAPSED = re.compile(
    r"\b(?:lapsed|inactive|dormant|win[- ]back|have not (?:bought|purchased|ordered)|haven't "
    r"(?:bought|purchased))\b",
    re.IGNORECASE,
)
_INDUSTRY_WORDS: dict[str, str] = {
    "software": r"software|saas|tech companies|technology companies",
    "financial_services": r"banks?|banking|fintech|financial services|insurers|insurance companies",
    "healthcare": r"hospitals?|clinics?|healthcare|health systems",
    "retail": r"retail(?:ers)?|retail chains|shops|stores|e-?commerce",
    "manufacturing": r"manufactur\w*|factories",
    "education": r"schools|universities|colleges|education",
    "media": r"media companies|publishers|broadcasters",
    "professional_services": r"agencies|law firms|accountan\w+|consultanc\w+|professional services",
    "public_sector": r"government|public sector|councils|municipalities",
    "nonprofit": r"charities|non-?profits|ngos",
}
_B2B = re.compile(
    r"\b(?:compan(?:y|ies)|firms?|businesses|organi[sz]ations|chains|teams|leaders|managers|directors|"
    r"buyers|owners|ctos?|cisos?|cfos?|ceos?|founders|heads? of|vps?|decision[- ]makers|it\b|b2b|smbs?)\b",
    re.IGNORECASE,
)
_SIZES = ("1-10", "11-50", "51-200", "201-1000", "1001-5000", "5001+")
_SIZE_BOUNDS = ((1, 10), (11, 50), (51, 200), (201, 1000), (1001, 5000), (5001, 10**9))
_INTERESTS = ("analytics", "automation", "integrations", "security", "mobile", "ai", "pricing")
_CREATIVE = re.compile(
    r"\b(?:aged\s+\d+\s*[-–+]?\s*\d*|\d{2}\s*[-–]\s*\d{2}(?:\s+year[- ]olds?)?|over[- ]\d+s?|under[- ]\d+s?|"
    r"\d+\+|in their (?:twenties|thirties|forties|fifties|sixties)|gen ?z|millennials|boomers|students|parents|"
    r"families|couples|women|men|homeowners|renters|commuters)\b",
    re.IGNORECASE,
)


def _size_bands(text: str) -> list[str] | None:
    m = re.search(r"(\d[\d,]*)\s*[-–]\s*(\d[\d,]*)\s*(?:employees|staff|people|developers|seats)", text, re.I)
    if m:
        lo, hi = int(m.group(1).replace(",", "")), int(m.group(2).replace(",", ""))
        return [s for s, (a, b) in zip(_SIZES, _SIZE_BOUNDS, strict=True) if b >= lo and a <= hi]
    m = re.search(r"(\d[\d,]*)\s*\+\s*(?:employees|staff|people|developers|seats)", text, re.I) or re.search(
        r"(?:more than|over|at least)\s+(\d[\d,]*)\s+(?:employees|staff|people)", text, re.I
    )
    if m:
        lo = int(m.group(1).replace(",", ""))
        return [s for s, (_, b) in zip(_SIZES, _SIZE_BOUNDS, strict=True) if b >= lo]
    if re.search(r"\b(?:small businesses|smbs?|small companies|startups|start-ups|seed-stage)\b", text, re.I):
        return ["1-10", "11-50"]
    if re.search(r"\b(?:mid-?size|mid-?market|medium-sized|scale-ups)\b", text, re.I):
        return ["51-200", "201-1000"]
    if re.search(r"\b(?:enterprises?|large companies|corporations|fortune 500)\b", text, re.I):
        return ["1001-5000", "5001+"]
    return None


def map_audience(
    audience: str | None, countries: list[str], crm_countries: dict[str, tuple[str, ...]]
) -> AudienceMapping:
    """Map the brief's audience and countries to CRM filters.

    Args:
        audience: The audience in the marketer's words (may be None).
        countries: ISO countries the brief names.
        crm_countries: Region -> countries the CRM holds (``tools.crm.dictionary.COUNTRIES_BY_REGION``).
    """
    out = AudienceMapping()
    text = audience or ""
    for pattern, stage in _STAGE_WORDS:
        m = re.search(pattern, text, re.IGNORECASE)
        if m:
            out.filters.append(SegmentFilter(field="lifecycle_stage", op="eq", value=stage))
            out.mapped.append(f"'{m.group(0)}' -> lifecycle_stage = {stage}")
            break
    lapsed = _LAPSED.search(text)
    if lapsed:
        out.filters.append(SegmentFilter(field="last_activity", op="lt", value="-180d"))
        out.mapped.append(f"'{lapsed.group(0)}' -> last_activity before 180 days ago")
    if _B2B.search(text):
        inds = [
            (name, m)
            for name, rx in _INDUSTRY_WORDS.items()
            if (m := re.search(rf"\b(?:{rx})\b", text, re.I))
        ]
        if inds:
            out.filters.append(SegmentFilter(field="industry", op="in", value=[n for n, _ in inds]))
            out.mapped += [f"'{m.group(0)}' -> industry = {n}" for n, m in inds]
        bands = _size_bands(text)
        if bands and len(bands) < len(_SIZES):
            out.filters.append(SegmentFilter(field="company_size", op="in", value=bands))
            out.mapped.append(f"company size -> company_size in {', '.join(bands)}")
    for tag in _INTERESTS:
        m = (
            re.search(rf"\b{tag}\b", text, re.IGNORECASE if tag != "ai" else 0)
            if tag != "ai"
            else re.search(r"\bAI\b", text)
        )
        if m:
            out.filters.append(SegmentFilter(field="interests", op="contains", value=tag))
            out.mapped.append(f"'{m.group(0)}' -> interests contains {tag}")
            break
    known = {c for cs in crm_countries.values() for c in cs}
    out.countries = [c for c in countries if c in known]
    missing = [c for c in countries if c not in known]
    if missing:
        out.notes.append(
            f"the CRM holds no contacts in {', '.join(missing)}: "
            + (
                "lists are restricted to " + ", ".join(out.countries)
                if out.countries
                else "lists are not restricted by country"
            )
        )
    creative = [m.group(0) for m in _CREATIVE.finditer(text)]
    if text and not out.mapped:
        out.creative_only.append(text)
    else:
        out.creative_only += list(dict.fromkeys(creative))
    return out


def country_filter(
    mapping_countries: list[str], regions: list[str], crm_countries: dict[str, tuple[str, ...]]
) -> SegmentFilter | None:
    """A country filter for a list over ``regions``: the brief's countries in those regions, when every region of
    the list has at least one of them (a region without any is kept whole rather than emptied)."""
    per_region = {r: [c for c in mapping_countries if c in crm_countries.get(r, ())] for r in regions}
    if not mapping_countries or any(not cs for cs in per_region.values()):
        return None
    chosen = [c for cs in per_region.values() for c in cs]
    all_of = [c for r in regions for c in crm_countries.get(r, ())]
    if set(chosen) >= set(all_of):
        return None
    return SegmentFilter(field="country", op="in", value=chosen)
