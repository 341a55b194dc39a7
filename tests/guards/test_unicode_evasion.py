"""Unicode evasion corpus: look-alike and invisible characters never turn an unsupported claim into a pass.

Every unsupported sentence below is rewritten with each evasion (full-width, superscript, circled and
mathematical digits, Cyrillic and Greek look-alikes, zero-width and bidi controls, tag characters, non-breaking
and odd spaces, soft hyphens, variation selectors); all of them must still be caught (100%), and a supported
sentence written the same ways must still pass.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from graph.runtime.settings import REPO_ROOT
from guards.claims import check_text
from guards.library import load_library
from guards.textnorm import fold_text, normalize_text

ON = date(2026, 11, 25)
_FULLWIDTH = {c: chr(ord(c) + 0xFEE0) for c in "0123456789#%$"}
_SUPERSCRIPT = dict(zip("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹", strict=True))
_CIRCLED = dict(zip("0123456789", "⓪①②③④⑤⑥⑦⑧⑨", strict=True))
_MATH = {str(d): chr(0x1D7CE + d) for d in range(10)}
_CYRILLIC = {
    "a": "а",
    "e": "е",
    "o": "о",
    "p": "р",
    "c": "с",
    "x": "х",
    "y": "у",
    "B": "В",
    "T": "Т",
    "s": "ѕ",
    "i": "і",
}
_GREEK = {"o": "ο", "A": "Α", "B": "Β", "E": "Ε", "T": "Τ", "i": "ι", "v": "ν"}


def _map(table: dict[str, str]) -> Callable[[str], str]:
    return lambda s: "".join(table.get(c, c) for c in s)


def _between(mark: str) -> Callable[[str], str]:
    return lambda s: mark.join(s)


EVASIONS: dict[str, Callable[[str], str]] = {
    "fullwidth": _map(_FULLWIDTH),
    "superscript": _map(_SUPERSCRIPT),
    "circled": _map(_CIRCLED),
    "math_digits": _map(_MATH),
    "cyrillic": _map(_CYRILLIC),
    "greek": _map(_GREEK),
    "zero_width_space": _between("\u200b"),
    "zero_width_joiner": _between("\u200d"),
    "word_joiner": _between("\u2060"),
    "bidi_override": lambda s: "\u202e" + s.replace(" ", " \u202d") + "\u202c",
    "bidi_isolate": lambda s: s.replace(" ", " \u2066", 3) + "\u2069",
    "tag_characters": lambda s: s.replace(" ", " \U000e0041", 4),
    "soft_hyphen": lambda s: s.replace("e", "e\u00ad"),
    "nbsp": lambda s: s.replace(" ", "\u00a0"),
    "ideographic_space": lambda s: s.replace(" ", "\u3000"),
    "variation_selector": lambda s: s.replace("1", "1\ufe0f").replace("9", "9\ufe0f"),
    "fullwidth_letters": lambda s: "".join(
        chr(ord(c) + 0xFEE0) if c.isascii() and c.isalpha() else c for c in s
    ),
}

UNSUPPORTED = [
    ("brightwell", "US", "Brightwell is the #1 water filter in America."),
    ("brightwell", "US", "Brightwell cartridges remove up to 100% of lead from tap water."),
    ("brightwell", "US", "Each Brightwell cartridge filters up to 90 gallons of water."),
    ("brightwell", "US", "The Classic Pitcher is the best pitcher on the market."),
    ("brightwell", "US", "Free shipping on orders over $15."),
    ("ledgerly", "US", "Earn 9.10% APY on your Ledgerly Savings balance."),
    ("trailfox", "US", "Free returns within 160 days of delivery."),
]
SUPPORTED = [
    ("brightwell", "US", "Brightwell cartridges remove up to 99% of lead from tap water."),
    ("brightwell", "US", "Free shipping on orders over $35."),
]


@pytest.mark.parametrize("name", sorted(EVASIONS))
def test_every_evasion_is_caught(name: str) -> None:
    evade = EVASIONS[name]
    escaped = []
    tried = 0
    for slug, region, sentence in UNSUPPORTED:
        lib = load_library(REPO_ROOT / "brand_library" / slug)
        assert check_text(sentence, lib, region=region, on=ON).verdict == "unsupported", sentence
        disguised = evade(sentence)
        if disguised == sentence:
            continue  # this evasion has nothing to disguise in this sentence
        tried += 1
        if check_text(disguised, lib, region=region, on=ON).verdict != "unsupported":
            escaped.append(disguised)
    assert tried >= 5
    assert escaped == [], f"{name}: {len(escaped)} evasions passed: {escaped}"


@pytest.mark.parametrize("name", sorted(EVASIONS))
def test_supported_copy_still_passes_when_written_oddly(name: str) -> None:
    for slug, region, sentence in SUPPORTED:
        lib = load_library(REPO_ROOT / "brand_library" / slug)
        assert check_text(EVASIONS[name](sentence), lib, region=region, on=ON).verdict == "supported"


def test_normaliser_is_idempotent_and_keeps_plain_text() -> None:
    plain = "Free shipping on orders over $35.\nResults vary with local water conditions."
    assert normalize_text(plain) == plain
    for evade in EVASIONS.values():
        once = normalize_text(evade(plain))
        assert normalize_text(once) == once
    assert normalize_text("＃１ choice") == "#1 choice"
    assert fold_text("Веѕт\u200b Filter!") == "best filter"


def test_flagged_line_matching_uses_the_same_normaliser() -> None:
    from graph.routing import normalize_text as graph_normalize

    assert graph_normalize("Free shipping on orders over ＄３５") == graph_normalize(
        "free shipping on orders over $35"
    )
