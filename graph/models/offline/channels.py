"""Channels as people name them: channel words, social networks and ad platforms by brand name, and the bare
list words 'search' and 'social' when they are items of a channel list ('LinkedIn and search', 'across search,
social and email')."""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.models.offline.segments import Segment


@dataclass(frozen=True)
class Found:
    """A value and where its words are in the brief."""

    value: str
    start: int
    end: int


# ---- channels ---------------------------------------------------------------------------------------------------
CHANNEL_WORDS: dict[str, tuple[str, ...]] = {
    "email": (
        r"e-?mails?",
        r"newsletters?",
        r"edm",
        r"mailing list",
        r"mailers?",
        # the same in the other languages briefs arrive in: 'e-post', 'e-mailing', 'courriel', 'nyhetsbrev'
        r"e-?mailings?",
        r"e-?mail\s?marketing",
        r"e-?post(?:en|utskick|marknadsf[öo]ring)?",
        r"courriels?",
        r"correos?\s+electr[oó]nicos?",
        r"s[äa]hk[öo]posti\w*",
        r"nyhe[dt]sbrev(?:et)?",
        r"nieuwsbrie(?:f|ven)",
    ),
    "sms": (
        r"sms",
        r"text messages?",
        r"texts",
        r"texting",
        r"whatsapp",
        r"mms",
        r"(?<=\ba\s)text(?=\s+(?:to|blast|reminder|message|campaign|out)\b)",
        r"text\s+(?:blasts?|campaigns?|reminders?)",
        r"kakao(?:talk)?(?:\s+(?:alimtalk|friendtalk|messages?))?",
        r"line\s+messages?",
        r"viber",
        r"zalo",
    ),
    "paid_social": (
        r"paid social",
        r"social media(?: ads)?",
        r"social ads",
        r"socials",
        r"facebook",
        r"fb",
        r"instagram",
        r"insta",
        r"ig",
        r"meta(?: ads)?",
        r"linkedin",
        r"tiktok",
        r"snapchat",
        r"pinterest",
        r"reddit",
        r"youtube",
        r"twitter",
        r"x ads",
        r"threads",
        r"nextdoor",
        r"wechat",
        r"weibo",
        r"xiaohongshu",
        r"rednote",
        r"douyin",
        r"bilibili",
        r"kakao\s*(?:moment|ads)",
        r"line\s+ads",
        r"vk",
        r"twitch",
    ),
    "paid_search": (
        r"paid search",
        r"search ads",
        r"search advertising",
        r"google(?: search)?(?: ads)?",
        r"adwords",
        r"ppc",
        r"sem",
        r"bing(?: ads)?",
        r"microsoft ads",
        r"search campaigns?",
        r"naver(?:\s+search)?(?:\s+ads)?",
        r"baidu(?:\s+ads)?",
        r"yandex(?:\s+direct)?",
        r"seznam",
        r"yahoo(?:!)?(?:\s+japan)?(?:\s+search)?\s+ads",
        r"yelp(?:\s+ads)?",
        r"tripadvisor\s+ads",
        r"amazon\s+(?:sponsored\s+products|ads)",
    ),
    "display": (r"display(?: ads| banners)?", r"banners?", r"programmatic", r"retargeting"),
}
CHANNEL_RES = {
    ch: re.compile(r"(?<![\w-])(?:" + "|".join(w).replace(" ", r"\s+") + r")(?![\w])", re.IGNORECASE)
    for ch, w in CHANNEL_WORDS.items()
}
# words that name a channel only as an item of a channel list: 'LinkedIn and search', 'across search, social and
# email', 'Search + Facebook' (not 'people who search for', 'social proof')
_LIST_ONLY: dict[str, re.Pattern[str]] = {
    "paid_search": re.compile(r"(?<![\w-])search(?![\w-])", re.IGNORECASE),
    "paid_social": re.compile(r"(?<![\w-])social(?![\w-])", re.IGNORECASE),
}
_ITEM_BEFORE = re.compile(
    r"(?:^|[,+&/|:\n(.!?]|\b(?:and|or|on|via|across|over|through|using|plus|in|into|between)\b|\s[-–—]|\d\s?%)"
    r"\s*$",
    re.IGNORECASE,
)
"""Before a bare list word: a separator, a preposition, or its share of the budget ('60% search and 40% social')."""
_ITEM_AFTER = re.compile(
    r"\s*(?:$|[,+&/|.;:!)\n]|\s[-–—]|(?:and|or|only|please|plz|pls|in|across)\b)", re.IGNORECASE
)


