"""Who the campaign should reach, in the marketer's words (the brief field ``audience``).

An audience is a people phrase (``people``): a head naming people and its qualifiers (age, place, 'who ...'). It is
read from a label, a question answered on the next line, a cue ('aimed at', 'targeting', 'X are who we want'), the
object of a verb or preposition ('wants small business owners in Texas to get a quote', 'from couples in the UK'),
or a clause that names people and nothing else. It ends before an infinitive purpose ('to sign up for ...'), a new
clause with its own verb, a channel, a budget, a count or the campaign's timing.
"""

from __future__ import annotations

import re

from graph.models.offline.channels import CHANNEL_RES, CHANNEL_WORDS, Found
from graph.models.offline.people import AGE, AGE_RE, ORGS_RE, PEOPLE, PEOPLE_RE, VERBISH, names_people
from graph.models.offline.segments import Segment
from graph.models.offline.theme import OCCASIONS

_AUD_CUES = re.compile(
    r"(?:target\s+audience|audience|target\s+group|target\s+market|target\s+consumers)\s*(?:is|are|:|-|–|—|=)\s*"
    r"|(?:^|(?<=:\s))audience\s+(?=(?!is\b|are\b|of\b|for\b|size\b|growth\b|data\b)[a-z])"
    r"|who\s+we\s+(?:want\s+to\s+reach|are\s+targeting)\s*(?:is|are|:)?\s*"
    r"|\b(?:aim(?:ed|ing)?|target(?:ed|ing)?|geared|directed|pitched|tailored)\s+(?:\w+ly\s+)?(?:at|towards?)\s+"
    r"|\bspeaking\s+to\s+"
    r"|the\s+(?:people|folks|ones|customers|clients|buyers|users)\s+we(?:'re|’re|\s+are)\s+after\s+are\s+"
    r"|the\s+people\s+we\s+(?:want|have\s+in\s+mind|target)"
    r"(?:\s+are)?\s+"
    r"|(?:this\s+)?(?:campaign|it)\s+is\s+for\s+|\bit(?:'s|’s)\s+for\s+|\bin\s+front\s+of\s+|\bwe\s+want\s+\b(?=(?:[a-z-]+\s+){1,3}(?:who|with|aged|in)\b)"
    r"|\b(?:ideal|best|main|core|primary|key)\s+(?:buyers?|customers?|clients?|prospects?|audiences?|targets?|users?)"
    r"\s+(?:would\s+be|will\s+be|are|is)\s+"
    r"|\b(?:target|targets|targeting|reach|reaches|reaching)\s*:?\s+(?!(?!"
    + AGE
    + r")\d|the\s+\d|out\b|(?:is|are|was|of|for|=)\b|"
    rf"(?!(?i:{PEOPLE})\b)\w+\s+\d)"
    r"|\b(?:promot(?:e|es|ed|ing)|sell(?:s|ing)?|market(?:s|ed|ing)?|push(?:es|ed|ing)?|pitch(?:es|ed|ing)?|sold|"
    r"advertis(?:e|es|ed|ing)|introduc(?:e|es|ed|ing)|offer(?:s|ed|ing)?|bring(?:s|ing)?)\b"
    r"[^.;\n]{0,60}?\b(?<!-up )to\s+(?!\d|be\b|get\b|hit\b|"
    r"drive\b|reach\b|go\b|run\b|make\b|the\s+(?:US|UK)\b)"
    r"|\d[\d,.k]*\s+(?:[\w-]+\s+){0,3}?from\s+(?!\d|the\s+(?:US|UK)\b|[A-Z]{2}\b)"
    r"|\bwho\s+we\s+want\s*:\s*|\bwe(?:'re|’re|\s+are)\s+after\s+(?=[a-z])"
    r"|\b(?:win\s+back|re-?engage|reactivate|retarget|bring\s+back|upgrade|upsell|cross-sell|migrate)\s+(?=[a-z])"
    r"|\b(?:(?:mostly|mainly|usually|typically|often)\s+)?(?:booked|bought|used|ordered|chosen)\s+by\s+(?=[a-zA-Z])",
    re.IGNORECASE | re.MULTILINE,
)
_POSTPOSED = re.compile(
    r"(?:^|(?<=[.!?;\n]))[ \t]*(?P<aud>[^.;!?\n]{3,160}?)\s+(?:are|is)\s+(?:who\s+we(?:'re|’re|\s+are)?\s+"
    r"(?:want(?:\s+to\s+reach)?|after|targeting|trying\s+to\s+reach)|the\s+(?:people|ones|folks|customers)\s+we"
    r"(?:'d|’d|\s+would|'re|’re|\s+are)?\s+(?:love|like|want|hope|trying|after|targeting)"
    r"|our\s+(?:main\s+|core\s+|primary\s+)?"
    r"(?:target(?:\s+(?:audience|market|group|customers))?|audience|market)|the\s+(?:target\s+)?audience)\b",
    re.IGNORECASE,
)
"""'Learner riders aged 17-30 in Bristol are who we want': the audience stated before its cue."""
_SPEAKER = r"(?:\[[^\]\n]{1,20}\]\s*)?(?:[A-Za-z][\w .'-]{0,20}:\s*)?"
_WHO_QUESTION = re.compile(
    rf"(?im)^{_SPEAKER}(?:who(?:'s|’s|\s+is|\s+are)?(?:\s+(?:it|this|the\s+campaign))?(?:\s+for)?|audience|"
    r"target(?:\s+audience)?|who\s+are\s+we\s+(?:targeting|after)|who\s+(?:should|do)\s+we\s+(?:reach|target))"
    rf"\s*\?[ \t]*\n{_SPEAKER}"
)
"""A chat or interview: 'growth: who?' and the answer on the next line."""
_CHANNEL_ALT = "|".join(w for words in CHANNEL_WORDS.values() for w in words)
_PURPOSE = (
    r"onboard|get|reach|drive|sell|grow|win|hit|book|sign|register|recruit|find|attract|convert|bring|help|make|"
    r"see|build|launch|promote|boost|increase|generate|fill|add|acquire|gain|file|join|visit|switch|dedicate|"
    r"donate|give|apply|enrol|enroll|download|install|order|pre-order|come|attend|claim|request|start|take|try|"
    r"buy|use|renew|upgrade|shop|pick|vote|check|learn|discover|choose|pay|save|open|subscribe|complete|upload|"
    r"share|refer|invest|test|trial|rent|stay|spend|return|sponsor|volunteer|pledge|call|contact|enter|submit"
)
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_AUD_STOP = re.compile(
    r"[.;!?]|:\s|\n(?=\s*(?:[-*•▪→+>|\[]|\d+[.)]|[A-Za-z][\w /&'-]{0,30}:|Q[.:]|A[.:]|\n))|(?<=[,:])\n|[ \t]{2,}"
    r"|,\s*(?:with|and\s+(?:we|a|our|the\s+budget|honestly)|budget|running|via|using|starting|from\s+\d)\b"
    r"|,\s*(?=[A-Z]{0,3}[£$€¥]|[A-Z]{3}\s?\d|\d+(?:[.,]\d+)?\s?k\b|(?:about|around|roughly)\s+[£$€¥\d])"
    r"|,\s*(?:we|we're|we’re|we'd|we’d|i|it|our|they|starts?|kick\w*|launch\w*|go(?:es)?\s+live|begin\w*)\b"
    r"|\s+(?:with\s+a\s+budget|at\s+a\s+cost|at\s+no\s+more|for\s+\d|by\s+(?:the\s+end|\d))\b"
    r"|\s+(?:at|for)\s+(?:(?:under|below|less\s+than|most|max(?:imum)?|up\s+to|around|about|roughly)\s+)?"
    r"(?:[A-Z]{0,3}[£$€¥]|\d[\d,.]*\s*(?:[A-Z]{3}|euros?|dollars?|pounds?|quid)\b)"
    r"|\s+at\s+(?:a|an)\s+(?:cpa|cpl|cac|roas|ctr|cost|price)\b"
    r"|\s+(?:using|via|through|on|across|with|over)\s+(?:our\s+|the\s+|a\s+)?(?=" + _CHANNEL_ALT + r")"
    r"|,\s*(?=(?:"
    + _CHANNEL_ALT
    + r")\b)|\s+with\s+(?=(?:about\s+|around\s+)?[£$€¥]\s?\d[\d,.]*\s?[km]?\s+(?:across|on|over|in|for|to|of|budget)\b)"
    r"|\s+[—–]\s+|\s+\|"
    r"|\s+-\s+(?=[a-z])"  # 'families near Darlington - honestly that's who books': an aside follows
    r"|(?<!ing)(?<!ed)(?<!\bup),?\s+for\s+the\s+(?-i:[A-Z])"  # 'adults with diabetes for the GlucoFit Study'
    # (but 'students preparing for the SQE', 'people who signed up for the Spring Fair' are who they are)
    r"|(?<!want)(?<!need)(?<!like)(?<!love)(?<!hope)(?<!plan)(?<!keen)(?<!able)(?<!ready)(?<!trying)(?<!looking)"
    r"(?<!wanting)(?<!planning)(?<!hoping)(?<!eager)(?<!learn)(?<!learning)(?<!how)(?<!going)(?<!used)"
    rf"(?<!afford)(?<!struggle)(?<!struggling)\s+to\s+(?=(?:{_PURPOSE})\b)"
    r"|\s+and\s+(?:we\s+|they\s+)?(?:want|need|would|'d|’d|hope|expect|aim|plan|will|should|must)\b"
    r"|\s+(?:before|ahead\s+of)\s+the\b"
    r"|\s+(?:start|starts|starting|run|runs|running|launch(?:es|ing)?|begin(?:s|ning)?|live|go\s+live)\s+"
    r"(?:from\s+|on\s+|in\s+)?(?=\d{1,2}(?:st|nd|rd|th)?\s*(?:[/.-]\d|"
    + _MONTHS
    + r"\b)|"
    + _MONTHS
    + r"\s+\d|next\b|mid\b|w/c\b)",
    re.IGNORECASE,
)

