"""The control holdout: the share of each list kept back to measure lift, however a brief states it.

'20% holdout', 'hold back 10 pct', 'a twenty percent holdout', 'keep one in ten back as a control group',
'hold out 1 in 5', 'withhold a quarter of the list'. The share is returned as a fraction string ('0.2').
A brief that decides against a control ('no holdout needed', 'Control group: none', 'keine Kontrollgruppe') states
a share of 0.
"""

from __future__ import annotations

import re

from graph.models.offline.channels import Found
from guards.lexicon.quantity_words import NUMBER_WORDS

_SMALL = {w: int(n) for w, n in NUMBER_WORDS.items() if n < 100 and w != "dozen"}
_WORD = "|".join(sorted(_SMALL, key=len, reverse=True))
_SPELLED = rf"(?:{_WORD})(?:[\s-](?:{_WORD}))?"
_FRACTIONS = {
    "half": 2,
    "third": 3,
    "quarter": 4,
    "fifth": 5,
    "sixth": 6,
    "eighth": 8,
    "tenth": 10,
    "twentieth": 20,
}
_PCT = r"(?:\s?%|\s?percent\b|\s?per\s?cent\b|\s?pct\b)"
SHARE = (
    rf"(?:(?P<p>\d+(?:[.,]\d+)?){_PCT}"
    rf"|(?P<pw>{_SPELLED}){_PCT}"
    rf"|(?P<a>\d+|one|a)\s+(?:in|out\s+of)\s+(?P<b>\d+|{_SPELLED})(?![\w-])"
    rf"|(?:a|one)\s+(?P<frac>{'|'.join(_FRACTIONS)})(?![\w-])|(?P<half>half)(?![\w-]))"
)
"""A share of a list: '20%', '10 pct', 'twenty percent', 'one in ten', '1 out of 5', 'a quarter', 'half'."""
_CUE = (
    r"(?:hold[\s-]?(?:out|back)|held[\s-]?(?:out|back)|withh(?:o|e)ld(?:ing)?|as\s+(?:a\s+|the\s+)?control"
    r"|control\s+(?:group|cell|sample)|controle-?groep|kontrollgruppe|groupe\s+(?:de\s+contr[ôo]le|t[ée]moin)"
    r"|grupo\s+de\s+control(?:e)?|gruppo\s+di\s+controllo|grupa\s+kontrolna|grupy\s+kontrolnej|kontrollgrupp(?:en)?"
    r"|kontrolgruppe(?:n)?|kontrolliryhm[äa]|verrokkiryhm[äa]|kelompok\s+kontrol|(?<!\bpest\s)(?<!\bremote\s)(?<!\bquality\s)control\b(?=\s*(?:[.;,:)\n]|$)))"
)
_GAP = r"[^.;%\d\n]{0,40}?"
_HOLDOUT_RES = (
    re.compile(rf"(?<![\w-]){_CUE}{_GAP}(?<![\w-]){SHARE}", re.IGNORECASE | re.MULTILINE),
    re.compile(rf"(?<![\w-]){SHARE}{_GAP}(?<![\w-]){_CUE}", re.IGNORECASE | re.MULTILINE),
)


_NO = (
    r"(?:no|without(?:\s+(?:a|any))?|skip(?:\s+the)?|drop(?:\s+the)?|keine[nm]?|ohne(?:\s+eine)?|sans(?:\s+de)?"
    r"|pas\s+de|sin|geen|zonder|nessun[oa]?|senza|ingen|utan|bez"
    r"|(?:do(?:es)?\s*n[o'’]?t|won[’']t|will\s+not)\s+(?:want|need|use|run|keep)(?:\s+(?:a|any|the))?)"
)
_NONE = r"(?:none|nil|n/a|no|not\s+needed|zero|keine|aucun|ninguno|geen|nessuno|ingen|brak)"
_NO_HOLDOUT_RES = (
    re.compile(rf"(?<![\w-]){_NO}\s+{_CUE}", re.IGNORECASE | re.MULTILINE),
    re.compile(rf"(?<![\w-]){_CUE}\s*[:=\-–—]\s*{_NONE}(?![\w-])", re.IGNORECASE | re.MULTILINE),
)


def _spelled(words: str) -> int:
    return sum(_SMALL.get(w, 0) for w in re.split(r"[\s-]+", words.lower()))


def _number(raw: str) -> float:
    return float(raw.replace(",", ".")) if raw[0].isdigit() else float(_spelled(raw))


def share_of(m: re.Match[str]) -> float | None:
    """The fraction a SHARE match states (0.2 for '20%', 'one in five' and 'a fifth')."""
    g = m.groupdict()
    if g.get("p"):
        return _number(g["p"]) / 100
    if g.get("pw"):
        return _spelled(g["pw"]) / 100
    if g.get("a") and g.get("b"):
        whole = _number(g["b"])
        return (1.0 if g["a"].lower() in ("one", "a") else _number(g["a"])) / whole if whole else None
    if g.get("frac"):
        return 1 / _FRACTIONS[g["frac"].lower()]
    if g.get("half"):
        return 0.5
    return None


def find_holdout(text: str) -> Found | None:
    """The control holdout share as a fraction string ('0.2' for '20% holdout', 'hold out one in five'; '0' for
    'no holdout')."""
    hits = [(m, share_of(m)) for rx in _HOLDOUT_RES for m in rx.finditer(text)]
    hits += [(m, 0.0) for rx in _NO_HOLDOUT_RES for m in rx.finditer(text)]
    for m, share in sorted(hits, key=lambda h: h[0].start()):
        if share is not None:
            return Found(f"{round(share, 6):g}", m.start(), m.end())
    return None
