"""What one sentence asserts, in a form two sentences can be compared on: quantities (value, unit, qualifier,
direction, condition), the comparison and its target, products, rate scopes, negation and content concepts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from guards.clauses import before_product, conditions, modifiers, negation, purpose_starts, universals
from guards.idioms import neutralise_idioms
from guards.lexicon.claim_terms import CLAIM_TERMS, SOFT_COMPARATIVES, WEAK_TRIGGERS
from guards.lexicon.plain_words import FILLER
from guards.lexicon.quantity_words import NUMBER_WORDS, UNITS
from guards.pii import mask_contacts
from guards.quantities import Quantity, extract_quantities, frequency_words, rank_words
from guards.sentences import Token, tokenize
from guards.vocabulary import Vocabulary, is_filler, is_function_word

_COMPARATIVE_WORDS = frozenset(CLAIM_TERMS["comparative"]) - {
    "than",
    "compared",
    "versus",
    "vs",
    "times",
    "more",
    "less",
    "twice",
    "double",
    "triple",
}
_TARGET_STOP = frozenset(
    {
        "and",
        "but",
        "so",
        "while",
        "which",
        "that",
        "because",
        "for",
        "with",
        "per",
        "when",
        "if",
        "thanks",
        "plus",
    }
)
_OWN_BASELINE = frozenset({"improved"})
"""Change over one's own baseline: a claim word (category 'comparative'), but a comparison only with a target."""
_SCOPE_WORDS = frozenset({"per", "each", "every"})
_RATE_UNITS = frozenset({"second", "minute", "hour", "day", "night", "week", "month", "year"})
_RATE_ADVERBS = {
    "hourly": "hour",
    "daily": "day",
    "nightly": "night",
    "weekly": "week",
    "monthly": "month",
    "yearly": "year",
    "annually": "year",
    "a-year": "year",
}
_TRIGGER_WORDS = frozenset(w for words in CLAIM_TERMS.values() for w in words)
_QUALIFYING = frozenset(
    {
        "more",
        "less",
        "fewer",
        "greater",
        "larger",
        "bigger",
        "smaller",
        "longer",
        "shorter",
        "higher",
        "lower",
        "no",
        "much",
        "many",
        "than",
        "over",
        "under",
    }
)


@dataclass(frozen=True)
class Comparison:
    """A comparison; ``target`` is None when the sentence compares without saying with what."""

    word: str
    target: frozenset[str] | None = None
    target_text: str | None = None


@dataclass(frozen=True)
class Concept:
    """One content word or phrase of a sentence."""

    concept: str
    surface: str
    stem: str
    norm: str
    entity: bool = False
    in_name: bool = False
    purpose: bool = False
    """Inside a 'for ...' phrase (a use or an audience)."""
    attribute: bool = False
    """Right before a product term (an attribute of the product)."""


@dataclass
class Facts:
    """Everything the claims check compares between a sentence and an approved claim."""

    sentence: str
    tokens: list[Token]
    quantities: list[Quantity] = field(default_factory=list)
    comparison: Comparison | None = None
    concepts: list[Concept] = field(default_factory=list)
    all_concepts: frozenset[str] = frozenset()
    name_concepts: frozenset[str] = frozenset()
    surfaces: dict[str, str] = field(default_factory=dict)
    title_case: bool = False
    products: frozenset[str] = frozenset()
    lines: frozenset[str] = frozenset()
    scopes: frozenset[str] = frozenset()
    per_scopes: frozenset[str] = frozenset()
    negated: bool = False
    categories: frozenset[str] = frozenset()
    is_claim: bool = False
    negated_concepts: frozenset[str] = frozenset()
    universal: dict[str, frozenset[str]] = field(default_factory=dict)
    modifiers: dict[str, frozenset[str]] = field(default_factory=dict)
    conditions: list[tuple[str, frozenset[str]]] = field(default_factory=list)
    allowance: bool = False
    """Time windows here are allowances (a return window, a warranty): longer promises more."""

    def content(self, vocab: Vocabulary) -> list[Concept]:
        """Concepts that carry meaning (no brand words, no filler, no products)."""
        return [
            c
            for c in self.concepts
            if c.concept not in vocab.brand
            and not c.concept.startswith("product:")
            and not is_filler(c.norm, c.stem)
        ]