_TIME_STOP = re.compile(
    r"\s+(?:over|for|during|across)\s+(?:the\s+)?(?:next\s+|coming\s+|first\s+)?(?:\d+|an?|one|two|three|four|five|"
    r"six|seven|eight|nine|ten|twelve|a\s+few|several)\s+(?:days?|weeks?|months?)\b"
    r"|\s+(?:in|during|throughout|over|from|until|till|before)\s+(?:(?:early|mid|late)[- ]?)?"
    rf"(?:{_MONTHS}\b(?!\s+\d{{4}})|"
    r"Q[1-4]\b)"
    r"|\s+(?:this|next|over\s+the|during\s+the)\s+(?:winter|summer|spring|autumn|fall|christmas|easter|holidays|"
    r"month|week|year|season|quarter|term|half[- ]term|new\s+year)\b"
    r"|\s+but\s+(?:we|i|our|they|it|the|also)\b",
    re.IGNORECASE,
)
_OCCASION_STOP = re.compile(
    r"\s+(?:for|ahead\s+of|before|during|over|in\s+time\s+for|this)\s+(?:the\s+)?(?:"
    + "|".join(re.escape(o).replace("'", "['’]?").replace("\\ ", r"[\s-]+") for o in OCCASIONS)
    + r")(?![\w])",
    re.IGNORECASE,
)
"""'dads in Sydney for Father's Day': the campaign's occasion (not 'americans flying to japan for cherry blossom
season', where it is the people's own purpose)."""
_IN_PARTICIPLE = re.compile(r"\b\w+ing\s+(?:[\w'’-]+\s+){0,4}$", re.IGNORECASE)
"""'gin lovers across the UK in November', '... over six weeks', '... this winter': the campaign's timing."""
_CHANNEL_STOP = re.compile(r"\s+(?:using|via|through|on|across|with|over)\s", re.IGNORECASE)
_IN_RELATIVE = re.compile(r"\b(?:who|that)\s+(?:[\w'’-]+\s+){1,4}$", re.IGNORECASE)
"""'people who follow us on Instagram': a channel inside a relative clause says what the people do."""
_COUNT = re.compile(
    r"\s+\d[\d,.]*k?\s+(?![-–]|to\s+\d|\+|s\b|(?:year|yr)s?\b|and\s+\d|or\s+\d)(?=[a-z])", re.IGNORECASE
)
_COUNT_OK_BEFORE = re.compile(
    r"\b(?:aged?|ages|over|under|between|and|or|to|than|with|of|least|top|from|in|since|after|before|"
    r"past|last|first|about|around|within|type|stage|grade|level|tier|year|zone|band|class|phase|gen|"
    # an age range in other languages: 'de 25 a 45 años', 'zwischen 30 und 50', 'tra 30 e 60 anni'
    r"de|a|entre|von|ab|zwischen|bis|und|dès|à|et|tra|da|di|e|y|od|do|van|tot|en)$",
    re.IGNORECASE,
)


