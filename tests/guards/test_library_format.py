"""The library format: pydantic models, the shipped JSON Schemas, backward compatibility."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from graph.contracts import CHANNELS, REGIONS
from graph.runtime.settings import REPO_ROOT
from guards.library import load_library
from guards.library_format import TOPICS, BrandFile, ClaimsFile, json_schemas, schema_text

SCHEMA_DIR = REPO_ROOT / "brand_library" / "schema"
BUNDLED = sorted(p.parent for p in (REPO_ROOT / "brand_library").glob("*/brand.yaml"))
NEW_BRANDS = sorted(p.parent for p in (REPO_ROOT / "evals" / "datasets").glob("**/brand.yaml"))


def test_shipped_schemas_equal_the_generated_ones() -> None:
    generated = json_schemas()
    shipped = {p.name: p.read_text(encoding="utf-8") for p in SCHEMA_DIR.glob("*.schema.json")}
    assert set(shipped) == set(generated) == {"brand.schema.json", "claims.schema.json"}
    for name, schema in generated.items():
        assert shipped[name] == schema_text(schema), (
            f"{name} is stale: regenerate with python -c 'from guards.library_format import write_schemas; from pathlib import Path; "
            "write_schemas(Path('brand_library/schema'))'"
        )


@pytest.mark.parametrize("library", BUNDLED + NEW_BRANDS, ids=lambda p: p.name)
def test_every_bundled_library_loads_and_validates_against_the_shipped_schema(library: Path) -> None:
    lib = load_library(library)
    assert lib.claims
    for file_name in ("brand.yaml", "claims.yaml"):
        schema = json.loads((SCHEMA_DIR / f"{file_name.removesuffix('.yaml')}.schema.json").read_text())
        data = yaml.safe_load((library / file_name).read_text())
        jsonschema.validate(json.loads(json.dumps(data, default=str)), schema)


def test_the_schema_catches_what_the_loader_refuses() -> None:
    schema = json.loads((SCHEMA_DIR / "claims.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    bad = {
        "claims": [{"id": "a", "text": "x", "regions": ["Mars"], "expires": "soon", "topics": ["weather"]}]
    }
    messages = [e.message for e in validator.iter_errors(bad)]
    assert any("'Mars'" in m for m in messages) and any("'weather'" in m for m in messages)
    assert list(validator.iter_errors({"claims": []}))  # empty list
    assert not list(
        validator.iter_errors({"claims": [{"id": "a", "text": "x", "reviewer": "legal"}]})
    )  # extras ok


def test_model_enums_follow_the_contracts() -> None:
    brand = json_schemas()["brand.schema.json"]
    region_spec = brand["$defs"]["RegionSpec"]["properties"]
    assert set(region_spec["channel_disclaimers"]["propertyNames"]["enum"]) == set(CHANNELS)
    assert set(brand["properties"]["regions"]["propertyNames"]["enum"]) == set(REGIONS)
    claims = json_schemas()["claims.schema.json"]
    assert claims["$defs"]["ClaimSpec"]["properties"]["topics"]["items"]["enum"] == list(TOPICS)


def test_models_keep_unknown_keys_and_documented_defaults() -> None:
    brand = BrandFile.model_validate({"name": " Acme ", "mascot": "fox"})
    assert brand.name == "Acme" and brand.regions == {} and brand.products == []
    claims = ClaimsFile.model_validate({"claims": [{"id": "a", "text": "t", "expires": "2026-12-31"}]})
    assert claims.claims[0].expires is not None and claims.claims[0].expires.isoformat() == "2026-12-31"


def test_readme_documents_every_model_field() -> None:
    readme = (REPO_ROOT / "brand_library" / "README.md").read_text()
    for model in (BrandFile, ClaimsFile):
        for name in model.model_fields:
            assert f"`{name}`" in readme, f"brand_library/README.md does not document {model.__name__}.{name}"
