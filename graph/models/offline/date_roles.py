"""Which of a brief's dates are the campaign's: how a date's clause presents it (the campaign's start, a start,
nothing said, some other day), days named as the event or a deadline, an end counted back from an event the brief
dates elsewhere ('until the day before the fair'), and pasted e-mail header lines (not brief facts).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from graph.models.offline.when import DateSpan

_UNTIL_EVENT = re.compile(
    r"^[^.;!?\n\d]{0,12}?\b(?:until|till|to|up\s+to|through)\s+(?:the\s+)?(?:(?P<unit>day|night|week)\s+before\s+)?"
    r"(?:the|our)\s+(?P<noun>[a-z][\w-]{2,})",
    re.IGNORECASE,
)
_BEFORE_DAYS = {"day": 1, "night": 1, "week": 7}


def until_event(text: str, first: DateSpan, spans: list[DateSpan]) -> tuple[date, DateSpan] | None:
    """'1 February until the day before the fair', 'from 3 May to the week before our open day': the end is
    counted back from the day the brief gives the event elsewhere (the date on the line that names it)."""
    m = _UNTIL_EVENT.match(text[first.stop : first.stop + 80])
    if not m:
        return None
    noun = re.escape(m.group("noun").rstrip("s"))
    for sp in spans:
        if sp is first or sp.start is None:
            continue
        line = text[text.rfind("\n", 0, sp.pos) + 1 : (text.find("\n", sp.stop) + 1 or len(text) + 1) - 1]
        if re.search(rf"\b{noun}", line, re.I) and not (first.pos <= sp.pos < first.stop):
            back = _BEFORE_DAYS.get((m.group("unit") or "").lower(), 0)
            return sp.start - timedelta(days=back), sp
    return None


_CAMPAIGN_NOUNS = (
    r"(?:campaign|ads?|adverts?|media|flight|promotion|push|activity|marketing|spend|advertising)"
)
_CAMPAIGN_START = re.compile(
    rf"\b{_CAMPAIGN_NOUNS}\b[^.;!?\n]{{0,40}}?"
    r"\b(?:start\w*|begin\w*|run\w*|kick\w*|go(?:es)?[- ]live|live|launch\w*|from)\b[^.;!?\n]{0,20}$"
    r"|\b(?:start|begin|launch|run|kick\s+off|switch\s+on|turn\s+on|put\s+up)\s+(?:the|our|all|these|those|any)?\s*"
    rf"(?:\w+\s+)?{_CAMPAIGN_NOUNS}\b[^.;!?\n]{{0,30}}$"
    rf"|(?:^|[\n.;!?]\s*)(?:paid\s+|social\s+)?{_CAMPAIGN_NOUNS}s?\s*(?:[:=]|[-–—]\s)\s*$",
    re.IGNORECASE,
)
_START_CUE = re.compile(
    r"\b(?:start\w*|begin\w*|kick\w*(?:[- ]off)?|go(?:es)?[- ]live|live\s+(?:from|on)|launch\w*|from|runs?|running|"
    r"commenc\w*|onwards?|promot\w*|advertis\w*|publicis\w*|publiciz\w*|"
    r"du|del|dal|dall['’]|vom|von|van|vanaf|från|fra|fr[aå]n\s+och\s+med|od|desde|[aà]\s+partir\s+d(?:e|u|el)|a\s+partire\s+da\w*|ab)\b[^.;!?\n]{0,20}$",
    re.IGNORECASE,
)
_OTHER_DATE = re.compile(
    r"(?:\b(?:opens?|takes?\s+place|held|deadline|due|sign-?off|by|before|after|ahead\s+of|expires?|ends?|until|"
    r"valid|closes?|notes|on\s+leave|leading\s+up\s+to|weekend\s+of|happens?|"
    r"meeting|exhibiting|event|show|expo|conference|summit|fair|festival|concerts?|gala|match|game|webinar|"
    r"masterclass|workshop|race|marathon|open\s+day|tournament|exhibition|premiere|screening|performance|"
    # the same in the languages briefs paste in: opens, takes place, deadline, until
    r"ouvr\w*|ouverture|a\s+lieu|date\s+limite|jusqu['’]au|öffne\w*|eröffn\w*|findet|frist|abre\w*|apertura|"
    r"plazo|hasta|se\s+celebra|apr(?:e|ono)|scadenza|opent|öppnar|sista\s+dag)\b[^.;!?\n]{0,20}"
    r"|\b(?:is|are|falls\s+on)\s+(?:on\s+)?(?:the\s+)?)$",
    re.IGNORECASE,
)


def date_role(text: str, pos: int) -> int:
    """How a date's own clause presents it: 0 the campaign's start ('ads start', 'campaign from'), 1 a start
    ('starting', 'from'), 2 nothing said, 3 some other day ('the show opens', 'sign-off by', 'Mother's Day is')."""
    clause = re.split(r"[.;!?\n](?:\s|$)", text[max(0, pos - 80) : pos])[-1]
    if _CAMPAIGN_START.search(clause):
        return 0
    if _OTHER_DATE.search(clause):
        return 3
    return 1 if _START_CUE.search(clause) else 2


_END_CUE = re.compile(
    r"\b(?:end|ends|ending|end\s+date|until|till|through|thru|finish\w*|stop\w*|clos(?:e|es|ing)|last\s+day|"
    r"bis|au|al|t/m|till)\b[^.;!?\n\d]{0,12}$",
    re.IGNORECASE,
)


def ends_run(text: str, pos: int) -> bool:
    """A date its clause presents as where a run stops ('Campaign end: 28 February', 'until 3 May'), not some
    other day ('Responses to this RFP by 18 December')."""
    clause = re.split(r"[.;!?\n](?:\s|$)", text[max(0, pos - 80) : pos])[-1]
    return _END_CUE.search(clause) is not None


_ANCHOR = re.compile(
    r"(?:\b(?:takes?\s+place|held|happens?|deadline|due|sign-?off|weekend\s+of)\b[^.;!?\n]{0,12}"
    r"|\b(?:is|are|falls\s+on)\s+(?:on\s+)?(?:the\s+)?|\b(?:before|after|ahead\s+of|leading\s+up\s+to|run[- ]up\s+to)\s+)$",
    re.IGNORECASE,
)


def anchor_day(text: str, pos: int) -> bool:
    """A day named as the event itself or a deadline ('the open day is on 13 March', 'Weekend of May 8', 'the two
    weeks before 14 March'): not the campaign's start."""
    clause = re.split(r"[.;!?\n](?:\s|$)", text[max(0, pos - 80) : pos])[-1]
    own = re.search(
        r"\b(?:campaign|promotion|promo|sale|push|flight|ads?|activity|window|dates?|launch\w*|start\w*|go[- ]live|kick[- ]?off)\b",
        clause,
        re.I,
    )
    return _ANCHOR.search(clause) is not None and not (
        own and re.search(r"\b(?:is|are|falls\s+on)\s+(?:on\s+)?(?:the\s+)?$", clause)
    )


def rank_date(role: int, sp: DateSpan) -> int:
    """Order of the date candidates: the campaign's own start first; then a range with a start cue; then a date
    with a start cue or a bare range (a window is how campaigns are dated), the first of them; then a bare date;
    some other day ('the show opens 3 March', 'before 14 March') last."""
    if role in (0, 3):
        return role * 2
    return {(1, True): 1, (1, False): 2, (2, True): 2, (2, False): 4}[(role, sp.end is not None)]


_HEADER_LINE = re.compile(r"^[ \t>]*(?:From|To|Cc|Sent|Date|Subject)\s*:.*$", re.IGNORECASE | re.MULTILINE)


def email_header_lines(text: str) -> list[tuple[int, int]]:
    """Lines of a pasted e-mail header (two or more 'From:/Date:/Subject:' lines together): not brief facts."""
    lines = [(m.start(), m.end()) for m in _HEADER_LINE.finditer(text)]
    return [
        ln
        for i, ln in enumerate(lines)
        if (i > 0 and text[lines[i - 1][1] : ln[0]].strip() == "")
        or (i + 1 < len(lines) and text[ln[1] : lines[i + 1][0]].strip() == "")
    ]


def inside_any(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def inside_span(pos: int, spans: list[DateSpan]) -> bool:
    return any(sp.pos <= pos < sp.stop for sp in spans)
