"""Variants of approved claims whose right verdict is known by construction (the library self-test's inputs).

Every approved claim yields *faithful* variants (they say the same or less, so the claims check must let them
through) and *mutations* (they promise more, move the claim, or use it out of scope, so it must stop them).
The generator works on the claim's wording and the library's own data (products, synonyms, regions,
competitors, expiry dates); it never runs the claims check.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from guards.lexicon.word_variants import GENERAL_SYNONYMS
from guards.library import BrandLibrary, Claim
from guards.vocabulary import REGION_WORDS

Expected = Literal["supported", "unsupported"]


@dataclass(frozen=True)
class Variant:
    """One generated sentence with the verdict it must get."""

    variant_class: str
    expected: Expected
    text: str
    claim_id: str
    region: str | None
    on: date


_QUAL = r"(?P<qual>up to|fewer than|no more than|as much as|as many as|more than|over|at least|under|less than|within|in under|in less than|about|around|from)?"
_NUMBER = re.compile(
    _QUAL + r"\s*(?P<cur>[$£€])?(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?P<plus>\+)?"
    r"(?P<sep>[\s-]?)(?P<unit>%|percent\b|per cent\b|(?:business|working) days?\b|[a-zA-Z]+\b)?",
    re.IGNORECASE,
)
_TIME_UNITS = {
    "second": 0,
    "minute": 1,
    "hour": 2,
    "day": 3,
    "week": 4,
    "month": 5,
    "year": 6,
    "business day": 3,
    "working day": 3,
}
_TIME_LADDER = ["seconds", "minutes", "hours", "days", "weeks", "months", "years"]
_ALLOWANCE = re.compile(
    r"\b(returns?|returned|refunds?|refunded|money-back|trial|guaranteed?|warranty|cancel|cancellation|exchanges?|"
    r"lasts?|lasting|stays?|keeps|fresh|protection|protected|covered|valid|resistant|water-resistant|hydrated|"
    r"hydration|battery)\b",
    re.IGNORECASE,
)
_WORDS = {
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
    12: "twelve",
}
_WIDER_PLACE = {
    "US": "across North America",
    "CA": "across North America",
    "UK": "across Europe",
    "EU": "worldwide",
    "APAC": "worldwide",
}
_LEAD_INS = ("Good news:", "Here's the thing:", "Quick reminder:", "In short:")
_AUDIENCES = ("for babies", "for seniors", "for pregnant women", "for athletes", "for pets", "for toddlers")
_USES = ("for medical use", "for commercial use", "for industrial use", "for professional use")
_ATTRIBUTES = ("hypoallergenic", "waterproof", "organic", "fragrance-free", "gluten-free", "fireproof")
_SUPERLATIVE_IN_NAME = re.compile(r"\b(Best|Top|Leading|Most|Greatest|Number One|No\. 1|#1)\b")
_AUX = re.compile(r"\b(is|are|can|will|does|do)\b")
_PREP = re.compile(r"\s(?=(?:in|on|from|for|across|at|with)\s)")
_CONDITION_LEAD = re.compile(
    r"\b(orders?|purchases?|spend(?:ing)?|baskets?|bookings?|plans?|subscriptions?)\s+$", re.IGNORECASE
)


@dataclass(frozen=True)
class _Num:
    start: int
    end: int
    qual: str
    cur: str
    value: float
    raw: str
    plus: bool
    sep: str
    unit: str

    @property
    def time(self) -> int | None:
        u = self.unit.lower().rstrip("s")
        return _TIME_UNITS.get(u)


def generate(library: BrandLibrary, on: date) -> list[Variant]:
    """All variants of every claim of ``library`` (claims already expired on ``on`` are tested on their last day)."""
    out: list[Variant] = []
    for claim in library.claims:
        out.extend(_variants(library, claim, on))
    return out


def _variants(lib: BrandLibrary, claim: Claim, on: date) -> Iterator[Variant]:
    day = claim.expires if claim.expires is not None and claim.expires < on else on
    region = _home_region(lib, claim)
    text = claim.text.strip()
    body = text.rstrip(".!")

    def v(
        cls: str, expected: Expected, sentence: str, where: str | None = region, when: date = day
    ) -> Variant:
        return Variant(cls, expected, sentence, claim.id, where, when)

    yield v("verbatim", "supported", text)
    # --- faithful -------------------------------------------------------------------------------------------
    for cls, groups in (("synonym_brand", lib.synonyms), ("synonym_builtin", GENERAL_SYNONYMS)):
        for swapped in _synonym_swaps(text, groups, _protected(lib, text))[:2]:
            yield v(cls, "supported", swapped)
    reordered = _reorder(body, lib)
    if reordered:
        yield v("reordering", "supported", reordered + ".")
    lead = _LEAD_INS[sum(map(ord, text)) % len(_LEAD_INS)]
    yield v("lead_in", "supported", f"{lead} {body[0].lower() + body[1:] if _lower_ok(body, lib) else body}.")
    for fmt in _number_formats(text)[:2]:
        yield v("number_format", "supported", fmt)
    names = _protected(lib, text)
    nums = [
        n
        for n in _numbers(text)
        if not _is_name_number(text, n)
        and not _in_range(text, n)
        and not any(a <= n.start < b for a, b in names)  # the '3' of 'Ridgeline 3' names a product
    ]
    for n in nums:
        condition = bool(_CONDITION_LEAD.search(text[: n.start]))
        after = text[n.end :].lstrip().lower()
        floor = bool(n.cur) and n.qual.lower() == "from"  # 'from €299': a lower price promises more
        lower = (n.qual.lower() in ("more than", "over", "at least") or n.plus) and not floor
        upper = (
            n.qual.lower() in ("under", "less than", "within", "in under", "in less than", "fewer than")
            or after.startswith(("or less", "or fewer"))
            or floor
        )
        lead = text[: n.start].rstrip().lower()
        notice = after.startswith(("before", "prior"))
        window = (
            n.time is not None
            and not notice
            and (
                upper
                or n.qual.lower() == "up to"
                or lead.endswith(("for", "in", "within"))
                or "-" in text[n.start : n.end]
            )
        )
        allowance = window and _is_allowance(text, n)
        if (window and not allowance) or (notice and n.qual.lower() == "up to"):
            upper = True  # a speed, or a deadline before an event: shorter promises more
        if condition and lower:
            yield v("narrowed_condition", "supported", _replace(text, n, _bigger(n.value, n.unit)))
            yield v("condition_widened", "unsupported", _replace(text, n, _smaller(n.value)))
            continue
        if lower or (window and allowance and n.qual.lower() != "up to"):
            yield v("weakened_bound", "supported", _replace(text, n, _smaller(n.value)))
        elif upper and not floor and not notice and n.qual.lower() != "up to":
            yield v("weakened_bound", "supported", _replace(text, n, _bigger(n.value, n.unit)))
        yield from _number_mutations(v, text, n, upper=upper, allowance=allowance and window)
        break  # the first claim number carries the claim; later ones are conditions or names
    line = _line_for_brand_wide(lib, claim, text)
    if line:
        yield v("brand_wide_to_product", "supported", line)
    # --- mutations ---------------------------------------------------------------------------------------------
    yield from _scope_mutations(v, lib, claim, text, body, region, day)
    yield from _content_mutations(v, lib, text, body)
    if claim.comparison_target or re.search(r"\bthan\b", text):
        yield from _comparison_variants(v, lib, claim, text)


def _number_mutations(v: object, text: str, n: _Num, *, upper: bool, allowance: bool) -> Iterator[Variant]:
    make = v
    promise_smaller = upper and not allowance
    new = _smaller(n.value) if promise_smaller else _bigger(n.value, n.unit)
    if new != _fmt(n.value) and not (n.unit == "%" and n.value >= 100 and not promise_smaller):
        cls = "time_window_moved" if n.time is not None else "number_changed"
        yield make(cls, "unsupported", _replace(text, n, new))  # type: ignore[operator]
    if n.time is not None:
        step = -1 if promise_smaller else 1
        k = n.time + step
        if 0 <= k < len(_TIME_LADDER):
            unit = _TIME_LADDER[k] if n.value != 1 else _TIME_LADDER[k][:-1]
            yield make("unit_changed", "unsupported", text[: n.end - len(n.unit)] + unit + text[n.end :])  # type: ignore[operator]
    elif n.cur:
        other = "£" if n.cur != "£" else "$"
        yield make(
            "unit_changed",
            "unsupported",
            text[: n.start] + text[n.start : n.end].replace(n.cur, other, 1) + text[n.end :],
        )  # type: ignore[operator]
    qual = n.qual.lower()
    if qual in ("up to", "as much as", "as many as", "about", "around"):
        dropped = text[: n.start] + text[n.start : n.end][len(n.qual) :].lstrip() + text[n.end :]
        yield make("qualifier_dropped", "unsupported", _cap(dropped))  # type: ignore[operator]
        yield make(
            "qualifier_strengthened",
            "unsupported",  # type: ignore[operator]
            text[: n.start] + "at least " + text[n.start : n.end][len(n.qual) :].lstrip() + text[n.end :],
        )
    elif not qual and not n.plus:
        head = text[: n.start]
        art = re.search(r"\b(an?)\s+$", head)
        strong = (
            head[: art.start()] + "at least " + head[art.start() :] if art else head + "at least "
        ) + text[n.start :]
        yield make("qualifier_strengthened", "unsupported", strong)  # type: ignore[operator]
        if not n.sep:  # '$50' -> '$50+', '20%' -> '20%+', '150' -> '150+'
            yield make("qualifier_strengthened", "unsupported", text[: n.end] + "+" + text[n.end :])  # type: ignore[operator]


def _scope_mutations(
    v: object, lib: BrandLibrary, claim: Claim, text: str, body: str, region: str | None, day: date
) -> Iterator[Variant]:
    make = v
    if claim.expires is not None:
        yield make("expired", "unsupported", text, region, claim.expires + timedelta(days=1))  # type: ignore[operator]
    if claim.regions:
        same = {c.id for c in lib.claims if c.text.strip().lower() == text.lower()}
        for code in lib.regions:
            if code in claim.regions:
                continue
            if any(lib.claim(cid).in_region(code) for cid in same):
                continue
            yield make("out_of_region", "unsupported", text, code, day)  # type: ignore[operator]
            break
    named = _named_region(text)
    if named is not None:
        word, code = named
        wider = _WIDER_PLACE.get(code, "worldwide")
        if wider.split()[-1].lower() in text.lower():
            wider = "worldwide"
        pattern = re.compile(
            r"\b(?:(?:across|throughout|in|around)\s+)?(?:the\s+)?(?:(?:north|south|latin)\s+)?"
            + re.escape(word)
            + r"\b",
            re.IGNORECASE,
        )
        widened = pattern.sub(wider, text, count=1)
        yield make("place_widened", "unsupported", widened)  # type: ignore[operator]
    elif region is not None:
        yield make("place_widened", "unsupported", f"{body} {_WIDER_PLACE.get(region, 'worldwide')}.")  # type: ignore[operator]
    swap = _product_swap(lib, text)
    if swap:
        yield make("product_swap", "unsupported", swap)  # type: ignore[operator]


def _content_mutations(v: object, lib: BrandLibrary, text: str, body: str) -> Iterator[Variant]:
    make = v
    low = text.lower()
    k = sum(map(ord, text))
    audience = [a for a in _AUDIENCES if a.split()[-1] not in low]
    use = [u for u in _USES if u.split()[1] not in low]
    attrs = [a for a in _ATTRIBUTES if a not in low]
    if audience:
        yield make("audience_added", "unsupported", f"{body} {audience[k % len(audience)]}.")  # type: ignore[operator]
    if use:
        yield make("use_added", "unsupported", f"{body} {use[k % len(use)]}.")  # type: ignore[operator]
    target = _first_product_term(lib, text)
    if attrs and target:
        i = target
        yield make("attribute_added", "unsupported", text[:i] + attrs[k % len(attrs)] + " " + text[i:])  # type: ignore[operator]
    yield make(
        "superlative_added",
        "unsupported",
        f"The best in the industry: {body[0].lower() + body[1:] if _lower_ok(body, lib) else body}.",
    )  # type: ignore[operator]
    absolute = "always, without exception" if re.search(r"guarant", low) else "guaranteed every time"
    yield make("absolute_added", "unsupported", f"{body}, {absolute}.")  # type: ignore[operator]
    title = _SUPERLATIVE_IN_NAME.search(text)
    if title and text[title.start() : title.start() + 1].isupper():
        name = _capitalised_run(text, title.start())
        if len(name.split()) >= 2:
            yield make("superlative_from_name", "unsupported", f"{lib.name} is the {name.lower()}.")  # type: ignore[operator]
    flipped = _negate(text)
    if flipped:
        yield make("negation_flipped", "unsupported", flipped)  # type: ignore[operator]
    if lib.competitors:
        yield make(
            "competitor_named", "unsupported", f"{body}, unlike {lib.competitors[k % len(lib.competitors)]}."
        )  # type: ignore[operator]


def _comparison_variants(v: object, lib: BrandLibrary, claim: Claim, text: str) -> Iterator[Variant]:
    make = v
    m = next(
        (
            m
            for m in re.finditer(r"\s(than|as)\s+(?P<target>[^\d$£€,.;][^,.;]*)", text)
            if not re.search(
                r"\b(?:more|less|fewer|larger|smaller|longer|shorter|bigger|greater|no)$", text[: m.start()]
            )
        ),
        None,
    )
    target = claim.comparison_target if claim.comparison_target and claim.comparison_target in text else None
    if target is None and m:
        target = m.group("target")
    if not target:
        return
    i = text.find(target)
    other = "rival brands" if "brand" not in target.lower() else "rival products"
    yield make("comparison_target_changed", "unsupported", text[:i] + other + text[i + len(target) :])  # type: ignore[operator]
    lead = re.search(r"\s(than|as)\s+(?:\w+\s+){0,2}$", text[:i])
    if lead is None:
        return
    dropped = text[: lead.start()] + text[i + len(target) :]
    codes = [c for c in lib.regions if claim.in_region(c)]
    strict = [c for c in codes if lib.rules(c).comparison_requires_target]
    loose = [c for c in codes if not lib.rules(c).comparison_requires_target]
    if strict:
        yield make("comparison_target_dropped", "unsupported", dropped, strict[0])  # type: ignore[operator]
    if loose:
        yield make("comparison_target_dropped_allowed", "supported", dropped, loose[0])  # type: ignore[operator]


# --- helpers ----------------------------------------------------------------------------------------------------


def _home_region(lib: BrandLibrary, claim: Claim) -> str | None:
    if claim.regions:
        return claim.regions[0]
    named = _named_region(claim.text)
    if named is not None and named[1] in lib.regions:
        return named[1]
    return next(iter(lib.regions), None)


def _named_region(text: str) -> tuple[str, str] | None:
    for code, words in REGION_WORDS.items():
        for word in sorted(words, key=len, reverse=True):
            if word in ("nationwide",):
                continue
            m = re.search(r"\b" + re.escape(word) + r"\b", text, re.IGNORECASE)
            if m and (len(word) > 3 or text[m.start() : m.end()].isupper()):
                return text[m.start() : m.end()], code
    m = re.search(r"\b(US|U\.S\.)\b", text)
    return (m.group(0), "US") if m else None


def _numbers(text: str) -> list[_Num]:
    out = []
    for m in _NUMBER.finditer(text):
        unit = m.group("unit") or ""
        if unit and unit.lower() not in ("%", "percent", "per cent") and not _is_unit(unit):
            unit = ""
        end = m.end("unit") if unit else m.end("plus") if m.group("plus") else m.end("num")
        out.append(
            _Num(
                m.start() if m.group("qual") else m.start("cur") if m.group("cur") else m.start("num"),
                end,
                m.group("qual") or "",
                m.group("cur") or "",
                float(m.group("num").replace(",", "")),
                m.group("num"),
                bool(m.group("plus")),
                m.group("sep") if unit else "",
                unit,
            )
        )
    return out


_PROCESS = re.compile(
    r"\b(ships?|shipped|deliver(?:s|ed)?|arrives?|dispatch(?:ed)?|processed|process(?:es)?|pays?|paid|responds?|"
    r"install(?:s|ed)?|fitted|deploy(?:s|ed)?|ready|answer(?:s|ed)?|repl(?:y|ies)|approved?|resolved?|see|visibly|"
    r"adds|charges|filters)\b",
    re.IGNORECASE,
)


def _is_allowance(text: str, n: _Num) -> bool:
    """A window the customer is given (return, refund, trial, warranty, how long it lasts), not a speed."""
    if text[: n.start].rstrip().lower().endswith("for"):
        return True
    unanchored = re.sub(r"\b(?:of|from|after|since)\s+\w+", " ", text)
    return bool(_ALLOWANCE.search(unanchored)) and not _PROCESS.search(unanchored)


def _in_range(text: str, n: _Num) -> bool:
    """'3 to 5 business days', '2-4 weeks': either end of a range."""
    return bool(
        re.match(r"\s*(?:to|-|–)\s*\d", text[n.end :]) or re.search(r"\d\s*(?:to|-|–)\s*$", text[: n.start])
    )


def _is_unit(word: str) -> bool:
    w = word.lower().rstrip("s")
    return w in _TIME_UNITS or w in (
        "litre",
        "liter",
        "gallon",
        "kg",
        "g",
        "lb",
        "mile",
        "km",
        "kwh",
        "kw",
        "mb",
        "gb",
        "tb",
        "mm",
        "cm",
        "ml",
        "l",
        "x",
        "star",
        "user",
        "seat",
        "credit",
        "lesson",
        "meal",
        "night",
        "point",
    )


def _is_name_number(text: str, n: _Num) -> bool:
    """Years, standard codes ('NSF/ANSI 53', 'ISO 27001') and model numbers are names, not promises."""
    if not n.unit and not n.cur and not n.qual and 1990 <= n.value <= 2100 and n.raw.isdigit():
        return True
    before = text[: n.start].rstrip()
    return (
        bool(re.search(r"(?:[A-Z]{2,}[/ ]?|[A-Z][a-z]+ )$", before + " "))
        and bool(re.search(r"[A-Z]{2,}/?[A-Z]*$", before))
        and not n.unit
    )


def _fmt(value: float) -> str:
    if value == int(value):
        return f"{int(value):,}" if value >= 10_000 else str(int(value))
    return f"{value:g}"


def _bigger(value: float, unit: str) -> str:
    if unit == "%" and value >= 50:
        return _fmt(round(value + (100 - value) / 2, 1))
    if value < 10:
        return _fmt(value * 2)
    return _fmt(round(value * 1.5))


def _smaller(value: float) -> str:
    if value <= 1:
        return _fmt(value / 2)
    return _fmt(max(1, round(value * 0.5 if value < 10 else value * 0.6)))


def _replace(text: str, n: _Num, new: str) -> str:
    i = text.find(n.raw, n.start)
    fmt = new if "," not in n.raw else f"{float(new.replace(',', '')):,.0f}"
    return text[:i] + fmt + text[i + len(n.raw) :]


def _number_formats(text: str) -> list[str]:
    out = []
    m = re.search(r"(\d)%", text)
    if m:
        out.append(text[: m.start() + 1] + " percent" + text[m.end() :])
    for n in _numbers(text):
        if n.value in _WORDS and n.raw.isdigit() and n.unit and n.time is not None:
            i = text.find(n.raw, n.start)
            rest = text[i + len(n.raw) :]
            word = _WORDS[int(n.value)] + ("-" if rest.startswith("-") else "")
            out.append(text[:i] + word + rest.lstrip("-") if rest.startswith("-") else text[:i] + word + rest)
            break
        if "," in n.raw:
            out.append(text.replace(n.raw, n.raw.replace(",", ""), 1))
            break
        if n.raw.isdigit() and n.value >= 1000 and not _is_name_number(text, n):
            out.append(text.replace(n.raw, f"{int(n.value):,}", 1))
            break
    return out


def _synonym_swaps(
    text: str, groups: tuple[tuple[str, ...], ...], protected: list[tuple[int, int]]
) -> list[str]:
    """Swap one member of each synonym group found (never inside a product name or a hyphenated word)."""
    out = []
    for group in groups:
        for member in sorted(group, key=len, reverse=True):
            pattern = r"(?<![-\w])" + re.escape(member) + r"(?![-\w])"
            hits = [
                m
                for m in re.finditer(pattern, text, re.IGNORECASE)
                if not any(a < m.end() and m.start() < b for a, b in protected)
            ]
            if not hits:
                continue
            m = hits[0]
            plural = member.endswith("s")
            words = len(member.split())
            options = [
                g
                for g in group
                if g.lower() != member.lower()
                and g.endswith("s") == plural
                and g.lower() not in text.lower()
                and len(g.split()) == words
            ]
            if options:
                new = options[0]
                if text[m.start()].isupper():
                    new = new[0].upper() + new[1:]
                out.append(text[: m.start()] + new + text[m.end() :])
            break
    return out


def _protected(lib: BrandLibrary, text: str) -> list[tuple[int, int]]:
    """Character spans of the brand name and product terms (never reworded)."""
    spans = []
    for term in [lib.name, *(t for p in lib.products for t in p.terms)]:
        pattern = r"\b" + re.escape(term) + r"(?:s|es)?\b"  # 'rapid charging hubs' names the product too
        spans += [(m.start(), m.end()) for m in re.finditer(pattern, text, re.IGNORECASE)]
    return spans


def _reorder(body: str, lib: BrandLibrary) -> str | None:
    """Move the last prepositional phrase (without a number or condition) to the front."""
    cuts = [m.start() for m in _PREP.finditer(body)]
    for cut in reversed(cuts):
        head, tail = body[:cut], body[cut + 1 :]
        if (
            len(head.split()) < 3
            or head.split()[-1][:1].isupper()
            or re.search(r"\d|\b(?:orders?|than|over|under)\b", tail)
            or "," in tail
            or re.search(r"\b(?:than|as)\b", head)
        ):
            continue
        first = head[0].lower() + head[1:] if _lower_ok(head, lib) else head
        return f"{tail[0].upper()}{tail[1:]}, {first}"
    return None


def _lower_ok(text: str, lib: BrandLibrary) -> bool:
    first = text.split()[0]
    names = {
        lib.name.lower(),
        *(t.split()[0].lower() for p in lib.products for t in p.terms if t[0].isupper()),
    }
    return (
        first.lower() not in names
        and not first.isupper()
        and not (len(first) > 1 and first[1:].lower() != first[1:])
    )


def _cap(text: str) -> str:
    return text[0].upper() + text[1:] if text else text


def _terms(lib: BrandLibrary, kind: str) -> list[tuple[str, str]]:
    return [(p.id, t) for p in lib.products if p.kind == kind for t in p.terms]


def _first_product_term(lib: BrandLibrary, text: str) -> int | None:
    best: int | None = None
    for _pid, term in _terms(lib, "type"):
        m = re.search(r"\b" + re.escape(term) + r"s?\b", text, re.IGNORECASE)
        if m and (best is None or m.start() < best):
            best = m.start()
    return best


def _product_swap(lib: BrandLibrary, text: str) -> str | None:
    for kind in ("line", "type"):
        terms = _terms(lib, kind)
        found = [
            (pid, t)
            for pid, t in sorted(terms, key=lambda x: -len(x[1]))
            if re.search(r"\b" + re.escape(t) + r"\b", text, re.IGNORECASE)
        ]
        if not found:
            continue
        pid, term = found[0]
        named = {p for p, _ in found}
        others = [t for p, t in terms if p not in named and " " not in t.strip()] or [
            t for p, t in terms if p not in named
        ]
        if not others:
            continue
        m = re.search(r"\b" + re.escape(term) + r"\b", text, re.IGNORECASE)
        assert m is not None
        new = others[0]
        if text[m.start()].isupper() and new[0].islower():
            new = new[0].upper() + new[1:]
        return text[: m.start()] + new + text[m.end() :]
    return None


def _line_for_brand_wide(lib: BrandLibrary, claim: Claim, text: str) -> str | None:
    if any(re.search(r"\b" + re.escape(t) + r"\b", text, re.IGNORECASE) for _p, t in _terms(lib, "line")):
        return None
    type_words = {w.lower() for _p, t in _terms(lib, "type") for w in t.split()}
    lines = [
        t
        for _p, t in _terms(lib, "line")
        if not ({w.lower() for w in t.split()} & type_words) and t.lower() != lib.name.lower()
    ]
    m = re.search(r"\b" + re.escape(lib.name) + r"\b(?!'s)", text)
    if not lines or not m or m.end() >= len(text) or not text[m.end() :].startswith(" "):
        return None
    nxt = text[m.end() :].split()[0].lower().strip(".,")
    if nxt not in type_words and nxt.rstrip("s") not in type_words:
        return None
    return text[: m.end()] + " " + lines[0] + text[m.end() :]


def _capitalised_run(text: str, start: int) -> str:
    words = []
    for w in text[start:].split():
        core = w.strip(".,;:")
        if core and (core[0].isupper() or core[0].isdigit() or core in ("of", "and", "for", "the", "in")):
            words.append(core)
            if core != w:
                break
        else:
            break
    while words and words[-1] in ("of", "and", "for", "the", "in"):
        words.pop()
    return " ".join(words)


def _negate(text: str) -> str | None:
    if re.search(r"\b(not|never|no)\b", text, re.IGNORECASE):
        return None
    m = _AUX.search(text)
    if m:
        return text[: m.end()] + " not" + text[m.end() :]
    return None
