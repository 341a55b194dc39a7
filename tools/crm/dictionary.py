"""The CRM data dictionary as data: every contact field, its type, the operators a filter may use, its values.

The segment builder validates filters against it, the Data agent's prompt shows it to the model
(:func:`dictionary_for_prompt`), and ``DATA_DICTIONARY.md`` documents the same fields for people.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from graph.contracts import REGIONS, FilterOp
from graph.contracts.consent import CONSENT_BASES

FieldType = Literal["integer", "number", "date", "category", "ordinal", "tags", "string"]
"""Value type of a field: 'ordinal' is a category with an order, 'tags' a set of labels."""

COUNTRIES_BY_REGION: dict[str, tuple[str, ...]] = {
    "US": ("US",),
    "UK": ("GB",),
    "EU": ("DE", "FR", "ES", "IT", "NL", "IE", "SE", "PL", "BE", "AT"),
    "CA": ("CA",),
    "APAC": ("AU", "JP", "SG", "IN", "NZ", "KR"),
}
"""ISO 3166-1 alpha-2 countries of each region."""

LANGUAGES: tuple[str, ...] = ("en", "es", "fr", "de", "it", "nl", "sv", "pl", "ja", "ko")
"""ISO 639-1 languages contacts communicate in."""

LIFECYCLE_STAGES: tuple[str, ...] = (
    "subscriber",
    "lead",
    "mql",
    "sql",
    "opportunity",
    "customer",
    "evangelist",
)
"""Funnel stages in order (mql/sql = marketing/sales qualified lead)."""

INDUSTRIES: tuple[str, ...] = (
    "software",
    "financial_services",
    "healthcare",
    "retail",
    "manufacturing",
    "education",
    "media",
    "professional_services",
    "public_sector",
    "nonprofit",
)

COMPANY_SIZES: tuple[str, ...] = ("1-10", "11-50", "51-200", "201-1000", "1001-5000", "5001+")
"""Employee-count bands in order."""

INTERESTS: tuple[str, ...] = (
    "analytics",
    "automation",
    "integrations",
    "security",
    "mobile",
    "ai",
    "pricing",
)
"""Product-interest tags a contact may carry (zero to three each)."""

_CAT_OPS: tuple[FilterOp, ...] = ("eq", "ne", "in", "not_in")
_ORD_OPS: tuple[FilterOp, ...] = ("eq", "ne", "in", "not_in", "gt", "gte", "lt", "lte", "between")
_INT_OPS: tuple[FilterOp, ...] = ("eq", "ne", "in", "not_in", "gt", "gte", "lt", "lte", "between")
_NUM_OPS: tuple[FilterOp, ...] = ("gt", "gte", "lt", "lte", "between")
_DATE_OPS: tuple[FilterOp, ...] = ("eq", "gt", "gte", "lt", "lte", "between")


@dataclass(frozen=True)
class FieldSpec:
    """One field of the dictionary.

    Attributes:
        name: Field name used in segment filters.
        type: Value type.
        description: What the field means (shown to the model).
        sql: Whitelisted SQL column the filter compiles to (``c.`` contacts, ``k.`` the channel's consent row).
        ops: Operators a filter may use; empty means the field cannot be filtered on.
        values: Allowed values (category, ordinal in order, tags).
        minimum: Lowest value (numbers).
        maximum: Highest value (numbers).
        pii: True for personal data that never leaves the store except in an export file.
    """

    name: str
    type: FieldType
    description: str
    sql: str
    ops: tuple[FilterOp, ...] = ()
    values: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    pii: bool = False

    @property
    def filterable(self) -> bool:
        """True when segment filters may use the field."""
        return bool(self.ops)

    def as_dict(self) -> dict[str, Any]:
        """Return the field as plain data (for prompts, JSON and docs)."""
        out: dict[str, Any] = {
            "field": self.name,
            "type": self.type,
            "ops": list(self.ops),
            "description": self.description,
        }
        if self.values:
            out["values"] = list(self.values)
        if self.minimum is not None:
            out["min"] = self.minimum
        if self.maximum is not None:
            out["max"] = self.maximum
        if self.pii:
            out["pii"] = True
        return out


_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("contact_id", "integer", "Internal contact id (1..N); never exported.", "c.contact_id"),
    FieldSpec(
        "email", "string", "Email address (synthetic, example.com/.org/.net domains).", "c.email", pii=True
    ),
    FieldSpec("phone", "string", "Mobile number in E.164, or null when unknown.", "c.phone", pii=True),
    FieldSpec("first_name", "string", "Given name.", "c.first_name", pii=True),
    FieldSpec("last_name", "string", "Family name.", "c.last_name", pii=True),
    FieldSpec(
        "region",
        "category",
        "Region partition; must be one of the segment's regions.",
        "c.region",
        _CAT_OPS,
        tuple(REGIONS),
    ),
    FieldSpec(
        "country",
        "category",
        "ISO 3166-1 alpha-2 country.",
        "c.country",
        _CAT_OPS,
        tuple(c for r in REGIONS for c in COUNTRIES_BY_REGION[r]),
    ),
    FieldSpec(
        "language", "category", "ISO 639-1 language the contact reads.", "c.language", _CAT_OPS, LANGUAGES
    ),
    FieldSpec(
        "lifecycle_stage",
        "ordinal",
        "Funnel stage, ordered subscriber < ... < evangelist.",
        "c.lifecycle_stage",
        _ORD_OPS,
        LIFECYCLE_STAGES,
    ),
    FieldSpec(
        "industry", "category", "Industry of the contact's company.", "c.industry", _CAT_OPS, INDUSTRIES
    ),
    FieldSpec(
        "company_size",
        "ordinal",
        "Employee band of the company, ordered small to large.",
        "c.company_size",
        _ORD_OPS,
        COMPANY_SIZES,
    ),
    FieldSpec(
        "lead_score",
        "integer",
        "Lead score 0-100 (higher = more sales-ready).",
        "c.lead_score",
        _INT_OPS,
        minimum=0,
        maximum=100,
    ),
    FieldSpec(
        "lifetime_value",
        "number",
        "Revenue from the contact to date, USD (0 for non-customers).",
        "c.lifetime_value",
        _NUM_OPS,
        minimum=0,
    ),
    FieldSpec(
        "created_at",
        "date",
        "Date the contact entered the CRM (YYYY-MM-DD or '-Nd' = N days ago).",
        "c.created_at",
        _DATE_OPS,
    ),
    FieldSpec(
        "last_activity",
        "date",
        "Date of the last open, click, visit or purchase (YYYY-MM-DD or '-Nd').",
        "c.last_activity",
        _DATE_OPS,
    ),
    FieldSpec(
        "interests",
        "tags",
        "Product interests; 'contains' matches one tag.",
        "c.interests",
        ("contains",),
        INTERESTS,
    ),
    FieldSpec(
        "consent_basis",
        "category",
        "Consent basis recorded for the segment's channel (narrows consent, never widens it).",
        "k.basis",
        _CAT_OPS,
        tuple(b for b in CONSENT_BASES if b != "none"),
    ),
)

FIELDS: dict[str, FieldSpec] = {f.name: f for f in _FIELDS}
"""Every contact field by name, typed (what the segment builder validates against)."""

DATA_DICTIONARY: dict[str, dict[str, Any]] = {
    f.name: {k: v for k, v in f.as_dict().items() if k != "field"} for f in _FIELDS
}
"""The dictionary as plain JSON-ready data: field -> {type, ops, values | min/max, description, pii}.

Fields with no ``ops`` cannot be filtered on (personal data and the internal key)."""


def filterable_fields() -> list[str]:
    """Return the names of the fields segment filters may use."""
    return [name for name, spec in FIELDS.items() if spec.filterable]


def dictionary_for_prompt() -> list[dict[str, Any]]:
    """Return the filterable fields as plain data, ready to show a model (no PII fields)."""
    return [spec.as_dict() for spec in FIELDS.values() if spec.filterable]
