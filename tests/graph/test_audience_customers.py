"""People who already buy from, use, stay with or give to the brand reach the lists as existing customers, however
the brief names them; people who never have do not."""

from __future__ import annotations

import pytest

from graph.brief.audience import map_audience


@pytest.mark.parametrize(
    "audience",
    [
        "existing members aged 25-40 who don't yet hold an ISA with us",
        "couples who have stayed with us before",
        "parents who already use the free Lingomori Kids app",
        "our app users in Leeds",
        "returning guests from last summer",
        "past donors over 60",
        "current policyholders with a second car",
        "existing clients of the practice",
        "previous passengers on the Dover route",
        "members who joined before 2024",
        "people who have booked a class with us",
        "families who already shop with us",
        "our loyal customers",
        "existing customers",
    ],
)
def test_the_brands_own_people_become_a_customer_filter(audience: str) -> None:
    mapping = map_audience(audience, [], {})
    assert [(f.field, f.value) for f in mapping.filters][:1] == [("lifecycle_stage", "customer")], mapping


@pytest.mark.parametrize(
    "audience",
    [
        "people who have never bought from us",
        "young professionals in Berlin",
        "families who buy bottled water",
        "first-time buyers of a home",
        "commuters who cycle to work",
    ],
)
def test_people_new_to_the_brand_are_not_customers(audience: str) -> None:
    mapping = map_audience(audience, [], {})
    assert ("lifecycle_stage", "customer") not in [(f.field, f.value) for f in mapping.filters]
    assert mapping.creative_only
