"""Who the campaign should reach, in the marketer's words (the brief field ``audience``).

An audience is a people phrase (``people``): a head naming people and its qualifiers (age, place, 'who ...'). It is
read from a label, a question answered on the next line, a cue ('aimed at', 'targeting', 'X are who we want'), the
object of a verb or preposition ('wants small business owners in Texas to get a quote', 'from couples in the UK'),
or a clause that names people and nothing else. It ends before an infinitive purpose ('to sign up for ...'), a new
clause with its own verb, a channel, a budget, a count or the campaign's timing.
"""

from __future__ import annotations

import re

from graph.models.offline.audience_bounds import (
    AUD_STOP,
    CHANNEL_ALT,
    IN_RELATIVE,
    NOT_AUDIENCE,
    TIME_STOP,
    audience_after,
    clean_audience,
    only_places,
)
from graph.models.offline.audience_clause import people_clause, richness
from graph.models.offline.audience_cues import AUD_CUES, INFINITIVE, POSTPOSED, WEAK_CUES, WHO_QUESTION
from graph.models.offline.channels import Found
from graph.models.offline.people import names_people
from graph.models.offline.segments import Segment
from graph.models.offline.sentences import NOT_ABBREVIATION


def find_audience(
    text: str, segments: list[Segment], is_place_only: object, product: Found | None = None
) -> Found | None:
    """Who the campaign should reach (see ``_find_audience``); a phrase that opens with the product keeps only the
    people it is for ("Founders' Floor rooms from early-stage founders in Lisboa" -> 'early-stage founders in
    Lisboa')."""
    found = _find_audience(text, segments, is_place_only, product)
    if found is None or product is None or not (found.start <= product.start < product.end < found.end):
        return found
    joint = re.match(r"\s+(?:from|for|to|among|amongst|by)\s+", text[product.end : found.end])
    rest = text[product.end + joint.end() : found.end] if joint else ""
    if not (joint and names_people(rest)):
        return found
    return Found(rest, found.end - len(rest), found.end)


def _find_audience(
    text: str, segments: list[Segment], is_place_only: object, product: Found | None = None
) -> Found | None:
    """Who the campaign should reach, in the marketer's words, however it is introduced: a label, a question
    answered on the next line, a cue ('aimed at', 'targeting', 'it's for', '... are who we want'), the words after
    the product ('PawPals group walks to busy professionals'), the object of a verb or preposition that names
    people, or a clause that names a group of people. The fullest people phrase wins over a bare noun."""

    def overlaps_product(start: int, end: int) -> bool:
        return product is not None and start < product.end and product.start < end

    def before_product(found: Found | None) -> Found | None:
        """'sales ops managers at startups with PipeNest CRM': the audience ends where the product starts."""
        if found is None or product is None or not (found.start < product.start < found.end):
            return found
        value = re.sub(
            r"(?:\s+(?:with|for|about|on|to|of|the|our|a|an))*\s*$", "", text[found.start : product.start]
        )
        value = clean_audience(value)
        if len(value) < 3 or re.fullmatch(r"(?i:our|the|an?|my|their|its|this)", value):
            return None
        return Found(value, found.start, found.start + len(value))

    for seg in segments:
        if seg.field == "audience" and seg.value:
            first = re.split(rf"(?:{NOT_ABBREVIATION}\.|[;!?])(?:\s|$)", seg.value, maxsplit=1)[
                0
            ]  # the label's own sentence
            first = re.sub(r"^(?i:is|are|=|sind|ist|est|sont|es|son|zijn)\s+", "", first)  # 'audience is ...'
            rest_of_label = re.match(r"([^\W\d_]+(?:\s[^\W\d_]+)?)\s*:\s+(?=\S)", first)
            if rest_of_label and not names_people(rest_of_label.group(1)):
                first = first[rest_of_label.end() :]  # 'Target audiens: ...', 'Target group: ...'
            when = TIME_STOP.search(first)
            first = (
                first[: when.start()]
                if when and not IN_RELATIVE.search(first[: when.start()] + " ")
                else first
            )

            value = (
                clean_audience(AUD_STOP.split(seg.value, maxsplit=1)[0])
                if "\n" in seg.value
                else clean_audience(first)
            )
            code = re.match(
                r"[A-Za-z]{3}\s?\d", value
            )  # 'men 25-40' under a label is people, 'USD 5k' is not
            not_people = NOT_AUDIENCE.match(value) and not (code and not code.group(0)[:3].isupper())
            if value and not not_people and not only_places(value, is_place_only):
                at = text.find(value, seg.value_start)
                at = at if at >= 0 else seg.value_start
                return Found(value, at, at + len(value))
    for q in WHO_QUESTION.finditer(text):
        found = audience_after(text, q.end(), is_place_only)
        if found and names_people(found.value):
            return found
    for p in POSTPOSED.finditer(text):
        value = clean_audience(p.group("aud"))
        if names_people(value) and not overlaps_product(p.start("aud"), p.end("aud")):
            at = text.find(value, p.start("aud"))
            return Found(value, at, at + len(value))
    for m in AUD_CUES.finditer(text):
        found = before_product(audience_after(text, m.end(), is_place_only))
        if found and re.search(r"\bto\s*$", m.group(0), re.I) and INFINITIVE.match(found.value):
            continue  # 'push, getting students in Leeds to try it': a purpose, not the people
        if found and re.search(r"\bfrom\s*$", m.group(0), re.I) and not names_people(found.value):
            continue  # '500 sign-ups from our website', 'visitors expected from across Yorkshire'
        if found and not overlaps_product(found.start, found.end):
            return found
    weak = [m.end() for m in WEAK_CUES.finditer(text)]
    if product is not None:
        after = re.match(r"[\s,]*(?:(?:is|are|'s|’s)\s+for|to|for|among|at|[—–-])\s+", text[product.end :])
        weak.insert(0, product.end + after.end()) if after else None
    clause = people_clause(text, segments, is_place_only)
    for at in weak:
        if clause and re.search(r"(?:" + CHANNEL_ALT + r")\s+to\s+$", text[max(0, at - 30) : at], re.I):
            continue  # 'email to lapsed users' beside a clause naming the audience: which list a channel uses
        if re.search(r"\bto\s+$", text[max(0, at - 4) : at]) and INFINITIVE.match(text, at):
            continue  # 'trying to onboard 1500 new sellers'
        found = before_product(audience_after(text, at, is_place_only))
        if found and _TITLE_NAME.fullmatch(found.value) and re.search(r"[A-Z][\w&'’-]*\s+for\s+$", text[:at]):
            continue  # 'Trailblazer for Teams', 'Taskloom for Agencies': a product's name
        if found and not overlaps_product(found.start, found.end) and names_people(found.value):
            if clause and clause.start <= found.start < clause.end:
                return clause  # 'people buying gifts for gin lovers': the whole clause, not its object
            if clause and richness(clause.value) > richness(found.value):
                return clause  # 'Agencies' in a product's name; the list names 'creative agency owners in the UK'
            return found
    return clause


_TITLE_NAME = re.compile(r"[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*)?")
