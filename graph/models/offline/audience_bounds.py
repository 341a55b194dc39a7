"""Where a people phrase ends and how it is cleaned: the stops (a purpose, a new clause, a channel, a budget, a
count, the campaign's timing or occasion) and the reading of one phrase from a given offset."""

from __future__ import annotations

import re

from graph.models.offline.channels import CHANNEL_WORDS, Found
from graph.models.offline.people import AGE, names_people
from graph.models.offline.sentences import NOT_ABBREVIATION
from graph.models.offline.theme import OCCASIONS

CHANNEL_ALT = "|".join(w for words in CHANNEL_WORDS.values() for w in words)
PURPOSE = (
    r"onboard|get|reach|drive|sell|grow|win|hit|book|sign|register|recruit|find|attract|convert|bring|help|make|"
    r"see|build|launch|promote|boost|increase|generate|fill|add|acquire|gain|file|join|visit|switch|dedicate|"
    r"donate|give|apply|enrol|enroll|download|install|order|pre-order|come|attend|claim|request|start|take|try|"
    r"buy|use|renew|upgrade|shop|pick|vote|check|learn|discover|choose|pay|save|open|subscribe|complete|upload|"
    r"share|refer|invest|test|trial|rent|stay|spend|return|sponsor|volunteer|pledge|call|contact|enter|submit|"
    r"tell|talk|speak|consider|write|plan|think|leave|read|watch|listen"
)
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
AUD_STOP = re.compile(
    rf"(?-i:{NOT_ABBREVIATION})\.|"
    r"[;!?]|:\s|\n(?=\s*(?:[-*•▪→+>|\[]|\d+[.)]|[A-Za-z][\w /&'-]{0,30}:|Q[.:]|A[.:]|\n))|(?<=[,:])\n|[ \t]{2,}"
    r"|,\s*(?:with|and\s+(?:we|a|our|the\s+budget|honestly)|budget|running|via|using|starting|from\s+\d)\b"
    r"|,\s*(?=[A-Z]{0,3}[£$€¥]|[A-Z]{3}\s?\d|\d+(?:[.,]\d+)?\s?k\b|(?:about|around|roughly)\s+[£$€¥\d])"
    r"|,\s*(?:we|we're|we’re|we'd|we’d|i|it|our|they|starts?|kick\w*|launch\w*|go(?:es)?\s+live|begin\w*)\b"
    r"|\s+(?:with\s+a\s+budget|at\s+a\s+cost|at\s+no\s+more|for\s+\d|by\s+(?:the\s+end|\d))\b"
    r"|\s+(?:at|for)\s+(?:(?:under|below|less\s+than|most|max(?:imum)?|up\s+to|around|about|roughly)\s+)?"
    r"(?:[A-Z]{0,3}[£$€¥]|\d[\d,.]*\s*(?:[A-Z]{3}|euros?|dollars?|pounds?|quid)\b)"
    r"|\s+at\s+(?:a|an)\s+(?:cpa|cpl|cac|roas|ctr|cost|price)\b"
    r"|\s+(?:using|via|through|on|across|with|over)\s+(?:our\s+|the\s+|a\s+)?(?=" + CHANNEL_ALT + r")"
    r"|,\s*(?=(?:"
    + CHANNEL_ALT
    + r")\b)|\s+with\s+(?=(?:about\s+|around\s+)?[£$€¥]\s?\d[\d,.]*\s?[km]?\s+(?:across|on|over|in|for|to|of|budget)\b)"
    r"|\s+[—–]\s+|\s+\|"
    r"|\s+-\s+(?=[a-z])"  # 'families near Darlington - honestly that's who books': an aside follows
    r"|(?<!ing)(?<!ed)(?<!\bup),?\s+for\s+the\s+(?-i:[A-Z])"  # 'adults with diabetes for the GlucoFit Study'
    # (but 'students preparing for the SQE', 'people who signed up for the Spring Fair' are who they are)
    r"|(?<!want)(?<!need)(?<!like)(?<!love)(?<!hope)(?<!plan)(?<!keen)(?<!able)(?<!ready)(?<!trying)(?<!looking)"
    r"(?<!wanting)(?<!planning)(?<!hoping)(?<!eager)(?<!learn)(?<!learning)(?<!how)(?<!going)(?<!used)"
    rf"(?<!afford)(?<!struggle)(?<!struggling)\s+to\s+(?=(?:{PURPOSE})\b)"
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

TIME_STOP = re.compile(
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
IN_RELATIVE = re.compile(r"\b(?:who|that)\s+(?:[\w'’-]+,?\s+){1,4}$", re.IGNORECASE)
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


NOT_AUDIENCE = re.compile(
    rf"^(?!(?:an?\s+)?(?:{AGE})|\d{{1,2}}s\b)"
    r"(?:a\s+|an\s+|the\s+)?(?:cpa|cpl|cac|ctr|roas|cost|outcome|kpi|goal|budget|\d|(?-i:[A-Z]{0,3})[$€£¥₩₹]|"
    r"(?-i:[A-Z]{3})\s?\d|" + _MONTHS + r"\.?\s+\d|no\s+more|"
    r"at\s+least|under|below|above|open\s+rate|conversion|click|revenue)",
    re.IGNORECASE,
)


def clean_audience(raw: str) -> str:
    value = raw.strip(" ,:-–—.\"'")
    value = re.sub(r"^\([^()\n]{0,60}\)\s*[:=–—-]?\s*", "", value)  # 'Target Audience (age, location): ...'
    value = re.sub(r"^(?i:primary|main|core)(?:\s+audience)?\s*[:=–—-]\s*", "", value)  # '2.1 Primary: ...'
    value = re.sub(
        r"^(?i:we|i)\b[^:,.\n]{0,30}?(?:\s+(?:is|are)\s+|\s*:\s*)", "", value
    )  # "[who] we're targeting is"
    return re.sub(r"^(?i:for|among|amongst|from|more|is|are)\s+(?=\S)", "", value)


_CONTROL_GROUP = re.compile(
    r"\b(?:control\s+(?:group|cell)|hold-?out|held\s+(?:out|back)|hold\s+(?:out|back)|as\s+(?:a\s+)?control)\b",
    re.IGNORECASE,
)
"""'15% of the target accounts as a control group' states the holdout, not who the campaign reaches."""


def _stop_at(rest: str) -> int | None:
    """Where a people phrase starting ``rest`` ends (None: no stop within the text)."""
    end = None
    for stop in AUD_STOP.finditer(rest):
        lead = rest[: stop.start()]
        if _CHANNEL_STOP.match(stop.group(0)) and IN_RELATIVE.search(lead + " "):
            continue  # 'people who follow us on Instagram'
        end = stop.start()
        break
    for when in TIME_STOP.finditer(rest[:end]):
        if not IN_RELATIVE.search(rest[: when.start()] + " "):  # 'customers who bought in March' keep it
            end = when.start()
            break
    for when in _OCCASION_STOP.finditer(rest[:end]):
        lead = rest[: when.start()] + " "
        if not (IN_RELATIVE.search(lead) or _IN_PARTICIPLE.search(lead)):
            return when.start()
    return end


def _cut_count(value: str) -> str:
    """'volunteers for the christmas rush 200 new volunteer sign ups': a count after the people ends them (an age,
    a year or a quantity they have stays: 'kids 5 to 10', 'married in 2027', 'firms with 50 staff')."""
    for m in _COUNT.finditer(value):
        if not _COUNT_OK_BEFORE.search(value[: m.start()]):
            return value[: m.start()]
    return value


def audience_after(text: str, at: int, is_place_only: object) -> Found | None:
    rest = text[at:]
    stop = _stop_at(rest)
    value = clean_audience(_cut_count(rest[:stop] if stop is not None else rest[:160]))
    if len(value) < 3 or len(value) > 160 or NOT_AUDIENCE.match(value) or only_places(value, is_place_only):
        return None
    if re.fullmatch(r"(?i:people|persons|everyone|everybody|anyone|anybody|folks|them|others)", value):
        return None  # 'we want people to try ...' names nobody in particular
    tail = re.split(r"[.;!?\n]", rest[len(value) : len(value) + 40], maxsplit=1)[0]
    if _CONTROL_GROUP.search(value) or _CONTROL_GROUP.search(tail):
        return None
    start = at + rest.index(value) if value in rest else at
    colon = re.match(r"\s*:\s+", text[start + len(value) :])
    if colon and len(value.split()) <= 3:  # 'looking for diners: bus tour groups and families from ...'
        named = audience_after(text, start + len(value) + colon.end(), is_place_only)
        if named and names_people(named.value):
            return named
    return Found(value, start, start + len(value))


def only_places(value: str, is_place_only: object) -> bool:
    return bool(callable(is_place_only) and is_place_only(value))
