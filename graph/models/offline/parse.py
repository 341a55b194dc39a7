"""Deterministic brief parsing for the offline engine: every field a brief states, with the words it came from.

These are rules, not an LLM. They read what a brief states and never invent what it does not. The brief is split
into segments (``segments``); money (``money``), dates (``when``), places (``places``), KPI targets (``kpis``) and
the word fields (``fields``) are read from them. Every value becomes a fact with its source words; every sentence
that gave no fact is returned as ``unused``; amounts and dates that cannot be right are returned as ``problems``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from graph.models.offline import fields as F
from graph.models.offline.asides import is_aside, past_asides, repeated_places_dropped
from graph.models.offline.audience import find_audience
from graph.models.offline.budget import (
    firmographic_free,
    labelled_budget,
    rate_total,
    select_budget,
    spoken_budget,
)
from graph.models.offline.campaign_dates import read_dates
from graph.models.offline.channels import Found
from graph.models.offline.channels import find_channels as channel_mentions
from graph.models.offline.echo_units import echo_units
from graph.models.offline.goal import find_goal
from graph.models.offline.holdout import find_holdout
from graph.models.offline.kpi_funnel import earlier_step_as_leads
from graph.models.offline.kpi_money import align_to_cost_unit, find_cost_per, find_revenue, find_roas
from graph.models.offline.kpis import GOAL_CUE_RE, KPIMention, find_counts, find_rates
from graph.models.offline.money import MoneyMention, find_money
from graph.models.offline.money_words import currency_country, krone_of_market, market_currency
from graph.models.offline.place_words import not_market
from graph.models.offline.places import PlaceMention, audience_town, destination_spans, find_places, region_of
from graph.models.offline.product import find_product
from graph.models.offline.segments import Segment, split_segments
from graph.models.offline.sentences import worth_echoing
from graph.models.offline.theme import find_theme
from graph.models.offline.when import find_date_spans, find_durations

__all__ = [
    "KPIMention",
    "MoneyMention",
    "ParsedBrief",
    "find_budget",
    "find_channels",
    "find_dates",
    "find_duration_days",
    "find_kpis",
    "find_money",
    "find_regions",
    "parse_brief",
]


@dataclass
class Fact:
    """A value read from the brief and the words it came from (offsets into the brief)."""

    field: str
    value: str
    start: int
    end: int
    countries: tuple[str, ...] = ()
    """For a place: the countries it names."""


@dataclass
class ParsedBrief:
    """Everything the rules could read from a brief."""

    product: str | None = None
    goal: str | None = None
    audience: str | None = None
    budget: MoneyMention | None = None
    start_date: date | None = None
    end_date: date | None = None
    duration_days: int | None = None
    channels: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    kpis: list[KPIMention] = field(default_factory=list)
    key_messages: list[str] = field(default_factory=list)
    holdout_pct: float | None = None
    theme: str | None = None
    landing_url: str | None = None
    facts: list[Fact] = field(default_factory=list)
    unused: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


_OUTLINE_NUMBER = re.compile(r"(?m)^[ \t]*\d{1,2}(?:\.\d{1,2})+\.?(?=[ \t]+[A-Za-z])")
"""'2.1 Product to be promoted': a document's section number, not a target."""


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for s, e in spans:
        for i in range(s, e):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


_BARE_AMOUNT = re.compile(
    r"(?P<neg>minus\s+|negative\s+|[-−](?=\d))?(?P<n>\d[\d,.\s]*\d|\d)\s?(?P<mult>k|m|million|"
    r"thousand|trillion|bn|billion)?\b",
    re.IGNORECASE,
)


def _bare_budget(text: str, segments: list[Segment]) -> str | None:
    """A budget stated without a currency ('Budget: minus 40,000', 'we can spend 30k'): the problem to ask about."""
    spans = [(s.value_start, s.end) for s in segments if s.field == "budget"]
    cue = (
        r"(?<!ad )\b(?:budget|spend|investment)\s*(?:is|of|:|=|-)?\s*(?:about|around|roughly|approx\.?|~)?\s*"
    )
    spans += [(m.end(), min(len(text), m.end() + 16)) for m in re.finditer(cue, text, re.IGNORECASE)]
    for s, e in spans:
        m = _BARE_AMOUNT.match(text, s, e)
        if m and not re.match(
            r"\s*(?:%|x\b|percent|days?|weeks?|months?|people|orders|leads)", text[m.end() :]
        ):
            words = m.group(0).strip()
            if m.group("neg"):
                return f"'{words}' is a negative amount (and names no currency)"
            return f"'{words}' names no currency (write e.g. '{words} USD' or '€{words}')"
    return None


def find_budget(text: str) -> MoneyMention | None:
    """The campaign budget of a brief (see ``select_budget``); None when the brief states none."""
    return parse_brief(text, date.today()).budget


