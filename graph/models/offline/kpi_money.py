"""KPI targets stated in money: cost-per targets ('CPA under $30', 'no more than €12 per sign-up', '$300 each'),
ROAS ('4x ROAS', '£4 back for every £1 spent') and revenue ('$360,000 in revenue'); and the count a cost-per
target names ('120 consultation bookings at a cost per lead of C$80' are leads).
"""

from __future__ import annotations

import re

from graph.models.offline.kpi_facts import GOAL_WORD, reported_figure, said_as_past
from graph.models.offline.kpi_words import REVENUE_WORDS
from graph.models.offline.kpis import KPIMention, count_kind, unit_kind
from graph.models.offline.money import MoneyMention

_COST_PER = re.compile(
    r"\b(?:cpa|cac|cpl|cpi|cpo|cps|cpb|cost[- ]per[- ](?!click\b|mille\b|thousand\b|view\b|impression\b)"
    r"(?:first[- ])?[a-z]+(?:[- ](?!(?-i:[A-Z]{1,3})\b)[a-z]+)?"  # 'cost per lead S$45': S and AED are currencies
    r"|(?:co[uû]t|coste|costo|custo|kosten|kostnad(?:en)?|omkostning(?:en)?|koszt|biaya|hinta)\s+"
    r"(?:par|por|per|pro|je|pr\.|za|na)\s+(?!clic|click|klick|klik)[^\W\d_]+)\b",
    re.I,
)
"""'CPA', 'cost per booking', and the same in French, Spanish, Italian, Portuguese, German, Dutch, the Scandinavian
languages, Polish, Indonesian and Finnish ('coût par abonnement', 'coste por lead', 'Kosten pro Lead', 'kostnad per
bokning', 'koszt za lead', 'biaya per pendaftaran')."""
_CAP_BEFORE = re.compile(
    r"(?:no\s+more\s+than|not\s+more\s+than|under|below|m[aá]x(?:imum|imal)?\.?|at\s+most|up\s+to|less\s+than|"
    r"≤|<|capped\s+at|tops|h[öo]chstens|moins\s+de|menos\s+de|hasta|jusqu['’]à|maks\.?|h[øö]jst|h[øö]yst|h[öo]gst)\s*$",
    re.I,
)
_PER_UNIT_AFTER = re.compile(
    r"^\s*(?:(?:per|a|an|for each|pro|je|par|por|za|à|pr\.|pr)\s+|/\s?)(?!month|day|week|year|head\b|person\b|"
    r"night\b|mois\b|mes\b|monat\b|tag\b|jour\b|d[ií]a\b|nacht\b|nuit\b|noche\b|persona?\b|personne\b|mo\b|"
    r"yr\b|wk\b|hr\b|h\b|pp\b|md\b|m[åa]ned\b|[åa]r\b|dag\b|uge\b|vecka\b|m[åa]nad\b|stk\b)[^\W\d_][\w-]*"
    r"|^\s*each\b",
    re.I,
)
"""'€12 per sign-up', '15 € pro Anmeldung', '12 € par inscription', '20 € por lead', '40 zł za lead', '400 kr pr.
lead' (the Danish and Norwegian abbreviation), '$40/lead'."""
CAP_AFTER = re.compile(
    r"^[ \t]*(?:,\s*)?(?:or\s+(?:less|lower|under|below|cheaper)(?!\s+than)|at\s+(?:most|the\s+most)|m[áa]x(?:imum|imo|imal|imaal)?(?!\w)|massimo|h[öo]chstens|maks|tops\b|"
    r"oder\s+(?:weniger|darunter|günstiger)|ou\s+moins|o\s+(?:menos|meno)|of\s+(?:minder|lager)|"
    r"eller\s+(?:mindre|lägre|lavere|under)|lub\s+mniej|atau\s+kurang|tai\s+alle)",
    re.I,
)
"""A cap said after the amount and its unit: '£60 each or less', '$40/lead max', '20 € pro Anmeldung oder weniger',
'35 € par lead ou moins', '300 kr pr. booking eller mindre'."""
_ACTION_UNIT = re.compile(
    r"(?:order|booking|sale|purchase|conversion|acquisition|customer|transaction|install|reservation)", re.I
)
"""A unit that is an act of buying, not a product: '£30 per booking' is a cost-per target, '£25 a bottle' a price."""
_PCT_WORD = r"(?:%|\s?percent\b|\s?per\s?cent\b)"
_RATIO = r"\d+(?:\.\d+|,\d{1,2}(?!\d))?"
"""A ratio with a decimal point or, as continental Europe writes it, a decimal comma ('ROAS 3,5', '4,25x')."""
ROAS_RE = re.compile(
    rf"(?:\broas\b|return on ad spend)[^.\d]{{0,20}}?(?P<x>{_RATIO})(?P<pct>{_PCT_WORD})?(?:\s?[x:]\s?1?\b)?"
    rf"|(?P<x2>{_RATIO})(?P<pct2>{_PCT_WORD}|\s?x|\s?:\s?1)\s+(?:roas|return on ad spend)\b",
    re.I,
)
_BARE_RATIO = re.compile(
    r"\b(?:want|need|target|aim|goal|hoping\s+for|looking\s+for|expect)\w*\b[^.;!?\n\d]{0,20}?"
    r"(?P<x>\d+(?:\.\d+)?)\s?x\b",
    re.I,
)
_FOR_EVERY = re.compile(
    r"^\s*(?:back\s+|returned\s+|in\s+(?:revenue|sales)\s+)?(?:for|on|from)\s+(?:every|each)\s*$", re.I
)
_EVERY_RETURNS = re.compile(
    r"^\s*(?:(?:we\s+)?spen[dt]|invested)?\s*(?:should\s+|to\s+|must\s+|needs?\s+to\s+)?"
    r"(?:returns?|brings?\s+(?:in|back)|generates?|makes?|earns?)\s*$",
    re.I,
)
_REVENUE_AFTER = re.compile(
    r"^\s*(?:(?:in|of)?\s*(?:[\w-]+\s+)?(?:revenue|turnover|gmv|arr|mrr)\b"
    r"|(?:in|of)\s+(?:[\w-]+\s+)?(?:sales|donations|pledges|gifts)\b"
    rf"|(?:de\s+|d['’]|en\s+|di\s+|em\s+|i\s+|w\s+|an\s+)?(?:{REVENUE_WORDS})(?![\w-])"
    r"|(?:en|in|em|di|i)\s+(?:ventas|vendite|vendas|verkopen|f[öo]rs[äa]ljning|salg)\b)",
    re.I,
)
_RAISED = re.compile(r"\s*raised\b(?!\s+(?:in|during|last|since|so\s+far|to\s+date)\b)", re.I)
"""Money 'raised' is revenue when a goal word comes before it in its sentence ('Target: £400,000 raised from 900
new members'), never funding told as news ('Fresh off $12M raised from investors')."""
_REVENUE_BEFORE = re.compile(
    r"(?:(?:revenue|turnover|gmv|sales)(?:\s+target)?\s*(?:of|:|is|=)?|\brais(?:e|es|ed|ing)(?:\s+(?:at\s+least|over))?"
    rf"|(?<![\w-])(?:{REVENUE_WORDS})\s*(?:de|d['’]|di|von|van|på|p[åa]|do|sebesar|of|:|=)?)\s*$",
    re.I,
)
"""Revenue named before or after its amount, in English and the other languages briefs arrive in ('$360,000 in
revenue', '50.000 € Umsatz', 'chiffre d'affaires de 80 000 €', '100.000 € en ventas', 'omsättning 500 000 kr')."""


