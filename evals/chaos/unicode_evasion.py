"""Unicode evasion corpus for the claims check: disguised unsupported claims must all be caught.

Held-out from the unit corpus (``tests/guards/test_unicode_evasion.py``): other sentences, other brands' claims,
other look-alike letters, and evasions stacked two at a time. Every unsupported sentence is written with each
evasion (look-alike letters, full-width, superscript, subscript, circled, mathematical and other-script digits,
zero-width and bidi controls, tag characters, odd spaces) and checked with the real claims check
(``guards.claims.check_text`` over the shipped brand libraries). Figures: evasions (a disguised unsupported
sentence that is not ``unsupported``; must be 0) and false refusals (a supported sentence written the same ways
that no longer passes; must be 0).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from evals.chaos.figures import Figure
from graph.runtime.settings import REPO_ROOT

CAT = "unicode"
ON = date(2026, 11, 25)


def _map(table: dict[str, str]) -> Callable[[str], str]:
    return lambda s: "".join(table.get(c, c) for c in s)


def _digits(first: int) -> Callable[[str], str]:
    """Decimal digits of another block (``first`` is the code point of its zero)."""
    return _map({str(d): chr(first + d) for d in range(10)})


def _interleave(mark: str, every: int = 2) -> Callable[[str], str]:
    return lambda s: "".join(c + (mark if i % every == every - 1 else "") for i, c in enumerate(s))


EVASIONS: dict[str, Callable[[str], str]] = {
    "lookalike cyrillic": _map(
        {"e": "е", "o": "о", "a": "а", "c": "с", "p": "р", "H": "Н", "M": "М", "K": "К"}
    ),
    "lookalike greek": _map({"o": "ο", "u": "υ", "H": "Η", "M": "Μ", "K": "Κ", "N": "Ν", "Z": "Ζ"}),
    "fullwidth digits+signs": _map({c: chr(ord(c) + 0xFEE0) for c in "0123456789%$.,"}),
    "fullwidth everything": lambda s: "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s),
    "superscript digits": _map(dict(zip("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹", strict=True))),
    "subscript digits": _map(dict(zip("0123456789", "₀₁₂₃₄₅₆₇₈₉", strict=True))),
    "circled digits": _map(dict(zip("123456789", "①②③④⑤⑥⑦⑧⑨", strict=True))),
    "math bold digits": _digits(0x1D7CE),
    "math monospace digits": _digits(0x1D7F6),
    "arabic-indic digits": _digits(0x0660),
    "devanagari digits": _digits(0x0966),
    "zero-width space": _interleave("\u200b", 3),
    "zero-width non-joiner": _interleave("\u200c", 2),
    "bidi embedding": lambda s: "\u202a" + s.replace(" ", " \u202b") + "\u202c",
    "bidi marks": _interleave("\u200f", 4),
    "tag characters": _interleave("\U000e0020", 5),
    "figure/thin spaces": lambda s: s.replace(" ", "\u2007").replace("%", "\u2009%"),
    "stacked: fullwidth + zero-width": lambda s: _interleave("\u200b", 2)(
        _map({c: chr(ord(c) + 0xFEE0) for c in "0123456789%$"})(s)
    ),
    "stacked: circled + cyrillic": lambda s: _map({"e": "е", "o": "о"})(
        _map(dict(zip("123456789", "①②③④⑤⑥⑦⑧⑨", strict=True)))(s)
    ),
}

UNSUPPORTED: list[tuple[str, str, str]] = [
    ("brightwell", "US", "The MaxFlow cartridge removes up to 100% of microplastics."),
    ("brightwell", "US", "One Brightwell cartridge lasts up to 8 months."),
    ("brightwell", "US", "Brightwell pitchers come with a 5-year warranty."),
    ("brightwell", "US", "Available in more than 9,000 stores across the US."),
    ("brightwell", "US", "Subscribe and save 45% on every cartridge."),
    ("brightwell", "US", "Every purchase comes with a 90-day money-back guarantee."),
    ("ledgerly", "US", "Ledgerly is the number 1 bank in America."),
    ("trailfox", "US", "Our boots are 100% waterproof for life."),
]
SUPPORTED: list[tuple[str, str, str]] = [
    ("brightwell", "US", "The MaxFlow cartridge reduces PFOA and PFOS by up to 94%."),
    ("brightwell", "US", "One Brightwell cartridge lasts up to 2 months."),
    ("brightwell", "US", "Brightwell pitchers and bottles come with a 2-year warranty."),
]


def measure() -> dict[str, list[str]]:
    """{'evasions': [...], 'false_refusals': [...], 'baseline_misses': [...], 'tried': [...]} over the corpus."""
    from guards.claims import check_text  # lazy: start-up (babel)
    from guards.library import load_library  # lazy: start-up (babel)

    out: dict[str, list[str]] = {"evasions": [], "false_refusals": [], "baseline_misses": [], "tried": []}
    libs = {slug: load_library(REPO_ROOT / "brand_library" / slug) for slug, _, _ in UNSUPPORTED + SUPPORTED}

    def verdict(text: str, slug: str, region: str) -> str:
        return check_text(text, libs[slug], region=region, on=ON).verdict

    for slug, region, sentence in UNSUPPORTED:
        if verdict(sentence, slug, region) != "unsupported":
            out["baseline_misses"].append(sentence)  # the corpus itself is wrong, not an evasion
            continue
        for name, evade in EVASIONS.items():
            disguised = evade(sentence)
            if disguised == sentence:
                continue
            out["tried"].append(name)
            if verdict(disguised, slug, region) != "unsupported":
                out["evasions"].append(f"{name}: {disguised!r}")
    for slug, region, sentence in SUPPORTED:
        for name, evade in EVASIONS.items():
            if verdict(evade(sentence), slug, region) != "supported":
                out["false_refusals"].append(f"{name}: {sentence}")
    return out


def run(quick: bool) -> list[Figure]:
    """The evasion figures (the corpus is small: quick and full run the same)."""
    got = measure()
    tried, evasions = len(got["tried"]), len(got["evasions"])
    kinds = len(set(got["tried"]))
    return [
        Figure(
            CAT,
            "corpus: unsupported sentences caught undisguised",
            len(UNSUPPORTED) - len(got["baseline_misses"]),
            not got["baseline_misses"],
            "; ".join(got["baseline_misses"])[:150],
        ),
        Figure(
            CAT,
            f"evasions ({tried} disguised claims, {kinds} kinds)",
            evasions,
            evasions == 0 and kinds == len(EVASIONS),
            "; ".join(got["evasions"])[:150],
        ),
        Figure(
            CAT,
            "supported copy refused when written oddly",
            len(got["false_refusals"]),
            not got["false_refusals"],
            "; ".join(got["false_refusals"])[:150],
        ),
    ]