def find_dates(text: str, today: date) -> list[date]:
    """Explicit calendar dates in order of appearance (a range gives its start and end)."""
    out: list[date] = []
    for span in find_date_spans(text, today, day_first=None):
        out += [d for d in (span.start, span.end) if d]
    return out


def find_duration_days(text: str) -> int | None:
    """A stated duration ('6 weeks', 'a month', '30-day') in days, or None."""
    return next((d.days for d in find_durations(text) if not d.problem), None)


def find_channels(text: str) -> list[str]:
    """Requested channels in order of first mention."""
    return [ch for ch, _ in channel_mentions(text)]


def find_regions(text: str) -> list[str]:
    """Targeted regions in order of first mention (codes are case-sensitive: 'us' the pronoun is not US)."""
    return list(dict.fromkeys(r for p in find_places(text) for r in p.regions))


def find_kpis(text: str) -> list[KPIMention]:
    """KPI targets: rates as fractions, counts as numbers, CPA in the budget currency, ROAS as a ratio."""
    return parse_brief(text, date.today()).kpis


def _day_first(budget: MoneyMention | None, countries: list[str]) -> bool | None:
    if budget is not None:
        return {"USD": False, "CAD": None}.get(budget.currency, True)
    if countries and set(countries) <= {"US"}:
        return False
    if countries and not set(countries) <= {"US", "CA"}:
        return True
    return None


def _name_spans(text: str, product: Found | None) -> list[tuple[int, int]]:
    """The product's words, less the places its words put people in ('Families around Kendal and Penrith' read as
    a product still names Kendal and Penrith as where they are; 'Lisbon Saver fare' names no market)."""
    if product is None:
        return []
    spans, at = [], product.start
    for m in re.finditer(
        rf"\b(?:in|around|across|near|throughout|{_CAMPAIGN_NOUNS})\s+(?P<p>[^.;:!?\n]+)",
        text[product.start : product.end],
        re.I,
    ):
        campaign = re.match(_CAMPAIGN_NOUNS, m.group(0), re.I)
        if _is_place_only(m.group("p")) if campaign else find_places(m.group(0)):
            spans.append((at, product.start + m.start()))
            at = product.end
    return [*spans, (at, product.end)] if at < product.end else spans


_CAMPAIGN_NOUNS = r"push|launch|campaign|promo|roll-?out|drive"
"""'Pendel 7E push UK & Ireland': places after the campaign's noun in a title line are its market."""


def _brand_word(text: str, word: str, start: int, product: Found | None) -> bool:
    """A place word that is part of the product's name and stands outside a place phrase elsewhere ('Visit
    Lakeland – spring brief' for the Lakeland Short Breaks) names the brand; after 'in', 'across', ... it is the
    market too ('Warm Homes Hull ... households in Hull')."""
    if product is None or not re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", product.value, re.I):
        return False
    return not re.search(
        rf"\b(?:in|into|around|across|near|throughout|covering|from|to|of|and|or|{_CAMPAIGN_NOUNS})\s+(?:the\s+)?$"
        r"|[,&/+:]\s*$"
        r"|\n\s*[-*•]?\s*$",
        text[max(0, start - 20) : start],
        re.I,
    )


def _is_place_only(value: str) -> bool:
    rest = value
    for p in sorted(find_places(value), key=lambda p: p.start, reverse=True):
        rest = rest[: p.start] + rest[p.end :]
    return bool(find_places(value)) and not re.sub(
        r"\b(?:the|and|only|in|of|region|markets?|plus)\b|[\s,./&+]", "", rest, flags=re.I
    )


def _another_goal(text: str, k: KPIMention, goal_spans: list[tuple[int, int]]) -> bool:
    """A later count of a kind already targeted is a second target when its sentence is a goal ('Stretch goal: 800
    orders'), not a quoted earlier message ('> Target 50 bookings.') nor one the brief corrects ('not 50')."""
    line = text[text.rfind("\n", 0, k.start) + 1 : k.start]
    return any(s <= k.start < e for s, e in goal_spans) and not line.lstrip().startswith(">")