def align_to_cost_unit(text: str, counts: list[KPIMention], cpa: KPIMention | None) -> list[KPIMention]:
    """A count and a cost-per target in one sentence that names its unit count the same thing: '120 consultation
    bookings at a cost per lead of C$80' are 120 leads (the brief's own word for what is bought)."""
    if cpa is None:
        return counts
    cue = re.search(r"\bper\s+(?:first[- ])?([a-z]+)(?:[- ]([a-z]+))?", text[cpa.start : cpa.end], re.I)
    unit = None
    for noun in [cue.group(1), f"{cue.group(1)} {cue.group(2)}"] if cue else []:
        unit = unit or unit_kind(noun)
    if unit is None:
        return counts
    out = []
    for k in counts:
        lo, hi = sorted((k.end, cpa.start))
        same = not re.search(r"[.;!?\n]", text[lo:hi]) and not (
            k.end <= cpa.start and re.fullmatch(r"\s*,\s*", text[k.end : cpa.start])
        )  # '40,000 new users, cost per install max $6': two targets in a list, each its own noun
        out.append(KPIMention(unit, k.target, k.start, k.end, k.channel) if same and k.name != unit else k)
    return out


_SENTENCE_BREAK = re.compile(
    r"(?<!\bmax)(?<!\bmaks)(?<!\bpr)(?<!\bmáx)(?<!\bmin)(?<!\bmín)(?<!\bapprox)(?<!\bca)(?<!\benv)[.;!?](?:\s|$)|\n",
    re.I,
)
"""The end of a sentence ('max. € 70' is an abbreviation, not one)."""