def analyse(
    sentence: str, vocab: Vocabulary, *, comparison_target: str | None = None, approved: bool = False
) -> Facts:
    """Extract the facts of one sentence.

    Args:
        sentence: One sentence.
        vocab: The brand's vocabulary.
        comparison_target: The approved comparison target, when the sentence is an approved claim that
            declares one (it wins over the target read from the wording).
        approved: True for an approved claim's wording (written in sentence case, so capitals mark names even
            when most words are capitalised, as in an award title).
    """
    tokens = tokenize(rank_words(neutralise_idioms(mask_contacts(sentence))))
    consumed: set[int] = set()
    spans = _concept_spans(tokens, vocab)
    in_product_names = frozenset(
        end
        for _start, end, concept in spans
        if end < len(tokens)
        and tokens[end].kind == "number"
        and any(tokens[end].text in vocab.product_numbers.get(p, ()) for p in concept.split("|"))
    ) | frozenset(
        i
        for start, end, concept in spans
        if concept.startswith("product:")
        for i in range(start, end)
        if tokens[i].kind == "number"
    )
    # the '3' of 'Ridgeline 3' and the '7' of 'Home 7' name the product; they are not quantities
    quantities = extract_quantities(tokens, consumed, skip=in_product_names)
    comparison = _comparison(tokens, vocab, consumed)
    if comparison is None:
        implied = next((q for q in quantities if q.unit == "x" or q.direction in ("more", "less")), None)
        if implied is not None:
            comparison = Comparison(implied.text)
    if comparison_target:
        target = _concept_set(tokenize(comparison_target), vocab)
        comparison = Comparison(
            comparison.word if comparison else "than", frozenset(target), comparison_target
        )
    title_case = False if approved else _title_case(tokens, spans, vocab)
    concepts: list[Concept] = []
    all_concepts: set[str] = set()
    name_concepts: set[str] = set()
    surfaces: dict[str, str] = {}
    products: set[str] = set()
    lines: set[str] = set()
    names = set() if title_case else _name_tokens(tokens, spans, vocab)
    purpose = purpose_starts(tokens, spans)
    attribute = before_product(tokens, spans)
    for start, end, concept in spans:
        in_name = start in names
        for part in concept.split("|"):
            (name_concepts if in_name else all_concepts).add(part)
            surfaces.setdefault(part, " ".join(t.text for t in tokens[start:end]))
            if part.startswith("product:"):
                (lines if vocab.product_kind.get(part) == "line" else products).add(part)
        if any(i in consumed for i in range(start, end)):
            continue
        tok = tokens[start]
        if end - start == 1 and (is_function_word(tok.norm) or tok.norm in _SCOPE_WORDS):
            continue
        entity = (
            not title_case
            and tok.capitalised
            and (not _starts_clause(tokens, start) or _name_like(tok))
            and not concept.startswith(("product:", "region:", "place:", "competitor:"))
            and concept not in vocab.brand
        )
        surface = " ".join(t.text for t in tokens[start:end])
        concepts.append(
            Concept(
                concept,
                surface,
                tok.stem if end - start == 1 else concept,
                tok.norm,
                entity,
                in_name,
                start in purpose,
                start in attribute,
            )
        )
    scopes, per_scopes = _scopes(tokens, spans)
    categories = _categories(tokens, spans, vocab, frequency_words(tokens))
    negated, negated_concepts = negation(tokens, spans, vocab)
    if any(c.startswith(("region:", "place:")) for c in all_concepts | name_concepts):
        categories.setdefault("origin", set()).add("region")  # 'made in Britain', 'across the US'
    if any(c.startswith("competitor:") for c in all_concepts):
        categories.setdefault("comparative", set()).add("competitor")  # naming a rival is a comparison
    if comparison is None and "comparative" in categories:
        # an everyday comparative that compares with nothing is a creative line ('dream bigger, pack lighter')
        categories["comparative"] -= SOFT_COMPARATIVES
        if not categories["comparative"]:
            del categories["comparative"]
    strong = {c for c, words in categories.items() if words - WEAK_TRIGGERS}
    weak_hits = sum(len(words) for words in categories.values())
    figures = [q for q in quantities if not _plain_count(q)]
    weak_hits += len(figures) < len(quantities)  # counts and frequencies, however many, are one weak trigger
    is_claim = bool(figures) or comparison is not None or bool(strong) or weak_hits >= 2
    return Facts(
        sentence=sentence,
        tokens=tokens,
        quantities=quantities,
        comparison=comparison,
        concepts=concepts,
        all_concepts=frozenset(all_concepts),
        name_concepts=frozenset(name_concepts),
        surfaces=surfaces,
        title_case=title_case,
        products=frozenset(products),
        lines=frozenset(lines),
        scopes=frozenset(scopes),
        per_scopes=frozenset(per_scopes),
        negated=negated,
        categories=frozenset(categories),
        is_claim=is_claim,
        negated_concepts=negated_concepts,
        universal=universals(tokens, spans, vocab),
        modifiers=modifiers(tokens, spans, vocab),
        conditions=conditions(tokens, spans, vocab),
        allowance=_allowance(tokens),
    )


