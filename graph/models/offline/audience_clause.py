"""A clause that names a group of people and nothing else (the fallback for list-like briefs and run-ons), with
the places listed after it."""

from __future__ import annotations

import re

from graph.models.offline.audience_bounds import audience_after, clean_audience, only_places
from graph.models.offline.channels import CHANNEL_RES, Found
from graph.models.offline.people import AGE, AGE_RE, AGE_TAIL, ORGS_RE, PEOPLE, PEOPLE_RE, VERBISH
from graph.models.offline.segments import Segment


def richness(value: str) -> int:
    """How fully a phrase describes people: one point each for an age, a place and a relative clause."""
    age = bool(AGE_RE.search(value) or re.search(r"\baged?\s+\d|\b\d{2}\s?[-–]\s?\d{2}\b", value))
    place = bool(re.search(r"\b(?:in|around|across|near|throughout)\s+(?:the\s+)?[A-Za-z]", value))
    relative = bool(re.search(r"\b(?:who|that|with|living|aged)\b|\w+ing\b", value))
    return int(age) + int(place) + int(relative)


_PLACE_ITEM = r"(?:the\s+)?[A-Za-zÀ-ÿ][\w'’.-]*(?:\s+[A-Za-zÀ-ÿ][\w'’.-]*){0,2}"
_PLACE_LIST = re.compile(
    rf"{_PLACE_ITEM}(?:\s*,\s*{_PLACE_ITEM})*,?\s+(?:and|&|or|\+)\s+{_PLACE_ITEM}"
    r"(?P<tail>\s+(?:with|who|that|aged)\b[^,]*)?"
)
_IN_PLACE_END = re.compile(r"\b(?:in|across|around|near|throughout)\s+(?:the\s+)?\S+(?:\s+\S+){0,2}$", re.I)
_NOT_PLACE_WORD = re.compile(
    r"\b(?:budget|goal|target|kpi|dates?|timing|launch\w*|start\w*|run\w*|spend|cpa|roas|we|our|i)\b", re.I
)


def _continues_places(clause: str, nxt: str, is_place_only: object) -> bool:
    """', Birmingham and Wembley' after 'families in Leicester': the rest of the place list (a qualifier on its
    last place stays: 'in Spain, Portugal and Italy with cross-border clients')."""
    if only_places(nxt, is_place_only):
        return True
    if not _IN_PLACE_END.search(clause):
        return False
    m = _PLACE_LIST.fullmatch(nxt)
    if not m and not re.fullmatch(_PLACE_ITEM, nxt):
        return False
    places = nxt[: m.start("tail")] if m and m.group("tail") else nxt
    return not (
        _NOT_PLACE_WORD.search(places)
        or VERBISH.search(places)
        or PEOPLE_RE.search(places)
        or any(rx.search(places) for rx in CHANNEL_RES.values())
    )


def people_clause(text: str, segments: list[Segment], is_place_only: object) -> Found | None:
    """Fallback for list-like briefs: a clause that names a group of people and states nothing else
    ('night-shift workers and students near campus', 'commuters aged 20-35'). Places listed after it with commas
    belong to it ('travellers in London, Paris and Frankfurt'). A labelled line's later clauses count too
    ('Budget 35.000 € on Google Ads, households in Madrid and Valencia, 900 switches'); in a run-on without
    punctuation, a people phrase with an age, a place or a 'who' clause is read up to the next fact."""
    sep = r"(,\s+|:\s+|\s+[—–]\s+|[ \t]{2,}|(?<=[\w)])[.!?;]\s+(?=[a-z]|[^\W\d_\x00-\u024f]))"
    run_on: Found | None = None
    aside: tuple[str, int] | None = None
    for seg in segments:
        if seg.field == "audience":
            continue
        pieces = re.split(sep, text[seg.start : seg.end])
        pos = seg.start
        for i, piece in enumerate(pieces):
            start = pos
            pos += len(piece)
            clause = piece.strip(" .!?")
            if not clause or re.fullmatch(sep, piece) or (seg.field is not None and i == 0):
                continue
            words = clause.split()
            if len(words) > 15 and run_on is None:
                run_on = _people_in_run_on(text, text.find(clause, start), clause, is_place_only)
            if not _is_people_clause(clause, is_place_only):
                continue
            inside = text[seg.start : start]
            if aside is None and inside.count("(") > inside.count(")"):
                aside = (
                    clause,
                    start,
                )  # '(tools, tents and carpet cleaners to borrow)': a bracket lists things
                continue
            at = text.find(clause, start)
            end = at + len(clause)
            k = i - 2  # 'Designers, writers and developers who invoice clients': the list's earlier items
            while k >= 0 and pieces[k + 1].startswith(",") and _LIST_ITEM.fullmatch(pieces[k].strip()):
                at = text.rfind(pieces[k].strip(), seg.start, at)
                k -= 2
            for j in range(i + 1, len(pieces) - 1, 2):  # ', Paris and Frankfurt', ', 18-34'
                nxt = pieces[j + 1].strip(" .!?")
                age = AGE_TAIL.fullmatch(nxt)
                if not pieces[j].startswith(",") or not nxt:
                    break
                relative = re.search(r"\b(?:who|that)\b", text[at:end]) and _RELATIVE_GOES_ON.match(nxt)
                if not (age or relative or _continues_places(text[at:end], nxt, is_place_only)):
                    break
                end = text.find(nxt, end) + len(nxt)
            value = clean_audience(text[at:end])
            at = text.find(value, at)
            return Found(value, at, at + len(value))
    if run_on is None and aside is not None:  # a bracket is read last: 'Tiny Tots (for parents of toddlers)'
        value = clean_audience(aside[0])
        at = text.find(value, aside[1])
        return Found(value, at, at + len(value))
    return run_on