def _list_items(text: str, named: list[int], labelled: list[tuple[int, int]]) -> dict[str, Found]:
    """Bare 'search' / 'social' standing as a list item next to another named channel (or in a channels line)."""
    out: dict[str, Found] = {}
    for ch, rx in _LIST_ONLY.items():
        for m in rx.finditer(text):
            line = (text.rfind("\n", 0, m.start()) + 1, (text.find("\n", m.end()) + 1 or len(text) + 1) - 1)
            near = any(abs(p - m.start()) <= 60 and line[0] <= p <= line[1] for p in named)
            share = re.search(r"\d\s?%\s*$", text[max(0, m.start() - 8) : m.start()])  # '60% search'
            if not (near or share or any(s <= m.start() < e for s, e in labelled)):
                continue
            if share or (
                _ITEM_BEFORE.search(text[max(0, m.start() - 40) : m.start()])
                and _ITEM_AFTER.match(text, m.end())
            ):
                out[ch] = Found(ch, m.start(), m.end())
                break
    return out


_RETARGETING_POOL = re.compile(
    r"retargeting(?=\s+(?:pool|audiences?|lists?|segments?|cohorts?)\b)", re.IGNORECASE
)
_HOLDOUT_FROM = re.compile(
    r"\b(?:hold[\s-]?(?:out|back)|control(?:\s+group)?)\b[^.;\n]{0,30}?\b(?:on|of|from|in)\s+(?:the\s+)?"
    r"(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
_TEXT_VERB = re.compile(
    r"(?<![\w-])(?:e-?mail|call|phone|message)\s*(?:,\s*|\s+(?:and|or|&|\+)\s+)(?P<t>text)(?=\s+(?!messages?\b)[a-z])",
    re.IGNORECASE,
)
"""'email and text library card holders', 'call or text past customers': 'text' as a verb beside another way of
reaching people is the SMS channel."""
_CASE_SENSITIVE_CHANNELS = {"IG", "FB", "SEM", "EDM", "SMS"}


def _own_sentence_end(text: str, start: int, end: int) -> int:
    """A labelled value ends with its sentence ('offer: the First Box Offer. £4k tiktok + insta' names channels
    after it)."""
    stop = re.search(r"(?<=[a-z0-9)%])[.!?](?:\s|$)", text[start:end])
    return start + stop.start() if stop else end


def find_channels(
    text: str, segments: list[Segment] | None = None, skip_spans: list[tuple[int, int]] | None = None
) -> list[tuple[str, Found]]:
    """Requested channels in order of first mention. Words inside an audience statement ('people who signed up by
    email'), a KPI ('an email open rate of 25%') or a negation ('no TikTok') are not requests."""
    skip = [
        (s.start, _own_sentence_end(text, s.value_start, s.end))
        for s in segments or []
        if s.field in ("audience", "product", "key_messages")
    ]
    skip += skip_spans or []
    hits: dict[str, Found] = {}
    for ch, rx in CHANNEL_RES.items():
        for m in rx.finditer(text):
            word = m.group(0)
            if (
                len(word) <= 3
                and word.lower() in {w.lower() for w in _CASE_SENSITIVE_CHANNELS}
                and word.upper() != word
                and word.lower() not in ("sms", "fb")
            ):
                continue
            if any(s <= m.start() < e for s, e in skip):
                continue
            if re.match(
                r"\s+(?:open|click|conversion|ctr\b|engagement|unsubscribe|bounce|deliverability)",
                text[m.end() :],
                re.I,
            ):
                continue  # 'an email open rate of 25%' names a metric, not a channel request
            if re.search(
                r"\b(?:no|not|without|except|nothing on|exclude|excluding|avoid)\s+(?:\w+\s+){0,1}$",
                text[max(0, m.start() - 20) : m.start()],
                re.I,
            ):
                continue
            if ch == "display" and (
                _RETARGETING_POOL.match(text, m.start())
                or _HOLDOUT_FROM.search(text[max(0, m.start() - 60) : m.start()])
            ):
                continue  # 'the retargeting pool', 'the email retargeting': people already reached, not a channel
            if ch not in hits:
                hits[ch] = Found(ch, m.start(), m.end())
                break
    for m in _TEXT_VERB.finditer(text):
        if "sms" not in hits and not any(s <= m.start("t") < e for s, e in skip):
            hits["sms"] = Found("sms", m.start("t"), m.end("t"))
    named = [f.start for f in hits.values()]
    labelled = [(s.start, s.end) for s in segments or [] if s.field == "channels"]
    for ch, found in _list_items(text, named, labelled).items():
        if ch not in hits and not any(s <= found.start < e for s, e in skip):
            hits[ch] = found
    return sorted(((ch, f) for ch, f in hits.items()), key=lambda x: x[1].start)
