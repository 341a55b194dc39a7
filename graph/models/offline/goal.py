"""The campaign's stated aim, in the brief's words.

A goal is the outcome the marketer wants counted: a goal-labelled line, the words around a count or revenue target
('1,200 online orders'), or — when no number is given — an outcome named after a wish or an aim ('we want more
bookings', 'we need sign-ups for Docket', 'is looking for regular donors', 'Brand awareness for ...'). A verb with
the product or the audience as its object ('grow SleepWell among shift workers', 'boost the knitting kit to
crafters') states no outcome and is not a goal.
"""

from __future__ import annotations

import re

from graph.models.offline.channels import Found
from graph.models.offline.kpi_words import kind_patterns
from graph.models.offline.kpis import KPIMention
from graph.models.offline.segments import Segment

_OUTCOME = "|".join(kind_patterns().values()) + (
    r"|quotes|clients|awareness|footfall|traffic|visits|walk-ins|referrals|reviews|donations"
)
_PEOPLE_OUTCOMES = re.compile(
    r"(?:members|customers|buyers|users|new users|subscribers|donors|givers|supporters|volunteers|clients|"
    r"followers|patrons|sellers)$",
    re.IGNORECASE,
)
_WISH_OUTCOME = re.compile(
    r"\b(?:wants?|wanted|need|needs|needed|looking\s+for|after|seeking|hoping\s+for|chasing|get|drive|driving|"
    r"generate|generating|increase|boost|grow|win|more)\s+"
    r"(?P<np>(?:(?:more|new|extra|additional|regular|repeat|recurring|lots\s+of|plenty\s+of)\s+)?"
    r"(?:[a-z][\w'’-]*\s+){0,2}?(?:" + _OUTCOME + r"))(?![\w-])",
    re.IGNORECASE,
)
_STATED_AIM = re.compile(
    r"\b(?:goal|aim|objective|purpose|focus|priority|kpi)s?\s+(?:is|are|=|:|-)\s+(?:simply\s+)?"
    r"(?:to\s+(?:drive|get|grow|increase|boost|generate|win|sell|raise)\s+)?"
    r"(?P<np>(?:(?:more|new|extra|additional|repeat)\s+)?(?:[a-z][\w'’-]*\s+){0,2}?(?:"
    + _OUTCOME
    + r"))(?![\w-])",
    re.IGNORECASE,
)
"""'the goal is online sales', 'our aim is more repeat bookings', 'objective is to drive awareness'."""
_OUTCOME_OPENER = re.compile(
    r"(?:\A|(?<=[-–—:,;]\s))(?P<np>(?:[A-Za-z][\w'’-]*\s+){0,2}?(?:" + _OUTCOME + r"))"
    r"\s+(?:for|of|at|through|via|on)\b",
    re.IGNORECASE,
)
"""A clause that opens with the outcome it wants: 'Halloween costume sales for Fright Night', 'quick one -
pre-orders for our Märzen', ', online sales at €5 back for every €1'."""
_CLAUSE_VERB = re.compile(
    r"\b(?:is|are|was|were|be|been|go|goes|went|will|would|open|opens|opened|start|starts|started|have|has|had|"
    r"launch|launches|launched|sell|sells|sold|begin|begins|rose|fell|grew|came)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[\w)%])[.!?]\s+(?=[A-Z£$€¥\d])")
"""A labelled goal ends with its sentence ('The aim: more walk-ins at our store. £1.5k on Instagram ...')."""
_AWARENESS = re.compile(r"\b(?:brand\s+)?awareness\b", re.IGNORECASE)
_MODIFIER_STOP = re.compile(
    r"\b(?:the|our|a|an|to|for|from|at|in|on|of|with|and|who|that|we|it|is|are|be|get|this|their|its)\b", re.I
)


def find_goal(text: str, segments: list[Segment], counts: list[KPIMention]) -> Found | None:
    """The stated aim: the goal-labelled line that holds the main target, else the words around the first count
    or revenue target, else any goal-labelled line, else an outcome named after a wish or an aim."""
    labelled = [s for s in segments if s.field == "goal" and s.value and re.search(r"[A-Za-z]", s.value)]
    for seg in labelled:
        if not counts or any(seg.start <= k.start < seg.end for k in counts):
            value = _SENTENCE_END.split(seg.value, maxsplit=1)[0].strip(" .")
            return Found(value, seg.value_start, seg.value_start + len(value))
    if counts:
        return _around_count(text, segments, counts[0])
    return _labelled_elsewhere(text) or _wished_outcome(text, segments)