# --- comparison -------------------------------------------------------------------------------------------------


def _comparison(tokens: list[Token], vocab: Vocabulary, consumed: set[int]) -> Comparison | None:
    words = [t.norm if t.kind == "word" else t.text for t in tokens]
    for j, w in enumerate(words):
        if j in consumed:
            continue
        target_at = None
        word = w
        if w == "than":
            target_at = j + 1
            word = words[j - 1] if j else "than"
        elif w in ("versus", "vs") or (
            w in ("compared", "relative") and j + 1 < len(words) and words[j + 1] in ("to", "with")
        ):
            target_at = j + (2 if w in ("compared", "relative") else 1)
        elif (
            w == "as"
            and j + 2 < len(words)
            and words[j + 2] == "as"
            and tokens[j + 1].kind == "word"
            and words[j + 1] not in ("much", "many", "well", "soon", "long", "far")
        ):
            target_at, word = j + 3, words[j + 1]
        if target_at is None:
            continue
        if j in consumed or (target_at < len(tokens) and target_at in consumed and word in _QUALIFYING):
            continue  # 'more than 2,000', 'as much as 97%': a qualifier, not a comparison
        end = target_at
        while (
            end < len(tokens)
            and tokens[end].kind != "punct"
            and (tokens[end].norm not in _TARGET_STOP or end == target_at)
        ):
            end += 1  # a target may start with 'when' ('than when shopping at a supermarket')
        target_tokens = tokens[target_at:end]
        consumed.update(range(target_at, end))
        consumed.add(j)
        text = " ".join(t.text for t in target_tokens) or None
        target = _concept_set(target_tokens, vocab) if target_tokens else None
        return Comparison(word, frozenset(target) if target else None, text)
    for t in tokens:
        if t.kind == "word" and t.norm in _COMPARATIVE_WORDS:
            if t.norm in _OWN_BASELINE:
                continue  # 'improved their reading age': better than before, no rival named or implied
            if t.norm in SOFT_COMPARATIVES and not (t.index > 0 and t.index - 1 in consumed):
                continue  # 'a lighter routine' compares nothing; '6 years younger' does
            return Comparison(t.norm)
    return None