def find_cost_per(text: str, money: list[MoneyMention]) -> tuple[KPIMention | None, set[int]]:
    """A cost-per target ('CPA under $30', '€12 per sign-up', '$300 each'); also the money mentions it used."""
    for cue in _COST_PER.finditer(text):
        for mm in money:  # '€15 CPA': the amount written right before the cue is its value
            if mm.ok and cue.start() - 3 <= mm.end <= cue.start():
                return KPIMention("cpa", mm.amount, mm.start, cue.end()), {mm.start}
        for mm in money:
            if (
                cue.end() <= mm.start <= cue.end() + 40
                and mm.ok
                and not _SENTENCE_BREAK.search(text[cue.end() : mm.start])  # not the next sentence's amount
            ):
                return KPIMention("cpa", mm.amount, cue.start(), mm.end), {mm.start}
        for mm in money:
            if cue.start() - 40 <= mm.end <= cue.start() and mm.ok and _PER_UNIT_AFTER.match(text[mm.end :]):
                return KPIMention("cpa", mm.amount, mm.start, cue.end()), {mm.start}
    for mm in money:
        unit = _PER_UNIT_AFTER.match(text[mm.end :])
        if not mm.ok or not unit or re.match(r"^\s*(?:a|per)\s+(?:month|year)", text[mm.end :]):
            continue
        capped = _CAP_BEFORE.search(text[max(0, mm.start - 20) : mm.start]) or CAP_AFTER.match(
            text[mm.end + unit.end() :]
        )
        noun = text[mm.end : mm.end + unit.end()].split()[-1]
        outcome = count_kind(text[mm.end : mm.end + unit.end() + 12]) is not None or (
            unit_kind(noun) in ("signups", "leads") or _ACTION_UNIT.fullmatch(noun) is not None
        )
        if capped or outcome:  # '€12 per sign-up', 'no more than $300 each'; never a price ('£149 each')
            return KPIMention("cpa", mm.amount, mm.start, mm.end + unit.end()), {mm.start}
    for mm in money:  # '150 leads at £60 max', '1.200 Leads à 35 € max.', '500 sign-ups at under $20'
        at = _OUTCOME_AT.search(text[max(0, mm.start - 50) : mm.start])
        cap_said = at is not None and (at["cap"] is not None or CAP_AFTER.match(text[mm.end :]) is not None)
        if mm.ok and at and cap_said and unit_kind(at["noun"]) is not None:
            return KPIMention("cpa", mm.amount, mm.start - len(at[0]), mm.end), {mm.start}
    return None, set()


