"""Occasion and audience set phrases ('spring cleaning', 'Christmas gifting', 'tax year end', 'first-time
buyers') are not claims, on brands other than the one each was seen on; every other trigger still counts."""

from __future__ import annotations

from datetime import date

import pytest

from guards.claims import check_text
from guards.idioms import neutralise_idioms
from tests.guards.brands import library_of

ON = date(2026, 11, 25)


NO_CLAIM = [
    ("brightwell", "UK", "Spring cleaning is here, and so is the Classic Pitcher."),
    ("dermalune", "US", "Spring-clean your routine this April."),
    ("forkfield", "UK", "Get set for Christmas gifting with Forkfield."),
    ("pawtree", "CA", "The gift-giving season is here."),
    ("trailfox", "US", "Holiday gifting, sorted."),
    ("ledgerly", "UK", "Tax year end is here."),
    ("sentrygrid", "US", "Get ready for the end of the financial year."),
    ("forkfield", "UK", "Year-end wrap-up: meet Forkfield."),
    ("ledgerly", "UK", "For first-time savers: say hello to Ledgerly."),
    ("voltway", "UK", "Made with first-time drivers in mind."),
    ("aeroliss", "US", "For first time parents, a calmer bedtime."),
]


@pytest.mark.parametrize(("brand", "region", "sentence"), NO_CLAIM)
def test_occasion_and_audience_phrases_are_no_claim(brand: str, region: str, sentence: str) -> None:
    verdicts = {s.verdict for s in check_text(sentence, library_of(brand), region=region, on=ON).sentences}
    assert verdicts == {"no_claim"}, sentence


STILL_CLAIMS = [
    ("forkfield", "UK", "A free gift with every box for Christmas gifting."),
    ("brightwell", "UK", "Spring cleaning made easy: removes 99% of lead."),
    ("ledgerly", "UK", "Offer ends at tax year end."),
    ("trailfox", "US", "The lightest trail shoe for first-time runners."),
    ("dermalune", "US", "The cleanest serum for spring cleaning your routine."),
]


@pytest.mark.parametrize(("brand", "region", "sentence"), STILL_CLAIMS)
def test_other_triggers_in_the_sentence_still_count(brand: str, region: str, sentence: str) -> None:
    verdicts = {s.verdict for s in check_text(sentence, library_of(brand), region=region, on=ON).sentences}
    assert "no_claim" not in verdicts, sentence


@pytest.mark.parametrize(
    ("text", "neutral"),
    [
        ("Spring cleaning sale", "spring sale"),
        ("Christmas gifting", "Christmas giving"),
        ("the end of the school year", "the year"),
        ("tax year-end", "year"),
        ("first-time buyers", " buyers"),
        ("for the first time", "for the first time"),  # not before a kind of person: left alone
    ],
)
def test_set_phrases_reduce_to_their_neutral_word(text: str, neutral: str) -> None:
    assert neutralise_idioms(text) == neutral