_NOT_AUDIENCE = re.compile(
    rf"^(?!(?:an?\s+)?(?:{AGE})|\d{{1,2}}s\b)"
    r"(?:a\s+|an\s+|the\s+)?(?:cpa|cpl|cac|ctr|roas|cost|outcome|kpi|goal|budget|\d|[$€£¥]|[A-Z]{3}\s?\d|no\s+more|"
    r"at\s+least|under|below|above|open\s+rate|conversion|click|revenue)",
    re.IGNORECASE,
)


def _clean_audience(raw: str) -> str:
    value = raw.strip(" ,:-–—.\"'")
    value = re.sub(r"^\([^()\n]{0,60}\)\s*[:=–—-]?\s*", "", value)  # 'Target Audience (age, location): ...'
    value = re.sub(r"^(?i:primary|main|core)(?:\s+audience)?\s*[:=–—-]\s*", "", value)  # '2.1 Primary: ...'
    value = re.sub(
        r"^(?i:we|i)\b[^:,.\n]{0,30}?(?:\s+(?:is|are)\s+|\s*:\s*)", "", value
    )  # "[who] we're targeting is"
    return re.sub(r"^(?i:for|among|amongst|from|more|is|are)\s+(?=\S)", "", value)


def find_audience(
    text: str, segments: list[Segment], is_place_only: object, product: Found | None = None
) -> Found | None:
    """Who the campaign should reach, in the marketer's words, however it is introduced: a label, a question
    answered on the next line, a cue ('aimed at', 'targeting', 'it's for', '... are who we want'), the words after
    the product ('PawPals group walks to busy professionals'), the object of a verb or preposition that names
    people, or a clause that names a group of people. The fullest people phrase wins over a bare noun."""

    def overlaps_product(start: int, end: int) -> bool:
        return product is not None and start < product.end and product.start < end

    def before_product(found: Found | None) -> Found | None:
        """'sales ops managers at startups with PipeNest CRM': the audience ends where the product starts."""
        if found is None or product is None or not (found.start < product.start < found.end):
            return found
        value = re.sub(
            r"(?:\s+(?:with|for|about|on|to|of|the|our|a|an))*\s*$", "", text[found.start : product.start]
        )
        value = _clean_audience(value)
        if len(value) < 3 or re.fullmatch(r"(?i:our|the|an?|my|their|its|this)", value):
            return None
        return Found(value, found.start, found.start + len(value))

    for seg in segments:
        if seg.field == "audience" and seg.value:
            first = re.split(r"[.;!?](?:\s|$)", seg.value, maxsplit=1)[0]  # the label's own sentence
            first = re.sub(r"^(?i:is|are|=|sind|ist|est|sont|es|son|zijn)\s+", "", first)  # 'audience is ...'
            when = _TIME_STOP.search(first)
            first = (
                first[: when.start()]
                if when and not _IN_RELATIVE.search(first[: when.start()] + " ")
                else first
            )

            value = (
                _clean_audience(_AUD_STOP.split(seg.value, maxsplit=1)[0])
                if "\n" in seg.value
                else _clean_audience(first)
            )
            code = re.match(
                r"[A-Za-z]{3}\s?\d", value
            )  # 'men 25-40' under a label is people, 'USD 5k' is not
            not_people = _NOT_AUDIENCE.match(value) and not (code and not code.group(0)[:3].isupper())
            if value and not not_people and not _only_places(value, is_place_only):
                at = text.find(value, seg.value_start)
                at = at if at >= 0 else seg.value_start
                return Found(value, at, at + len(value))
    for q in _WHO_QUESTION.finditer(text):
        found = _audience_after(text, q.end(), is_place_only)
        if found and names_people(found.value):
            return found
    for p in _POSTPOSED.finditer(text):
        value = _clean_audience(p.group("aud"))
        if names_people(value) and not overlaps_product(p.start("aud"), p.end("aud")):
            at = text.find(value, p.start("aud"))
            return Found(value, at, at + len(value))
    for m in _AUD_CUES.finditer(text):
        found = before_product(_audience_after(text, m.end(), is_place_only))
        if found and re.search(r"\bfrom\s*$", m.group(0), re.I) and not names_people(found.value):
            continue  # '500 sign-ups from our website', 'visitors expected from across Yorkshire'
        if found and not overlaps_product(found.start, found.end):
            return found
    weak = [m.end() for m in _WEAK_CUES.finditer(text)]
    if product is not None:
        after = re.match(r"[\s,]*(?:(?:is|are|'s|’s)\s+for|to|for|among|at|[—–-])\s+", text[product.end :])
        weak.insert(0, product.end + after.end()) if after else None
    clause = _people_clause(text, segments, is_place_only)
    for at in weak:
        if clause and re.search(r"(?:" + _CHANNEL_ALT + r")\s+to\s+$", text[max(0, at - 30) : at], re.I):
            continue  # 'email to lapsed users' beside a clause naming the audience: which list a channel uses
        if re.search(r"\bto\s+$", text[max(0, at - 4) : at]) and _INFINITIVE.match(text, at):
            continue  # 'trying to onboard 1500 new sellers'
        found = before_product(_audience_after(text, at, is_place_only))
        if found and _TITLE_NAME.fullmatch(found.value) and re.search(r"[A-Z][\w&'’-]*\s+for\s+$", text[:at]):
            continue  # 'Trailblazer for Teams', 'Taskloom for Agencies': a product's name
        if found and not overlaps_product(found.start, found.end) and names_people(found.value):
            if clause and clause.start <= found.start < clause.end:
                return clause  # 'people buying gifts for gin lovers': the whole clause, not its object
            if clause and _richness(clause.value) > _richness(found.value):
                return clause  # 'Agencies' in a product's name; the list names 'creative agency owners in the UK'
            return found
    return clause


