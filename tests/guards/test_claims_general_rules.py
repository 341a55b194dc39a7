"""The general rule classes of issue 11, each on brands other than the one it was first seen on."""

from __future__ import annotations

from datetime import date

import pytest

from guards.claims import check_text
from tests.guards.brands import library_of

ON = date(2026, 11, 25)


CASES = [
    # superlatives inside a name or an award title are names, not claims
    ("forkfield", "UK", "Forkfield was voted Best Meal Kit at the 2026 Food Delivery Awards.", "supported"),
    ("forkfield", "UK", "Forkfield is the best meal kit in the UK.", "unsupported"),
    ("trailfox", "US", "Trailfox makes the best trail shoe.", "unsupported"),
    (
        "brightwell",
        "UK",
        "Brightwell was named Best Water Filter at the 2026 Home Kitchen Awards.",
        "supported",
    ),
    # time windows by what they promise
    ("trailfox", "US", "Free returns within 30 days of delivery.", "supported"),
    ("trailfox", "US", "Free returns within 90 days of delivery.", "unsupported"),
    ("dermalune", "US", "Orders over $40 ship free in 3 business days.", "supported"),
    ("dermalune", "US", "Orders over $40 ship free in 1 business day.", "unsupported"),
    ("pawtree", "CA", "Within two weeks, dogs fed Pawtree dry food had firmer stools.", "supported"),
    (
        "brightwell",
        "US",
        "Every Brightwell purchase comes with a 60-day money-back guarantee.",
        "unsupported",
    ),
    ("brightwell", "US", "Every Brightwell purchase comes with a 14-day money-back guarantee.", "supported"),
    # a wider place than approved
    ("trailfox", "US", "Available in more than 400 running stores worldwide.", "unsupported"),
    (
        "brightwell",
        "US",
        "Available online and in more than 2,000 stores across North America.",
        "unsupported",
    ),
    ("trailfox", "APAC", "Free returns within 30 days in Australia, Japan and Singapore.", "unsupported"),
    ("trailfox", "APAC", "Free returns within 30 days in Japan.", "supported"),
    # a number inside a product name names the product
    ("trailfox", "US", "The Ridgeline 3 has a 6 mm heel-to-toe drop.", "supported"),
    ("trailfox", "US", "The Ridgeline 3 has a 4 mm heel-to-toe drop.", "unsupported"),
    # unknown words added as a use, an audience or an attribute
    ("dermalune", "US", "Barrier Repair Cream is fragrance-free for newborns.", "unsupported"),
    (
        "brightwell",
        "US",
        "Brightwell cartridges remove up to 99% of lead from tap water for aquariums.",
        "unsupported",
    ),
    ("ledgerly", "US", "Earn 4.10% APY on your premium Ledgerly Savings balance.", "unsupported"),
    # claim-bearing words with no number or trigger
    ("trailfox", "US", "The Ridgeline 3 is suitable for ultramarathons.", "unsupported"),
    ("forkfield", "UK", "The Veggie Box is allergy-safe.", "unsupported"),
    # qualifier strength on numbers
    ("brightwell", "UK", "The Everyday Bottle is made from at least 50% recycled plastic.", "unsupported"),
    ("brightwell", "UK", "The Everyday Bottle is made from 50%+ recycled plastic.", "unsupported"),
    ("brightwell", "US", "Brightwell cartridges remove 99% of lead from tap water.", "unsupported"),
    ("ledgerly", "US", "More than 20,000 App Store reviews rate Ledgerly 4.8 out of 5.", "supported"),
    # rates beyond per / each / every
    (
        "brightwell",
        "UK",
        "Each Brightwell cartridge filters up to 150 litres of water a month.",
        "unsupported",
    ),
    ("forkfield", "UK", "Every Veggie Box recipe has at least 20 g of protein a day.", "unsupported"),
    # award and certification verbs
    (
        "sentrygrid",
        "UK",
        "Sentrygrid was named Best EDR Solution at the 2026 Cyber Defense Awards.",
        "supported",
    ),
    (
        "aeroliss",
        "US",
        "Aeroliss won Best Airline in Southern Europe at the 2026 World Airline Awards.",
        "supported",
    ),
    # negation in a phrase or a question is no negation; a double negation flips back
    (
        "aeroliss",
        "US",
        "Change your Comfort Flex fare at no extra cost up to 24 hours before departure.",
        "supported",
    ),
    ("pawtree", "US", "Every Pawtree recipe is not made without artificial preservatives.", "unsupported"),
    # widened quantifiers and dropped conditions
    ("pawtree", "US", "Save 35% on every Autoship order.", "unsupported"),
    ("pawtree", "US", "Pawtree dental chews reduce plaque build-up by up to 35%.", "unsupported"),
    # restating a claim with no trigger word is a claim
    ("sentrygrid", "US", "EDR Essentials rolls back ransomware changes on Windows endpoints.", "unsupported"),
    ("sentrygrid", "US", "EDR Pro rolls back ransomware changes on Windows endpoints.", "supported"),
    # competitors named anywhere
    (
        "forkfield",
        "UK",
        "Unlike Platewise, you can skip a week or cancel anytime before the weekly cut-off.",
        "unsupported",
    ),
]


@pytest.mark.parametrize(("slug", "region", "text", "expected"), CASES, ids=[c[2][:48] for c in CASES])
def test_rule_class(slug: str, region: str, text: str, expected: str) -> None:
    result = check_text(text, library_of(slug), region=region, on=ON)
    assert result.verdict == expected, result.sentences
