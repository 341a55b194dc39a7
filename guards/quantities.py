"""Numbers as claimed: value, unit, qualifier ('up to', 'over'), direction ('fewer'), condition ('orders over
$35'); and ranks ('#1'), which are superlatives, not quantities."""

from __future__ import annotations

import re
from dataclasses import dataclass

from guards.lexicon.qualifier_words import CONDITION_LEADS, CONDITION_QUALIFIERS, DIRECTION_WORDS, QUALIFIERS
from guards.lexicon.quantity_words import MULTIPLIER_WORDS, NUMBER_WORDS, SCALE_WORDS, UNITS
from guards.sentences import Token
from guards.vocabulary import is_function_word

_MAX_QUALIFIER = max(len(k) for k in QUALIFIERS)
_MONEY = frozenset({"USD", "GBP", "EUR", "JPY", "CAD", "AUD", "pence", "cent"})
_NOT_NUMBER_BEFORE_ONE = frozenset(
    {
        "the",
        "this",
        "that",
        "any",
        "every",
        "no",
        "each",
        "which",
        "someone",
        "number",
        "anyone",
        "everyone",
        "no-one",
        "little",
        "new",
        "old",
        "right",
        "only",
    }
)

_RANK = re.compile(r"(?:#\s?|\bNo\.\s?|\b[Nn]umber\s)(\d{1,2})\b(?![%.,]\d)")
_WORDS_OF = {int(v): k for k, v in NUMBER_WORDS.items() if v < 21}


def _rank_word(m: re.Match[str]) -> str:
    """'#1', 'No. 1', 'number 1' -> 'number one': a rank (superlative claim), not a quantity."""
    n = int(m.group(1))
    return f"number {_WORDS_OF.get(n, m.group(1))}"


def rank_words(text: str) -> str:
    """Rewrite ranks as words so they read as the superlative 'number one', never as the quantity 1."""
    return _RANK.sub(_rank_word, text)


@dataclass(frozen=True)
class Quantity:
    """A number as claimed.

    Attributes:
        value: Numeric value.
        unit: Canonical unit ('%', 'litre', 'USD', 'x', ...) or None.
        qualifier: exact, up_to, at_least, more_than, less_than, at_most or approx.
        direction: 'more', 'less', 'off' or None ('300 fewer', '25% off').
        condition: True when the number limits what the claim applies to ('orders over $35').
        text: Surface text of the quantity with its qualifier.
        noun: Stems of the words right after a unit-less number ('300 fewer plastic *bottles*').
    """

    value: float
    unit: str | None
    qualifier: str = "exact"
    direction: str | None = None
    condition: bool = False
    text: str = ""
    noun: frozenset[str] = frozenset()
    before: str = ""
    """The word right before the quantity and its qualifier ('for' 30 days, 'in' under 5 minutes)."""
    after: str = ""
    """The word right after the quantity ('24 hours *before* departure')."""
    bare_noun: bool = False
    """The word right after is the whole noun phrase: punctuation, a function word or the end follows it ('two
    *wheels*.', 'two seats *by* ...'; not 'five *new* cities')."""


# --- extraction -------------------------------------------------------------------------------------------------


def extract_quantities(
    tokens: list[Token], consumed: set[int], skip: frozenset[int] = frozenset()
) -> list[Quantity]:
    """Find every quantity of a tokenised sentence; the token indices it used are added to ``consumed``.

    Tokens in ``skip`` (e.g. the '3' of a product named 'Ridgeline 3') are never read as numbers.
    """
    out: list[Quantity] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if i in skip:
            i += 1
            continue
        value, unit, end = _number_at(tokens, i)
        if value is None:
            i += 1
            continue
        qualifier, q_start = _qualifier_before(tokens, i)
        if tok.suffix == "+":
            qualifier = "at_least"
        if unit is None:
            unit, end = _unit_after(tokens, end)
        if qualifier == "at_least" and [t.norm for t in tokens[q_start:i]] == ["from"] and unit not in _MONEY:
            qualifier, q_start = (
                "exact",
                i,
            )  # 'made from 50% recycled plastic': 'from' is a floor only for prices
        period = frequency_after(tokens, end) if unit == "x" else None
        if period is not None:
            unit, end = (
                f"x/{period[0]}",
                period[1],
            )  # 'twice a week', 'three times daily': how often, not a multiple
        if end < len(tokens) and tokens[end].kind == "symbol" and tokens[end].text == "+":
            qualifier = "at_least"  # '20%+', '$50+', '4,000+'
            end += 1
        direction = None
        if end < len(tokens) and tokens[end].kind == "word" and tokens[end].norm in DIRECTION_WORDS:
            nxt = tokens[end + 1].norm if end + 1 < len(tokens) else ""
            if nxt != "than":
                direction = DIRECTION_WORDS[tokens[end].norm]
                end += 1
        condition = False
        if qualifier in ("more_than", "at_least", "less_than", "at_most"):
            phrase = tuple(t.norm for t in tokens[q_start:i] if t.kind == "word")
            lead = {t.norm for t in tokens[max(0, q_start - 3) : q_start] if t.kind == "word"}
            condition = phrase in CONDITION_QUALIFIERS or bool(lead & CONDITION_LEADS)
        consumed.update(range(q_start, end))
        text = " ".join(t.text for t in tokens[q_start:end])
        noun = frozenset() if unit else _noun_after(tokens, end)
        before = tokens[q_start - 1].norm if q_start > 0 and tokens[q_start - 1].kind == "word" else ""
        after = tokens[end].norm if end < len(tokens) and tokens[end].kind == "word" else ""
        bare = bool(after) and (
            end + 1 >= len(tokens) or tokens[end + 1].kind != "word" or is_function_word(tokens[end + 1].norm)
        )
        out.append(Quantity(value, unit, qualifier, direction, condition, text, noun, before, after, bare))
        i = end
    return out