_TITLE_NAME = re.compile(r"[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*)?")


def _richness(value: str) -> int:
    """How fully a phrase describes people: one point each for an age, a place and a relative clause."""
    age = bool(AGE_RE.search(value) or re.search(r"\baged?\s+\d|\b\d{2}\s?[-–]\s?\d{2}\b", value))
    place = bool(re.search(r"\b(?:in|around|across|near|throughout)\s+(?:the\s+)?[A-Za-z]", value))
    relative = bool(re.search(r"\b(?:who|that|with|living|aged)\b|\w+ing\b", value))
    return int(age) + int(place) + int(relative)


_WEAK_CUES = re.compile(
    r"(?:\b(?:for|to|among|amongst|from)|\b(?:booked|bought|purchased|ordered|claimed|redeemed|completed|"
    r"downloaded|requested|taken|filed|submitted|attended|reserved|signed\s+up|pre-ordered|installed|activated|"
    r"opened|renewed|donated)\s+by)\s+"
    r"(?!our\b|the\b|a\b|an\b|\d(?!\d?\s?(?:[-–]|to)\s?\d{1,2}\s*[-\s]?(?:year|yr)))"
    r"|\b(?:we(?:'d|’d)?\s+(?:want|like|need|love)(?:\s+to\s+(?:reach|hit))?|want(?:s|ed)?(?:\s+to\s+hit)?)\s+"
    r"(?!new\b|more\b|to\b)(?=[a-z])"
    # the same prepositions in the languages briefs arrive in ('auprès des foodies', 'bei HR-Leitern', 'ai turisti',
    # 'para amantes de ...', 'aux maîtres de chai'); the people word is checked on what follows
    r"|\b(?i:auprès\s+(?:des?|du|de\s+la)|aux|pour\s+(?:les|des)|para(?:\s+(?:los|las|os|as))?|aos|às|ai|agli|"
    r"alle|per\s+(?:i|gli|le)|bei|für|voor|aan|bij|dla|entre|tra|fra|junto\s+(?:de|a)\s+(?:los|las|os|as))\s+"
    r"(?!die\b|der\b|das\b|den\b|dem\b|la\b|el\b|il\b|lo\b|o\b|de\b)"
    # Spanish 'a' and German 'an' only right before the people ('a bartenders y ...', 'an sportliche Wanderer')
    rf"|\b(?:a(?:\s+(?:los|las))?|an)\s+(?=(?:[a-zäöüß]+e[nrsm]?\s+)?(?:(?i:{PEOPLE})\b|[a-zà-ÿ]\w+(?:ers|ists|ians)\b))"
    r"|\b(?:invite|encourage|persuade|urge|convince|inspire|remind|welcome|attract|engage|court)s?\s+"
    r"(?!our\b|the\b|a\b|an\b)(?=[a-z])"
    r"|\b(?:get|help|ask|tell|nudge|motivate)s?\s+(?:\d[\d,.]*k?\s+(?:more\s+|new\s+)?)?"
    rf"(?!us\b|our\b|the\b|a\b|an\b|more\b)(?=[a-z][^.;!?\n]{{0,60}}?\s+to\s+(?:{_PURPOSE})\b)",
    re.IGNORECASE,
)


