"""Where in a sentence a word stands, for the claims check: what a negation covers, what 'every' quantifies,
which words make up a condition ('when fed daily'), a purpose or audience ('for senior dogs'), or an attribute
of a product ('waterproof cartridges').

All functions read the token list and the concept spans of :func:`guards.facts.analyse` (start, end, concept).
"""

from __future__ import annotations

from guards.lexicon.negations import NEGATIONS
from guards.sentences import Token
from guards.vocabulary import Vocabulary, is_filler, is_function_word

Span = tuple[int, int, str]

_CLAUSE_END = frozenset({",", ";", ":", ".", "!", "?", "(", ")", "—", "–"})
_UNIVERSAL = frozenset({"every", "each", "all", "any"})
_CONDITION_LEADS = frozenset({"when", "if", "once", "provided", "whenever", "unless"})
_PREPOSITIONS = frozenset(
    {
        "to",
        "with",
        "in",
        "on",
        "at",
        "from",
        "by",
        "of",
        "than",
        "and",
        "or",
        "but",
        "as",
        "into",
        "onto",
        "via",
        "over",
        "under",
        "within",
        "through",
        "after",
        "before",
    }
)
_POST_LEADS = frozenset({"from", "for", "in", "on"})
_DETERMINERS = frozenset(
    {"the", "a", "an", "your", "our", "their", "my", "his", "her", "its", "this", "that", "these", "those"}
)


def _span_of(spans: list[Span]) -> dict[int, Span]:
    out: dict[int, Span] = {}
    for span in spans:
        for i in range(span[0], span[1]):
            out[i] = span
    return out


def _clause_end(tokens: list[Token], i: int) -> int:
    j = i
    while j < len(tokens) and not (tokens[j].kind == "punct" and tokens[j].text in _CLAUSE_END):
        j += 1
    return j


def _content(concept: str, tok: Token, vocab: Vocabulary) -> bool:
    return (
        tok.kind == "word"
        and not is_function_word(tok.norm)
        and concept not in vocab.brand
        and not is_filler(tok.norm, tok.stem)
    )


def negation(tokens: list[Token], spans: list[Span], vocab: Vocabulary) -> tuple[bool, frozenset[str]]:
    """Whether the sentence negates something (an odd number of negations), and what the negations cover.

    A negation word inside a longer phrase ('at no extra cost', 'no-quibble') or inside a question ('Not in love
    with it?') negates nothing the sentence claims.
    """
    by_index = _span_of(spans)
    count = 0
    covered: set[str] = set()
    for i, tok in enumerate(tokens):
        if tok.kind != "word" or tok.norm not in NEGATIONS:
            continue
        span = by_index.get(i)
        if span is not None and span[1] - span[0] > 1:
            continue  # part of a phrase of its own
        end = _clause_end(tokens, i)
        if end < len(tokens) and tokens[end].text == "?":
            continue
        count += 1
        for start, _stop, concept in spans:
            if i < start < min(end, i + 8) and _content(concept, tokens[start], vocab):
                covered.update(concept.split("|"))
    return count % 2 == 1, frozenset(covered)  # 'not made without' negates nothing


def universals(tokens: list[Token], spans: list[Span], vocab: Vocabulary) -> dict[str, frozenset[str]]:
    """Nouns under 'every'/'each'/'all'/'any', each with the words that narrow it ('every long-haul flight')."""
    out: dict[str, frozenset[str]] = {}
    for k, (start, _end, _concept) in enumerate(spans):
        tok = tokens[start]
        if tok.kind != "word" or tok.norm not in _UNIVERSAL:
            continue
        run: list[str] = []
        for s, _e, concept in spans[k + 1 : k + 6]:
            t = tokens[s]
            if t.kind != "word" or t.norm in _PREPOSITIONS:
                break
            if t.norm in _DETERMINERS or concept in vocab.brand:
                continue
            if is_function_word(t.norm):
                break
            run.append(concept)
        if run:
            out[run[-1]] = frozenset(run[:-1])
    return out


def modifiers(tokens: list[Token], spans: list[Span], vocab: Vocabulary) -> dict[str, frozenset[str]]:
    """For every noun-like concept, the content words right before it ('first Autoship *order*')."""
    out: dict[str, frozenset[str]] = {}
    for k, (start, _end, concept) in enumerate(spans):
        if tokens[start].kind != "word":
            continue
        mods: list[str] = []
        j = k - 1
        while j >= 0 and len(mods) < 2:
            s, _e, c = spans[j]
            t = tokens[s]
            if (
                t.kind != "word"
                or is_function_word(t.norm)
                or c in vocab.brand
                or t.norm in _PREPOSITIONS
                or t.norm in _UNIVERSAL
                or t.norm == "per"
            ):
                break
            if not is_filler(t.norm, t.stem) or t.norm in ("first", "next", "one", "single"):
                mods.append(c)
            j -= 1
        if k + 2 < len(spans) and tokens[spans[k + 1][0]].norm in _POST_LEADS:
            for s, _e, c in spans[
                k + 2 : k + 5
            ]:  # 'flights *from Lisbon*', 'refunds *for cancelled flights*'
                t = tokens[s]
                if (
                    t.kind != "word"
                    or (is_function_word(t.norm) and t.norm not in _DETERMINERS)
                    or t.norm in _PREPOSITIONS
                ):
                    break
                if _content(c, t, vocab):
                    mods.append(c)
        out.setdefault(concept, frozenset(mods))
    return out


def conditions(tokens: list[Token], spans: list[Span], vocab: Vocabulary) -> list[tuple[str, frozenset[str]]]:
    """Condition clauses ('when fed daily', 'if you deposit $500'): their text and content concepts."""
    out: list[tuple[str, frozenset[str]]] = []
    for i, tok in enumerate(tokens):
        if tok.kind != "word" or tok.norm not in _CONDITION_LEADS:
            continue
        end = _clause_end(tokens, i)
        words = {c for s, _e, c in spans if i < s < end and _content(c, tokens[s], vocab)}
        if words:
            out.append((" ".join(t.text for t in tokens[i:end]), frozenset(words)))
    return out


def purpose_starts(tokens: list[Token], spans: list[Span]) -> frozenset[int]:
    """Starts of spans inside a 'for ...' phrase: a use or an audience ('for senior dogs', 'for holiday lets')."""
    out: set[int] = set()
    for start, _end, _concept in spans:
        j = start - 1
        steps = 0
        while j >= 0 and steps < 4:
            t = tokens[j]
            if t.kind != "word":
                break
            if t.norm == "for":
                out.add(start)
                break
            if t.norm in _PREPOSITIONS:
                break
            j -= 1
            steps += 1
    return frozenset(out)


def before_product(tokens: list[Token], spans: list[Span]) -> frozenset[int]:
    """Starts of spans right before a product term: attributes of the product ('waterproof *cartridges*')."""
    out: set[int] = set()
    for k in range(len(spans) - 1):
        start, end, concept = spans[k]
        nxt = spans[k + 1]
        if (
            tokens[start].kind == "word"
            and nxt[0] == end
            and nxt[2].startswith("product:")
            and not concept.startswith("product:")
        ):
            out.add(start)
    return frozenset(out)
