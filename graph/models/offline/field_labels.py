"""The labels marketers introduce a brief's fields with, and the field a label names.

'Budget:', '| Audience |', 'Zielgruppe (audience)', 'What counts as success?': exact labels in the languages briefs
arrive in first, then the label's key words.
"""

from __future__ import annotations

import re

FIELD_LABELS: dict[str, tuple[str, ...]] = {
    "budget": (
        "budget",
        "total budget",
        "media budget",
        "spend",
        "spending",
        "investment",
        "investment envelope",
        "money",
        "total available budget",
        "agreed spend",
        "budget approved",
        "decided budget",
    ),
    "goal": (
        "goal",
        "goals",
        "objective",
        "objectives",
        "purpose",
        "kpi",
        "kpis",
        "primary kpi",
        "aim",
        "success",
        "success metric",
        "success looks like",
        "target outcome",
        "desired outcome",
        "performance goal",
        "outcome",
        "result wanted",
        "results",
        "why",
        "wish",
        "what we need",
        "what does success look like",
        "target leads",
        "target sales",
    ),
    "kpi": ("secondary kpi", "cost target", "efficiency", "measurement"),
    "audience": (
        "audience",
        "target audience",
        "who",
        "who for",
        "target",
        "target group",
        "target market",
        "target consumers",
        "buyer",
        "buyers",
        "who we want to reach",
        "audience description",
        "target accounts",
        "ideal customer",
        "ideal customers",
        "target customer",
        "target customers",
        "for",
        "segment",
        "customers",
        "persona",
        "demographic",
        "demographics",
        # the same label in the languages briefs arrive in
        "zielgruppe",
        "doelgroep",
        "público objetivo",
        "publico objetivo",
        "cible",
        "public cible",
        "pubblico",
        "pubblico target",
        "målgruppe",
        "målgrupp",
        "målgrupper",
        "público",
        "publico",
        "público-alvo",
        "publico-alvo",
        "público alvo",
        "publiek",
        "doelpubliek",
        "destinatari",
        "grupa docelowa",
        "kohderyhmä",
        "cílová skupina",
    ),
    "channels": (
        "channels",
        "channel",
        "channel mix",
        "media",
        "how",
        "where should ads run",
        "media mix",
        "tactics",
        "placements",
    ),
    "places": (
        "markets",
        "market",
        "region",
        "regions",
        "geography",
        "geo",
        "where",
        "territory",
        "countries",
        "country",
        "locations",
        "location",
    ),
    "dates": (
        "timing",
        "dates",
        "date",
        "when",
        "flight",
        "window",
        "period",
        "runtime",
        "term",
        "start",
        "start date",
        "end",
        "end date",
        "duration",
        "registration window",
        "sales window",
        "launch date",
        "campaign start",
        "campaign end",
        "campaign dates",
        "go-live",
        "go live",
        "live date",
    ),
    "product": (
        "product",
        "offer",
        "offering",
        "item",
        "service",
        "promoted product",
        "what",
        "event",
        "product / offer",
        "what are we promoting",
        "campaign name",
        "campaign brief",
        "brief",
        "promotion",
        "ticket",
        "new flavour",
        "new flavor",
        "new product",
        "main product",
        "hero product",
        "product line",
        "product name",
        "product focus",
        "app",
        "programme",
        "program",
        "appeal",
        "course",
        "package",
    ),
    "holdout": ("holdout", "hold-out", "control", "control group"),
    "theme": ("theme", "seasonal hook", "occasion", "season"),
    "key_messages": (
        "key message",
        "key messages",
        "tagline",
        "message",
        "messages",
        "slogan",
        "key line",
        "line",
    ),
}
"""Brief field -> labels marketers introduce it with (lowercase, without the colon)."""

LABEL_TO_FIELD = {label: fld for fld, labels in FIELD_LABELS.items() for label in labels}


_LABEL_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("holdout", r"hold-?out|control group"),
    ("key_messages", r"message|tagline|slogan|headline"),
    ("budget", r"\bbudget(?:s|ed)?\b|spend|money|invest|how much"),
    (
        "goal",
        r"success|goal|objective|kpi|result|outcome|aim\b|purpose|target (?:outcome|number)|wish|counts as",
    ),
    (
        "audience",
        r"audience|who\b|whom|persona|target group|target market|segment|decision makers|buyers?\b|"
        r"ideal (?:customer|client|buyer)s?|customer profile|\bicp\b",
    ),
    ("channels", r"channel|media|placements?|tactics|where should (?:the )?ads"),
    (
        "dates",
        r"\bwhen\b|timing|date|period|flight|window|duration|runtime|how long|term\b|\bstart(?:s|ing)?\b|\bends?\b|"
        r"\bfinish|go[- ]?live|in[- ]market",
    ),
    ("places", r"market|region|geograph|where|territor|countr|locations?"),
    ("theme", r"theme|season|occasion"),
    (
        "product",
        r"product|offer|what(?:'s| is)? (?:launching|promoted|being promoted)|what are we|solution|service|"
        r"item|launching|promoting|"
        # the label in the languages briefs arrive in: 'Produit :', 'Produkt |', '¿Producto?', 'Prodotto:'
        r"\bprodu(?:it|kt|cto|to)s?\b|\bprodott[oi]\b|\btuote\b|\bprodukter\b|\bangebot\b|\baanbod\b|\boffre\b|"
        r"\bofert[ao]\b|\bofferta\b",
    ),
)


def field_for_label(label: str) -> str | None:
    """The brief field a label names ('Target audience' -> 'audience', 'What counts as success?' -> 'goal'), or
    None. Exact labels first, then the label's key words."""
    key = re.sub(r"\s+", " ", label.strip().lower().rstrip("?").lstrip("¿").strip())
    key = re.sub(r"^(?:q[:.]?\s*|\d+(?:\.\d+)*\s+)", "", key)
    if key in LABEL_TO_FIELD:
        return LABEL_TO_FIELD[key]
    # a label given in two languages or with a gloss: 'Kampagne / campaign', 'Zielgruppe (audience)'
    parts = [p.strip() for p in re.split(r"\s*/\s*|\s*[()]\s*", key) if p.strip()]
    if len(parts) > 1:
        for part in parts:
            if part in LABEL_TO_FIELD or part == "campaign":
                return LABEL_TO_FIELD.get(part, "product")
    if len(key.split()) > 6:
        return None
    for fld, rx in _LABEL_KEYWORDS:
        if re.search(rx, key):
            return fld
    return None
