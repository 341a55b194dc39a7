"""The JSON-path instruction lists fields, shows the answer's shape and carries the schema."""

from __future__ import annotations

import json

from graph.contracts import SegmentDefinition
from graph.models.schema_prompt import json_instruction


def test_instruction_for_nested_contract() -> None:
    text = json_instruction(SegmentDefinition)
    assert '- "channel" (required, one of "email", "sms", "paid_social", "paid_search", "display")' in text
    assert '- "filters" (optional, list of object with keys field, op, value)' in text
    shape = json.loads(text.split("(replace the placeholder values): ", 1)[1])
    assert shape["channel"] == "email" and shape["regions"] == ["US"] and shape["holdout_pct"] == 0.1
    assert SegmentDefinition.model_validate(shape).filters[0].op == "eq"
    assert (
        json.loads(text.split("JSON schema: ", 1)[1].split("\n", 1)[0])
        == SegmentDefinition.model_json_schema()
    )