def _concept_set(tokens: list[Token], vocab: Vocabulary) -> set[str]:
    out: set[str] = set()
    for start, end, concept in _concept_spans(tokens, vocab):
        tok = tokens[start]
        if start > 0 and tokens[start - 1].kind == "number" and tok.norm in UNITS:
            continue  # '0.5 percent' is '0.5%'

        if end - start == 1 and (
            tok.kind != "word" or is_function_word(tok.norm) or is_filler(tok.norm, tok.stem)
        ):
            if tok.kind == "number":
                out.add(f"num:{tok.norm}")
            continue
        if concept in vocab.brand:
            continue
        out.update(concept.split("|"))
    return out


# --- concepts, scopes, categories ---------------------------------------------------------------------------------


def _concept_spans(tokens: list[Token], vocab: Vocabulary) -> list[tuple[int, int, str]]:
    """Greedy longest-match of the phrase table over word tokens: (start, end, concept)."""
    out: list[tuple[int, int, str]] = []
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        if tok.kind != "word":
            if tok.kind == "number":
                out.append((i, i + 1, f"num:{tok.norm}"))
            i += 1
            continue
        match = None
        for size in range(min(vocab.longest_from.get(tok.stem, 1), n - i), 0, -1):
            window = tokens[i : i + size]
            if any(t.kind not in ("word", "number") for t in window):
                continue  # a phrase may hold a number ('Home 7'), never punctuation
            key = tuple(t.stem for t in window)
            if key in vocab.phrases:
                match = (i, i + size, vocab.phrases[key])
                break
        if match is None:
            match = (i, i + 1, tok.stem)
        out.append(match)
        i = match[1]
    return out


def _scopes(tokens: list[Token], spans: list[tuple[int, int, str]]) -> tuple[set[str], set[str]]:
    """Concepts that follow 'per'/'each'/'every' (all scopes) and 'per' alone (rate scopes)."""
    by_start = {s: c for s, _, c in spans}
    scopes: set[str] = set()
    per: set[str] = set()
    for i, tok in enumerate(tokens):
        if tok.kind != "word":
            continue
        nxt = tokens[i + 1].norm if i + 1 < len(tokens) and tokens[i + 1].kind == "word" else ""
        if tok.norm in _RATE_ADVERBS or (tok.norm in ("a", "an") and nxt in _RATE_UNITS):
            unit = _RATE_ADVERBS.get(tok.norm) or nxt  # 'monthly', 'a month': rates without 'per'
            scopes.add(unit)
            per.add(unit)
            continue
        if tok.norm not in _SCOPE_WORDS:
            continue
        j = i + 1
        while j < len(tokens) and tokens[j].kind == "word" and is_function_word(tokens[j].norm):
            j += 1
        # skip the brand or a product line to reach the noun ('each Brightwell cartridge')
        while (
            j in by_start
            and j + 1 < len(tokens)
            and (
                by_start[j] == "brand"
                or by_start[j].startswith("product:")
                and by_start.get(j + 1, "").startswith("product:")
            )
        ):
            j += 1
        if j in by_start:
            found = set(by_start[j].split("|"))
            scopes |= found
            if tok.norm == "per":
                per |= found
    return scopes, per


def _categories(
    tokens: list[Token],
    spans: list[tuple[int, int, str]],
    vocab: Vocabulary,
    frequency: frozenset[int] = frozenset(),
) -> dict[str, set[str]]:
    """Claim categories present, each with the trigger words (norms) found ('twice' in 'twice a week' is a
    frequency, not a comparison: the words in ``frequency`` trigger nothing)."""
    out: dict[str, set[str]] = {}
    for start, end, concept in spans:
        tok = tokens[start]
        if tok.kind != "word" or start in frequency:
            continue
        if tok.norm == "only" and start + 1 < len(tokens) and tokens[start + 1].norm in _COMPARATIVE_WORDS:
            continue  # 'your skin, only calmer': 'only' means 'just', not 'the only one'
        surface = tok.norm if end - start == 1 else concept
        if any(p.startswith("product:") for p in concept.split("|")):
            continue  # naming a product ('Ledgerly Savings') claims nothing by itself
        if end - start == 1 and tok.norm in FILLER and tok.norm not in _TRIGGER_WORDS:
            continue  # 'time' is filler even though its stem is that of 'times'
        for cat, word in _triggers(concept, tok, end - start == 1, vocab):
            out.setdefault(cat, set()).add(word or surface)
        for t in tokens[start:end]:
            if t.norm in CLAIM_TERMS["health"] and t.norm == "lead" and _lead_is_verb(tokens, t.index):
                out.get("health", set()).discard("lead")
    return {k: v for k, v in out.items() if v}


