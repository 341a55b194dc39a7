"""Library or hand rules? Measure them on the brief-understanding sets and print the figures.

- Numbers in money: our separator rules (``money.to_number``) vs babel's locale parsers (``to_number_babel``),
  scored on the budget field.
- Country names: pycountry's names (official, common) plus our aliases vs a hand list of 40 common country names,
  scored on the countries and regions fields.

Run: ``python -m evals.brief_libraries`` (seconds; offline).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import yaml

from evals.brief_fields import FieldsExpect, extract_offline, score_fields
from evals.suites import DATASETS_DIR

HAND_COUNTRIES = {
    name.lower(): code
    for code, name in (
        ("US", "United States"),
        ("GB", "United Kingdom"),
        ("IE", "Ireland"),
        ("CA", "Canada"),
        ("MX", "Mexico"),
        ("DE", "Germany"),
        ("FR", "France"),
        ("ES", "Spain"),
        ("PT", "Portugal"),
        ("IT", "Italy"),
        ("NL", "Netherlands"),
        ("BE", "Belgium"),
        ("LU", "Luxembourg"),
        ("AT", "Austria"),
        ("CH", "Switzerland"),
        ("DK", "Denmark"),
        ("SE", "Sweden"),
        ("NO", "Norway"),
        ("FI", "Finland"),
        ("IS", "Iceland"),
        ("PL", "Poland"),
        ("CZ", "Czech Republic"),
        ("GR", "Greece"),
        ("MT", "Malta"),
        ("AU", "Australia"),
        ("NZ", "New Zealand"),
        ("JP", "Japan"),
        ("KR", "South Korea"),
        ("CN", "China"),
        ("IN", "India"),
        ("SG", "Singapore"),
        ("HK", "Hong Kong"),
        ("AE", "United Arab Emirates"),
        ("BR", "Brazil"),
        ("AR", "Argentina"),
        ("ZA", "South Africa"),
        ("TR", "Turkey"),
        ("IL", "Israel"),
        ("MY", "Malaysia"),
        ("TH", "Thailand"),
    )
}


def _cases() -> Iterator[tuple[str, dict[str, Any], date]]:
    for name in ("brief_fields_dev.yaml", "brief_fields_holdout.yaml"):
        data = yaml.safe_load((DATASETS_DIR / name).read_text(encoding="utf-8"))
        for case in data["cases"]:
            yield name.split("_")[-1].split(".")[0], case, date.fromisoformat(data["check_date"])


def _accuracy(fields: tuple[str, ...]) -> dict[str, dict[str, float]]:
    hits: dict[str, dict[str, int]] = {}
    totals: dict[str, int] = {}
    for split, case, today in _cases():
        got = extract_offline(case["brief"], today)
        scores = score_fields(FieldsExpect.model_validate(case["expect"]), got)
        totals[split] = totals.get(split, 0) + 1
        for f in fields:
            hits.setdefault(split, {}).setdefault(f, 0)
            hits[split][f] += int(scores[f][0])
    return {split: {f: hits[split][f] / totals[split] for f in fields} for split in totals}


@contextmanager
def _patched(module: Any, name: str, value: Callable[..., Any]) -> Iterator[None]:
    old = getattr(module, name)
    setattr(module, name, value)
    try:
        yield
    finally:
        setattr(module, name, old)


def _coverage(names: dict[str, str] | None) -> float:
    """Share of ISO 3166 countries (by common name) the index recognises in a sentence."""
    import pycountry  # lazy: start-up (pycountry)

    from graph.models.offline import places  # lazy: start-up (langchain_core)

    known = 0
    countries = list(pycountry.countries)
    for c in countries:
        name = getattr(c, "common_name", None) or c.name
        if names is None:
            found = {
                code for p in places.find_places(f"We launch in {name} next spring.") for code in p.countries
            }
        else:
            found = {names[name.lower()]} if name.lower() in names else set()
        known += c.alpha_2 in found
    return known / len(countries)


def main() -> None:
    """Print budget accuracy (hand vs babel numbers) and countries/regions accuracy (pycountry vs hand names)."""
    from graph.models.offline import money, places  # lazy: start-up (langchain_core)

    print("money numbers (budget field accuracy):")
    for label, fn in (
        ("hand separator rules", money.to_number),
        ("babel parse_decimal", lambda raw, decimal_comma=None: money.to_number_babel(raw)),
    ):
        with _patched(money, "to_number", fn):
            acc = _accuracy(("budget",))
        print(f"  {label:<28} dev {acc['dev']['budget']:.3f}  held-out {acc['holdout']['budget']:.3f}")
    print("country names (countries / regions field accuracy):")
    for label, names in (("pycountry + aliases", None), ("hand list of 40 names", HAND_COUNTRIES)):
        places._country_names.cache_clear()
        places._place_re.cache_clear()
        if names is None:
            acc = _accuracy(("countries", "regions"))
        else:
            with _patched(places, "_country_names", lambda names=names: {**names, **places.ALIASES}):
                places._place_re.cache_clear()
                acc = _accuracy(("countries", "regions"))
        places._place_re.cache_clear()
        coverage = _coverage(names)
        print(
            f"  {label:<28} coverage of ISO 3166 names {coverage:.3f};  dev {acc['dev']['countries']:.3f}/{acc['dev']['regions']:.3f}  held-out "
            f"{acc['holdout']['countries']:.3f}/{acc['holdout']['regions']:.3f}"
        )


if __name__ == "__main__":
    main()