_INFINITIVE = re.compile(
    rf"(?i:{_PURPOSE}|invite|encourage|persuade|urge|convince|inspire|remind|welcome|ask|tell|show|let|offer)\b"
)
"""'trying to onboard 1500 new sellers', 'we'd like to invite supporters': a verb, not the people after 'to'."""


_CONTROL_GROUP = re.compile(
    r"\b(?:control\s+(?:group|cell)|hold-?out|held\s+(?:out|back)|hold\s+(?:out|back)|as\s+(?:a\s+)?control)\b",
    re.IGNORECASE,
)
"""'15% of the target accounts as a control group' states the holdout, not who the campaign reaches."""


def _stop_at(rest: str) -> int | None:
    """Where a people phrase starting ``rest`` ends (None: no stop within the text)."""
    end = None
    for stop in _AUD_STOP.finditer(rest):
        lead = rest[: stop.start()]
        if _CHANNEL_STOP.match(stop.group(0)) and _IN_RELATIVE.search(lead + " "):
            continue  # 'people who follow us on Instagram'
        end = stop.start()
        break
    for when in _TIME_STOP.finditer(rest[:end]):
        if not _IN_RELATIVE.search(rest[: when.start()] + " "):  # 'customers who bought in March' keep it
            end = when.start()
            break
    for when in _OCCASION_STOP.finditer(rest[:end]):
        lead = rest[: when.start()] + " "
        if not (_IN_RELATIVE.search(lead) or _IN_PARTICIPLE.search(lead)):
            return when.start()
    return end