_PERIODS = frozenset({"second", "minute", "hour", "day", "night", "week", "month", "year", "season", "term"})
_PERIOD_ADVERBS = {
    "hourly": "hour",
    "daily": "day",
    "nightly": "night",
    "weekly": "week",
    "fortnightly": "fortnight",
    "monthly": "month",
    "yearly": "year",
    "annually": "year",
}
_PERIOD_LEADS = frozenset({"a", "an", "per", "each", "every"})


def frequency_after(tokens: list[Token], end: int) -> tuple[str, int] | None:
    """(period, index after it) when a multiple is followed by a period ('twice *a week*', '3 times *daily*'):
    a frequency, which says how often something happens and compares nothing."""
    if end < len(tokens) and tokens[end].kind == "word" and tokens[end].norm in _PERIOD_ADVERBS:
        return _PERIOD_ADVERBS[tokens[end].norm], end + 1
    if end + 1 < len(tokens) and tokens[end].kind == "word" and tokens[end].norm in _PERIOD_LEADS:
        nxt = tokens[end + 1]
        noun = nxt.norm[:-1] if nxt.norm.endswith("s") and nxt.norm[:-1] in _PERIODS else nxt.norm
        if nxt.kind == "word" and (noun in _PERIODS or noun == "fortnight"):
            return noun, end + 2
    return None


def frequency_words(tokens: list[Token]) -> frozenset[int]:
    """Indices of the words that state a frequency ('twice', 'times' in 'three times a day')."""
    out: set[int] = set()
    for i, tok in enumerate(tokens):
        if tok.kind != "word":
            continue
        if tok.norm in MULTIPLIER_WORDS and frequency_after(tokens, i + 1) is not None:
            out.add(i)
        elif tok.norm in ("times", "time", "x") and i and frequency_after(tokens, i + 1) is not None:
            out.update({i - 1, i})
    return frozenset(out)


def _number_at(tokens: list[Token], i: int) -> tuple[float | None, str | None, int]:
    """Value, unit (from currency/suffix/multiplier) and the index after the number, or (None, None, i)."""
    tok = tokens[i]
    unit: str | None = None
    if tok.kind == "number":
        value = tok.value or 0.0
        if tok.currency:
            unit = tok.currency
        elif tok.suffix == "%":
            unit = "%"
        elif tok.suffix == "x":
            unit = "x"
        elif tok.suffix == "m":
            value *= 1_000_000
        elif tok.suffix and tok.suffix not in ("+",):
            unit = UNITS.get(tok.suffix)
        end = i + 1
    elif tok.kind == "word" and tok.norm in MULTIPLIER_WORDS:
        return MULTIPLIER_WORDS[tok.norm], "x", i + 1
    elif (
        tok.kind == "word" and tok.norm in NUMBER_WORDS and tok.norm not in ("hundred", "thousand", "million")
    ):
        prev = tokens[i - 1].norm if i > 0 else ""
        nxt = tokens[i + 1].norm if i + 1 < len(tokens) else ""
        if prev == "number" or (
            tok.norm == "one" and (prev in _NOT_NUMBER_BEFORE_ONE or nxt in ("of", "another", ""))
        ):
            return None, None, i
        if nxt in ("of",) and tok.norm != "dozen":
            return None, None, i
        value, end = float(NUMBER_WORDS[tok.norm]), i + 1
    else:
        return None, None, i
    if (
        end < len(tokens)
        and tokens[end].kind == "word"
        and tokens[end].norm in SCALE_WORDS
        and tokens[end].norm not in ("k", "m")
    ):
        value *= SCALE_WORDS[tokens[end].norm]
        end += 1
    return value, unit, end


def _qualifier_before(tokens: list[Token], i: int) -> tuple[str, int]:
    for n in range(_MAX_QUALIFIER, 0, -1):
        start = i - n
        if start < 0:
            continue
        window = tokens[start:i]
        if any(t.kind != "word" and t.text != "~" for t in window):
            continue
        key = tuple(t.norm for t in window)
        if key in QUALIFIERS:
            return QUALIFIERS[key], start
    # 'by up to 97%' / 'for up to 2 months': qualifier separated from the number by nothing else.
    return "exact", i


def _noun_after(tokens: list[Token], end: int) -> frozenset[str]:
    out: set[str] = set()
    for tok in tokens[end : end + 4]:
        if tok.kind != "word":
            break
        if not is_function_word(tok.norm):
            out.add(tok.stem)
        if len(out) == 2:
            break
    return frozenset(out)


def _unit_after(tokens: list[Token], end: int) -> tuple[str | None, int]:
    if end >= len(tokens):
        return None, end
    tok = tokens[end]
    if tok.kind == "symbol" and tok.text == "%":
        return "%", end + 1
    if tok.kind != "word":
        return None, end
    if end + 1 < len(tokens):
        two = f"{tok.norm} {tokens[end + 1].norm}"
        if two in UNITS:
            return UNITS[two], end + 2
    if tok.norm in UNITS and (len(tok.norm) > 1 or tok.norm in ("l", "x", "g")):
        return UNITS[tok.norm], end + 1
    return None, end