def _triggers(concept: str, tok: Token, single: bool, vocab: Vocabulary) -> list[tuple[str, str | None]]:
    """(category, trigger word) of one span; the word is None when the span itself is the trigger.

    A hyphenated word that is no trigger as a whole triggers through its strong parts only ('plastic-free',
    'sweat-proof'): a weak trigger inside a compound is the word's everyday sense ('week-end', 'end-to-end',
    'open-ended', 'month-end' are no offer that ends), so it triggers nothing.
    """
    key = tok.stem if single else concept
    whole = vocab.categories.get(concept) or (vocab.categories.get(key) if single else None)
    if whole or not single or "-" not in key:
        return [(cat, None) for cat in vocab.categories_of(concept, key if single else None)]
    keys = key.split("-")
    norms = tok.norm.split("-")
    words = norms if len(norms) == len(keys) else keys
    return [
        (cat, word)
        for part, word in zip(keys, words, strict=True)
        if word not in WEAK_TRIGGERS
        for cat in vocab.categories_of(part, part)
    ]


_COUNT_MAX = 10


def _plain_count(q: Quantity) -> bool:
    """A number that counts or says how often rather than states a figure: a small spelled number right before a
    bare noun ('two wheels', 'three rooms, one app'; 'one' before any noun) or a frequency ('twice a week'). Either is a weak trigger:
    it makes a claim only with another trigger ('just five ingredients'); 'two-year warranty', 'three times
    faster', '2 wheels' and '2x' stay figures."""
    if q.unit is not None and q.unit.startswith("x/"):
        return q.qualifier == "exact" and q.direction is None
    return (
        q.unit is None
        and q.qualifier == "exact"
        and q.direction is None
        and not q.condition
        and q.text.lower() in NUMBER_WORDS  # no qualifier: "just five ingredients" states a figure
        and q.value <= _COUNT_MAX
        and bool(q.after)
        and (q.bare_noun or q.value == 1)  # 'five new cities' describes what it counts, as figures do
        and not is_function_word(q.after)
        and q.after not in _TRIGGER_WORDS
        and q.after not in UNITS
    )


def _lead_is_verb(tokens: list[Token], i: int) -> bool:
    nxt = tokens[i + 1].norm if i + 1 < len(tokens) else ""
    prev = tokens[i - 1].norm if i > 0 else ""
    return nxt in ("the", "to", "a", "your", "you", "us", "by", "with", "in", "on") or prev in (
        "to",
        "will",
        "we",
        "they",
    )


def _name_tokens(tokens: list[Token], spans: list[tuple[int, int, str]], vocab: Vocabulary) -> set[int]:
    """Starts of spans inside proper names ('Best Water Filter', 'October'); brand, products, regions excluded.

    A sentence-initial capital only counts when the next word is capitalised too.
    """
    out: set[int] = set()
    run: list[int] = []

    def flush() -> None:
        if len(run) >= 2 or (run and not _starts_clause(tokens, run[0])):
            out.update(run)
        run.clear()

    titled = False  # inside 'Award for best trail shoe': the award's title, a name
    for start, _end, concept in spans:
        tok = tokens[start]
        if tok.kind == "word" and tok.norm == "for" and start > 0 and tokens[start - 1].norm in _AWARD_NOUNS:
            titled = True
            continue
        if titled:
            if tok.kind == "word" and tok.norm not in _TITLE_END:
                out.add(start)
                continue
            titled = False
        special = concept in vocab.brand or concept.startswith(("product:", "region:"))
        if tok.kind == "word" and tok.capitalised and not special and not is_function_word(tok.norm):
            run.append(start)
        elif tok.kind == "word" and run and tok.norm in ("of", "and", "the", "&"):
            continue
        else:
            flush()
    flush()
    return out