def _cut_count(value: str) -> str:
    """'volunteers for the christmas rush 200 new volunteer sign ups': a count after the people ends them (an age,
    a year or a quantity they have stays: 'kids 5 to 10', 'married in 2027', 'firms with 50 staff')."""
    for m in _COUNT.finditer(value):
        if not _COUNT_OK_BEFORE.search(value[: m.start()]):
            return value[: m.start()]
    return value


def _audience_after(text: str, at: int, is_place_only: object) -> Found | None:
    rest = text[at:]
    stop = _stop_at(rest)
    value = _clean_audience(_cut_count(rest[:stop] if stop is not None else rest[:160]))
    if len(value) < 3 or len(value) > 160 or _NOT_AUDIENCE.match(value) or _only_places(value, is_place_only):
        return None
    if re.fullmatch(r"(?i:people|persons|everyone|everybody|anyone|anybody|folks|them|others)", value):
        return None  # 'we want people to try ...' names nobody in particular
    tail = re.split(r"[.;!?\n]", rest[len(value) : len(value) + 40], maxsplit=1)[0]
    if _CONTROL_GROUP.search(value) or _CONTROL_GROUP.search(tail):
        return None
    start = at + rest.index(value) if value in rest else at
    return Found(value, start, start + len(value))


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
    if _only_places(nxt, is_place_only):
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


