"""Filters: each operator selects what it says, and every bad definition is refused with a clear message."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from graph.contracts import SegmentDefinition
from tools.crm.dictionary import (
    COMPANY_SIZES,
    DATA_DICTIONARY,
    FIELDS,
    LIFECYCLE_STAGES,
    dictionary_for_prompt,
)
from tools.crm.segments import SegmentError, build_segment

AS_OF = date(2026, 1, 15)


def definition(
    *filters: dict[str, Any], regions: list[str] | None = None, channel: str = "email"
) -> SegmentDefinition:
    return SegmentDefinition.model_validate(
        {
            "channel": channel,
            "regions": regions or ["US", "EU", "UK"],
            "filters": list(filters),
            "frequency_cap_days": 0,
            "holdout_pct": 0,
        }
    )


def selected(store, *filters: dict[str, Any], **kw: Any) -> set[int]:
    target = build_segment(store, definition(*filters, **kw), campaign_id="f", seed=1, as_of=AS_OF)
    with store.session() as db:
        return {
            r[0]
            for r in db.execute(
                "SELECT contact_id FROM list_members WHERE list_id = ?", [target.id]
            ).fetchall()
        }


def column(store, name: str, ids: set[int]) -> list[Any]:
    with store.session() as db:
        return [
            r[0]
            for r in db.execute(
                f"SELECT {name} FROM contacts WHERE contact_id IN (SELECT unnest(?))", [sorted(ids)]
            ).fetchall()
        ]


def test_ordinal_comparisons_follow_the_declared_order(crm_store) -> None:
    ids = selected(crm_store, {"field": "lifecycle_stage", "op": "gte", "value": "sql"})
    stages = set(column(crm_store, "lifecycle_stage", ids))
    assert stages and stages <= set(LIFECYCLE_STAGES[LIFECYCLE_STAGES.index("sql") :])
    assert "customer" in stages  # alphabetical order would have dropped it
    sizes = set(
        column(
            crm_store,
            "company_size",
            selected(crm_store, {"field": "company_size", "op": "between", "value": ["11-50", "201-1000"]}),
        )
    )
    assert sizes == {"11-50", "51-200", "201-1000"}
    assert COMPANY_SIZES.index("5001+") == len(COMPANY_SIZES) - 1


def test_numbers_dates_tags_and_sets(crm_store) -> None:
    everyone = selected(crm_store)
    high = selected(crm_store, {"field": "lead_score", "op": "gt", "value": 60})
    assert high and high < everyone and min(column(crm_store, "lead_score", high)) > 60
    recent = selected(crm_store, {"field": "last_activity", "op": "gte", "value": "-30d"})
    assert recent and min(column(crm_store, "last_activity", recent)) >= AS_OF - timedelta(days=30)
    iso = selected(
        crm_store, {"field": "last_activity", "op": "gte", "value": (AS_OF - timedelta(days=30)).isoformat()}
    )
    assert iso == recent
    ai = selected(crm_store, {"field": "interests", "op": "contains", "value": "ai"})
    assert ai and all(",ai," in t for t in column(crm_store, "interests", ai))
    de = selected(crm_store, {"field": "country", "op": "in", "value": ["DE", "AT"]})
    assert set(column(crm_store, "country", de)) == {"DE", "AT"}
    not_en = selected(crm_store, {"field": "language", "op": "ne", "value": "en"})
    assert "en" not in set(column(crm_store, "language", not_en)) and not_en
    rich = selected(crm_store, {"field": "lifetime_value", "op": "between", "value": [1000, 5000.5]})
    assert rich and all(1000 <= v <= 5000.5 for v in column(crm_store, "lifetime_value", rich))
    both = selected(
        crm_store,
        {"field": "lead_score", "op": "gt", "value": 60},
        {"field": "interests", "op": "contains", "value": "ai"},
    )
    assert both == high & ai  # filters are AND-ed


def test_consent_basis_filter_narrows_consent(crm_store) -> None:
    doi = selected(
        crm_store, {"field": "consent_basis", "op": "eq", "value": "double_opt_in"}, regions=["EU"]
    )
    with crm_store.session() as db:
        bases = {
            r[0]
            for r in db.execute(
                "SELECT basis FROM consent WHERE channel = 'email' AND contact_id IN (SELECT unnest(?))",
                [sorted(doi)],
            ).fetchall()
        }
    assert bases == {"double_opt_in"}
    li_us = selected(
        crm_store,
        {"field": "consent_basis", "op": "eq", "value": "legitimate_interest"},
        regions=["US", "EU"],
    )
    assert set(column(crm_store, "region", li_us)) == {"US"}


def test_filtered_contacts_are_counted_as_excluded_by_filters(crm_store) -> None:
    target = build_segment(
        crm_store,
        definition({"field": "lead_score", "op": "gte", "value": 90}),
        campaign_id="f",
        seed=1,
        as_of=AS_OF,
    )
    plain = build_segment(crm_store, definition(), campaign_id="f", seed=1, as_of=AS_OF)
    assert target.excluded["filters"] > 0
    assert target.eligible + sum(target.excluded.values()) == plain.eligible + sum(plain.excluded.values())


BAD: list[tuple[dict[str, Any], str]] = [
    ({"field": "shoe_size", "op": "eq", "value": 9}, "unknown field 'shoe_size'"),
    ({"field": "email", "op": "eq", "value": "a@b.c"}, "personal data"),
    ({"field": "contact_id", "op": "eq", "value": 3}, "internal key"),
    ({"field": "industry", "op": "gt", "value": "retail"}, "operator 'gt' is not allowed on 'industry'"),
    ({"field": "interests", "op": "eq", "value": "ai"}, "operator 'eq' is not allowed"),
    ({"field": "industry", "op": "eq", "value": "mining"}, "'mining' is not a value of 'industry'"),
    ({"field": "industry", "op": "eq", "value": 3}, "must be a string"),
    ({"field": "industry", "op": "in", "value": []}, "the list is empty"),
    ({"field": "industry", "op": "in", "value": "retail"}, "must be a list"),
    ({"field": "lead_score", "op": "gt", "value": "high"}, "must be a number"),
    ({"field": "lead_score", "op": "gt", "value": True}, "must be a number"),
    ({"field": "lead_score", "op": "eq", "value": 50.5}, "whole numbers"),
    ({"field": "lead_score", "op": "between", "value": [80, 20]}, "low 80 is above high 20"),
    ({"field": "lead_score", "op": "between", "value": [1, 2, 3]}, "[low, high]"),
    ({"field": "lead_score", "op": "gt", "value": 100}, "impossible filters on 'lead_score'"),
    ({"field": "company_size", "op": "gt", "value": "5001+"}, "impossible filters on 'company_size'"),
    ({"field": "last_activity", "op": "gte", "value": "last week"}, "must be a date"),
    ({"field": "last_activity", "op": "between", "value": ["2025-02-01", "2025-01-01"]}, "above high"),
    ({"field": "region", "op": "eq", "value": "APAC"}, "can never match in this segment"),
    ({"field": "region", "op": "eq", "value": "Mars"}, "not a value of 'region'"),
    ({"field": "country", "op": "in", "value": ["JP"]}, "the segment's regions are US, EU, UK"),
    ({"field": "consent_basis", "op": "eq", "value": "none"}, "not a value of 'consent_basis'"),
]


@pytest.mark.parametrize(("flt", "message"), BAD, ids=[f"{b[0]['field']}-{b[0]['op']}" for b in BAD])
def test_bad_filter_is_refused(crm_store, flt: dict[str, Any], message: str) -> None:
    with pytest.raises(SegmentError, match=message.replace("[", r"\[").replace("]", r"\]")):
        build_segment(crm_store, definition(flt), campaign_id="bad", seed=1, as_of=AS_OF)


CONTRADICTIONS: list[tuple[list[dict[str, Any]], str]] = [
    (
        [{"field": "lead_score", "op": "gt", "value": 10}, {"field": "lead_score", "op": "lt", "value": 5}],
        "gt 10 and lt 5",
    ),
    (
        [{"field": "lead_score", "op": "gt", "value": 10}, {"field": "lead_score", "op": "lt", "value": 11}],
        "lead_score",
    ),
    (
        [{"field": "lead_score", "op": "eq", "value": 7}, {"field": "lead_score", "op": "ne", "value": 7}],
        "lead_score",
    ),
    (
        [
            {"field": "lead_score", "op": "in", "value": [1, 2]},
            {"field": "lead_score", "op": "gte", "value": 3},
        ],
        "lead_score",
    ),
    (
        [
            {"field": "industry", "op": "eq", "value": "retail"},
            {"field": "industry", "op": "eq", "value": "media"},
        ],
        "industry",
    ),
    (
        [
            {"field": "industry", "op": "in", "value": ["retail"]},
            {"field": "industry", "op": "not_in", "value": ["retail"]},
        ],
        "industry",
    ),
    (
        [
            {"field": "lifecycle_stage", "op": "lt", "value": "lead"},
            {"field": "lifecycle_stage", "op": "gt", "value": "sql"},
        ],
        "lifecycle_stage",
    ),
    (
        [
            {"field": "lifetime_value", "op": "gt", "value": 500},
            {"field": "lifetime_value", "op": "lte", "value": 500},
        ],
        "lifetime_value",
    ),
    ([{"field": "lifetime_value", "op": "lt", "value": 0}], "lifetime_value"),
    (
        [
            {"field": "created_at", "op": "gt", "value": "2025-01-01"},
            {"field": "created_at", "op": "lt", "value": "2025-01-02"},
        ],
        "created_at",
    ),
    (
        [
            {"field": "region", "op": "ne", "value": "US"},
            {"field": "region", "op": "not_in", "value": ["EU", "UK"]},
        ],
        "region",
    ),
]


@pytest.mark.parametrize(
    ("filters", "message"), CONTRADICTIONS, ids=[str(i) for i in range(len(CONTRADICTIONS))]
)
def test_contradictory_filters_are_impossible(crm_store, filters: list[dict[str, Any]], message: str) -> None:
    with pytest.raises(SegmentError, match="impossible filters") as info:
        build_segment(crm_store, definition(*filters), campaign_id="bad", seed=1, as_of=AS_OF)
    assert message in str(info.value)


def test_near_contradictions_are_allowed(crm_store) -> None:
    ok = [
        [
            {"field": "lead_score", "op": "gte", "value": 10},
            {"field": "lead_score", "op": "lte", "value": 10},
        ],
        [
            {"field": "lifetime_value", "op": "gte", "value": 500},
            {"field": "lifetime_value", "op": "lte", "value": 500},
        ],
        [
            {"field": "lead_score", "op": "in", "value": [1, 50]},
            {"field": "lead_score", "op": "ne", "value": 1},
        ],
    ]
    for filters in ok:
        build_segment(crm_store, definition(*filters), campaign_id="ok", seed=1, as_of=AS_OF)


def test_legitimate_interest_filter_on_eu_email_is_impossible(crm_store) -> None:
    with pytest.raises(SegmentError, match="email in EU accepts only opt_in, double_opt_in"):
        build_segment(
            crm_store,
            definition(
                {"field": "consent_basis", "op": "eq", "value": "legitimate_interest"}, regions=["EU"]
            ),
            campaign_id="bad",
            seed=1,
            as_of=AS_OF,
        )


def test_segment_error_is_a_value_error_and_nothing_is_stored(crm_store) -> None:
    before = crm_store.list_ids()
    with pytest.raises(ValueError):
        build_segment(
            crm_store,
            definition({"field": "nope", "op": "eq", "value": 1}),
            campaign_id="bad",
            seed=1,
            as_of=AS_OF,
        )
    assert crm_store.list_ids() == before
    with pytest.raises(SegmentError, match="campaign_id"):
        build_segment(crm_store, definition(), campaign_id=" ", seed=1, as_of=AS_OF)


def test_dictionary_as_data() -> None:
    assert set(DATA_DICTIONARY) == set(FIELDS)
    assert DATA_DICTIONARY["company_size"]["values"] == list(COMPANY_SIZES)
    assert DATA_DICTIONARY["email"]["ops"] == [] and DATA_DICTIONARY["email"]["pii"] is True
    assert DATA_DICTIONARY["lead_score"] == {
        "type": "integer",
        "ops": list(FIELDS["lead_score"].ops),
        "min": 0,
        "max": 100,
        "description": FIELDS["lead_score"].description,
    }
    shown = {f["field"] for f in dictionary_for_prompt()}
    assert "email" not in shown and "phone" not in shown and "lifecycle_stage" in shown
    import json

    json.dumps(DATA_DICTIONARY)  # plain data, ready for a prompt payload