def parse_brief(text: str, today: date) -> ParsedBrief:
    """Parse a free-text brief into what it states (nothing is guessed).

    Args:
        text: The brief.
        today: Reference date for dates without a year.
    """
    out = ParsedBrief()
    facts: list[Fact] = []

    def fact(name: str, value: str, start: int, end: int) -> None:
        facts.append(Fact(name, value, start, end))

    segments0 = split_segments(text)
    messages = F.find_key_messages(text, segments0)
    masked = _mask(text, [(m.start, m.end) for m in messages])
    segments = split_segments(masked)
    out.key_messages = [m.value for m in messages]
    for m in messages:
        fact("key_messages", m.value, m.start, m.end)

    product = find_product(masked, segments, _is_place_only)
    if product:
        out.product = product.value
        fact("product", product.value, product.start, product.end)
    places_text = _mask(masked, _name_spans(masked, product))
    places_text = _mask(places_text, destination_spans(masked))  # where a trip goes is not who it is sold to
    places_text = _mask(places_text, past_asides(masked))  # '(our Singapore pilot last year did 800 orders)'

    # money and KPI targets; amounts that describe the audience ('CFOs at brands doing $5M+ a year') are neither
    money = firmographic_free(masked, find_money(masked))
    kpis: list[KPIMention] = []
    revenue, used_rev = find_revenue(masked, money)
    cpa, used_cpa = find_cost_per(masked, money)
    roas = find_roas(masked, money)
    used_roas = {mm.start for mm in money if roas and roas.start <= mm.start < roas.end}
    budget = select_budget(masked, money, segments, used_rev | used_cpa | used_roas) or labelled_budget(
        masked, segments
    )
    market = [c for p in find_places(places_text) for c in p.countries]
    if budget is None:  # said in words without a currency: the market's one currency, if it has one
        budget = spoken_budget(masked, market_currency(market))
    elif not budget.problem:  # '80 000 kr' in a Norwegian brief is NOK
        local = krone_of_market(masked[budget.start : budget.end], budget.currency, market)
        budget = replace(budget, currency=local) if local != budget.currency else budget
    if budget is None:
        bare = _bare_budget(masked, segments)
        if bare:
            out.problems.append(f"budget: {bare}")
    if budget is not None:
        if budget.problem:
            out.problems.append(f"budget: {budget.problem}")
        else:
            out.budget = budget
            fact("budget", f"{budget.amount:,.2f} {budget.currency}", budget.start, budget.end)
    goal_spans = [
        (s.start, s.end) for s in segments if s.field in ("goal", "kpi") or GOAL_CUE_RE.search(s.text)
    ]
    not_counts = [(m.start, m.end) for m in find_money(masked)]
    not_counts += [(roas.start, roas.end)] if roas else []  # 'ROAS 4' is not four conversions
    not_counts += [(product.start, product.end)] if product else []  # 'Edge 3 razor', 'Flow 200' are names
    not_counts += [(m.start(), m.end()) for m in _OUTLINE_NUMBER.finditer(masked)]
    not_counts += [(d.pos, d.stop) for d in find_date_spans(masked, today, None)]
    not_counts += [(d.pos, d.stop) for d in find_durations(masked)]
    not_counts += [
        (m.start(), m.end()) for m in re.finditer(r"\d+(?:[.,]\d+)?\s?(?:%|percent|per cent|x\b)", masked)
    ]
    count_text = _mask(masked, not_counts)
    counts = earlier_step_as_leads(
        masked, align_to_cost_unit(masked, find_counts(count_text, goal_spans), cpa)
    )
    first_of: dict[str, KPIMention] = {}
    for k in [
        *counts,
        *([revenue] if revenue else []),
        *find_rates(masked),
        *([cpa] if cpa else []),
        *([roas] if roas else []),
    ]:
        first = first_of.setdefault(k.name, k)
        if first is not k and (
            k not in counts
            or re.search(r"[.;!?\n]", masked[first.end : k.start])
            and not _another_goal(masked, k, goal_spans)
        ):
            continue  # a later sentence's count of the same kind is another figure (stock, last year, a typo)
        # a second target of one kind in the same sentence ('120 orders and 80 sales') or in a later goal sentence
        # ('Stretch goal: 800 orders') is passed on: the Planner keeps the first and shows the second back as not used
        kpis.append(k)
        fact("kpi_targets", f"{k.name} {k.target:g}", k.start, k.end)
    out.kpis = kpis

    # goal: a labelled value, else the sentence part around the first count target, else a goal verb phrase
    goal = find_goal(masked, segments, counts or ([revenue] if revenue else []))
    if goal:
        out.goal = goal.value
        fact("goal", goal.value, goal.start, goal.end)

    audience = find_audience(masked, segments, _is_place_only, product)
    audience = _cut_at_dates(masked, audience, today) if audience else None
    if audience:
        out.audience = audience.value
        fact("audience", audience.value, audience.start, audience.end)

    for ch, found in channel_mentions(masked, segments, [(k.start, k.end) for k in kpis]):
        out.channels.append(ch)
        fact("channels", ch, found.start, found.end)

    prefer = currency_country(budget.currency) if budget is not None else None
    places = [
        p for p in find_places(places_text, prefer) if not _brand_word(places_text, p.text, p.start, product)
    ]
    markets = [p for p in places if not not_market(places_text, p.start)]
    town = audience_town(audience.value, prefer) if audience and not places else None
    if town and audience and prefer:  # 'working parents in Didsbury and Chorlton' with a budget in pounds
        s0, e0 = audience.start + town[0], audience.start + town[1]
        own = tuple(r for r in [region_of(prefer)] if r)
        markets = [PlaceMention(masked[s0:e0], s0, e0, (prefer,), own)]
    for place in markets or places:  # where the company sits is not the market, unless nothing else is named
        new_c = [c for c in place.countries if c not in out.countries]
        new_r = [r for r in place.regions if r not in out.regions]
        out.countries += new_c
        out.regions += new_r
        regions = ", ".join(place.regions) or "none of Liftoff's regions"
        value = f"{place.text} -> countries {', '.join(place.countries) or '-'}; regions {regions}"
        facts.append(Fact("places", value, place.start, place.end, tuple(place.countries)))

    # words inside the audience describe people ('renewing in the next 60 days'), not the campaign's timing
    date_text = _mask(masked, [(audience.start, audience.end)]) if audience else masked
    # a length inside the product's name or its aside is the product's ('the 12-day cruise', 'programme (6 weeks)')
    about_product: list[tuple[int, int]] = []
    if product:
        aside = re.match(r"\s*\([^()\n]{0,60}\)", date_text[product.end :])
        about_product.append((product.start, product.end + (aside.end() if aside else 0)))
    dates = read_dates(
        date_text,
        segments,
        today,
        _day_first(out.budget, out.countries),
        out.countries,
        _mask(date_text, about_product),
        tuple(k.end for k in kpis),
    )
    out.problems += dates.problems
    out.start_date, out.end_date, out.duration_days = dates.start, dates.end, dates.days
    for name, value, s0, e0 in dates.facts:
        fact(name, value, s0, e0)
    if out.budget is not None:  # '€6k a week' over a six-week run is €36k
        total = rate_total(masked, out.budget, out.start_date, out.end_date)
        if total is not out.budget:
            facts[:] = [f for f in facts if f.field != "budget"]
            out.budget = total
            fact("budget", f"{total.amount:,.2f} {total.currency}", total.start, total.end)

    theme = find_theme(masked, segments, product, audience)
    if theme and is_aside(masked, theme.start):  # 'closed over the summer', 'Eid parties, not in this one'
        theme = None
    if theme:
        out.theme = theme.value
        fact("theme", theme.value, theme.start, theme.end)
    holdout = find_holdout(masked)
    if holdout:
        share = float(holdout.value)
        if share > 0.5:
            out.problems.append(
                f"holdout: '{masked[holdout.start : holdout.end].strip()}' is {share:.0%} of each list; "
                "a holdout must be at most 50%"
            )
        else:
            out.holdout_pct = share
            said = f"{share:.0%}" if share else "none (no control group, so lift is not measured)"
            fact("holdout_pct", said, holdout.start, holdout.end)
    url = F.find_landing_url(masked)
    if url:
        out.landing_url = url.value
        fact("landing_url", url.value, url.start, url.end)
    for mm in money:
        if mm.problem and (budget is None or mm.start != budget.start):
            out.problems.append(f"money: {mm.problem}")
    out.facts = repeated_places_dropped(
        text, facts, [(s.start, s.end) for s in segments if s.field == "places"]
    )
    out.unused = unused_sentences(text, out.facts)
    return out