_OUTCOME_AT = re.compile(
    r"\d[\d.,\s]*\s(?:[\w-]+\s+){0,2}?(?P<noun>[^\W\d_][\w-]*)\s+(?:at|à|a|zu|f[üu]r|for|@|til|f[öo]r|por|per|voor|pour|para)\s*"
    r"(?P<cap>(?:no\s+more\s+than|not\s+more\s+than|under|below|max(?:imum)?\.?|at\s+most|h[öo]chstens|maks\.?|"
    r"moins\s+de|menos\s+de|≤|<)\s*)?$",
    re.I,
)
"""A count and its outcome, then the price of each under a cap ('150 leads at £60 max', '500 sign-ups at under
$20', '1.200 Leads à 35 € max.', '300 Buchungen zu höchstens 25 €'): a cost-per target (without a cap, '1,500
orders at $30' may be the order value)."""


def find_roas(text: str, money: list[MoneyMention] | None = None) -> KPIMention | None:
    """A ROAS target as a ratio ('4x ROAS', 'ROAS 400%', '4:1 ROAS' -> 4.0; '£4 back for every £1 spent',
    'every $1 spent returns $5' -> the ratio of the two amounts)."""
    past = False
    for m in ROAS_RE.finditer(text):
        if said_as_past(re.split(r"[.;!?\n]", text[max(0, m.start() - 80) : m.start()])[-1]):
            past = True  # 'last year we got a 3.2x ROAS' is what happened, not the target
            continue
        x = float((m.group("x") or m.group("x2")).replace(",", "."))
        pct = re.search(r"%|cent", m.group("pct") or m.group("pct2") or "", re.I)
        return KPIMention("roas", round(x / 100, 6) if pct else x, m.start(), m.end())
    if past:  # '... got a 3.2x ROAS; this year we want 4x'
        bare = _BARE_RATIO.search(text)
        if bare:
            return KPIMention("roas", float(bare.group("x")), bare.start(), bare.end())
    ok = [mm for mm in money or [] if mm.ok]
    for a, b in zip(ok, ok[1:], strict=False):
        between = text[a.end : b.start]
        if a.currency != b.currency or len(between) > 30:
            continue
        if _FOR_EVERY.match(between) and b.amount > 0:  # '£4 back for every £1'
            return KPIMention("roas", round(a.amount / b.amount, 6), a.start, b.end)
        every = re.search(r"\bevery\s*$", text[max(0, a.start - 12) : a.start], re.I)
        back = re.match(r"\s*(?:back|in\s+return|in\s+(?:revenue|sales))\b", text[b.end :], re.I)
        spent = re.search(r"\b(?:spen[dt]|invest\w*|put\s+in)\b", between, re.I)
        if every and (_EVERY_RETURNS.match(between) or (back and spent)):  # 'every $1 spent returns $5'
            return KPIMention("roas", round(b.amount / a.amount, 6), a.start, b.end)
    return None


def find_revenue(text: str, money: list[MoneyMention]) -> tuple[KPIMention | None, set[int]]:
    """A revenue target ('$360,000 in revenue', 'Revenue target: $2m')."""
    for mm in money:
        if reported_figure(text, mm.start, mm.end):
            continue  # 'Sleepers raised £86,000 last year', 'we turned over $2m in revenue since 2020'
        after = _REVENUE_AFTER.match(text[mm.end :])
        if mm.ok and after:
            return KPIMention("revenue", mm.amount, mm.start, mm.end + after.end()), {mm.start}
        raised = _RAISED.match(text[mm.end :])
        said = re.split(r"[.;!?\n]", text[: mm.start])[-1]
        if mm.ok and raised and GOAL_WORD.search(said):  # 'Goals: 300 adoptions, $95,000 raised'
            return KPIMention("revenue", mm.amount, mm.start, mm.end + raised.end()), {mm.start}
        before = _REVENUE_BEFORE.search(text[max(0, mm.start - 30) : mm.start])
        if mm.ok and before:
            return KPIMention("revenue", mm.amount, max(0, mm.start - 30) + before.start(), mm.end), {
                mm.start
            }
    return None, set()
