"""The one reading-grade formula: dictionary syllable counts and hand-computed Flesch-Kincaid grades."""

from __future__ import annotations

import pytest

import evals.evaluators.voice as eval_voice
import guards.voice as guard_voice
from guards.readability import reading_grade, syllables

# Dictionary syllable counts (Merriam-Webster), written down before the counter's rules were checked
# against them; the rules were developed on a different word list.
DICTIONARY = {
    "customer": 3,
    "delivery": 4,
    "subscription": 3,
    "sustainable": 4,
    "guarantee": 3,
    "discount": 2,
    "shipping": 2,
    "filter": 2,
    "bottle": 2,
    "kitchen": 2,
    "morning": 2,
    "coffee": 2,
    "organic": 3,
    "natural": 3,
    "energy": 3,
    "simple": 2,
    "tomorrow": 3,
    "yesterday": 3,
    "information": 4,
    "experience": 4,
    "available": 4,
    "technology": 4,
    "community": 4,
    "individual": 5,
    "opportunity": 5,
    "environment": 4,
    "education": 4,
    "premium": 3,
    "monthly": 2,
    "weekly": 2,
    "savings": 2,
    "offer": 2,
    "free": 1,
    "trial": 2,
    "cancel": 2,
    "anytime": 3,
    "smile": 1,
    "stove": 1,
    "hope": 1,
    "hoped": 1,
    "named": 1,
    "landed": 2,
    "needed": 2,
    "rates": 1,
    "roses": 2,
    "washes": 2,
    "cares": 1,
    "lives": 1,
    "piano": 3,
    "period": 3,
    "serious": 3,
    "usual": 3,
    "annual": 3,
    "happy": 2,
    "system": 2,
    "eleven": 3,
    "banana": 3,
    "elephant": 3,
    "computer": 3,
    "orange": 2,
    "garden": 2,
    "planet": 2,
    "river": 2,
    "yellow": 2,
    "window": 2,
    "pencil": 2,
    "animal": 3,
    "hospital": 3,
    "important": 3,
    "remember": 3,
    "together": 3,
    "another": 3,
    "difficult": 3,
    "beginning": 3,
    "understand": 3,
    "president": 3,
    "necessary": 4,
    "everybody": 4,
    "especially": 4,
    "university": 5,
    "refrigerator": 5,
    "unbelievable": 5,
}


def test_syllable_counter_agrees_with_the_dictionary() -> None:
    wrong = {w: (n, syllables(w)) for w, n in DICTIONARY.items() if syllables(w) != n}
    # Measured: 80 of 82 agree (misses: 'experience' 3, 'everybody' 5).
    assert len(wrong) <= 2, wrong


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("make", 1),
        ("table", 2),
        ("jumped", 1),
        ("wanted", 2),
        ("makes", 1),
        ("boxes", 2),
        ("radio", 3),
        ("nation", 2),
        ("quality", 3),
        ("follow-up", 3),
        ("don't", 1),
        ("a", 1),
    ],
)
def test_syllable_rules(word: str, count: int) -> None:
    assert syllables(word) == count


def test_flesch_kincaid_reference_values() -> None:
    # 6 words, 6 syllables, 1 sentence: 0.39*6 + 11.8*1 - 15.59
    assert reading_grade("The cat sat on the mat.") == pytest.approx(-1.45, abs=1e-9)
    # 14 words, 19 syllables, 2 sentences: 0.39*7 + 11.8*19/14 - 15.59
    text = "The new filter is simple to fit. Order one today and save ten dollars."
    assert reading_grade(text) == pytest.approx(0.39 * 7 + 11.8 * 19 / 14 - 15.59, abs=1e-9)
    assert reading_grade(text) == pytest.approx(3.154, abs=1e-3)


def test_a_line_without_a_full_stop_is_its_own_sentence() -> None:
    bullets = "The new filter is simple to fit\nOrder one today and save ten dollars"
    assert reading_grade(bullets) == pytest.approx(3.154, abs=1e-3)


def test_no_words_has_no_grade() -> None:
    assert reading_grade("") is None
    assert reading_grade("42 — 17!") is None


def test_guard_and_evaluator_grade_with_the_same_function() -> None:
    assert guard_voice.reading_grade is reading_grade
    assert eval_voice.reading_grade is reading_grade