_RELATIVE_GOES_ON = re.compile(
    r"(?:and|or|but)\s+(?:don['’]t|do|does|doesn['’]t|can['’]t|cannot|never|also|already|still|have|has|are|is|"
    r"live|own|want|need|use|love|work)\b[^$€£¥\d]*$",
    re.IGNORECASE,
)
"""', and don't have storage space' after 'People who rent in Leith': the relative clause's second verb."""
_LIST_ITEM = re.compile(
    rf"(?:[a-z][\w-]*\s+){{0,2}}(?i:{PEOPLE})|(?:[A-Z][\w-]*\s+)?(?i:{PEOPLE})", re.IGNORECASE
)
"""One item of a list of people ('Designers', 'nurses', 'care home managers')."""


def _is_people_clause(clause: str, is_place_only: object) -> bool:
    words = clause.split()
    numbers = re.sub(r"\b(?:19|20)\d\d\b", "", clause)  # a year is not a budget or a count
    if not 2 <= len(words) <= 15 or re.search(r"[$€£¥%]|\d{3,}", numbers):
        return False
    main = re.split(r"\b(?:who|that|which)\b", clause, maxsplit=1)[0]  # 'men 28-55 in Leith who want ...'
    relative = re.match(rf"(?i:{PEOPLE})\s+(?:who|that|aged|in|from|with)\b", clause)
    if re.search(r"\b(?:is|are|was|were|will|would|can|could|should)\b", main, re.I):
        return False  # 'Staff in our spa are trained therapists' states something about them
    if VERBISH.search(main) and not relative:
        return False
    head = " ".join(re.sub(r"^(?i:for)\s+", "", clause).split()[:4])
    if _GREETING.match(clause) or re.match(
        rf"(?i:we|i|our|us|they|it|this|that|you|{_IMPERATIVE})\b(?![-'’])", clause
    ):
        return False  # 'Hi team'; 'We help people in their 20s save for a house'; 'Hire 30 warehouse workers'
    if _PERSUADING.match(clause):
        return False  # 'urging young adults in Scotland to tell ...': the people are the verb's object
    if re.match(r"(?i:\w{2,}(?:amos|emos|imos|iamo|ons)|wir|nous|on|noi|nós|wij|my)\b", clause):
        return False  # 'Queremos captar clientes para ...', 'Vogliamo ...', 'Nous voulons ...': a sentence of ours

    if re.search(r"\b(?:team|department|dept|office|desk)$", clause, re.I):
        return False  # 'Cumbria fostering team', 'To: agency team': who writes or reads the brief
    who = PEOPLE_RE.search(head) or ORGS_RE.search(head)
    if (
        not who
        or only_places(clause, is_place_only)
        or (re.match(r"\d", clause) and not AGE_RE.match(clause))
    ):
        return False  # '8k new followers' is a target
    if re.search(r"\S\s+(?:for|by|from|with|to)\s+(?:\S+\s+){0,2}$", head[: who.start()]):
        return False  # 'Taskloom for Agencies' names a product for them; 'Reviews by customers show ...'

    if re.match(
        r"[\w'’]*\s+(?:campaign|programme|program|scheme|event|list|app|portal|day|week|offer|promo|push|sale)\b",
        head[who.end() :],
    ):
        return False  # 'sellers campaign for ShopNest': the people word names the campaign
    return not (CHANNEL_RES["email"].search(clause) or any(rx.search(head) for rx in CHANNEL_RES.values()))


_IMPERATIVE = (
    r"hire|recruit|promote|sell|launch|push|grow|drive|market|advertise|boost|get|reach|win|increase|generate|"
    r"attract|convert|acquire|register|encourage|bring|fill|onboard"
)
"""A clause opening with one of these is an instruction ('Hire 30 warehouse workers'), not a people list."""
_PERSUADING = re.compile(
    r"(?i:invit|encourag|persuad|urg|convinc|inspir|remind|welcom|attract|engag|court|ask|help|get|tell|nudg|"
    r"motivat|reach|target)(?:t?ing)\s"
)
"""A clause opening with a verb of reaching people ('encouraging first-time buyers ...', 'inviting nurses ...')."""
_GREETING = re.compile(
    r"(?i:hi|hello|hey|dear|hiya|morning|thanks|thank\s+you|cheers|regards|best|kind\s+regards|many\s+thanks)\b"
)
_RUN_ON_HEAD = re.compile(rf"\b(?:(?i:{PEOPLE})|(?i:{AGE}))", re.IGNORECASE)


def _people_in_run_on(text: str, at: int, clause: str, is_place_only: object) -> Found | None:
    """'... facebook and instagram mums and dads planning kids parties in cork city 50 orders over march': the first
    people phrase with a qualifier, from its head to the next fact."""
    for m in _RUN_ON_HEAD.finditer(clause):
        found = audience_after(text, at + m.start(), is_place_only)
        if found and found.start == at + m.start() and richness(found.value) >= 2:
            return found
    return None
