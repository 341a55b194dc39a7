"""Figures in a brief that state a fact, not a target: what happened ('last year we sold 4,100 tickets'), what the
company has or has done ('we have 120,000 registered drivers', 'Cedar has delivered 340 units since 2018', 'wir haben
bereits 3.000 Stammkunden'), what a place holds ('parking for 300 cars'), who already chose it ('trusted by 300
cafes') and a count opening its sentence as the subject of a present-tense verb ('2,000 customers trust us')."""

from __future__ import annotations

import re

PAST_RE = re.compile(
    r"\b(?:last\s+year|previous(?:ly)?|did"
    # 'last year' in the other languages briefs arrive in
    r"|letztes\s+jahr|im\s+(?:letzten|vergangenen)\s+jahr|vorjahr|l['’]an(?:n[ée]e)?\s+derni(?:er|[èe]re)|"
    r"l['’]ann[ée]e\s+derni[èe]re|el\s+a[ñn]o\s+pasado|l['’]anno\s+scorso|vorig\s+jaar|f[öo]rra\s+[åa]ret|"
    r"sidste\s+[åa]r|i\s+fjor|w\s+(?:zesz[łl]ym|ubieg[łl]ym)\s+roku|(?:no\s+)?ano\s+passado|viime\s+vuonna|"
    r"tahun\s+lalu)|昨年|去年|작년",
    re.I,
)
_HELD_BEFORE = re.compile(
    r"(?:\b(?:has|have|had)|['’]ve)\s+(?:already\s+|now\s+)?(?:[a-z]+ed|sold|built|run|grown|won|made|seen|"
    r"taken|had|given|done|sent|met|paid|brought|drawn)\s+(?:(?:about|around|over|nearly|almost|more\s+than|"
    r"roughly|some)\s+)?$"
    r"|(?<!\bto\s)(?<!\bwill\s)(?<!\bcould\s)(?<!\bwould\s)\b(?:has|have)\s+(?:(?:already|now|currently)\s+)?"
    r"(?:(?:about|around|over|nearly|almost|more\s+than|roughly|some)\s+)?$"
    r"|\b(?:we|they|it|i|she|he)\s+(?:(?:currently|already|now|still|also)\s+)?(?:have|has|had|have\s+got|"
    r"['’]ve\s+got|employ|employs|ran|sold|raised|delivered|served|welcomed|hosted|installed|helped|trained|"
    r"attracted|drew|got|made|earned|reached|counted|signed)\s+(?:(?:about|around|over|nearly|almost|more\s+than|"
    r"roughly|some)\s+)?$",
    re.I,
)
"""'Cedar has delivered 340 units', 'We have 120,000 registered drivers', 'we still have about 1,900 seats': what
the company holds or has done, said as background."""
_HELD_BEFORE_OTHER = re.compile(
    r"\b(?:wir\s+(?:haben|hatten|z[äa]hlen)|nous\s+(?:avons|comptons)|tenemos|contamos\s+con|temos|abbiamo|"
    r"(?:we|wij)\s+hebben|vi\s+(?:har|hade|hadde|havde)|mamy|kami\s+(?:memiliki|punya)|meill[äa]\s+on)\s+"
    r"(?:(?:schon|bereits|d[ée]j[àa]|ya|j[áa]|gi[àa]|al|redan|allerede|ju[żz]|sudah|jo|über|plus\s+de|m[áa]s\s+de|"
    r"mais\s+de|oltre|ruim|[öo]ver|ponad|yli)\s+)*$",
    re.I,
)
"""The same in the other languages briefs arrive in: 'wir haben bereits 3.000 Stammkunden', 'nous avons 800
adhérents', 'vi har 1 200 medlemmar'."""
_HELD_AFTER = re.compile(
    r"^[^,;:(\n]{0,50}?\b(?:last\s+(?:year|season|time|month|quarter|spring|summer|autumn|winter|christmas|"
    r"easter|campaign)|since\s+(?:(?:19|20)\d\d|we|our|launch|opening|then)|so\s+far|to\s+date|in\s+total\s+so\s+far)\b",
    re.I,
)
"""'... 340 units since 2018', '£86,000 last year', '2,000 members to date': a figure already reached."""


def reported_figure(text: str, start: int, end: int) -> bool:
    """The number at ``start:end`` reports what happened or what the company has ('Cedar has delivered 340 units
    since 2018', 'Sleepers raised £86,000 last year', 'we have 9 rooms'), so it is no target."""
    before = re.split(r"[.;!?]\s|\n", text[max(0, start - 80) : start])[-1]
    after = re.split(r"[.;!?](?:\s|$)|\n", text[end : end + 80])[0]
    if re.search(r"\b(?:if|once|unless|should|hope|hoping)\b", before, re.I):
        return False  # 'if we sold 250 bikes we'd be thrilled' is the wish
    return bool(
        said_as_past(before)
        or _HELD_BEFORE.search(before)
        or _HELD_BEFORE_OTHER.search(before)
        or _HELD_AFTER.match(after)
        or _CAPACITY_BEFORE.search(before)
        or _BY_AGENT_BEFORE.search(before)
        or (_OPENS.fullmatch(before) and _STATES_AFTER.match(after) and not GOAL_WORD.search(after))
    )


_ABOUT = r"(?:(?:about|around|over|nearly|almost|more\s+than|roughly|some|up\s+to|[üu]ber|plus\s+de|m[áa]s\s+de)\s+)?"
_CAPACITY_BEFORE = re.compile(
    rf"\b(?:(?:room|space|parking|capacity|seating|places|spots|beds)\s+for|capacity\s+of|fits|holds|sleeps|seats|"
    rf"accommodates)\s+{_ABOUT}$",
    re.I,
)
"""'parking for 300 cars', 'room for 80 bikes', 'the hall holds 400 people': what a place can take."""
_BY_AGENT_BEFORE = re.compile(rf"\b[a-z]+ed\b(?:\s+[\w.,]+){{0,2}}?\s+by\s+{_ABOUT}$", re.I)
"""'rated 4.8 by 2,300 customers', 'trusted by 300 cafes', 'used by over 5,000 riders': who already did it."""
_OPENS = re.compile(rf"\s*{_ABOUT}", re.I)
_STATES_AFTER = re.compile(
    r"^\s*(?:[\w'’-]+\s+){1,2}?(?:already\s+|now\s+)?(?:trust|love|use|rely|choose|shop|visit|read|follow|enjoy|"
    r"recommend|are|were|have|vertrauen|nutzen|lieben|kaufen|sind|haben|font|utilisent|aiment|sont|conf[ií]an|"
    r"usan|son|eligen|vertrouwen|gebruiken|zijn|litar\s+p[åa]|anv[äa]nder|[äa]r|bruger|stoler\s+p[åa]|er)\b",
    re.I,
)
"""'2,000 customers trust us', 'Über 2.000 Kunden vertrauen uns': a count opening its sentence as the subject of a
present-tense verb states a fact ('500 sign-ups are the goal' is still one)."""
GOAL_WORD = re.compile(
    r"\b(?:goal|target|aim|objective|kpi|need|needed|ziel|objectif|objetivo|m[åa]l|cel|doel)", re.I
)


def said_as_past(clause: str) -> bool:
    """The clause before a figure tells what happened ('last year we sold', 'letztes Jahr'), and no goal word
    after that turns to the target ('Letztes Jahr 40.000 € Umsatz, Ziel: 300 Buchungen')."""
    ends = [m.end() for m in PAST_RE.finditer(clause)]
    return bool(ends) and not GOAL_WORD.search(clause[ends[-1] :])