_GOAL_LABEL = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\|\s))(?:(?:kampagnen)?ziele?|m[åa]l(?:et|s[æe]tning)?|cel(?:e|\s+kampanii)?|"
    r"objectifs?|objetivos?|metas?|doel(?:stelling)?|obiettiv[oi]|tavoite|tujuan|sasaran|c[ií]l|hedef)"
    r"\s*(?:\|\s*|:\s*|[-–]\s+)(?P<v>[^\n|]+)",
    re.IGNORECASE | re.MULTILINE,
)
"""A goal label in the other languages briefs arrive in ('Ziel:', 'Mål:', 'Cel:', 'Objectif :', '| Doel |')."""
_AIM_WORDS = re.compile(
    r"(?<![\w-])(?:" + _OUTCOME + r"|bekanntheit|markenbekanntheit|notori[ée]t[ée]|notoriedad|reconocimiento|"
    r"naamsbekendheid|k[äa]nnedom|kendskab|kjennskap|[śs]wiadomo[śs][ćc]|rozpoznawalno[śs][ćc]|"
    r"bekendtheid|tunnettuus)(?![\w-])",
    re.IGNORECASE,
)


def _labelled_elsewhere(text: str) -> Found | None:
    """'Ziel: mehr Buchungen im Frühjahr', 'Cel: więcej rezerwacji', 'Objectif : plus de réservations en ligne':
    a goal-labelled line in another language that names an outcome (a line naming none, as 'Meta: £2k' in a
    channel list, is not a goal)."""
    for m in _GOAL_LABEL.finditer(text):
        value = _SENTENCE_END.split(m.group("v"), maxsplit=1)[0].strip(" .")
        if _AIM_WORDS.search(value):
            return Found(value, m.start("v"), m.start("v") + len(value))
    return None


_QUALIFIER = re.compile(r"[ \t]+(?:that|which|who)(?:[ \t]+[\w'’-]+){1,5}?(?=[ \t]*(?:[.,;:!?)\n]|$))")
"""A relative clause that says which of the counted outcomes count: '90 calls that turn into clients', '400 leads
who book a demo', '300 trials which convert to paid'."""


def _around_count(text: str, segments: list[Segment], k: KPIMention) -> Found:
    around = next((s for s in segments if s.start <= k.start < s.end), None)
    s0 = around.start if around else max(0, k.start - 40)
    lead = text[s0 : k.start]
    verb = re.search(
        r"(?:\b(?:drive|get|sell|generate|hit|reach|achieve|deliver|win|book|register|onboard|"
        r"acquire|gain|grow)\b[^.;,]{0,20})$",
        lead,
        re.I,
    )
    start = s0 + verb.start() if verb else k.start
    tail = re.match(
        r"(?:[ \t](?!(?:from|in|for|at|by|with|and|before|to|on|of|per|each|under|below|over)\b)[\w'’-]+){0,3}",
        text[k.end :],
    )
    end = k.end + (tail.end() if tail else 0)
    which = _QUALIFIER.match(text, k.end)
    end = max(end, which.end()) if which else end  # '90 calls that turn into clients'
    gloss = re.match(r"[ \t]*\([^()\n\d]{2,40}\)", text[end:])  # '60 demandes de devis (quote requests)'
    end += gloss.end() if gloss else 0
    value = text[start:end].strip().rstrip(" ,;:")
    return Found(value, start, start + len(value))


def _wished_outcome(text: str, segments: list[Segment]) -> Found | None:
    """'We want more bookings', 'needs volunteers for tree planting', 'wants new retainer clients: ...',
    'Brand awareness for Oakridge Dental'. An outcome that names people and is followed by who they are ('we want
    customers who bought last year') describes the audience, not an aim."""
    for m in _WISH_OUTCOME.finditer(text):
        np = m.group("np")
        mods = np.split()[:-1]
        if any(_MODIFIER_STOP.fullmatch(w) for w in mods):
            continue
        if re.search(r"\bwho\s+\w+\s*$", text[max(0, m.start() - 20) : m.start()], re.I):
            continue  # 'commuters who drive into Reading': a verb of the audience
        after = text[m.end("np") : m.end("np") + 25]
        if _PEOPLE_OUTCOMES.search(np) and re.match(r"\s+(?:who|that|aged|\d|in\s+their)\b", after, re.I):
            continue
        return Found(np, m.start("np"), m.end("np"))
    for rx in (_STATED_AIM, _OUTCOME_OPENER):
        for m in rx.finditer(text):
            np = m.group("np")
            if (
                rx is _OUTCOME_OPENER
                and (
                    _PEOPLE_OUTCOMES.search(np)
                    or re.fullmatch(
                        r"\S+\s+leads", np, re.I
                    )  # 'HR leads at firms of 50-500 staff' are people
                    or any(s.field not in (None, "goal") and s.start <= m.start() < s.end for s in segments)
                    or _CLAUSE_VERB.search(re.split(r"[,.;!?\n]", text[m.end("np") :])[0])
                )
            ):
                continue  # 'Tickets for Jazz on the Green go on sale 1 March' states a fact, not an aim
            if any(_MODIFIER_STOP.fullmatch(w) for w in np.split()[:-1]):
                continue
            return Found(np, m.start("np"), m.end("np"))
    aware = _AWARENESS.search(text)
    return Found(aware.group(0), aware.start(), aware.end()) if aware else None