def _name_like(tok: Token) -> bool:
    """'FedRAMP', 'iOS', 'SOC': capitals after the first letter mark a name wherever the word stands."""
    return len(tok.text) > 1 and any(c.isupper() for c in tok.text[1:])


_AWARD_NOUNS = frozenset({"award", "awards", "prize", "medal", "title", "accolade", "category"})
_TITLE_END = frozenset({"at", "in", "from", "by", "and", "with", "on", "for"})


def _starts_clause(tokens: list[Token], i: int) -> bool:
    j = i - 1
    while j >= 0 and tokens[j].kind == "punct" and tokens[j].text in '"“”(':
        j -= 1
    return j < 0 or (tokens[j].kind == "punct" and tokens[j].text in ".:;!?—–-")


def _title_case(tokens: list[Token], spans: list[tuple[int, int, str]], vocab: Vocabulary) -> bool:
    """A headline written in title case (names of the brand, products and places do not count)."""
    named = {
        i
        for start, end, concept in spans
        if concept in vocab.brand or concept.startswith(("product:", "region:", "place:", "competitor:"))
        for i in range(start, end)
    }
    words = [t for t in tokens if t.kind == "word" and len(t.norm) > 3 and t.index not in named]
    lower = sum(
        not t.capitalised for t in words
    )  # a name inside a sentence ('won Best Meal Kit') is no headline
    return len(words) >= 4 and (len(words) - lower) / len(words) >= 0.6 and lower <= 1


_ALLOWANCE_WORDS = frozenset(
    {
        "return",
        "returns",
        "returned",
        "refund",
        "refunds",
        "refunded",
        "cancel",
        "cancellation",
        "trial",
        "warranty",
        "guarantee",
        "guaranteed",
        "money-back",
        "exchange",
        "exchanges",
        "lasts",
        "last",
        "lasting",
        "stay",
        "stays",
        "keeps",
        "fresh",
        "protection",
        "protected",
        "covered",
        "valid",
        "resistant",
        "water-resistant",
        "hydrated",
        "hydration",
        "battery",
    }
)
_ANCHORS = frozenset(
    {"of", "from", "after", "since"}
)  # 'within 60 days *of delivery*': an anchor, not a process
_PROCESS_WORDS = frozenset(
    {
        "ship",
        "ships",
        "shipped",
        "shipping",
        "deliver",
        "delivers",
        "delivered",
        "delivery",
        "arrive",
        "arrives",
        "dispatch",
        "dispatched",
        "processed",
        "process",
        "processes",
        "pay",
        "pays",
        "paid",
        "payout",
        "respond",
        "responds",
        "response",
        "install",
        "installs",
        "installed",
        "fitted",
        "deploy",
        "deploys",
        "deployed",
        "ready",
        "answer",
        "answered",
        "answers",
        "reply",
        "replies",
        "approve",
        "approved",
        "resolve",
        "resolved",
        "see",
        "visibly",
        "results",
        "adds",
        "charges",
        "filters",
    }
)


def _allowance(tokens: list[Token]) -> bool:
    """True when the sentence's time window is an allowance (return, refund, warranty, how long it lasts) and
    not a speed (delivery, processing, response, results)."""
    words = {
        t.norm
        for k, t in enumerate(tokens)
        if t.kind == "word" and not (k > 0 and tokens[k - 1].norm in _ANCHORS)
    }
    return bool(words & _ALLOWANCE_WORDS) and not words & _PROCESS_WORDS