def _cut_at_dates(text: str, audience: Found, today: date) -> Found | None:
    """An audience ends where the campaign's dates begin: a calendar date after a comma ('runners in the US,
    November 22 to 29'), or a date still to come after a timing word ('... over April and May 2027'). A past date
    ('customers who bought in March 2026') describes the people and stays."""
    value = text[audience.start : audience.end]
    for sp in find_date_spans(value, today, None):
        lead = value[: sp.pos]
        cut = re.search(r",\s*(?:(?:from|starting|between|running|live|runs?)\s+)?$", lead, re.IGNORECASE)
        if not cut and sp.start and sp.start >= today:
            cut = re.search(
                r"\s+(?:from|starting|between|during|over|throughout|until|till|through|on|in)?\s*$"
                if sp.text.lower().startswith(("over ", "between ", "throughout ", "all ", "the whole "))
                else r"\s+(?:from|starting|between|during|over|throughout|until|till|through|on)\s+$",
                lead,
                re.IGNORECASE,
            )
        if cut:
            kept = lead[: cut.start()].rstrip(" ,")
            return Found(kept, audience.start, audience.start + len(kept)) if len(kept) >= 3 else None
    return audience


def unused_sentences(text: str, facts: list[Fact]) -> list[str]:
    """Sentences of the brief (three words or more, or a labelled form line) that produced no fact, verbatim."""
    out = []
    for s, e in echo_units(text):
        sentence = text[s:e]
        if not worth_echoing(sentence):
            continue
        if any(f.start < e and s < f.end for f in facts):
            continue
        out.append(sentence)
    return out