def _people_clause(text: str, segments: list[Segment], is_place_only: object) -> Found | None:
    """Fallback for list-like briefs: a clause that names a group of people and states nothing else
    ('night-shift workers and students near campus', 'commuters aged 20-35'). Places listed after it with commas
    belong to it ('travellers in London, Paris and Frankfurt'). A labelled line's later clauses count too
    ('Budget 35.000 € on Google Ads, households in Madrid and Valencia, 900 switches'); in a run-on without
    punctuation, a people phrase with an age, a place or a 'who' clause is read up to the next fact."""
    sep = r"(,\s+|:\s+|\s+[—–]\s+|[ \t]{2,}|(?<=[\w)])[.!?;]\s+(?=[a-z]))"
    run_on: Found | None = None
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
            at = text.find(clause, start)
            end = at + len(clause)
            k = i - 2  # 'Designers, writers and developers who invoice clients': the list's earlier items
            while k >= 0 and pieces[k + 1].startswith(",") and _LIST_ITEM.fullmatch(pieces[k].strip()):
                at = text.rfind(pieces[k].strip(), seg.start, at)
                k -= 2
            for j in range(i + 1, len(pieces) - 1, 2):  # ', Paris and Frankfurt', ', 18-34'
                nxt = pieces[j + 1].strip(" .!?")
                age = re.fullmatch(r"(?:aged\s+)?\d{2}\s?[-–+]\s?(?:\d{2})?|\d{2}\+", nxt)
                if not pieces[j].startswith(",") or not nxt:
                    break
                if not (age or _continues_places(text[at:end], nxt, is_place_only)):
                    break
                end = text.find(nxt, end) + len(nxt)
            value = _clean_audience(text[at:end])
            at = text.find(value, at)
            return Found(value, at, at + len(value))
    return run_on


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
    if re.match(r"(?i:\w{2,}(?:amos|emos|imos|iamo|ons)|wir|nous|on|noi|nós|wij|my)\b", clause):
        return False  # 'Queremos captar clientes para ...', 'Vogliamo ...', 'Nous voulons ...': a sentence of ours

    if re.search(r"\b(?:team|department|dept|office|desk)$", clause, re.I):
        return False  # 'Cumbria fostering team', 'To: agency team': who writes or reads the brief
    who = PEOPLE_RE.search(head) or ORGS_RE.search(head)
    if (
        not who
        or _only_places(clause, is_place_only)
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
_GREETING = re.compile(
    r"(?i:hi|hello|hey|dear|hiya|morning|thanks|thank\s+you|cheers|regards|best|kind\s+regards|many\s+thanks)\b"
)
_RUN_ON_HEAD = re.compile(rf"\b(?:(?i:{PEOPLE})|(?i:{AGE}))", re.IGNORECASE)


def _people_in_run_on(text: str, at: int, clause: str, is_place_only: object) -> Found | None:
    """'... facebook and instagram mums and dads planning kids parties in cork city 50 orders over march': the first
    people phrase with a qualifier, from its head to the next fact."""
    for m in _RUN_ON_HEAD.finditer(clause):
        found = _audience_after(text, at + m.start(), is_place_only)
        if found and found.start == at + m.start() and _richness(found.value) >= 2:
            return found
    return None


def _only_places(value: str, is_place_only: object) -> bool:
    return bool(callable(is_place_only) and is_place_only(value))
