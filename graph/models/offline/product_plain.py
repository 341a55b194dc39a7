"""A product written in plain lowercase words, with no name to hold on to: the object of a selling verb ('we want to
sell the kiln-dried hardwood cord, to ...', 'book a home sleep study'), an offer tagged with its price ('fill our
quiet chairs with a $25 student cut for uni students') and the first bullet of a list whose title only names the
business ('Little Movers promo' / '- toddler gym classes').

The phrase ends where the sentence moves on (a comma, 'to', 'for', 'in', 'at' ...); it is not a product when it
names people, a channel, a time, the brief's own vocabulary ('budget', 'ads') or a count ('more bookings').
"""

from __future__ import annotations

import re

from graph.models.offline.channels import CHANNEL_RES, Found
from graph.models.offline.product_words import (
    BOUNDARY,
    BRIEF_WORDS,
    OFFER_NOUNS,
    PEOPLE_WORD,
    PRODUCT_TYPE,
    TIME_WORD,
)

_SELL = (  # verbs whose object is what is sold: 'sell', 'promote', 'push', 'launch', 'book', 'market', 'offer'
    r"sell(?:s|ing)?|promot(?:e|es|ing)|push(?:es|ing)?|launch(?:es|ing)?|market(?:s|ing)?|advertis(?:e|es|ing)|"
    r"book(?:s|ing)?|introduc(?:e|es|ing)|offer(?:s|ing)?|rent(?:s|ing)?\s+out|hir(?:e|es|ing)\s+out"
)
_WORDS = r"(?:(?:[a-z0-9][\w'’/-]*|[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ]{2,4})\s+){1,3}?[a-z][\w'’-]*"  # 'kiln-dried hardwood cord', 'AI subtitling service'
_ENDS = r"(?=\s*(?:[,.;:!?\n)]|$)|\s+(?:to|for|among|across|in|at|with|on|this|next|from|before|by|so|and\s+get)\b)"
_SOLD = re.compile(
    rf"\b(?i:{_SELL}|(?:promo|campaign|ads|push)\s+for)\s+(?i:the|our|its|their|a|an)\s+(?:(?i:new|latest)\s+)?"
    rf"(?P<v>{_WORDS}){_ENDS}"
)
_AFTER_COLON = re.compile(rf"[ \t]*:[ \t]+(?:(?i:the|our|a|an)\s+)?(?P<v>{_WORDS}){_ENDS}")
_PRICE = r"(?:[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ]{0,3}[$£€¥₩]\s?\d[\d.,]*|\d[\d.,]*\s?(?:[$£€¥₩]|EUR|USD|GBP))"
_PRICED = re.compile(
    rf"\b(?i:a|an|our|the|its|their)\s+{_PRICE}\s+(?P<v>(?:[a-z][\w'’-]*\s+){{0,2}}[a-z][\w'’-]*){_ENDS}"
)
_NOT_OFFER = re.compile(  # what a price or a selling verb may be said of without naming an offer
    r"\b(?:budget|spend|cost|costs|cpa|cpl|cpc|cap|limit|max|fee|revenue|value|basket|donations?|each|per|"
    r"total|target|minimum|more|word|message|campaign|brand|business|company|idea|news|event|most|rest|"
    r"best|whole|same|other|own|new|first|next|last|few|lot|bit|couple|things?|stuff|products?)\b"
)
_VERB_ING = re.compile(
    r"going|doing|getting|making|having|being|trying|using|working|running|looking|reaching|growing|selling|"
    r"buying|booking|coming|taking|giving|seeing|saying|thinking|planning|launching|starting|hoping"
)
_BULLET = re.compile(
    r"^[ \t]*(?:[-*•▪→+>・●○◆◇■□➤➢✓✔]|\d{1,2}[.)])[ \t]+(?P<v>[^\n]{3,60}?)[ \t]*$", re.MULTILINE
)


def _plain(value: str, *, priced: bool = False) -> bool:
    """Lowercase words that can name an offer: not people, a channel, a time, the brief's vocabulary or a verb."""
    toks = value.split()
    last = toks[-1]
    if any(t.lower() in BOUNDARY for t in toks) or BRIEF_WORDS.search(value) or _NOT_OFFER.search(value):
        return False
    if PEOPLE_WORD.fullmatch(last) and not PRODUCT_TYPE.fullmatch(last):
        return False  # 'sell the idea to first-time buyers', 'book a local plumber'
    # a service may be a gerund ('winter tyre fitting', 'dog walking'), a verb may not ('the idea of going')
    if (
        TIME_WORD.fullmatch(last)
        or re.fullmatch(r"[a-z]+(?:ed|ly)|[a-z]+ing", last)
        and not priced
        and (_VERB_ING.fullmatch(last) or len(toks) < 2 or re.fullmatch(r"[a-z]+(?:ed|ly)", last))
    ):
        return False
    if any(rx.search(value) for rx in CHANNEL_RES.values()):
        return False
    return len(toks) >= (1 if priced else 2)


def sold_plain(text: str) -> Found | None:
    """The lowercase object of a selling verb: 'sell the kiln-dried hardwood cord', 'book a home sleep study',
    'sell our AI subtitling service to video producers'."""
    for m in _SOLD.finditer(text):
        value = m.group("v")
        if _plain(value):
            return Found(value, m.start("v"), m.end("v"))
    return None


def plain_after(text: str, at: int) -> Found | None:
    """Plain words after a colon that follows a business: 'Campaign for Lumen Opticians: free eye tests for ...'."""
    m = _AFTER_COLON.match(text, at)
    if not m or not _plain(m.group("v")):
        return None
    return Found(m.group("v"), m.start("v"), m.end("v"))


def priced_plain(text: str) -> Found | None:
    """An offer tagged with its price: 'with a $25 student cut for uni students', 'our €49 family pass'."""
    for m in _PRICED.finditer(text):
        value = m.group("v")
        if _plain(value, priced=True):
            return Found(value, m.start("v"), m.end("v"))
    return None


def bulleted_plain(text: str) -> Found | None:
    """The first bullet of a list when it is an offer in lowercase words ('- toddler gym classes'): the title
    above it names the business or the push ('Little Movers promo')."""
    m = _BULLET.search(text)
    if not m:
        return None
    value = m.group("v").rstrip(" .")
    toks = value.split()
    if not 1 <= len(toks) <= 5 or not all(re.fullmatch(r"[a-z][\w'’-]*", t) for t in toks):
        return None
    if not (re.fullmatch(rf"(?:{OFFER_NOUNS})", toks[-1]) or PRODUCT_TYPE.fullmatch(toks[-1])):
        return None
    if not _plain(value, priced=len(toks) == 1):
        return None
    at = m.start("v")
    return Found(value, at, at + len(value))
