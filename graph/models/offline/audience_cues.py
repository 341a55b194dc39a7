"""The cues that introduce an audience: labels and verbs ('aimed at', 'targeting'), the audience stated before its
cue, a question answered on the next line, and the weak cues (a preposition or verb whose object may be people)."""

from __future__ import annotations

import re

from graph.models.offline.audience_bounds import PURPOSE
from graph.models.offline.people import AGE, AGENTS, PEOPLE

AUD_CUES = re.compile(
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
POSTPOSED = re.compile(
    r"(?:^|(?<=[.!?;\n]))[ \t]*(?P<aud>[^.;!?\n]{3,160}?)\s+(?:are|is)\s+(?:who\s+we(?:'re|’re|\s+are)?\s+"
    r"(?:want(?:\s+to\s+reach)?|after|targeting|trying\s+to\s+reach)|the\s+(?:people|ones|folks|customers)\s+we"
    r"(?:'d|’d|\s+would|'re|’re|\s+are)?\s+(?:love|like|want|hope|trying|after|targeting)"
    r"|our\s+(?:main\s+|core\s+|primary\s+)?"
    r"(?:target(?:\s+(?:audience|market|group|customers))?|audience|market)|the\s+(?:target\s+)?audience)\b",
    re.IGNORECASE,
)
"""'Learner riders aged 17-30 in Bristol are who we want': the audience stated before its cue."""
_SPEAKER = r"(?:\[[^\]\n]{1,20}\]\s*)?(?:[A-Za-z][\w .'-]{0,20}:\s*)?"
WHO_QUESTION = re.compile(
    rf"(?im)^{_SPEAKER}(?:who(?:'s|’s|\s+is|\s+are)?(?:\s+(?:it|this|the\s+campaign))?(?:\s+for)?|audience|"
    r"target(?:\s+audience)?|who\s+are\s+we\s+(?:targeting|after)|who\s+(?:should|do)\s+we\s+(?:reach|target))"
    rf"\s*\?[ \t]*\n{_SPEAKER}"
)
"""A chat or interview: 'growth: who?' and the answer on the next line."""

WEAK_CUES = re.compile(
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
    # Italian 'per' and the Nordic 'til', 'till', 'hos' right before the people ('per ristoratori e buongustai',
    # 'til boligejere med oliefyr', 'till småföretagare')
    rf"|\b(?:per|til|till|hos|åt)\s+(?=(?:[a-zà-ÿ]+\s+)?(?:(?i:{PEOPLE})|{AGENTS}|[a-zåäöæø]\w+(?:are|ere))\b)"
    r"|\b(?:invit|encourag|persuad|urg|convinc|inspir|remind|welcom|attract|engag|court)(?:es?|s|ing)?\s+"
    r"(?!our\b|the\b|a\b|an\b)(?=[a-z])"
    r"|\b(?:gets?|getting|helps?|helping|asks?|asking|tells?|telling|nudges?|nudging|motivates?|motivating)\s+(?:\d[\d,.]*k?\s+(?:more\s+|new\s+)?)?"
    rf"(?!us\b|our\b|the\b|a\b|an\b|more\b)(?=[a-z][^.;!?\n]{{0,60}}?\s+to\s+(?:{PURPOSE})\b)",
    re.IGNORECASE,
)


INFINITIVE = re.compile(
    rf"(?i:{PURPOSE}|invite|encourage|persuade|urge|convince|inspire|remind|welcome|ask|tell|show|let|offer)\b"
)
"""'trying to onboard 1500 new sellers', 'we'd like to invite supporters': a verb, not the people after 'to'."""
